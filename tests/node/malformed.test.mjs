// Malformed input through the built package: what is not a claim object
// throws a TypeError (or, as text, an Error) that says what was expected;
// everything else, however large or odd, gives a report. Nothing may trap
// the module: after each case the package must still answer.

import assert from "node:assert/strict";
import { test } from "node:test";

import { examples } from "./helpers.mjs";

const validator = await import("home-infusion-validator");
const example = examples().find((e) => e.expect.valid === true);

/** After every case: no restart happened and a good claim still validates. */
function stillAnswers() {
  assert.equal(validator.restarts(), 0, "the module trapped");
  assert.equal(validator.validateClaim(example.claim, example.options).valid, true);
}

test("values that are not a claim object throw a TypeError saying what was expected", () => {
  const cases = [
    ["text", "a string"],
    ["", "a string"],
    [null, "null"],
    [undefined, "undefined"],
    [[], "an array"],
    [[{ lines: [] }], "an array"],
    [42, "a number"],
    [true, "a boolean"],
    [10n, "a bigint"],
    [Symbol("claim"), "a symbol"],
    [() => ({}), "a function"],
  ];
  for (const [value, found] of cases) {
    assert.throws(
      () => validator.validateClaim(value),
      (error) =>
        error instanceof TypeError &&
        error.message === `validateClaim: expected a claim object, found ${found}`,
      String(found),
    );
  }
  stillAnswers();
});

test("JSON text that is not an object is refused by the Rust side with an Error", () => {
  for (const [text, found] of [
    ['"text"', "a string"],
    ["null", "null"],
    ["[]", "an array"],
    ["42", "a number"],
    ["true", "a boolean"],
  ]) {
    assert.throws(
      () => validator.validateClaimJson(text),
      (error) => error.constructor === Error && error.message === `expected a claim object, found ${found}`,
      text,
    );
  }
  for (const text of ["", "{", '{"lines": [}', "{} x", "\u0000"]) {
    assert.throws(() => validator.validateClaimJson(text), /claim is not valid JSON/, JSON.stringify(text));
  }
  for (const value of [null, undefined, 42, {}]) {
    assert.throws(() => validator.validateClaimJson(value), /expected the claim as JSON text/);
  }
  stillAnswers();
});

test("a claim that JSON.stringify cannot write throws a clear TypeError", () => {
  const cyclic = { id: "C-1", lines: [{}] };
  cyclic.member = { self: cyclic };
  assert.throws(
    () => validator.validateClaim(cyclic),
    (error) =>
      error instanceof TypeError &&
      /the claim cannot be written as JSON \(.*circular/i.test(error.message) &&
      error.cause instanceof TypeError,
  );
  assert.throws(
    () => validator.validateClaim({ id: "C-2", lines: [{ units: 2n }] }),
    /the claim cannot be written as JSON \(.*BigInt/,
  );
  const cyclicOptions = {};
  cyclicOptions.feeSchedule = cyclicOptions;
  assert.throws(() => validator.validateClaim(example.claim, cyclicOptions), /the options cannot be written as JSON/);
  stillAnswers();
});

test("options: undefined and null mean none; bad options throw an Error naming the entry", () => {
  const none = validator.validateClaim(example.claim);
  assert.deepEqual(validator.validateClaim(example.claim, null), none);
  assert.deepEqual(validator.validateClaim(example.claim, undefined), none);
  assert.deepEqual(validator.validateClaim(example.claim, {}), none);
  assert.equal(validator.validateClaimJson(JSON.stringify(example.claim), null), JSON.stringify(none));
  assert.equal(validator.validateClaimJson(JSON.stringify(example.claim), ""), JSON.stringify(none));

  for (const [options, message] of [
    [{ feeschedule: {} }, /unknown option "feeschedule"/],
    [{ feeSchedule: { S9500: "abc" } }, /options\.feeSchedule\["S9500"\]/],
    [{ maxUnitsPerDay: [] }, /options\.maxUnitsPerDay: expected an object/],
    [{ priorAuthorization: "J1561" }, /options\.priorAuthorization: expected a list/],
  ]) {
    assert.throws(
      () => validator.validateClaim(example.claim, options),
      (error) => error.constructor === Error && message.test(error.message),
      JSON.stringify(options),
    );
  }
  for (const options of ["fees", 42, [], true]) {
    assert.throws(() => validator.validateClaim(example.claim, options), /expected options to be an object/);
  }
  assert.throws(() => validator.validateClaimJson("{}", "{"), /options are not valid JSON/);
  stillAnswers();
});

test("options read once are reused only while their text is the same", () => {
  const claim = example.claim;
  const fee = (amount) => ({ ...example.options, feeSchedule: { ...example.options.feeSchedule, S9502: amount } });
  const allowed = (options) => validator.validateClaim(claim, options).lines[0].allowed;
  assert.equal(allowed(fee("165.00")), "165.00");
  assert.equal(allowed(fee("165.00")), "165.00");
  assert.equal(allowed(fee("150.00")), "150.00");
  assert.throws(() => validator.validateClaim(claim, fee("abc")), /options\.feeSchedule\["S9502"\]/);
  assert.throws(() => validator.validateClaim(claim, fee("abc")), /options\.feeSchedule\["S9502"\]/);
  assert.equal(allowed(fee("150.00")), "150.00");
  assert.equal(allowed(undefined), validator.validateClaim(claim).lines[0].allowed);
  assert.equal(allowed(fee("140.00")), "140.00");
  stillAnswers();
});

test("fields of the wrong kind are findings, not exceptions", () => {
  const report = validator.validateClaim({
    id: ["not", "text"],
    member: "M-1",
    billingProvider: [],
    diagnoses: "J18.9",
    lines: [null, 7, "S9502", { units: {}, charge: [], modifiers: "SH", from: 20260114 }],
  });
  assert.equal(report.valid, false);
  assert.ok(report.findings.filter((f) => f.rule === "malformed-field").length >= 8, JSON.stringify(report));
  assert.equal(report.lines.length, 4);
  stillAnswers();
});

test("a 10 MB text field is a limit-exceeded finding", () => {
  const huge = "x".repeat(10 * 1024 * 1024);
  const report = validator.validateClaim({ ...example.claim, id: huge });
  assert.equal(report.valid, false);
  const finding = report.findings.find((f) => f.rule === "limit-exceeded");
  assert.equal(finding?.path, "id");
  assert.ok(JSON.stringify(report).length < 100_000, "the report does not echo 10 MB");

  const inLine = validator.validateClaim({
    ...example.claim,
    lines: [{ ...example.claim.lines[0], description: huge }],
  });
  assert.ok(inLine.findings.some((f) => f.rule === "limit-exceeded" && f.path === "lines[0].description"));
  stillAnswers();
});

test("10,000 lines are checked; 10,001 lines get only limit-exceeded and no lines", () => {
  const lines = (n) => Array.from({ length: n }, (_, i) => ({ ...example.claim.lines[i % 2] }));
  const atLimit = validator.validateClaim({ ...example.claim, lines: lines(10_000) }, example.options);
  assert.equal(atLimit.lines.length, 10_000);
  assert.ok(!atLimit.findings.some((f) => f.rule === "limit-exceeded"));
  assert.ok(atLimit.findings.some((f) => f.rule === "duplicate-line"));

  const over = validator.validateClaim({ ...example.claim, lines: lines(10_001) }, example.options);
  assert.deepEqual(over.lines, []);
  assert.deepEqual(
    over.findings.map((f) => [f.rule, f.path]),
    [["limit-exceeded", "lines"]],
  );
  assert.equal(over.valid, false);
  stillAnswers();
});

test("deep nesting never traps: 10,000 levels throw a clear error, the module answers next", () => {
  // Shallow nesting in a field is a malformed-field finding.
  let shallow = "S9502";
  for (let i = 0; i < 50; i += 1) shallow = { a: shallow };
  const report = validator.validateClaim({ ...example.claim, lines: [{ code: shallow }] });
  assert.ok(report.findings.some((f) => f.rule === "malformed-field" && f.path === "lines[0].code"));

  // Known limit: JSON.stringify cannot write 10,000 levels (V8's stack), and
  // the Rust side's JSON reader stops at 128; both are clear Errors.
  let deep = {};
  for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
  assert.throws(
    () => validator.validateClaim({ id: "D-1", lines: [{ code: deep }] }),
    (error) => error instanceof TypeError && /cannot be written as JSON/.test(error.message),
  );
  const deepText = `{"lines":[{"code":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}]}`;
  assert.throws(
    () => validator.validateClaimJson(deepText),
    (error) => error.constructor === Error && /recursion limit/.test(error.message),
  );
  const arrays = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  assert.throws(() => validator.validateClaimJson(arrays), /claim is not valid JSON|expected a claim object/);
  stillAnswers();
});

test("odd but valid text survives the trip: unicode, escapes, lone surrogates", () => {
  const report = validator.validateClaim({
    ...example.claim,
    id: "Zoë \u{1F489} \"quoted\" \\ \n\tend",
  });
  assert.equal(report.id, "Zoë \u{1F489} \"quoted\" \\ \n\tend");
  // A lone surrogate becomes U+FFFD, as TextEncoder makes it; text that
  // merely looks like an escape is left alone.
  const lone = validator.validateClaim({
    ...example.claim,
    id: "bad \ud800 half \udc00 \\ud800 \\\ud800",
    [`key\udfff`]: "x",
  });
  assert.equal(lone.id, "bad \ufffd half \ufffd \\ud800 \\\ufffd");
  assert.ok(lone.findings.some((f) => f.rule === "unknown-field" && f.path === "key\ufffd"));
  stillAnswers();
});
