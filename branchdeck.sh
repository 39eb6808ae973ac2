#!/usr/bin/env bash
# Branchdeck's two commands for a fresh Debian 12 machine:
#   ./branchdeck.sh run    install what is missing, build, start the local sandbox (MariaDB with TLS), open the app on it
#   ./branchdeck.sh test   install what is missing, build, run every test (benchmarks excluded)
# and a few more for developers:
#   ./branchdeck.sh bench  build and run the benchmarks (ctest label "bench")
#   ./branchdeck.sh deps   only install the Debian packages listed in packaging/debian-packages.txt
#   ./branchdeck.sh build  only configure and build
# BRANCHDECK_PRESET selects the CMake preset (default "dev"; "ci" when CI=true): see CMakePresets.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=$(pwd)

preset=${BRANCHDECK_PRESET:-$([ "${CI:-}" = "true" ] && echo ci || echo dev)}
build_dir="$root/build/$preset"
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
    local sql=(mariadb --no-defaults --socket="$dir/mysql/mysqld.sock" -uroot)
    "${sql[@]}" demo__main < resources/demo/shop.sql
    call POST /organizations/local/databases/demo/branches '{"name":"add-order-status","parent_branch":"main"}' >/dev/null
    for _ in $(seq 1 50); do
        call GET /organizations/local/databases/demo/branches/add-order-status | grep -q '"ready":true' && break
        sleep 0.2
    done
    "${sql[@]}" 'demo__add-order-status' -e "ALTER TABLE orders ADD COLUMN status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new' AFTER total, ADD KEY idx_orders_status (status)"
    call POST /organizations/local/databases/demo/deploy-requests \
        '{"branch":"add-order-status","into_branch":"main","notes":"Track order status for the fulfilment dashboard."}' >/dev/null
}

run_app() {
    local sandbox="$build_dir/sandbox"
    local local_bin="$build_dir/src/localserver/branchdeck-local"
    say "Starting the local sandbox (MariaDB with TLS + PlanetScale-compatible API) in $sandbox"
    "$local_bin" start --dir "$sandbox"
    trap '"$local_bin" stop --dir "$sandbox" >/dev/null 2>&1 || true' EXIT
    seed_demo "$sandbox"
    local launcher=()
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        say "No display found: running under xvfb-run"
        launcher=(xvfb-run -a -s "-screen 0 1600x1000x24")
    fi
    say "Launching Branchdeck on the sandbox ($(json_field "$sandbox/sandbox.json" api_url))"
    BRANCHDECK_SANDBOX_DIR="$sandbox" "${launcher[@]}" "$build_dir/src/app/branchdeck" --open-branch local/demo/main "$@"
}

cmd=${1:-help}
shift || true
case "$cmd" in
    deps) install_packages ;;
    build) install_packages; build ;;
    test) install_packages; build; run_tests "$@" ;;
    bench) install_packages; build; ctest --test-dir "$build_dir" --label-regex bench --verbose "$@" ;;
    run) install_packages; build; run_app "$@" ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; [ "$cmd" = help ] ;;
esac
