#!/usr/bin/env bash
# Resident memory after each epoch of a LeNet-5 run (flat within +-5% is the goal once the data is staged).
# Usage: bench/rss-per-epoch.sh [DATASET] [FOLDER] [LIMIT] [EPOCHS]   (defaults: mnist ../shared/data/mnist 60000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
default_data=../shared/data/mnist
[[ -d $default_data ]] || default_data=/work/shared/data/mnist
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-2}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.verdant.bench.RssBench "${1:-mnist}" "${2:-$default_data}" "${3:-60000}" "${4:-20}" 2> >(grep -v -E 'WARN|LegacyType' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
