// Native and wasm agree: the native CLI (validate-claims, release build) and
// the wasm package in Node give byte-identical reports for the example
// fixtures and for thousands of generated claims, good and broken, fed to
// the CLI as NDJSON. A claim that is refused gives the same message on both
// sides (the CLI's {"line","valid","error"} line, the package's thrown
// Error). Any difference fails the test and prints the claim.
//
//   node --test tests/node/differential.test.mjs
//   DIFF_SEED=7 DIFF_COUNT=50000 node --test tests/node/differential.test.mjs

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, before, test } from "node:test";

import { examples, root } from "./helpers.mjs";

const validator = await import("home-infusion-validator");
const cli = `${root}target/release/validate-claims`;
const work = mkdtempSync(`${tmpdir()}/hiv-differential-`);
after(() => rmSync(work, { recursive: true, force: true }));

const SEED = Number(process.env.DIFF_SEED ?? 20260114);
const COUNT = Number(process.env.DIFF_COUNT ?? 4000);

before(() => {
  // cargo does nothing when the binary is up to date with the sources.
  execFileSync("cargo", ["build", "--quiet", "--release", "--bin", "validate-claims"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
});

/**
 * Runs the CLI on NDJSON text with the given options.
 * @param {string[]} texts one claim's JSON text per line
 * @param {object | null} options
 * @returns {string[]} the CLI's output lines
 */
function runCli(texts, options) {
  const args = [];
  if (options != null) {
    const file = `${work}/options-${Math.random().toString(36).slice(2)}.json`;
    writeFileSync(file, JSON.stringify(options));
    args.push("--options", file);
  }
  const run = spawnSync(cli, args, {
    input: texts.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  assert.ok(run.status === 0 || run.status === 1, `validate-claims exited ${run.status}: ${run.stderr}`);
  return run.stdout.split("\n").slice(0, -1);
}

/**
 * What the package says of one claim's text, in the CLI's terms.
 * @returns {{ report?: string, error?: string }}
 */
function runWasm(text, options) {
  const optionsText = options == null ? "" : JSON.stringify(options);
  try {
    const report = validator.validateClaimJson(text, optionsText);
    // The object API must give the same report as the text API.
    const claim = JSON.parse(text);
    assert.equal(JSON.stringify(validator.validateClaim(claim, options)), report);
    return { report };
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return { error: error.message };
  }
}

/**
 * Compares the CLI's lines with the package, claim by claim; fails with the
 * first differences and their claims.
 */
function assertAgree(texts, options, what) {
  const lines = runCli(texts, options);
  assert.equal(lines.length, texts.length, `${what}: one output line per claim`);
  const differences = [];
  texts.forEach((text, i) => {
    const wasm = runWasm(text, options);
    const native = lines[i];
    let same;
    if (wasm.report !== undefined) {
      same = native === wasm.report;
    } else {
      const parsed = JSON.parse(native);
      same = parsed.line === i + 1 && parsed.valid === false && parsed.error === wasm.error;
    }
    if (!same) differences.push({ line: i + 1, claim: text, native, wasm: wasm.report ?? wasm.error });
  });
  const shown = differences
    .slice(0, 3)
    .map((d) => `line ${d.line}\n  claim:  ${d.claim}\n  native: ${d.native}\n  wasm:   ${d.wasm}`)
    .join("\n");
  assert.equal(differences.length, 0, `${what}: ${differences.length} claims differ\n${shown}`);
}

test("the examples give the same bytes natively (CLI) and in wasm", () => {
  // Each distinct options object is one CLI run.
  const groups = new Map();
  for (const example of examples()) {
    const key = JSON.stringify(example.options ?? null);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(JSON.stringify(example.claim));
  }
  for (const [key, texts] of groups) assertAgree(texts, JSON.parse(key), `examples with ${key}`);
});

test(`${COUNT} generated claims give the same bytes natively and in wasm (seed ${SEED})`, () => {
  const rng = mulberry32(SEED);
  const bases = examples().filter((e) => e.expect.valid).map((e) => e.claim);
  const texts = Array.from({ length: COUNT }, () => generatedText(rng, bases));
  const [first] = examples();
  // Half with the embedded tables, half with the examples' options.
  const half = Math.floor(COUNT / 2);
  assertAgree(texts.slice(0, half), null, `seed ${SEED}, embedded tables`);
  assertAgree(texts.slice(half), first.options, `seed ${SEED}, the examples' options`);

  // The generator reaches both outcomes and many rules, or it tests little.
  const reports = texts.map((t) => runWasm(t, null)).filter((r) => r.report).map((r) => JSON.parse(r.report));
  const rules = new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)));
  assert.ok(reports.some((r) => r.valid), "some generated claims are valid");
  assert.ok(reports.some((r) => !r.valid), "some generated claims are invalid");
  assert.ok(rules.size >= 30, `only ${rules.size} rules fired: ${[...rules].sort().join(", ")}`);
});

// ---- the seeded generator ------------------------------------------------

/** A small seeded PRNG (mulberry32): the same seed gives the same claims. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THERAPY_PER_DIEMS = ["S9502", "S9494", "S9497", "S9500", "S9504", "S9338", "S9348", "S9359",
  "S9329", "S9330", "S9325", "S9326", "S9340", "S9341", "S9364", "S9365", "S9373", "S9374", "S9379", "S9490"];
const DRUGS = ["J0696", "J0690", "J0878", "J1561", "J1459", "J1250", "J2260", "J1745", "J9000", "J9190", "J9999", "J3490"];
const NUTRITION = ["B4152", "B4149", "B4102", "B4164", "B4185", "B4199"];
const SUPPLIES = ["A4222", "A4221", "E0776", "E0781", "K0552", "J1642", "J7050", "B4220", "A4305"];
const DME = ["E0100", "E0250", "K0001"];
const NURSING = ["99601", "99602", "S9123", "S9124"];
const ODD_CODES = ["0001F", "0001T", "0001U", "s9502", "j0696", "X1234", "J069", "S95021", "", " S9502 "];
const MODIFIERS = ["SH", "SJ", "BO", "RB", "MS", "JW", "GW", "59", "sh", "X", "ABC", "", "1"];
const DATES = ["2026-01-14", "2026-01-15", "2025-12-01", "2025-11-30", "2025-02-01", "2025-01-31",
  "2024-02-29", "2026-02-29", "2026-13-01", "2026-1-14", "14/01/2026", "0000-01-01", "9999-12-31", ""];
const NDCS = ["0143-9857-01", "01439857011", "0143985701", "12345-678-90", "12345-6789-0",
  "1234-5678-90", "12345-6789-01", "1-2-3", "0143-9857-1", "abcde-fghi-jk"];
const NDC_UNITS = ["UN", "ML", "GR", "F2", "ME", "un", "XX", ""];
const DIAGNOSES = ["J18.9", "Z45.2", "J189", "A00", "A00.0000", "U07.1", "Z79.2", "123", "J18.", ""];
const NPIS = ["1003000126", "1234567893", "1234567890", "100300012", "10030001261", "abcdefghij"];
const PRODUCTS = ["careAdvantagePreferred", "carePartnersAccess", "careadvantagepreferred", "other", ""];
const TEXTS = ["PA-9001", "REF-1", "Zoë \u{1F489}", 'quote " and \\ slash', "tab\tand\nnewline",
  "\u2028", "é".repeat(1000), "x".repeat(1001), "  ", "null"];

function generatedText(rng, bases) {
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const chance = (p) => rng() < p;
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));

  // A value of the wrong kind, for any field.
  const wrongKind = () => pick([null, true, false, 0, -1, 1.5, 1e21, [], ["S9502"], {}, { a: 1 }, "", "   "]);
  // Usually a well-meant value, sometimes a broken one, sometimes a wrong kind.
  const field = (good, bad = () => pick(TEXTS)) => (chance(0.8) ? good() : chance(0.6) ? bad() : wrongKind());

  const codeFrom = () => {
    const list = pick([THERAPY_PER_DIEMS, THERAPY_PER_DIEMS, DRUGS, DRUGS, NUTRITION, SUPPLIES, DME, NURSING, ODD_CODES]);
    return chance(0.1) ? Number(pick(NURSING.slice(0, 2))) : pick(list);
  };
  const units = () =>
    pick([1, 1, 1, 2, 8, 16, 24, "1", "8", "1.5", 1.255, "1.2345", 0, -1, "0", "1e2", 99999999, 100000000, 0.1 + 0.2, "two"]);
  const charge = () =>
    pick(["180.00", "25.00", "400.00", "500.00", "0", 0, 7.5, "7.5", "1.234", "-1", "$3", 1e-7,
      "99999999.99", "100000000", 0.1 + 0.2, 180, " 55.00 "]);

  const line = () => {
    if (chance(0.02)) return wrongKind();
    const from = pick(DATES.slice(0, 6).concat(DATES.slice(0, 6), DATES));
    const l = {};
    if (chance(0.95)) l.from = field(() => from, () => pick(DATES));
    if (chance(0.2)) l.to = chance(0.7) ? from : field(() => pick(DATES));
    if (chance(0.2)) l.placeOfService = field(() => pick(["12", "12", "11", "1x", 12, "99"]));
    if (chance(0.97)) l.code = field(codeFrom, () => pick(ODD_CODES));
    if (chance(0.4)) {
      l.modifiers = field(
        () => Array.from({ length: int(0, 3) }, () => pick(MODIFIERS.slice(0, 8))),
        () => (chance(0.5) ? pick(MODIFIERS) : Array.from({ length: int(4, 6) }, () => pick(MODIFIERS))),
      );
    }
    if (chance(0.95)) l.units = field(units);
    if (chance(0.95)) l.charge = field(charge);
    if (chance(0.7)) l.diagnosisPointers = field(() => [pick(["A", "A", "B", "C", "L", "M", "a", 1])]);
    if (chance(0.5)) {
      l.ndc = field(() => pick(NDCS));
      l.ndcUnit = field(() => pick(NDC_UNITS));
      l.ndcQuantity = field(() => pick([1, 20, "1.5", 0, "1.2345", -2, "x"]));
      if (chance(0.8)) l.description = field(() => pick(["ceftriaxone 2 g vial", "immune globulin 10%"]));
      if (chance(0.8)) l.dosage = field(() => pick(["2 g", "4.5 g", "1 vial"]));
    }
    if (chance(0.2)) l.priorAuthorization = field(() => pick(["PA-9001", "PA-1"]));
    if (chance(0.03)) l[pick(["units ", "Code", "ndc_unit", "extra"])] = wrongKind();
    return l;
  };

  // A quarter: a valid example, edited a little (often still valid).
  if (chance(0.25)) {
    const claim = structuredClone(pick(bases));
    const lines = claim.lines;
    for (let n = int(0, 2); n > 0; n--) {
      const l = pick(lines.filter((x) => x && typeof x === "object" && !Array.isArray(x))) ?? {};
      const edits = [
        () => (claim.id = `GEN-${int(1, 99999)}`),
        () => (l.charge = pick(["180.00", "25.00", "1000.00", 400, "0.01", "7.5"])),
        () => (l.units = String(l?.code).startsWith("J") ? int(1, 16) : 1),
        () => lines.forEach((x) => (x.from = pick(DATES.slice(0, 4)))),
        () => (l.placeOfService = pick(["12", "11"])),
        () => (l.description = pick(TEXTS)),
        () => (l[pick(["from", "code", "units", "charge", "ndc"])] = wrongKind()),
        () => lines.push(line()),
      ];
      pick(edits)();
    }
    return JSON.stringify(claim);
  }

  // A claim: mostly the fields a form has, each good, broken or missing.
  if (chance(0.01)) return JSON.stringify(pick([[], "claim", 42, null, [{ lines: [] }]]));
  const claim = {};
  if (chance(0.9)) claim.id = field(() => `GEN-${int(1, 99999)}`, () => pick(TEXTS));
  if (chance(0.95)) claim.product = field(() => pick(PRODUCTS.slice(0, 2)), () => pick(PRODUCTS));
  if (chance(0.95)) {
    claim.member = field(() => {
      const m = { id: field(() => `M-${int(1, 999)}`) };
      if (chance(0.5)) m.coverage = field(() => ({ from: pick(DATES), ...(chance(0.4) ? { to: pick(DATES) } : {}) }));
      if (chance(0.1)) m.hospice = field(() => pick([true, false, "true", "FALSE"]));
      return m;
    });
  }
  if (chance(0.95)) {
    claim.billingProvider = field(() => {
      const p = { npi: field(() => pick(NPIS)) };
      if (chance(0.9)) p.contracted = field(() => pick([true, true, false, "true"]));
      if (chance(0.3)) p.inNetwork = field(() => pick([true, false]));
      return p;
    });
  }
  if (chance(0.2)) claim.referral = field(() => "REF-1");
  if (chance(0.2)) claim.priorAuthorization = field(() => "PA-9001");
  if (chance(0.2)) claim.documentationAttached = field(() => pick([true, false, "true"]));
  if (chance(0.95)) claim.diagnoses = field(() => Array.from({ length: chance(0.05) ? 13 : int(1, 3) }, () => pick(DIAGNOSES)));
  if (chance(0.97)) claim.lines = field(() => Array.from({ length: int(1, 10) }, line), () => (chance(0.5) ? [] : "S9502"));
  if (chance(0.03)) claim[pick(["claimId", "Lines", "notes"])] = field(() => pick(TEXTS));
  return JSON.stringify(claim);
}
