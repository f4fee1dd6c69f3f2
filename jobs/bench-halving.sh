#!/usr/bin/env bash
# A space of 16 configurations searched fully by grid and by successive halving, side by side in one run.
#   jobs/bench-halving.sh [SPEC]     (default conf/bench-halving.json)
source "$(dirname "$0")/bench-common.sh"
run_benchmark io.sparktune.bench.HalvingBenchmark "$@"
