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
