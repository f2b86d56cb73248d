/**
 * Binds the home infusion claim validator to an existing `<form>`.
 *
 * The form says which of its inputs is which claim field, with
 * `data-claim-path="lines[0].ndc"` attributes or a mapping object. From then
 * on every change re-validates (at most once per animation frame) and each
 * finding is drawn at its field: `aria-invalid`, a message linked with
 * `aria-describedby`, a severity class and a text marker, and a disclosure
 * with the rule's explanation and policy section. A portal that draws its own
 * way passes `render: false` and listens to the `claimreport` event.
 *
 * No dependencies besides the validator itself (`./index.js`, its sibling in
 * the package). Nothing here sets `innerHTML`: all text goes in as text.
 *
 * @module home-infusion-validator/form-binding
 */

import init, { ruleCatalog, validateClaim } from "./index.js";

/** The CSS class prefix of everything the binding draws. */
const PREFIX = "hiv";

/** Marks nodes the binding added, so its own DOM changes are told apart. */
const OWN = "data-hiv";

/** The attribute that names a field's claim path. */
const PATH_ATTR = "data-claim-path";

/** The attribute that says how a field's text becomes a claim value. */
const TYPE_ATTR = "data-claim-type";

/** The attribute the binding sets on a field to its worst severity. */
const SEVERITY_ATTR = "data-claim-severity";

/** The largest list index a path may use (the validator's line limit). */
const MAX_INDEX = 10_000;

/** Names that would reach an object's prototype: never used as keys. */
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** Words and markers per severity: they differ in text, not colour alone. */
const SEVERITY = {
  error: { word: "Error", icon: "\u2716", rank: 0 },
  warning: { word: "Warning", icon: "\u25B2", rank: 1 },
  info: { word: "Note", icon: "\u2139", rank: 2 },
};

let instances = 0;

/**
 * Parses a claim path such as `lines[0].modifiers[1]` into segments
 * (`["lines", 0, "modifiers", 1]`).
 *
 * @param {string} path
 * @returns {Array<string|number>|null} the segments, or null when the path is
 *   not of that form, uses an index over 10,000, or a name such as
 *   `__proto__`.
 */
export function parsePath(path) {
  if (typeof path !== "string") return null;
  const segs = [];
  let rest = path.trim();
  const token = /^(?:(\.)?([A-Za-z_$][\w$]*)|\[(\d{1,5})\])/;
  while (rest) {
    const m = token.exec(rest);
    if (!m) return null;
    if (m[2] !== undefined) {
      // A name: the first one stands alone, later ones follow a dot.
      if ((segs.length === 0) === Boolean(m[1]) || FORBIDDEN.has(m[2])) return null;
      segs.push(m[2]);
    } else {
      const index = Number(m[3]);
      if (segs.length === 0 || index > MAX_INDEX) return null;
      segs.push(index);
    }
    rest = rest.slice(m[0].length);
  }
  return segs.length ? segs : null;
}

/**
 * Writes segments back as a path: `["lines", 0, "ndc"]` gives `lines[0].ndc`.
 *
 * @param {Array<string|number>} segs
 * @returns {string}
 */
export function formatPath(segs) {
  let out = "";
  for (const seg of segs) {
    out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  }
  return out;
}

/**
 * Attaches the validator to a form.
 *
 * @param {HTMLFormElement} form the portal's own form; only the fields named
 *   by `data-claim-path` or by `options.fields` are read or marked
 * @param {import("./form-binding.js").BindOptions} [options]
 * @returns {import("./form-binding.js").FormBinding}
 */
export function bindForm(form, options = {}) {
  if (!form || typeof form.querySelectorAll !== "function") {
    throw new TypeError("bindForm: expected a <form> element as the first argument");
  }
  const opts = { render: true, summaryScope: "all", ...options };
  const hasMapping = Boolean(opts.fields && Object.keys(opts.fields).length);
  const id = `${PREFIX}${++instances}`;
  const doc = form.ownerDocument;
  const view = doc.defaultView ?? globalThis;

  // State: the bound fields and their layout, the last claim and report, and
  // every mark drawn (keyed by the field element, so marks follow a field
  // when its row is renumbered).
  let fields = [];
  let byElement = new Map();
  let layout = emptyLayout();
  let layoutDirty = true;
  let edited = true;
  let lastReport = null;
  let catalog = new Map();
  let validatorReady = false;
  let detached = false;
  let frame = 0;
  let timer = 0;
  let messageCount = 0;
  const marks = new Map();
  let names = new WeakMap();
  const outside = new Set();
  const warned = new Set();
  let summaryBox = null;
  let summaryKey = "";

  // Listeners: every input or change of a bound field asks for a validation.
  // Known gap: a value set by script fires no event; the page calls validate().
  const onEdit = (event) => {
    syncLayout();
    if (byElement.has(event.target)) {
      edited = true;
      request();
    }
  };
  const onReset = () =>
    view.setTimeout(() => {
      edited = true;
      request();
    }, 0);
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("reset", onReset);

  // Lines added or removed by the portal's own script: watch for elements
  // with a claim path coming and going, and for paths being renumbered.
  const observer = new view.MutationObserver((records) => {
    if (records.some(concernsFields)) {
      layoutDirty = true;
      request();
    }
  });
  observer.observe(form, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [PATH_ATTR, TYPE_ATTR, "type"],
  });

  // The summary: a live status line and the grouped list, inside a box of
  // our own so that the page's content of that element is left alone.
  if (opts.render && opts.summary) {
    summaryBox = doc.createElement("div");
    summaryBox.className = `${PREFIX}-summary`;
    summaryBox.setAttribute(OWN, "");
    const status = doc.createElement("p");
    status.className = `${PREFIX}-summary-status`;
    status.setAttribute("role", "status");
    const lists = doc.createElement("div");
    lists.className = `${PREFIX}-summary-groups`;
    summaryBox.append(status, lists);
    opts.summary.append(summaryBox);
  }

  // Load the validator (idempotent), then validate what is already there.
  const ready = init()
    .then(() => {
      validatorReady = true;
      try {
        catalog = new Map(ruleCatalog().map((rule) => [rule.id, rule]));
      } catch (error) {
        warnOnce("catalog", "form-binding: the rule catalog could not be read", error);
      }
      if (detached) return null;
      return run();
    })
    .catch((error) => {
      emitError(error);
      return null;
    });

  /** Takes in DOM changes not yet delivered to the observer, then rescans if needed. */
  function syncLayout() {
    if (observer.takeRecords().some(concernsFields)) layoutDirty = true;
    if (layoutDirty) rescan();
  }

  /** Tells whether a mutation adds, removes or renames bound fields. */
  function concernsFields(record) {
    if (record.type === "attributes") return !isOwn(record.target);
    for (const node of [...record.addedNodes, ...record.removedNodes]) {
      if (node.nodeType !== 1 || isOwn(node)) continue;
      if (byElement.has(node) || node.hasAttribute(PATH_ATTR)) return true;
      if (node.querySelector(`[${PATH_ATTR}]`)) return true;
      if (hasMapping) return true;
    }
    return false;
  }

  /**
   * Finds the bound fields again: attributes first, then the mapping.
   * Returns true when they changed (which counts as an edit).
   */
  function rescan() {
    layoutDirty = false;
    const before = fields;
    const found = new Map();
    const add = (path, el, source) => {
      const segs = parsePath(path);
      if (!segs) {
        warnOnce(`path:${path}`, `form-binding: ignored a field with the bad claim path "${path}"`);
        return;
      }
      const key = formatPath(segs);
      const entry = found.get(key);
      if (entry) {
        if (!entry.els.includes(el)) entry.els.push(el);
      } else {
        found.set(key, { path: key, segs, els: [el], source });
      }
    };

    // Fields named by the mapping object win over their own attribute.
    const mapped = new Set();
    const mappedEntries = [];
    for (const [path, target] of Object.entries(opts.fields ?? {})) {
      const els = resolveTarget(target);
      for (const el of els) mapped.add(el);
      mappedEntries.push([path, els]);
    }
    // Known gap: fields inside a shadow root are not found by their attribute.
    for (const el of form.querySelectorAll(`[${PATH_ATTR}]`)) {
      if (!mapped.has(el) && !isOwn(el)) add(el.getAttribute(PATH_ATTR), el, "attribute");
    }
    for (const [path, els] of mappedEntries) for (const el of els) add(path, el, "mapping");

    // Radios of one path form a group; anything else binds one element.
    fields = [];
    for (const entry of found.values()) {
      const radios = entry.els.filter((el) => el.type === "radio");
      if (radios.length && radios.length === entry.els.length) {
        fields.push({ ...entry, el: radios[0], els: radios, radio: true, type: claimType(radios[0]), kind: "radio" });
      } else {
        const el = entry.els[0];
        if (entry.els.length > 1) {
          warnOnce(`dup:${entry.path}`, `form-binding: more than one field for "${entry.path}"; the first is used`);
        }
        fields.push({ ...entry, el, els: [el], radio: false, type: claimType(el), kind: kindOf(el) });
      }
    }
    byElement = new Map();
    for (const field of fields) for (const el of field.els) byElement.set(el, field);
    names = new WeakMap();

    // Fields outside the form (given as elements) get their own listeners.
    for (const el of outside) {
      if (!byElement.has(el)) {
        el.removeEventListener("input", onEdit);
        el.removeEventListener("change", onEdit);
        outside.delete(el);
      }
    }
    for (const el of byElement.keys()) {
      if (!form.contains(el) && !outside.has(el)) {
        el.addEventListener("input", onEdit);
        el.addEventListener("change", onEdit);
        outside.add(el);
      }
    }

    // Marks on fields that are gone or no longer bound are taken away.
    for (const el of [...marks.keys()]) {
      if (!byElement.has(el)) unmark(el);
    }
    layout = computeLayout(fields);
    const changed = !sameFields(before, fields);
    if (changed) edited = true;
    return changed;
  }

  /** The elements a mapping entry names: a selector (within the form) or an element. */
  function resolveTarget(target) {
    if (typeof target === "string") {
      try {
        return [...form.querySelectorAll(target)];
      } catch {
        warnOnce(`sel:${target}`, `form-binding: "${target}" is not a valid selector`);
        return [];
      }
    }
    if (target && target.nodeType === 1) return [target];
    if (target && typeof target.length === "number") return [...target].filter((el) => el?.nodeType === 1);
    return [];
  }

  /** Asks for a validation in the next animation frame (one per frame at most). */
  function request() {
    if (detached || !validatorReady || frame || timer) return;
    if (doc.visibilityState === "hidden") {
      timer = view.setTimeout(() => {
        timer = 0;
        safeRun();
      }, 0);
    } else {
      frame = view.requestAnimationFrame(() => {
        frame = 0;
        safeRun();
      });
    }
  }

  /** The frame's work: validate if a field was edited or the fields changed. */
  function safeRun() {
    try {
      syncLayout();
      if (edited) run();
    } catch (error) {
      emitError(error);
    }
  }

  /** Reads the form, validates, draws and emits. Throws on bad options. */
  function run() {
    if (detached) return null;
    syncLayout();
    edited = false;

    // Read and validate.
    const claim = readClaim();
    const report = validateClaim(claim, opts.validatorOptions);
    lastReport = report;

    // Draw, then tell the page.
    if (opts.render) draw(report);
    opts.onReport?.(report, claim);
    form.dispatchEvent(
      new view.CustomEvent("claimreport", { detail: { report, claim }, bubbles: false }),
    );
    return report;
  }

  function emitError(error) {
    warnOnce(`run:${error?.message}`, "form-binding: validation failed", error);
    opts.onError?.(error);
    form.dispatchEvent(new view.CustomEvent("claimerror", { detail: { error }, bubbles: false }));
  }

  function warnOnce(key, message, error) {
    if (warned.has(key)) return;
    warned.add(key);
    if (error !== undefined) console.warn(message, error);
    else console.warn(message);
  }

  /** Builds the claim object from the bound fields. */
  function readClaim() {
    const claim = {};
    for (const item of layout.items) setDeep(claim, item, {}, false);
    for (const field of fields) {
      const value = readValue(field);
      if (value !== undefined) setDeep(claim, layout.claimSegs.get(field), value, true);
    }
    fillHoles(claim);
    return claim;
  }

  function setDeep(root, segs, value, overwrite) {
    let node = root;
    for (let i = 0; i < segs.length - 1; i += 1) {
      const seg = segs[i];
      const wantArray = typeof segs[i + 1] === "number";
      let next = node[seg];
      if (next === undefined) {
        next = wantArray ? [] : {};
        node[seg] = next;
      } else if (typeof next !== "object" || next === null || Array.isArray(next) !== wantArray) {
        warnOnce(`shape:${formatPath(segs)}`, `form-binding: "${formatPath(segs)}" clashes with another field's path`);
        return;
      }
      node = next;
    }
    const last = segs[segs.length - 1];
    if (overwrite || node[last] === undefined) node[last] = value;
  }

  /** Draws every finding at its field, and the summary. */
  function draw(report) {
    // Which field each finding belongs to.
    const perField = new Map();
    const placed = [];
    for (const finding of report.findings) {
      const el = targetFor(finding.path);
      placed.push({ finding, el });
      if (!el) continue;
      if (!perField.has(el)) perField.set(el, []);
      perField.get(el).push(finding);
    }

    // Field marks: redraw only the fields whose findings changed.
    for (const [el, findings] of perField) {
      const key = JSON.stringify(findings.map((f) => [f.rule, f.severity, f.message]));
      const mark = marks.get(el);
      if (mark && mark.key === key) continue;
      if (mark) unmark(el);
      markField(el, findings, key);
    }
    for (const el of [...marks.keys()]) {
      if (!perField.has(el)) unmark(el);
    }

    // The summary.
    if (summaryBox) drawSummary(placed);
  }

  /** The field a finding's path names, or a near one, or null. */
  function targetFor(path) {
    const direct = layout.byClaimPath.get(path);
    if (direct) return direct.el;

    // A whole list (`diagnoses`): its first bound entry.
    const first = layout.firstItem.get(path);
    if (first) return first.el;

    // An entry of a list typed in one field (`lines[0].modifiers[1]`), or a
    // field under a bound parent.
    const segs = parsePath(path);
    if (!segs) return null;
    for (let n = segs.length - 1; n > 0; n -= 1) {
      const parent = layout.byClaimPath.get(formatPath(segs.slice(0, n)));
      if (parent) return parent.el;
    }
    return null;
  }

  function markField(el, findings, key) {
    const field = byElement.get(el);
    const mark = {
      key,
      wrapper: null,
      ids: [],
      invalidBefore: el.getAttribute("aria-invalid"),
      setInvalid: false,
    };

    // The message elements, one per finding.
    const wrapper = doc.createElement("div");
    wrapper.className = `${PREFIX}-messages`;
    wrapper.setAttribute(OWN, "");
    const host = opts.messageHost?.(el, field ? formPathOf(field) : "") ?? null;
    for (const finding of findings) {
      const msgId = `${id}-m${++messageCount}`;
      mark.ids.push(msgId);
      wrapper.append(messageElement(finding, msgId, host ? fieldName(el) : ""));
    }

    // Where they go: a host the page chose, or right after the field (after
    // its label when the field sits inside one, or is a box with its label
    // next to it).
    if (host) {
      host.append(wrapper);
    } else {
      anchorOf(el, field).after(wrapper);
    }
    mark.wrapper = wrapper;

    // The field's own attributes: added to, never replacing, its own.
    const describedBy = tokens(el.getAttribute("aria-describedby"));
    el.setAttribute("aria-describedby", [...describedBy, ...mark.ids].join(" "));
    const worst = findings.reduce(
      (w, f) => (rankOf(f.severity) < rankOf(w) ? f.severity : w),
      "info",
    );
    if (worst === "error" || worst === "warning") {
      el.setAttribute("aria-invalid", "true");
      mark.setInvalid = true;
    }
    el.setAttribute(SEVERITY_ATTR, worst);
    marks.set(el, mark);
  }

  function unmark(el) {
    const mark = marks.get(el);
    if (!mark) return;
    marks.delete(el);
    mark.wrapper?.remove();
    const left = tokens(el.getAttribute("aria-describedby")).filter((t) => !mark.ids.includes(t));
    if (left.length) el.setAttribute("aria-describedby", left.join(" "));
    else el.removeAttribute("aria-describedby");
    if (mark.setInvalid) {
      if (mark.invalidBefore === null) el.removeAttribute("aria-invalid");
      else el.setAttribute("aria-invalid", mark.invalidBefore);
    }
    el.removeAttribute(SEVERITY_ATTR);
  }

  function anchorOf(el, field) {
    const last = field?.radio ? field.els[field.els.length - 1] : el;
    const label = last.closest("label");
    if (label && form.contains(label)) return label;
    const next = last.nextElementSibling;
    if (next && next.tagName === "LABEL" && last.id && next.htmlFor === last.id) return next;
    return last;
  }

  function messageElement(finding, msgId, name) {
    const sev = SEVERITY[finding.severity] ?? SEVERITY.error;
    const box = doc.createElement("div");
    box.className = `${PREFIX}-message ${PREFIX}-${finding.severity}`;
    box.dataset.rule = finding.rule;

    const line = doc.createElement("p");
    line.className = `${PREFIX}-text`;
    if (name) {
      const label = doc.createElement("span");
      label.className = `${PREFIX}-field`;
      label.textContent = `${name}: `;
      line.append(label);
    }
    const text = doc.createElement("span");
    text.id = msgId;
    const icon = doc.createElement("span");
    icon.className = `${PREFIX}-icon`;
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = `${sev.icon} `;
    const word = doc.createElement("strong");
    word.className = `${PREFIX}-severity`;
    word.textContent = `${sev.word}: `;
    text.append(icon, word, doc.createTextNode(finding.message));
    line.append(text);
    box.append(line);

    const rule = catalog.get(finding.rule);
    box.append(explanation(finding, rule));
    return box;
  }

  function explanation(finding, rule) {
    const details = doc.createElement("details");
    details.className = `${PREFIX}-explain`;
    const summary = doc.createElement("summary");
    summary.append(doc.createTextNode("Why, and how to fix "));
    const code = doc.createElement("code");
    code.textContent = finding.rule;
    summary.append(code);
    details.append(summary);
    const list = doc.createElement("dl");
    const rows = [
      ["What it checks", rule?.checks],
      ["Why it matters", rule?.why],
      ["How to fix", rule?.fix],
      ["Policy section", finding.policy || rule?.policy],
    ];
    for (const [term, value] of rows) {
      if (!value) continue;
      const dt = doc.createElement("dt");
      dt.textContent = term;
      const dd = doc.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }
    details.append(list);
    return details;
  }

  function drawSummary(placed) {
    const shown = opts.summaryScope === "unplaced" ? placed.filter((p) => !p.el) : placed;
    const key = JSON.stringify(
      shown.map(({ finding, el }) => [
        finding.rule,
        finding.severity,
        finding.message,
        finding.path,
        el ? byElement.get(el)?.path : null,
      ]),
    );
    if (key === summaryKey) return;
    summaryKey = key;
    const [status, groupsBox] = summaryBox.children;

    // The counts, in the live region: it changes only when they do.
    const counts = { error: 0, warning: 0, info: 0 };
    for (const { finding } of shown) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
    const words = [
      plural(counts.error, "error"),
      plural(counts.warning, "warning"),
      plural(counts.info, "note"),
    ].filter(Boolean);
    const statusText = words.length ? words.join(", ") : "No problems found";
    if (status.textContent !== statusText) status.textContent = statusText;

    // The groups: the claim first, then each line, in report order.
    const groups = new Map();
    for (const entry of shown) {
      const label = groupLabel(entry.finding);
      if (!groups.has(label)) groups.set(label, []);
      groups.get(label).push(entry);
    }
    const nodes = [];
    for (const [label, entries] of groups) {
      // As a reader meets the fields on the page; findings with no field last.
      entries.sort((a, b) => pageOrder(a.el, b.el));
      const section = doc.createElement("section");
      section.className = `${PREFIX}-summary-group`;
      const heading = doc.createElement(`h${opts.summaryHeadingLevel ?? 3}`);
      heading.textContent = label;
      const list = doc.createElement("ul");
      for (const { finding, el } of entries) list.append(summaryItem(finding, el));
      section.append(heading, list);
      nodes.push(section);
    }
    groupsBox.replaceChildren(...nodes);
  }

  /** Compares two fields (or null) by their place in the document. */
  function pageOrder(a, b) {
    if (a === b) return 0;
    if (!a) return 1;
    if (!b) return -1;
    return a.compareDocumentPosition(b) & view.Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  // Headings number lines as the form does. Known gap: the message text
  // comes from the validator, which counts the claim's lines, so with gaps
  // in the form's numbering a message's "line 3" may sit under "Line 4".
  function groupLabel(finding) {
    if (finding.line === null || finding.line === undefined) return "Claim";
    const formPath = layout.itemToForm.get(`lines[${finding.line}]`);
    const segs = formPath ? parsePath(formPath) : null;
    const index = segs && typeof segs[1] === "number" ? segs[1] : finding.line;
    return `Line ${index + 1}`;
  }

  function summaryItem(finding, el) {
    const sev = SEVERITY[finding.severity] ?? SEVERITY.error;
    const li = doc.createElement("li");
    li.className = `${PREFIX}-${finding.severity}`;
    li.dataset.rule = finding.rule;
    const target = el ? doc.createElement("a") : doc.createElement("span");
    const icon = doc.createElement("span");
    icon.className = `${PREFIX}-icon`;
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = `${sev.icon} `;
    const word = doc.createElement("strong");
    word.textContent = `${sev.word}: `;
    const name = el ? fieldName(el) : "";
    target.append(icon, word, doc.createTextNode(name ? `${name} \u2014 ${finding.message}` : finding.message));
    if (el) {
      target.href = el.id ? `#${el.id}` : "#";
      target.addEventListener("click", (event) => {
        event.preventDefault();
        el.scrollIntoView?.({ block: "center" });
        el.focus({ preventScroll: true });
      });
    }
    li.append(target);
    return li;
  }

  /** A field's name as people see it (cached until the fields change: finding labels is slow). */
  function fieldName(el) {
    let name = names.get(el);
    if (name === undefined) {
      name = computeName(el);
      names.set(el, name);
    }
    return name;
  }

  function computeName(el) {
    // A radio group is named by its fieldset's legend, not its first choice.
    const legend = byElement.get(el)?.radio ? el.closest("fieldset")?.querySelector(":scope > legend") : null;
    if (legend) return legend.textContent.replace(/\s+/g, " ").trim();
    const by = tokens(el.getAttribute("aria-labelledby"))
      .map((ref) => doc.getElementById(ref)?.textContent ?? "")
      .join(" ");
    const name =
      by.trim() ||
      el.getAttribute("aria-label") ||
      (el.labels?.[0] ? ownText(el.labels[0]) : "") ||
      el.getAttribute("title") ||
      byElement.get(el)?.path ||
      "";
    return name.replace(/\s+/g, " ").trim();
  }

  /** A label's text without the text of controls or marks inside it. */
  function ownText(label) {
    let text = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) text += child.textContent;
        else if (child.nodeType === 1 && !isOwn(child) && !/^(SELECT|TEXTAREA|INPUT|BUTTON)$/.test(child.tagName)) walk(child);
      }
    };
    walk(label);
    return text;
  }

  function formPathOf(field) {
    return field.path;
  }

  /** Sets the bound fields from a claim object; see FormBinding.fill. */
  function fill(claim) {
    if (claim === null || typeof claim !== "object" || Array.isArray(claim)) {
      throw new TypeError("fill: expected a claim object");
    }
    syncLayout();
    const used = new Set();
    const unplaced = [];
    for (const field of fields) {
      const segs = layout.claimSegs.get(field);
      const value = getDeep(claim, segs);
      const path = formatPath(segs);
      if (writeValue(field, value)) {
        if (value !== undefined) used.add(path);
      } else {
        unplaced.push({ path, value });
        used.add(path);
      }
    }
    for (const [path, value] of leaves(claim)) {
      const segs = parsePath(path) ?? [];
      const covered = segs.some((_, n) => used.has(formatPath(segs.slice(0, n + 1))));
      if (!covered) unplaced.push({ path, value });
    }
    // Values set by script fire no event: validate now.
    if (validatorReady && !detached) {
      edited = true;
      safeRun();
    }
    return unplaced;
  }

  function detach() {
    if (detached) return;
    detached = true;
    observer.disconnect();
    form.removeEventListener("input", onEdit);
    form.removeEventListener("change", onEdit);
    form.removeEventListener("reset", onReset);
    for (const el of outside) {
      el.removeEventListener("input", onEdit);
      el.removeEventListener("change", onEdit);
    }
    outside.clear();
    if (frame) view.cancelAnimationFrame(frame);
    if (timer) view.clearTimeout(timer);
    frame = 0;
    timer = 0;
    for (const el of [...marks.keys()]) unmark(el);
    summaryBox?.remove();
    summaryBox = null;
  }

  return {
    ready,
    detach,
    validate() {
      if (detached || !validatorReady) return null;
      if (frame) view.cancelAnimationFrame(frame);
      frame = 0;
      return run();
    },
    claim() {
      syncLayout();
      return readClaim();
    },
    report() {
      return lastReport;
    },
    fill,
    fieldFor(path) {
      syncLayout();
      return targetFor(path);
    },
    formPath(path) {
      syncLayout();
      return toFormPath(layout, path);
    },
    get detached() {
      return detached;
    },
  };
}

/** True when two field lists bind the same paths to the same elements. */
function sameFields(a, b) {
  if (a.length !== b.length) return false;
  return a.every((f, i) => f.path === b[i].path && f.els.length === b[i].els.length && f.els.every((el, j) => el === b[i].els[j]));
}

/** An empty layout. */
function emptyLayout() {
  return {
    items: [],
    claimSegs: new Map(),
    byClaimPath: new Map(),
    firstItem: new Map(),
    itemToForm: new Map(),
  };
}

/**
 * Works out where each bound field goes in the claim.
 *
 * Lists of objects (`lines`) are numbered afresh in form order, so a portal
 * that removes row 1 of 3 and leaves `lines[0]` and `lines[2]` gives a claim
 * of two lines, and a finding on the claim's `lines[1]` lands on the form's
 * `lines[2]`. Lists of values (`diagnoses`, `modifiers`) keep their places,
 * since a diagnosis's place is its pointer letter: a blank box before a
 * filled one becomes `""`.
 */
function computeLayout(fields) {
  const out = emptyLayout();

  // The indexes of each list of objects, under their form path.
  const objectLists = new Map();
  for (const { segs } of fields) {
    for (let k = 1; k < segs.length - 1; k += 1) {
      if (typeof segs[k] !== "number") continue;
      const listPath = formatPath(segs.slice(0, k));
      if (!objectLists.has(listPath)) objectLists.set(listPath, new Set());
      objectLists.get(listPath).add(segs[k]);
    }
  }
  const renumber = new Map();
  for (const [listPath, indexes] of objectLists) {
    const sorted = [...indexes].sort((a, b) => a - b);
    renumber.set(listPath, new Map(sorted.map((formIndex, claimIndex) => [formIndex, claimIndex])));
  }

  // Each field's claim path.
  const items = new Map();
  for (const field of fields) {
    const claim = [];
    for (let k = 0; k < field.segs.length; k += 1) {
      const seg = field.segs[k];
      const table = typeof seg === "number" && k < field.segs.length - 1
        ? renumber.get(formatPath(field.segs.slice(0, k)))
        : undefined;
      if (table) {
        claim.push(table.get(seg));
        const claimItem = formatPath(claim);
        if (!items.has(claimItem)) {
          items.set(claimItem, [...claim]);
          out.itemToForm.set(claimItem, formatPath(field.segs.slice(0, k + 1)));
        }
      } else {
        claim.push(seg);
      }
    }
    out.claimSegs.set(field, claim);
    const claimPath = formatPath(claim);
    out.byClaimPath.set(claimPath, field);

    // The first entry of a list of values stands for the whole list.
    const last = claim[claim.length - 1];
    if (typeof last === "number") {
      const listPath = formatPath(claim.slice(0, -1));
      const known = out.firstItem.get(listPath);
      if (!known || last < out.claimSegs.get(known)[claim.length - 1]) {
        out.firstItem.set(listPath, field);
      }
    }
  }
  out.items = [...items.values()];
  return out;
}

/** A claim path as the form names it (`lines[1]` may be the form's `lines[2]`). */
function toFormPath(layout, path) {
  const segs = parsePath(path);
  if (!segs) return path;
  for (let n = segs.length; n > 0; n -= 1) {
    const prefix = formatPath(segs.slice(0, n));
    const form = layout.itemToForm.get(prefix);
    if (form) return form + formatPath(["x", ...segs.slice(n)]).slice(1);
  }
  return path;
}

/** How a field's text becomes a value: its `data-claim-type`, read once per scan. */
function claimType(el) {
  return (el.getAttribute(TYPE_ATTR) || "").toLowerCase();
}

/** What kind of control a field is, read once per scan. */
function kindOf(el) {
  if (el.type === "checkbox") return "checkbox";
  if (el.tagName === "SELECT" && el.multiple) return "multiple";
  if (typeof el.value === "string") return "value";
  return "text";
}

/** Reads one field as a claim value; `undefined` when it is empty. */
function readValue(field) {
  const { el, type, kind } = field;
  let raw;
  if (kind === "value") {
    raw = el.value;
  } else if (kind === "radio") {
    raw = field.els.find((r) => r.checked)?.value ?? "";
  } else if (kind === "checkbox") {
    return el.checked;
  } else if (kind === "multiple") {
    const values = [...el.selectedOptions].map((o) => o.value).filter((v) => v.trim() !== "");
    return values.length ? values : undefined;
  } else if (el.isContentEditable) {
    raw = el.textContent ?? "";
  } else {
    return undefined;
  }
  if (raw.trim() === "") return undefined;
  if (type === "boolean") {
    if (/^\s*(true|yes|y|on|1)\s*$/i.test(raw)) return true;
    if (/^\s*(false|no|n|off|0)\s*$/i.test(raw)) return false;
    return raw;
  }
  if (type === "list") {
    const items = raw.split(/[\s,;]+/).filter(Boolean);
    return items.length ? items : undefined;
  }
  if (type === "letters") {
    const items = Array.from(raw.replace(/[\s,;]+/g, ""));
    return items.length ? items : undefined;
  }
  return raw;
}

/** Writes a claim value into one field; false when it has no way to show it. */
function writeValue(field, value) {
  const { el, type } = field;
  const empty = value === undefined || value === null || value === "";

  // Boxes: true or false only.
  if (!field.radio && el.type === "checkbox") {
    if (empty || value === false || value === "false") {
      el.checked = false;
      return true;
    }
    el.checked = value === true || value === "true";
    return el.checked;
  }

  // The text the field would hold.
  let text;
  if (empty) {
    text = "";
  } else if (Array.isArray(value) && (type === "list" || type === "letters")) {
    if (!value.every((v) => typeof v === "string" || typeof v === "number")) return clear(field);
    const strings = value.map(String);
    text = type === "letters" && strings.every((s) => s.length === 1) ? strings.join("") : strings.join(", ");
  } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    text = String(value);
  } else {
    return clear(field);
  }

  // Choices: the matching option or radio, if there is one.
  if (field.radio || el.tagName === "SELECT") {
    const choices = field.radio ? field.els.map((r) => r.value) : [...el.options].map((o) => o.value);
    let choice = choices.find((c) => c === text);
    if (choice === undefined && type === "boolean" && typeof value === "boolean") {
      const pattern = value ? /^(true|yes|y|on|1)$/i : /^(false|no|n|off|0)$/i;
      choice = choices.find((c) => pattern.test(c.trim()));
    }
    if (choice === undefined) {
      clear(field);
      return text === "";
    }
    if (field.radio) for (const r of field.els) r.checked = r.value === choice;
    else el.value = choice;
    return true;
  }
  el.value = text;
  return true;
}

function clear(field) {
  if (field.radio) for (const r of field.els) r.checked = false;
  else if (field.el.tagName === "SELECT") field.el.value = "";
  else field.el.value = "";
  return false;
}

function getDeep(root, segs) {
  let node = root;
  for (const seg of segs) {
    if (node === null || typeof node !== "object") return undefined;
    if (typeof seg === "string" && !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = node[seg];
  }
  return node;
}

/** Every non-empty value in a claim, with its path. */
function leaves(value, segs = [], out = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => leaves(item, [...segs, i], out));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) leaves(item, [...segs, key], out);
  } else if (value !== undefined && value !== null && value !== "" && segs.length) {
    out.push([formatPath(segs), value]);
  }
  return out;
}

/** Fills the gaps of lists of values with `""`, keeping their places. */
function fillHoles(node) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i += 1) {
      if (!(i in node)) node[i] = "";
      else fillHoles(node[i]);
    }
  } else if (node !== null && typeof node === "object") {
    for (const key of Object.keys(node)) fillHoles(node[key]);
  }
}

function tokens(value) {
  return (value ?? "").split(/\s+/).filter(Boolean);
}

function rankOf(severity) {
  return (SEVERITY[severity] ?? SEVERITY.error).rank;
}

function plural(n, word) {
  if (!n) return "";
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function isOwn(node) {
  return node.nodeType === 1 && (node.hasAttribute(OWN) || Boolean(node.closest?.(`[${OWN}]`)));
}
