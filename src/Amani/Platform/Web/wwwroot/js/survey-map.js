// The map of a form's GPS answers: the points of the submissions' GeoJSON export (staff only), on a tile layer only when
// the server names a tile server (data-tiles) — the map works without the internet. The table is the text alternative.
(function () {
  "use strict";
  const element = document.getElementById("survey-map");
  if (!element || !window.L) return;
  const status = document.getElementById("survey-map-status");
  function plain(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span; }
  const map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(element.dataset.tiles) }).setView([0, 0], 2);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 18 }).addTo(map);
  fetch(element.dataset.url, { credentials: "same-origin" }).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(collection => {
    const layer = L.geoJSON(collection, {
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 6, color: "#0b5cad", weight: 2, fillOpacity: 0.7 }),
      onEachFeature: (feature, marker) => {
        const p = feature.properties;
        marker.bindTooltip(plain(`${p.instanceID} · ${p.reviewState}${p.adm2Name ? " · " + p.adm2Name : ""}`));
      },
    }).addTo(map);
    if (collection.features.length > 0) map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [16, 16] });
    else if (status) status.textContent = element.dataset.textNone;
    element.dataset.ready = "true";
  }).catch(() => { if (status) status.textContent = element.dataset.textNone; });
})();
