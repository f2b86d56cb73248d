// The package as a Node 20 ESM program gets it: imported by name through
// its package.json `exports` (the `node` condition, which loads the module
// synchronously), with the API, the catalog, the pack and the version, and
// a package.json that ships every file it names.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

import { examples, pkgDir, root } from "./helpers.mjs";

const validator = await import("home-infusion-validator");
const manifest = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));
const cargoVersion = /^version = "(.+)"$/m.exec(readFileSync(`${root}Cargo.toml`, "utf8"))[1];

test("the name resolves through the node condition, to the package's own entries", () => {
  const resolved = import.meta.resolve("home-infusion-validator");
  assert.equal(resolved, new URL("node.js", `file://${pkgDir}`).href);
  assert.deepEqual(Object.keys(manifest.exports["."]), ["types", "node", "default"]);
  assert.equal(manifest.exports["."].node, "./node.js");
  assert.equal(manifest.exports["."].default, "./index.js");
  assert.equal(manifest.name, "home-infusion-validator");
  assert.equal(manifest.type, "module");
});

test("a fresh Node process imports it by name and validates without init()", () => {
  const script = `
    import { validateClaim, version } from "home-infusion-validator";
    const report = validateClaim({ lines: [{}] });
    console.log(JSON.stringify({ version, valid: report.valid, first: report.findings[0].rule }));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  assert.deepEqual(JSON.parse(out), { version: cargoVersion, valid: false, first: "missing-field" });
});

test("CommonJS can require() it too (Node 20.19+ loads ES modules without top-level await)", () => {
  const require = createRequire(import.meta.url);
  const required = require("home-infusion-validator");
  assert.equal(required.validateClaim({ lines: [{}] }).valid, false);
  assert.equal(required.version, cargoVersion);
});

test("package.json lists every shipped file and every file it lists exists", () => {
  for (const file of manifest.files) assert.ok(existsSync(`${pkgDir}${file}`), file);
  for (const file of ["index.js", "index.d.ts", "node.js", "home_infusion_validator.js", "home_infusion_validator_bg.wasm"]) {
    assert.ok(manifest.files.includes(file), file);
  }
  const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets));
  for (const entry of targets(manifest.exports)) assert.ok(existsSync(`${pkgDir}${entry.slice(2)}`), entry);
  if (existsSync(`${root}js/form-binding.js`)) {
    assert.ok(manifest.files.includes("form-binding.js"));
    assert.ok(manifest.files.includes("form-binding.d.ts"));
    assert.deepEqual(manifest.exports["./form-binding"], {
      types: "./form-binding.d.ts",
      default: "./form-binding.js",
    });
  }
  assert.equal(manifest.version, cargoVersion);
  assert.ok(Array.isArray(manifest.sideEffects));
  // No test build leaks into the shipped package.
  assert.ok(!readFileSync(`${pkgDir}home_infusion_validator_bg.wasm`).includes("__trapForTest__"));
});

test("npm pack takes exactly the listed files", () => {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir, encoding: "utf8" }),
  );
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [...manifest.files, "package.json"].sort());
  assert.equal(packed.name, "home-infusion-validator");
});

test("version, catalog and pack say what the page checks against", () => {
  assert.equal(validator.version, cargoVersion);
  const catalog = validator.ruleCatalog();
  assert.ok(catalog.length >= 40);
  for (const rule of catalog) {
    assert.deepEqual(Object.keys(rule), ["id", "severity", "summary", "policy", "checks", "why", "fix"]);
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(["error", "warning", "info"].includes(rule.severity));
    for (const key of ["summary", "policy", "checks", "why", "fix"]) assert.ok(rule[key].length > 0, `${rule.id}.${key}`);
  }
  assert.equal(new Set(catalog.map((r) => r.id)).size, catalog.length);
  const pack = validator.policyPack();
  assert.match(pack.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(pack.tables.length > 0);
  assert.equal(pack.date, pack.tables.map((t) => t.date).sort().at(-1), "the pack's date is its newest table's");
  // Each call returns a fresh object: a caller may change it.
  validator.ruleCatalog()[0].id = "changed";
  assert.notEqual(validator.ruleCatalog()[0].id, "changed");
});

test("the RuleId type in index.d.ts names exactly the catalog's rules", () => {
  const types = readFileSync(`${pkgDir}index.d.ts`, "utf8");
  const union = /export type RuleId =([^;]+);/.exec(types)[1];
  const typed = [...union.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]).sort();
  const actual = validator.ruleCatalog().map((r) => r.id).sort();
  assert.deepEqual(typed, actual);
});

test("every finding of every example uses the typed fields only", () => {
  for (const example of examples()) {
    const report = validator.validateClaim(example.claim, example.options);
    assert.deepEqual(Object.keys(report), ["id", "valid", "findings", "lines", "totalCharge", "totalAllowed"]);
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding), ["rule", "severity", "message", "path", "line", "policy"]);
    }
    for (const line of report.lines) {
      assert.deepEqual(Object.keys(line), ["allowed", "status"]);
      assert.ok(line.allowed === null || /^-?\d+\.\d{2}$/.test(line.allowed));
    }
  }
});

test("init() and initSync() are idempotent on Node's entry", async () => {
  await validator.default();
  await validator.default();
  validator.initSync({ module: new Uint8Array([1, 2, 3]) }); // already loaded: ignored
  assert.equal(validator.validateClaim({ lines: [{}] }).valid, false);
});
