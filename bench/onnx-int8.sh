#!/usr/bin/env bash
# fp32 against int8 (integer kernels) inference for LeNet-5 on MNIST: trains a model with a quantize step, exports
# it, and times ONNX Runtime fp32, ONNX Runtime int8 (8-bit from input to logits), int8 with a float first layer and
# DJL fp32 in interleaved rounds at batch 1, 64 and 256; prints the speed-up ratios and the int8 accuracy against the
# simulated one.
# Usage: bench/onnx-int8.sh [MNIST_FOLDER] [LIMIT] [EPOCHS] [ROUNDS]   (defaults: ../shared/data/mnist, 60000, 2, 5)
#   THREADS=2 (ONNX Runtime intra-op threads, both forms)
#   BENCH_OPTS="-Dbench.profile=DIR"  ONNX Runtime's per-node profile of each form at batch 64, by operator
#   BENCH_OPTS="-Dbench.reuse=DIR"    time the run an earlier bench trained (it prints its folder) without training
#   BENCH_OPTS="-Dbench.arch=mlp"     another architecture;  "-Dbench.spin=0|1" ONNX Runtime's spin-waiting
#   BENCH_OPTS="-Dbench.dump=FILE"    the int8 graph as ONNX Runtime optimised it
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_classpath
echo "load average before: $(load)"
java -Xmx3g ${BENCH_OPTS:-} -cp "$CP" dev.verdant.bench.OnnxInt8Bench \
  "$(realpath "${1:-$default_data}")" "${2:-60000}" "${3:-2}" "${4:-5}" "${THREADS:-2}" 2> >(grep -v -E 'WARN|LegacyType' >&2)
echo "load average after: $(load)"
