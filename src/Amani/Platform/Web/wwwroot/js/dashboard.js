// The mission dashboard island: incident clusters per viewport (the server clusters; the page never holds all
// incidents), the forecast-risk choropleth of the admin-1 areas, filters, a trend chart and the latest alerts and reports.
(function () {
  "use strict";
  const root = document.getElementById("dashboard");
  if (!root || !window.L) return;
  const code = root.dataset.code;
  const text = root.dataset;
  const months = (root.dataset.months || "").split(",").filter(Boolean);
  const base = `/api/v1/missions/${encodeURIComponent(code)}`;
  const mapElement = document.getElementById("map");
  const status = document.getElementById("map-status");

  const colours = {
    "battles": "#c0392b", "explosions-remote-violence": "#8e44ad", "violence-against-civilians": "#d35400",
    "protests": "#2471a3", "riots": "#b7950b", "strategic-developments": "#566573",
  };
  const colour = category => colours[category.split(".")[0]] || (category.startsWith("mission.") ? "#117a65" : "#5d6d7e");
  document.querySelectorAll(".swatch[data-category]").forEach(s => { s.style.background = colour(s.dataset.category); });

  const map = L.map(mapElement, { preferCanvas: false, worldCopyJump: false, minZoom: 2, maxZoom: 18 });
  if (root.dataset.tiles) L.tileLayer(root.dataset.tiles, { maxZoom: 18 }).addTo(map);
  const areaLayer = L.geoJSON(null, { style: areaStyle, onEachFeature: bindArea }).addTo(map);
  const markers = L.layerGroup().addTo(map);
  map.setView([0, 20], 3);

  // ---- clusters
  let inFlight = null;
  function filters() {
    const form = document.getElementById("map-filters");
    const params = new URLSearchParams();
    for (const name of ["category", "status", "source"]) {
      const value = form.elements[name].value;
      if (value) params.set(name, value);
    }
    const from = +form.elements.fromMonth.value, to = +form.elements.toMonth.value;
    if (months.length && from > 0) params.set("from", `${months[from]}-01T00:00:00Z`);
    if (months.length && to < months.length - 1) params.set("to", endOfMonth(months[to]));
    return params;
  }
  function endOfMonth(month) {
    const [y, m] = month.split("-").map(Number);
    return new Date(Date.UTC(y, m, 1) - 1).toISOString();
  }
  async function loadClusters() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)]
      .map(v => v.toFixed(5)).join(",");
    const params = filters();
    params.set("bbox", bbox);
    params.set("zoom", String(map.getZoom()));
    inFlight?.abort();
    const controller = inFlight = new AbortController();
    mapElement.dataset.state = "loading";
    try {
      const data = await amani.api(`${base}/map/clusters?${params}`, { signal: controller.signal });
      if (controller.signal.aborted) return;
      draw(data);
      mapElement.dataset.state = "ready";
      mapElement.dataset.total = String(data.total);
      status.textContent = text.textIncidents.replace("{0}", data.total.toLocaleString());
    } catch (error) {
      if (error.name === "AbortError") return;
      mapElement.dataset.state = "error";
      status.textContent = error.message;
    }
  }
  // A marker's badge, built as elements: the CSP allows no inline style attribute, and nothing here is parsed as HTML.
  function badge(category, label, id) {
    const span = document.createElement("span");
    span.style.background = colour(category);
    if (label != null) span.textContent = label;
    if (id) span.dataset.id = id;
    return span;
  }
  function draw(data) {
    markers.clearLayers();
    for (const c of data.clusters) {
      const size = 26 + Math.min(24, Math.round(Math.log10(c.count) * 8));
      const icon = L.divIcon({
        className: "map-cluster", iconSize: [size, size],
        html: badge(c.category, c.count >= 10000 ? Math.round(c.count / 1000) + "k" : String(c.count)),
      });
      const marker = L.marker([c.lat, c.lon], { icon, keyboard: true, title: text.textIncidents.replace("{0}", c.count), alt: "" });
      marker.on("click", () => map.setView([c.lat, c.lon], Math.min(map.getMaxZoom(), map.getZoom() + 2)));
      markers.addLayer(marker);
    }
    for (const p of data.points) {
      const icon = L.divIcon({ className: "map-point", iconSize: [16, 16], html: badge(p.category, null, p.id) });
      const marker = L.marker([p.lat, p.lon], { icon, keyboard: true, title: `${text.textOpen}: ${p.category} (${p.status})`, alt: "" });
      marker.on("click", () => { window.location.href = `/missions/${encodeURIComponent(code)}/incidents/${p.id}`; });
      markers.addLayer(marker);
    }
  }
  map.on("moveend", loadClusters);
  document.getElementById("map-filters").addEventListener("input", event => {
    const from = document.getElementById("filter-from"), to = document.getElementById("filter-to");
    if (event.target === from && +from.value > +to.value) to.value = from.value;
    if (event.target === to && +to.value < +from.value) from.value = to.value;
    document.getElementById("filter-from-value").textContent = months[+from.value] || "";
    document.getElementById("filter-to-value").textContent = months[+to.value] || "";
    clearTimeout(filters.timer);
    filters.timer = setTimeout(loadClusters, 150);
  });
  document.getElementById("map-filters").addEventListener("submit", event => { event.preventDefault(); loadClusters(); });

  // ---- boundaries and forecast risk
  function riskClass(risk) { return risk == null ? "none" : Math.min(4, Math.floor(risk * 5)); }
  const riskColours = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
  function areaStyle(feature) {
    const risk = feature.properties.risk;
    return { color: "#34495e", weight: 1, fillOpacity: risk == null ? 0.05 : 0.45, fillColor: risk == null ? "#bdc3c7" : riskColours[riskClass(risk)] };
  }
  // Leaflet renders a string tooltip as HTML: names (of areas, set through the API or a boundary file) go in as text.
  function plain(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span; }
  function bindArea(feature, layer) {
    const p = feature.properties;
    const risk = p.risk == null ? text.textNoRisk : `${Math.round(p.risk * 100)} % (${p.riskMonth})`;
    layer.bindTooltip(plain(`${p.name} (${p.pCode}) — ${text.textRisk}: ${risk}`), { sticky: true });
    layer.on("click", () => loadTrend(p.pCode, p.name));
  }
  // The boundaries at the detail the zoom needs (coarse first, finer on zooming in; see BoundaryDetail on the server).
  const detailFor = zoom => (zoom < 6 ? "coarse" : zoom < 9 ? "medium" : "fine");
  const areas = { level: 1, detail: null };
  async function fetchAreas(level, detail) { return amani.api(`${base}/map/areas?level=${level}&detail=${detail}`); }
  async function loadAreas() {
    try {
      let data = await fetchAreas(1, "coarse");
      if (!data.features.length) { areas.level = 0; data = await fetchAreas(0, "coarse"); }
      areas.detail = "coarse";
      areaLayer.addData(data);
      if (data.features.length) return areaLayer.getBounds();
    } catch (error) { status.textContent = error.message; }
    return null;
  }
  map.on("zoomend", async () => {
    const detail = detailFor(map.getZoom());
    if (!areas.detail || detail === areas.detail) return;
    areas.detail = detail;
    try {
      const data = await fetchAreas(areas.level, detail);
      if (areas.detail !== detail) return;
      areaLayer.clearLayers();
      areaLayer.addData(data);
    } catch { /* the coarser boundaries stay */ }
  });

  // ---- trend chart (monthly events and fatalities of the selected area, from the aggregates API)
  let chart = null;
  async function loadTrend(pCode, name) {
    const holder = document.getElementById("trend");
    document.getElementById("trend-area").textContent = name || text.textCountry;
    try {
      const series = await amani.api(`${base}/aggregates?unit=${pCode ? "admin1" : "country"}`);
      const unit = pCode ? series.series.find(s => s.unit.pCode === pCode) : series.series[0];
      const rows = unit ? unit.months : [];
      const x = rows.map(r => Date.UTC(+r.month.slice(0, 4), +r.month.slice(5, 7) - 1, 1) / 1000);
      const data = [x, rows.map(r => r.events), rows.map(r => r.fatalitiesBest)];
      chart?.destroy();
      holder.textContent = "";
      if (!rows.length) { holder.textContent = text.textNone; return; }
      chart = new uPlot({
        width: Math.max(280, holder.clientWidth), height: 220,
        series: [{}, { label: text.textEvents, stroke: "#2471a3" }, { label: text.textFatalities, stroke: "#c0392b", scale: "f" }],
        axes: [{}, {}, { scale: "f", side: 1, grid: { show: false } }],
      }, data, holder);
    } catch (error) { holder.textContent = error.message; }
  }

  // ---- latest alerts and community reports (items announced live since the page opened are marked "fresh")
  const fresh = new Set();
  function item(list, html, id) {
    const li = document.createElement("li");
    li.innerHTML = html;
    if (id) { li.dataset.id = id; if (fresh.has(id)) li.className = "fresh"; }
    list.appendChild(li);
  }
  function escape(s) { return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]); }
  async function loadFeed(id, path, render) {
    const list = document.getElementById(id);
    if (!list) return;
    list.setAttribute("aria-busy", "true");
    try {
      const page = await amani.api(path);
      list.textContent = "";
      if (!page.items.length) item(list, escape(text.textNone));
      page.items.forEach(x => item(list, render(x), x.id));
    } catch (error) { list.textContent = error.message; }
    list.removeAttribute("aria-busy");
  }
  const loadAlerts = () => loadFeed("latest-alerts", `${base}/alerts?limit=5`, a =>
    `<a href="/missions/${encodeURIComponent(code)}/alerts#alert-${a.id}">${escape(a.headline)}</a> <span class="badge">${escape(a.severity)}</span> ` +
    `<span class="badge">${escape(a.status)}</span>${a.overdue ? ` <span class="badge overdue">${escape(text.textOverdue)}</span>` : ""}`);
  const loadReports = () => loadFeed("latest-reports", `${base}/reports?limit=5`, r =>
    `<a href="/missions/${encodeURIComponent(code)}/triage#report-${r.id}">${escape(r.trackingCode)}</a> <span class="badge">${escape(r.status)}</span> ` +
    `<span class="muted">${escape(new Date(r.receivedAt).toLocaleString())}</span><br>${escape(r.description.slice(0, 140))}`);
  loadAlerts();
  loadReports();

  // ---- live updates: the feed announces what is new (never its content); the page reloads what it shows, at most once
  // a second per part (a burst of events costs one reload, and an event arriving during a reload triggers one more).
  function throttled(run, gap = 1000) {
    let timer = null, last = 0;
    return () => {
      if (timer) return; // the reload already planned will see this change too
      timer = setTimeout(() => { timer = null; last = Date.now(); run(); }, Math.max(0, last + gap - Date.now()));
    };
  }
  const refreshClusters = throttled(loadClusters), refreshAlerts = throttled(loadAlerts), refreshReports = throttled(loadReports);
  const note = document.getElementById("live-note");
  const counts = { incidents: 0, imported: false, reports: 0, alerts: 0 };
  const seen = new Set();
  function once(event) {
    if (!event.id) return true;
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  }
  function tell() {
    const parts = [];
    const plural = (n, one, many) => (n === 1 ? one : many.replace("{0}", n.toLocaleString()));
    if (counts.incidents) parts.push(plural(counts.incidents, text.textNewIncident, text.textNewIncidents));
    if (counts.imported) parts.push(text.textImported);
    if (counts.reports) parts.push(plural(counts.reports, text.textNewReport, text.textNewReports));
    if (counts.alerts) parts.push(plural(counts.alerts, text.textNewAlert, text.textNewAlerts));
    if (parts.length) note.textContent = text.textSince.replace("{0}", parts.join(" · "));
  }
  if (window.amani.live && note) {
    window.amani.live(code, {
      incident: event => { if (once(event)) { counts.incidents++; tell(); } refreshClusters(); },
      incidents: event => { if (event.count) counts.incidents += event.count; else counts.imported = true; tell(); refreshClusters(); },
      report: event => {
        if (once(event)) { counts.reports++; fresh.add(event.id); tell(); }
        refreshReports();
      },
      alert: event => {
        if (event.change === "raised" && once(event)) { counts.alerts++; fresh.add(event.id); tell(); }
        refreshAlerts();
      },
      // A reset on the first connection only says that this node cannot replay from where the page was made (another
      // node): the island read everything after that anyway. On a reconnection, events may have been missed: reload.
      reset: () => { if (note.dataset.live === "ready") { refreshClusters(); refreshAlerts(); refreshReports(); } },
      ready: () => { note.dataset.live = "ready"; },
    }, { since: note.dataset.since });
  }

  // ---- start: frame the areas (or the mission's incidents), then load the clusters of the view
  (async () => {
    const bounds = await loadAreas();
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { animate: false });
    else {
      const world = await amani.api(`${base}/map/clusters?bbox=-180,-85,180,85&zoom=2&${filters()}`).catch(() => null);
      const all = world ? [...world.clusters, ...world.points] : [];
      if (all.length) map.fitBounds(L.latLngBounds(all.map(c => [c.lat, c.lon])).pad(0.2), { animate: false, maxZoom: 12 });
      else loadClusters();
    }
    loadTrend(null, null);
  })();
})();
