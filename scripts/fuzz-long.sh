#!/usr/bin/env bash
# Long fuzzing runs, by hand: each target in turn for SECONDS (default 900),
# on one core, printing libFuzzer's final statistics (executions, exec/s).
#
# usage: bash scripts/fuzz-long.sh [SECONDS] [TARGET...]
#
# One job and one worker on purpose: the machine's cores are shared. The
# corpus (fuzz/corpus/TARGET) grows from run to run and is not committed;
# crashes land in fuzz/artifacts/TARGET and each becomes a named test in
# tests/regressions.rs. Logs go to fuzz/target/logs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-900}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(raw_bytes structured_claim)

# shellcheck source=fuzz/setup.sh
source "$here/fuzz/setup.sh"

logs="$here/fuzz/target/logs"
mkdir -p "$logs"
status=0
for target in "${targets[@]}"; do
  log="$logs/$target-$(date +%Y%m%d-%H%M%S).txt"
  echo "fuzz-long: $target for ${seconds}s, log in $log"
  if ! fuzz_run "$target" "$seconds" >"$log" 2>&1; then
    echo "fuzz-long: $target FAILED; see $log and fuzz/artifacts/$target" >&2
    status=1
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" \
    | sed "s/^/fuzz-long: $target /" || true
done
exit "$status"
