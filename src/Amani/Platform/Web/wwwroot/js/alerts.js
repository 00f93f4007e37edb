// The alerts board, live: a new alert appears at the top of the board (its details read through the API), a changed
// one is flagged with an invitation to reload. Acting on alerts stays with the server-rendered forms.
(function () {
  "use strict";
  const news = document.getElementById("alert-news");
  const board = document.getElementById("alert-board");
  if (!news || !board || !window.amani?.live || news.dataset.closed === "true") return;
  const mission = news.dataset.mission;

  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  async function raised(event) {
    if (!event.id || document.getElementById(`alert-${event.id}`)) return;
    let alert;
    try { alert = await window.amani.api(`/api/v1/alerts/${event.id}`); } catch { return; } // not ours to see
    const item = document.createElement("li");
    const card = document.createElement("article");
    card.id = `alert-${alert.id}`;
    card.className = `alert-card severity-${alert.severity.toLowerCase()} fresh`;
    card.dataset.alert = alert.id;
    const title = text("h2", alert.headline);
    title.id = `title-${alert.id}`;
    card.setAttribute("aria-labelledby", title.id);
    card.append(title, text("p", alert.explanation, "explanation"));
    const reload = document.createElement("a");
    reload.href = window.location.pathname;
    reload.textContent = news.dataset.reloadText;
    card.append(text("p", news.dataset.newText + " · ", "hint"));
    card.lastChild.append(reload);
    item.append(card);
    board.prepend(item);
    document.getElementById("no-alerts")?.remove();
    news.textContent = `${news.dataset.newText}: ${alert.headline}`;
  }

  function changed(event) {
    const card = event.id && document.getElementById(`alert-${event.id}`);
    if (!card || card.querySelector(".changed")) return;
    card.append(text("p", news.dataset.changedText, "changed hint"));
  }

  window.amani.live(mission, {
    alert: event => (event.change === "raised" ? raised(event) : changed(event)),
    ready: () => { news.dataset.live = "ready"; },
    reset: () => { news.textContent = news.dataset.changedText; },
  });
})();
