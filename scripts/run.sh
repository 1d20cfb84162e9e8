#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and open the workbench on a sample
# project. Extra arguments go to the app (e.g. another .layerlab file).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh build
project="${1:-samples/o2-noisy-bases/noisy-bases.layerlab}"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && "${QT_QPA_PLATFORM:-}" == "" ]]; then
  echo "run: no display found; starting the workbench on a virtual X display (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" ./build/app/gui/layerlab "$project"
fi
exec ./build/app/gui/layerlab "$project"
