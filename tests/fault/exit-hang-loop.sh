#!/usr/bin/env bash
# The exit-hang check: runs tst_querytab again and again under CPU load and counts runs that did not end.
#   tests/fault/exit-hang-loop.sh [--build DIR] [RUNS] [SECONDS_PER_RUN]
# RUNS defaults to 200, SECONDS_PER_RUN (after which a run counts as hung and is killed) to 120. The CPU load
# is one busy process per core, for the whole loop. The database fixture is started privately unless
# BRANCHDECK_TEST_MYSQL_* is set. Prints one line per run that failed or hung and a summary; exit status 1
# when any run failed or hung.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/ci"
if [ "${1:-}" = "--build" ]; then build=$(cd "${2:?}" && pwd); shift 2; fi
runs=${1:-200}
limit=${2:-120}
bin="$build/tests/ui/tst_querytab"
[ -x "$bin" ] || { echo "exit-hang-loop: $bin is not built" >&2; exit 2; }

db=""
load=()
cleanup() {
    for pid in "${load[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -z "$db" ] || bash "$root/tests/fixtures/testdb.sh" stop "$db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
if [ -z "${BRANCHDECK_TEST_MYSQL_PORT:-}" ]; then
    db="$build/exit-hang-testdb"
    bash "$root/tests/fixtures/testdb.sh" start "$db" >/dev/null
    set -a; . "$db/env"; set +a
fi
for _ in $(seq 1 "$(nproc)"); do
    ( while :; do :; done ) &
    load+=($!)
done

export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false' BRANCHDECK_SOURCE_DIR="$root"
passed=0 failed=0 hung=0
start=$(date +%s)
for i in $(seq 1 "$runs"); do
    log="$build/exit-hang-last.log"
    "$bin" > "$log" 2>&1 &
    pid=$!
    deadline=$(( $(date +%s) + limit ))
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        # Hung: keep every thread's stack (gdb, when installed) before killing it.
        if command -v gdb >/dev/null; then
            gdb -batch -p "$pid" -ex 'thread apply all bt' >> "$log" 2>&1 || true
        fi
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        hung=$((hung + 1)); cp "$log" "$build/exit-hang-run-$i.log"; echo "run $i: HUNG (killed after ${limit}s; stacks in exit-hang-run-$i.log)"
        continue
    fi
    rc=0
    wait "$pid" || rc=$?
    if [ "$rc" = 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); cp "$log" "$build/exit-hang-run-$i.log"; echo "run $i: failed (exit $rc)"
    fi
done
echo "exit-hang-loop: $runs runs of tst_querytab under load ($(nproc) busy processes) in $(( $(date +%s) - start )) s: passed=$passed failed=$failed hung=$hung"
[ "$failed" = 0 ] && [ "$hung" = 0 ]
