#!/usr/bin/env bash
# Runs each fuzz target for a short, bounded time (default 45 s each) so that
# a new panic shows up in CI. Exits non-zero on a crash, naming the input.
#
# usage: bash scripts/fuzz-smoke.sh [SECONDS]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-45}"

# shellcheck source=fuzz/setup.sh
source "$here/fuzz/setup.sh"

status=0
for target in raw_bytes structured_claim; do
  log="$(mktemp)"
  if fuzz_run "$target" "$seconds" >"$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    echo "fuzz-smoke: $target ok, ${runs:-?} executions in ${seconds}s"
  else
    echo "fuzz-smoke: $target CRASHED; the end of its log:" >&2
    tail -n 40 "$log" >&2
    status=1
  fi
  rm -f "$log"
done
exit "$status"
