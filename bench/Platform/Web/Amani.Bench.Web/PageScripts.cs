namespace Amani.Bench.Web;

/// <summary>The JavaScript the benchmark runs in the pages (as strings for Playwright).</summary>
public static class PageScripts
{
    /// <summary>
    /// Runs before every page's own scripts: records long tasks; catches the Leaflet map the dashboard creates (an init
    /// hook on <c>L.Map</c>, installed the moment leaflet.js assigns <c>window.L</c>; the product exposes nothing for
    /// the benchmark); and notes when <c>#map</c> first turns <c>data-state="ready"</c> (clusters drawn) and when the
    /// main thread next runs a task after painting that frame — the page is then drawn and answers input.
    /// </summary>
    public const string Init = """
        (() => {
          const bench = window.__bench = { ready: null, interactive: null, longTasks: [] };
          try {
            new PerformanceObserver(list => { for (const e of list.getEntries()) bench.longTasks.push(e.duration); })
              .observe({ type: "longtask", buffered: true });
          } catch { }
          let leaflet;
          Object.defineProperty(window, "L", {
            configurable: true,
            get() { return leaflet; },
            set(value) {
              leaflet = value;
              if (value && value.Map && !value.__benchHooked) {
                value.__benchHooked = true;
                value.Map.addInitHook(function () { window.__benchMap = this; });
              }
            },
          });
          document.addEventListener("DOMContentLoaded", () => {
            const map = document.getElementById("map");
            if (!map) return;
            const check = () => {
              if (map.dataset.state !== "ready" || bench.ready !== null) return;
              bench.ready = performance.now();
              requestAnimationFrame(() => setTimeout(() => { bench.interactive = performance.now(); }, 0));
            };
            new MutationObserver(check).observe(map, { attributes: true, attributeFilter: ["data-state"] });
            check();
          });
        })();
        """;

    /// <summary>The figures of one dashboard load (all in ms from navigation start).</summary>
    public const string DashboardFigures = """
        () => {
          const nav = performance.getEntriesByType("navigation")[0];
          const clusters = performance.getEntriesByType("resource").filter(e => e.name.includes("/map/clusters"));
          const areas = performance.getEntriesByType("resource").filter(e => e.name.includes("/map/areas"));
          return {
            interactive: window.__bench.interactive, ready: window.__bench.ready,
            serverHtml: nav.responseStart - nav.requestStart, domContentLoaded: nav.domContentLoadedEventEnd,
            areas: areas.length ? areas[0].duration : 0, clusters: clusters.length ? clusters[clusters.length - 1].duration : 0,
            longestTask: Math.max(0, ...window.__bench.longTasks), total: +(document.getElementById("map").dataset.total || 0),
          };
        }
        """;

    /// <summary>
    /// Pans and zooms the dashboard's map through Leaflet (no animation): even moves are <c>setView</c> on a random
    /// centre (half of them near incidents, half anywhere in the mission's extent) at a random zoom from 4 to 14, odd
    /// moves <c>panBy</c> up to half the map's size in each direction. For each move it waits for the clusters to be
    /// drawn and reads the <c>/map/clusters</c> request from the Resource Timing API.
    /// </summary>
    public const string PanAndZoom = """
        async ({ moves, seed, centres }) => {
          const map = window.__benchMap, element = document.getElementById("map");
          let state = seed >>> 0;
          const random = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
          const extent = map.getBounds();
          const drawn = () => new Promise(resolve => {
            if (element.dataset.state === "ready" || element.dataset.state === "error") return resolve();
            const observer = new MutationObserver(() => {
              if (element.dataset.state === "ready" || element.dataset.state === "error") { observer.disconnect(); resolve(); }
            });
            observer.observe(element, { attributes: true, attributeFilter: ["data-state"] });
          });
          performance.setResourceTimingBufferSize(10000);
          const results = [];
          for (let i = 0; i < moves; i++) {
            performance.clearResourceTimings();
            const start = performance.now();
            if (i % 2 === 0) {
              const near = centres.length && random() < 0.5;
              const centre = near ? centres[Math.floor(random() * centres.length)]
                : [extent.getSouth() + random() * (extent.getNorth() - extent.getSouth()), extent.getWest() + random() * (extent.getEast() - extent.getWest())];
              map.setView(centre, 4 + Math.floor(random() * 11), { animate: false });
            } else {
              const size = map.getSize();
              map.panBy([(random() - 0.5) * size.x, (random() - 0.5) * size.y], { animate: false });
            }
            await drawn();
            const drawnAt = performance.now();
            const fetches = performance.getEntriesByType("resource").filter(e => e.name.includes("/map/clusters"));
            const last = fetches[fetches.length - 1];
            if (!last) continue;
            results.push({
              zoom: map.getZoom(), duration: last.duration, server: last.responseStart - last.requestStart,
              transfer: last.transferSize, body: last.encodedBodySize, decoded: last.decodedBodySize, drawn: drawnAt - start,
              state: element.dataset.state, total: +(element.dataset.total || 0),
            });
          }
          return results;
        }
        """;

    /// <summary>Centres of the clusters in the current view (places where incidents are).</summary>
    public const string Centres = """
        async ({ code }) => {
          const map = window.__benchMap, b = map.getBounds();
          const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => Math.max(-180, Math.min(180, v)).toFixed(5)).join(",");
          const answer = await (await fetch(`/api/v1/missions/${code}/map/clusters?bbox=${bbox}&zoom=${map.getZoom() + 2}`)).json();
          return [...answer.clusters, ...answer.points].map(c => [c.lat, c.lon]);
        }
        """;

    /// <summary>The figures of one triage page load (ms from navigation start) and how many rows it shows.</summary>
    public const string TriageFigures = """
        () => {
          const nav = performance.getEntriesByType("navigation")[0];
          const paint = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
          return {
            serverHtml: nav.responseStart - nav.requestStart, responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
            firstContentfulPaint: paint ? paint.startTime : null, rows: document.querySelectorAll("li[data-report-id]").length,
            bytes: nav.encodedBodySize,
          };
        }
        """;

    /// <summary>Fetch durations of a static file (no cache), the cheapest request the server answers.</summary>
    public const string StaticFetches = """
        async ({ count }) => {
          const durations = [];
          for (let i = 0; i < count; i++) {
            performance.clearResourceTimings();
            await (await fetch("/css/amani.css", { cache: "no-store" })).text();
            const entry = performance.getEntriesByType("resource").find(e => e.name.includes("/css/amani.css"));
            durations.push(entry.duration);
          }
          return durations;
        }
        """;
}
