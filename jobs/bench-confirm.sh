#!/usr/bin/env bash
# What confirming the top configurations on new seeds (search.confirm) buys, in the simulator, on the three
# recorded grids of jobs/bench-strategies.sh (bench/curves/, several recordings of each under other seeds).
# Each trial sees one recorded run, drawn by its seed, as a real search meets the noise of one run; so does
# each confirmation run, by its own seed. What a pick is worth is its configuration's mean over the
# recordings; the gap is the grid's best mean less that. For each strategy, 100 seeds at 2 workers:
#   - the default confirmation (top 3 x 2 new seeds) against the search's own pick, and against the same
#     search given confirmation's core-seconds for more trials instead (judged at equal core-seconds);
#   - the top 3 on 20 new seeds: nearly the configurations' recorded means, so about the best any
#     confirmation of 3 configurations can do;
#   - the floor: the best of the search's trials by their recorded means, what no reordering of them beats.
#   jobs/bench-confirm.sh [SEEDS]                    (default 100 seeds; about 40 minutes on 2 cores)
#   GRIDS=fine-256 jobs/bench-confirm.sh             (some of the grids: dense-64, wide-144, fine-256)
#   CONFIRMS='{"top":6,"seeds":1}' jobs/bench-confirm.sh   (other confirmations than the two above)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-100}

curves() { # recording name: the --curves options of all its recordings
  local dir
  for dir in bench/curves/cifar10-"$1" bench/curves/cifar10-"$1"-seed*; do
    echo "--curves $dir"
  done
}

for grid in ${GRIDS:-dense-64 wide-144 fine-256}; do
  case $grid in
    dense-64) spec=conf/bench-strategies.json ;;
    wide-144) spec=conf/bench-strategies-wide.json ;;
    *) spec=conf/bench-strategies-fine.json ;;
  esac
  # shellcheck disable=SC2046  # one word per option
  for strategy in "random, 32 trials|--set search.strategy=random --set search.trials=32" \
      "random, 64 trials|--set search.strategy=random --set search.trials=64" \
      "TPE, 64 trials|--set search.strategy=tpe --set search.trials=64" \
      "ASHA, 64 candidates|--set search.strategy=halving --set search.trials=64 --set search.halving={\"eta\":2,\"min_epochs\":1,\"max_epochs\":8}" \
      "BOHB-style, 64 candidates|--set search.strategy=halving --set search.trials=64 --set search.halving={\"eta\":2,\"min_epochs\":1,\"max_epochs\":8,\"sampler\":\"tpe\"}"; do
    label=${strategy%%|*}
    read -r -a options <<< "${strategy#*|}"
    for confirm in ${CONFIRMS:-'{"top":3,"seeds":2}' '{"top":3,"seeds":20}'}; do
      echo "== $grid: $label, confirm $confirm"
      bin/sparktune simulate "$spec" $(curves "$grid") --workers 2 --seeds "$seeds" "${options[@]}" \
        --set "search.confirm=$confirm" | grep -E "^(recorded best|confirmation|gap|the floor)"
    done
  done
done
