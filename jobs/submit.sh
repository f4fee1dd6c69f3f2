#!/usr/bin/env bash
# Submits the shaded sparktune jar with spark-submit. Options before "--" go to spark-submit, the rest
# to sparktune. SPARK_HOME comes from the environment; without bin/spark-submit in it (a SPARK_HOME
# made by jobs/spark-home.sh), Spark's launcher is called directly.
#   SPARK_HOME=/opt/spark jobs/submit.sh --master spark://host:7077 --total-executor-cores 8 \
#       -- search conf/reference-grid.json --data hdfs:///data/cifar-10-batches-bin -o hdfs:///runs/ref
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.2 installation (or: export SPARK_HOME=\$(jobs/spark-home.sh))}"

submit_args=()
while [[ $# -gt 0 && $1 != -- ]]; do
  submit_args+=("$1")
  shift
done
[[ ${1:-} == -- ]] && shift
[[ $# -gt 0 ]] || { echo "usage: jobs/submit.sh [spark-submit options] -- search SPEC [options]" >&2; exit 2; }

# SPARKTUNE_APP_JAR names another application jar, e.g. the one inside a Kubernetes image:
# local:///opt/sparktune/sparktune-app.jar (kubernetes/Dockerfile).
jar=${SPARKTUNE_APP_JAR:-target/sparktune-app.jar}
if [[ -z ${SPARKTUNE_APP_JAR:-} && ( ! -f $jar || -n $(find src/main pom.xml -newer "$jar" -print -quit) ) ]]; then
  echo "sparktune: building the application jar (mvn package)..." >&2
  mvn -q -B -Dstyle.color=never -DskipTests package >&2
fi

# The console's hints (resume, evaluate, query) print this same submission, sparktune's arguments aside.
export SPARKTUNE_LAUNCHER="${SPARKTUNE_LAUNCHER:-$0${submit_args[*]:+ ${submit_args[*]}} --}"
# The driver in client mode trains nothing, but in local mode it does: few malloc arenas (see bin/sparktune).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
conf=(--class io.sparktune.cli.SparktuneCli
      --conf "spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=$(pwd)/conf/log4j2.properties")
if [[ -x $SPARK_HOME/bin/spark-submit ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${conf[@]}" "${submit_args[@]}" "$jar" "$@"
fi
exec jobs/spark-class.sh org.apache.spark.deploy.SparkSubmit "${conf[@]}" "${submit_args[@]}" "$jar" "$@"
