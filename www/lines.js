/**
 * The service-line list of the demo form (CMS-1500 item 24): one fieldset per
 * line, with the line's fields named by `data-claim-path`, and the add,
 * remove and copy-to-next-day buttons. The form binding notices rows coming
 * and going on its own; this module only keeps the rows numbered.
 *
 * @module www/lines
 */

/** The main row of a line: dates, place, code, modifiers, pointers, money. */
const MAIN_FIELDS = [
  { key: "from", label: "From", item: "24A", size: "date", placeholder: "YYYY-MM-DD", inputmode: "numeric" },
  { key: "to", label: "To", item: "24A", size: "date", placeholder: "YYYY-MM-DD", inputmode: "numeric" },
  { key: "placeOfService", label: "Place", item: "24B", size: "xs", placeholder: "12", inputmode: "numeric" },
  { key: "code", label: "Code", item: "24D", size: "s" },
  { key: "modifiers[0]", label: "Mod 1", size: "xs" },
  { key: "modifiers[1]", label: "Mod 2", size: "xs" },
  { key: "modifiers[2]", label: "Mod 3", size: "xs" },
  { key: "modifiers[3]", label: "Mod 4", size: "xs" },
  { key: "diagnosisPointers", label: "Pointers", item: "24E", size: "s", type: "letters", placeholder: "AB" },
  { key: "charge", label: "Charge", item: "24F", size: "s", inputmode: "decimal" },
  { key: "units", label: "Units", item: "24G", size: "xs", inputmode: "decimal" },
];

/** The shaded row: the drug details of a drug line. */
const DRUG_FIELDS = [
  { key: "ndc", label: "NDC", size: "m", placeholder: "12345-6789-01" },
  { key: "ndcUnit", label: "NDC unit", size: "xs", list: "ndc-units" },
  { key: "ndcQuantity", label: "NDC qty", size: "s", inputmode: "decimal" },
  { key: "description", label: "Description", size: "l" },
  { key: "dosage", label: "Dosage", size: "s" },
  { key: "priorAuthorization", label: "Line prior auth", size: "m" },
];

/** Every field of a line, in tab order. */
export const LINE_FIELDS = [...MAIN_FIELDS, ...DRUG_FIELDS];

const NDC_UNITS = [
  ["UN", "unit"],
  ["ML", "millilitre"],
  ["GR", "gram"],
  ["F2", "international unit"],
  ["ME", "milligram"],
];

/**
 * The list of service lines.
 */
export class LineList {
  /**
   * @param {HTMLOListElement} list the `<ol>` that holds the lines
   * @param {{ onChange?: () => void }} [hooks] called after a line is added,
   *   removed or copied (the page re-validates at once)
   */
  constructor(list, hooks = {}) {
    this.list = list;
    this.hooks = hooks;
    this.doc = list.ownerDocument;
    this.ensureUnitList();
  }

  /** How many lines there are. */
  get count() {
    return this.list.children.length;
  }

  /**
   * Adds or removes lines at the end until there are `n`.
   * @param {number} n
   */
  setCount(n) {
    while (this.count < n) this.list.append(this.buildLine());
    while (this.count > n) this.list.lastElementChild.remove();
    this.renumber();
  }

  /**
   * Adds an empty line at the end and moves focus to its first field.
   * @returns {HTMLLIElement}
   */
  add() {
    const line = this.buildLine();
    this.list.append(line);
    this.renumber();
    this.hooks.onChange?.();
    this.field(this.count - 1, "from")?.focus();
    return line;
  }

  /**
   * Removes line `index`; focus moves to the line that takes its place, or
   * the one before, or the add button.
   * @param {number} index
   */
  remove(index) {
    const line = this.list.children[index];
    if (!line) return;
    line.remove();
    this.renumber();
    this.hooks.onChange?.();
    const next = Math.min(index, this.count - 1);
    const target = next >= 0 ? this.list.children[next].querySelector(".line-remove") : null;
    (target ?? this.doc.getElementById("add-line"))?.focus();
  }

  /**
   * Copies line `index` into a new line right after it, with its dates moved
   * to the next day (the next date of service goes on its own line).
   * @param {number} index
   */
  copyToNextDay(index) {
    const source = this.list.children[index];
    if (!source) return;
    const copy = this.buildLine();
    source.after(copy);
    this.renumber();
    for (const { key } of LINE_FIELDS) {
      const from = this.field(index, key);
      const to = this.field(index + 1, key);
      if (from && to) to.value = from.value;
    }
    for (const key of ["from", "to"]) {
      const field = this.field(index + 1, key);
      if (field) field.value = nextDay(field.value);
    }
    this.hooks.onChange?.();
    this.field(index + 1, "from")?.focus();
  }

  /**
   * The input of line `index` for a line field key such as `ndc`.
   * @param {number} index
   * @param {string} key
   * @returns {HTMLInputElement | null}
   */
  field(index, key) {
    return this.doc.getElementById(fieldId(index, key));
  }

  /**
   * The element of line `index` that shows its price estimate.
   * @param {number} index
   * @returns {HTMLElement | null}
   */
  priceOf(index) {
    return this.list.children[index]?.querySelector(".line-price") ?? null;
  }

  // Each line's number, ids, labels and claim paths follow its place.
  renumber() {
    [...this.list.children].forEach((line, i) => {
      line.dataset.line = String(i);
      line.querySelector(".line-number").textContent = String(i + 1);
      for (const node of line.querySelectorAll(".line-n")) node.textContent = String(i + 1);
      for (const { key } of LINE_FIELDS) {
        const input = line.querySelector(`input[data-key="${key}"]`);
        const label = line.querySelector(`label[data-key="${key}"]`);
        input.id = fieldId(i, key);
        label.htmlFor = input.id;
        input.setAttribute("data-claim-path", `lines[${i}].${key}`);
      }
      line.querySelector(".line-price").id = `line-price-${i}`;
    });
  }

  // One line: a fieldset with its legend, two rows of fields, the price,
  // the buttons and the box where the line's findings are shown.
  buildLine() {
    const d = this.doc;
    const li = d.createElement("li");
    li.className = "line";
    const fieldset = el(d, "fieldset", "line-box has-message-host");
    const legend = el(d, "legend", "line-legend");
    legend.append("Line ", el(d, "span", "line-number", "1"));
    fieldset.append(legend);

    const main = el(d, "div", "line-row line-main");
    for (const spec of MAIN_FIELDS) main.append(this.buildField(spec));

    const drug = el(d, "div", "line-row line-drug");
    for (const spec of DRUG_FIELDS) drug.append(this.buildField(spec));

    const actions = el(d, "div", "line-actions");
    const price = el(d, "p", "line-price");
    price.textContent = "Estimate: \u2014";
    actions.append(price);
    const copy = button(d, "line-copy", "Copy to next day", " (line ", ")");
    const remove = button(d, "line-remove", "Remove", " line ", "");
    copy.addEventListener("click", () => this.copyToNextDay(indexOf(li)));
    remove.addEventListener("click", () => this.remove(indexOf(li)));
    actions.append(copy, remove);

    fieldset.append(main, drug, actions, el(d, "div", "field-messages"));
    li.append(fieldset);
    return li;
  }

  buildField(spec) {
    const d = this.doc;
    const cell = el(d, "div", `cell size-${spec.size}`);
    const label = d.createElement("label");
    label.dataset.key = spec.key;
    if (spec.item) label.append(el(d, "span", "item", spec.item), " ");
    label.append(spec.label);
    const input = d.createElement("input");
    input.type = "text";
    input.dataset.key = spec.key;
    input.spellcheck = false;
    input.autocomplete = "off";
    if (spec.placeholder) input.placeholder = spec.placeholder;
    if (spec.inputmode) input.inputMode = spec.inputmode;
    if (spec.type) input.setAttribute("data-claim-type", spec.type);
    if (spec.list) input.setAttribute("list", spec.list);
    cell.append(label, input);
    return cell;
  }

  // The NDC unit suggestions, once per page.
  ensureUnitList() {
    if (this.doc.getElementById("ndc-units")) return;
    const list = this.doc.createElement("datalist");
    list.id = "ndc-units";
    for (const [code, name] of NDC_UNITS) {
      const option = this.doc.createElement("option");
      option.value = code;
      option.label = name;
      list.append(option);
    }
    this.list.after(list);
  }
}

/**
 * The day after an ISO date (`2026-01-31` gives `2026-02-01`); anything
 * that is not such a date is returned as it is.
 * @param {string} text
 * @returns {string}
 */
export function nextDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return text;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCDate() !== Number(m[3])) return text;
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function fieldId(index, key) {
  return `line-${index}-${key.replace(/\W+/g, "-").replace(/-$/, "")}`;
}

function indexOf(li) {
  return [...li.parentElement.children].indexOf(li);
}

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A button whose visible text is short and whose name says which line.
function button(doc, className, text, before, after) {
  const b = el(doc, "button", className);
  b.type = "button";
  const hidden = el(doc, "span", "visually-hidden");
  hidden.append(before, el(doc, "span", "line-n", "1"), after);
  b.append(text, hidden);
  return b;
}
