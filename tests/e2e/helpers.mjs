// Shared set-up of the browser tests: the demo server on a free port,
// Debian's Chromium through playwright-core, and a watch on every request.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCREENSHOTS = join(ROOT, "tests", "e2e", "screenshots");

/** Chromium's flags for this machine (common.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // The browser's own services (autofill, sign-in, updates) would talk to
  // their servers; they are not the page's requests, so they are turned off
  // to leave the trap proxy below for the page alone.
  "--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,Translate,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--disable-default-apps",
  "--no-pings",
  "--disable-breakpad",
];

/**
 * Starts scripts/serve.mjs on a free port and resolves with its URL once it
 * says where it listens.
 *
 * @returns {Promise<{ url: string, origin: string, stop: () => Promise<void> }>}
 */
export async function startServer() {
  if (!existsSync(join(ROOT, "pkg", "index.js")) || !existsSync(join(ROOT, "pkg", "form-binding.js"))) {
    throw new Error("pkg/ is not built (or lacks form-binding.js): run bash scripts/build.sh first");
  }
  const child = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs"), "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}`)), 10_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}: ${out}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, origin: url.replace(/\/$/, ""), stop };
}

/**
 * Chromium itself calls Google's browser services (sign-in, component
 * updates and their download redirector, network time) even on about:blank
 * and despite the flags above. Those calls are the browser's, not the
 * page's, so the trap proxy leaves out these hosts; anything else that
 * reaches it is counted. (A page's own request to such a host would still
 * show in the recorded requests, which every test checks too.)
 */
const BROWSER_SERVICE_HOSTS = [
  "accounts.google.com",
  "clients2.google.com",
  "update.googleapis.com",
  "redirector.gvt1.com",
];

function isBrowserService(host) {
  return BROWSER_SERVICE_HOSTS.includes(host) || /\.gvt[12]\.com$/.test(host);
}

/**
 * A proxy that answers nothing and writes down every request sent to it.
 * Chromium sends every request for another host through it (loopback
 * requests go direct), so anything it records left the page's origin.
 *
 * @returns {Promise<{ server: string, seen: string[], close: () => Promise<void> }>}
 */
export async function startTrapProxy() {
  const seen = [];
  const server = createServer((socket) => {
    socket.once("data", (data) => {
      const line = String(data).split("\r\n")[0];
      const target = line.split(" ")[1] ?? "";
      const host = target.includes("://") ? new URL(target).hostname : target.split(":")[0];
      if (!isBrowserService(host)) seen.push(line);
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    socket.on("error", () => {});
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    server: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a page test needs: the static server, the trap proxy that catches
 * anything sent to another host, and Chromium sending through it.
 *
 * @returns {Promise<{ server: Awaited<ReturnType<typeof startServer>>, proxy: Awaited<ReturnType<typeof startTrapProxy>>, browser: import("playwright-core").Browser, stop: () => Promise<void> }>}
 */
export async function startSession() {
  const server = await startServer();
  const proxy = await startTrapProxy();
  const browser = await launch(proxy.server);
  const stop = async () => {
    await browser.close();
    await proxy.close();
    await server.stop();
  };
  return { server, proxy, browser, stop };
}

/**
 * Launches Debian's Chromium headless (each launch gets a fresh temporary
 * profile), with every other host sent to the trap proxy.
 *
 * @param {string} proxy the trap proxy's address
 */
export function launch(proxy) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    // Only the test server (on 127.0.0.1) is reached directly.
    proxy: proxy ? { server: proxy, bypass: "127.0.0.1" } : undefined,
  });
}

/**
 * Writes down every request of a browser context (pages and workers).
 *
 * @param {import("playwright-core").BrowserContext} context
 * @returns {string[]} the URLs, filled in as requests go out
 */
export function recordRequests(context) {
  const urls = [];
  context.on("request", (request) => urls.push(request.url()));
  return urls;
}

/**
 * Writes down every Content-Security-Policy violation in a browser context's
 * pages: a page that does not even try to reach another origin (or to set
 * HTML as text) has none.
 *
 * @param {import("playwright-core").BrowserContext} context
 * @returns {Promise<string[]>} the violations, filled in as they happen
 */
export async function recordPolicyViolations(context) {
  const violations = [];
  await context.exposeBinding("__policyViolation", (_source, text) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__policyViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}`);
    });
  });
  return violations;
}

/**
 * The requests that did not go to `origin` (blob: URLs the page made itself
 * from its own origin are the page's own).
 *
 * @param {string[]} urls
 * @param {string} origin
 */
export function foreign(urls, origin) {
  return urls.filter((u) => !(u.startsWith(`${origin}/`) || u === origin || u.startsWith(`blob:${origin}/`)));
}

/** Makes sure the screenshot folder exists and returns a path in it. */
export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/**
 * Waits until the binding has drawn its first report into the summary.
 * @param {import("playwright-core").Page} page
 * @param {string} [summary] the summary container's selector
 */
export async function waitForFirstReport(page, summary = "#summary") {
  await page.waitForFunction(
    (sel) => (document.querySelector(`${sel} .hiv-summary-status`)?.textContent ?? "") !== "",
    summary,
  );
}

/**
 * The rule ids of the messages drawn for a field (through its
 * aria-describedby), and whether it is marked invalid.
 *
 * @param {import("playwright-core").Page} page
 * @param {string} selector the field
 */
export function marksOf(page, selector) {
  return page.$eval(selector, (el) => {
    const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    const messages = ids
      .map((id) => document.getElementById(id))
      .filter((node) => node?.closest(".hiv-message"))
      .map((node) => ({ rule: node.closest(".hiv-message").dataset.rule, text: node.textContent }));
    return {
      invalid: el.getAttribute("aria-invalid"),
      severity: el.getAttribute("data-claim-severity"),
      describedBy: ids,
      rules: messages.map((m) => m.rule),
      texts: messages.map((m) => m.text),
    };
  });
}

/**
 * Waits until a field's drawn rules satisfy `test`.
 * @param {import("playwright-core").Page} page
 * @param {string} selector
 * @param {(rules: string[]) => boolean} test
 */
export async function waitForRules(page, selector, test, timeout = 5000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await marksOf(page, selector);
    if (test(last.rules)) return last;
    await page.waitForTimeout(25);
  }
  throw new Error(`${selector}: rules ${JSON.stringify(last?.rules)} never matched`);
}
