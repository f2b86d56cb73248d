// Size and speed of the npm package, printed as figures (never a pass/fail
// test). Needs a built pkg/ (bash scripts/build.sh).
//
//   node bench/package.mjs            # size and speed
//   node bench/package.mjs --size     # size only
//   node bench/package.mjs --speed    # speed only
//
// Size: each shipped file raw and gzipped (level 9), and the total a page
// downloads (wasm + glue + entry); then, if `twiggy` is installed (cargo
// install twiggy), what each crate costs in the module.
// Speed: validateClaim on a 10-line and a 1,000-line claim in Node, median
// over many runs, beside the native Rust time for the same claims measured
// in the same run by `cargo run --release --example bench`.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../", import.meta.url));
const pkg = `${root}pkg/`;
const out = `${root}bench/out/`;
const args = new Set(process.argv.slice(2));
const doSize = !args.has("--speed") || args.has("--size");
const doSpeed = !args.has("--size") || args.has("--speed");

if (!existsSync(`${pkg}package.json`)) {
  console.error("bench: pkg/ is not built; run bash scripts/build.sh first");
  process.exit(1);
}
mkdirSync(out, { recursive: true });

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ------------------------------------------------------------------- size

function size() {
  console.log("## Size (pkg/, gzip -9)\n");
  console.log("| file | raw | gzipped |");
  console.log("| --- | ---: | ---: |");
  const files = JSON.parse(readFileSync(`${pkg}package.json`, "utf8")).files.filter(
    (f) => !f.endsWith(".d.ts"),
  );
  const gz = {};
  for (const file of files) {
    const bytes = readFileSync(`${pkg}${file}`);
    gz[file] = gzipSync(bytes, { level: 9 }).length;
    console.log(`| ${file} | ${kb(bytes.length)} | ${kb(gz[file])} |`);
  }
  const core = ["home_infusion_validator_bg.wasm", "home_infusion_validator.js"];
  const page = [...core, "index.js"];
  const sum = (list) => list.reduce((total, f) => total + gz[f], 0);
  console.log(`\nwasm + glue, gzipped: ${kb(sum(core))} (target 100 KB)`);
  console.log(`wasm + glue + entry (index.js), gzipped: ${kb(sum(page))}`);
  crates();
}

// What each crate costs: shallow bytes of the functions whose names start
// with the crate's, in the module as cargo builds it (with names, before
// wasm-bindgen and wasm-opt), so shares rather than final bytes.
function crates() {
  const wasm = `${root}target/bench-size/wasm32-unknown-unknown/release/home_infusion_validator.wasm`;
  try {
    execFileSync("twiggy", ["--version"], { stdio: "ignore" });
  } catch {
    console.log("\n(twiggy is not installed: `cargo install twiggy` for the per-crate costs)");
    return;
  }
  execFileSync(
    "cargo",
    ["build", "--quiet", "--release", "--lib", "--target", "wasm32-unknown-unknown", "--target-dir", `${root}target/bench-size`],
    { cwd: root, stdio: "inherit" },
  );
  const csv = execFileSync("twiggy", ["top", "-n", "1000000", "-f", "csv", wasm], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const costs = new Map();
  let total = 0;
  for (const line of csv.split("\n").slice(1)) {
    const match = /^"?(.*?)"?,(\d+),/.exec(line);
    if (!match) continue;
    const [, name, bytes] = match;
    if (name.includes("function names") || name.includes("custom section")) continue;
    const owner = crateOf(name);
    costs.set(owner, (costs.get(owner) ?? 0) + Number(bytes));
    total += Number(bytes);
  }
  console.log("\n## What each part costs (code and data before wasm-opt, names excluded)\n");
  console.log("| part | bytes | share |");
  console.log("| --- | ---: | ---: |");
  for (const [owner, bytes] of [...costs].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`| ${owner} | ${kb(bytes)} | ${((100 * bytes) / total).toFixed(1)}% |`);
  }
}

function crateOf(name) {
  if (name.startsWith("data segment")) return "data (rule texts, policy pack, messages)";
  if (/^(code|data|elem|table|type|import|export|global|func)(\[| )|section|wasm magic/.test(name)) {
    return "wasm structure (exports, tables, types)";
  }
  // `<f64 as zmij::Trait>::f` belongs to the trait's crate when the type is
  // a primitive; otherwise to the type's crate.
  const impl = /^<+&?(?:mut )?([A-Za-z0-9_]+)(?:\[[0-9a-f]+\])?(?:<[^>]*>)? as ([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  const primitive = /^(bool|char|str|f32|f64|[iu](8|16|32|64|128|size))$/;
  const clean = name.replace(/^<+/, "").replace(/^&(mut )?/, "");
  let crate = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(clean)?.[1] ?? "other";
  if (impl && primitive.test(impl[1])) crate = impl[2];
  if (["core", "alloc", "std", "compiler_builtins", "__rustc", "__rdl_alloc"].includes(crate) || primitive.test(crate)) {
    // Generic std code (iterators, collections) instantiated for our types
    // is named after std, so this share includes some of our own code.
    return "Rust std (fmt, collections, generics instantiated for the crate)";
  }
  if (crate === "serde_core" || crate === "serde") return "serde";
  if (crate.startsWith("__wbindgen") || crate.startsWith("__wbg") || crate === "wasm_bindgen" || crate === "js_sys") {
    return "wasm-bindgen";
  }
  if (/^(validateClaimUtf8|ruleCatalogJson|policyPackJson|version)$/.test(crate)) return "home_infusion_validator";
  return crate;
}

// ------------------------------------------------------------------ speed

/** The valid example's claim with `n` lines: a per diem and a drug a day. */
function claimWith(n) {
  const example = JSON.parse(readFileSync(`${root}tests/fixtures/examples/valid-antibiotic-day.json`, "utf8"));
  const [perDiem, drug] = example.claim.lines;
  const lines = [];
  for (let i = 0; i < n; i += 1) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
    lines.push({ ...(i % 2 === 0 ? perDiem : drug), from: day });
  }
  return { claim: { ...example.claim, lines }, options: example.options };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median microseconds of `fn` over `runs` runs after a warm-up. */
function time(fn, runs) {
  for (let i = 0; i < Math.ceil(runs / 10); i += 1) fn();
  const micros = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    micros.push((performance.now() - start) * 1000);
  }
  return median(micros);
}

async function speed() {
  const validator = await import(`${pkg}node.js`);
  execFileSync("cargo", ["build", "--quiet", "--release", "--example", "bench"], { cwd: root, stdio: "inherit" });
  const rounds = 5;

  console.log(`\n## Speed (Node ${process.version}; the best of ${rounds} rounds of medians)\n`);
  console.log("| claim | runs | native Rust | wasm validateClaimJson (text) | wasm validateClaim (object) | text / native | object / native |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [lines, runs] of [[10, 5000], [1000, 300]]) {
    const { claim, options } = claimWith(lines);
    const file = `${out}claim-${lines}.json`;
    writeFileSync(file, JSON.stringify({ claim, options }));
    const claimText = JSON.stringify(claim);
    const optionsText = JSON.stringify(options);
    const report = validator.validateClaim(claim, options);
    if (report.lines.length !== lines || !report.valid) throw new Error(`bench claim of ${lines} lines is not a valid claim`);

    // Rounds alternate native and wasm, so a busy machine slows both alike.
    let native = Infinity;
    let text = Infinity;
    let object = Infinity;
    for (let round = 0; round < rounds; round += 1) {
      const measured = execFileSync(
        "cargo",
        ["run", "--quiet", "--release", "--example", "bench", "--", file, "--runs", String(runs)],
        { cwd: root, encoding: "utf8" },
      );
      native = Math.min(native, JSON.parse(measured).medianMicros);
      text = Math.min(text, time(() => validator.validateClaimJson(claimText, optionsText), runs));
      object = Math.min(object, time(() => validator.validateClaim(claim, options), runs));
    }
    const us = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(1)} µs`);
    console.log(
      `| ${lines} lines | ${runs} | ${us(native)} | ${us(text)} | ${us(object)} | ${(text / native).toFixed(2)}x | ${(object / native).toFixed(2)}x |`,
    );
  }
  console.log("\ntarget: wasm within 2x of native");
}

if (doSize) size();
if (doSpeed) await speed();
