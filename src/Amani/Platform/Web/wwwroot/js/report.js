// The public report form's island (/report). Without it the form is a plain post answered with the tracking code.
// With it: a map picker filling latitude/longitude (the mission's boundaries as vectors; tiles only when configured),
// the report sent as JSON to POST /api/v1/reports, and a report made offline kept in IndexedDB with the idempotency key
// generated when it was submitted, then sent when the connection is back — exactly once: the key makes a repeated
// send return the same tracking code, and a lock keeps two tabs from sending the queue at the same time.
(function () {
  "use strict";
  // Leaflet renders a string tooltip as HTML: names (of areas, set through the API or a boundary file) go in as text.
  function plain(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span; }
  const form = document.getElementById("report-form");
  if (!form) return;
  const outcome = document.getElementById("report-outcome");
  const text = (name) => form.dataset["text" + name] || "";
  const STORE = "reports";

  // ---- Offline queue (IndexedDB: one record per report, keyed by its idempotency key) ----
  function openQueue() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("amani-report-queue", 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "idempotencyKey" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function inQueue(mode, action) {
    const db = await openQueue();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
      });
    } finally { db.close(); }
  }
  const enqueue = (body) => inQueue("readwrite", (store) => store.put(body));
  const queued = () => inQueue("readonly", (store) => store.getAll());
  const dequeue = (key) => inQueue("readwrite", (store) => store.delete(key));

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- What the page says ----
  function say(className, build) {
    outcome.hidden = false;
    const item = document.createElement("div");
    item.className = className;
    build(item);
    outcome.appendChild(item);
    return item;
  }
  function paragraph(parent, content, className) {
    const p = document.createElement("p");
    p.textContent = content;
    if (className) p.className = className;
    parent.appendChild(p);
    return p;
  }
  function received(code, key) {
    document.getElementById("queued-" + key)?.remove();
    say("report-received", (item) => {
      const heading = document.createElement("h2");
      heading.textContent = text("Sent");
      item.appendChild(heading);
      paragraph(item, text("Code"));
      paragraph(item, code, "tracking-code").setAttribute("data-tracking-code", "");
      const link = document.createElement("a");
      link.href = "/report/status?code=" + encodeURIComponent(code);
      link.textContent = text("Follow");
      item.appendChild(link);
    });
  }
  function queuedNotice(key) {
    if (document.getElementById("queued-" + key)) return;
    say("report-queued", (item) => { item.id = "queued-" + key; paragraph(item, text("Queued")); }).setAttribute("data-queued", "");
  }
  function failed(message) {
    say("report-failed", (item) => paragraph(item, text("Failed") + " " + message, "error"));
  }

  // ---- Sending ----
  function toRequest(data) {
    const value = (name) => (data.get(name) || "").toString().trim();
    const number = (name) => (value(name) === "" ? null : Number(value(name).replace(",", ".")));
    const when = value("occurredAt");
    const phone = value("phone"), email = value("email");
    return {
      missionCode: value("missionCode") || null,
      description: value("description"),
      occurredAt: when ? new Date(when).toISOString() : null,
      placeName: value("placeName") || null,
      latitude: number("latitude"),
      longitude: number("longitude"),
      contact: phone || email ? { phone: phone || null, email: email || null } : null,
      consentToContact: data.get("consentToContact") === "true",
      language: document.documentElement.lang || null,
      idempotencyKey: newKey(),
    };
  }

  async function send(body) {
    const receipt = await window.amani.api(form.dataset.api, { method: "POST", body });
    received(receipt.trackingCode, body.idempotencyKey);
  }

  /** Sends the queued reports, oldest first; stops at the first network failure (they stay queued). */
  async function flush() {
    if (!navigator.onLine) return;
    const run = async () => {
      const items = (await queued()).sort((a, b) => (a.queuedAt || "").localeCompare(b.queuedAt || ""));
      for (const item of items) {
        const { queuedAt, ...body } = item;
        try {
          await send(body);
          await dequeue(body.idempotencyKey);
        } catch (error) {
          if (!error.status || error.status === 429 || error.status >= 500) return; // offline or server busy: try later
          await dequeue(body.idempotencyKey); // refused for good (a rule): say why
          document.getElementById("queued-" + body.idempotencyKey)?.remove();
          failed(error.message);
        }
      }
    };
    if (navigator.locks) await navigator.locks.request("amani-report-queue", run);
    else await run();
  }

  form.addEventListener("submit", async (event) => {
    const body = toRequest(new FormData(form));
    if ((body.latitude !== null && !Number.isFinite(body.latitude)) || (body.longitude !== null && !Number.isFinite(body.longitude))) return; // the server explains
    event.preventDefault();
    const keep = async () => {
      await enqueue({ ...body, queuedAt: new Date().toISOString() });
      form.reset();
      form.hidden = true;
      queuedNotice(body.idempotencyKey);
    };
    if (!navigator.onLine) return keep();
    try {
      await send(body);
      form.reset();
      form.hidden = true;
    } catch (error) {
      if (!error.status) return keep(); // no connection after all
      if (error.status === 400 || error.status === 409) return HTMLFormElement.prototype.submit.call(form); // the page explains, field by field
      failed(error.message);
    }
  });

  window.addEventListener("online", () => { flush().catch(() => {}); });
  queued().then((items) => { items.forEach((item) => queuedNotice(item.idempotencyKey)); return flush(); }).catch(() => {});
  setInterval(() => { flush().catch(() => {}); }, 30000);

  // ---- Service worker: keeps /report and its files for offline use ----
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/report-sw.js", { scope: "/report" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The page itself is kept by the worker (on install, then on each visit it serves): not fetched a third time here.
        const urls = Array.from(document.querySelectorAll("link[rel=stylesheet][href], script[src]"), (e) => e.href);
        registration.active?.postMessage({ type: "cache", urls });
        document.documentElement.dataset.offlineReady = "true";
      })
      .catch(() => {});
  }

  // ---- Map picker ----
  const mapElement = document.getElementById("report-map");
  if (!mapElement || !window.L) return;
  const latitude = document.getElementById("latitude"), longitude = document.getElementById("longitude");
  const mission = document.getElementById("missionCode");
  let map = null, boundaries = null, marker = null;

  function pick(lat, lng) {
    latitude.value = lat.toFixed(5);
    longitude.value = lng.toFixed(5);
    if (marker) marker.setLatLng([lat, lng]);
    else marker = L.circleMarker([lat, lng], { radius: 8, color: "#b3261e", weight: 3 }).addTo(map);
  }

  // The boundaries come at the detail the map's zoom needs (see BoundaryDetail on the server): coarse first, finer on
  // zooming in. Their URL carries the mission's boundary version, so a browser keeps each detail until they change.
  const detailFor = (zoom) => (zoom < 6 ? "coarse" : zoom < 9 ? "medium" : "fine");
  let shown = { url: null, detail: null };
  async function loadBoundaries(url, detail) {
    try {
      const response = await fetch(url + "&detail=" + detail, { headers: { Accept: "application/geo+json" } });
      return response.ok ? await response.json() : null;
    } catch { return null; /* offline: no boundaries */ }
  }
  function draw(data) {
    if (boundaries) boundaries.remove();
    boundaries = L.geoJSON(data, { style: { color: "#0b5cad", weight: 1, fillOpacity: 0.05 } }).addTo(map);
    boundaries.eachLayer((layer) => layer.bindTooltip(plain(layer.feature.properties.name)));
    map.getContainer().dataset.boundaries = shown.detail; // what is drawn (the tests and the benchmark wait for it)
  }

  async function showMission() {
    const url = mission?.selectedOptions[0]?.dataset.boundaries;
    const tiles = form.dataset.tiles;
    const data = url ? await loadBoundaries(url, "coarse") : null;
    const has = data && data.features && data.features.length > 0;
    if (!has && !tiles) { mapElement.hidden = true; return; }
    mapElement.hidden = false;
    if (!map) {
      mapElement.setAttribute("role", "region");
      mapElement.setAttribute("aria-label", text("Map"));
      map = L.map(mapElement, { zoomSnap: 0.25 }).setView([0, 20], 3);
      if (tiles) L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
      map.on("click", (event) => pick(event.latlng.lat, event.latlng.lng));
      map.on("zoomend", refine);
    }
    if (boundaries) boundaries.remove();
    boundaries = null;
    shown = { url: has ? url : null, detail: "coarse" };
    if (has) {
      draw(data);
      map.fitBounds(boundaries.getBounds());
    }
    const lat = parseFloat(latitude.value), lng = parseFloat(longitude.value);
    if (Number.isFinite(lat) && Number.isFinite(lng)) pick(lat, lng);
  }
  async function refine() {
    const { url } = shown, detail = detailFor(map.getZoom());
    if (!url || detail === shown.detail) return;
    shown = { url, detail };
    const data = await loadBoundaries(url, detail);
    if (data && shown.url === url && shown.detail === detail) draw(data);
  }
  mission?.addEventListener("change", () => { showMission(); });
  showMission();
})();
