/* Model page: ROC, calibration, lift and importance charts; promote and rollback buttons (admins only; the API checks the role). */
(() => {
  "use strict";
  var C = window.RetainCharts;
  var d = C.readData();
  /* The ROC chart's diagonal is a random ranking; the calibration chart's is a perfectly calibrated model. */
  var diagonal = (label) => ({
    label: label,
    data: [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ],
    borderColor: "#9aa5b4",
    borderDash: [4, 4],
    pointRadius: 0,
    showLine: true,
  });
  var unit = (text) => ({ type: "linear", min: 0, max: 1, title: { display: true, text: text } });

  var bins = d ? d.curves.calibration.filter((b) => b.count > 0) : [];

  if (d) {
    C.draw("roc-chart", {
      type: "scatter",
      data: {
        datasets: [
          {
            label: "ROC",
            data: d.curves.roc.map((p) => ({ x: p.fpr, y: p.tpr })),
            borderColor: C.palette[0],
            backgroundColor: C.palette[0],
            showLine: true,
            pointRadius: 0,
          },
          diagonal("chance"),
        ],
      },
      options: { scales: { x: unit("false positive rate"), y: unit("true positive rate") } },
    });
    C.draw("calibration-chart", {
      type: "scatter",
      data: {
        datasets: [
          {
            label: "observed",
            data: bins.map((b) => ({ x: b.meanPredicted, y: b.observedRate })),
            borderColor: C.palette[1],
            backgroundColor: C.palette[1],
            showLine: true,
            pointRadius: 4,
          },
          diagonal("perfect calibration"),
        ],
      },
      options: {
        scales: { x: unit("mean predicted probability"), y: unit("observed churn rate") },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                if (item.datasetIndex !== 0) return item.dataset.label;
                var b = bins[item.dataIndex];
                return `predicted ${C.pct(b.meanPredicted * 100)}, observed ${C.pct(b.observedRate * 100)}, n = ${b.count}`;
              },
            },
          },
        },
      },
    });
    C.draw("lift-chart", {
      type: "line",
      data: {
        labels: d.curves.lift.map((r) => `${Math.round(r.depth * 100)} %`),
        datasets: [
          {
            label: "cumulative lift",
            data: d.curves.lift.map((r) => r.cumulativeLift),
            borderColor: C.palette[0],
            backgroundColor: C.palette[0],
            yAxisID: "y",
          },
          {
            label: "churners found (%)",
            data: d.curves.lift.map((r) => r.capture * 100),
            borderColor: C.palette[2],
            backgroundColor: C.palette[2],
            yAxisID: "y1",
          },
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: "customers contacted, highest risk first" } },
          y: { beginAtZero: true, title: { display: true, text: "lift" } },
          y1: {
            position: "right",
            min: 0,
            max: 100,
            grid: { drawOnChartArea: false },
            title: { display: true, text: "found (%)" },
          },
        },
      },
    });
    C.draw("importance-chart", {
      type: "bar",
      data: {
        labels: d.importance.map((i) => i.label),
        datasets: [
          {
            label: "ROC AUC lost when shuffled",
            data: d.importance.map((i) => i.importance),
            backgroundColor: C.palette[4],
          },
        ],
      },
      options: {
        indexAxis: "y",
        aspectRatio: 1.4,
        scales: { x: { beginAtZero: true, title: { display: true, text: "validation ROC AUC lost when shuffled" } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { afterLabel: (item) => d.importance[item.dataIndex].feature } },
        },
      },
    });
  }

  var status = document.getElementById("model-status");
  var flash = sessionStorage.getItem("retain-flash");
  if (flash && status) {
    status.textContent = flash;
    sessionStorage.removeItem("retain-flash");
  }
  function post(path, body, done) {
    status.classList.remove("failed");
    status.textContent = "Working…";
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
      .then((res) =>
        res.json().then((json) => {
          if (!res.ok) throw new Error(json.error ? json.error.message : `HTTP ${res.status}`);
          return json;
        }),
      )
      .then((json) => {
        sessionStorage.setItem("retain-flash", done(json));
        window.location.reload();
      })
      .catch((error) => {
        status.classList.add("failed");
        status.textContent = `Not done: ${error.message}`;
      });
  }
  document.querySelectorAll("button.promote").forEach((b) => {
    b.addEventListener("click", () => {
      var version = b.getAttribute("data-version");
      var force = document.getElementById("force").checked;
      if (!window.confirm(`Make ${version} the active model${force ? " (forced)" : ""}?`)) return;
      post(
        `/api/v1/models/${encodeURIComponent(version)}/promote`,
        { force: force },
        (r) => `Promoted ${r.version}${r.previous ? ` (was ${r.previous})` : ""}.`,
      );
    });
  });
  document.querySelectorAll("button.ack-alert").forEach((b) => {
    b.addEventListener("click", () => {
      var id = b.getAttribute("data-alert");
      post(`/api/v1/models/alerts/${encodeURIComponent(id)}/acknowledge`, {}, () => "Alert acknowledged.");
    });
  });
  var rollback = document.getElementById("rollback");
  if (rollback) {
    rollback.addEventListener("click", () => {
      if (!window.confirm("Return to the model that was active before?")) return;
      post("/api/v1/models/rollback", {}, (r) => `Rolled back to ${r.version} (from ${r.from}).`);
    });
  }
})();
