// What the browser tests share: a static server on 127.0.0.1 that serves
// chosen folders under chosen prefixes, and headless Chromium through
// playwright-core (Debian's /usr/bin/chromium; never a downloaded browser).

import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".ts": "text/plain",
};

/**
 * Serves each folder of `mounts` ({ "/pkg/": "/abs/pkg" }) on 127.0.0.1 at
 * a free port. Resolves to { url, close }.
 * @param {Record<string, string>} mounts
 */
export function serve(mounts) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const prefix = Object.keys(mounts)
      .filter((p) => path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    const rest = prefix === undefined ? "" : normalize(path.slice(prefix.length));
    const file = prefix === undefined || rest.startsWith("..") ? undefined : join(mounts[prefix], rest);
    const found = file && existsSync(file) && statSync(file).isFile() ? file : undefined;
    if (!found) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(found)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(found).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** Starts headless Chromium with the house's arguments. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Opens `url` in a new page, collecting console messages and page errors,
 * and waits until `document.body.dataset.state` is set by the page.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 */
export async function open(browser, url) {
  const page = await browser.newPage();
  const console = [];
  page.on("console", (message) => console.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => console.push({ type: "pageerror", text: String(error) }));
  await page.goto(url);
  await page.waitForFunction(() => document.body?.dataset.state !== undefined, null, { timeout: 30_000 });
  return { page, console };
}
