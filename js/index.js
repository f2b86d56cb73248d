// The package's entry for pages and bundlers: a thin layer over the
// wasm-bindgen glue that turns JSON text into plain objects, refuses what is
// not a claim object with a clear Error, and re-creates the WebAssembly
// instance if it ever traps. Node's entry (node.js) re-exports all of this
// after loading the module synchronously.

import initGlue, {
  initSync as initGlueSync,
  __wbg_reset_state as resetGlueState,
  policyPackJson,
  ruleCatalogJson,
  validateClaimUtf8,
} from "./home_infusion_validator.js";

// The claim crosses into the module as UTF-8 bytes: TextEncoder is native
// and several times faster on a long claim than the glue's copy of a string.
// (A lone surrogate becomes U+FFFD, as the glue would make it.)
const utf8 = new TextEncoder();

/**
 * The package's version (the Rust crate's), for a page to show beside the
 * policy pack's date.
 * @type {string}
 */
export const version = "__PACKAGE_VERSION__";

/** @type {WebAssembly.Exports | undefined} */
let instance;
let restartCount = 0;
/** @type {Set<(event: { count: number, error: unknown }) => void>} */
const restartListeners = new Set();

/**
 * Loads and instantiates the WebAssembly module. Call it (and await it) once
 * before anything else; calling it again does nothing.
 *
 * @param {{ module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module }} [input]
 *   where to load the module from; by default the `.wasm` file next to this one
 * @returns {Promise<void>}
 */
export default async function init(input) {
  if (instance !== undefined) return;
  instance = await initGlue(input);
}

/**
 * Instantiates the WebAssembly module synchronously from its bytes or a
 * compiled module. Calling it again does nothing.
 *
 * @param {{ module: BufferSource | WebAssembly.Module }} input
 * @returns {void}
 */
export function initSync(input) {
  if (instance !== undefined) return;
  instance = initGlueSync(input);
}

/**
 * How many times the WebAssembly instance has been re-created after a trap.
 * Zero unless something is badly wrong.
 * @returns {number}
 */
export function restarts() {
  return restartCount;
}

/**
 * Calls `listener` each time the instance is re-created after a trap.
 *
 * @param {(event: { count: number, error: unknown }) => void} listener
 * @returns {() => void} a function that removes the listener
 */
export function onRestart(listener) {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

/**
 * Validates a claim object and returns the report as a plain object.
 *
 * Every problem inside the claim is a finding in the report. Only a claim
 * that is not an object (null, an array, a string, a number, undefined) or
 * that cannot be written as JSON (a cycle, a BigInt) throws a TypeError, and
 * options that cannot be read throw an Error that names the bad entry.
 *
 * @param {import("./index.js").Claim} claim
 * @param {import("./index.js").Options | null} [options]
 * @returns {import("./index.js").Report}
 */
export function validateClaim(claim, options) {
  if (claim === null || typeof claim !== "object" || Array.isArray(claim)) {
    throw new TypeError(`validateClaim: expected a claim object, found ${describe(claim)}`);
  }
  const claimText = toJson(claim, "claim");
  const optionsText = optionsToJson(options);
  return JSON.parse(callWasm(validateClaimUtf8, utf8.encode(claimText), optionsText));
}

/**
 * Validates a claim given as JSON text and returns the report as JSON text:
 * the same bytes the native Rust library gives for the same claim.
 *
 * Throws an Error when the text is not JSON or not a JSON object, or when
 * the options cannot be read.
 *
 * @param {string} claimText
 * @param {string | null} [optionsText] options as JSON text; empty, null or
 *   undefined for none
 * @returns {string}
 */
export function validateClaimJson(claimText, optionsText) {
  if (typeof claimText !== "string") {
    throw new TypeError(
      `validateClaimJson: expected the claim as JSON text, found ${describe(claimText)}`,
    );
  }
  if (optionsText !== undefined && optionsText !== null && typeof optionsText !== "string") {
    throw new TypeError(
      `validateClaimJson: expected the options as JSON text, found ${describe(optionsText)}`,
    );
  }
  return callWasm(validateClaimUtf8, utf8.encode(claimText), optionsText ?? "");
}

/**
 * Every rule the validator checks, with its severity, its policy section and
 * the explanation a page shows.
 * @returns {import("./index.js").RuleInfo[]}
 */
export function ruleCatalog() {
  return JSON.parse(callWasm(ruleCatalogJson));
}

/**
 * The embedded policy pack: its date and the source of each table.
 * @returns {import("./index.js").PackInfo}
 */
export function policyPack() {
  return JSON.parse(callWasm(policyPackJson));
}

// Options: undefined and null mean none; anything else must be an object.
function optionsToJson(options) {
  if (options === undefined || options === null) return "";
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`validateClaim: expected options to be an object, found ${describe(options)}`);
  }
  return toJson(options, "options");
}

// JSON.stringify throws on cycles and BigInt; say so in our own words. It
// writes a lone surrogate (half of an emoji, say, cut by a paste) as a \udxxx
// escape that a strict JSON reader refuses; make it U+FFFD, as TextEncoder
// does. Paired surrogates are written as they are, so every \ud8xx-\udfxx
// escape in the output is a lone one.
function toJson(value, what) {
  try {
    const text = JSON.stringify(value);
    if (!text.includes("\\ud")) return text;
    return text.replace(/\\(?:u(d[89a-f][0-9a-f]{2})|[^u])/g, (escape, surrogate) =>
      surrogate === undefined ? escape : "\\ufffd",
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`validateClaim: the ${what} cannot be written as JSON (${reason})`, {
      cause: error,
    });
  }
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "undefined" ? "undefined" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Calls an export of the glue. The binding's refusals arrive as plain
 * `Error`s and pass through; anything else (a WebAssembly.RuntimeError from
 * a trap, a RangeError from a stack overflow) means the instance may be
 * broken, so it is re-created before the error is passed on.
 *
 * @template {unknown[]} A
 * @param {(...args: A) => string} fn
 * @param {A} args
 * @returns {string}
 */
function callWasm(fn, ...args) {
  if (instance === undefined) {
    throw new Error(
      "home-infusion-validator: the WebAssembly module is not loaded yet; await init() first",
    );
  }
  try {
    return fn(...args);
  } catch (error) {
    if (error instanceof Error && error.constructor === Error) throw error;
    restart(error);
    throw new Error(
      `home-infusion-validator: the WebAssembly module failed (${String(error)}); ` +
        "it has been re-created and the next call will work",
      { cause: error },
    );
  }
}

// Re-create the instance after a trap. Growing the old memory by nothing
// detaches its buffer: should the glue ever cache a DataView of it (it does
// for builds without multi-value returns, and __wbg_reset_state does not
// clear that cache), the view is then rebuilt on the new memory.
function restart(error) {
  const memory = instance?.memory;
  if (memory instanceof WebAssembly.Memory) memory.grow(0);
  resetGlueState();
  instance = initGlueSync(undefined);
  restartCount += 1;
  console.warn(
    `home-infusion-validator: re-created the WebAssembly instance after a failure (${restartCount} so far):`,
    error,
  );
  for (const listener of restartListeners) {
    try {
      listener({ count: restartCount, error });
    } catch {
      // A listener's own failure must not stop the others.
    }
  }
}
