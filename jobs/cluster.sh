#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Spark jars Maven resolves: one master and N
# workers on 127.0.0.1, with spark.authenticate on and a secret generated per cluster.
#   jobs/cluster.sh start [WORKERS] [CORES_PER_WORKER] [MEMORY_PER_WORKER]   (default 2 1 4g)
#   jobs/cluster.sh submit [spark-submit options] -- search SPEC [sparktune options]
#   jobs/cluster.sh status | url | stop
# State (secret file, pids, logs, worker dirs) lives in ${SPARKTUNE_CLUSTER_DIR:-target/cluster}.
# SPARKTUNE_PRIVATE_DIRS="DIR..." (root only) starts every worker but the first in a mount namespace of its
# own with an empty tmpfs over each DIR: those workers and their executors see none of what the driver
# writes there, as hosts that share no disk with the driver.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mkdir -p "${SPARKTUNE_CLUSTER_DIR:-target/cluster}" && cd "${SPARKTUNE_CLUSTER_DIR:-target/cluster}" && pwd)
port=${SPARKTUNE_MASTER_PORT:-7077}
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
export SPARK_HOME=${SPARK_HOME:-$(jobs/spark-home.sh)}

url() { echo "spark://127.0.0.1:$port"; }

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for_log() { # file pattern seconds
  for _ in $(seq 1 "$3"); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "sparktune cluster: '$2' did not appear in $1 within $3 s:" >&2
  tail -n 20 "$1" >&2
  return 1
}

start() {
  local workers=${1:-2} cores=${2:-1} memory=${3:-4g}
  if running "$state/master.pid"; then
    echo "sparktune cluster: already running at $(url); stop it first" >&2
    exit 1
  fi
  rm -rf "$state"/work-* "$state"/*.log
  local private=()
  if [[ -n ${SPARKTUNE_PRIVATE_DIRS:-} ]]; then
    # Checked first, so a machine that cannot separate the workers says so rather than sharing silently.
    unshare -m --propagation private -- sh -c 'mount -t tmpfs sparktune-check /mnt' > /dev/null 2>&1 || {
      echo "sparktune cluster: cannot give workers a private view of $SPARKTUNE_PRIVATE_DIRS (unshare -m and"\
        "mount -t tmpfs need root)" >&2; exit 1; }
    local dir
    for dir in $SPARKTUNE_PRIVATE_DIRS; do mkdir -p "$dir"; done
    private=(unshare -m --propagation private -- sh -c \
      'for d in $SPARKTUNE_PRIVATE_DIRS; do mount -t tmpfs -o size=1g sparktune-private "$d" || exit 97; done; exec "$@"' \
      private-worker)
  fi
  # The secret lives only in this owner-only file; it never appears on a command line or in a log.
  ( umask 077
    # The REST submission server cannot authenticate, so it is off: submissions go through RPC.
    printf 'spark.authenticate true\nspark.master.rest.enabled false\nspark.authenticate.secret %s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      > "$state/secret.conf" )
  local common=(--properties-file "$state/secret.conf")
  nohup java -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port 0 "${common[@]}" > "$state/master.log" 2>&1 &
  echo $! > "$state/master.pid"
  wait_for_log "$state/master.log" "I have been elected leader" 60
  for i in $(seq 1 "$workers"); do
    mkdir -p "$state/work-$i"
    local launch=()
    (( i > 1 )) && launch=("${private[@]}")
    # Executors get one OpenMP thread per task core (spark.task.cpus), set by the application.
    nohup "${launch[@]}" java -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$state/work-$i" --webui-port 0 \
      "${common[@]}" "$(url)" > "$state/worker-$i.log" 2>&1 &
    echo $! > "$state/worker-$i.pid"
  done
  for i in $(seq 1 "$workers"); do
    wait_for_log "$state/worker-$i.log" "Successfully registered with master" 60
  done
  echo "sparktune cluster: master $(url), $workers worker(s) x $cores core(s), authentication on"
}

stop() {
  for pid_file in "$state"/worker-*.pid "$state"/master.pid; do
    [[ -f $pid_file ]] || continue
    if running "$pid_file"; then
      kill "$(cat "$pid_file")" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  done
  # Executors are children of the workers and end with them; their copies of the app jar go too.
  rm -rf "$state"/work-*
  echo "sparktune cluster: stopped"
}

status() {
  for pid_file in "$state"/master.pid "$state"/worker-*.pid; do
    [[ -f $pid_file ]] || continue
    if running "$pid_file"; then s=running; else s=dead; fi
    echo "$(basename "$pid_file" .pid): $s (pid $(cat "$pid_file"))"
  done
}

submit() {
  [[ -f $state/secret.conf ]] || { echo "sparktune cluster: not started (jobs/cluster.sh start)" >&2; exit 1; }
  local own=()
  while [[ $# -gt 0 && $1 != -- ]]; do own+=("$1"); shift; done
  # The console's hints name this command, not the spark-submit line it becomes.
  export SPARKTUNE_LAUNCHER="${SPARKTUNE_LAUNCHER:-jobs/cluster.sh submit${own[*]:+ ${own[*]}} --}"
  exec jobs/submit.sh --master "$(url)" --properties-file "$state/secret.conf" "${own[@]}" "$@"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  submit) shift; submit "$@" ;;
  *) echo "usage: jobs/cluster.sh start [WORKERS] [CORES] [MEMORY] | submit ... | status | url | stop" >&2; exit 2 ;;
esac
