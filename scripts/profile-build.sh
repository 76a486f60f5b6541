#!/usr/bin/env bash
# Builds target/profile-dist/: dist/ with a wasm that keeps its function names (same code, same
# wasm-opt level), for bench/profile-keystroke.mjs and the browser's profiler.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/build.sh
target="${CARGO_TARGET_DIR:-target}"
out="$target/profile-dist"
rm -rf "$out" "$target/profile-bindgen" && cp -r dist "$out"
wasm-bindgen --target web --keep-debug --out-dir "$target/profile-bindgen" \
  "$target/wasm32-unknown-unknown/release/deployment-designer.wasm"
wasm="$(ls "$out"/deployment-designer-*_bg.wasm)"
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue \
  "$target/profile-bindgen/deployment-designer_bg.wasm" -o "$wasm"
echo "profile build: $out ($(wc -c <"$wasm") bytes of wasm with names)"
