// Types of the form binding (`home-infusion-validator/form-binding`): attach
// the validator to a portal's own <form>.

import type { Claim, Options, Report } from "./index.js";

/**
 * Where a claim field is in the form: a CSS selector (looked up inside the
 * form, so it may match several radios), an element, or a list of elements.
 */
export type FieldTarget = string | Element | ArrayLike<Element>;

/** Options of {@link bindForm}. */
export interface BindOptions {
  /**
   * Claim paths mapped to fields, for forms whose markup cannot carry
   * `data-claim-path` attributes: `{ "member.id": "#mbr", "lines[0].ndc": el }`.
   * A field named here uses this path, not its own attribute.
   */
  fields?: Record<string, FieldTarget>;
  /** Tables passed to `validateClaim` (the portal's contracted fee schedule and lists). */
  validatorOptions?: Options | null;
  /** Called with every report, after it is drawn. */
  onReport?: (report: Report, claim: Claim) => void;
  /** Called when a validation could not run (bad `validatorOptions`, say). */
  onError?: (error: unknown) => void;
  /**
   * `false` draws nothing (no marks, no summary): the page only gets the
   * `claimreport` event and `onReport`. Default `true`.
   */
  render?: boolean;
  /**
   * An element to hold the summary: a live status line with the counts and
   * every finding, grouped by claim and line in the order of their fields
   * on the page, each linked to its field. The binding adds a child of its
   * own and leaves the element's other content alone.
   */
  summary?: Element | null;
  /** `"all"` (default) lists every finding; `"unplaced"` only those with no field. */
  summaryScope?: "all" | "unplaced";
  /** The heading level of the summary's group headings (default 3). */
  summaryHeadingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Where a field's messages go; by default right after the field (after its
   * label when the field sits inside one). Return an element to append them
   * to it instead (they then start with the field's name), or null for the
   * default. `path` is the field's claim path as the form names it.
   */
  messageHost?: (field: Element, path: string) => Element | null;
}

/** A claim value that {@link FormBinding.fill} found no field for. */
export interface UnplacedValue {
  /** Its claim path, such as `lines[7].ndc` or `member.coverage.to`. */
  path: string;
  /** The value as it was in the claim. */
  value: unknown;
}

/** The detail of the `claimreport` event dispatched on the form. */
export interface ClaimReportDetail {
  report: Report;
  claim: Claim;
}

/** The detail of the `claimerror` event dispatched on the form. */
export interface ClaimErrorDetail {
  error: unknown;
}

/** What {@link bindForm} returns. */
export interface FormBinding {
  /** Settles once the validator is loaded and the first report is drawn (null if it failed). */
  readonly ready: Promise<Report | null>;
  /** True once {@link FormBinding.detach} has run. */
  readonly detached: boolean;
  /**
   * Removes every listener, the observer and every mark, message and summary
   * entry the binding added, and restores the fields' own `aria-invalid` and
   * `aria-describedby`. Afterwards nothing validates.
   */
  detach(): void;
  /**
   * Validates now (for changes made by script, which fire no input event)
   * and returns the report; null before the validator is loaded or after
   * detach. Throws when `validatorOptions` cannot be read.
   */
  validate(): Report | null;
  /** The claim the form holds now, as it would be validated. */
  claim(): Claim;
  /** The last report, or null. */
  report(): Report | null;
  /**
   * Sets every bound field from a claim (a field the claim leaves out is
   * emptied), then validates. Lines are matched to the form's line fields in
   * order: add rows first if the claim has more lines. Returns the values
   * that had no field, so that nothing is dropped silently.
   */
  fill(claim: Claim | Record<string, unknown>): UnplacedValue[];
  /** The field a report path is drawn at (`lines[1].ndc`), or null. */
  fieldFor(path: string): Element | null;
  /**
   * A report path as the form names it: when the form's line fields skip
   * an index, the claim's `lines[1]` may be the form's `lines[2]`.
   */
  formPath(path: string): string;
}

/**
 * Attaches the validator to an existing form. Fields are named with
 * `data-claim-path="lines[0].ndc"` attributes and/or `options.fields`.
 * Checkboxes give true or false; text, selects and textareas give their text
 * (an empty field is left out); `data-claim-type="boolean"` reads yes/no
 * text as true/false, `"list"` splits text on commas and spaces
 * (`"SH, 59"`), `"letters"` splits it into letters (`"ABD"` for pointers).
 */
export function bindForm(form: HTMLFormElement, options?: BindOptions): FormBinding;

/** Splits a claim path into names and indexes; null when it is not one. */
export function parsePath(path: string): Array<string | number> | null;

/** Joins names and indexes into a claim path. */
export function formatPath(segments: ReadonlyArray<string | number>): string;

declare global {
  interface HTMLElementEventMap {
    claimreport: CustomEvent<ClaimReportDetail>;
    claimerror: CustomEvent<ClaimErrorDetail>;
  }
}
