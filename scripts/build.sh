#!/usr/bin/env bash
# Builds the npm package into pkg/: one `wasm-pack build --target web
# --release` for pages, bundlers and Node, then the package's own JS entries
# and types from js/, then a package.json written for publishing.
#
#   bash scripts/build.sh                  # the shipped package, in pkg/
#   bash scripts/build.sh --trap-test DIR  # a test-only package with the
#                                          # `trap-test` feature, in DIR
#
# It needs the tools scripts/setup.sh installs (it does not install them, so
# that it stays quick): wasm-pack, wasm-bindgen-cli, and wasm-opt from npm's
# binaryen in node_modules/.bin (never Debian's binaryen 108: its output
# fails at start-up with a `WebAssembly.Table.set` error).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Which package: the shipped one, or the trap-test one.
out_dir="pkg"
cargo_features=()
if [[ "${1:-}" == "--trap-test" ]]; then
  out_dir="${2:?usage: build.sh --trap-test OUT_DIR}"
  cargo_features=(--features trap-test)
fi

# Tools: wasm-opt must be npm's binaryen. (A PATH inherited from an earlier
# run keeps no wasm-bindgen shim, so the shim below finds the real one.)
shim_dir="$root/target/wasm-bindgen-shim"
PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$shim_dir" | paste -sd: -)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in wasm-pack wasm-bindgen wasm-opt; do
  if ! command -v "$tool" >/dev/null; then
    echo "build.sh: $tool is missing; run: bash scripts/setup.sh" >&2
    exit 1
  fi
done
if [[ "$(command -v wasm-opt)" != "$root/node_modules/.bin/wasm-opt" ]]; then
  echo "build.sh: wasm-opt must come from npm's binaryen; run: bash scripts/setup.sh" >&2
  exit 1
fi

# wasm-pack cannot pass extra flags to wasm-bindgen, so it finds a shim
# first on PATH that adds --experimental-reset-state-function: the glue then
# exports __wbg_reset_state(), which js/index.js uses to re-create the
# instance after a trap. `wasm-bindgen --version` goes through unchanged.
mkdir -p "$shim_dir"
cat >"$shim_dir/wasm-bindgen" <<SHIM
#!/bin/sh
case " \$* " in
  *" --experimental-reset-state-function "*) ;;
  *" --out-dir "*) exec "$(command -v wasm-bindgen)" --experimental-reset-state-function "\$@" ;;
esac
exec "$(command -v wasm-bindgen)" "\$@"
SHIM
chmod +x "$shim_dir/wasm-bindgen"
export PATH="$shim_dir:$PATH"

# Compile, bind and optimise.
rm -rf "$out_dir"
wasm-pack --quiet build --target web --release --no-pack \
  --out-dir "$root/$out_dir" --out-name home_infusion_validator \
  "$root" "${cargo_features[@]}"

# The package's own entries and types, and the page engineer's form binding.
cp js/*.js js/*.d.ts js/README.md "$out_dir/"
rm -f "$out_dir/.gitignore"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
sed -i "s/__PACKAGE_VERSION__/$version/" "$out_dir/index.js"

# package.json, from Cargo.toml's version and the files actually present.
node --input-type=module - "$out_dir" "$version" <<'JS'
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
const dir = process.argv[2];
const version = process.argv[3];
const files = readdirSync(dir).filter((f) => f !== "package.json").sort();
const exports = {
  ".": { types: "./index.d.ts", node: "./node.js", default: "./index.js" },
  "./home_infusion_validator_bg.wasm": "./home_infusion_validator_bg.wasm",
  "./package.json": "./package.json",
};
if (files.includes("form-binding.js")) {
  exports["./form-binding"] = files.includes("form-binding.d.ts")
    ? { types: "./form-binding.d.ts", default: "./form-binding.js" }
    : "./form-binding.js";
}
const pkg = {
  name: "home-infusion-validator",
  version,
  description:
    "Checks home infusion claims against the plan's Home Infusion Payment Policy, in the browser (WebAssembly) and in Node",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./node.js",
  module: "./index.js",
  browser: "./index.js",
  types: "./index.d.ts",
  exports,
  files,
  sideEffects: ["./node.js"],
  engines: { node: ">=20" },
  keywords: ["home infusion", "claim", "validator", "webassembly", "wasm"],
};
writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
JS
echo "build.sh: built $out_dir/ ($(du -sh "$out_dir" | cut -f1))"
