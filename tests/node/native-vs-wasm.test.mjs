// The same claims give byte-identical reports natively (the Rust library,
// through `cargo run --example show` and `--example bench -- --print`) and
// in WebAssembly (the built package, both its text and its object API).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";

import { examples, root } from "./helpers.mjs";

const validator = await import("home-infusion-validator");
const work = mkdtempSync(`${tmpdir()}/hiv-native-`);
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs a cargo example and returns what it printed, without the newline. */
function native(example, ...args) {
  const out = execFileSync("cargo", ["run", "--quiet", "--example", example, "--", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return out.replace(/\n$/, "");
}

/** Both of the package's ways to validate, as bytes. */
function wasm(claim, options) {
  const viaText = validator.validateClaimJson(JSON.stringify(claim), JSON.stringify(options ?? null));
  const viaObject = JSON.stringify(validator.validateClaim(claim, options));
  assert.equal(viaObject, viaText, "validateClaim and validateClaimJson agree");
  return viaText;
}

for (const example of examples()) {
  test(`native and wasm give the same bytes: ${example.name}`, () => {
    const expected = native("show", example.file);
    assert.ok(expected.startsWith('{"id":'), expected.slice(0, 80));
    assert.equal(wasm(example.claim, example.options), expected);
  });
}

// Generated claims the fixtures do not reach: many lines, every kind of
// wrong field, the line limit, long text, odd characters.
const [base] = examples().filter((e) => e.expect.valid);
const generated = {
  "1,000 mixed lines": {
    ...base.claim,
    lines: Array.from({ length: 1000 }, (_, i) => ({
      ...base.claim.lines[i % base.claim.lines.length],
      from: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
      units: (i % 17) + 1,
      charge: `${(i * 3.37).toFixed(2)}`,
    })),
  },
  "wrong kinds everywhere": {
    id: 12345,
    product: ["x"],
    member: { id: true, coverage: "always", hospice: "maybe" },
    billingProvider: { npi: 1003000126, contracted: "TRUE", inNetwork: 0 },
    diagnoses: ["J189", 42, null, {}],
    extra: { nested: [1, 2, 3] },
    lines: [null, 1, "S9502", { code: "s9502", units: "1.5", charge: 1e21, from: "2026-02-30", modifiers: ["SH", "SJ", "", 5] }],
  },
  "10,001 lines": { ...base.claim, lines: Array.from({ length: 10_001 }, () => base.claim.lines[0]) },
  "long text and unicode": {
    ...base.claim,
    id: "Zoë \u{1F489} \"quoted\" \\ end",
    referral: "R".repeat(5000),
    lines: [{ ...base.claim.lines[0], description: "ceftriaxone ✓ 2 g" }],
  },
};

for (const [name, claim] of Object.entries(generated)) {
  test(`native and wasm give the same bytes: ${name}`, () => {
    const file = `${work}/${name.replace(/\W+/g, "-")}.json`;
    writeFileSync(file, JSON.stringify({ claim, options: base.options }));
    const expected = native("bench", file, "--print");
    assert.ok(expected.startsWith('{"id":'), expected.slice(0, 80));
    assert.equal(wasm(claim, base.options), expected);
  });
}
