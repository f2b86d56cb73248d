/**
 * The claim checks on the example portal: the package's form binding,
 * attached to the portal's existing form. Service rows carry
 * `data-claim-path` (set by the portal's row script); the fields above them
 * are mapped here by selector, since their markup is the portal's own.
 *
 * @module www/portal/checks
 */

import { bindForm } from "/pkg/form-binding.js";

const form = document.getElementById("rb-claim");
const checks = bindForm(form, {
  fields: {
    product: "input[name=plan]",
    "member.id": "#mbr_no",
    "member.coverage.from": "#elig_start",
    "member.coverage.to": "#elig_end",
    "member.hospice": "#hospice_yn",
    diagnoses: "#icd_list",
    "billingProvider.npi": "#agency_npi",
    "billingProvider.contracted": "#par_flag",
    "billingProvider.inNetwork": "#net_flag",
    referral: "#ref_no",
    priorAuthorization: "#auth_no",
    documentationAttached: "#pwk_flag",
  },
  summary: document.getElementById("rb-check-panel"),
});

// The portal's own switch to turn the checks off.
document.getElementById("rb-checks-off").addEventListener("click", (event) => {
  checks.detach();
  event.currentTarget.disabled = true;
  event.currentTarget.textContent = "Checks are off";
});
