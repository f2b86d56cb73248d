// A one-file app that imports the package by name, as a portal built with a
// bundler would; tests/bundler/bundler.test.mjs builds it with Vite and runs
// the output in headless Chromium.

import init, { policyPack, ruleCatalog, validateClaim, version } from "home-infusion-validator";

const out = document.getElementById("out");
try {
  await init();
  const claim = {
    id: "BUNDLED-1",
    product: "careAdvantagePreferred",
    member: { id: "CPCT-200431", coverage: { from: "2026-01-01" } },
    billingProvider: { npi: "1003000126", contracted: true },
    diagnoses: ["J18.9"],
    lines: [{ from: "2026-01-14", code: "S9502", units: 1, charge: "180.00", diagnosisPointers: ["A"] }],
  };
  const report = validateClaim(claim, { feeSchedule: { S9502: "165.00" } });
  out.textContent = JSON.stringify({ claim, report, version, rules: ruleCatalog().length, pack: policyPack().date });
  document.body.dataset.state = "done";
} catch (error) {
  out.textContent = `${error.name}: ${error.message}`;
  document.body.dataset.state = "error";
}
