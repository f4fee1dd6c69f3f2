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
# With REAL=N, N real pairs follow (about 3 minutes each on 2 cores): a real random search and a real TPE
# search of 40 trials each, 4 epochs a trial, on wide-144's data over a space of ranges and lists, under
# seeds 1..N, compared by their best, the mean of their top 5, the median of trials 12-40 (TPE's own
# proposals; before them its start-up draws) and the core-seconds TPE took to reach random search's best.
#   jobs/bench-strategies.sh [SEEDS] [RECORDINGS...]   (default 100 seeds, all three recordings)
#   REAL=4 jobs/bench-strategies.sh 100 none           (only the real pairs)
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
    bin/sparktune search "$spec" -o "$out" --no-evaluate "$@"
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
  # $curves unquoted: its --curves options are separate words. The search alone: jobs/bench-confirm.sh
  # measures confirmation.
  bin/sparktune simulate "$spec" $curves $view --workers "$workers" --seeds "$seeds" --set search.confirm=false "$@" \
    | tail -n +2
}

baseline() { # recording, workers, trials: random search's report, its median final best left in $random
  local report
  report=$(simulate "$1" "$2" "random, $3 trials" --set search.strategy=random --set search.trials="$3")
  echo "$report"
  random=$(sed -n 's/.*final best \([0-9.]*\)$/\1/p' <<< "$report")
}

# One real search's numbers: best, mean of the top 5, median of trials 12 on, core-seconds, core-seconds
# until it reached $2 (random search's best), or its own best without $2.
real_numbers() { # output folder, [value to reach]
  bin/sparktune query -o "$1" "SELECT round(max(best_val_accuracy), 4) AS best,
      round(avg(IF(r <= 5, best_val_accuracy, NULL)), 4) AS top5,
      round(median(IF(trial_id >= 12, best_val_accuracy, NULL)), 4) AS trials_12_on,
      round(sum(train_seconds)) AS core_seconds,
      round(min(IF(round(best_val_accuracy, 4) >= ${2:-round(top, 4)}, spent, NULL))) AS reached_in
    FROM (SELECT *, row_number() OVER (ORDER BY best_val_accuracy DESC) AS r,
                 max(best_val_accuracy) OVER () AS top,
                 sum(train_seconds) OVER (ORDER BY finished_at, trial_id) AS spent FROM trials)" 2>/dev/null \
    | tail -n 1
}

real_pairs() {
  local seed strategy out random_line
  local space='{"learning_rate": {"low": 0.0001, "high": 0.03, "log": true}, "dropout": {"low": 0.0, "high": 0.5},
      "filters": [8, 16], "batch_size": [32, 64], "activation": ["relu", "tanh"]}'
  echo "######## real searches, 40 trials each on 2 cores: best, top-5 mean, median of trials 12-40, core-seconds,"
  echo "######## core-seconds until random search's best"
  mkdir -p out
  for seed in $(seq 1 "$1"); do
    for strategy in random tpe; do
      out=out/bench-strategies-real-$strategy-$seed
      rm -rf "$out"
      bin/sparktune search conf/bench-strategies-wide.json -o "$out" --no-evaluate --set search.confirm=false \
        --set search.strategy=$strategy --set search.trials=40 --set model.epochs=4 --set "search.space=$space" \
        --set execution.seed="$seed" > "$out.log" 2>&1
    done
    random_line=$(real_numbers "out/bench-strategies-real-random-$seed")
    echo "seed $seed random: $random_line"
    echo "seed $seed TPE:    $(real_numbers "out/bench-strategies-real-tpe-$seed" "$(awk '{print $1}' <<< "$random_line")")"
  done
}

[[ ${recordings[*]} == none ]] && recordings=()
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
if (( ${REAL:-0} > 0 )); then
  real_pairs "$REAL" 2>&1
fi
