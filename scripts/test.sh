#!/usr/bin/env bash
# Installs what is missing, then runs every test: the core natively (unit, integration,
# property and fuzz tests, the exports through real boto3 and aws), the components in
# headless Chromium, and the built page end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "core: cargo test (native)"
cargo test --release --workspace --quiet

step "components: wasm-bindgen-test in headless Chromium"
if ls tests/web*.rs >/dev/null 2>&1; then
  for t in tests/web*.rs; do
    # No --quiet: cargo would hand it to wasm-bindgen-test-runner, which refuses it.
    cargo test --target wasm32-unknown-unknown --test "$(basename "$t" .rs)"
  done
fi

step "page: release build into dist/"
scripts/build.sh

step "page: end-to-end in headless Chromium against dist/"
if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  node --test --test-concurrency=1 tests/e2e/
fi
echo
echo "All tests passed."
