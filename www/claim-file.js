/**
 * Import and export of a claim as a JSON file, entirely in the browser: the
 * file is read with File.text() and written through a Blob download.
 *
 * @module www/claim-file
 */

/** The largest file the page reads (the validator's own limits are lower). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Reads a claim from a JSON file.
 *
 * @param {File} file
 * @returns {Promise<object>} the claim object
 * @throws {Error} with a message for people when the file is too big, not
 *   JSON, or not a JSON object
 */
export async function readClaimFile(file) {
  if (file.size > MAX_BYTES) {
    throw new Error(`${file.name} is ${Math.round(file.size / 1048576)} MB; a claim file may be at most 20 MB.`);
  }
  let value;
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not JSON (${error.message}).`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${file.name} does not hold a claim: expected a JSON object.`);
  }
  return value;
}

/**
 * Offers the claim as a JSON file download.
 *
 * @param {object} claim
 * @returns {string} the file name
 */
export function downloadClaim(claim) {
  const reference = typeof claim.id === "string" ? claim.id.replace(/[^\w.-]+/g, "-").slice(0, 60) : "";
  const name = `claim${reference ? `-${reference}` : ""}.json`;
  const blob = new Blob([`${JSON.stringify(claim, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
