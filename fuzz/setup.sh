#!/usr/bin/env bash
# Shared by scripts/fuzz-smoke.sh and scripts/fuzz-long.sh (sourced, not run): installs the
# nightly toolchain and cargo-fuzz when missing, seeds the corpora from the
# example claims, and defines fuzz_run TARGET SECONDS.
#
# The targets are built without AddressSanitizer (-s none): the crate
# forbids unsafe code, and the sanitizer would cost about three times the
# executions.

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
node "$here/fuzz/seed-corpus.mjs"

# Runs TARGET for SECONDS on one core; libFuzzer exits non-zero on a crash.
fuzz_run() {
  local target="$1" seconds="$2"
  (cd "$here/fuzz" && cargo +nightly fuzz run -s none "$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048)
}
