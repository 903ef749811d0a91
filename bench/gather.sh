#!/usr/bin/env bash
# Where a staged batch's gather time goes: Batches.staged as the training loop calls it, and its pieces (index array,
# DJL's advanced-index gather, uint8 -> float and scale, libtorch's embedding lookup as the row gather), on an
# MNIST-sized synthetic uint8 split, batch 128; medians in microseconds (dev.verdant.bench.GatherBench).
# Usage: bench/gather.sh [BATCHES]   (default 2000; THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f target/bench.classpath ]] || mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-2}" \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.verdant.bench.GatherBench "${1:-2000}"
