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

  // A hidden count ("<5", "≥5") is drawn as a hatched bar up to the
  // suppression limit, labelled with the table's text — never as an empty
  // slot that reads as zero. "–" (too few to compute) is a label only.
  var SUPPRESSED_HEIGHT = 5;
  function isHidden(dataset, index) {
    return dataset.data[index] === null && /[<≥]/.test(dataset.texts[index] || "");
  }
  function hatch(color) {
    var tile = document.createElement("canvas");
    tile.width = 8; tile.height = 8;
    var pen = tile.getContext("2d");
    pen.fillStyle = "#fff"; pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = color; pen.lineWidth = 2;
    pen.beginPath(); pen.moveTo(0, 8); pen.lineTo(8, 0); pen.moveTo(-2, 2); pen.lineTo(2, -2);
    pen.moveTo(6, 10); pen.lineTo(10, 6); pen.stroke();
    return pen.createPattern(tile, "repeat");
  }
  function hiddenLabels(spec) {
    return {id: "kuiHiddenLabels", afterDatasetsDraw: function (chart) {
      var pen = chart.ctx;
      pen.save();
      pen.fillStyle = "#222"; pen.font = "11px sans-serif";
      spec.datasets.forEach(function (dataset, number) {
        var meta = chart.getDatasetMeta(number);
        if (meta.hidden) { return; }
        dataset.data.forEach(function (value, index) {
          if (value !== null || !dataset.texts[index]) { return; }
          var element = meta.data[index];
          if (!element) { return; }
          var text = dataset.texts[index], horizontal = chart.config.options.indexAxis === "y";
          if (spec.type === "line") {  // a gap in the line, labelled on the axis
            pen.textAlign = "center";
            pen.fillText(text, element.x, chart.chartArea.bottom - 4);
          } else if (horizontal) {
            pen.textAlign = "left"; pen.textBaseline = "middle";
            pen.fillText(text, element.x + 4, element.y);
          } else {
            pen.textAlign = "center"; pen.textBaseline = "bottom";
            pen.fillText(text, element.x, element.y - 2);
          }
        });
      });
      pen.restore();
    }};
  }

  // A long category ("Påbegyndt uddannelse: VUC") in lines of a few words, so a
  // phone's narrow axis shows it whole instead of clipping or tilting it.
  function wrapped(label, width) {
    var lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.length > 1 ? lines : label;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var horizontal = Boolean(spec.horizontal);
    // On a phone the legend goes below a squarer plot, in smaller type, so it
    // never squeezes the bars; on a desktop it sits above.
    var narrow = canvas.parentNode.clientWidth < 576;
    var valueAxis = {
      beginAtZero: true,
      ticks: {precision: 0, callback: function (value) { return formatValue(value, spec.unit); }}
    };
    if (spec.unit === "percent") { valueAxis.suggestedMax = 100; }
    var categoryAxis = narrow && spec.type === "bar" ? {ticks: {maxRotation: 0, autoSkip: false}} : {};
    var labels = narrow && spec.type === "bar" ? spec.labels.map(function (label) { return wrapped(label, 16); }) : spec.labels;
    if (horizontal) {
      // A bar per row and series: the height follows the rows, not the width.
      canvas.parentNode.style.position = "relative";
      canvas.parentNode.style.height = (60 + spec.labels.length * Math.max(spec.datasets.length * 12, 24)) + "px";
    }
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: labels,
        datasets: spec.datasets.map(function (dataset) {
          var pattern = hatch(dataset.color);
          var bars = spec.type === "bar";
          return {
            label: dataset.label,
            data: dataset.data.map(function (value, index) {
              return bars && isHidden(dataset, index) ? SUPPRESSED_HEIGHT : value;
            }),
            backgroundColor: bars ? dataset.data.map(function (value, index) {
              return isHidden(dataset, index) ? pattern : dataset.color;
            }) : dataset.color,
            borderColor: dataset.color, borderWidth: bars ? 1 : 2, spanGaps: false, pointRadius: 3
          };
        })
      },
      options: {
        locale: locale,
        animation: false,
        responsive: true,
        maintainAspectRatio: !horizontal,
        // Lines read well wide and low; bars need height for their legend below.
        aspectRatio: narrow ? (spec.type === "line" ? 2.4 : 1.6) : 2,
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? {x: valueAxis, y: categoryAxis} : {y: valueAxis, x: categoryAxis},
        plugins: {
          legend: {
            display: spec.datasets.length > 1,
            position: narrow ? "bottom" : "top",
            labels: {boxWidth: narrow ? 10 : 30, padding: narrow ? 6 : 10, font: {size: narrow ? 11 : 12}}
          },
          tooltip: {
            callbacks: {
              label: function (context) {
                var dataset = spec.datasets[context.datasetIndex];
                return dataset.label + ": " + dataset.texts[context.dataIndex];
              }
            }
          }
        }
      },
      plugins: [hiddenLabels(spec)]
    });
    canvas.dataset.rendered = "true";
    canvas.dataset.values = JSON.stringify(spec.datasets.map(function (d) { return d.data; }));
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
