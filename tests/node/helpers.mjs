// Shared helpers of the Node tests: where pkg/ is, the link that lets a test
// import it by name, and the example fixtures.

import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const root = fileURLToPath(new URL("../../", import.meta.url));

/** The built package's folder (bash scripts/build.sh makes it). */
export const pkgDir = `${root}pkg/`;

if (!existsSync(`${pkgDir}package.json`)) {
  throw new Error("pkg/ is not built: run bash scripts/build.sh first");
}

/**
 * Links node_modules/home-infusion-validator to pkg/ (as `npm install
 * ./pkg` would), so that tests import the package by its name, through its
 * package.json `exports`. Safe to call from test files running at once.
 */
export function linkPackage() {
  const link = `${root}node_modules/home-infusion-validator`;
  mkdirSync(`${root}node_modules`, { recursive: true });
  try {
    symlinkSync("../pkg", link, "dir");
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    if (readlinkSync(link) !== "../pkg") throw new Error(`${link} is not a link to ../pkg`);
  }
}

linkPackage();

/**
 * Every example of tests/fixtures/examples: { file, name, claim, options, expect }.
 * @returns {{ file: string, name: string, claim: object, options: object | null, expect: object }[]}
 */
export function examples() {
  const dir = `${root}tests/fixtures/examples/`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (files.length < 8) throw new Error(`expected the spec's examples in ${dir}`);
  return files.map((file) => ({
    file: `${dir}${file}`,
    ...JSON.parse(readFileSync(`${dir}${file}`, "utf8")),
  }));
}
