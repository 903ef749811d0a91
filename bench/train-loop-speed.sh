#!/usr/bin/env bash
# Verdant's training loop against bare DJL loops: MLP 784-256-128-10, batch 128, Adam, full MNIST.
# Usage: bench/train-loop-speed.sh [MNIST_FOLDER] [ROUNDS]   (default ../shared/data/mnist, 5 rounds; medians printed)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
rounds="${2:-5}"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.TrainLoopBench "$mnist" "$rounds"
