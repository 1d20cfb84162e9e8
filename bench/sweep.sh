#!/usr/bin/env bash
# Concurrent trials (issue 21): 8 trials of the 20-64-64-2 net (plain SGD, batch 32, 5 epochs on
# 96,000 training rows of a generated 160,000-row CSV), `layerlab-cli sweep --parallel K` for K =
# 1, 2, 4, 8, 16 in ROUNDS interleaved rounds; prints the median wall time per K and its speed-up
# over K = 1, and checks that every K wrote the same models.
#   bench/sweep.sh [ROUNDS] [CLI]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
cli="${2:-build/app/cli/layerlab-cli}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work/d20.csv" <<'PY'
import random, sys
random.seed(5)
with open(sys.argv[1], "w") as f:
    f.write(",".join("x%d" % i for i in range(20)) + ",y\n")
    for _ in range(160000):
        xs = [random.uniform(-1, 1) for _ in range(20)]
        f.write(",".join("%.4f" % v for v in xs) + "," + ("a" if xs[0] * xs[1] + 0.3 * xs[2] > 0 else "b") + "\n")
PY
declare -A times
for round in $(seq "$rounds"); do
  for k in 1 2 4 8 16; do
    start=$(date +%s.%N)
    "$cli" sweep --data "$work/d20.csv" --target y --hidden 64,64 --batch 32 --optimizer sgd --epochs 5 \
      --grid seed=1,2,3,4,5,6,7,8 --parallel "$k" --out "$work/k$k" > /dev/null
    end=$(date +%s.%N)
    times[$k]+="$(echo "$end - $start" | bc) "
  done
done
for k in 2 4 8 16; do
  for t in 1 2 3 4 5 6 7 8; do cmp -s "$work/k1/trial-000$t.llmodel" "$work/k$k/trial-000$t.llmodel" || { echo "K=$k trial $t differs" >&2; exit 1; }; done
done
one=$(echo ${times[1]} | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "| trials at once | median wall time (s) | speed-up over 1 | all runs (s) |"
echo "|---|---|---|---|"
for k in 1 2 4 8 16; do
  med=$(echo ${times[$k]} | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf "| %s | %.2f | %.2f | %s |\n" "$k" "$med" "$(echo "$one / $med" | bc -l)" "${times[$k]}"
done
