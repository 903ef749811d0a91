#!/usr/bin/env bash
# Times every lesson at full size (not --quick) on this machine, runs not stored, and prints each lesson's computed
# answer. The issue asks that each finishes within a few minutes on a 2-core laptop.
# Usage: bench/lessons-full.sh [LESSON_ID...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/verdant.jar ] || mvn -q -B -o -DskipTests package
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
ids=("$@")
[ ${#ids[@]} -gt 0 ] || ids=(joule compact training automl compression less-data)
echo "load before: $(uptime | sed 's/.*load average: //')"
for id in "${ids[@]}"; do
  start=$(date +%s.%N)
  answer=$(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$cp" dev.verdant.Main lesson run "$id" \
    --predict 1 --no-store 2>/dev/null | grep -E '^Measured answer:' || echo "FAILED")
  printf '%-12s %6.1f s   %s\n' "$id" "$(python3 -c "print($(date +%s.%N)-$start)")" "$answer"
done
echo "load after: $(uptime | sed 's/.*load average: //')"
