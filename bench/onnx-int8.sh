#!/usr/bin/env bash
# fp32 against int8 (QDQ, integer kernels) inference through ONNX Runtime for LeNet-5 on MNIST: trains a model with a
# quantize step, exports both forms, prints latency per batch of 64 and the int8 accuracy against the simulated one.
# Usage: bench/onnx-int8.sh [MNIST_FOLDER] [LIMIT] [EPOCHS] [ROUNDS]   (defaults: ../shared/data/mnist, 60000, 2, 5)
#   THREADS=2 (ONNX Runtime intra-op threads)
set -euo pipefail
cd "$(dirname "$0")/.."
default_data=../shared/data/mnist
[[ -d $default_data ]] || default_data=/work/shared/data/mnist
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx3g ${BENCH_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.verdant.bench.OnnxInt8Bench \
  "$(realpath "${1:-$default_data}")" "${2:-60000}" "${3:-2}" "${4:-5}" "${THREADS:-2}" 2> >(grep -v -E 'WARN|LegacyType' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
