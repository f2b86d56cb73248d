// The demo page (www/) in Debian's Chromium: typing a claim field by field,
// findings at the right fields, prices, the summary, accessibility (axe),
// user text kept as text, export and import, the draft, offline use and
// keyboard use; and no request leaves the page's origin in any of it.

import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import AxeBuilder from "@axe-core/playwright";

import {
  ROOT,
  foreign,
  recordPolicyViolations,
  marksOf,
  recordRequests,
  screenshotPath,
  startServer,
  startSession,
  waitForFirstReport,
  waitForRules,
} from "./helpers.mjs";

const XSS = "<img src=x onerror=alert(1)>";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let server;
let proxy;
let browser;

let stopSession;

before(async () => {
  ({ server, proxy, browser, stop: stopSession } = await startSession());
});

after(async () => {
  await stopSession?.();
});

/**
 * A fresh context and page on the demo, with every request written down;
 * `done()` checks that none left the origin and closes the context.
 */
async function openDemo(t, path = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const requests = recordRequests(context);
  const violations = await recordPolicyViolations(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(server.url + path);
  await waitForFirstReport(page);
  const done = async () => {
    await context.close();
    assert.deepEqual(foreign(requests, server.origin), [], `${t.name}: requests left the origin`);
    assert.deepEqual(errors, [], `${t.name}: the page threw`);
    assert.deepEqual(violations, [], `${t.name}: the page broke its own policy`);
  };
  return { context, page, requests, done };
}

/** Types text into a field key by key, as a person would. */
async function type(page, selector, text) {
  await page.locator(selector).click();
  await page.locator(selector).pressSequentially(text);
}

async function loadSample(page, file) {
  await page.selectOption("#sample", file);
  const title = await page.$eval("#sample", (select) => select.selectedOptions[0].textContent);
  await page.evaluate(() => {
    document.getElementById("file-status").textContent = "";
  });
  await page.click("#load-sample");
  await page.waitForFunction(
    (t) => document.getElementById("file-status").textContent.includes(`Loaded the sample \u201c${t}\u201d`),
    title,
  );
}

async function summaryText(page) {
  return page.locator("#summary").innerText();
}

describe("the demo page", () => {
  test("typing a claim field by field shows findings at the right fields, and clears them", async (t) => {
    const { page, done } = await openDemo(t);

    // The claim-level fields of a clean HMO claim.
    await page.selectOption("#product", "careAdvantagePreferred");
    await type(page, "#member-id", "CPCT-200431");
    await type(page, "#coverage-from", "2026-01-01");
    await type(page, "#npi", "1003000126");
    await page.check("#contracted");
    await type(page, "#diagnosis-0", "J18.9");
    await type(page, "#diagnosis-1", "Z45.2");
    for (const sel of ["#member-id", "#npi", "#product", "#diagnosis-0"]) {
      await waitForRules(page, sel, (rules) => rules.length === 0);
    }

    // Line 1: the antibiotic per diem. Before its drug line exists, it warns.
    await type(page, "#line-0-from", "2026-01-14");
    await type(page, "#line-0-code", "S9502");
    await type(page, "#line-0-units", "1");
    await type(page, "#line-0-charge", "180.00");
    await type(page, "#line-0-diagnosisPointers", "A");
    await waitForRules(page, "#line-0-code", (r) => r.includes("per-diem-without-infusion"));

    // Line 2: the drug, with a 10-digit NDC without hyphens.
    await page.click("#add-line");
    assert.equal(await page.evaluate(() => document.activeElement.id), "line-1-from", "focus goes to the new line");
    await page.keyboard.type("2026-01-14");
    await type(page, "#line-1-code", "J0696");
    await type(page, "#line-1-units", "8");
    await type(page, "#line-1-charge", "25.00");
    await type(page, "#line-1-diagnosisPointers", "A");
    await type(page, "#line-1-ndc", "0143985701");
    await type(page, "#line-1-ndcUnit", "UN");
    await type(page, "#line-1-ndcQuantity", "1");
    await type(page, "#line-1-description", "ceftriaxone 2 g vial");
    await type(page, "#line-1-dosage", "2 g");
    const ndc = await waitForRules(page, "#line-1-ndc", (r) => r.includes("invalid-ndc"));
    assert.equal(ndc.invalid, "true");
    assert.equal(ndc.severity, "error");
    assert.match(ndc.texts.join(" "), /10 digits without hyphens/);
    assert.match(ndc.texts.join(" "), /^\S+ Error: /, "the severity is written out, not shown by colour alone");
    await waitForRules(page, "#line-0-code", (r) => r.length === 0);
    assert.equal((await marksOf(page, "#line-1-code")).rules.length, 0, "no finding on the drug line's code");
    assert.match(await page.locator("#line-price-1").innerText(), /Denied/);

    // Fixing the NDC clears its finding and its marks.
    await page.fill("#line-1-ndc", "");
    await type(page, "#line-1-ndc", "0143-9857-01");
    const fixed = await waitForRules(page, "#line-1-ndc", (r) => r.length === 0);
    assert.equal(fixed.invalid, null);
    assert.equal(fixed.severity, null);
    assert.deepEqual(fixed.describedBy, []);
    assert.match(await page.locator("#line-price-1").innerText(), /Paid: \$7\.20/);
    assert.equal(await page.locator("#summary .hiv-summary-status").innerText(), "No problems found");

    // An HMO member out of network without a referral: on the referral field.
    await page.selectOption("#in-network", "false");
    const referral = await waitForRules(page, "#referral", (r) => r.includes("referral-required"));
    assert.equal(referral.invalid, "true");
    assert.equal((await marksOf(page, "#in-network")).rules.length, 0);
    assert.match(await summaryText(page), /Claim\s+.*Referral number/s);
    await type(page, "#referral", "REF-5521");
    await waitForRules(page, "#referral", (r) => r.length === 0);

    // A second therapy on the same date without SH: on line 3's modifier.
    await page.click("#add-line");
    await page.keyboard.type("2026-01-14");
    await type(page, "#line-2-code", "S9338");
    await type(page, "#line-2-units", "1");
    await type(page, "#line-2-charge", "400.00");
    await type(page, "#line-2-diagnosisPointers", "B");
    await page.click("#add-line");
    await page.keyboard.type("2026-01-14");
    await type(page, "#line-3-code", "J1561");
    await type(page, "#line-3-units", "4");
    await type(page, "#line-3-charge", "500.00");
    await type(page, "#line-3-diagnosisPointers", "B");
    await type(page, "#line-3-ndc", "13533-0800-12");
    await type(page, "#line-3-ndcUnit", "ML");
    await type(page, "#line-3-ndcQuantity", "20");
    await type(page, "#line-3-description", "immune globulin 10%");
    await type(page, "#line-3-dosage", "2 g");
    await type(page, "#line-3-priorAuthorization", "PA-9001");
    const missing = await waitForRules(page, "#line-2-modifiers-0", (r) => r.includes("concurrent-modifier-missing"));
    assert.equal(missing.invalid, "true");
    assert.match(await page.locator("#line-price-2").innerText(), /Denied/);
    assert.match(await summaryText(page), /Line 3\s+.*Mod 1/s);

    // With SH: the error goes, a note says it is paid at half, priced so.
    await type(page, "#line-2-modifiers-0", "SH");
    const reduced = await waitForRules(page, "#line-2-modifiers-0", (r) => r.includes("concurrent-therapy-reduced"));
    assert.deepEqual(reduced.rules, ["concurrent-therapy-reduced"]);
    assert.equal(reduced.invalid, null, "a note does not mark the field invalid");
    assert.equal(reduced.severity, "info");
    assert.match(reduced.texts[0], /Note: .*50%/);
    await page.waitForFunction(() => /Reduced to 50%: \$105\.00/.test(document.getElementById("line-price-2").textContent));
    assert.equal(await page.locator("#total-allowed").innerText(), "$671.20");
    assert.equal(await page.locator("#total-charge").innerText(), "$1105.00");
    assert.equal(await page.locator("#summary .hiv-summary-status").innerText(), "1 note");

    // A date the field's own hint describes keeps that hint beside the finding.
    await type(page, "#coverage-to", "2026-02-30");
    const to = await waitForRules(page, "#coverage-to", (r) => r.includes("invalid-date"));
    assert.deepEqual(to.describedBy.slice(0, 2), ["date-hint", "coverage-to-hint"]);
    await page.fill("#coverage-to", "");
    await page.locator("#coverage-to").dispatchEvent("input");
    const cleared = await waitForRules(page, "#coverage-to", (r) => r.length === 0);
    assert.deepEqual(cleared.describedBy, ["date-hint", "coverage-to-hint"]);

    // What the user typed is never rewritten by validation.
    assert.equal(await page.inputValue("#line-2-modifiers-0"), "SH");
    assert.equal(await page.inputValue("#line-1-ndc"), "0143-9857-01");
    await done();
  });

  test("each summary entry is a link that moves focus to its field, and the rule is explained", async (t) => {
    const { page, done } = await openDemo(t);
    await loadSample(page, "ndc-details.json");
    const link = page.locator("#summary a", { hasText: "10 digits without hyphens" });
    await link.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "line-1-ndc");

    // The explanation of the rule and its policy section, one click away.
    const details = page.locator('.hiv-message[data-rule="invalid-ndc"] details');
    await details.locator("summary").click();
    const text = await details.innerText();
    assert.match(text, /Policy section\s+Other Information/);
    assert.match(text, /How to fix/);

    // Another sample with as many lines: checked at once, old findings gone.
    await loadSample(page, "clean-antibiotic-day.json");
    await page.waitForFunction(() => document.querySelector("#summary .hiv-summary-status").textContent === "No problems found");
    assert.equal(await page.locator(".hiv-message").count(), 0);
    await done();
  });

  test("axe finds no violations on the clean and the error states", async (t) => {
    const { page, done } = await openDemo(t);
    await loadSample(page, "clean-antibiotic-day.json");
    assert.equal(await page.locator("#summary .hiv-summary-status").innerText(), "No problems found");
    const clean = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    assert.deepEqual(clean.violations.map(brief), [], "clean state");

    await loadSample(page, "hmo-out-of-network.json");
    await page.fill("#line-1-ndc", "0143985701");
    await page.locator("#line-1-ndc").dispatchEvent("input");
    await type(page, "#coverage-to", "2025-13-01");
    await page.selectOption("#product", "carePartnersAccess");
    await page.selectOption("#product", "careAdvantagePreferred");
    await page.check("#hospice");
    await waitForRules(page, "#line-1-ndc", (r) => r.includes("invalid-ndc"));
    await waitForRules(page, "#hospice", (r) => r.includes("hospice-election"));
    await page.locator(".hiv-explain summary").first().click();
    const errors = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    assert.deepEqual(errors.violations.map(brief), [], "error state");
    assert.ok(errors.passes.length > 10, "axe really ran");

    // The error state, as the README shows it.
    await page.locator("#results").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("demo-errors.png"), fullPage: true });
    if (process.env.UPDATE_README_SCREENSHOT) {
      copyFileSync(screenshotPath("demo-errors.png"), join(ROOT, "docs", "screenshot-errors.png"));
    }
    await done();
  });

  test("user text shows as text and runs nothing", async (t) => {
    const { page, requests, done } = await openDemo(t);
    const dialogs = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await loadSample(page, "clean-antibiotic-day.json");
    await page.fill("#line-1-description", XSS);
    await page.fill("#line-1-code", "");
    await type(page, "#line-1-code", XSS);
    await page.fill("#claim-id", XSS);
    await page.locator("#claim-id").dispatchEvent("input");

    const code = await waitForRules(page, "#line-1-code", (r) => r.includes("invalid-procedure-code"));
    assert.ok(code.texts[0].includes(XSS), "the message quotes the text as typed");
    assert.ok((await summaryText(page)).includes(XSS), "so does the summary");
    assert.equal(await page.inputValue("#line-1-description"), XSS);
    await page.waitForTimeout(300);
    assert.equal(await page.locator("img").count(), 0, "no img element was created");
    assert.deepEqual(dialogs, [], "no script ran");
    assert.ok(!requests.some((u) => /\/x$/.test(u)), "nothing tried to load the img's src");
    await done();
  });

  test("export then import gives back the same claim", async (t) => {
    const { page, done } = await openDemo(t);
    await loadSample(page, "second-therapy-sh.json");
    await type(page, "#referral", "REF-1");
    await page.check("#documentation");
    await type(page, "#diagnosis-3", "E11.9");
    await page.selectOption("#in-network", "true");

    const exported = await exportClaim(page);
    assert.equal(exported.lines.length, 4);
    assert.equal(exported.referral, "REF-1");
    assert.equal(exported.documentationAttached, true);
    assert.equal(exported.billingProvider.inNetwork, true);
    assert.deepEqual(exported.diagnoses, ["J18.9", "Z45.2", "", "E11.9"], "a blank diagnosis keeps its letter");
    assert.deepEqual(exported.lines[2].modifiers, ["SH"]);

    await page.click("#clear");
    const cleared = await exportClaim(page);
    assert.notDeepEqual(cleared, exported);
    assert.equal(await page.locator("#line-list > li").count(), 1);

    const chooser = page.waitForEvent("filechooser");
    await page.click("#import");
    await (await chooser).setFiles({
      name: "claim.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.waitForFunction(() => /Imported claim\.json/.test(document.getElementById("file-status").textContent));
    assert.doesNotMatch(await page.locator("#file-status").innerText(), /left out/);
    assert.deepEqual(await exportClaim(page), exported);
    await page.waitForFunction(() => /Reduced to 50%/.test(document.getElementById("line-price-2").textContent));

    // A file that is not a claim is refused with a clear message.
    const again = page.waitForEvent("filechooser");
    await page.click("#import");
    await (await again).setFiles({ name: "list.json", mimeType: "application/json", buffer: Buffer.from("[1,2]") });
    await page.waitForFunction(() => /does not hold a claim/.test(document.getElementById("file-status").textContent));
    assert.deepEqual(await exportClaim(page), exported, "the form is left as it was");
    await done();
  });

  test("reloading restores the draft kept in this tab only", async (t) => {
    const { context, page, done } = await openDemo(t);
    await type(page, "#member-id", "CPCT-77");
    await page.click("#add-line");
    await type(page, "#line-1-ndc", "0143985701");
    await waitForRules(page, "#line-1-ndc", (r) => r.includes("invalid-ndc"));

    await page.reload();
    await waitForFirstReport(page);
    assert.equal(await page.inputValue("#member-id"), "CPCT-77");
    assert.equal(await page.inputValue("#line-1-ndc"), "0143985701");
    await waitForRules(page, "#line-1-ndc", (r) => r.includes("invalid-ndc"));
    assert.match(await page.locator("#file-status").innerText(), /Restored the draft/);

    // The draft lives in sessionStorage: another tab starts empty, and
    // nothing is kept in localStorage.
    const other = await context.newPage();
    await other.goto(server.url);
    await waitForFirstReport(other);
    assert.equal(await other.inputValue("#member-id"), "");
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await done();
  });

  test("a whole session sends no request outside the page's origin", async (t) => {
    const { page, requests, done } = await openDemo(t);
    for (const sample of ["clean-antibiotic-day.json", "supplies-in-per-diem.json", "daily-maximum.json"]) {
      await loadSample(page, sample);
    }
    await type(page, "#member-id", "-X");
    await page.click("#add-line");
    await page.keyboard.type("2026-01-15");
    await page.locator(".line-copy").first().click();
    await page.locator(".line-remove").last().click();
    await exportClaim(page);
    await page.locator(".hiv-explain summary").first().click();
    await page.reload();
    await waitForFirstReport(page);
    await page.waitForTimeout(500);
    assert.ok(requests.some((u) => u.endsWith("/pkg/home_infusion_validator_bg.wasm")), "requests were recorded");
    assert.deepEqual(proxy.seen, [], "nothing reached another host");
    await done();
  });

  test("lines can be added, copied to the next day and removed", async (t) => {
    const { page, done } = await openDemo(t);
    await loadSample(page, "clean-antibiotic-day.json");
    await page.locator(".line-copy").nth(1).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "line-2-from");
    assert.equal(await page.inputValue("#line-2-from"), "2026-01-15");
    assert.equal(await page.inputValue("#line-2-code"), "J0696");
    assert.equal(await page.inputValue("#line-2-ndc"), "0143-9857-01");
    // The copied drug has no per diem on its new date: a finding would say
    // so on the per diem, not here; the copy itself is a valid line.
    await page.waitForFunction(() => /Paid/.test(document.getElementById("line-price-2").textContent));

    await page.locator(".line-remove").first().click();
    assert.equal(await page.locator("#line-list > li").count(), 2);
    assert.equal(await page.inputValue("#line-0-code"), "J0696", "lines below move up and are renumbered");
    assert.equal(await page.inputValue("#line-1-from"), "2026-01-15");
    assert.equal(await page.evaluate(() => document.activeElement.className), "line-remove");
    await done();
  });

  test("works with the keyboard alone, with a visible focus", async (t) => {
    const { page, done } = await openDemo(t);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "product");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "the focused field shows its focus");

    // Keys only: pick a product, then reach the add-line button and press it.
    await page.keyboard.press("ArrowDown");
    await page.focus("#add-line");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "line-1-from");
    await page.keyboard.type("2026-99-01");
    await waitForRules(page, "#line-1-from", (r) => r.includes("invalid-date"));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "line-1-to");

    // The finding's explanation opens from the keyboard.
    await page.focus('.hiv-message[data-rule="invalid-date"] summary');
    await page.keyboard.press("Enter");
    assert.equal(await page.locator('.hiv-message[data-rule="invalid-date"] details').getAttribute("open"), "");
    await done();
  });

  test("works offline once loaded", async (t) => {
    const own = await startServer();
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(own.url);
      await waitForFirstReport(page);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await waitForFirstReport(page);
      assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), "the worker controls the page");

      // The server is gone: the page still loads and checks.
      await own.stop();
      await page.reload();
      await waitForFirstReport(page);
      await type(page, "#npi", "123");
      await waitForRules(page, "#npi", (r) => r.includes("invalid-npi"));
      await loadSample(page, "clean-antibiotic-day.json");
      assert.equal(await page.locator("#summary .hiv-summary-status").innerText(), "No problems found");
    } finally {
      await context.close();
      await own.stop();
    }
  });
});

/** Exports through the page's own button and reads the downloaded file. */
async function exportClaim(page) {
  const download = page.waitForEvent("download");
  await page.click("#export");
  const file = await (await download).path();
  return JSON.parse(readFileSync(file, "utf8"));
}

function brief(violation) {
  return `${violation.id}: ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`;
}
