// The form binding (pkg/form-binding.js) on small forms in Debian's
// Chromium: how fields become the claim, what it leaves alone, what it
// draws and takes away, events, coalescing, fill, and paths.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, startServer } from "./helpers.mjs";

let server;
let browser;
let context;

before(async () => {
  server = await startServer();
  browser = await launch();
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A page of the test server's origin holding `body`, with the binding
 * module loaded as window.fb (served from pkg/ by the real server).
 */
async function fixture(body) {
  const page = await context.newPage();
  const url = `${server.url}binding-fixture.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><title>fixture</title></head><body>${body}</body></html>`,
    }),
  );
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  await page.evaluate(async () => {
    window.fb = await import("/pkg/form-binding.js");
  });
  page.errors = errors;
  return page;
}

/** Binds window.form with the given options (a JSON-able object), waits for the first report. */
async function bind(page, options = {}) {
  return page.evaluate(async (opts) => {
    window.reports = [];
    window.form = document.querySelector("form");
    window.form.addEventListener("claimreport", (e) => window.reports.push(e.detail.report));
    window.binding = window.fb.bindForm(window.form, {
      summary: document.getElementById("summary"),
      ...opts,
    });
    const first = await window.binding.ready;
    return first;
  }, options);
}

/** Waits for `n` animation frames. */
function frames(page, n = 2) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
        step(count);
      }),
    n,
  );
}

describe("the form binding", () => {
  test("builds the claim from the fields it was told about, and only those", async () => {
    const page = await fixture(`
      <form>
        <input data-claim-path="id" value="C-1">
        <select data-claim-path="product"><option value="">-</option><option selected>carePartnersAccess</option></select>
        <input id="mbr" value="  M-9 ">
        <input type="checkbox" data-claim-path="member.hospice" checked>
        <input type="checkbox" data-claim-path="documentationAttached">
        <select data-claim-path="billingProvider.inNetwork" data-claim-type="boolean"><option>Y</option><option selected>N</option></select>
        <label><input type="radio" name="c" value="true" data-claim-path="billingProvider.contracted" data-claim-type="boolean" checked> yes</label>
        <label><input type="radio" name="c" value="false" data-claim-path="billingProvider.contracted" data-claim-type="boolean"> no</label>
        <input data-claim-path="diagnoses[0]" value="J18.9">
        <input data-claim-path="diagnoses[1]" value="">
        <input data-claim-path="diagnoses[2]" value="Z45.2">
        <input data-claim-path="diagnoses[3]" value="   ">
        <input data-claim-path="lines[0].code" value="S9502">
        <input data-claim-path="lines[0].modifiers[0]" value="">
        <input data-claim-path="lines[0].modifiers[1]" value="SH">
        <input data-claim-path="lines[0].diagnosisPointers" data-claim-type="letters" value="A B">
        <textarea data-claim-path="lines[1].description">two words</textarea>
        <input data-claim-path="lines[1].modifiers" data-claim-type="list" value="SH, 59;RB">
        <input data-claim-path="lines[1].units" value="">
        <input name="not-bound" value="secret">
        <input data-claim-path="lines[x" value="bad path">
      </form>
      <input id="outside" value="REF-7">
      <div id="summary"></div>`);
    await bind(page);
    const claim = await page.evaluate(() => {
      window.binding.detach();
      const b = window.fb.bindForm(window.form, {
        fields: { "member.id": "#mbr", referral: document.getElementById("outside") },
        render: false,
      });
      return b.claim();
    });
    assert.deepEqual(claim, {
      id: "C-1",
      product: "carePartnersAccess",
      member: { id: "  M-9 ", hospice: true },
      documentationAttached: false,
      billingProvider: { inNetwork: false, contracted: true },
      referral: "REF-7",
      diagnoses: ["J18.9", "", "Z45.2"],
      lines: [
        { code: "S9502", modifiers: ["", "SH"], diagnosisPointers: ["A", "B"] },
        { description: "two words", modifiers: ["SH", "59", "RB"] },
      ],
    });
    assert.deepEqual(page.errors, []);
  });

  test("adds to the field's own aria attributes, restores them, and leaves other fields alone", async () => {
    const page = await fixture(`
      <form>
        <label for="npi">NPI</label>
        <input id="npi" data-claim-path="billingProvider.npi" aria-describedby="own-hint" aria-invalid="false" value="123">
        <p id="own-hint">10 digits</p>
        <input id="other" aria-invalid="true" aria-describedby="x" value="free text">
      </form>
      <div id="summary"><p id="keep">page's own text</p></div>`);
    await bind(page);
    const marked = await page.evaluate(() => {
      const npi = document.getElementById("npi");
      const ids = npi.getAttribute("aria-describedby").split(" ");
      return {
        ids,
        invalid: npi.getAttribute("aria-invalid"),
        severity: npi.dataset.claimSeverity,
        message: document.getElementById(ids[1])?.textContent,
        placedAfter: npi.nextElementSibling.className,
        summaryHasLink: Boolean(document.querySelector('#summary a[href="#npi"]')),
      };
    });
    assert.equal(marked.ids[0], "own-hint");
    assert.equal(marked.ids.length, 2);
    assert.equal(marked.invalid, "true");
    assert.equal(marked.severity, "error");
    assert.match(marked.message, /Error: .*NPI/);
    assert.equal(marked.placedAfter, "hiv-messages");
    assert.ok(marked.summaryHasLink);

    // Fixing the field gives back exactly what it had.
    await page.fill("#npi", "1003000126");
    await frames(page);
    const fixed = await page.$eval("#npi", (el) => [el.getAttribute("aria-describedby"), el.getAttribute("aria-invalid"), el.dataset.claimSeverity ?? null]);
    assert.deepEqual(fixed, ["own-hint", "false", null]);

    // Mark it again, then detach: the same.
    await page.fill("#npi", "12");
    await frames(page);
    assert.equal(await page.$eval("#npi", (el) => el.getAttribute("aria-invalid")), "true");
    const detached = await page.evaluate(() => {
      window.binding.detach();
      const npi = document.getElementById("npi");
      return {
        npi: [npi.getAttribute("aria-describedby"), npi.getAttribute("aria-invalid")],
        drawn: document.querySelectorAll("[data-hiv], .hiv-message, [data-claim-severity]").length,
        summary: document.getElementById("summary").innerHTML,
        other: ["aria-invalid", "aria-describedby", "value"].map((a) => document.getElementById("other").getAttribute(a)),
      };
    });
    assert.deepEqual(detached.npi, ["own-hint", "false"]);
    assert.equal(detached.drawn, 0);
    assert.equal(detached.summary, `<p id="keep">page's own text</p>`);
    assert.deepEqual(detached.other, ["true", "x", "free text"]);
    assert.equal(await page.inputValue("#other"), "free text");
  });

  test("the summary lists each group's findings in the order of their fields on the page", async () => {
    // The report orders findings by rule and path: billingProvider.npi,
    // member.id (missing-field), then product (product-not-covered).
    const page = await fixture(`
      <form>
        <label for="product">Plan</label><input id="product" data-claim-path="product">
        <label for="member">Member</label><input id="member" data-claim-path="member.id">
        <label for="npi">NPI</label><input id="npi" data-claim-path="billingProvider.npi">
      </form>
      <div id="summary"></div>`);
    const report = await bind(page);
    const paths = report.findings.filter((f) => f.line === null).map((f) => f.path);
    assert.ok(paths.indexOf("billingProvider.npi") < paths.indexOf("product"), "the report's own order differs");
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("#summary a")].map((a) => a.getAttribute("href")),
    );
    const placed = links.filter((href) => ["#product", "#member", "#npi"].includes(href));
    assert.deepEqual(placed, ["#product", "#member", "#npi"]);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("render: false draws nothing but reports by event and callback", async () => {
    const page = await fixture(`<form><input id="code" data-claim-path="lines[0].code" value="X"></form><div id="summary"></div>`);
    const result = await page.evaluate(async () => {
      const calls = [];
      const events = [];
      const form = document.querySelector("form");
      form.addEventListener("claimreport", (e) => events.push(e.detail));
      const binding = window.fb.bindForm(form, {
        render: false,
        summary: document.getElementById("summary"),
        onReport: (report, claim) => calls.push({ report, claim }),
      });
      await binding.ready;
      return {
        calls: calls.length,
        events: events.length,
        rules: events[0].report.findings.map((f) => f.rule),
        claim: calls[0].claim,
        drawn: document.querySelectorAll("[data-hiv], .hiv-message, [aria-invalid], [aria-describedby]").length,
        summary: document.getElementById("summary").childElementCount,
      };
    });
    assert.equal(result.calls, 1);
    assert.equal(result.events, 1);
    assert.ok(result.rules.includes("invalid-procedure-code"));
    assert.deepEqual(result.claim, { lines: [{ code: "X" }] });
    assert.equal(result.drawn, 0);
    assert.equal(result.summary, 0);
  });

  test("a burst of input events gives one validation per frame", async () => {
    const page = await fixture(`<form><input id="m" data-claim-path="member.id"></form><div id="summary"></div>`);
    await bind(page);
    const counts = await page.evaluate(async () => {
      const field = document.getElementById("m");
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const start = window.reports.length;
      for (let i = 0; i < 25; i += 1) {
        field.value += "x";
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      const sameTask = window.reports.length - start;
      await frame();
      await frame();
      const afterFrames = window.reports.length - start;
      return { sameTask, afterFrames, last: window.binding.report() === window.reports.at(-1), value: field.value.length };
    });
    assert.equal(counts.sameTask, 0, "nothing runs inside the event burst");
    assert.equal(counts.afterFrames, 1, "one validation for the whole burst");
    assert.ok(counts.last);
    assert.equal(counts.value, 25);
  });

  test("fill places a claim and says what had no field", async () => {
    const page = await fixture(`
      <form>
        <input id="mid" data-claim-path="member.id">
        <input type="checkbox" id="h" data-claim-path="member.hospice">
        <select id="p" data-claim-path="product"><option value=""></option><option>carePartnersAccess</option></select>
        <input id="c0" data-claim-path="lines[0].code" value="old">
        <input id="mods" data-claim-path="lines[0].modifiers" data-claim-type="list">
      </form><div id="summary"></div>`);
    const first = await bind(page);
    assert.ok(first.findings.some((f) => f.rule === "invalid-procedure-code" && f.path === "lines[0].code"));
    const result = await page.evaluate(() => {
      const unplaced = window.binding.fill({
        member: { id: "M-1", hospice: true },
        product: "unknownProduct",
        lines: [{ code: "S9502", modifiers: ["SH", "59"], ndc: "0143-9857-01" }, { code: "J0696" }],
        extra: { deep: 1 },
      });
      return {
        unplaced,
        values: ["mid", "c0", "mods", "p"].map((id) => document.getElementById(id).value),
        hospice: document.getElementById("h").checked,
        claim: window.binding.claim(),
        rules: window.binding.report().findings.map((f) => `${f.rule} ${f.path}`),
        reports: window.reports.length,
      };
    });
    assert.deepEqual(result.values, ["M-1", "S9502", "SH, 59", ""]);
    assert.equal(result.hospice, true);
    assert.deepEqual(
      result.unplaced.map((u) => u.path).sort(),
      ["extra.deep", "lines[0].ndc", "lines[1].code", "product"],
    );
    assert.deepEqual(result.claim, {
      member: { id: "M-1", hospice: true },
      lines: [{ code: "S9502", modifiers: ["SH", "59"] }],
    });
    assert.equal(result.reports, 2, "fill validates at once");
    assert.ok(!result.rules.includes("invalid-procedure-code lines[0].code"), "the new values were validated");
    assert.ok(result.rules.includes("missing-field lines[0].units"));
  });

  test("line fields with gaps in their numbering become consecutive lines, and findings map back", async () => {
    const page = await fixture(`
      <form>
        <input id="a" data-claim-path="lines[0].code" value="S9502">
        <input id="b" data-claim-path="lines[5].code" value="BAD">
        <input id="b-units" data-claim-path="lines[5].units" value="1">
      </form><div id="summary"></div>`);
    await bind(page);
    const result = await page.evaluate(() => ({
      lines: window.binding.claim().lines,
      formPath: window.binding.formPath("lines[1].code"),
      field: window.binding.fieldFor("lines[1].code")?.id,
      marked: document.getElementById("b").getAttribute("aria-invalid"),
      group: [...document.querySelectorAll("#summary h3")].map((h) => h.textContent),
    }));
    assert.deepEqual(result.lines, [{ code: "S9502" }, { code: "BAD", units: "1" }]);
    assert.equal(result.formPath, "lines[5].code");
    assert.equal(result.field, "b");
    assert.equal(result.marked, "true");
    assert.ok(result.group.includes("Line 6"), "the summary names the form's own line");

    // A row removed and one added by script: picked up on their own.
    await page.evaluate(() => {
      document.getElementById("a").remove();
      const input = document.createElement("input");
      input.id = "c";
      input.setAttribute("data-claim-path", "lines[9].code");
      input.value = "NOPE";
      document.querySelector("form").append(input);
    });
    await frames(page, 3);
    const after = await page.evaluate(() => ({
      lines: window.binding.report() && window.binding.claim().lines,
      marked: document.getElementById("c").getAttribute("aria-invalid"),
    }));
    assert.deepEqual(after.lines, [{ code: "BAD", units: "1" }, { code: "NOPE" }]);
    assert.equal(after.marked, "true");
  });

  test("validatorOptions reach the validator: a portal's own fee schedule prices the line", async () => {
    const page = await fixture(`
      <form>
        <input data-claim-path="lines[0].from" value="2026-01-14">
        <input data-claim-path="lines[0].code" value="S9502">
        <input data-claim-path="lines[0].units" value="1">
        <input data-claim-path="lines[0].charge" value="180.00">
      </form><div id="summary"></div>`);
    const withDefaults = await bind(page);
    const withOwn = await page.evaluate(async () => {
      window.binding.detach();
      const b = window.fb.bindForm(window.form, { validatorOptions: { feeSchedule: { S9502: "99.00" } } });
      return b.ready;
    });
    assert.deepEqual(withDefaults.lines[0], { allowed: "165.00", status: "paid" });
    assert.deepEqual(withOwn.lines[0], { allowed: "99.00", status: "paid" });
  });

  test("options it cannot read are a claimerror, and validate() throws them", async () => {
    const page = await fixture(`<form><input data-claim-path="member.id" value="M"></form><div id="summary"></div>`);
    const result = await page.evaluate(async () => {
      const form = document.querySelector("form");
      const errors = [];
      form.addEventListener("claimerror", (e) => errors.push(String(e.detail.error.message)));
      const binding = window.fb.bindForm(form, { validatorOptions: { feeSchedules: {} } });
      const first = await binding.ready;
      let thrown = "";
      try {
        binding.validate();
      } catch (error) {
        thrown = error.message;
      }
      return { first, errors, thrown };
    });
    assert.equal(result.first, null);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /unknown option "feeSchedules"/);
    assert.match(result.thrown, /unknown option/);
  });

  test("paths are parsed strictly, and no path reaches an object's prototype", async () => {
    const page = await fixture(`
      <form>
        <input data-claim-path="__proto__.polluted" value="yes">
        <input data-claim-path="constructor.prototype.polluted" value="yes">
        <input data-claim-path="member.id" value="M">
      </form><div id="summary"></div>`);
    await bind(page);
    const result = await page.evaluate(() => ({
      parsed: ["lines[0].modifiers[1]", "member.coverage.from", "a[", ".a", "a..b", "lines[99999]", "__proto__", "a.__proto__.b", "lines[0]x", ""].map((p) =>
        window.fb.parsePath(p),
      ),
      formatted: window.fb.formatPath(["lines", 2, "modifiers", 0]),
      polluted: {}.polluted,
      claim: window.binding.claim(),
    }));
    assert.deepEqual(result.parsed, [["lines", 0, "modifiers", 1], ["member", "coverage", "from"], null, null, null, null, null, null, null, null]);
    assert.equal(result.formatted, "lines[2].modifiers[0]");
    assert.equal(result.polluted, undefined);
    assert.deepEqual(result.claim, { member: { id: "M" } });
  });
});
