#!/usr/bin/env bash
# Peak resident memory of a JVM training on full-size CIFAR-10 (50,000 training images): one trial, then
# two trials side by side. The data is held once per JVM, so the second trial should add about one
# network's worth of memory, not another copy of the data. Then one trial of 2 epochs against one of 10:
# memory must stay flat over a long trial. In local mode the driver is the executor.
#   jobs/bench-memory.sh [CIFAR_FOLDER]     (default ../shared/data/cifar-10-batches-bin)
set -euo pipefail
cd "$(dirname "$0")/.."
source_folder=$(cd "${1:-../shared/data/cifar-10-batches-bin}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Five training batches, as in the official archive, made from the one batch we have (links, no copies).
mkdir "$work/cifar"
for i in 1 2 3 4 5; do ln -s "$source_folder/data_batch_1.bin" "$work/cifar/data_batch_$i.bin"; done
[[ -f $source_folder/batches.meta.txt ]] && ln -s "$source_folder/batches.meta.txt" "$work/cifar/"
bin/sparktune --help > /dev/null # build once, outside the measurement

echo "bench-memory: 50,000 CIFAR-10 training images (40,000 train + 10,000 validation)"
echo "data as 8-bit pixels: $(( 50000 * 3072 / 1024 / 1024 )) MiB, held once per JVM"
measure() { # name trials epochs
  local name=$1 trials=$2 epochs=$3 rates="[0.001]"
  [[ $trials == 2 ]] && rates="[0.001,0.002]"
  /usr/bin/time -f "%M %e" -o "$work/time-$name" bin/sparktune search conf/bench-memory.json \
      --data "$work/cifar" -o "$work/out-$name" --set "search.space.learning_rate=$rates" \
      --set execution.parallel_trials=$trials --set model.epochs=$epochs > "$work/log-$name" 2>&1 \
      || { cat "$work/log-$name"; exit 1; }
  read -r kb seconds < "$work/time-$name"
  printf "%d trial(s) side by side, %2d epoch(s): peak RSS %5d MiB, %6.1f s\n" "$trials" "$epochs" $(( kb / 1024 )) \
      "$seconds"
  echo $(( kb / 1024 )) > "$work/rss-$name"
}
# MEASURE="long" runs only the long-trial pair.
if [[ ${MEASURE:-all} == all ]]; then
  measure one 1 1
  measure two 2 1
fi
# A long trial must not grow: its peak against a short one's, in the same run.
measure short 1 2
measure long 1 10
echo "10 epochs against 2: peak RSS x$(awk "BEGIN {printf \"%.3f\", $(cat "$work/rss-long") / $(cat "$work/rss-short")}")"
