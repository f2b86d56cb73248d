// Types of the home-infusion-validator package: the claim, the options, the
// report, the rule catalog and the policy pack, as docs/spec/claim-format.md
// describes them. Written once, here; tests/types/usage.ts checks them with
// `tsc --noEmit`, and tests/node/types.test.mjs checks RuleId against the
// catalog the module actually carries.

// ---------------------------------------------------------------- the claim

/**
 * Text as a form gives it. `null` means the same as a missing field. A JSON
 * number is also read as text (`"id": 42`), so it is accepted.
 */
export type Text = string | number | null;

/** A number as JSON or as the text a form input gives (`8`, `"8"`, `"2.5"`). */
export type NumberLike = number | string | null;

/**
 * Money: decimal, as text (`"125.50"`) or as a JSON number (`125.5`). It is
 * never a binary float inside the validator.
 */
export type Money = string | number;

/** True or false, or a form's `"true"`/`"false"`. */
export type Flag = boolean | "true" | "false" | null;

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The two products the policy covers; any other text is a finding. */
export type Product = "careAdvantagePreferred" | "carePartnersAccess";

/** A member of the plan (CMS-1500 item 1a and the eligibility span). */
export interface Member {
  /** Member ID; required. */
  id?: Text;
  /** The verified eligibility span; `to` absent means open-ended. */
  coverage?: { from?: IsoDate | null; to?: IsoDate | null } | null;
  /** The member has an active hospice election. */
  hospice?: Flag;
}

/** The billing provider (item 33a). */
export interface BillingProvider {
  /** 10 digits with a Luhn check digit over the `80840` prefix. */
  npi?: Text;
  /** The agency holds a contract with the plan; absent means not contracted. */
  contracted?: Flag;
  /** Absent means the same as `contracted`. */
  inNetwork?: Flag;
}

/** One service line (item 24). */
export interface Line {
  /** Date of service (24A); required. */
  from?: IsoDate | null;
  /** End date: when present it must equal `from`. */
  to?: IsoDate | null;
  /** Two digits (24B); absent means `"12"` (home). */
  placeOfService?: Text;
  /** HCPCS Level II (`S9500`) or CPT (`99601`) code (24D). */
  code?: Text;
  /** Up to four two-character modifiers (24D). */
  modifiers?: Text[] | null;
  /** Units of service (24G), greater than zero. */
  units?: NumberLike;
  /** Billed charge (24F), zero or more. */
  charge?: Money | null;
  /** Letters `A` to `L` into the claim's `diagnoses` (24E). */
  diagnosisPointers?: Text[] | null;
  /** 11 digits (5-4-2) or hyphenated 4-4-2, 5-3-2, 5-4-1 or 5-4-2. */
  ndc?: Text;
  /** NDC unit qualifier. */
  ndcUnit?: "UN" | "ML" | "GR" | "F2" | "ME" | (string & {}) | null;
  /** NDC quantity, greater than zero, at most three decimals. */
  ndcQuantity?: NumberLike;
  /** Description of the drug or product. */
  description?: Text;
  /** Dosage administered, such as `"4.5 g"`. */
  dosage?: Text;
  /** Line-level prior authorization number. */
  priorAuthorization?: Text;
}

/**
 * A claim as a page holds it while it is being typed: every field may be
 * missing, empty or malformed, and each such problem is a finding in the
 * report, never an exception.
 */
export interface Claim {
  /** The submitter's own reference; echoed in the report. */
  id?: Text;
  /** The plan product; anything else is not covered by this policy. */
  product?: Product | (string & {}) | null;
  member?: Member | null;
  billingProvider?: BillingProvider | null;
  /** Referral number (item 17). */
  referral?: Text;
  /** Claim-level prior authorization number (item 23). */
  priorAuthorization?: Text;
  /** Supporting documentation is sent with the claim. */
  documentationAttached?: Flag;
  /** ICD-10-CM codes, 1 to 12; the first is pointer `A`. */
  diagnoses?: Text[] | null;
  /** The service lines, at least one, at most 10,000. */
  lines?: Line[] | null;
}

// -------------------------------------------------------------- the options

/**
 * Tables that replace the embedded policy pack's, each as a whole. Options
 * are the caller's configuration: an unknown key or a bad entry throws.
 */
export interface Options {
  /** Allowed amount per unit of service (per day for a per diem), by code. */
  feeSchedule?: Record<string, Money> | null;
  /** Most units of a code for one member on one date, by code. */
  maxUnitsPerDay?: Record<string, number | string> | null;
  /** Codes that need a prior authorization number. */
  priorAuthorization?: string[] | null;
}

// --------------------------------------------------------------- the report

/** How much a finding matters: an `error` makes the claim invalid. */
export type Severity = "error" | "warning" | "info";

/** Every rule id the validator reports; programs match on these. */
export type RuleId =
  | "product-not-covered"
  | "missing-field"
  | "invalid-npi"
  | "provider-not-contracted"
  | "referral-required"
  | "invalid-diagnosis-code"
  | "hospice-election"
  | "invalid-date"
  | "date-span-on-line"
  | "member-not-covered-on-date"
  | "invalid-procedure-code"
  | "invalid-modifier"
  | "invalid-units"
  | "invalid-charge"
  | "invalid-place-of-service"
  | "place-of-service-not-home"
  | "invalid-diagnosis-pointer"
  | "duplicate-line"
  | "concurrent-modifier-missing"
  | "concurrent-modifier-unexpected"
  | "concurrent-modifier-order"
  | "concurrent-therapy-reduced"
  | "per-diem-units"
  | "per-diem-without-infusion"
  | "per-diem-code-conflict"
  | "noc-per-diem-documentation"
  | "noc-per-diem-specific-code"
  | "noc-per-diem-with-other-therapy"
  | "supply-included-in-per-diem"
  | "dme-not-related-to-infusion"
  | "drug-line-incomplete"
  | "invalid-ndc"
  | "prior-authorization-required"
  | "max-units-exceeded"
  | "oral-nutrition-not-covered"
  | "add-on-without-primary"
  | "no-fee-schedule-amount"
  | "malformed-field"
  | "unknown-field"
  | "limit-exceeded";

/** One problem found in a claim, pointing at the field it is about. */
export interface Finding {
  /** The rule's stable id. */
  rule: RuleId;
  severity: Severity;
  /** A sentence for people; it may change, so match on `rule`. */
  message: string;
  /** The field, such as `lines[2].ndc`, `diagnoses[0]` or `member.id`. */
  path: string;
  /** The 0-based service line, or `null` for a claim-level finding. */
  line: number | null;
  /** The policy section (or coding standard) the finding rests on. */
  policy: string;
}

/** How the estimate treats one line. */
export type LineStatus = "paid" | "reduced" | "denied" | "unpriced";

/** The allowed-amount estimate of one line. */
export interface LinePrice {
  /** Money with two decimals, or `null` when the line cannot be priced. */
  allowed: string | null;
  status: LineStatus;
}

/** What the validator says of one claim: a plain object. */
export interface Report {
  /** The claim's `id`, echoed back, or `null`. */
  id: string | null;
  /** True when no finding has severity `error`. */
  valid: boolean;
  /** Claim-level findings first, then by line, then by rule id. */
  findings: Finding[];
  /** The estimate for each line, in the claim's order. */
  lines: LinePrice[];
  /** The sum of the well-formed charges, with two decimals. */
  totalCharge: string;
  /** The sum of the allowed amounts, with two decimals. */
  totalAllowed: string;
}

// ---------------------------------------------------- the catalog and pack

/** A rule of the catalog, with the explanation a page shows. */
export interface RuleInfo {
  id: RuleId;
  /** The severity of every finding of this rule. */
  severity: Severity;
  /** One line: when the rule fires. */
  summary: string;
  /** The policy section (or coding standard) the rule rests on. */
  policy: string;
  /** What the rule checks. */
  checks: string;
  /** Why the plan cares. */
  why: string;
  /** How to fix the claim. */
  fix: string;
}

/** Where one table of the policy pack comes from. */
export interface TableInfo {
  /** The table's name, as the options name it (`feeSchedule`, ...). */
  table: string;
  /** Where its figures come from. */
  source: string;
  /** The date its figures are as of, `YYYY-MM-DD`. */
  date: IsoDate;
  /** True when the figures are an illustrative sample, not the plan's. */
  sample: boolean;
  /** What the figures mean. */
  note: string;
}

/** The embedded policy pack: its date and each table's source. */
export interface PackInfo {
  /** The newest date of any table, `YYYY-MM-DD`. */
  date: IsoDate;
  tables: TableInfo[];
}

// ---------------------------------------------------------------- the API

/** Where `init` loads the module from; by default the `.wasm` file beside the JS. */
export type InitInput =
  | RequestInfo
  | URL
  | Response
  | BufferSource
  | WebAssembly.Module;

/**
 * Loads and instantiates the WebAssembly module; await it once before
 * anything else. Calling it again does nothing. (Node's entry has already
 * done it.)
 */
export default function init(input?: {
  module_or_path?: InitInput | Promise<InitInput>;
}): Promise<void>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): void;

/**
 * Validates a claim and returns the report. Throws a TypeError only when the
 * claim is not an object or cannot be written as JSON, and an Error when the
 * options cannot be read.
 */
export function validateClaim(claim: Claim, options?: Options | null): Report;

/**
 * Validates a claim given as JSON text and returns the report as JSON text,
 * byte for byte what the native library gives. Throws when the text is not
 * a JSON object or the options cannot be read.
 */
export function validateClaimJson(claimText: string, optionsText?: string | null): string;

/** Every rule the validator checks, in catalog order. */
export function ruleCatalog(): RuleInfo[];

/** The embedded policy pack's date and sources. */
export function policyPack(): PackInfo;

/** The package's version, such as `"0.1.0"`. */
export const version: string;

/** How many times the WebAssembly instance was re-created after a trap. */
export function restarts(): number;

/** What a restart listener is told. */
export interface RestartEvent {
  /** How many restarts so far, this one included. */
  count: number;
  /** What the failed call threw (a WebAssembly.RuntimeError, say). */
  error: unknown;
}

/**
 * Calls `listener` each time the instance is re-created after a trap.
 * Returns a function that removes the listener.
 */
export function onRestart(listener: (event: RestartEvent) => void): () => void;
