/**
 * The demo page: a CMS-1500-style claim form checked in place as it is
 * typed. It loads the validator from the package (/pkg/), attaches the
 * package's own form binding to the form (the one implementation portals
 * use too), and adds what a page around it needs: line prices and totals,
 * samples, import and export, a draft kept in this tab only, and offline use.
 *
 * Text from the user or from a file only ever goes in with textContent.
 *
 * @module www/app
 */

import init, { policyPack, version } from "/pkg/index.js";
import { bindForm } from "/pkg/form-binding.js";
import { downloadClaim, readClaimFile } from "./claim-file.js";
import { clearDraft, loadDraft, saveDraft } from "./draft.js";
import { LineList } from "./lines.js";

const $ = (id) => document.getElementById(id);
const form = $("claim-form");
const status = $("file-status");

/** How many lines an imported claim may bring into the form at most. */
const MAX_FORM_LINES = 500;

/** Each price status in words and a marker, not by colour alone. */
const STATUS = {
  paid: { icon: "\u2714", word: "Paid" },
  reduced: { icon: "\u25BC", word: "Reduced to 50%" },
  denied: { icon: "\u2716", word: "Denied" },
  unpriced: { icon: "?", word: "Unpriced" },
};

// Start loading the validator first, so that it compiles while the form is built.
const validatorLoaded = init();

// The form's variable parts: twelve diagnoses and the service lines.
buildDiagnoses($("diagnosis-grid"));
const lines = new LineList($("line-list"), { onChange: () => binding.validate() });

// A draft from this tab (a reload) comes back before the first check.
const draft = loadDraft();
lines.setCount(draft ? lineCountOf(draft) : 1);

// The binding: findings at their fields, the summary at the top, and each
// line's findings in the line's own box so the narrow fields stay narrow.
const binding = bindForm(form, {
  summary: $("summary"),
  messageHost: (field) => field.closest(".has-message-host")?.querySelector(":scope > .field-messages") ?? null,
  onReport: showReport,
  onError: (error) => say(`The check could not run: ${error.message}`),
});
if (draft) {
  placeClaim(draft);
  if (hasContent(draft)) say("Restored the draft kept in this tab. Use Clear form to start over.");
}

// What the page checks against, once the module is loaded.
validatorLoaded
  .then(() => {
    $("version").textContent = typeof version === "function" ? version() : String(version);
    showPack(policyPack());
  })
  .catch((error) => say(`The validator could not be loaded: ${error.message}`));

// The tools.
$("add-line").addEventListener("click", () => lines.add());
$("clear").addEventListener("click", () => {
  lines.setCount(1);
  binding.fill({});
  pendingDraft = null;
  clearDraft();
  say("The form is cleared.");
  $("product").focus();
});
$("export").addEventListener("click", () => {
  const claim = binding.claim();
  const name = downloadClaim(claim);
  say(`Exported the claim as ${name}.`);
});
$("import").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async (event) => {
  const file = event.target.files?.[0];
  event.target.value = "";
  if (!file) return;
  try {
    const claim = await readClaimFile(file);
    placeClaim(claim, `Imported ${file.name}.`);
  } catch (error) {
    say(error.message);
  }
});
setUpSamples();

// The service worker's first download of the page's files waits until the
// first report is on screen, so it does not compete with the page's own.
binding.ready.then(() => setTimeout(registerServiceWorker, 1000));

/**
 * Puts a claim into the form: as many lines as it has, then every field.
 * Says what had no place in the form (nothing is dropped silently).
 */
function placeClaim(claim, done = "") {
  lines.setCount(lineCountOf(claim));
  offerValue($("product"), claim.product);
  const unplaced = binding.fill(claim);
  const extra = Array.isArray(claim.lines) && claim.lines.length > MAX_FORM_LINES
    ? ` Only the first ${MAX_FORM_LINES} of its ${claim.lines.length} lines fit in this form.`
    : "";
  const lost = unplaced.length
    ? ` These parts have no field in this form and were left out: ${unplaced
        .slice(0, 8)
        .map((u) => u.path)
        .join(", ")}${unplaced.length > 8 ? ` and ${unplaced.length - 8} more` : ""}.`
    : "";
  if (done || lost || extra) say(`${done}${extra}${lost}`.trim());
}

/** True when something was typed: a text, or a box ticked. */
function hasContent(value) {
  if (Array.isArray(value)) return value.some(hasContent);
  if (value && typeof value === "object") return Object.values(value).some(hasContent);
  return value === true || (typeof value === "string" && value.trim() !== "") || typeof value === "number";
}

function lineCountOf(claim) {
  const n = Array.isArray(claim?.lines) ? claim.lines.length : 0;
  return Math.max(1, Math.min(n, MAX_FORM_LINES));
}

// A product the list does not know is kept, so its finding shows.
function offerValue(select, value) {
  if (typeof value !== "string" || value === "") return;
  if ([...select.options].some((o) => o.value === value)) return;
  const option = document.createElement("option");
  option.value = value;
  option.textContent = `${value} (not a product of this policy)`;
  select.append(option);
}

/** Each line's estimate, the totals, and the draft. */
function showReport(report, claim) {
  report.lines.forEach((price, i) => {
    const formIndex = indexOfPath(binding.formPath(`lines[${i}]`), i);
    const cell = lines.priceOf(formIndex);
    if (cell) showPrice(cell, price);
  });
  $("total-charge").textContent = money(report.totalCharge);
  $("total-allowed").textContent = money(report.totalAllowed);
  const counts = {};
  for (const { status: s } of report.lines) counts[s] = (counts[s] ?? 0) + 1;
  const words = Object.entries(counts).map(([s, n]) => `${n} ${STATUS[s]?.word.toLowerCase() ?? s}`);
  $("line-statuses").textContent = words.length ? words.join(", ") : "none";
  keepDraft(claim);
}

// The draft is written a moment after typing stops (writing storage on
// every key would cost the key's frame), and at once when the page goes.
let pendingDraft = null;
let draftTimer = 0;
function keepDraft(claim) {
  pendingDraft = claim;
  clearTimeout(draftTimer);
  draftTimer = setTimeout(flushDraft, 300);
}
function flushDraft() {
  clearTimeout(draftTimer);
  if (pendingDraft) saveDraft(pendingDraft);
  pendingDraft = null;
}
addEventListener("pagehide", flushDraft);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flushDraft();
});

function showPrice(cell, price) {
  const s = STATUS[price.status] ?? { icon: "", word: price.status };
  const amount = price.allowed === null ? "needs manual pricing" : money(price.allowed);
  const text = `Estimate: ${s.icon} ${s.word}: ${amount}`;
  if (cell.textContent === text) return;
  cell.textContent = "";
  const label = document.createElement("span");
  label.textContent = "Estimate: ";
  const icon = document.createElement("span");
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = `${s.icon} `;
  cell.append(label, icon, `${s.word}: ${amount}`);
  cell.dataset.status = price.status;
}

function indexOfPath(path, fallback) {
  const m = /^lines\[(\d+)\]$/.exec(path);
  return m ? Number(m[1]) : fallback;
}

function money(text) {
  return text === null || text === undefined ? "\u2014" : `$${text}`;
}

/** The policy pack's date and its tables' sources. */
function showPack(pack) {
  $("pack-date").textContent = pack.date;
  const list = $("pack-tables");
  list.textContent = "";
  for (const table of pack.tables) {
    const item = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = table.table;
    item.append(name, ` (${table.date}${table.sample ? ", sample figures" : ""}): ${table.source}`);
    list.append(item);
  }
}

/** The sample claims, from samples/index.json. */
async function setUpSamples() {
  const select = $("sample");
  try {
    const response = await fetch("samples/index.json");
    const samples = await response.json();
    select.textContent = "";
    for (const sample of samples) {
      const option = document.createElement("option");
      option.value = sample.file;
      option.textContent = sample.title;
      option.dataset.description = sample.description;
      select.append(option);
    }
    const describe = () => {
      $("sample-description").textContent = select.selectedOptions[0]?.dataset.description ?? "";
    };
    select.addEventListener("change", describe);
    describe();
  } catch {
    select.firstElementChild.textContent = "No samples could be loaded";
  }
  $("load-sample").addEventListener("click", async () => {
    const file = select.value;
    if (!file) return;
    try {
      const response = await fetch(`samples/${encodeURIComponent(file)}`);
      const sample = await response.json();
      placeClaim(sample.claim, `Loaded the sample \u201c${select.selectedOptions[0].textContent}\u201d.`);
    } catch (error) {
      say(`The sample could not be loaded: ${error.message}`);
    }
  });
}

function buildDiagnoses(grid) {
  for (let i = 0; i < 12; i += 1) {
    const letter = String.fromCharCode(65 + i);
    const cell = document.createElement("div");
    cell.className = "cell size-s";
    const label = document.createElement("label");
    label.htmlFor = `diagnosis-${i}`;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = "Diagnosis ";
    label.append(hidden, letter);
    const input = document.createElement("input");
    input.type = "text";
    input.id = `diagnosis-${i}`;
    input.spellcheck = false;
    input.setAttribute("data-claim-path", `diagnoses[${i}]`);
    cell.append(label, input);
    grid.append(cell);
  }
}

function say(text) {
  status.textContent = text;
}

// Offline: a small service worker keeps the page's own files. The page's
// policy requires Trusted Types for script URLs, and its one policy lets
// through this one file and nothing else.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  try {
    let url = "sw.js";
    if (globalThis.trustedTypes?.createPolicy) {
      const policy = trustedTypes.createPolicy("service-worker", {
        createScriptURL: (value) => {
          if (value !== "sw.js") throw new TypeError(`not the page's service worker: ${value}`);
          return value;
        },
      });
      url = policy.createScriptURL("sw.js");
    }
    navigator.serviceWorker.register(url).catch(() => {
      // Offline use is a convenience; the page works the same without it.
    });
  } catch (error) {
    console.warn("The service worker could not be registered; the page will not work offline.", error);
  }
}
