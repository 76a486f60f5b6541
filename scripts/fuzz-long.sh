#!/usr/bin/env bash
# The long fuzz run: tests/fuzz.rs with millions of cases and a fresh random seed, so that
# each run explores new inputs. The seed is printed first and last; a failing case prints
# the command that replays it alone.
#
#   scripts/fuzz-long.sh                 # 2,000,000 cases, random seed
#   scripts/fuzz-long.sh 500000          # another number of cases
#   scripts/fuzz-long.sh 2000000 0x1234  # a given seed (replays a whole run)
#
# FUZZ_CASES and FUZZ_SEED in the environment work too. CI runs the fixed-seed 100,000
# cases of `cargo test --release`; this script is for a developer or a nightly job.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

cases="${1:-${FUZZ_CASES:-2000000}}"
seed="${2:-${FUZZ_SEED:-}}"
if [ -z "$seed" ]; then
  seed="0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')"
fi

echo "fuzz-long: FUZZ_CASES=$cases FUZZ_SEED=$seed"
trap 'echo "fuzz-long: FUZZ_CASES=$cases FUZZ_SEED=$seed (replay: scripts/fuzz-long.sh $cases $seed)"' EXIT
start=$(date +%s)
# Only the four generated families; the named regression tests need no repeating.
FUZZ_CASES="$cases" FUZZ_SEED="$seed" cargo test --release --test fuzz -- --nocapture \
  generated_designs_ mutated_fixtures_ random_text_ deep_huge_
echo "fuzz-long: $cases cases in $(( $(date +%s) - start )) s"
