// A bundler: Vite builds tests/bundler/app (one file that imports the package
// by name) into target/bundler-dist; the .wasm must be emitted as an asset,
// and the built app must validate in headless Chromium, served from
// 127.0.0.1, exactly as the package does in Node.
//
//   node --test tests/bundler/

import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { after, before, test } from "node:test";

import { build } from "vite";

import { launch, open, serve } from "../browser/harness.mjs";
import { root } from "../node/helpers.mjs";

const validator = await import("home-infusion-validator");
const outDir = `${root}target/bundler-dist`;
let server;
let browser;

before(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    root: `${root}tests/bundler/app`,
    base: "./",
    logLevel: "warn",
    configFile: false,
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
  server = await serve({ "/": outDir });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("vite emits the .wasm as an asset, byte for byte, and bundles the browser entry", () => {
  const assets = readdirSync(`${outDir}/assets`);
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, assets.join(", "));
  assert.ok(
    readFileSync(`${outDir}/assets/${wasm[0]}`).equals(readFileSync(`${root}pkg/home_infusion_validator_bg.wasm`)),
  );
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(`${outDir}/assets/${f}`, "utf8")).join("");
  assert.ok(js.includes(wasm[0]), "the bundle points at the emitted .wasm");
  assert.ok(!js.includes("node:fs"), "the node entry stays out of a browser bundle");
});

test("the built app validates in Chromium like the package does in Node", async () => {
  const { page, console } = await open(browser, `${server.url}/index.html`);
  const state = await page.evaluate(() => document.body.dataset.state);
  const text = await page.textContent("#out");
  await page.close();
  assert.equal(state, "done", text);
  const result = JSON.parse(text);
  assert.deepEqual(result.report, validator.validateClaim(result.claim, { feeSchedule: { S9502: "165.00" } }));
  assert.equal(result.report.valid, true, text);
  assert.deepEqual(result.report.lines, [{ allowed: "165.00", status: "paid" }]);
  assert.equal(result.version, validator.version);
  assert.equal(result.rules, validator.ruleCatalog().length);
  assert.equal(result.pack, validator.policyPack().date);
  assert.deepEqual(console.filter((m) => ["error", "pageerror", "warning"].includes(m.type)), []);
});
