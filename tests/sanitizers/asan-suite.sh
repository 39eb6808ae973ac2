#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (gcc; the asan preset, Debug).
#   tests/sanitizers/asan-suite.sh [--no-build] [ctest arguments...]
# Configures and builds build/asan, then runs every test but the benchmarks (the fuzz targets' corpus
# replays included) with leak checking on. Any report — an error, undefined behaviour, a leak — makes the
# test it happens in fail, so the exit status is ctest's. Suppressions for code that is not ours:
# tests/sanitizers/lsan.supp (each entry says why).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ "${1:-}" = "--no-build" ]; then
    shift
else
    cmake --preset asan
    cmake --build --preset asan --parallel "${JOBS:-2}"
fi
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --preset asan --output-on-failure --timeout 900 "$@"
