#!/usr/bin/env bash
# Where a staged batch's gather time goes: Batches.staged as the training loop calls it, and its pieces (index array,
# DJL's advanced-index gather, uint8 -> float and scale, libtorch's embedding lookup as the row gather), on an
# MNIST-sized synthetic uint8 split, batch 128; medians in microseconds (dev.verdant.bench.GatherBench).
# Usage: bench/gather.sh [BATCHES]   (default 2000; THREADS=2)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_classpath
echo "load average: $(load)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-2}" -cp "$CP" dev.verdant.bench.GatherBench "${1:-2000}"
