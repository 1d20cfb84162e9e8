#!/usr/bin/env bash
# One command for the whole peer comparison, every peer in the same invocation on this machine:
#   bench/run.sh [ROUNDS] [REPEATS]
# Installs the peers (Debian packages), builds bench_dense, runs LayerLab, matrix products alone
# (Eigen, OpenBLAS), FANN, dlib and PyTorch at 1 and 2 threads, the CSV reader against pandas,
# and writes bench/results.jsonl
# and bench/results.md (the table for bench/README.md).
# The dense and GRU peers run in ROUNDS interleaved rounds (each REPEATS epochs after a warm-up):
# this shared machine drifts by 10-30 % over minutes, and interleaving puts every peer under the
# same drift; table.py takes the median over all rounds and shows the spread of per-round ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
repeats="${2:-3}"
./scripts/install-deps.sh --bench
./scripts/build.sh build-bench -DLAYERLAB_BUILD_BENCH=ON
bin=build-bench/bench/bench_dense
out=bench/results.jsonl
: > "$out"
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds" >&2
  for t in 1 2; do
    "$bin" --peer layerlab --threads "$t" --repeats "$repeats" | tee -a "$out"
    OMP_NUM_THREADS="$t" /usr/bin/python3 bench/bench_torch.py "$t" "$repeats" | tee -a "$out"
    OPENBLAS_NUM_THREADS="$t" OMP_NUM_THREADS="$t" "$bin" --peer dlib --threads "$t" --repeats "$repeats" | tee -a "$out"
  done
  # The largest net's products alone at 1 and 2 threads, in the same round: the ceiling of its
  # 2t ÷ 1t scaling.
  for t in 1 2; do
    "$bin" --peer blas-gemm --threads "$t" --repeats "$repeats" --net 1024-2048 | tee -a "$out"
  done
  # FANN is the best peer on the small nets: it joins every round there (it takes minutes per
  # epoch on the large ones, measured once below).
  for net in 2-8-8-1 20-64-64-2; do
    "$bin" --peer fann --threads 1 --repeats "$repeats" --net "$net" | tee -a "$out"
  done
  # Graphs: a residual MLP against the chain of the same depth and their products alone.
  for t in 1 2; do
    build-bench/bench/bench_residual --threads "$t" --repeats "$repeats" | tee -a "$out"
  done
  # Recurrent: a GRU (20 steps, 64 units, batch 64) against PyTorch's GRU.
  for t in 1 2; do
    build-bench/bench/bench_gru "$t" "$repeats" | tee -a "$out"
    OMP_NUM_THREADS="$t" /usr/bin/python3 bench/bench_gru_torch.py "$t" "$repeats" | tee -a "$out"
  done
done
for net in 784-256 1024-2048; do
  "$bin" --peer fann --threads 1 --repeats "$repeats" --net "$net" | tee -a "$out"
done
"$bin" --peer eigen-gemm --threads 1 --repeats "$repeats" | tee -a "$out"
"$bin" --peer blas-gemm --threads 1 --repeats "$repeats" | tee -a "$out"
# CSV loading: the 210k-row league file, LayerLab's reader against pandas' C parser.
league=../shared/data/nba/nba-2016-17-shots.csv
if [[ -f "$league" ]]; then
  build-bench/bench/bench_csv "$league" "$repeats" | tee -a "$out"
  /usr/bin/python3 bench/bench_csv_pandas.py "$league" "$repeats" | tee -a "$out"
fi
# The cost of watching: throughput with every live view vs headless, event-loop lateness, Stop.
if [[ -x build-bench/bench/bench_live_views ]]; then # built when the GUI is (the default)
  build-bench/bench/bench_live_views 5 200 2>/dev/null | tee -a "$out"
fi
/usr/bin/python3 bench/table.py "$out" > bench/results.md
cat bench/results.md
