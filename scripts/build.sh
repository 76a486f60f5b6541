#!/usr/bin/env bash
# Builds the release page into dist/ (offline, pinned tools), pins its inline script in a
# Content-Security-Policy, gives the converters module hashed names and writes the service
# worker that precaches the release (scripts/offline.py). Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
trunk build --release --offline >/tmp/trunk-build.log 2>&1 || { cat /tmp/trunk-build.log; exit 1; }
python3 scripts/csp.py dist/index.html
python3 scripts/offline.py dist
