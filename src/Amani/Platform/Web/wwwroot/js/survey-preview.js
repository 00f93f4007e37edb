// The survey form preview (/missions/{code}/surveys/preview): "Send" shows what the submission would carry — the
// instance XML (xml_submission_file) with its instanceID, and the attachments' names — instead of sending it.
(function () {
  "use strict";
  const host = document.querySelector("[data-xform][data-preview]");
  const panel = document.getElementById("preview-submission");
  if (!host || !panel) return;

  host.addEventListener("xform-submission", (event) => {
    if (host.dataset.submissionUrl) return; // sent by survey-submit.js instead
    const { submission, keep } = event.detail;
    document.getElementById("preview-instance-id").textContent = submission.instanceId || "";
    const list = document.getElementById("preview-attachments");
    list.replaceChildren(...submission.attachments.map((file) => {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${file.type || "?"}, ${file.size} B)`;
      item.dataset.name = file.name;
      return item;
    }));
    document.getElementById("preview-no-attachments").hidden = submission.attachments.length > 0;
    document.getElementById("preview-xml").textContent = submission.xml;
    panel.dataset.instanceId = submission.instanceId || "";
    panel.hidden = false;
    panel.querySelector("h2")?.focus();
    keep();
  });

  host.addEventListener("xform-failed", (event) => {
    const failed = document.getElementById("preview-failed");
    failed.textContent = failed.dataset.text + " " + event.detail.message;
    failed.hidden = false;
  });
})();
