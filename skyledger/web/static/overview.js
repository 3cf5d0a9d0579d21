// Overview charts from the JSON block the page carries (no inline script).
"use strict";
(function () {
  var block = document.getElementById("chart-data");
  if (!block || typeof Chart === "undefined") return;
  var data = JSON.parse(block.textContent);
  var COLOURS = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b45309", "#0e7490",
                 "#be123c", "#4d7c0f", "#6d28d9", "#334155", "#a16207"];
  Chart.defaults.animation = false;
  Chart.defaults.font.family = "system-ui, sans-serif";
  var label = function (cls) { return cls.replace(/_/g, " "); };

  var monthly = [];
  data.series.slice(0, 5).forEach(function (s, i) {
    var colour = COLOURS[i % COLOURS.length];
    monthly.push({label: label(s.cls) + " launched", data: s.launched,
                  borderColor: colour, backgroundColor: colour, tension: 0.2});
    monthly.push({label: label(s.cls) + " destroyed", data: s.destroyed, borderDash: [6, 4],
                  borderColor: colour, backgroundColor: colour, tension: 0.2});
  });
  new Chart(document.getElementById("chart-monthly"), {
    type: "line",
    data: {labels: data.months, datasets: monthly},
    options: {maintainAspectRatio: false, interaction: {mode: "index", intersect: false},
              scales: {y: {beginAtZero: true}}},
  });

  var rates = data.rates.filter(function (r) { return r.rate !== null; });
  var pct = function (x) { return Math.round(x * 1000) / 10; };
  new Chart(document.getElementById("chart-rates"), {
    type: "bar",
    data: {
      labels: rates.map(function (r) { return label(r.cls); }),
      datasets: [
        {type: "bar", label: "95% interval", backgroundColor: "rgba(31,95,168,0.25)",
         data: rates.map(function (r) { return [pct(r.low), pct(r.high)]; })},
        {type: "line", label: "rate", showLine: false, pointRadius: 6, borderColor: "#1f5fa8",
         backgroundColor: "#1f5fa8", data: rates.map(function (r) { return pct(r.rate); })},
      ],
    },
    options: {maintainAspectRatio: false,
              scales: {y: {min: 0, max: 100, title: {display: true, text: "% destroyed"}}}},
  });
})();
