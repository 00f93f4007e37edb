// Triage queue keyboard: j/k or the arrow keys move the selection, v verifies, x rejects, a assigns to me, r opens the reply box.
// Everything here is also a link or a button reachable with Tab; this only saves keystrokes.
(function () {
  "use strict";
  const list = document.querySelector("[data-triage-rows]");
  const links = list ? Array.from(list.querySelectorAll("[data-report-link]")) : [];
  const current = links.findIndex(link => link.getAttribute("aria-current") === "true");

  // Focus: a message after an action first (so it is read out), else the selected report in the list.
  const message = document.getElementById("triage-error") || document.getElementById("triage-notice");
  if (message) message.focus();
  else if (current >= 0) links[current].focus({ preventScroll: false });

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  function move(step) {
    if (links.length === 0) return;
    const from = current >= 0 ? current : (step > 0 ? -1 : links.length);
    const next = Math.min(Math.max(from + step, 0), links.length - 1);
    if (next !== current) window.location.assign(links[next].href);
  }

  function press(key) {
    const button = document.querySelector(`button[data-key="${key}"]`);
    if (button) button.click();
  }

  document.addEventListener("keydown", event => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape" && event.target.id === "reply-body") {
        event.target.blur();
        if (current >= 0) links[current].focus();
      }
      return;
    }
    switch (event.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "v": press("v"); break;
      case "x": press("x"); break;
      case "a": press("a"); break;
      case "r": {
        const reply = document.getElementById("reply-body");
        if (!reply) return;
        reply.focus();
        break;
      }
      default: return;
    }
    event.preventDefault();
  });
})();

// Live: community reports arriving while the queue is open are announced in a banner ("3 new reports — Show them",
// a link to the first page with the same filters and the same report selected). The list itself never moves under the
// reader's eyes or keyboard focus (j/k and the focused row stay where they were); showing the new reports is one keypress.
(function () {
  "use strict";
  const news = document.getElementById("triage-news");
  if (!news || !window.amani?.live) return;
  const mission = news.dataset.mission;
  const heard = new Set(), counted = new Set();

  function banner(message, linkText, href) {
    let line = news.querySelector("p");
    if (!line) {
      line = document.createElement("p");
      const words = document.createElement("span");
      const link = document.createElement("a");
      link.className = "button";
      line.append(words, " ", link);
      news.append(line);
    }
    line.querySelector("span").textContent = message;
    const link = line.querySelector("a");
    link.textContent = linkText;
    link.href = href;
    news.dataset.count = String(counted.size);
  }

  async function listed(id) {
    const source = news.dataset.source;
    if (!source) return true;
    try {
      const detail = await window.amani.api(`/api/v1/missions/${encodeURIComponent(mission)}/reports/${id}`);
      return (detail.report.channel === "sms") === (source === "sms");
    } catch { return false; } // gone, or not ours to see
  }

  async function submitted(event) {
    if (event.change !== "submitted" || !event.id || heard.has(event.id) || document.querySelector(`[data-report-id="${event.id}"]`)) return;
    heard.add(event.id);
    if (!await listed(event.id)) return;
    counted.add(event.id);
    const n = counted.size;
    banner(n === 1 ? news.dataset.textOne : news.dataset.textMany.replace("{0}", n.toLocaleString()), news.dataset.textShow, news.dataset.showUrl);
  }

  window.amani.live(mission, {
    report: submitted,
    // A reset on the first connection: this node cannot replay from when the page was made (it was made on another node);
    // only the instant between the two is uncertain, so say nothing. On a reconnection, reports may have been missed.
    reset: () => { if (news.dataset.live === "ready") banner(news.dataset.textReset, news.dataset.textReload, news.dataset.showUrl); },
    ready: () => { news.dataset.live = "ready"; },
  }, { since: news.dataset.since });
})();
