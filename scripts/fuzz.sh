#!/usr/bin/env bash
# Builds a libFuzzer target with clang (fuzzer + ASan + UBSan) through CMake (fuzz/CMakeLists.txt)
# and runs it for a fixed budget.
# Exit 0 = no crash found.
#   scripts/fuzz.sh [SECONDS] [csv|project|model|gzip|metrics]   (defaults: 30, csv; scripts/test.sh runs all five)
#   csv:     the CSV reader, type inference and column stats; corpus from the conformance fixtures
#   project: the project-file loader (JSON + every section); corpus from the sample projects
#   model:   the model loader (.llmodel and JSON), a forward pass and the C header; corpus in fuzz/
#   gzip:    CSV text compressed and cut at any offset: whole reads as the text, any cut is refused
#   metrics: held-out metrics and the Judge over NaN, ±inf, ties and huge outputs
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
target="${2:-csv}"
out=build-fuzz
maxlen=4096 # covers multi-line records
mkdir -p "$out/corpus-$target"
case "$target" in
  csv)     cp tests/fixtures/csv/*.csv tests/fixtures/csv/*.tsv "$out/corpus-$target/" 2>/dev/null || true ;;
  project) cp fuzz/corpus-project/*.layerlab fuzz/corpus-project/*.llckpt "$out/corpus-$target/" ;;
  model)   cp fuzz/corpus-model/* "$out/corpus-$target/"; maxlen=16384 ;;
  gzip)    cp tests/fixtures/csv/*.csv "$out/corpus-$target/" 2>/dev/null || true ;;
  metrics) printf '\x02\x00\x01\x00\x00\x80\x3f\x01\x00\x00\x00\x00\x00' > "$out/corpus-$target/seed" ;;
  *) echo "unknown fuzz target: $target (csv, project, model, gzip or metrics)" >&2; exit 2 ;;
esac
case "$target" in
  csv)     name=fuzz_csv_reader ;;
  gzip)    name=fuzz_gzip_reader ;;
  metrics) name=fuzz_metrics ;;
  *)       name="fuzz_${target}_loader" ;;
esac
# One CMake build for all three targets (fuzz/CMakeLists.txt): the engine is compiled once.
if [[ ! -f "$out/build.ninja" ]]; then
  # Assertions stay on (Eigen's bounds checks are part of what the fuzzer can trip).
  cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DLAYERLAB_FUZZ=ON > /dev/null
fi
cmake --build "$out" --target "$name" --parallel "$(nproc)"
# -timeout flags any input that takes a second (a hang).
UBSAN_OPTIONS=halt_on_error=1 "$out/fuzz/$name" "$out/corpus-$target" -max_total_time="$seconds" -max_len="$maxlen" \
  -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -n 12
