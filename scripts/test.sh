#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run every test through CTest:
# first the normal build, then the AddressSanitizer + UndefinedBehaviorSanitizer build.
#   LAYERLAB_SKIP_SANITIZED=1 scripts/test.sh   runs only the normal suite
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen
jobs="$(nproc)"

echo "== build and test (Release)"
./scripts/build.sh build
ctest --test-dir build --output-on-failure --parallel "$jobs"

if [[ "${LAYERLAB_SKIP_SANITIZED:-0}" != "1" ]]; then
  echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer)"
  ./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAYERLAB_SANITIZE=ON
  # Leak checking stays on; suppressions cover only leaks inside system libraries.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
  LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure --parallel "$jobs"
fi
echo "== all tests passed"
