#!/usr/bin/env bash
# Seconds and joules to 98% validation accuracy on full MNIST: a baseline and each training strategy (issue 5).
# Usage: [TARGET=0.98] [THREADS=2] bench/training-strategies.sh [MNIST_FOLDER] [MAX_EPOCHS] [VARIANT ...]   (default ../shared/data/mnist, 6)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-6}"
shift $(( $# > 2 ? 2 : $# ))
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Xmx4g -Dai.djl.pytorch.num_threads="${THREADS:-2}" -Dbench.target="${TARGET:-0.98}" \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.TrainingStrategiesBench "$mnist" "$epochs" "$@"
