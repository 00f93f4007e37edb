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
