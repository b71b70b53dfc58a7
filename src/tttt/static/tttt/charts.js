// The public figures page's chart, on the vendored Chart.js: bars per period from the page's
// JSON (#figures-chart-data: labels, series of {label, data}), numbers in Vietnamese.
(function () {
  var canvas = document.getElementById("figures-chart");
  var source = document.getElementById("figures-chart-data");
  if (!canvas || !source || !window.Chart) return;
  var chart = JSON.parse(source.textContent);
  var colours = ["#1d6f8f", "#2e8b57", "#b23b3b", "#8a6d1d"];
  var number = new Intl.NumberFormat("vi-VN");
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: chart.labels,
      datasets: chart.series.map(function (s, i) {
        return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
      })
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      locale: "vi-VN",
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
  canvas.dataset.ready = "1";
})();

// The overview's small trend charts (#overview-charts: [{id, labels, data}]): bars, no axes,
// the period and figure on hover.
(function () {
  var source = document.getElementById("overview-charts");
  if (!source || !window.Chart) return;
  var number = new Intl.NumberFormat("vi-VN");
  var drawn = [];
  // Paper is narrower than the screen: redraw at the printed size, and back afterwards.
  ["beforeprint", "afterprint"].forEach(function (event) {
    window.addEventListener(event, function () { drawn.forEach(function (chart) { chart.resize(); }); });
  });
  JSON.parse(source.textContent).forEach(function (c) {
    var canvas = document.getElementById(c.id);
    if (!canvas) return;
    var last = c.data.length - 1;
    drawn.push(new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: c.labels,
        datasets: [{
          data: c.data,
          backgroundColor: c.data.map(function (_v, i) { return i === last ? "#1d6f8f" : "#9cc3d3"; })
        }]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return number.format(item.raw); } } }
        }
      }
    }));
    canvas.dataset.ready = "1";
  });
})();

// "In" (print) buttons: no inline handlers under the Content Security Policy.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
