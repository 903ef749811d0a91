#!/usr/bin/env bash
# How repeatable a run's energy figure is (issue 11): the same spec and seed REPEATS times headless, then REPEATS
# times inside the workbench window while its live charts draw; prints each run's joules and the coefficient of
# variation of each set. Goal on a quiet machine: CV <= 5% headless, <= 10% with the window.
#   bench/energy-noise.sh [SPEC] [REPEATS] [WARMUPS]  default bench/energy-noise-lenet.yaml, 5, 4
#   bench/energy-noise.sh --display ...         the window on the real display (or under xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."
FX_OPTS=(-Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless
         -Djava.awt.headless=true)
if [[ "${1:-}" == "--display" ]]; then
  FX_OPTS=()
  shift
fi
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -Xmx2g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Djavafx.cachedir=target/openjfx-cache \
  "${FX_OPTS[@]}" -cp "$CP" dev.verdant.app.EnergyNoiseBench "${1:-bench/energy-noise-lenet.yaml}" "${2:-5}" "${3:-4}"
