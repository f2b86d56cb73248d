/**
 * The example portal's own script: it knows nothing of the validator. It
 * adds and removes service rows the way such portals do (each row keeps the
 * number it was given, so removing row 2 of 3 leaves rows 1 and 3), and
 * tags each row's inputs with their claim path as it builds them.
 *
 * @module www/portal/portal
 */

const rows = document.getElementById("svc_rows");
const template = document.getElementById("svc_template");
let nextRow = 0;

/** Adds a service row and returns it. */
export function addServiceRow() {
  const n = nextRow++;
  const row = template.content.firstElementChild.cloneNode(true);
  row.dataset.row = String(n);
  for (const input of row.querySelectorAll("input")) {
    const { col, field } = input.dataset;
    input.id = `svc_${n}_${col}`;
    input.name = `svc[${n}][${col}]`;
    input.setAttribute("aria-label", `Service ${n + 1} ${headerText(col)}`);
    // The one line this portal added for the checks: which claim field it is.
    input.setAttribute("data-claim-path", `lines[${n}].${field}`);
  }
  const remove = row.querySelector(".rb-x");
  remove.setAttribute("aria-label", `Remove service ${n + 1}`);
  remove.addEventListener("click", () => {
    row.remove();
    document.getElementById("svc_add").focus();
  });
  rows.append(row);
  return row;
}

function headerText(col) {
  if (col === "dose") return "dose";
  return document.getElementById(`c-${col}`)?.textContent ?? col;
}

document.getElementById("svc_add").addEventListener("click", () => {
  addServiceRow().querySelector("input")?.focus();
});
document.getElementById("rb-claim").addEventListener("submit", (event) => {
  event.preventDefault();
  document.getElementById("rb-submit-note").textContent = "This example portal does not submit claims.";
});
addServiceRow();
