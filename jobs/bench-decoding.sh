#!/usr/bin/env bash
# The same Cats vs Dogs search over several seeds (each seed also draws its own test and validation images):
# validation and test accuracy of each, then their means. What decoding fidelity is worth shows as the
# difference between two builds' lines.
#   jobs/bench-decoding.sh [SPEC] [SEEDS...]      (default conf/bench-decoding.json 1 2 3)
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-conf/bench-decoding.json}
shift || true
seeds=("${@:-1 2 3}")
read -r -a seeds <<< "${seeds[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-6s %-10s %-10s %s\n' seed val_acc test_acc wall
for seed in "${seeds[@]}"; do
  start=$(date +%s)
  bin/sparktune search "$spec" -o "$work/seed-$seed" --set execution.seed="$seed" > "$work/seed-$seed.log" 2>&1 \
    || { cat "$work/seed-$seed.log"; exit 1; }
  wall=$(( $(date +%s) - start ))
  val=$(bin/sparktune query -o "$work/seed-$seed" "SELECT round(best_val_accuracy, 4) FROM trials" | sed -n 3p | tr -d ' ')
  test=$(bin/sparktune query -o "$work/seed-$seed" "SELECT round(test_accuracy, 4) FROM final WHERE role = 'best'" \
    | sed -n 3p | tr -d ' ')
  printf '%-6s %-10s %-10s %ss\n' "$seed" "$val" "$test" "$wall"
  echo "$val $test" >> "$work/scores"
done
awk '{v += $1; t += $2; n++} END {printf "mean   %-10.4f %-10.4f over %d seeds\n", v / n, t / n, n}' "$work/scores"
