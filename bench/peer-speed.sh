#!/usr/bin/env bash
# Verdant against PyTorch eager (Debian's python3-torch with OpenBLAS) on the same data, network, batch size (128),
# optimiser (Adam 0.001) and thread count: MLP 784-256-128-10 and LeNet-5 on MNIST. Rounds are interleaved
# (Verdant, PyTorch, Verdant, PyTorch...), each a fresh process with one warm-up epoch and one timed epoch; medians
# and ratios are printed, then the fp32 GEMM rate through DJL and through numpy and the share of it each loop reaches,
# then each loop once more beside a busy process (one spinning core) with the ratio to its quiet speed.
# Usage: bench/peer-speed.sh [MNIST_FOLDER] [ROUNDS] [LIMIT]
#   defaults: ../shared/data/mnist (or /work/shared/data/mnist), 5 rounds, all 60,000 training samples
#   THREADS=2 (intra-op threads on both sides), BUSY_ROUNDS=ROUNDS (rounds under contention), GEMM_N=2048
set -euo pipefail
cd "$(dirname "$0")/.."
default_data=../shared/data/mnist
[[ -d $default_data ]] || default_data=/work/shared/data/mnist
data="${1:-$default_data}"
rounds="${2:-5}"
limit="${3:-60000}"
threads="${THREADS:-2}"
busy_rounds="${BUSY_ROUNDS:-$rounds}"
gemm_n="${GEMM_N:-2048}"

# The peer: Debian's PyTorch 1.13 with the pthread OpenBLAS (without it numpy falls back to the reference BLAS).
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/ >/dev/null 2>&1; then
  sudo_=(); [[ $(id -u) -eq 0 ]] || sudo_=(sudo)
  "${sudo_[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
JAVA=(java -Xmx3g -Dai.djl.pytorch.num_threads="$threads" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)"
      dev.verdant.bench.PeerSpeedBench)
PY=(env OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 bench/peer-speed.py)
value() { awk -v k="$1" '$1 == k { print $2 }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $threads threads; limit $limit samples; $rounds rounds"
results=$(mktemp)
run_round() { # $1 = label (quiet|busy)
  for arch in mlp lenet5; do
    v=$("${JAVA[@]}" train "$arch" "$data" "$limit" | value samples_per_s)
    p=$("${PY[@]}" train "$arch" "$data" "$limit" "$threads" | value samples_per_s)
    echo "$1 $arch $v $p" | tee -a "$results"
  done
}
echo "condition arch verdant_samples_per_s pytorch_samples_per_s"
for ((r = 1; r <= rounds; r++)); do run_round quiet; done

djl_gflops=$("${JAVA[@]}" gemm "$gemm_n" | value gflops)
np_gflops=$("${PY[@]}" gemm "$gemm_n" "$threads" | value gflops)

# One core kept busy by a plain shell loop, as a window redraw or another program would.
( while :; do :; done ) &
busy=$!
trap 'kill $busy 2>/dev/null || true' EXIT
for ((r = 1; r <= busy_rounds; r++)); do run_round busy; done
kill "$busy"
trap - EXIT

/usr/bin/python3 - "$results" "$djl_gflops" "$np_gflops" "$gemm_n" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
djl, npy, n = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
# Training FLOPs per sample = 3 x forward (forward, input gradient, weight gradient), 2 FLOPs per multiply-add.
# MLP 784-256-128-10: 234,752 MACs forward. LeNet-5 (28x28, padded conv 6@5x5, conv 16@5x5, 400-120-84-10):
# 117,600 + 240,000 + 58,920 = 416,520 MACs forward. Pooling, activations and Adam are left out (small).
flops = {'mlp': 6 * 234752, 'lenet5': 6 * 416520}
med = {}
for cond in ('quiet', 'busy'):
    for arch in ('mlp', 'lenet5'):
        sel = [r for r in rows if r[0] == cond and r[1] == arch]
        if sel:
            med[cond, arch] = (statistics.median(float(r[2]) for r in sel), statistics.median(float(r[3]) for r in sel))
print(f"\nfp32 GEMM {n}^3: DJL/libtorch {djl:.1f} GFLOP/s, numpy/OpenBLAS {npy:.1f} GFLOP/s")
print(f"{'':8}{'arch':8}{'Verdant/s':>11}{'PyTorch/s':>11}{'ratio':>7}{'V %GEMM(djl)':>14}{'P %GEMM(numpy)':>16}")
for (cond, arch), (v, p) in med.items():
    print(f"{cond:8}{arch:8}{v:11,.0f}{p:11,.0f}{v / p:7.2f}{100 * v * flops[arch] / 1e9 / djl:13.1f}%"
          f"{100 * p * flops[arch] / 1e9 / npy:15.1f}%")
for arch in ('mlp', 'lenet5'):
    if ('busy', arch) in med and ('quiet', arch) in med:
        (vq, pq), (vb, pb) = med['quiet', arch], med['busy', arch]
        print(f"beside a busy core, {arch}: Verdant keeps {100 * vb / vq:.0f}% of its quiet speed, "
              f"PyTorch {100 * pb / pq:.0f}%; Verdant / PyTorch {vb / pb:.2f}")
PY
rm -f "$results"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
