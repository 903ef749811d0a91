#!/usr/bin/env bash
# Measures the energy sampler thread's CPU cost: runs the meter (default probe chain of this machine) at
# 10 Hz for ~20 s and prints the sampler thread's CPU time as % of one core. Target: <= 1%.
# Usage: bench/energy-sampler-overhead.sh [seconds=20] [hz=10]   (from the repository root; builds offline)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -B compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/EnergySamplerOverhead.java "${1:-20}" "${2:-10}"
