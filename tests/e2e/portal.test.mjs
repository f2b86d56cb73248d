// The portal example (www/portal/) in Debian's Chromium: a form with its
// own markup and names, the binding attached by mapping and attributes.
// Findings appear at the portal's fields, a row added by the portal's own
// script is validated, detaching stops everything, and no request leaves
// the origin.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import AxeBuilder from "@axe-core/playwright";

import {
  foreign,
  recordPolicyViolations,
  recordRequests,
  screenshotPath,
  startSession,
  waitForFirstReport,
  waitForRules,
} from "./helpers.mjs";

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

async function openPortal(t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const requests = recordRequests(context);
  const violations = await recordPolicyViolations(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}portal/`);
  await waitForFirstReport(page, "#rb-check-panel");

  // Count the binding's reports from here on.
  await page.evaluate(() => {
    window.reportCount = 0;
    document.getElementById("rb-claim").addEventListener("claimreport", () => {
      window.reportCount += 1;
    });
  });
  const done = async () => {
    await context.close();
    assert.deepEqual(foreign(requests, server.origin), [], `${t.name}: requests left the origin`);
    assert.deepEqual(proxy.seen, [], `${t.name}: something reached another host`);
    assert.deepEqual(errors, [], `${t.name}: the page threw`);
    assert.deepEqual(violations, [], `${t.name}: the page broke its own policy`);
  };
  return { page, done };
}

async function type(page, selector, text) {
  await page.locator(selector).click();
  await page.locator(selector).pressSequentially(text);
}

/** Fills the portal's form with a clean antibiotic day. */
async function fillCleanClaim(page) {
  await page.check("input[name=plan][value=careAdvantagePreferred]");
  await type(page, "#mbr_no", "CPCT-200431");
  await type(page, "#elig_start", "2026-01-01");
  await type(page, "#agency_npi", "1003000126");
  await type(page, "#icd_list", "J18.9, Z45.2");
  await type(page, "#svc_0_dos", "2026-01-14");
  await type(page, "#svc_0_code", "S9502");
  await type(page, "#svc_0_units", "1");
  await type(page, "#svc_0_amt", "180.00");
  await type(page, "#svc_0_ptr", "A");
  await page.click("#svc_add");
  await type(page, "#svc_1_dos", "2026-01-14");
  await type(page, "#svc_1_code", "J0696");
  await type(page, "#svc_1_units", "8");
  await type(page, "#svc_1_amt", "25.00");
  await type(page, "#svc_1_ptr", "A");
  await type(page, "#svc_1_ndc", "0143-9857-01");
  await type(page, "#svc_1_qty", "1");
  await type(page, "#svc_1_uom", "UN");
  await type(page, "#svc_1_drug", "ceftriaxone 2 g vial");
  await type(page, "#svc_1_dose", "2 g");
  await page.waitForFunction(
    () => document.querySelector("#rb-check-panel .hiv-summary-status")?.textContent === "No problems found",
  );
}

describe("the portal example", () => {
  test("findings appear at the portal's own fields", async (t) => {
    const { page, done } = await openPortal(t);
    await fillCleanClaim(page);

    // Mapped fields: a bad NPI, a bad second diagnosis in a one-box list,
    // hospice as a Y/N select, out of network by an unticked box.
    await page.fill("#agency_npi", "");
    await type(page, "#agency_npi", "1234567890");
    const npi = await waitForRules(page, "#agency_npi", (r) => r.includes("invalid-npi"));
    assert.equal(npi.invalid, "true");
    assert.equal(
      await page.$eval("#agency_npi", (el) => el.nextElementSibling?.classList.contains("hiv-messages")),
      true,
      "the message sits right after the portal's field",
    );

    await type(page, "#icd_list", ", XYZ");
    const icd = await waitForRules(page, "#icd_list", (r) => r.includes("invalid-diagnosis-code"));
    assert.equal(icd.describedBy[0], "icd_help", "the portal's own description is kept first");

    await page.selectOption("#hospice_yn", "Y");
    await waitForRules(page, "#hospice_yn", (r) => r.includes("hospice-election"));
    await page.uncheck("#net_flag");
    await waitForRules(page, "#ref_no", (r) => r.includes("referral-required"));
    await type(page, "#ref_no", "R-1");
    await waitForRules(page, "#ref_no", (r) => r.length === 0);

    // Line fields tagged by the portal's row script.
    await page.fill("#svc_1_ndc", "");
    await type(page, "#svc_1_ndc", "0143985701");
    await waitForRules(page, "#svc_1_ndc", (r) => r.includes("invalid-ndc"));
    await type(page, "#svc_1_mods", "SH");
    await waitForRules(page, "#svc_1_mods", (r) => r.includes("concurrent-modifier-unexpected"));

    // The radio group stands for the product.
    await page.evaluate(() => {
      for (const radio of document.querySelectorAll("input[name=plan]")) radio.checked = false;
      document.querySelector("input[name=plan]").dispatchEvent(new Event("change", { bubbles: true }));
    });
    await waitForRules(page, "input[name=plan]", (r) => r.includes("missing-field") || r.includes("product-not-covered"));
    assert.match(await page.locator("#rb-check-panel").innerText(), /Error: Plan \u2014 /, "a radio group is named by its legend");

    await page.screenshot({ path: screenshotPath("portal-errors.png"), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the portal page with findings passes axe");
    await done();
  });

  test("a row added by the portal's own script is validated, and a removed one is dropped", async (t) => {
    const { page, done } = await openPortal(t);
    await fillCleanClaim(page);

    // A new, empty row: its required fields are reported without typing.
    await page.click("#svc_add");
    for (const sel of ["#svc_2_dos", "#svc_2_code", "#svc_2_units", "#svc_2_amt"]) {
      await waitForRules(page, sel, (r) => r.includes("missing-field"));
    }
    await type(page, "#svc_2_dos", "2026-01-14");
    await type(page, "#svc_2_code", "A4222");
    await type(page, "#svc_2_units", "1");
    await type(page, "#svc_2_amt", "30.00");
    await waitForRules(page, "#svc_2_code", (r) => r.includes("supply-included-in-per-diem"));

    // A row added by script with no click at all (as a portal might on load).
    await page.evaluate(async () => {
      const { addServiceRow } = await import("/portal/portal.js");
      addServiceRow();
    });
    await waitForRules(page, "#svc_3_code", (r) => r.includes("missing-field"));

    // Removing the middle row leaves a gap in the portal's numbering
    // (rows 0, 2, 3); findings still land on the right rows.
    await page.click('button[aria-label="Remove service 2"]');
    await page.waitForFunction(() => !document.getElementById("svc_1_code"));
    await waitForRules(page, "#svc_0_code", (r) => r.includes("per-diem-without-infusion"));
    await waitForRules(page, "#svc_2_code", (r) => r.includes("supply-included-in-per-diem"));
    await waitForRules(page, "#svc_3_code", (r) => r.includes("missing-field"));
    const summary = await page.locator("#rb-check-panel").innerText();
    assert.match(summary, /Line 3\s+.*Service 3 HCPCS/s, "the summary names the portal's own row");
    assert.doesNotMatch(summary, /Line 2\b/, "no finding is shown for the removed row");
    await done();
  });

  test("detaching stops the checks and takes every mark away", async (t) => {
    const { page, done } = await openPortal(t);
    await type(page, "#agency_npi", "123");
    await waitForRules(page, "#agency_npi", (r) => r.includes("invalid-npi"));
    assert.ok((await page.locator(".hiv-message").count()) > 0);

    await page.click("#rb-checks-off");
    const left = await page.evaluate(() => ({
      messages: document.querySelectorAll(".hiv-message, .hiv-messages, .hiv-summary, [data-hiv]").length,
      invalid: document.querySelectorAll("[aria-invalid]").length,
      severity: document.querySelectorAll("[data-claim-severity]").length,
      describedBy: [...document.querySelectorAll("[aria-describedby]")].map(
        (el) => `${el.id}=${el.getAttribute("aria-describedby")}`,
      ),
    }));
    assert.deepEqual(left, { messages: 0, invalid: 0, severity: 0, describedBy: ["icd_list=icd_help"] });

    // Nothing validates any more: typing, new rows, nothing.
    const before = await page.evaluate(() => window.reportCount);
    await type(page, "#agency_npi", "456");
    await type(page, "#svc_0_ndc", "0143985701");
    await page.click("#svc_add");
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.reportCount), before, "no report after detach");
    assert.equal(await page.locator(".hiv-message").count(), 0);
    assert.equal(await page.locator("[aria-invalid]").count(), 0);
    assert.equal(await page.inputValue("#agency_npi"), "123456", "what was typed is left alone");
    await done();
  });
});
