/* At-risk list: the bulk form's boxes — "select all on this page", the count selected, the choice the fields
   belong to (typing an owner picks Assign, a day or a reason picks Snooze); nothing is sent without a box ticked. */
(() => {
  "use strict";
  var form = document.getElementById("bulk-form");
  var all = document.getElementById("select-page");
  if (!form || !all) return;
  var boxes = Array.from(document.querySelectorAll('input[name="ids"][form="bulk-form"]'));
  var countText = document.getElementById("bulk-count");
  var submit = document.getElementById("bulk-submit");

  function update() {
    var n = boxes.filter((b) => b.checked).length;
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
    countText.textContent = n === 0 ? "(none selected yet)" : n === 1 ? "(1 selected)" : `(${n} selected)`;
    submit.disabled = n === 0;
  }
  all.addEventListener("change", () => {
    boxes.forEach((b) => {
      b.checked = all.checked;
    });
    update();
  });
  boxes.forEach((b) => {
    b.addEventListener("change", update);
  });
  function choose(id) {
    return () => {
      document.getElementById(id).checked = true;
    };
  }
  ["bulk-until", "bulk-reason"].forEach((id) => {
    document.getElementById(id).addEventListener("input", choose("bulk-snooze"));
  });
  document.getElementById("bulk-owner").addEventListener("input", choose("bulk-assign"));
  update();
})();
