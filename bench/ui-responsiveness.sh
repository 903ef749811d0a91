#!/usr/bin/env bash
# Prints the window's responsiveness figures (issues 7 and 20): launch time, FX pulse gaps during a live run with
# per-batch events, and one full redraw of a 10k-point chart; then, when Xvfb is installed, the real start of
# `java -jar target/verdant.jar` to its first drawn frame, with and without a class-data sharing archive.
#   bench/ui-responsiveness.sh            headless (Monocle, software rendering), like the tests
#   bench/ui-responsiveness.sh --display  on the real display (or under xvfb-run), default JavaFX pipeline
#   EPOCHS=30 bench/ui-responsiveness.sh  a longer live run
#   LAUNCHES=5 ...                        rounds of the real-start comparison (0 skips it; default 3)
#   BENCH_OPTS='-XX:+UseZGC' ...          JVM options for the window (e.g. another garbage collector)
#   OTHER=/path/to/checkout ...           also start that checkout's target/verdant.jar in each round (A/B, e.g.
#                                         main's build in another folder), with and without its own archive
#   TRACE=1 ...                           one more start that prints where its time went (-Dverdant.startupTrace)
#   LIVE=0 ...                            skip the headless live-run part (only the real start)
# The live run trains with the window's own settings (libtorch's default threads, one per core);
# before issue 20 this bench pinned one training thread, which is not what users run.
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
if [[ "${LIVE:-1}" != 0 ]]; then
# shellcheck disable=SC2086  # BENCH_OPTS is a list of options
java ${BENCH_OPTS:-} -Xmx2g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -Djavafx.cachedir=target/openjfx-cache "${FX_OPTS[@]}" -cp "$CP" dev.verdant.app.UiResponsivenessBench "${EPOCHS:-15}"
fi

# The real start: launcher, run store (SQLite), window, first drawn frame, measured by the app itself
# (-Dverdant.exitAfterFirstFrame); a fresh settings folder and store each time, as a first start.
launches=${LAUNCHES:-3}
if (( launches == 0 )) || ! command -v Xvfb >/dev/null; then
  echo "real start: skipped (LAUNCHES=0, or no Xvfb: apt-get install xvfb)"
  exit 0
fi
[[ -f target/verdant.jar ]] || mvn -o -q -B -DskipTests package
work=$(mktemp -d)
xvfb_pid=""
trap '[[ -n $xvfb_pid ]] && kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [[ -s $work/display ]] && break; sleep 0.1; done
export DISPLAY=:$(head -1 "$work/display")
start() { # $1: extra JVM options, $2: the jar (default target/verdant.jar); prints "wall cpu"
  local home
  home=$(mktemp -d -p "$work")
  # shellcheck disable=SC2086
  VERDANT_DB=$home/runs.db java $1 ${BENCH_OPTS:-} -Dverdant.config.dir="$home" -Dverdant.exitAfterFirstFrame=true \
    -jar "${2:-target/verdant.jar}" 2>&1 | sed -n 's/.*first frame \([0-9.]*\) s after JVM start (\([0-9.]*\) s CPU).*/\1 \2/p' \
    || true # a failed start (e.g. main's warm-up race under load) prints nothing and is left out of the medians
}
# the archive as installers/Package.java records it for the installed window: one start that exits at its first frame
jsa=$work/verdant.jsa
t0=$(date +%s%N)
start "-XX:ArchiveClassesAtExit=$jsa" >/dev/null
echo "real start: class-data sharing archive recorded in $(( ($(date +%s%N) - t0) / 1000000 )) ms, $(du -m "$jsa" | cut -f1) MB"
other=${OTHER:+$OTHER/target/verdant.jar}
if [[ -n $other ]]; then
  [[ -f $other ]] || { echo "OTHER=$OTHER has no target/verdant.jar (mvn -o -q -DskipTests package there)"; exit 1; }
  start "-XX:ArchiveClassesAtExit=$work/other.jsa" "$other" >/dev/null
fi
plain=() shared=() installed=() oplain=() oshared=()
for _ in $(seq "$launches"); do # interleaved: the machine's load changes from minute to minute
  plain+=("$(start "")")
  [[ -n $other ]] && oplain+=("$(start "" "$other")")
  shared+=("$(start "-XX:SharedArchiveFile=$jsa -Xshare:on")")
  installed+=("$(start "-XX:SharedArchiveFile=$jsa -Xshare:on -XX:TieredStopAtLevel=1")")
  [[ -n $other ]] && oshared+=("$(start "-XX:SharedArchiveFile=$work/other.jsa -Xshare:on" "$other")")
done
summary() { printf '%s\n' "$@" | grep . | sort -n | awk '{w[NR]=$1; c[NR]=$2} END {m=int((NR+1)/2);
  if (NR == 0) { print "no start reached its first frame"; exit }
  printf "median %.2f s (CPU %.2f s) over %d starts, all: ", w[m], c[m], NR; for (i=1;i<=NR;i++) printf "%s ", w[i]; print ""}'; }
echo "real start, java -jar target/verdant.jar to its first frame (GTK under Xvfb, load average $(cut -d' ' -f1 /proc/loadavg)):"
echo "  without an archive:  $(summary "${plain[@]}")"
echo "  with the archive:    $(summary "${shared[@]}")"
echo "  as installed (the archive and -XX:TieredStopAtLevel=1, installers/common/app-image.opts):"
echo "                       $(summary "${installed[@]}")"
if [[ -n $other ]]; then
  echo "  $OTHER, without an archive:  $(summary "${oplain[@]}")"
  echo "  $OTHER, with its archive:    $(summary "${oshared[@]}")"
fi
if [[ "${TRACE:-0}" != 0 ]]; then # where one start's time went, phase by phase, and each thread's CPU
  home=$(mktemp -d -p "$work")
  # shellcheck disable=SC2086
  VERDANT_DB=$home/runs.db java ${BENCH_OPTS:-} -Dverdant.config.dir="$home" -Dverdant.exitAfterFirstFrame=true \
    -Dverdant.startupTrace=true -jar target/verdant.jar 2>&1 | grep '^verdant-startup'
fi
