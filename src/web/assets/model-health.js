/* Model page, model health: realised AUC and at-risk precision by run beside the AUC the model promised, and the bins of each
   drifted feature (training vs the newest run). Data from the page's JSON (data.health). */
(() => {
  "use strict";
  var C = window.RetainCharts;
  var d = C.readData();
  var h = d?.health;
  if (!h) return;
  var when = (s) => Date.parse(`${s}T00:00:00Z`);
  var points = (key) => h.series.map((r) => ({ x: when(r.asOf), y: r[key] }));
  var line = (label, key, color, dashed) => ({
    label: label,
    data: points(key),
    borderColor: color,
    backgroundColor: color,
    borderDash: dashed ? [6, 4] : [],
    pointRadius: dashed ? 0 : 4,
    showLine: true,
    spanGaps: true,
  });
  var xs = h.series.map((r) => when(r.asOf));
  var pad = 7 * 86400000; /* a week either side, so the first and last runs are not on the frame */
  if (xs.length) {
    C.draw("realised-chart", {
      type: "scatter",
      data: {
        datasets: [
          line("realised AUC", "auc", C.palette[0], false),
          line("at-risk precision", "precision", C.palette[2], false),
          line("test AUC promised", "testAuc", C.palette[0], true),
          line("validation AUC promised", "validationAuc", C.palette[4], true),
        ],
      },
      options: {
        scales: {
          x: Object.assign(C.dateAxis(Math.min.apply(null, xs) - pad, Math.max.apply(null, xs) + pad), {
            title: { display: true, text: "run as-of date" },
          }),
          y: { min: 0, max: 1, title: { display: true, text: "AUC / precision" } },
        },
        plugins: { tooltip: C.dateTooltip },
      },
    });
  }
  h.drifted.forEach((f, i) => {
    C.draw(`drift-chart-${i}`, {
      type: "bar",
      data: {
        labels: f.labels,
        datasets: [
          { label: "training window", data: f.training.map((s) => s * 100), backgroundColor: C.palette[7] },
          { label: "this run", data: f.run.map((s) => s * 100), backgroundColor: C.palette[1] },
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: `${f.name} (training quantile bins)` } },
          y: { beginAtZero: true, title: { display: true, text: "customers (%)" } },
        },
      },
    });
  });
})();
