/* Shared chart helpers for the dashboard pages (Chart.js 4 UMD is loaded before this file).
   Page data comes from <script type="application/json" id="page-data">: no inline scripts. */
(() => {
  "use strict";
  var palette = ["#1f5fbf", "#b3261e", "#2e7d32", "#a15c00", "#6a3fb5", "#00838f", "#ad1457", "#5d4037"];

  function readData() {
    var el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent || "null") : null;
  }

  /* Draws each dataset's `intervals` ([{ lo, hi }] in the value axis' units) as whiskers with caps. */
  var whiskers = {
    id: "whiskers",
    afterDatasetsDraw: (chart) => {
      var ctx = chart.ctx;
      var horizontal = chart.options.indexAxis === "y";
      var scale = horizontal ? chart.scales.x : chart.scales.y;
      chart.data.datasets.forEach((ds, i) => {
        var meta = chart.getDatasetMeta(i);
        if (!ds.intervals || meta.hidden) return;
        ctx.save();
        ctx.strokeStyle = "#1d2430";
        ctx.lineWidth = 1.5;
        meta.data.forEach((el, j) => {
          var iv = ds.intervals[j];
          if (!iv || iv.lo === null || iv.hi === null || iv.lo === undefined) return;
          var a = scale.getPixelForValue(iv.lo);
          var b = scale.getPixelForValue(iv.hi);
          var c = horizontal ? el.y : el.x;
          var cap = 5;
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, c);
            ctx.lineTo(b, c);
            ctx.moveTo(a, c - cap);
            ctx.lineTo(a, c + cap);
            ctx.moveTo(b, c - cap);
            ctx.lineTo(b, c + cap);
          } else {
            ctx.moveTo(c, a);
            ctx.lineTo(c, b);
            ctx.moveTo(c - cap, a);
            ctx.lineTo(c + cap, a);
            ctx.moveTo(c - cap, b);
            ctx.lineTo(c + cap, b);
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };

  function pct(v) {
    return v === null || v === undefined ? "–" : `${Number(v).toFixed(1)} %`;
  }

  /* Shares (percent) as points with their 95 % interval whiskers; rows: [{ label, rate, lo, hi, n }].
     The value axis spans the intervals (not 0–100), so close shares stay tellable apart;
     a row with n = 0 has no point and no whisker. */
  function shareBars(id, rows, options) {
    options = options || {};
    var horizontal = Boolean(options.horizontal);
    var shown = rows.filter((r) => r.n > 0 && r.rate !== null);
    var lows = shown.map((r) => r.lo);
    var highs = shown.map((r) => r.hi);
    var min = shown.length ? Math.max(0, Math.floor(Math.min.apply(null, lows) / 5) * 5 - 5) : 0;
    var max = shown.length ? Math.min(100, Math.ceil(Math.max.apply(null, highs) / 5) * 5 + 5) : 100;
    var valueAxis = { min: min, max: max, title: { display: true, text: options.axisTitle || "retained (%)" } };
    var categoryAxis = { ticks: { autoSkip: false }, offset: true };
    return draw(id, {
      type: "line",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            label: options.label || "retained",
            data: rows.map((r) => (r.n > 0 ? r.rate : null)),
            intervals: rows.map((r) => (r.n > 0 ? { lo: r.lo, hi: r.hi } : null)),
            showLine: false,
            pointRadius: 5,
            pointHoverRadius: 7,
            clip: false,
            borderColor: options.color || palette[0],
            backgroundColor: options.color || palette[0],
          },
        ],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        aspectRatio: options.aspectRatio || 2,
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { y: valueAxis, x: categoryAxis },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                var r = rows[item.dataIndex];
                return `${pct(r.rate)} (95 %: ${pct(r.lo)}–${pct(r.hi)}, n = ${r.n})`;
              },
            },
          },
        },
      },
      plugins: [whiskers],
    });
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /* A linear x axis over time in ms (no date adapter needed): points sit at their real dates, ticks read as days. */
  function dateAxis(min, max) {
    return {
      type: "linear",
      min: min,
      max: max,
      ticks: { maxTicksLimit: 6, callback: (v) => isoDay(v) },
    };
  }

  /* Tooltip options that title a point by its day (for charts on dateAxis). */
  var dateTooltip = { callbacks: { title: (items) => (items.length ? isoDay(items[0].parsed.x) : "") } };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    return new window.Chart(canvas, config);
  }

  if (window.Chart) {
    window.Chart.defaults.animation = false;
    window.Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    window.Chart.defaults.color = "#3c4656";
    window.Chart.defaults.aspectRatio = 2;
  }
  window.RetainCharts = {
    palette: palette,
    readData: readData,
    whiskers: whiskers,
    draw: draw,
    shareBars: shareBars,
    dateAxis: dateAxis,
    dateTooltip: dateTooltip,
    isoDay: isoDay,
    pct: pct,
  };
})();
