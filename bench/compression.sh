#!/usr/bin/env bash
# Compression of LeNet-300-100 (mlp [300, 100]) on full MNIST: magnitude pruning to 90% and 95% with retraining,
# int8 and int4 post-training quantisation, structured pruning of 50%; each measured like a run's steps.
# Usage: bench/compression.sh [MNIST_FOLDER] [TRAIN_EPOCHS]   (default ../shared/data/mnist, 5 epochs)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-5}"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Xmx4g -Dai.djl.pytorch.num_threads=1 -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.CompressionBench "$mnist" "$epochs"
