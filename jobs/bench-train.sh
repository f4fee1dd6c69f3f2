#!/usr/bin/env bash
# Training speed over a whole trial: the reference CNN through sparktune's trial runner (training accuracy
# counted during the steps, validation after every epoch) for 12 epochs of 8,000 CIFAR-10 images (1,500
# steps), every epoch timed, against PyTorch through DJL on the same images in the same order, epoch by
# epoch in turn with the trial's (so a drifting machine slows both alike); 1 and 2
# threads; then sparktune's kernels against DL4J's, a trial stuck at chance beside a learning one, and a
# task's costs besides training.
#   jobs/bench-train.sh [CIFAR_FOLDER] [IMAGES] [EPOCHS]   (default ../shared/data/cifar-10-batches-bin 10000 12)
# BENCH_PARTS=overheads, subnormals or kernels jobs/bench-train.sh runs only that part: a task's costs
# besides training, 10 epochs of training steps with and without the subnormal flush, or the training steps
# on DL4J's kernels against sparktune's (first convolution, ReLU backward pass), epoch by epoch in turn.
# BENCH_PARTS=family jobs/bench-train.sh [CIFAR_FOLDER] [IMAGES] [EPOCHS] [SEEDS] [RATES] [FIRST_SEED] instead
# compares the family's strong network (batch norm, same padding, global average pooling) with its PyTorch
# twin: speed and accuracy per epoch, Adam at 0.001 and 0.01 (default 10000 images, 5 epochs, 3 seeds from
# 42, rates 0.001,0.01). BENCH_SAME_START=1 starts the twin from DL4J's initial weights.
# BENCH_PARTS=family-lockstep jobs/bench-train.sh [CIFAR_FOLDER] [IMAGES] [EPOCHS] [LR] [SEED] holds the twin at
# DL4J's weights before every step and prints how far the two frameworks' gradients, Adam steps and
# accuracies agree (default 10000 images, 3 epochs, lr 0.001, seed 42).
# STEPS="1 2 3" jobs/bench-train.sh [CIFAR_FOLDER] [IMAGES] [ROUNDS] instead times one epoch after 20 warm-up
# steps for each step from DL4J as it comes to sparktune's setup (a short measurement: see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench-djl-classpath.txt
mvn -q -B -Dstyle.color=never -Pbench-djl -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat "$cp_file")"
ext=org.bytedeco.javacpp.platform.extension
helpers=org.eclipse.deeplearning4j.helpers.disable
# DJL must find PyTorch in the pytorch-native-cpu jar and never download.
java_opts=(-Dai.djl.offline=true -Dlog4j2.configurationFile=conf/log4j2.properties)

if [[ ${BENCH_PARTS:-} == family-lockstep ]]; then
  exec java "${java_opts[@]}" -cp "$cp" io.sparktune.trial.FamilyLockstepBenchmark "$@"
fi
if [[ ${BENCH_PARTS:-} == family ]]; then
  exec java "${java_opts[@]}" -Dbench.sameStart="${BENCH_SAME_START:+true}" -cp "$cp" \
    io.sparktune.trial.FamilyParityBenchmark "$@"
fi
if [[ -z ${STEPS:-} ]]; then
  exec java "${java_opts[@]}" ${BENCH_PARTS:+-Dbench.parts=$BENCH_PARTS} -cp "$cp" io.sparktune.trial.TrialSpeedBenchmark "$@"
fi

run() { # variant-name [java -D options...] -- benchmark args
  local name=$1
  shift
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  java -Dbench.variant="$name" "${java_opts[@]}" "${opts[@]}" -cp "$cp" io.sparktune.bench.TrainingBenchmark "$@"
}

steps=" $STEPS "
[[ $steps == *" 1 "* ]] && run "1. DL4J as it comes (generic natives, helpers off)" -D$ext= -D$helpers=true \
  -Dbench.peer=false -- "$@"
[[ $steps == *" 2 "* ]] && run "2. oneDNN natives, helpers still off" -D$ext=-onednn-avx2 -D$helpers=true \
  -Dbench.peer=false -- "$@"
[[ $steps == *" 3 "* ]] && run "3. sparktune: oneDNN natives, helpers on, oneDNN check fixed" -- "$@"
exit 0
