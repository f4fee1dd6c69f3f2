#!/usr/bin/env bash
# Runs a sparktune command in Spark local mode with Spark on the classpath (no Spark install needed).
# Builds the classes and the classpath first when they are missing or older than the sources.
#   jobs/run-local.sh search conf/quick.json
#   jobs/run-local.sh query -o out/quick "SELECT * FROM trials"
set -euo pipefail
cd "$(dirname "$0")/.."

cp_file=target/classpath.txt
if [[ ! -f $cp_file || ! -d target/classes || pom.xml -nt $cp_file \
      || -n $(find src/main -newer $cp_file -print -quit) ]]; then
  echo "sparktune: building (mvn compile)..." >&2
  mvn -q -B -Dstyle.color=never -DskipTests compile dependency:build-classpath \
      -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=compile >&2
  touch "$cp_file" # the plugin leaves an unchanged file's time alone
fi

# One OpenMP thread per trial thread: trials run side by side and must not fight for cores.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# Few malloc arenas: ND4J frees each step's native arrays from other threads than the one that allocated
# them, and with glibc's default of 8 arenas per core the freed memory stays with the process, so a long
# trial's resident memory kept growing (BENCHMARKS.md).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Local runs stay on loopback.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java ${SPARKTUNE_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "target/classes:$(cat "$cp_file")" io.sparktune.cli.SparktuneCli "$@"
