#!/usr/bin/env bash
# What Spark's bin/spark-class does, for a SPARK_HOME that holds only jars/ (see jobs/spark-home.sh):
# Spark's launcher builds the java command line, which is then executed.
#   jobs/spark-class.sh org.apache.spark.deploy.SparkSubmit --master ... app.jar args
set -euo pipefail
: "${SPARK_HOME:?set SPARK_HOME, e.g. export SPARK_HOME=\$(jobs/spark-home.sh)}"
export SPARK_HOME
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

build_command() {
  "$java_bin" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
  printf "%d\0" $?
}

# The launcher prints message lines, then a line holding only NUL, then the NUL-separated command;
# bash reads that NUL line as an empty line.
cmd=()
delim=$'\n'
while IFS= read -d "$delim" -r arg; do
  if [[ $delim == '' ]]; then
    cmd+=("$arg")
  elif [[ -z $arg ]]; then
    delim=''
  else
    echo "$arg" >&2
  fi
done < <(build_command "$@")
last=$((${#cmd[@]} - 1))
status=${cmd[$last]}
if [[ $status != 0 ]]; then
  exit "$status"
fi
exec "${cmd[@]:0:$last}"
