// The indicator page's map by area: the latest period's value of each area of the indicator's level, coloured in five
// classes from the lowest to the highest value, over vector boundaries (a tile layer only when the server names a tile
// server). The table of values by area stays on the page as the text alternative.
(function () {
  "use strict";
  const element = document.getElementById("area-map");
  if (!element || !window.L) return;
  const text = element.dataset;
  const colours = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  // Leaflet renders a string tooltip as HTML: names (of areas, set through the API or a boundary file) go in as text.
  function plain(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span; }
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 2 });
  const map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(text.tiles) }).setView([0, 20], 3);
  if (text.tiles) L.tileLayer(text.tiles, { maxZoom: 18 }).addTo(map);

  amani.api(text.url).then(data => {
    const values = data.features.map(f => f.properties.value).filter(v => v != null);
    const low = Math.min(...values), high = Math.max(...values);
    const classOf = value => (value == null ? -1 : high === low ? 2 : Math.min(4, Math.floor(((value - low) / (high - low)) * 5)));
    const withUnit = value => (data.unit === "%" ? `${number.format(value)} %` : `${number.format(value)} ${data.unit}`.trim());
    const layer = L.geoJSON(data, {
      style: feature => {
        const c = classOf(feature.properties.value);
        return { color: "#34495e", weight: 1, fillOpacity: c < 0 ? 0.1 : 0.7, fillColor: c < 0 ? "#e0e0e0" : colours[c] };
      },
      onEachFeature: (feature, area) => {
        const p = feature.properties;
        const value = p.value == null ? text.textNone : withUnit(p.value);
        area.bindTooltip(plain(`${p.name} (${p.pCode}): ${value}`), { sticky: true });
      },
    }).addTo(map);
    if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    if (values.length) {
      const legend = document.getElementById("area-map-range");
      if (legend) legend.textContent = `${withUnit(low)} – ${withUnit(high)}`;
    }
    element.dataset.ready = "true";
  }).catch(error => {
    element.dataset.ready = "failed";
    const status = document.getElementById("area-map-status");
    if (status) status.textContent = error.message;
  });
})();
