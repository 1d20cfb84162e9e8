#!/usr/bin/env bash
# Configures and builds LayerLab with CMake + Ninja (ccache when present).
#   scripts/build.sh [BUILD_DIR] [extra cmake -D options...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
shift || true
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
else
  cmake -S . -B "$dir" "$@" > /dev/null
fi
cmake --build "$dir" --parallel "$(nproc)"
