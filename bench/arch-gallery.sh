#!/usr/bin/env bash
# The compact-architecture gallery on Fashion-MNIST (or MNIST): each architecture trained for a fixed budget of
# epochs at one width, then measured as deployed (params, FLOPs, latency at batch 1 and 64, inference joules per 1k
# samples, accuracy), with a teaching note per block; then the early-exit threshold curve of one network.
# Usage: bench/arch-gallery.sh [DATA_FOLDER] [EPOCHS] [LIMIT] [EXTRA verdant arch compare OPTIONS...]
#   DATA_FOLDER  Fashion-MNIST IDX folder (default: /work/shared/data/fashion-mnist when present, else
#                /work/shared/data/mnist read as MNIST); the folder name decides fashion-mnist or mnist
#   EPOCHS       training epochs per architecture (default 2)
#   LIMIT        training samples used (default: all 60,000; give e.g. 6000 for a reduced run)
# Prints Markdown tables (the ones in docs/compact-networks.md), then the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-}"
if [[ -z "$data" ]]; then
  if [[ -d /work/shared/data/fashion-mnist ]]; then data=/work/shared/data/fashion-mnist
  else data=/work/shared/data/mnist; fi
fi
epochs="${2:-2}"
limit="${3:-}"
shift $(( $# > 3 ? 3 : $# )) || true
case "$(basename "$data")" in
  *fashion*) name=fashion-mnist ;;
  *) name=mnist ;;
esac
[[ -f target/verdant.jar ]] || mvn -q -B -o -DskipTests package
args=(arch compare --dataset "$name" --path "$data" --epochs "$epochs" --exits 1 --markdown
      --archs dscnn,squeezenet,mobilenetv2,shufflenet,ghostnet,vit-tiny)
[[ -n "$limit" ]] && args+=(--limit "$limit")
echo "dataset: $name from $data, $epochs epochs per architecture${limit:+, first $limit training samples}"
java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -jar target/verdant.jar "${args[@]}" "$@"
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
