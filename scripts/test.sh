#!/usr/bin/env bash
# Runs every test of the project, after scripts/setup.sh has installed what
# is missing. Each step is a function that prints a header; the first failure
# stops the run with a non-zero exit. CI runs this (.ci/run).
#
#   bash scripts/test.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

passed=0
started=$SECONDS
step() {
  local name="$1"
  shift
  local start=$SECONDS
  printf '\n==== %s ====\n' "$name"
  if ! "$@"; then
    printf '\n==== FAILED: %s (after %ss) ====\n' "$name" "$((SECONDS - start))"
    printf 'steps: %d passed, 1 failed\n' "$passed"
    exit 1
  fi
  passed=$((passed + 1))
  printf '==== ok: %s (%ss) ====\n' "$name" "$((SECONDS - start))"
}

rust_format() {
  cargo fmt --check
}

rust_lint() {
  cargo clippy --all-targets -- -D warnings
  # The binding and its browser tests exist only for wasm32.
  cargo clippy --target wasm32-unknown-unknown --lib --features trap-test -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --lib --test wasm -- -D warnings
}

rust_tests() {
  cargo test
}

build_package() {
  bash scripts/build.sh
  bash scripts/build.sh --trap-test target/pkg-trap-test
}

node_tests() {
  node --test tests/node/
}

type_check() {
  # The tests above link node_modules/home-infusion-validator to pkg/.
  tsc --noEmit -p tests/types
}

wasm_bindgen_tests() {
  # A fresh profile each run; Debian's chromium and chromedriver.
  local profile
  profile="$(mktemp -d)"
  mkdir -p target/wasm-bindgen-test
  cat >target/wasm-bindgen-test/webdriver.json <<JSON
{
  "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--user-data-dir=$profile"]
  }
}
JSON
  local status=0
  CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/target/wasm-bindgen-test/webdriver.json" \
    wasm-pack test --headless --chrome -- --test wasm || status=$?
  rm -rf "$profile"
  return "$status"
}

page_tests() {
  node --test tests/browser/
}

bundler_tests() {
  node --test tests/bundler/
}

demo_page_tests() {
  if [[ -d tests/e2e ]]; then
    node --test tests/e2e/
  else
    echo "no tests/e2e yet"
  fi
}

fuzz_smoke() {
  if [[ -f scripts/fuzz-smoke.sh ]]; then
    bash scripts/fuzz-smoke.sh
  else
    echo "no scripts/fuzz-smoke.sh yet"
  fi
}

step "cargo fmt --check" rust_format
step "cargo clippy -D warnings (native and wasm32)" rust_lint
step "cargo test" rust_tests
step "build pkg/ (and the trap-test package)" build_package
step "node --test tests/node" node_tests
step "tsc --noEmit (tests/types)" type_check
step "wasm-bindgen-test in headless Chromium" wasm_bindgen_tests
step "module page in headless Chromium (tests/browser)" page_tests
step "Vite bundle in headless Chromium (tests/bundler)" bundler_tests
step "demo page end to end (tests/e2e)" demo_page_tests
step "fuzz smoke (scripts/fuzz-smoke.sh)" fuzz_smoke

printf '\ntest.sh: every step passed in %ss\n' "$((SECONDS - started))"
printf 'steps: %d passed, 0 failed\n' "$passed"
