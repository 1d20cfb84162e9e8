#!/usr/bin/env bash
# Builds the CSV reader's libFuzzer target with clang (fuzzer + ASan + UBSan) and runs it for a
# fixed budget, its corpus seeded from the conformance fixtures. Exit 0 = no crash found.
#   scripts/fuzz.sh [SECONDS]      (default 30; scripts/test.sh runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
out=build-fuzz
mkdir -p "$out/corpus"
cp tests/fixtures/csv/*.csv tests/fixtures/csv/*.tsv "$out/corpus/" 2>/dev/null || true
sources=(engine/core/Error.cpp engine/core/Json.cpp engine/data/CellParsers.cpp engine/data/ColumnStats.cpp
         engine/data/CsvReader.cpp engine/data/CsvScanner.cpp engine/data/DataSpec.cpp engine/data/Schema.cpp
         engine/data/Table.cpp fuzz/fuzz_csv_reader.cpp)
cxx=clang++
command -v ccache > /dev/null && cxx="ccache clang++"
$cxx -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iengine "${sources[@]}" -lz -o "$out/fuzz_csv_reader"
# -max_len covers multi-line records; -timeout flags any input that takes a second (a hang).
UBSAN_OPTIONS=halt_on_error=1 "$out/fuzz_csv_reader" "$out/corpus" -max_total_time="$seconds" -max_len=4096 \
  -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -n 12
