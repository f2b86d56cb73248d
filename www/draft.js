/**
 * The draft of the claim being typed, kept in this tab's sessionStorage so a
 * reload does not lose it. It is never sent anywhere, and it ends with the
 * tab.
 *
 * @module www/draft
 */

const KEY = "home-infusion-claim-draft";

/**
 * The draft kept in this tab, or null.
 * @returns {object | null}
 */
export function loadDraft() {
  try {
    const text = sessionStorage.getItem(KEY);
    if (!text) return null;
    const claim = JSON.parse(text);
    return claim && typeof claim === "object" && !Array.isArray(claim) ? claim : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the claim as this tab's draft.
 * @param {object} claim
 */
export function saveDraft(claim) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(claim));
  } catch {
    // Storage full or turned off: the page works on without a draft.
  }
}

/** Forgets the draft. */
export function clearDraft() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
