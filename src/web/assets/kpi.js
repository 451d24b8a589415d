/* KPI page charts: CRR, churn, CSAT/NPS by month; retention by resolution time, channel and agent with 95 % intervals. */
(() => {
  "use strict";
  var C = window.RetainCharts;
  var d = C.readData();
  if (!d) return;
  var percentAxis = (text) => ({ min: 0, max: 100, title: { display: true, text: text } });

  C.draw("crr-chart", {
    type: "bar",
    data: {
      labels: d.months,
      datasets: [
        { label: "CRR (retained ÷ cohort)", data: d.crr, backgroundColor: C.palette[0] },
        {
          label: "retained ÷ decided",
          data: d.crrDecided.map((s) => (s ? s.rate : null)),
          backgroundColor: C.palette[2],
          intervals: d.crrDecided.map((s) => (s && s.n > 0 ? { lo: s.lo, hi: s.hi } : null)),
        },
      ],
    },
    options: { scales: { y: percentAxis("%") } },
    plugins: [C.whiskers],
  });

  C.draw("churn-chart", {
    type: "bar",
    data: {
      labels: d.months,
      datasets: [
        { type: "bar", label: "churn rate", data: d.churn, backgroundColor: C.palette[1], yAxisID: "y" },
        {
          type: "line",
          label: "retention rate",
          data: d.retention,
          borderColor: C.palette[2],
          backgroundColor: C.palette[2],
          yAxisID: "y1",
        },
      ],
    },
    options: {
      scales: {
        y: { beginAtZero: true, title: { display: true, text: "churn (%)" } },
        y1: {
          position: "right",
          suggestedMax: 100,
          title: { display: true, text: "retention (%)" },
          grid: { drawOnChartArea: false },
        },
      },
    },
  });

  C.draw("satisfaction-chart", {
    type: "line",
    data: {
      labels: d.months,
      datasets: [
        { label: "CSAT (% 4–5)", data: d.csat, borderColor: C.palette[0], backgroundColor: C.palette[0], yAxisID: "y" },
        { label: "NPS", data: d.nps, borderColor: C.palette[3], backgroundColor: C.palette[3], yAxisID: "y1" },
      ],
    },
    options: {
      scales: {
        y: percentAxis("CSAT (%)"),
        y1: {
          position: "right",
          min: -100,
          max: 100,
          title: { display: true, text: "NPS" },
          grid: { drawOnChartArea: false },
        },
      },
    },
  });

  C.shareBars("resolution-chart", d.buckets, { axisTitle: "retained (%)" });
  C.shareBars("channel-chart", d.channels, { axisTitle: "retained (%)", color: C.palette[5] });
  C.shareBars("agents-chart", d.agents, {
    horizontal: true,
    axisTitle: "customers who stayed (%)",
    color: C.palette[4],
    aspectRatio: 1.3,
  });
})();
