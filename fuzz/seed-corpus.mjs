// Writes the seed corpora of both fuzz targets from the example claims in
// tests/fixtures/examples: corpus/raw_bytes gets each claim as compact and
// pretty JSON, and with its options after a NUL byte; corpus/structured_claim
// gets the bytes that pick each example as the base claim.
//
// usage: node fuzz/seed-corpus.mjs   (from anywhere; corpus dirs are ignored)

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const fuzzDir = dirname(fileURLToPath(import.meta.url));
const examplesDir = join(fuzzDir, "..", "tests", "fixtures", "examples");
const files = readdirSync(examplesDir).filter((f) => f.endsWith(".json")).sort();

const raw = join(fuzzDir, "corpus", "raw_bytes");
const structured = join(fuzzDir, "corpus", "structured_claim");
mkdirSync(raw, { recursive: true });
mkdirSync(structured, { recursive: true });

files.forEach((file, i) => {
  const example = JSON.parse(readFileSync(join(examplesDir, file), "utf8"));
  const stem = file.replace(/\.json$/, "");
  const compact = JSON.stringify(example.claim);
  writeFileSync(join(raw, `${stem}.compact`), compact);
  writeFileSync(join(raw, `${stem}.pretty`), JSON.stringify(example.claim, null, 2));
  writeFileSync(join(raw, `${stem}.options`), `${compact}\0${JSON.stringify(example.options ?? null)}`);
  // The structured target reads the first byte as the index of the example
  // (in the same sorted order); the next byte, if any, counts the edits.
  writeFileSync(join(structured, `${stem}.base`), Buffer.from([i]));
  writeFileSync(join(structured, `${stem}.edited`), Buffer.from([i, 4, 0, 1, 2, 3, 4, 5, 6, 7]));
});
writeFileSync(join(structured, "empty.base"), Buffer.from([files.length]));
console.log(`seeded ${files.length} examples into ${join(fuzzDir, "corpus")}`);
