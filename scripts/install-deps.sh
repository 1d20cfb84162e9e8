#!/usr/bin/env bash
# Installs the Debian 12 packages LayerLab needs, and only those that are missing.
# Idempotent: a second run installs nothing. Run as root (or with sudo available).
#   scripts/install-deps.sh          build + test + GUI dependencies
#   scripts/install-deps.sh --bench  also the peers that bench/ compares against
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # engine: Eigen + oneTBB; OpenBLAS (pthread build, pinned to one thread per call) for the large matrix products
  libeigen3-dev libtbb-dev libopenblas-pthread-dev zlib1g-dev
  # data: derived-column formulas (muParser); libcsv as the CSV test oracle; clang + libFuzzer for the reader's fuzz target
  libmuparser-dev libcsv-dev clang libclang-rt-14-dev
  # exports: ONNX through Debian's libonnx + protobuf
  libonnx-dev libprotobuf-dev
  # GUI and its tests (offscreen platform is in libqt6gui6; xvfb for screenshots)
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev qt6-qpa-plugins xvfb xauth
)
# The export test runs our ONNX files in ONNX Runtime for Node (npm): Debian's node + npm, unless
# this machine already has a node with npm (another packaging of nodejs would clash with Debian's npm).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3 python3-torch python3-numpy python3-pandas libfann-dev libdlib-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
