// Draws the dashboard's charts with Chart.js from the JSON each chart's
// json_script element holds (CSP: no inline scripts). Hidden figures are
// null: no bar, a gap in a line; the tooltip shows the table's text.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var lang = document.documentElement.lang || "da";
  var locale = lang === "da" ? "da-DK" : lang;
  var numbers = new Intl.NumberFormat(locale, {maximumFractionDigits: 1});

  function formatValue(value, unit) {
    var text = numbers.format(value);
    return unit === "percent" ? text + " %" : text;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var horizontal = Boolean(spec.horizontal);
    var valueAxis = {
      beginAtZero: true,
      ticks: {precision: 0, callback: function (value) { return formatValue(value, spec.unit); }}
    };
    if (spec.unit === "percent") { valueAxis.suggestedMax = 100; }
    if (horizontal) {
      // A bar per row and series: the height follows the rows, not the width.
      canvas.parentNode.style.position = "relative";
      canvas.parentNode.style.height = (60 + spec.labels.length * Math.max(spec.datasets.length * 12, 24)) + "px";
    }
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset) {
          return {
            label: dataset.label, data: dataset.data, backgroundColor: dataset.color,
            borderColor: dataset.color, spanGaps: false, pointRadius: 3
          };
        })
      },
      options: {
        locale: locale,
        animation: false,
        responsive: true,
        maintainAspectRatio: !horizontal,
        aspectRatio: 2,
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? {x: valueAxis} : {y: valueAxis},
        plugins: {
          legend: {display: spec.datasets.length > 1},
          tooltip: {
            callbacks: {
              label: function (context) {
                var dataset = spec.datasets[context.datasetIndex];
                return dataset.label + ": " + dataset.texts[context.dataIndex];
              }
            }
          }
        }
      }
    });
    canvas.dataset.rendered = "true";
    canvas.dataset.values = JSON.stringify(spec.datasets.map(function (d) { return d.data; }));
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
