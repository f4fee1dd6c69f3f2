#!/usr/bin/env bash
# One search submitted to local[2], a 2-worker standalone cluster and YARN (in-process minicluster), one
# after another: wall time, training time and the share that is not training, per master.
#   jobs/bench-cluster.sh [SPEC]     (default conf/bench-cluster.json)
source "$(dirname "$0")/bench-common.sh"
mvn -q -B -Dstyle.color=never -DskipTests package >&2
run_benchmark io.sparktune.bench.ClusterBenchmark "$@"
