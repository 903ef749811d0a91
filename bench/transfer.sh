#!/usr/bin/env bash
# Transfer and few-shot (issue 15): pre-train LeNet-5 on digits 0-4 of MNIST, transfer to digits 5-9 with 1, 5 and
# 10 shots per class (linear probe and fine-tune-last), against the same network from scratch on the same shots
# (each transfer run's own comparison) and from scratch on all the 5-9 training data. Accuracy on the 5-9 test
# images and joules of each, plus the pre-training's joules that every transfer reuses.
# Few-shot runs take 1-2 optimiser steps per epoch: they need many epochs or a higher learning rate (LR).
# Usage: [SHOTS="1 5 10"] [LR=0.01] [PRETRAIN_LIMIT=60000] [PRETRAIN_EPOCHS=3] [EPOCHS=20] [FULL_EPOCHS=3] [THREADS=1]
#        bench/transfer.sh [MNIST_FOLDER]      (default /work/shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(realpath "${1:-/work/shared/data/mnist}")"
mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes" # a snapshot: a rebuild during the bench cannot pull classes from under it
cp="$work/classes:$(cat target/bench.classpath)"
db="$work/bench.db"
verdant() { java -Xmx4g -Dai.djl.pytorch.num_threads="${THREADS:-1}" -cp "$cp" dev.verdant.Main "$@"; }
echo "transfer on MNIST ($data); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
spec() { # name classes epochs limit extra-yaml learning-rate
  cat > "$work/$1.yaml" <<YAML
name: $1
seed: 42
dataset: {name: mnist, path: "$data", classes: $2, limit: $4}
model: {arch: lenet5}
training: {epochs: $3, batchSize: 32, optimizer: adam, learningRate: $6}
device: cpu
$5
YAML
  verdant run "$work/$1.yaml" --db "$db" --quiet --out "$work/$1.json" >/dev/null
}
spec pretrain "[0, 1, 2, 3, 4]" "${PRETRAIN_EPOCHS:-3}" "${PRETRAIN_LIMIT:-60000}" "" 0.001
from=$(/usr/bin/python3 -c "import json; print(json.load(open('$work/pretrain.json'))['id'])")
for k in ${SHOTS:-1 5 10}; do
  # the linear probe's run also trains the same network from scratch on the same shots (its comparison)
  spec "linear-probe-$k" "[5, 6, 7, 8, 9]" "${EPOCHS:-20}" 60000 \
    "transfer: {from: $from, mode: linear-probe, shots: $k, compareEpochs: ${EPOCHS:-20}}" "${LR:-0.01}"
  spec "fine-tune-last-$k" "[5, 6, 7, 8, 9]" "${EPOCHS:-20}" 60000 \
    "transfer: {from: $from, mode: fine-tune-last, shots: $k, compareEpochs: 0}" "${LR:-0.01}"
done
spec scratch-full "[5, 6, 7, 8, 9]" "${FULL_EPOCHS:-3}" 60000 "" 0.001
/usr/bin/python3 - "$work" ${SHOTS:-1 5 10} <<'PY'
import json, sys
work, shots = sys.argv[1], sys.argv[2:]
load = lambda n: json.load(open(f"{work}/{n}.json"))
pre = load("pretrain")
f = pre["final"]
print(f"\npre-training on 0-4: accuracy {f['accuracy']:.4f} (0-4 test), {f['energyJoules']:.1f} J ({f['energyMethod']}); "
      "reused by every transfer below")
print(f"{'on 5-9 (test accuracy)':<34}{'samples':>8}{'accuracy':>10}{'own J':>9}{'J incl. pre-training':>22}")
for k in shots:
    for mode in ["linear-probe", "fine-tune-last"]:
        r = load(f"{mode}-{k}"); t = r["transfer"]
        print(f"{mode + ', ' + k + ' shots':<34}{t['trainSamples']:>8}{t['transferAccuracy']:>10.4f}"
              f"{t['transferJoules']:>9.1f}{t['transferJoules'] + (t['pretrainJoules'] or 0):>22.1f}")
    t = load(f"linear-probe-{k}")["transfer"]
    same = t["scratchJoulesToSameAccuracy"]
    print(f"{'from scratch, ' + k + ' shots':<34}{t['trainSamples']:>8}{t['scratchAccuracy']:>10.4f}"
          f"{t['scratchJoules']:>9.1f}{'':>22}   (to the probe's accuracy: "
          f"{'never in %d epochs' % t['scratchEpochs'] if same is None else '%.1f J' % same})")
full = load("scratch-full")["final"]
print(f"{'from scratch, all 5-9 data':<34}{'all':>8}{full['accuracy']:>10.4f}{full['energyJoules']:>9.1f}")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
