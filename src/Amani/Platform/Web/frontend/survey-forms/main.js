// Entry of wwwroot/lib/odk-web-forms/survey-forms.js: fills an ODK XForm in Amani's pages with ODK Web Forms
// (@getodk/web-forms, ODK's own engine and renderer). Each element carrying data-xform becomes a form:
//   data-form-url     where the form's XML is fetched from (same origin, the session's cookies), or
//   data-form-source  the id of an element holding the XML as text (a page that has it already, e.g. the preview);
//   data-media-url    optional: the base URL of the form's media files (jr://images/x.png → <base>x.png);
//   data-lang         the page's language (en, fr): the form opens in its translation for it, when it has one;
//   data-style-nonce  the nonce of this answer's Content Security Policy for the styles the engine adds at run time.
// On "Send" of a valid form the element receives an "xform-submission" event whose detail is the OpenRosa submission
// (the instance XML with its meta/instanceID, and the attachments as files) and two functions: accept() starts a new,
// empty instance; keep() leaves the form as it is. Amani's own scripts decide what happens next:
// js/survey-submit.js sends it (or queues it offline), js/survey-preview.js shows it.
import { createApp, h } from "vue";
import { OdkWebForm, POST_SUBMIT__NEW_INSTANCE, webFormsPlugin } from "@getodk/web-forms";

const LANGUAGE_NAMES = { en: ["english", "anglais"], fr: ["french", "français", "francais"], ar: ["arabic", "arabe", "العربية"] };

/** Marks the translation for `language` as the form's default, when the form has one (its name or its "(fr)" code). */
export function preferLanguage(xml, language) {
  if (!language) return xml;
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length) return xml; // the engine reports it
  const wanted = language.toLowerCase().split("-")[0];
  const translations = Array.from(doc.getElementsByTagNameNS("*", "translation"));
  const matches = (lang) => {
    const name = (lang || "").trim().toLowerCase();
    const code = /\(([a-z]{2,3})(?:-[a-z0-9]+)?\)\s*$/.exec(name)?.[1];
    return code === wanted || name === wanted || (LANGUAGE_NAMES[wanted] || []).includes(name.replace(/\s*\(.*\)\s*$/, ""));
  };
  const chosen = translations.find((t) => matches(t.getAttribute("lang")));
  if (!chosen) return xml;
  translations.forEach((t) => t.removeAttribute("default"));
  chosen.setAttribute("default", "true()");
  return new XMLSerializer().serializeToString(doc);
}

/** The OpenRosa submission of a payload the engine produced: instance XML, its instanceID, the attachments. */
async function toSubmission(payload) {
  const data = payload.data[0];
  const xml = await data.get("xml_submission_file").text();
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const instanceId = doc.getElementsByTagNameNS("*", "instanceID")[0]?.textContent?.trim() || null;
  const root = doc.documentElement;
  const attachments = [];
  for (const [name, value] of data.entries())
    if (name !== "xml_submission_file" && value instanceof File) attachments.push(value);
  return { formId: root.getAttribute("id"), version: root.getAttribute("version"), instanceId, xml, attachments };
}

/** Style elements the engine (PrimeVue, its reset sheet) creates at run time carry this answer's nonce. */
function allowEngineStyles(nonce) {
  if (!nonce || Document.prototype.createElement.amaniNonce) return;
  const create = Document.prototype.createElement;
  const patched = function (name, options) {
    const element = create.call(this, name, options);
    if (String(name).toLowerCase() === "style") element.setAttribute("nonce", nonce);
    return element;
  };
  patched.amaniNonce = true;
  Document.prototype.createElement = patched;
}

/**
 * Two gaps of the engine's accessibility, filled as it renders: it labels its number inputs by an id they do not carry
 * (PrimeVue's InputNumber takes the id as inputId), so such a label is pointed at the one input of its question; and
 * its icon-only buttons (a repeat instance's menu, an image's remove button) get a name, in the page's language
 * (data-text-repeat-menu, data-text-remove).
 */
function fillAccessibilityGaps(host) {
  const names = [[".button-menu", host.dataset.textRepeatMenu || "Actions"], [".clear-button", host.dataset.textRemove || "Remove"]];
  const fix = () => {
    for (const [selector, name] of names)
      host.querySelectorAll(`button${selector}:not([aria-label])`).forEach((button) => { if (!button.textContent.trim()) button.setAttribute("aria-label", name); });
    labelNumberInputs();
  };
  const labelNumberInputs = () => host.querySelectorAll(".question-container").forEach((question) => {
    const label = question.querySelector(":scope > .control-text > label[for]");
    const inputs = question.querySelectorAll("input:not([type=hidden]):not([type=file])");
    const named = label && document.getElementById(label.htmlFor);
    if (label && inputs.length === 1 && inputs[0].id && !(named instanceof HTMLInputElement || named instanceof HTMLSelectElement ||
      named instanceof HTMLTextAreaElement)) label.htmlFor = inputs[0].id;
  });
  new MutationObserver(fix).observe(host, { childList: true, subtree: true });
  fix();
}

async function formXmlOf(host) {
  if (host.dataset.formSource) {
    const source = document.getElementById(host.dataset.formSource);
    return source ? ("value" in source ? source.value : source.textContent) : "";
  }
  const response = await fetch(host.dataset.formUrl, { credentials: "same-origin", headers: { Accept: "application/xml, text/xml" } });
  if (!response.ok) throw new Error(`The form could not be loaded (${response.status}).`);
  return response.text();
}

async function mount(host) {
  host.dataset.xformState = "loading";
  allowEngineStyles(host.dataset.styleNonce);
  let xml;
  try {
    xml = preferLanguage(await formXmlOf(host), host.dataset.lang || document.documentElement.lang);
  } catch (error) {
    host.dataset.xformState = "failed";
    host.dispatchEvent(new CustomEvent("xform-failed", { bubbles: true, detail: { message: error.message } }));
    return;
  }
  const media = host.dataset.mediaUrl;
  const fetchFormAttachment = (url) => {
    const name = decodeURIComponent(String(url.pathname || url).split("/").pop() || "");
    if (!media || !name) return Promise.resolve(new Response(null, { status: 404 }));
    return fetch(media + encodeURIComponent(name), { credentials: "same-origin" });
  };
  const onSubmit = async (payload, callback) => {
    const submission = await toSubmission(payload);
    host.dispatchEvent(new CustomEvent("xform-submission", {
      bubbles: true,
      detail: {
        submission,
        accept: () => callback({ next: POST_SUBMIT__NEW_INSTANCE }),
        keep: () => callback({}),
      },
    }));
  };
  const app = createApp({
    render: () => h(OdkWebForm, { formXml: xml, fetchFormAttachment, missingResourceBehavior: "BLANK", onSubmit }),
  });
  app.use(webFormsPlugin);
  if (host.dataset.styleNonce && app.config.globalProperties.$primevue?.config)
    app.config.globalProperties.$primevue.config.csp = { nonce: host.dataset.styleNonce };
  host.replaceChildren();
  app.mount(host);
  fillAccessibilityGaps(host);
  host.dataset.xformState = "ready";
}

document.querySelectorAll("[data-xform]").forEach((host) => { mount(host); });
