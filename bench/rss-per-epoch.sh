#!/usr/bin/env bash
# Resident memory after each epoch of a LeNet-5 run (flat within +-5% is the goal once the data is staged).
# Usage: bench/rss-per-epoch.sh [DATASET] [FOLDER] [LIMIT] [EPOCHS]   (defaults: mnist ../shared/data/mnist 60000 20)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_classpath
echo "load average before: $(load)"
java -Xmx2g -Dai.djl.pytorch.num_threads="${THREADS:-2}" -cp "$CP" \
  dev.verdant.bench.RssBench "${1:-mnist}" "${2:-$default_data}" "${3:-60000}" "${4:-20}" 2> >(grep -v -E 'WARN|LegacyType' >&2)
echo "load average after: $(load)"
