#!/usr/bin/env bash
# Performance benchmark: builds the page (scripts/build.sh) and the floor (bench/floor, the
# smallest Leptos 0.8 csr page, same release profile and Trunk settings, offline) and the core
# alone (bench/core-only: the domain code without Leptos or views), then
# measures both in headless Chromium and prints a table of figures against budgets, the first
# view's among them (gzip served, a slow connection, an offline second visit, the on-demand
# module; bench/page-bench.mjs says how each is measured). Prints; never fails on a missed budget.
#
#   scripts/bench.sh [--no-build] [--runs N]
#
# The floor builds in bench/floor/target unless CARGO_TARGET_DIR says otherwise. Figures
# depend on the machine and its load: compare runs made on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "== building the page (dist/)"
  scripts/build.sh
  echo "== building the floor (bench/floor/dist/)"
  (
    cd bench/floor
    CARGO_NET_OFFLINE=true trunk build --release --offline >/tmp/trunk-floor-build.log 2>&1 \
      || { cat /tmp/trunk-floor-build.log; exit 1; }
  )
  echo "== building the core alone (bench/core-only: no Leptos, no views)"
  (
    cd bench/core-only
    target="${CARGO_TARGET_DIR:-target}"
    CARGO_NET_OFFLINE=true cargo build --release --quiet --target wasm32-unknown-unknown
    rm -rf pkg
    wasm-bindgen --target web --out-dir pkg "$target/wasm32-unknown-unknown/release/core_only.wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-reference-types --enable-multivalue pkg/core_only_bg.wasm -o pkg/core_only_bg.wasm
  )
fi

echo "== the core's share of a keystroke, and the simulator on large fleets (native, release)"
cargo run --release --quiet --example bench_keystroke
cargo run --release --quiet --example bench_simulate

echo "== measuring the page in headless Chromium"
node bench/page-bench.mjs "${args[@]}"

echo "== the command line: designer check over 1,000 files, beside cfn-lint and checkov"
scripts/bench-cli.sh 1000 5
