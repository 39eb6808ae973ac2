#!/usr/bin/env bash
# Branchdeck's two commands for a fresh Debian 12 machine:
#   ./branchdeck.sh run    install what is missing, build, start the local sandbox (MariaDB with TLS), open the app on it
#   ./branchdeck.sh test   install what is missing, build, run every test (benchmarks excluded)
# and a few more for developers:
#   ./branchdeck.sh bench  build and run the benchmarks (ctest label "bench")
#   ./branchdeck.sh deps   only install the Debian packages listed in packaging/debian-packages.txt
#   ./branchdeck.sh build  only configure and build
#   ./branchdeck.sh reset-sandbox  stop the sandbox and delete its data (the demo is seeded again by run)
#   ./branchdeck.sh screenshots [DIR]  pictures of the app on a fresh demo (review, deploying, comparison, ...)
# BRANCHDECK_PRESET selects the CMake preset (default "dev"; "ci" when CI=true): see CMakePresets.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=$(pwd)

preset=${BRANCHDECK_PRESET:-$([ "${CI:-}" = "true" ] && echo ci || echo dev)}
build_dir=${BRANCHDECK_BUILD_DIR:-$root/build/$preset}
jobs=${BRANCHDECK_JOBS:-$(nproc 2>/dev/null || echo 2)}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
    local wanted missing=()
    wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' packaging/debian-packages.txt)
    for p in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    # mariadb-server's maintainer scripts would start a system-wide server; we run our own private ones.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        say "Configuring ($preset)"
        cmake --preset "$preset"
    fi
    say "Building ($preset, $jobs jobs)"
    cmake --build "$build_dir" --parallel "$jobs"
}

run_tests() {
    say "Running tests"
    # Benchmarks (label bench) are excluded; the testdb fixture starts and stops its own MariaDB.
    ctest --test-dir "$build_dir" --label-exclude bench --output-on-failure --timeout 600 "$@"
}

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# First start only: a "demo" database (production branch main with a small shop), a feature branch that
# adds a column and an index, and a deploy request for it, so every panel has something to show.
seed_demo() {
    local dir=$1 json=$1/sandbox.json
    local api tok
    api=$(json_field "$json" api_url)
    tok="$(json_field "$json" service_token_id):$(json_field "$json" service_token)"
    call() { curl -sS -f -H "Authorization: $tok" -H 'Content-Type: application/json' -X "$1" "$api$2" ${3:+-d "$3"}; }
    if call GET /organizations/local/databases/demo >/dev/null 2>&1; then return 0; fi
    say "Seeding the demo database"
    call POST /organizations/local/databases '{"name":"demo"}' >/dev/null
    # The sandbox's MariaDB has no password logins for root or the operator: the operating-system user
    # logs in over the socket (unix_socket authentication).
    local sql=(mariadb --no-defaults --socket="$dir/mysql/mysqld.sock" -u"$(id -un)")
    "${sql[@]}" demo__main < resources/demo/shop.sql
    call POST /organizations/local/databases/demo/branches '{"name":"add-order-status","parent_branch":"main"}' >/dev/null
    for _ in $(seq 1 50); do
        call GET /organizations/local/databases/demo/branches/add-order-status | grep -q '"ready":true' && break
        sleep 0.2
    done
    "${sql[@]}" 'demo__add-order-status' -e "ALTER TABLE orders ADD COLUMN status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new' AFTER total, ADD KEY idx_orders_status (status); ALTER TABLE customers ADD KEY idx_customers_country (country)"
    call POST /organizations/local/databases/demo/deploy-requests \
        '{"branch":"add-order-status","into_branch":"main","notes":"Track order status for the fulfilment dashboard."}' >/dev/null
}

# What `run` started, for the cleanup below. An EXIT trap runs after run_app has returned, so these are
# globals (a function-local variable would be unbound there).
run_local_bin=""
run_sandbox=""
run_app_pgid=""
run_started_sandbox=0

# Ends the app's process group (the app, and xvfb-run with its X server) and the sandbox `run` started.
# Safe to call more than once; quiet when there is nothing left to do.
run_cleanup() {
    local quiet=${1:-}
    trap - EXIT INT TERM HUP
    if [ -n "$run_app_pgid" ] && kill -0 -- "-$run_app_pgid" 2>/dev/null; then
        kill -TERM -- "-$run_app_pgid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 -- "-$run_app_pgid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$run_app_pgid" 2>/dev/null || true
    fi
    [ -z "$run_sandbox" ] || rm -f "$run_sandbox/run.pgid"
    if [ "$run_started_sandbox" = 1 ] && [ -n "$run_local_bin" ]; then
        "$run_local_bin" stop --dir "$run_sandbox" >/dev/null 2>&1 || true
        rm -f "$run_sandbox/run.owner"
        [ -n "$quiet" ] || say "Sandbox stopped; its data stays in $run_sandbox"
    fi
}

# Outlives a `kill -9` of this script: when the script is gone without having cleaned up (its pid is still
# in $run_sandbox/run.owner), ends the app (its process group is in run.pgid once launched) and the sandbox
# this run started. A later `run` owns the sandbox under its own pid, so this one never stops that.
start_watchdog() {
    local script_pid=$$
    [ "$run_started_sandbox" = 1 ] && echo "$script_pid" > "$run_sandbox/run.owner"
    ( trap '' INT TERM HUP
      while kill -0 "$script_pid" 2>/dev/null; do sleep 0.5; done
      [ "$(cat "$run_sandbox/run.owner" 2>/dev/null)" = "$script_pid" ] || exit 0
      run_app_pgid=$(cat "$run_sandbox/run.pgid" 2>/dev/null || true)
      run_cleanup quiet ) </dev/null >/dev/null 2>&1 &
    disown $! 2>/dev/null || true
}

run_app() {
    run_sandbox=${BRANCHDECK_SANDBOX:-$build_dir/sandbox}
    run_local_bin="$build_dir/src/localserver/branchdeck-local"
    local app_bin="$build_dir/src/app/branchdeck"
    trap run_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    if "$run_local_bin" status --dir "$run_sandbox" >/dev/null 2>&1; then
        say "Using the local sandbox already running in $run_sandbox (left running afterwards)"
    else
        say "Starting the local sandbox (MariaDB with TLS + PlanetScale-compatible API)"
        run_started_sandbox=1
        "$run_local_bin" start --dir "$run_sandbox"
    fi
    start_watchdog
    seed_demo "$run_sandbox"
    say "Sandbox data: $run_sandbox (MariaDB in mysql/, API state in sandbox.json, log in sandbox.log)"
    say "To start again from a fresh demo: ./branchdeck.sh reset-sandbox"
    local launcher=()
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        say "No display found: running under xvfb-run"
        launcher=(xvfb-run -a -s "-screen 0 1600x1000x24")
    fi
    say "Launching Branchdeck on the sandbox ($(json_field "$run_sandbox/sandbox.json" api_url))"
    # Its own process group, so that the cleanup ends xvfb-run and its X server with the app; waiting in
    # the background lets a signal to this script run the traps at once.
    BRANCHDECK_SANDBOX_DIR="$run_sandbox" setsid "${launcher[@]}" "$app_bin" --open-branch local/demo/main "$@" &
    run_app_pgid=$!
    echo "$run_app_pgid" > "$run_sandbox/run.pgid"
    say "Branchdeck is running (process group $run_app_pgid)"
    local status=0
    wait "$run_app_pgid" || status=$?
    [ "$status" = 0 ] || say "Branchdeck ended with status $status"
    return "$status"
}

reset_sandbox() {
    local sandbox=${BRANCHDECK_SANDBOX:-$build_dir/sandbox}
    if [ -x "$build_dir/src/localserver/branchdeck-local" ]; then
        "$build_dir/src/localserver/branchdeck-local" stop --dir "$sandbox" >/dev/null 2>&1 || true
    fi
    rm -rf -- "$sandbox"
    say "Removed $sandbox; the next ./branchdeck.sh run starts a fresh sandbox with the demo database"
}

# The pictures a review of the window needs (issue 16), taken from the real app under Xvfb on a sandbox of
# its own (started fresh, seeded with the demo, stopped at the end) with a fresh profile per picture, so no
# session of yours is restored or changed. Written to DIR (default $build_dir/screenshots) as PNG.
screenshots() {
    local out=${1:-$build_dir/screenshots}
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    run_sandbox="$out/sandbox"
    run_local_bin="$build_dir/src/localserver/branchdeck-local"
    local app_bin="$build_dir/src/app/branchdeck"
    trap run_cleanup EXIT
    "$run_local_bin" stop --dir "$run_sandbox" >/dev/null 2>&1 || true
    rm -rf "$run_sandbox"
    run_started_sandbox=1
    "$run_local_bin" start --dir "$run_sandbox" >/dev/null
    seed_demo "$run_sandbox"
    local profile="$out/profile"
    # shot NAME WIDTHxHEIGHT [app arguments…]: the whole screen once the window has settled (the app takes it).
    shot() {
        local name=$1 size=$2
        shift 2
        rm -rf "$profile"
        mkdir -p "$profile"
        XDG_CONFIG_HOME="$profile/config" XDG_DATA_HOME="$profile/data" XDG_CACHE_HOME="$profile/cache" \
            BRANCHDECK_SANDBOX_DIR="${SHOT_SANDBOX:-$run_sandbox}" \
            xvfb-run -a -s "-screen 0 ${size}x24" "$app_bin" --screenshot "$out/$name.png" \
            --screenshot-delay "${SHOT_WAIT:-7000}" "$@" >/dev/null 2>&1
        say "  $out/$name.png"
    }
    say "Taking screenshots into $out"
    local dr=deploy-request:local/demo/1
    shot first-run 1600x1000 --open-branch local/demo/main
    SHOT_SANDBOX="$out/none" shot welcome 1366x768
    shot review-1366x768-light 1366x768 --theme light --open "$dr" --section changes
    shot review-1366x768-dark 1366x768 --theme dark --open "$dr" --section changes
    shot review-1920x1080-light 1920x1080 --theme light --open "$dr" --section changes
    shot review-1920x1080-dark 1920x1080 --theme dark --open "$dr" --section changes
    shot summary-1366x768-light 1366x768 --theme light --open "$dr" --section summary
    # A HiDPI laptop: 2× scale, the same 1366×768 of room.
    QT_SCALE_FACTOR=2 shot review-2x-1366x768 2732x1536 --theme light --open "$dr" --section changes
    shot compare-branches 1600x1000 --open compare:local/demo/main...add-order-status
    shot quick-open 1600x1000 --open-branch local/demo/main --quick-open ord
    # Last, as it changes the demo: deploy #1 and look while the sandbox copies the rows. Unthrottled the
    # demo's 200,000 orders copy in about 2 s, before the window is up; the sandbox is restarted (same data,
    # its MariaDB kept) copying 2,000 rows per chunk with a pause between chunks, so the copy takes ~20 s
    # and the picture shows per-table progress with an ETA.
    "$run_local_bin" stop --dir "$run_sandbox" --keep-mysql >/dev/null
    "$run_local_bin" start --dir "$run_sandbox" --chunk-ms 0 --chunk-rows 2000 --throttle-ms 150 >/dev/null
    local json="$run_sandbox/sandbox.json"
    curl -sS -f -X POST -H "Authorization: $(json_field "$json" service_token_id):$(json_field "$json" service_token)" \
        "$(json_field "$json" api_url)/organizations/local/databases/demo/deploy-requests/1/deploy" >/dev/null
    SHOT_WAIT=4000 shot deploying 1600x1000 --open "$dr"
    rm -rf "$profile"
}

cmd=${1:-help}
shift || true
case "$cmd" in
    deps) install_packages ;;
    build) install_packages; build ;;
    test) install_packages; build; run_tests "$@" ;;
    bench) install_packages; build; ctest --test-dir "$build_dir" --label-regex bench --verbose "$@" ;;
    run)
        # BRANCHDECK_SKIP_BUILD=1 runs what is built (tests of the script itself).
        [ "${BRANCHDECK_SKIP_BUILD:-}" = 1 ] || { install_packages; build; }
        run_app "$@" ;;
    reset-sandbox) reset_sandbox ;;
    screenshots)
        [ "${BRANCHDECK_SKIP_BUILD:-}" = 1 ] || { install_packages; build; }
        screenshots "$@" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; [ "$cmd" = help ] ;;
esac
