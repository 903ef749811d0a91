#!/usr/bin/env bash
# Cluster mode (issue 14): a coordinator (SQLite store) and `verdant worker` JVMs on 127.0.0.1. Prints the dispatch
# overhead per trial (goal < 100 ms), the p95 delay from a worker's epoch end to the coordinator's listener
# (goal < 500 ms), and trials/hour with 1 and 2 workers. On one machine the two workers share its cores, so the
# 2-worker figure shows the cluster's own cost, not a speed-up; run workers on separate machines for that.
#   bench/cluster.sh [TRIALS] [EPOCHS]   default 6 trials of 2 epochs (built-in digits, the default MLP)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
# a snapshot of the classes, so a rebuild while the bench runs cannot pull them from under the JVMs
SNAP="$(mktemp -d)"
trap 'rm -rf "$SNAP"' EXIT
cp -r target/classes "$SNAP/classes"
cp -r target/test-classes "$SNAP/test-classes"
CP="$SNAP/test-classes:$SNAP/classes:$(cat target/bench.classpath)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1 -cp "$CP" \
  dev.verdant.cluster.ClusterBench "${1:-6}" "${2:-2}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
