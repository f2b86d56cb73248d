// A real trap of the WebAssembly module (from the test-only `trap-test`
// build in target/pkg-trap-test, which scripts/test.sh makes) must not break
// the package: the trapping call throws a clear Error, the instance is
// re-created and says so, and the next call answers as before. The shipped
// pkg/ must not carry the trap.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { examples, pkgDir, root } from "./helpers.mjs";

const trapDir = `${root}target/pkg-trap-test/`;
if (!existsSync(`${trapDir}node.js`)) {
  throw new Error(
    "target/pkg-trap-test is not built: run bash scripts/build.sh --trap-test target/pkg-trap-test",
  );
}
const validator = await import(`${trapDir}node.js`);
const [example] = examples();

function expected() {
  return validator.validateClaimJson(JSON.stringify(example.claim), JSON.stringify(example.options));
}

for (const kind of ["unreachable", "panic"]) {
  test(`a trap (${kind}) re-creates the instance and the next call works`, (t) => {
    const before = expected();
    const warnings = [];
    t.mock.method(console, "warn", (...args) => warnings.push(args.map(String).join(" ")));
    const events = [];
    const stop = validator.onRestart((event) => events.push(event));
    const restartsBefore = validator.restarts();

    const trapping = { ...example.claim, __trapForTest__: kind };
    assert.throws(
      () => validator.validateClaim(trapping, example.options),
      (error) => {
        assert.equal(error.constructor, Error);
        assert.match(error.message, /failed .*re-created and the next call will work/);
        assert.ok(error.cause instanceof WebAssembly.RuntimeError, String(error.cause));
        return true;
      },
    );
    stop();

    assert.equal(validator.restarts(), restartsBefore + 1);
    assert.equal(events.length, 1);
    assert.equal(events[0].count, restartsBefore + 1);
    assert.ok(events[0].error instanceof WebAssembly.RuntimeError);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /re-created the WebAssembly instance/);

    // The next calls answer exactly as before the trap, many times over.
    for (let i = 0; i < 50; i += 1) assert.equal(expected(), before);
    assert.equal(validator.ruleCatalog().length > 0, true);
    assert.throws(() => validator.validateClaimJson("[]"), /expected a claim object, found an array/);
    assert.equal(validator.restarts(), restartsBefore + 1, "a refusal is not a trap");
  });
}

test("a trap in the middle of a long series leaves every other report intact", (t) => {
  t.mock.method(console, "warn", () => {});
  const reports = [];
  for (let i = 0; i < 20; i += 1) {
    const claim = i % 7 === 3 ? { ...example.claim, __trapForTest__: "unreachable" } : example.claim;
    try {
      reports.push(validator.validateClaimJson(JSON.stringify(claim), JSON.stringify(example.options)));
    } catch (error) {
      reports.push(error.message.includes("re-created") ? "trap" : error.message);
    }
  }
  assert.deepEqual(
    reports.map((r) => (r === "trap" ? r : JSON.parse(r).valid)),
    Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? "trap" : example.expect.valid)),
  );
});

test("the shipped package carries no trap", () => {
  const wasm = readFileSync(`${pkgDir}home_infusion_validator_bg.wasm`);
  assert.equal(wasm.includes("__trapForTest__"), false);
  const trapWasm = readFileSync(`${trapDir}home_infusion_validator_bg.wasm`);
  assert.equal(trapWasm.includes("__trapForTest__"), true, "the test build does carry it");
});
