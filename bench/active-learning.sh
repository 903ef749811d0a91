#!/usr/bin/env bash
# Label saving of active learning (issue 15): margin and entropy sampling against random sampling, same MLP, same
# seed set, same budget, SEEDS seeds each. Prints, per strategy, the mean validation accuracy after each round and
# cumulative joules (query cost included), then the labels margin/entropy need to reach random's final accuracy
# (the label saving; goal >= 30%) and the joules they spend to get there.
# Usage: [SEEDS=3] [STRATEGIES="random margin entropy"] [LIMIT=60000] [INITIAL=100] [PER_ROUND=100] [ROUNDS=10]
#        [EPOCHS_PER_ROUND=3] [POOL_LIMIT=10000] [THREADS=1]
#        bench/active-learning.sh [DATA_FOLDER] [mnist|fashion-mnist]      (default /work/shared/data/mnist, mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(realpath "${1:-/work/shared/data/mnist}")"
name="${2:-mnist}"
seeds="${SEEDS:-3}"
strategies="${STRATEGIES:-random margin entropy}"
mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes" # a snapshot: a rebuild during the bench cannot pull classes from under it
cp="$work/classes:$(cat target/bench.classpath)"
echo "active learning on $name ($data): seeds $seeds, strategies $strategies; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for seed in $(seq 1 "$seeds"); do
  for s in $strategies; do   # interleaved: strategies share the machine's noise within each seed
    cat > "$work/$s-$seed.yaml" <<YAML
name: al-$s-$seed
seed: $seed
dataset: {name: $name, path: "$data", limit: ${LIMIT:-60000}}
model: {arch: mlp, hidden: [256, 128]}
training: {batchSize: 32, optimizer: adam, learningRate: 0.001}
device: cpu
activeLearning:
  strategy: $s
  initial: ${INITIAL:-100}
  perRound: ${PER_ROUND:-100}
  rounds: ${ROUNDS:-10}
  retrain: continue
  epochsPerRound: ${EPOCHS_PER_ROUND:-3}
  poolLimit: ${POOL_LIMIT:-10000}
YAML
    start=$(date +%s)
    java -Xmx4g -Dai.djl.pytorch.num_threads="${THREADS:-1}" -cp "$cp" dev.verdant.Main run "$work/$s-$seed.yaml" \
      --no-store --quiet --out "$work/$s-$seed.json" >/dev/null
    echo "  $s seed $seed: $(( $(date +%s) - start )) s"
  done
done
/usr/bin/python3 - "$work" "$seeds" $strategies <<'PY'
import json, sys, statistics as st
work, seeds, strategies = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
curves, method = {}, None
for s in strategies:
    runs = [json.load(open(f"{work}/{s}-{k}.json")) for k in range(1, seeds + 1)]
    method = runs[0]["final"].get("energyMethod")
    n = min(len(r["rounds"]) for r in runs)
    curves[s] = [(runs[0]["rounds"][i]["labelled"],
                  st.mean(r["rounds"][i]["valAccuracy"] for r in runs),
                  st.pstdev(r["rounds"][i]["valAccuracy"] for r in runs),
                  st.mean(r["rounds"][i]["cumulativeEnergyJoules"] for r in runs),
                  st.mean(sum(x["queryJoules"] for x in r["rounds"][:i + 1]) for r in runs)) for i in range(n)]
print(f"\nmean over {seeds} seeds; joules {method} (delivered model of each round; queries included)")
print(f"{'strategy':<17}{'labels':>7}{'val acc':>9}{'+-sd':>7}{'cum J':>9}{'query J':>9}")
for s, c in curves.items():
    for labels, acc, sd, joules, q in c:
        print(f"{s:<17}{labels:>7}{acc:>9.4f}{sd:>7.4f}{joules:>9.1f}{q:>9.1f}")
if "random" in curves:
    labels_r, target, _, joules_r, _ = curves["random"][-1]
    print(f"\nrandom's final accuracy {target:.4f} with {labels_r} labels, {joules_r:.1f} J")
    for s, c in curves.items():
        if s == "random":
            continue
        hit = next((row for row in c if row[1] >= target), None)
        if hit is None:
            print(f"{s:<17}never reached it within {c[-1][0]} labels (final {c[-1][1]:.4f})")
        else:
            print(f"{s:<17}reached it with {hit[0]} labels: label saving {100 * (1 - hit[0] / labels_r):.0f}%, "
                  f"{hit[3]:.1f} J to get there ({100 * (1 - hit[3] / joules_r):.0f}% fewer joules than random's run)")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
