#!/usr/bin/env node
/**
 * Page figures, in headless Chromium on this machine (not a test: it prints
 * figures and passes or fails nothing).
 *
 *   node bench/page.mjs            # needs pkg/ (bash scripts/build.sh)
 *   RUNS=40 node bench/page.mjs    # more runs
 *
 * 1. Navigation to the first report on screen: from navigation start
 *    (performance.timeOrigin) to the first `claimreport` (drawn) and to the
 *    paint after it. Cold: a fresh browser context each run (no cache, no
 *    service worker). Warm: reloads of a page its service worker controls.
 *    For scale, a page of one paragraph loaded the same way.
 * 2. Keystroke to updated findings on a 50-line claim: from the keydown's
 *    timestamp to the report drawn (the binding validates in the next
 *    animation frame) and to the paint after it; with the binding's own
 *    work in that frame (read the form, validate, draw) and validateClaim
 *    alone on the same claim.
 *
 * Targets: first report within 100 ms; keystroke to update within one
 * frame (16 ms).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT, launch, startServer, waitForFirstReport } from "../tests/e2e/helpers.mjs";

const RUNS = Number(process.env.RUNS || 25);
const KEYS = Number(process.env.KEYS || 60);

/** Marks the page's timings; runs before the page's own scripts. */
function instrument() {
  window.__bench = { reports: [], rafStart: 0, inFrame: false };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((time) => {
      window.__bench.rafStart = performance.now();
      window.__bench.inFrame = true;
      try {
        callback(time);
      } finally {
        window.__bench.inFrame = false;
      }
    });
  // After the rendering update that shows the change: a task queued from an
  // animation frame callback runs after that frame's style, layout and
  // paint; from anywhere else, wait for the next frame first.
  const afterPaint = () =>
    new Promise((resolve) => {
      const later = () => setTimeout(() => resolve(performance.now()), 0);
      if (window.__bench.inFrame) later();
      else raf(later);
    });
  window.addEventListener(
    "keydown",
    (event) => {
      window.__bench.key = event.timeStamp;
    },
    true,
  );
  // Capture: the binding's event does not bubble, but passes the window.
  window.addEventListener(
    "claimreport",
    (event) => {
      const entry = {
        drawn: performance.now(),
        frameStart: window.__bench.rafStart,
        key: window.__bench.key,
        findings: event.detail.report.findings.length,
      };
      window.__bench.reports.push(entry);
      afterPaint().then((t) => {
        entry.painted = t;
      });
    },
    true,
  );
}

/** A 50-line claim: 25 days of an antibiotic per diem and its drug. */
function fiftyLineClaim() {
  const sample = JSON.parse(readFileSync(join(ROOT, "www", "samples", "clean-antibiotic-day.json"), "utf8")).claim;
  const lines = [];
  for (let day = 1; day <= 25; day += 1) {
    const date = `2026-01-${String(day).padStart(2, "0")}`;
    for (const line of sample.lines) lines.push({ ...line, from: date });
  }
  return { ...sample, id: "BENCH-50", lines };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], n: sorted.length };
}

function line(label, values, target) {
  const s = stats(values);
  const mark = target === undefined ? "" : s.median <= target ? `  (target ${target} ms: met)` : `  (target ${target} ms: MISSED)`;
  console.log(
    `${label.padEnd(52)} median ${s.median.toFixed(1).padStart(6)} ms   p90 ${s.p90.toFixed(1).padStart(6)} ms   min ${s.min.toFixed(1).padStart(6)} ms   n=${s.n}${mark}`,
  );
  return s;
}

async function firstReport(page) {
  await page.waitForFunction(() => window.__bench.reports[0]?.painted !== undefined);
  return page.evaluate(() => ({ drawn: window.__bench.reports[0].drawn, painted: window.__bench.reports[0].painted }));
}

async function main() {
  const server = await startServer();
  const browser = await launch();
  try {
    console.log(`Page figures: headless Chromium ${browser.version()}, ${RUNS} loads, ${KEYS} keystrokes\n`);

    // 1. Cold loads: a new context each time.
    const cold = { drawn: [], painted: [] };
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext();
      await context.addInitScript(instrument);
      const page = await context.newPage();
      await page.goto(server.url);
      const t = await firstReport(page);
      cold.drawn.push(t.drawn);
      cold.painted.push(t.painted);
      await context.close();
    }

    // For scale: a page holding one paragraph, cold, on the same server.
    const blank = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const url = `${server.url}bench-blank.html`;
      await page.route(url, (route) =>
        route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title><p>blank</p>" }),
      );
      await page.goto(url);
      blank.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd));
      await context.close();
    }

    // Warm loads: reloads of a page its service worker controls.
    const warm = { drawn: [], painted: [] };
    {
      const context = await browser.newContext();
      await context.addInitScript(instrument);
      const page = await context.newPage();
      await page.goto(server.url);
      await waitForFirstReport(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      for (let i = 0; i < RUNS; i += 1) {
        await page.reload();
        const t = await firstReport(page);
        warm.drawn.push(t.drawn);
        warm.painted.push(t.painted);
      }
      await context.close();
    }

    // 2. Keystrokes on a 50-line claim, restored as the tab's draft.
    const claim = fiftyLineClaim();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(instrument);
    await context.addInitScript((text) => {
      sessionStorage.setItem("home-infusion-claim-draft", text);
    }, JSON.stringify(claim));
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForFirstReport(page);
    const lineCount = await page.locator("#line-list > li").count();
    const field = "#line-49-ndc";
    await page.fill(field, "0143-9857-0");
    await page.locator(field).focus();
    await page.waitForTimeout(200);

    // Each key toggles the NDC between valid and not, so findings change.
    const keys = { drawn: [], painted: [], work: [], findings: new Set() };
    for (let i = 0; i < KEYS; i += 1) {
      const before = await page.evaluate(() => window.__bench.reports.length);
      await page.keyboard.press(i % 2 === 0 ? "1" : "Backspace");
      await page.waitForFunction((n) => window.__bench.reports[n]?.painted !== undefined, before);
      const r = await page.evaluate((n) => window.__bench.reports[n], before);
      keys.drawn.push(r.drawn - r.key);
      keys.painted.push(r.painted - r.key);
      keys.work.push(r.drawn - r.frameStart);
      keys.findings.add(r.findings);
      await page.waitForTimeout(30);
    }

    // The browser's own floor on the same page: a key typed into an input
    // the binding does not know, to the paint that shows the character.
    await page.evaluate(() => {
      const echo = document.createElement("input");
      echo.id = "bench-echo";
      echo.setAttribute("aria-label", "bench");
      document.querySelector(".tools").append(echo);
      window.__bench.echo = [];
      const raf = window.requestAnimationFrame;
      echo.addEventListener("input", () => {
        const key = window.__bench.key;
        raf(() => setTimeout(() => window.__bench.echo.push(performance.now() - key), 0));
      });
    });
    await page.locator("#bench-echo").focus();
    for (let i = 0; i < KEYS; i += 1) {
      await page.keyboard.press(i % 2 === 0 ? "1" : "Backspace");
      await page.waitForFunction((n) => window.__bench.echo.length > n, i);
      await page.waitForTimeout(30);
    }
    const echo = await page.evaluate(() => window.__bench.echo);

    // validateClaim alone, on the same claim, in the same page.
    const validate = await page.evaluate(async (c) => {
      const { validateClaim } = await import("/pkg/index.js");
      const times = [];
      for (let i = 0; i < 200; i += 1) {
        const t0 = performance.now();
        validateClaim(c);
        times.push(performance.now() - t0);
      }
      return times;
    }, claim);
    await context.close();

    line("navigation -> first report drawn (cold)", cold.drawn, 100);
    line("navigation -> first report painted (cold)", cold.painted, 100);
    line("  for scale: a one-paragraph page, DOMContentLoaded", blank);
    line("navigation -> first report drawn (warm, worker)", warm.drawn, 100);
    line("navigation -> first report painted (warm, worker)", warm.painted, 100);
    console.log("");
    console.log(`${lineCount}-line claim, typing in the last line's NDC (findings per report: ${[...keys.findings].join(" or ")})`);
    line("keystroke -> findings drawn", keys.drawn, 16);
    line("keystroke -> next paint", keys.painted, 16);
    line("  binding's work in the frame (read, validate, draw)", keys.work);
    line("  for scale: keystroke -> paint, field not bound", echo);
    line("  validateClaim alone (50 lines)", validate);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
