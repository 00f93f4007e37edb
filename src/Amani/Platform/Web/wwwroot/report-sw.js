// Service worker of the public report pages (scope /report): the pages and their files are kept, so that the form opens
// without a connection; a report made offline is queued by js/report.js (IndexedDB) and sent when back online.
// Pages are fetched from the network first (fresh antiforgery token, fresh status) and taken from the cache only offline.
"use strict";
const CACHE = "amani-report-v1";
const KEPT = [/^\/report(\/|$)/, /^\/css\//, /^\/js\//, /^\/lib\/leaflet\//];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add("/report")).catch(() => {}));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith("amani-report-") && name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

// The page names the files it loaded (before this worker controlled it) so that they are kept too.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache" || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.filter((url) => { const u = new URL(url, self.location.origin); return u.origin === self.location.origin && KEPT.some((p) => p.test(u.pathname)); });
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => cache.add(url).catch(() => {})))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !KEPT.some((pattern) => pattern.test(url.pathname))) return;
  event.respondWith(fetch(request)
    .then((response) => {
      // A status page with a tracking code in it is not kept: a shared phone must not show someone else's report.
      if (response.ok && response.type === "basic" && !(url.pathname.startsWith("/report/status") && url.search)) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })
    .catch(async () => (await caches.match(request))
      || (request.mode === "navigate" ? await caches.match(request, { ignoreSearch: true }) || await caches.match("/report") : undefined)
      || Response.error()));
});
