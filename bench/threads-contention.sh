#!/usr/bin/env bash
# Intra-op threads 1 against 2 for one network, Verdant and PyTorch eager, quiet and beside one spinning core.
# Each measurement is a fresh process (one warm-up epoch, one timed epoch, as bench/peer-speed.sh); within a round
# the four runs (Verdant 1, Verdant 2, PyTorch 1, PyTorch 2) follow each other, so every ratio is taken in the same
# minutes. Prints one line per run and the medians per condition.
# Usage: bench/threads-contention.sh [MNIST_FOLDER] [ROUNDS] [LIMIT] [ARCH]   (defaults: shared mnist, 3, 8000, lenet5)
#   CONDITIONS="quiet busy" (which conditions, in order)
set -euo pipefail
source "$(dirname "$0")/common.sh"
data="${1:-$default_data}"
rounds="${2:-3}"
limit="${3:-8000}"
arch="${4:-lenet5}"
conditions="${CONDITIONS:-quiet busy}"
bench_classpath
value() { awk -v k="$1" '$1 == k { print $2 }'; }
verdant() { java -Xmx3g -Dai.djl.pytorch.num_threads="$1" -cp "$CP" dev.verdant.bench.PeerSpeedBench train "$arch" "$data" "$limit" | value samples_per_s; }
pytorch() { env OMP_NUM_THREADS="$1" OPENBLAS_NUM_THREADS="$1" /usr/bin/python3 bench/peer-speed.py train "$arch" "$data" "$limit" "$1" | value samples_per_s; }
results=$(mktemp)
busy=
trap '[[ -n $busy ]] && kill $busy 2>/dev/null; rm -f "$results"' EXIT
echo "condition round verdant_1t verdant_2t pytorch_1t pytorch_2t load1"
for cond in $conditions; do
  if [[ $cond == busy ]]; then ( while :; do :; done ) & busy=$!; fi
  for ((r = 1; r <= rounds; r++)); do
    v1=$(verdant 1); v2=$(verdant 2); p1=$(pytorch 1); p2=$(pytorch 2)
    echo "$cond $r $v1 $v2 $p1 $p2 $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
  done
  if [[ -n $busy ]]; then kill "$busy"; wait "$busy" 2>/dev/null || true; busy=; fi
done
/usr/bin/python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for cond in dict.fromkeys(r[0] for r in rows):
    sel = [r for r in rows if r[0] == cond]
    v1, v2, p1, p2 = (statistics.median(float(r[i]) for r in sel) for i in (2, 3, 4, 5))
    print(f"{cond}: medians Verdant 1t {v1:,.0f} 2t {v2:,.0f} (2t/1t {v2 / v1:.2f}); "
          f"PyTorch 1t {p1:,.0f} 2t {p2:,.0f} (2t/1t {p2 / p1:.2f}); "
          f"V/P best-of-each {max(v1, v2) / max(p1, p2):.2f}, at 2t {v2 / p2:.2f}")
PY
