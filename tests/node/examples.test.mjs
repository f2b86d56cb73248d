// Every example claim, validated through the built package (pkg/, through
// its package.json `exports`), meets the `expect` block of its fixture.

import assert from "node:assert/strict";
import { test } from "node:test";

import { examples } from "./helpers.mjs";

const validator = await import("home-infusion-validator");

for (const example of examples()) {
  test(`example: ${example.name}`, () => {
    const report = validator.validateClaim(example.claim, example.options);
    const { expect } = example;
    const shown = JSON.stringify(report, null, 2);

    assert.equal(Object.getPrototypeOf(report), Object.prototype, "a plain object");
    assert.equal(report.valid, expect.valid, `valid\n${shown}`);
    for (const [rule, line] of expect.findings ?? []) {
      assert.ok(
        report.findings.some((f) => f.rule === rule && f.line === line),
        `expected ${rule} on line ${line}\n${shown}`,
      );
    }
    for (const [rule, path] of expect.findingPaths ?? []) {
      assert.ok(
        report.findings.some((f) => f.rule === rule && f.path === path),
        `expected ${rule} at ${path}\n${shown}`,
      );
    }
    for (const rule of expect.absent ?? []) {
      assert.ok(!report.findings.some((f) => f.rule === rule), `${rule} must not fire\n${shown}`);
    }
    for (const key of ["lines", "totalCharge", "totalAllowed"]) {
      if (expect[key] !== undefined) assert.deepEqual(report[key], expect[key], key);
    }
  });
}
