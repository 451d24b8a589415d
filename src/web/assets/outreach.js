/* Outreach page charts: retention by arm with 95 % intervals; suppressed follow-ups by reason. */
(() => {
  "use strict";
  var C = window.RetainCharts;
  var d = C.readData();
  if (!d) return;
  C.shareBars("arms-chart", d.arms, { axisTitle: "retained at the end of the window (%)", color: C.palette[0] });
  C.draw("suppressed-chart", {
    type: "bar",
    data: {
      labels: d.suppressed.map((s) => s.reason),
      datasets: [
        {
          label: "follow-ups",
          data: d.suppressed.map((s) => s.n),
          backgroundColor: C.palette[3],
        },
      ],
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
