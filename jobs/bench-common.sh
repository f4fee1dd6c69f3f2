# Sourced by the jobs/bench-*.sh scripts: compiles main and test classes and runs a benchmark class
# with the test classpath (Spark included), one OpenMP thread per trial thread.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/test-classpath.txt
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# Local runs stay on loopback.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
run_benchmark() {
  local class=$1
  shift
  java -Dlog4j2.configurationFile=conf/log4j2.properties \
       -cp "target/classes:target/test-classes:$(cat "$cp_file")" "$class" "$@"
}
