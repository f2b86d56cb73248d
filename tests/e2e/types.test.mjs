// The form binding's TypeScript declarations (pkg/form-binding.d.ts),
// checked by tsc against a portal-like usage with ts-expect-error lines for
// misuse (tests/e2e/types/usage.ts).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT } from "./helpers.mjs";

/** Links node_modules/home-infusion-validator to pkg/, as `npm install ./pkg` would. */
function linkPackage() {
  const link = join(ROOT, "node_modules", "home-infusion-validator");
  mkdirSync(join(ROOT, "node_modules"), { recursive: true });
  try {
    symlinkSync("../pkg", link, "dir");
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    assert.equal(readlinkSync(link), "../pkg", `${link} is not a link to ../pkg`);
  }
}

test("form-binding.d.ts type-checks a portal's use and rejects misuse", () => {
  assert.ok(existsSync(join(ROOT, "pkg", "form-binding.d.ts")), "pkg/ lacks form-binding.d.ts: run bash scripts/build.sh");
  linkPackage();
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(ROOT, "tests", "e2e", "types")], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
