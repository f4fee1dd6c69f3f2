#!/usr/bin/env bash
# Peak resident memory of a JVM training on full-size CIFAR-10 (50,000 training images): one trial, then
# two trials side by side. The data is held once per JVM, so the second trial should add about one
# network's worth of memory, not another copy of the data. In local mode the driver is the executor.
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
jobs/run-local.sh --help > /dev/null # build once, outside the measurement

echo "bench-memory: 50,000 CIFAR-10 training images (40,000 train + 10,000 validation), 1 epoch per trial"
echo "data as float32: $(( 50000 * 3072 * 4 / 1024 / 1024 )) MiB, held once per JVM"
for trials in 1 2; do
  rates="[0.001]"
  [[ $trials == 2 ]] && rates="[0.001,0.002]"
  /usr/bin/time -f "%M %e" -o "$work/time-$trials" jobs/run-local.sh search conf/bench-memory.json \
      --data "$work/cifar" -o "$work/out-$trials" --set "search.space.learning_rate=$rates" \
      --set execution.parallel_trials=$trials > "$work/log-$trials" 2>&1 || { cat "$work/log-$trials"; exit 1; }
  read -r kb seconds < "$work/time-$trials"
  printf "%d trial(s) side by side: peak RSS %5d MiB, %5.1f s\n" "$trials" $(( kb / 1024 )) "$seconds"
done
