#!/usr/bin/env bash
# Strategies compared in the simulator on recorded learning curves: grid, random, TPE and asynchronous
# halving (ASHA) over a dense space of 64 configurations x 8 epochs (conf/bench-strategies.json), at 2, 8
# and 32 workers, 30 seeds each. The curves are recorded once, by a real search, into
# bench/curves/cifar10-dense-64 (kept in the repository); pass RECORD=1 to record them again.
#   jobs/bench-strategies.sh [SEEDS]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-30}
curves=bench/curves/cifar10-dense-64
spec=conf/bench-strategies.json
if [[ ! -d $curves/journal || ${RECORD:-} == 1 ]]; then
  rm -rf out/bench-strategies-grid
  jobs/run-local.sh search "$spec" -o out/bench-strategies-grid --no-evaluate
  rm -rf "$curves" && mkdir -p "$curves"
  cp -r out/bench-strategies-grid/spec.json out/bench-strategies-grid/journal "$curves/"
fi
simulate() { # label, then --set overrides
  local label=$1
  shift
  for workers in 2 8 32; do
    echo "== $label, $workers workers"
    jobs/run-local.sh simulate "$spec" --curves "$curves" --workers "$workers" --seeds "$seeds" "$@" | tail -n +2
  done
}
simulate "random, 64 trials" --set search.strategy=random --set search.trials=64
simulate "random, 32 trials" --set search.strategy=random --set search.trials=32
simulate "TPE, 32 trials" --set search.strategy=tpe --set search.trials=32
simulate "TPE, 32 trials, no constant liar" --set search.strategy=tpe --set search.trials=32 \
  --set 'search.tpe={"constant_liar": false}'
simulate "ASHA, eta 2, rungs 1/2/4/8" --set search.strategy=halving \
  --set 'search.halving={"eta": 2, "min_epochs": 1, "max_epochs": 8}'
