// A plain <script type="module"> page (tests/browser/index.html) in headless
// Chromium: `await init()` then validateClaim, served from 127.0.0.1 with
// pkg/ at /pkg/. Its reports must equal Node's for the same claims, and a
// real trap (the test-only build, tests/browser/trap.html) must be survived
// in the browser too.
//
//   node --test tests/browser/

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";

import { examples, root } from "../node/helpers.mjs";
import { launch, open, serve } from "./harness.mjs";

const validator = await import("home-infusion-validator");
const trapBuilt = existsSync(`${root}target/pkg-trap-test/index.js`);
let server;
let browser;

before(async () => {
  server = await serve({
    "/pkg/": `${root}pkg`,
    "/trap-pkg/": `${root}target/pkg-trap-test`,
    "/": `${root}tests/browser`,
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function query(claim, options) {
  const params = new URLSearchParams({ claim: JSON.stringify(claim) });
  if (options) params.set("options", JSON.stringify(options));
  return params.toString();
}

test("the module page validates after await init(), like Node does", async () => {
  for (const example of examples()) {
    const { page, console } = await open(browser, `${server.url}/index.html?${query(example.claim, example.options)}`);
    assert.equal(await page.evaluate(() => document.body.dataset.state), "done", await page.textContent("#out"));
    const result = JSON.parse(await page.textContent("#out"));
    await page.close();

    assert.deepEqual(result.report, validator.validateClaim(example.claim, example.options), example.name);
    assert.equal(result.report.valid, example.expect.valid, example.name);
    assert.equal(result.reportIsPlain, true);
    assert.match(result.beforeInit, /not loaded yet; await init\(\) first/);
    assert.equal(result.refused, "TypeError: validateClaim: expected a claim object, found an array");
    assert.equal(result.version, validator.version);
    assert.equal(result.rules, validator.ruleCatalog().length);
    assert.equal(result.packDate, validator.policyPack().date);
    assert.deepEqual(console.filter((m) => m.type === "error" || m.type === "pageerror" || m.type === "warning"), []);
  }
});

test("the .wasm file is served and streamed as application/wasm", async () => {
  const page = await browser.newPage();
  const wasm = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(r.headers()["content-type"]));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => document.body.dataset.state !== undefined);
  await page.close();
  assert.deepEqual(wasm, ["application/wasm"]);
});

test("a real trap in the browser: the instance is re-created and the next calls answer", { skip: !trapBuilt && "target/pkg-trap-test is not built" }, async () => {
  const [example] = examples();
  const { page, console } = await open(browser, `${server.url}/trap.html?${query(example.claim, example.options)}`);
  const text = await page.textContent("#out");
  await page.close();
  const result = JSON.parse(text);
  assert.equal(result.thrown.name, "Error");
  assert.match(result.thrown.message, /re-created and the next call will work/);
  assert.equal(result.thrown.cause, "RuntimeError");
  assert.deepEqual(result.events, [{ count: 1, error: "RuntimeError" }]);
  assert.equal(result.restarts, 1);
  assert.equal(result.after.length, 20);
  for (const report of result.after) assert.equal(report, result.before);
  assert.equal(result.before, validator.validateClaimJson(JSON.stringify(example.claim), JSON.stringify(example.options)));
  assert.ok(console.some((m) => m.type === "warning" && /re-created the WebAssembly instance/.test(m.text)));
});
