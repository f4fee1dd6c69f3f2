#!/usr/bin/env bash
# Trials side by side in Spark local mode against the same trials one after another in one JVM.
#   jobs/bench-parallel.sh [SPEC] [field=value overrides...]     (default conf/bench-parallel.json)
source "$(dirname "$0")/bench-common.sh"
run_benchmark io.sparktune.bench.ParallelBenchmark "$@"
