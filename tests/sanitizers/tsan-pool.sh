#!/usr/bin/env bash
# The pool's tests under ThreadSanitizer (gcc; the tsan preset, Debug): the connection, the connection pool,
# and the fault tests that cancel, abort and shut down across threads.
#   tests/sanitizers/tsan-pool.sh [--no-build] [ctest arguments...]
# MariaDB Connector/C is not suppressed: a cross-thread use of a MYSQL* would be reported. The only
# suppressions are for Qt and GLib, built without TSan, whose own synchronisation (queued calls, thread
# joins, event-loop wake-ups) TSan cannot see; tests/sql/tsan.supp justifies them frame by frame. The tests
# get TSAN_OPTIONS from CMake (tests/sql, tests/fault); any report makes its test fail (exit status 66).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
targets=(tst_connection tst_connectionpool tst_fault_connection tst_fault_pool fault_exit_helper)
if [ "${1:-}" = "--no-build" ]; then
    shift
else
    cmake --preset tsan
    cmake --build --preset tsan --parallel "${JOBS:-2}" --target "${targets[@]}"
fi
ctest --test-dir build/tsan -R '^(tst_connection|tst_connectionpool|tst_fault_connection|tst_fault_pool)$' \
    --output-on-failure --timeout 900 "$@"
