#!/usr/bin/env bash
# Assembles a Spark installation from the Spark jars Maven resolves (no Spark download):
# target/spark-home/jars holds Spark 4.2 (with YARN, Kubernetes and S3 support) and its dependencies. Prints the SPARK_HOME path.
#   export SPARK_HOME=$(jobs/spark-home.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
home=target/spark-home
if [[ ! -f $home/.complete || pom.xml -nt $home/.complete || jobs/spark-dist.pom.xml -nt $home/.complete ]]; then
  rm -rf "$home"
  property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
  mvn -q -B -Dstyle.color=never -f jobs/spark-dist.pom.xml -Dspark.version="$(property spark.version)" \
      -Dhadoop.version="$(property hadoop.version)" -Daws.sdk.version="$(property aws.sdk.version)" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$(pwd)/$home/jars" >&2
  touch "$home/.complete"
fi
echo "$(pwd)/$home"
