// Benchmarks the native CLI (validate-claims, release build):
//
// 1. throughput: claims per second for 10-line claims, the best of three
//    runs over 20,000 claims (mixed valid and invalid) written to a file;
// 2. memory (--million): the maximum resident set size for 10,000 and then
//    1,000,000 claims streamed into standard input, to show that memory does
//    not grow with the number of claims. Needs /usr/bin/time (GNU time).
//
//   node bench/cli.mjs [--million] [--claims N]
//
// Inputs go to bench/out/ (git-ignored). Figures are printed, not asserted.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = `${root}target/release/validate-claims`;
const out = `${root}bench/out`;
const args = process.argv.slice(2);
const million = args.includes("--million");
const claimsAt = args.indexOf("--claims");
const count = claimsAt >= 0 ? Number(args[claimsAt + 1]) : 20_000;

execFileSync("cargo", ["build", "--quiet", "--release", "--bin", "validate-claims"], {
  cwd: root,
  stdio: "inherit",
});
mkdirSync(out, { recursive: true });

// A valid example claim and its options: the base of every generated claim.
const examplesDir = `${root}tests/fixtures/examples/`;
const example = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(examplesDir + f, "utf8")))
  .find((e) => e.expect.valid && e.claim.lines.length === 2);
const optionsFile = `${out}/options.json`;
writeFileSync(optionsFile, JSON.stringify(example.options));

/**
 * Claim `i` with `lines` service lines: a per diem and a drug line per date
 * of service; one claim in four has a mistake (a bad NDC or a bad date).
 */
function claimText(i, lines) {
  const [perDiem, drug] = example.claim.lines;
  const claim = structuredClone(example.claim);
  claim.id = `BENCH-${i}`;
  claim.lines = Array.from({ length: lines }, (_, j) => {
    const day = String(Math.floor(j / 2) + 1).padStart(2, "0");
    const line = { ...(j % 2 === 0 ? perDiem : drug), from: `2026-01-${day}` };
    if (i % 4 === 3 && j === 1) line.ndc = "0143985701";
    if (i % 8 === 7 && j === 2) line.from = "2026-02-30";
    return line;
  });
  return JSON.stringify(claim);
}

// 1. Throughput for 10-line claims.
const file = `${out}/ten-line-claims.ndjson`;
if (!existsSync(file) || readFileSync(file, "utf8").split("\n").length !== count + 1) {
  writeFileSync(file, Array.from({ length: count }, (_, i) => claimText(i, 10) + "\n").join(""));
}
const seconds = [];
for (let run = 0; run < 3; run++) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cli, ["--options", optionsFile, file], { stdio: ["ignore", "ignore", "pipe"] });
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (result.status !== 1) throw new Error(`validate-claims exited ${result.status}: ${result.stderr}`);
}
const best = Math.min(...seconds);
console.log(
  `cli: ${count} claims of 10 lines, best of 3: ${best.toFixed(3)} s = ` +
    `${Math.round(count / best)} claims/s (${Math.round((count * 10) / best)} lines/s); ` +
    `runs ${seconds.map((s) => s.toFixed(3)).join(", ")} s`,
);

// 2. Memory: constant in the number of claims.
if (million) {
  for (const n of [10_000, 1_000_000]) {
    const { rss, elapsed } = await streamed(n);
    console.log(`cli: ${n} claims streamed through stdin: max RSS ${rss} KiB, ${elapsed} elapsed`);
  }
}

/** Streams `n` 10-line claims into the CLI under GNU time; its figures. */
function streamed(n) {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-v", cli, "--options", optionsFile], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", () => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(stderr)?.[1];
      if (!rss) reject(new Error(`no figures from /usr/bin/time: ${stderr.slice(-500)}`));
      else resolve({ rss: Number(rss), elapsed });
    });
    // Write with back-pressure, in chunks of 1,000 claims.
    let i = 0;
    const write = () => {
      while (i < n) {
        const chunk = [];
        for (const end = Math.min(i + 1000, n); i < end; i++) chunk.push(claimText(i, 10) + "\n");
        if (!child.stdin.write(chunk.join(""))) return child.stdin.once("drain", write);
      }
      child.stdin.end();
    };
    write();
  });
}
