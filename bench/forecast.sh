#!/usr/bin/env bash
# Quality of the energy-to-target forecast (issue 13): trains MLP, LeNet-5 and DS-CNN runs on the built-in digits
# (3 learning rates each) into a fresh store, or reads the runs of --db FILE, and prints the median absolute error in
# joules-to-target of the forecast made after epoch 3 (goal <= 25%).
# Usage: bench/forecast.sh [EPOCHS=12] [--db FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-1}" -Dai.djl.offline=true \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.ForecastBench "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
