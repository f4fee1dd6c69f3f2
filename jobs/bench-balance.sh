#!/usr/bin/env bash
# Unequal trials on all cores, in the grid's order and longest-expected-first, against the lower bound.
#   jobs/bench-balance.sh [SPEC] [field=value overrides...]     (default conf/bench-balance.json)
source "$(dirname "$0")/bench-common.sh"
run_benchmark io.sparktune.bench.BalanceBenchmark "$@"
