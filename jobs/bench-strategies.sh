#!/usr/bin/env bash
# Strategies compared in the simulator on recorded learning curves: random, TPE (with and without the
# constant liar), asynchronous halving (ASHA) and halving with TPE candidates (BOHB's way), at 2, 8 and 32
# workers, 30 seeds each, over three recorded grids of 8-epoch curves:
#   dense-64  conf/bench-strategies.json       64 configurations, 500 validation images
#   wide-144  conf/bench-strategies-wide.json  144 configurations, 2,000 validation images
#   fine-256  conf/bench-strategies-fine.json  256 configurations on 16 learning rates, 2,000 validation images
# The curves are recorded once, by a real grid search, into bench/curves/ (kept in the repository); pass
# RECORD=1 to record them again. Each grid is also recorded under other seeds (another training
# subset, validation split, initialisation and order: cifar10-NAME-seedN), and the simulator takes all of a
# grid's recordings as repeats. Each comparison runs twice: with every trial seeing its configuration's
# mean curve over the runs (--mean-curves: each configuration's value fixed, what the strategies' models can
# learn), and with each trial seeing one run (the noise a real search meets); either way the best found is
# judged by its configuration's mean. Random search over 32 trials, TPE and BOHB are also asked when they
# reached random search's median final best over 64 trials (--target). At 32 workers, where a 64-trial
# search proposes its first 32 trials before any result, the grids of more than 128 configurations also
# run twice the budget: random search over 128 trials sets the target for TPE and random over 64.
#   jobs/bench-strategies.sh [SEEDS] [RECORDINGS...]   (default 100 seeds, all three recordings)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-100}
shift || true
recordings=("${@:-dense-64 wide-144 fine-256}")
read -r -a recordings <<< "${recordings[*]}"

spec_of() {
  case $1 in
    dense-64) echo conf/bench-strategies.json ;;
    wide-144) echo conf/bench-strategies-wide.json ;;
    *) echo conf/bench-strategies-fine.json ;;
  esac
}

# Seeds of each grid's repeats beside the first recording (made with its spec's own seed, 42).
repeat_seeds() {
  case $1 in
    dense-64) echo 1 2 3 ;;
    *) echo 1 2 ;;
  esac
}

record_one() { # recording, folder, then search's options
  local spec=$(spec_of "$1") curves=$2 out=out/bench-strategies-$(basename "$2")
  shift 2
  if [[ ! -d $curves/journal || ${RECORD:-} == 1 ]]; then
    rm -rf "$out"
    jobs/run-local.sh search "$spec" -o "$out" --no-evaluate "$@"
    rm -rf "$curves" && mkdir -p "$curves"
    cp -r "$out/spec.json" "$out/journal" "$curves/"
  fi
}

record() { # recording; prints the --curves options of all its recordings
  local seed curves=bench/curves/cifar10-$1
  record_one "$1" "$curves" >&2
  echo "--curves $curves"
  for seed in $(repeat_seeds "$1"); do
    record_one "$1" "$curves-seed$seed" --set execution.seed="$seed" >&2
    echo "--curves $curves-seed$seed"
  done
}

simulate() { # recording, workers, label, then simulate's options
  local spec workers=$2 label=$3
  spec=$(spec_of "$1")
  shift 3
  echo "== $label, $workers workers"
  # $curves unquoted: its --curves options are separate words
  jobs/run-local.sh simulate "$spec" $curves $view --workers "$workers" --seeds "$seeds" "$@" | tail -n +2
}

baseline() { # recording, workers, trials: random search's report, its median final best left in $random
  local report
  report=$(simulate "$1" "$2" "random, $3 trials" --set search.strategy=random --set search.trials="$3")
  echo "$report"
  random=$(sed -n 's/.*final best \([0-9.]*\)$/\1/p' <<< "$report")
}

for recording in "${recordings[@]}"; do
  curves=$(record "$recording")
  for view in --mean-curves ""; do
    echo "######## $recording, trials see $([[ -n $view ]] && echo the mean curves || echo one run each)"
    for workers in 2 8 32; do
      baseline "$recording" "$workers" 64
      simulate "$recording" "$workers" "random, 32 trials" --set search.strategy=random --set search.trials=32 \
        --target "$random"
      simulate "$recording" "$workers" "TPE, 32 trials" --set search.strategy=tpe --set search.trials=32 \
        --target "$random"
      simulate "$recording" "$workers" "TPE, 64 trials" --set search.strategy=tpe --set search.trials=64 \
        --target "$random"
      simulate "$recording" "$workers" "TPE, 64 trials, no constant liar" --set search.strategy=tpe \
        --set search.trials=64 --set 'search.tpe={"constant_liar": false}' --target "$random"
      simulate "$recording" "$workers" "ASHA, 64 candidates, eta 2, rungs 1/2/4/8" --set search.strategy=halving \
        --set search.trials=64 --set 'search.halving={"eta": 2, "min_epochs": 1, "max_epochs": 8}'
      for n in 32 64; do
        simulate "$recording" "$workers" "halving with TPE candidates, $n candidates, eta 2, rungs 1/2/4/8" \
          --set search.strategy=halving --set search.trials=$n \
          --set 'search.halving={"eta": 2, "min_epochs": 1, "max_epochs": 8, "sampler": "tpe"}' --target "$random"
      done
      simulate "$recording" "$workers" "Hyperband with TPE candidates, 64 candidates, eta 2, 4 brackets" \
        --set search.strategy=halving --set search.trials=64 \
        --set 'search.halving={"eta": 2, "min_epochs": 1, "max_epochs": 8, "sampler": "tpe", "brackets": 4}' \
        --target "$random"
      if [[ $workers == 32 && $recording != dense-64 ]]; then
        baseline "$recording" "$workers" 128
        simulate "$recording" "$workers" "random, 64 trials, against random's 128-trial best" \
          --set search.strategy=random --set search.trials=64 --target "$random"
        simulate "$recording" "$workers" "TPE, 64 trials, against random's 128-trial best" \
          --set search.strategy=tpe --set search.trials=64 --target "$random"
      fi
    done
  done
done 2>&1
