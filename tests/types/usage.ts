// Uses the package's types as a portal page would; `tsc --noEmit -p
// tests/types` must accept every line, and each `@ts-expect-error` line must
// be an error (tsc fails if one is not), so misuse stays caught.

import init, {
  initSync,
  onRestart,
  policyPack,
  restarts,
  ruleCatalog,
  validateClaim,
  validateClaimJson,
  version,
  type Claim,
  type Finding,
  type LineStatus,
  type Options,
  type PackInfo,
  type Report,
  type RuleId,
  type RuleInfo,
  type Severity,
} from "home-infusion-validator";

export async function page(): Promise<string> {
  await init();
  await init({ module_or_path: new URL("https://portal.example/home_infusion_validator_bg.wasm") });
  initSync({ module: new Uint8Array([0, 97, 115, 109]) });

  // A claim as a form holds it: numbers as text, flags as text, gaps.
  const claim: Claim = {
    id: "CLM-1",
    product: "careAdvantagePreferred",
    member: { id: "CPCT-200431", coverage: { from: "2026-01-01", to: null }, hospice: "false" },
    billingProvider: { npi: "1003000126", contracted: true },
    diagnoses: ["J18.9", "Z45.2"],
    lines: [
      { from: "2026-01-14", code: "S9502", units: "1", charge: "180.00", diagnosisPointers: ["A"] },
      { from: "2026-01-14", code: "J0696", units: 8, charge: 25, ndc: "0143-9857-01", ndcUnit: "UN" },
      {},
    ],
  };
  const options: Options = {
    feeSchedule: { S9502: "165.00", J0696: 0.9 },
    maxUnitsPerDay: { J0696: 16 },
    priorAuthorization: ["J1561"],
  };

  // The report is typed field by field.
  const report: Report = validateClaim(claim, options);
  validateClaim({});
  validateClaim(claim, null);
  const valid: boolean = report.valid;
  const first: Finding | undefined = report.findings[0];
  const rule: RuleId | undefined = first?.rule;
  const line: number | null | undefined = first?.line;
  const severity: Severity | undefined = first?.severity;
  const allowed: string | null | undefined = report.lines[0]?.allowed;
  const status: LineStatus | undefined = report.lines[0]?.status;
  const total: string = report.totalAllowed;
  const id: string | null = report.id;
  const text: string = validateClaimJson(JSON.stringify(claim), JSON.stringify(options));
  validateClaimJson("{}");

  // The catalog and the pack: what the page checks against.
  const catalog: RuleInfo[] = ruleCatalog();
  const explain: string | undefined = catalog.find((r) => r.id === "referral-required")?.fix;
  const pack: PackInfo = policyPack();
  const shown = `validator ${version}, policy pack of ${pack.date}: ${pack.tables.map((t) => t.source).join(", ")}`;
  const count: number = restarts();
  const stop: () => void = onRestart(({ count, error }) => console.warn(count, error));
  stop();

  // Misuse the types must catch.
  // @ts-expect-error a claim is an object, not text
  validateClaim("CLM-1");
  // @ts-expect-error not an array either
  validateClaim([claim]);
  // @ts-expect-error a misspelt field
  validateClaim({ lnes: [] });
  // @ts-expect-error lines are objects
  validateClaim({ lines: ["S9502"] });
  // @ts-expect-error units are a number or text, not a flag
  validateClaim({ lines: [{ units: true }] });
  // @ts-expect-error hospice is a flag
  validateClaim({ member: { hospice: 1 } });
  // @ts-expect-error a misspelt option
  validateClaim(claim, { feeschedule: {} });
  // @ts-expect-error a fee is money, not a flag
  validateClaim(claim, { feeSchedule: { S9502: true } });
  // @ts-expect-error the prior authorization list is a list of codes
  validateClaim(claim, { priorAuthorization: "J1561" });
  // @ts-expect-error severity is one of three words
  const wrongSeverity: Severity = "fatal";
  // @ts-expect-error no such rule
  const wrongRule: RuleId = "referal-required";
  // @ts-expect-error allowed may be null
  const notNull: string = report.lines[0]!.allowed;
  // @ts-expect-error status is one of four words
  const wrongStatus: LineStatus = "approved";
  // @ts-expect-error money leaves as text, not a number
  const asNumber: number = report.totalCharge;
  // @ts-expect-error the report has no such field
  report.errors;
  // @ts-expect-error the options of the text API are text
  validateClaimJson("{}", options);
  // @ts-expect-error version is a string, not a function
  version();

  return [valid, rule, line, severity, allowed, status, total, id, text, explain, shown, count]
    .concat([wrongSeverity, wrongRule, notNull, wrongStatus, asNumber])
    .join(" ");
}
