#!/usr/bin/env bash
# Training and inference speed of the reference CNN: DL4J as it comes, then each step sparktune takes,
# then sparktune's setup alternating with PyTorch through DJL on identical minibatches. 1 and 2 threads,
# with the share of the processor's FP32 peak. Each step runs in its own JVM (natives load once per JVM).
#   jobs/bench-train.sh [CIFAR_FOLDER] [IMAGES] [ROUNDS]     (default ../shared/data/cifar-10-batches-bin 10000 1)
#   STEPS="3" jobs/bench-train.sh ...                        (only some of the steps; default "1 2 3")
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench-djl-classpath.txt
mvn -q -B -Dstyle.color=never -Pbench-djl -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat "$cp_file")"
ext=org.bytedeco.javacpp.platform.extension
helpers=org.eclipse.deeplearning4j.helpers.disable

run() { # variant-name [java -D options...] -- benchmark args
  local name=$1
  shift
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  # DJL must find PyTorch in the pytorch-native-cpu jar and never download.
  java -Dbench.variant="$name" -Dai.djl.offline=true -Dlog4j2.configurationFile=conf/log4j2.properties \
       "${opts[@]}" -cp "$cp" io.sparktune.bench.TrainingBenchmark "$@"
}

steps=" ${STEPS:-1 2 3} "
[[ $steps == *" 1 "* ]] && run "1. DL4J as it comes (generic natives, helpers off)" -D$ext= -D$helpers=true \
  -Dbench.peer=false -- "$@"
[[ $steps == *" 2 "* ]] && run "2. oneDNN natives, helpers still off" -D$ext=-onednn-avx2 -D$helpers=true \
  -Dbench.peer=false -- "$@"
[[ $steps == *" 3 "* ]] && run "3. sparktune: oneDNN natives, helpers on, oneDNN check fixed" -- "$@"
exit 0
