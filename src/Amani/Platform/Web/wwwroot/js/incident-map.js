// The small map of one incident: its point over the boundaries of its area and the area above (vector GeoJSON from the
// areas API), on a tile layer only when the server names a tile server (data-tiles) — the map works without the internet.
(function () {
  "use strict";
  const element = document.getElementById("incident-map");
  if (!element || !window.L) return;
  // Leaflet renders a string tooltip as HTML: names (of areas, set through the API or a boundary file) go in as text.
  function plain(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span; }
  const point = [Number(element.dataset.lat), Number(element.dataset.lon)];
  const map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(element.dataset.tiles) }).setView(point, 9);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 18 }).addTo(map);
  const marker = L.circleMarker(point, { radius: 8, color: "#b3261e", weight: 2, fillOpacity: 0.8 }).addTo(map);
  marker.bindTooltip(plain(element.getAttribute("aria-label")));

  const urls = (element.dataset.areas || "").split(" ").filter(Boolean);
  Promise.all(urls.map(url => amani.api(url).catch(() => null))).then(areas => {
    let innermost = null;
    areas.forEach((area, index) => {
      if (!area || !area.geometry) return;
      const layer = L.geoJSON(area.geometry, {
        style: { color: index === areas.length - 1 ? "#0b5cad" : "#57606a", weight: index === areas.length - 1 ? 2 : 1, fillOpacity: 0.05 },
      }).bindTooltip(plain(area.name)).addTo(map);
      innermost = layer;
    });
    if (innermost) map.fitBounds(innermost.getBounds().extend(point), { maxZoom: 11, padding: [16, 16] });
    marker.bringToFront();
    element.dataset.ready = "true";
  });
})();
