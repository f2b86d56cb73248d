// Uses the form binding's types the way a portal would; the lines marked
// "ts-expect-error" are misuse that must not type-check.

import { bindForm, formatPath, parsePath } from "home-infusion-validator/form-binding";
import type { BindOptions, FormBinding, UnplacedValue } from "home-infusion-validator/form-binding";
import type { Report } from "home-infusion-validator";

declare const form: HTMLFormElement;
declare const input: HTMLInputElement;

const options: BindOptions = {
  fields: { "member.id": "#mbr", "lines[0].ndc": input, "member.hospice": document.querySelectorAll("input") },
  validatorOptions: { feeSchedule: { S9502: "165.00" }, priorAuthorization: ["J1561"] },
  onReport: (report, claim) => {
    const valid: boolean = report.valid;
    const lines = claim.lines ?? [];
    void valid;
    void lines;
  },
  onError: (error) => console.error(error),
  render: true,
  summary: document.getElementById("summary"),
  summaryScope: "unplaced",
  summaryHeadingLevel: 4,
  messageHost: (field, path) => (path.startsWith("lines[") ? field.parentElement : null),
};

const binding: FormBinding = bindForm(form, options);
const report: Report | null = binding.validate();
const first: Report | null = await binding.ready;
const unplaced: UnplacedValue[] = binding.fill({ member: { id: "M1" }, lines: [{ code: "S9502" }] });
const field: Element | null = binding.fieldFor("lines[0].ndc");
const path: string = binding.formPath("lines[1]");
const gone: boolean = binding.detached;
binding.detach();
void [report, first, unplaced, field, path, gone];

form.addEventListener("claimreport", (event) => {
  const severity = event.detail.report.findings[0]?.severity;
  void severity;
});
form.addEventListener("claimerror", (event) => console.error(event.detail.error));

const segments: Array<string | number> | null = parsePath("lines[0].modifiers[1]");
const text: string = formatPath(["lines", 0, "ndc"]);
void [segments, text];

// @ts-expect-error: the form is required
bindForm();
// @ts-expect-error: render is a boolean
bindForm(form, { render: "no" });
// @ts-expect-error: summaryScope is "all" or "unplaced"
bindForm(form, { summaryScope: "some" });
// @ts-expect-error: validator options are strict tables
bindForm(form, { validatorOptions: { feeSchedules: {} } });
// @ts-expect-error: report() gives a Report or null, not a string
const wrong: string = binding.report();
void wrong;
