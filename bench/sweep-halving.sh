#!/usr/bin/env bash
# Successive halving vs the full 27-configuration grid, same run, same store (issue 13): best validation accuracy
# found and joules of each (measured or estimated, as this machine's probes allow: the method is printed).
# Usage: bench/sweep-halving.sh [MAX_EPOCHS=9] [grid-first|halving-first] [BASE_SEED=7]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-1}" -Dai.djl.offline=true \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.SweepHalvingBench "${1:-9}" "${2:-grid-first}" "${3:-7}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
