#!/usr/bin/env bash
# Installs whatever this project needs and the machine lacks, from crates.io,
# npm and Debian's packages only, and does nothing (in about a second) when
# everything is already there:
#
#   - the wasm32-unknown-unknown Rust target (rustup)
#   - wasm-pack (cargo install)
#   - wasm-bindgen-cli at exactly the version Cargo.lock pins (cargo install;
#     it also brings wasm-bindgen-test-runner)
#   - Chromium and chromedriver (apt-get: chromium, chromium-driver)
#   - the root devDependencies (npm ci): binaryen 132 for wasm-opt (never
#     Debian's binaryen 108: its output fails at start-up with a
#     `WebAssembly.Table.set` error), typescript, vite, playwright-core,
#     axe-core, @axe-core/playwright
#
#   bash scripts/setup.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

WASM_PACK_VERSION="0.15.1"

say() { printf 'setup.sh: %s\n' "$*"; }
as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

# Cargo's tools on PATH (rustup puts them in ~/.cargo/bin).
export PATH="$HOME/.cargo/bin:$PATH"
for tool in cargo rustup node npm; do
  if ! command -v "$tool" >/dev/null; then
    say "$tool is missing: this project needs the Rust toolchain (rustup), Node 20 and npm" >&2
    exit 1
  fi
done

# The WebAssembly target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-pack.
if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack $WASM_PACK_VERSION from crates.io (a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi

# wasm-bindgen-cli, at the version Cargo.lock pins for the wasm-bindgen crate
# (the CLI and the crate must match exactly).
bindgen_version="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
if [[ -z "$bindgen_version" ]]; then
  say "cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
installed_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [[ "$installed_bindgen" != "$bindgen_version" ]] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $bindgen_version from crates.io (found: ${installed_bindgen:-none}; several minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# Chromium and chromedriver, from Debian.
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  say "installing chromium and chromium-driver with apt-get"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium chromium-driver
fi

# The npm dev dependencies, reinstalled only when package-lock.json changed.
stamp="node_modules/.setup-stamp"
lock_hash="$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" || ! -x node_modules/.bin/wasm-opt ]]; then
  say "installing the npm dev dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi

say "ready: $(rustc --version | cut -d' ' -f1-2), wasm-pack $(wasm-pack --version | cut -d' ' -f2), wasm-bindgen $bindgen_version, $(/usr/bin/chromium --version 2>/dev/null | head -n 1), node $(node --version), wasm-opt $(node_modules/.bin/wasm-opt --version | cut -d' ' -f3)"
