#!/usr/bin/env bash
# Builds the release page into dist/ (offline, pinned tools) and pins its inline script
# in a Content-Security-Policy. Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
trunk build --release --offline >/tmp/trunk-build.log 2>&1 || { cat /tmp/trunk-build.log; exit 1; }
python3 scripts/csp.py dist/index.html
