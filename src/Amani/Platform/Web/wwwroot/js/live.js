// The mission's live feed (server-sent events): amani.live(missionCode, { incident, incidents, report, alert, reset }, { since }).
// Each handler receives { kind, change, id, count? }; read the record through the API (it applies the access rules).
// The browser reconnects by itself and sends the last event id; "reset" means events were missed: reload what you show.
// since: the feed's position when the page read what it shows (LiveBus.Position, rendered by the server in a data-*
// attribute): the feed first replays what happened after it, so nothing committed while the page loaded is lost.
(function () {
  "use strict";
  const kinds = ["incident", "incidents", "report", "alert", "reset", "ready"];

  function live(missionCode, handlers = {}, options = {}) {
    const since = options.since ? `?lastEventId=${encodeURIComponent(options.since)}` : "";
    const source = new EventSource(`/api/v1/missions/${encodeURIComponent(missionCode)}/live${since}`, { withCredentials: true });
    for (const kind of kinds) {
      if (typeof handlers[kind] !== "function") continue;
      source.addEventListener(kind, event => {
        let data = {};
        try { data = JSON.parse(event.data); } catch { /* keep {} */ }
        handlers[kind](data, event);
      });
    }
    if (typeof handlers.error === "function") source.addEventListener("error", handlers.error);
    window.addEventListener("pagehide", () => source.close(), { once: true });
    return source; // call .close() to stop listening
  }

  window.amani = Object.assign(window.amani || {}, { live });
})();
