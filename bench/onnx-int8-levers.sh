#!/usr/bin/env bash
# Issue 20 point 4: int8 speed levers of LeNet-5 on ONNX Runtime (spin-waiting, intra-op threads, dynamic block
# sizing, the U8U8 precision mode, per-tensor against per-channel weights, batch 64 and 256), each as fp32 against
# int8 under the same setting in interleaved rounds; prints ms per batch, the ratio and the load average.
#   BENCH_OPTS="-Dbench.only=forms" graph forms only; "-Dbench.profile=DIR" per-operator profiles of each form
# Usage: bench/onnx-int8-levers.sh [MNIST_FOLDER] [LIMIT] [EPOCHS] [ROUNDS]   (defaults: ../shared/data/mnist, 6000, 1, 5)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_classpath
echo "load average before: $(load)"
java -Xmx3g ${BENCH_OPTS:-} -cp "$CP" dev.verdant.bench.OnnxInt8Levers \
  "$(realpath "${1:-$default_data}")" "${2:-6000}" "${3:-1}" "${4:-5}" 2> >(grep -v -E 'WARN|LegacyType' >&2)
echo "load average after: $(load)"
