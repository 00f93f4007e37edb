// The incident list, live: incidents recorded or imported while the list is open are announced in a banner with a link
// that reloads the first page with the same filters. The table itself never changes under the reader (new incidents
// may not match the filters, and the list is ordered by when incidents occurred, not when they were recorded).
(function () {
  "use strict";
  const news = document.getElementById("incident-news");
  if (!news || !window.amani?.live) return;
  const heard = new Set();
  let imported = false, reset = false;

  function show() {
    let line = news.querySelector("p");
    if (!line) {
      line = document.createElement("p");
      const link = document.createElement("a");
      link.className = "button";
      link.href = news.dataset.refreshUrl;
      link.textContent = news.dataset.textRefresh;
      line.append(document.createElement("span"), " ", link);
      news.append(line);
    }
    const n = heard.size;
    const words = [];
    if (n) words.push(n === 1 ? news.dataset.textOne : news.dataset.textMany.replace("{0}", n.toLocaleString()));
    if (imported) words.push(news.dataset.textImported);
    if (reset && !words.length) words.push(news.dataset.textReset);
    line.querySelector("span").textContent = words.join(" ");
    news.dataset.count = String(n);
  }

  window.amani.live(news.dataset.mission, {
    incident: event => {
      if (!event.id || heard.has(event.id) || document.querySelector(`table.incidents a[href$="/incidents/${event.id}"]`)) return;
      heard.add(event.id);
      show();
    },
    incidents: () => { imported = true; show(); },
    reset: () => { if (news.dataset.live === "ready") { reset = true; show(); } }, // see triage.js: a first reset says nothing
    ready: () => { news.dataset.live = "ready"; },
  }, { since: news.dataset.since });
})();
