/* Customer page: risk-history and usage charts, and the CSM actions (owner, snooze, note, contacted) through the API. */
(() => {
  "use strict";
  var C = window.RetainCharts;
  var data = C.readData();
  if (!data) return;
  var base = `/api/v1/customers/${encodeURIComponent(data.customerId)}`;

  // Risk over real time: x is the run's date (runs a month apart sit a month apart), with the at-risk cutoff.
  var known = data.risk.filter((p) => p.threshold !== null);
  var lastCutoff = known.length ? known[known.length - 1].threshold : null;
  var riskSets = [
    {
      label: "churn probability",
      data: data.risk.map((p) => ({ x: p.t, y: p.probability * 100 })),
      borderColor: C.palette[1],
      backgroundColor: C.palette[1],
      pointRadius: 3,
    },
  ];
  var times = data.risk.map((p) => p.t);
  var pad = times.length > 1 ? 0 : 7 * 864e5;
  var xMin = Math.min.apply(null, times) - pad;
  var xMax = Math.max.apply(null, times) + pad;
  if (lastCutoff !== null) {
    // Each run's cutoff holds until the next run; the line spans the whole axis, so one run still draws it.
    const cutoffs = data.risk.map((p) => ({ x: p.t, y: (p.threshold === null ? lastCutoff : p.threshold) * 100 }));
    riskSets.push({
      label: "at-risk threshold",
      data: [{ x: xMin, y: cutoffs[0].y }, ...cutoffs, { x: xMax, y: cutoffs[cutoffs.length - 1].y }],
      borderColor: C.palette[3],
      backgroundColor: C.palette[3],
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      stepped: "after",
    });
  }
  C.draw("risk-chart", {
    type: "line",
    data: { datasets: riskSets },
    options: {
      scales: {
        x: C.dateAxis(xMin, xMax),
        y: { min: 0, max: 100, title: { display: true, text: "probability (%)" } },
      },
      plugins: { legend: { display: lastCutoff !== null }, tooltip: C.dateTooltip },
    },
  });

  // One small chart per usage metric, each with its own axis, over the active days only (signup to churn).
  var from = Date.parse(`${data.usage.from}T00:00:00Z`);
  var first = data.usage.activeFrom ? Date.parse(`${data.usage.activeFrom}T00:00:00Z`) : null;
  var last = data.usage.activeTo ? Date.parse(`${data.usage.activeTo}T00:00:00Z`) : null;
  data.usage.metrics.forEach((m, k) => {
    if (first === null) return;
    var points = [];
    m.values.forEach((v, i) => {
      var t = from + i * 864e5;
      if (t >= first && t <= last) points.push({ x: t, y: v });
    });
    var counts = points.every((p) => Number.isInteger(p.y));
    C.draw(`usage-chart-${k}`, {
      type: "line",
      data: {
        datasets: [
          {
            label: m.metric,
            data: points,
            borderColor: C.palette[k % C.palette.length],
            backgroundColor: C.palette[k % C.palette.length],
            pointRadius: 0,
            borderWidth: 1.5,
          },
        ],
      },
      options: {
        aspectRatio: 3.2,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        scales: {
          x: C.dateAxis(first, last),
          y: {
            beginAtZero: true,
            ticks: counts ? { precision: 0 } : {},
            title: { display: true, text: m.gauge ? `${m.metric} per day` : m.metric },
          },
        },
        plugins: { legend: { display: false }, tooltip: C.dateTooltip },
      },
    });
  });

  var status = document.getElementById("action-status");
  var flash = sessionStorage.getItem("retain-flash");
  if (flash && status) {
    status.textContent = flash;
    sessionStorage.removeItem("retain-flash");
  }

  function call(method, path, body) {
    var init = { method: method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then((res) =>
      res.text().then((text) => {
        var json = text ? JSON.parse(text) : null;
        if (!res.ok) throw new Error(json?.error ? json.error.message : `HTTP ${res.status}`);
        return json;
      }),
    );
  }

  // Runs one action with its controls disabled: reloads with a flash message, or says why it failed.
  function save(controls, run, done) {
    controls.forEach((c) => {
      c.disabled = true;
    });
    status.classList.remove("failed");
    status.textContent = "Saving…";
    run()
      .then(() => {
        sessionStorage.setItem("retain-flash", done);
        window.location.reload();
      })
      .catch((error) => {
        status.classList.add("failed");
        status.textContent = `Not saved: ${error.message}`;
        controls.forEach((c) => {
          c.disabled = false;
        });
      });
  }

  function act(form, run, done) {
    if (!form) return;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save(form.querySelectorAll("button"), run, done);
    });
  }

  function value(id) {
    return document.getElementById(id).value;
  }

  act(
    document.getElementById("owner-form"),
    () => call("PUT", `${base}/owner`, { email: value("owner-email") }),
    "Owner assigned.",
  );
  act(
    document.getElementById("snooze-form"),
    () => {
      var reason = value("snooze-reason").trim();
      var body = { days: Number(value("snooze-days")) };
      if (reason) body.reason = reason;
      return call("POST", `${base}/snooze`, body);
    },
    "Snoozed: off the at-risk list, no follow-ups until then.",
  );
  act(
    document.getElementById("note-form"),
    () => call("POST", `${base}/notes`, { body: value("note-body") }),
    "Note added.",
  );
  act(
    document.getElementById("contacted-form"),
    () => call("POST", `${base}/contacted`, { channel: value("contact-channel") }),
    "Marked contacted.",
  );

  // A note's author edits it in place: the body becomes a textarea with Save and Cancel.
  document.querySelectorAll("button.note-edit").forEach((edit) => {
    edit.addEventListener("click", () => {
      var item = edit.closest("li");
      var body = item.querySelector(".note-body");
      var form = document.createElement("form");
      form.className = "stack note-edit-form";
      var area = document.createElement("textarea");
      area.name = "body";
      area.rows = 3;
      area.maxLength = 5000;
      area.required = true;
      area.value = body.textContent;
      area.setAttribute("aria-label", "Edit the note");
      var saveButton = document.createElement("button");
      saveButton.type = "submit";
      saveButton.textContent = "Save note";
      form.append(area, saveButton);
      body.replaceWith(form);
      edit.hidden = true;
      area.focus();
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        var id = edit.getAttribute("data-note-id");
        save([saveButton], () => call("PUT", `${base}/notes/${id}`, { body: area.value }), "Note edited.");
      });
    });
  });

  function button(id, run, done) {
    var el = document.getElementById(id);
    if (!el) return;
    el.addEventListener("click", () => {
      save([el], run, done);
    });
  }
  button("owner-clear", () => call("PUT", `${base}/owner`, { email: null }), "Back to the imported owner.");
  button("unsnooze", () => call("DELETE", `${base}/snooze`), "Snooze ended.");
})();
