// Sends survey submissions made in the browser exactly as ODK Collect sends them (OpenRosa): a multipart/form-data POST
// to the form's submission URL with the instance as the part "xml_submission_file" (text/xml) and each attachment as a
// part named by its file name, with the header X-OpenRosa-Version: 1.0. 201 (new) and 202 (already received: the server
// knows the instanceID) both mean done, so sending twice is safe. Without a connection, or on a network error or a busy
// server, the submission waits in IndexedDB and is sent when the browser is back online, when a page with this script
// opens, and every 30 seconds; a lock keeps two tabs from sending the queue together.
//
// It acts on the "xform-submission" events of elements carrying data-submission-url (survey-forms.js raises them):
//   data-submission-url  where to POST (the OpenRosa submission URL); on Amani's own origin the session's antiforgery
//                        token goes along (X-CSRF-TOKEN), as amani.js does for the API;
//   data-queue-owner     who fills on this page (an opaque per-user value): each queued submission carries it and is sent
//                        only from a page of the same owner, so on a shared computer the next person's session never
//                        sends (nor counts) what someone else filled — it waits until its owner signs in again;
//   data-text-sent, data-text-queued ("%n" is the number waiting), data-text-failed, data-text-sign-in: what the page says,
//                        in its language.
// An element with data-survey-queue shows how many submissions wait (hidden when none).
(function () {
  "use strict";
  const STORE = "submissions";
  const csrf = document.querySelector('meta[name="amani-csrf"]')?.content;
  const texts = () => document.querySelector("[data-submission-url]")?.dataset || {};
  const owner = document.querySelector("[data-queue-owner]")?.dataset.queueOwner || null;
  const mine = (item) => (item.owner || null) === owner;

  // ---- Offline queue (IndexedDB: one record per submission, keyed by its instanceID) ----
  function openQueue() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("amani-survey-queue", 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "instanceId" });
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
  const enqueue = (item) => inQueue("readwrite", (store) => store.put(item));
  const queued = async () => (await inQueue("readonly", (store) => store.getAll())).filter(mine);
  const dequeue = (key) => inQueue("readwrite", (store) => store.delete(key));

  // ---- What the page says ----
  async function showCount() {
    const counter = document.querySelector("[data-survey-queue]");
    if (!counter) return;
    const count = (await queued()).length;
    counter.dataset.count = String(count);
    counter.hidden = count === 0;
    counter.textContent = (texts().textQueued || "%n submission(s) waiting to be sent.").replace("%n", String(count));
  }
  function say(message, className) {
    const outcome = document.querySelector("[data-survey-outcome]");
    if (!outcome) return;
    const p = document.createElement("p");
    p.className = className;
    p.textContent = message;
    outcome.replaceChildren(p);
    outcome.hidden = false;
  }

  // ---- Sending, as ODK Collect does ----
  /** The submission as stored in the queue: the URL, the instance XML and the attachments (Blobs keep in IndexedDB). */
  function toItem(url, submission) {
    return {
      instanceId: submission.instanceId,
      owner,
      url,
      formId: submission.formId || null,
      xml: submission.xml,
      attachments: submission.attachments.map((file) => ({ name: file.name, type: file.type, blob: file })),
      queuedAt: new Date().toISOString(),
    };
  }

  /** The multipart body: xml_submission_file first (text/xml, a .xml file name), then each attachment by its name. */
  function multipart(item) {
    const body = new FormData();
    const fileName = (item.formId || "submission").replace(/[^\w.-]+/g, "_") + ".xml";
    body.append("xml_submission_file", new Blob([item.xml], { type: "text/xml" }), fileName);
    for (const attachment of item.attachments)
      body.append(attachment.name, new Blob([attachment.blob], { type: attachment.type || "application/octet-stream" }), attachment.name);
    return body;
  }

  function openRosaMessage(text) {
    try {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return doc.getElementsByTagNameNS("*", "message")[0]?.textContent?.trim() || "";
    } catch { return ""; }
  }

  /** POSTs one submission: resolves when it was received (201, 202); throws an Error with .status (0: no connection). */
  async function send(item) {
    const target = new URL(item.url, location.href);
    const headers = { "X-OpenRosa-Version": "1.0" };
    if (csrf && target.origin === location.origin) headers["X-CSRF-TOKEN"] = csrf;
    let response;
    try {
      response = await fetch(target, { method: "POST", body: multipart(item), headers, credentials: "same-origin" });
    } catch (failure) {
      const error = new Error(failure.message);
      error.status = 0;
      throw error;
    }
    if (response.status === 201 || response.status === 202) return response.status;
    const text = await response.text().catch(() => "");
    let detail = openRosaMessage(text), type = "";
    if (!detail) { try { const problem = JSON.parse(text); detail = problem.detail || problem.title || ""; type = problem.type || ""; } catch { /* not JSON */ } }
    const error = new Error(detail || response.statusText || String(response.status));
    error.status = response.status;
    error.signedOut = response.status === 401 || /\/antiforgery$/.test(type); // the session ended: not a refusal of the submission
    throw error;
  }
  // What must wait rather than be dropped: no connection, a busy or failing server, and a session that ended (it is sent
  // once its user signs in again) — a filled form is never discarded for a reason that is not the form's own.
  const later = (error) => !error.status || error.signedOut || error.status === 408 || error.status === 429 || error.status >= 500;

  /** Sends the queued submissions, oldest first; stops at the first that must wait (they stay queued). */
  async function flush() {
    if (!navigator.onLine) return showCount();
    const run = async () => {
      const items = (await queued()).sort((a, b) => (a.queuedAt || "").localeCompare(b.queuedAt || ""));
      for (const item of items) {
        try {
          await send(item);
          await dequeue(item.instanceId);
          say(texts().textSent || "Sent.", "survey-sent");
        } catch (error) {
          if (error.signedOut) say(texts().textSignIn || "Sign in again to send the waiting submissions.", "error");
          if (later(error)) break;
          await dequeue(item.instanceId); // refused for good (closed form, invalid): say why
          say((texts().textFailed || "Not accepted:") + " " + error.message, "error");
        }
      }
    };
    try {
      if (navigator.locks) await navigator.locks.request("amani-survey-queue", run);
      else await run();
    } finally { await showCount(); }
  }

  /** Sends a submission now, or queues it when it must wait; resolves to "sent", "queued" or throws a refusal. */
  async function submit(url, submission) {
    const item = toItem(url, submission);
    if (navigator.onLine) {
      try {
        await send(item);
        say(texts().textSent || "Sent.", "survey-sent");
        return "sent";
      } catch (error) {
        if (!later(error)) { say((texts().textFailed || "Not accepted:") + " " + error.message, "error"); throw error; }
        if (error.signedOut) say(texts().textSignIn || "Sign in again to send the waiting submissions.", "error");
      }
    }
    await enqueue(item);
    await showCount();
    return "queued";
  }

  document.addEventListener("xform-submission", (event) => {
    const host = event.target.closest?.("[data-submission-url]");
    if (!host) return;
    const { submission, accept, keep } = event.detail;
    submit(host.dataset.submissionUrl, submission).then(accept, keep);
  });

  window.addEventListener("online", () => { flush().catch(() => {}); });
  if (document.querySelector("[data-submission-url], [data-survey-queue]")) {
    flush().catch(() => {});
    setInterval(() => { flush().catch(() => {}); }, 30000);
  }
  window.amani = Object.assign(window.amani || {}, { surveys: { submit, flush, queued } });
})();
