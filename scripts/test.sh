#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run every test through CTest:
# the normal build, then the AddressSanitizer + UndefinedBehaviorSanitizer build, then the
# trainer's threading test under ThreadSanitizer, then the CSV reader's, project loader's and model loader's libFuzzer targets for 30 s each,
# and the gzip path's and the metrics' for 20 s each.
#   LAYERLAB_SKIP_SANITIZED=1 scripts/test.sh   runs only the normal suite
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen
jobs="$(nproc)"
sanitizer_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG")

echo "== build and test (Release)"
./scripts/build.sh build
ctest --test-dir build --output-on-failure --parallel "$jobs"

if [[ "${LAYERLAB_SKIP_SANITIZED:-0}" != "1" ]]; then
  echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer)"
  # -O1 -g1 (line tables only): the sanitizers' usual level, and about half the compile time of
  # -O2 -g on the Eigen-heavy files (45 s -> 22 s for the recurrent layer), which is most of a
  # cold CI run; the stack traces keep their file:line.
  ./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAYERLAB_SANITIZE=ON "${sanitizer_flags[@]}"
  # Leak checking stays on; suppressions cover only leaks inside system libraries.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
  LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure --parallel "$jobs"
fi
if [[ "${LAYERLAB_SKIP_SANITIZED:-0}" != "1" ]]; then
  # Only the trainer's controls (stop, pause, step, settings from another thread) and the
  # background run the GUI's controller drives (its thread, staging area and snapshots) run under TSan:
  # Debian's libtbb is not instrumented, so TSan cannot see TBB's own synchronization and reports
  # false races inside its task pool for any test whose products fan out over TBB.
  echo "== trainer and background-run threading tests (ThreadSanitizer)"
  if [[ ! -f build-tsan/build.ninja ]]; then
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAYERLAB_TSAN=ON -DLAYERLAB_BUILD_GUI=OFF "${sanitizer_flags[@]}"
  fi
  cmake --build build-tsan --target test_trainer test_background_run --parallel "$jobs"
  TSAN_OPTIONS="halt_on_error=1:suppressions=$PWD/scripts/tsan.supp" \
    ctest --test-dir build-tsan -R '^test_(trainer|background_run)$' --output-on-failure --repeat until-fail:3
fi
if [[ "${LAYERLAB_SKIP_SANITIZED:-0}" != "1" ]]; then
  echo "== CSV reader fuzzing (libFuzzer + ASan + UBSan, 30 s)"
  ./scripts/fuzz.sh 30 csv
  echo "== project loader fuzzing (libFuzzer + ASan + UBSan, 30 s)"
  ./scripts/fuzz.sh 30 project
  echo "== model loader fuzzing (libFuzzer + ASan + UBSan, 30 s)"
  ./scripts/fuzz.sh 30 model
  echo "== gzip reader and metrics fuzzing (libFuzzer + ASan + UBSan, 20 s each)"
  ./scripts/fuzz.sh 20 gzip
  ./scripts/fuzz.sh 20 metrics
fi
echo "== all tests passed"
