#!/usr/bin/env bash
# Branchdeck's two commands for a fresh Debian 12 machine:
#   ./branchdeck.sh run    install what is missing, build, start a private MariaDB with TLS, open the app on it
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

run_app() {
    local db="$build_dir/rundb"
    say "Starting a private MariaDB with TLS in $db"
    bash tests/fixtures/testdb.sh start "$db"
    trap 'bash tests/fixtures/testdb.sh stop "$db" >/dev/null 2>&1 || true' EXIT
    set -a; . "$db/env"; set +a
    local url="mysql://${BRANCHDECK_TEST_MYSQL_USER}@${BRANCHDECK_TEST_MYSQL_HOST}:${BRANCHDECK_TEST_MYSQL_PORT}/${BRANCHDECK_TEST_MYSQL_DATABASE}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${BRANCHDECK_TEST_MYSQL_CA}"
    local launcher=()
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        say "No display found: running under xvfb-run"
        launcher=(xvfb-run -a -s "-screen 0 1600x1000x24")
    fi
    say "Launching Branchdeck"
    # The password goes to the app through its environment only (never a command-line argument).
    MYSQL_PWD="$BRANCHDECK_TEST_MYSQL_PASSWORD" "${launcher[@]}" "$build_dir/src/app/branchdeck" --url "$url" "$@"
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
