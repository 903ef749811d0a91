#!/usr/bin/env bash
# Prints the window's responsiveness figures (issue 7): launch time, FX pulse gaps during a live run with
# per-batch events, and one full redraw of a 10k-point chart.
#   bench/ui-responsiveness.sh            headless (Monocle, software rendering), like the tests
#   bench/ui-responsiveness.sh --display  on the real display (or under xvfb-run), default JavaFX pipeline
#   EPOCHS=30 bench/ui-responsiveness.sh  a longer live run
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
FX_OPTS=(-Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless
         -Djava.awt.headless=true)
if [[ "${1:-}" == "--display" ]]; then
  FX_OPTS=()
fi
exec java ${BENCH_OPTS:-} -Xmx2g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1 \
  -Djavafx.cachedir=target/openjfx-cache "${FX_OPTS[@]}" -cp "$CP" dev.verdant.app.UiResponsivenessBench "${EPOCHS:-15}"
