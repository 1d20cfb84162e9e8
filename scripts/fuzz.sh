#!/usr/bin/env bash
# Builds a libFuzzer target with clang (fuzzer + ASan + UBSan) and runs it for a fixed budget.
# Exit 0 = no crash found.
#   scripts/fuzz.sh [SECONDS] [csv|project|model]   (defaults: 30, csv; scripts/test.sh runs all three)
#   csv:     the CSV reader, type inference and column stats; corpus from the conformance fixtures
#   project: the project-file loader (JSON + every section); corpus from the sample projects
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
target="${2:-csv}"
out=build-fuzz
includes=()
maxlen=4096 # covers multi-line records
mkdir -p "$out/corpus-$target"
common=(engine/core/Error.cpp engine/core/Json.cpp engine/data/CellParsers.cpp engine/data/DataSpec.cpp
        engine/data/CsvReader.cpp engine/data/CsvScanner.cpp engine/data/Table.cpp)
case "$target" in
  csv)
    cp tests/fixtures/csv/*.csv tests/fixtures/csv/*.tsv "$out/corpus-$target/" 2>/dev/null || true
    sources=("${common[@]}" engine/data/ColumnStats.cpp engine/data/Schema.cpp fuzz/fuzz_csv_reader.cpp)
    name=fuzz_csv_reader ;;
  project)
    cp fuzz/corpus-project/*.layerlab "$out/corpus-$target/"
    sources=("${common[@]}" engine/io/Project.cpp engine/io/AtomicFile.cpp engine/nn/NetworkSpec.cpp
             engine/nn/Activation.cpp engine/train/TrainSettings.cpp engine/train/Loss.cpp
             engine/train/Optimizer.cpp engine/train/Schedule.cpp engine/nn/Kernels.cpp
             engine/train/RunHistory.cpp engine/train/RunRecord.cpp engine/model/ModelFile.cpp engine/model/ModelJson.cpp engine/io/FloatCodec.cpp
             engine/data/Preprocessor.cpp engine/data/ColumnEncoder.cpp engine/data/DerivedColumns.cpp
             engine/data/Schema.cpp engine/data/ColumnStats.cpp engine/nn/Network.cpp engine/nn/DenseLayer.cpp engine/nn/EmbeddingLayer.cpp
             engine/nn/DropoutLayer.cpp engine/nn/RecurrentLayer.cpp engine/nn/RecurrentCell.cpp
             engine/data/CharacterEncoder.cpp engine/core/Rng.cpp fuzz/fuzz_project_loader.cpp)
    name=fuzz_project_loader ;;
  model)
    cp fuzz/corpus-model/* "$out/corpus-$target/"
    sources=("${common[@]}" engine/io/AtomicFile.cpp engine/io/FloatCodec.cpp engine/nn/NetworkSpec.cpp engine/nn/Activation.cpp
             engine/nn/Kernels.cpp engine/nn/Network.cpp engine/nn/DenseLayer.cpp engine/nn/EmbeddingLayer.cpp
             engine/nn/DropoutLayer.cpp engine/nn/RecurrentLayer.cpp engine/nn/RecurrentCell.cpp
             engine/data/CharacterEncoder.cpp engine/core/Rng.cpp engine/train/Loss.cpp engine/model/ModelFile.cpp
             engine/model/ModelJson.cpp engine/data/Preprocessor.cpp engine/data/ColumnEncoder.cpp
             engine/data/DerivedColumns.cpp engine/data/Schema.cpp engine/data/ColumnStats.cpp
             exporters/CHeaderExporter.cpp exporters/RawInputs.cpp fuzz/fuzz_model_loader.cpp)
    includes=(-Iexporters)
    maxlen=16384
    name=fuzz_model_loader ;;
  *) echo "unknown fuzz target: $target (csv, project or model)" >&2; exit 2 ;;
esac
arch="$(gcc -dumpmachine)"
blas=(-I"/usr/include/$arch/openblas-pthread" -L"/usr/lib/$arch/openblas-pthread" -Wl,-rpath,"/usr/lib/$arch/openblas-pthread")
cxx=clang++
command -v ccache > /dev/null && cxx="ccache clang++"
$cxx -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iengine "${includes[@]}" -I/usr/include/eigen3 "${blas[@]}" -DEIGEN_DONT_PARALLELIZE "${sources[@]}" -lz -ltbb -lopenblas -lmuparser -o "$out/$name"
# -timeout flags any input that takes a second (a hang).
UBSAN_OPTIONS=halt_on_error=1 "$out/$name" "$out/corpus-$target" -max_total_time="$seconds" -max_len="$maxlen" \
  -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -n 12
