#!/usr/bin/env bash
# Builds and serves the demo page: installs what is missing
# (scripts/setup.sh), builds pkg/ (scripts/build.sh), then serves www/ at /
# and pkg/ at /pkg/ on 127.0.0.1 (scripts/serve.mjs; arguments go to it).
#
#   bash scripts/demo.sh          # http://127.0.0.1:8080/
#   bash scripts/demo.sh 9000     # another port
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -f scripts/serve.mjs ]]; then
  echo "demo.sh: scripts/serve.mjs (the demo's static server) does not exist yet" >&2
  exit 1
fi
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
