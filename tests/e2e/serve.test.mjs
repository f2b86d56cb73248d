// scripts/serve.mjs on its own: what it serves, with which types and
// policy, and what it refuses (other methods, paths out of its folders).

import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";

import { startServer } from "./helpers.mjs";

let server;
let port;

before(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
});

after(async () => {
  await server?.stop();
});

/** A raw request: the path is sent exactly as given (no URL clean-up). */
function get(path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serve.mjs", () => {
  test("serves www/ at / and pkg/ at /pkg/ with their types", async () => {
    const cases = [
      ["/", "text/html; charset=utf-8"],
      ["/index.html", "text/html; charset=utf-8"],
      ["/app.js", "text/javascript; charset=utf-8"],
      ["/styles.css", "text/css; charset=utf-8"],
      ["/samples/index.json", "application/json; charset=utf-8"],
      ["/portal/", "text/html; charset=utf-8"],
      ["/pkg/index.js", "text/javascript; charset=utf-8"],
      ["/pkg/form-binding.js", "text/javascript; charset=utf-8"],
      ["/pkg/home_infusion_validator_bg.wasm", "application/wasm"],
    ];
    for (const [path, type] of cases) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers["content-type"], type, path);
      assert.equal(res.headers["x-content-type-options"], "nosniff", path);
    }
    assert.match((await get("/")).body, /<title>Home infusion claim check<\/title>/);
    assert.equal((await get("/pkg/home_infusion_validator_bg.wasm")).body.slice(0, 4), "\0asm");
  });

  test("sends a policy that allows only the page's own files and wasm compilation", async () => {
    const csp = (await get("/")).headers["content-security-policy"];
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    assert.deepEqual(directives["default-src"], ["'self'"]);
    assert.deepEqual(directives["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives["connect-src"], ["'self'"]);
    assert.deepEqual(directives["object-src"], ["'none'"]);
    const sources = Object.values(directives).flat();
    assert.ok(
      sources.every((s) => s.startsWith("'") || /^[\w-]+$/.test(s)),
      `no host, scheme or wildcard source: ${csp}`,
    );
    assert.ok(!sources.includes("'unsafe-inline'") && !sources.includes("'unsafe-eval'"));
    assert.equal((await get("/pkg/index.js")).headers["content-security-policy"], csp, "on every answer");
  });

  test("refuses paths that leave its folders, hidden files, and other methods", async () => {
    for (const path of [
      "/../Cargo.toml",
      "/%2e%2e/Cargo.toml",
      "/..%2fCargo.toml",
      "/pkg/../Cargo.toml",
      "/pkg/..%2f..%2fCargo.toml",
      "/pkg/%2e%2e/src/lib.rs",
      "/samples/..%5c..%5cCargo.toml",
      "/.git/config",
      "/%00index.html",
      "/%E0%A4%A",
      "/nope.html",
    ]) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.body, /\[package\]|repositoryformatversion|pub fn/, path);
    }
    assert.equal((await get("/", "POST")).status, 405);
    assert.equal((await get("/", "PUT")).status, 405);
    assert.equal((await get("/", "HEAD")).status, 200);
    const redirect = await get("/portal");
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, "/portal/");
  });
});
