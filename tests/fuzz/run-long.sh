#!/usr/bin/env bash
# Long fuzzing campaigns over the fuzz preset's targets.
#   tests/fuzz/run-long.sh [--build DIR] SECONDS [TARGET...]
# Fuzzes each target (default: all five) for SECONDS, starting from its seeds (tests/fuzz/corpus/<target>)
# plus a corpus kept in DIR/fuzz-corpus/<target> that grows across runs, so a campaign can be run in chunks
# (e.g. 3 minutes at a time) and adds up. Crash inputs go to DIR/fuzz-artifacts/<target>/. A line per target
# says how many inputs ran and whether it crashed; DIR/fuzz-campaign.log keeps every chunk's line.
# The sandbox target needs a database: without BRANCHDECK_TEST_MYSQL_* set, a private one is started.
# Exit status: 1 when any target crashed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/fuzz"
if [ "${1:-}" = "--build" ]; then build=$(cd "${2:?}" && pwd); shift 2; fi
seconds=${1:?usage: run-long.sh [--build DIR] SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_sqlsplitter fuzz_schemaparser fuzz_apiparsers fuzz_resultformatter fuzz_sandboxrequests)

started_db=""
cleanup() { [ -z "$started_db" ] || bash "$root/tests/fixtures/testdb.sh" stop "$started_db" >/dev/null 2>&1 || true; }
trap cleanup EXIT

status=0
for t in "${targets[@]}"; do
    bin="$build/tests/fuzz/$t"
    [ -x "$bin" ] || { echo "$t: not built ($bin); cmake --build --preset fuzz" >&2; exit 2; }
    if [ "$t" = fuzz_sandboxrequests ] && [ -z "${BRANCHDECK_TEST_MYSQL_PORT:-}" ]; then
        started_db="$build/fuzz-testdb"
        bash "$root/tests/fixtures/testdb.sh" start "$started_db" >/dev/null
        set -a; . "$started_db/env"; set +a
    fi
    corpus="$build/fuzz-corpus/$t"
    artifacts="$build/fuzz-artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    log="$build/fuzz-artifacts/$t.last.log"
    rc=0
    (cd "$artifacts" && QT_QPA_PLATFORM=offscreen BRANCHDECK_SOURCE_DIR="$root" \
        bash "$here/run-fuzzer.sh" "$bin" "$here/corpus/$t" "$seconds" "$corpus") > "$log" 2>&1 || rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
    [ -n "$runs" ] || runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -n 1 | grep -o '[0-9]*' || echo 0)
    crashes=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    verdict=ok
    if [ "$rc" != 0 ]; then verdict="FAILED (exit $rc, see $log)"; status=1; fi
    line="$(date -u +%FT%TZ) $t seconds=$seconds runs=$runs corpus=$(ls "$corpus" | wc -l) crash_files=$crashes $verdict"
    echo "$line" | tee -a "$build/fuzz-campaign.log"
done
exit $status
