#!/usr/bin/env bash
# A longer fuzz run than the test suite's: `npm run fuzz [-- runs]`. Prints the seed so a failure can be replayed
# with LRKIT_FUZZ_SEED=<seed>.
set -euo pipefail
export LRKIT_FUZZ_RUNS="${1:-50000}"
export LRKIT_FUZZ_SEED="${LRKIT_FUZZ_SEED:-$RANDOM$RANDOM}"
echo "fuzzing ${LRKIT_FUZZ_RUNS} hostile specs with seed ${LRKIT_FUZZ_SEED}"
exec npx vitest run test/hardening/hostileSpecs.fuzz.test.ts
