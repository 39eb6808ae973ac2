#!/usr/bin/env bash
# `./branchdeck.sh run` leaves no process behind, whatever ends the app: the window closing, SIGTERM, a
# crash (SIGSEGV), SIGKILL, or the script itself being terminated or killed. Each case launches `run` on
# what is built (BRANCHDECK_SKIP_BUILD=1) with a private sandbox directory and a private HOME, ends it that
# way, then checks that the app, the sandbox (branchdeck-local) and its MariaDB are all gone.
#   run_cleanup.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=${1:?source dir}
build=${2:?build dir}
work=$(mktemp -d /tmp/bd-run-cleanup.XXXXXX)
sandbox="$work/sandbox"
failures=0

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" QT_QPA_PLATFORM=offscreen BRANCHDECK_SKIP_BUILD=1
export BRANCHDECK_BUILD_DIR="$build" BRANCHDECK_SANDBOX="$sandbox"
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME"

left_behind() { pgrep -f -- "$sandbox" || true; }

finish() {
    # Whatever a failed case left: stop it so the next test run starts clean.
    "$build/src/localserver/branchdeck-local" stop --dir "$sandbox" >/dev/null 2>&1 || true
    for pid in $(left_behind); do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap finish EXIT

wait_for() { # wait_for SECONDS COMMAND...: true once COMMAND succeeds
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.2; done
}

current_script=""
all_gone() { ! kill -0 "$current_script" 2>/dev/null && [ -z "$(left_behind)" ]; }

app_pid_of() { # the branchdeck process in the group the script printed
    local pgid
    pgid=$(sed -n 's/.*Branchdeck is running (process group \([0-9]*\)).*/\1/p' "$1" | tail -n 1)
    [ -n "$pgid" ] && pgrep -g "$pgid" -x branchdeck | head -n 1
}

run_case() { # run_case NAME HOW [APP ARGS...]
    local name=$1 how=$2; shift 2
    local log="$work/$name.log"
    # A background job of a script starts with SIGINT ignored (and bash cannot trap what it inherited as
    # ignored); a terminal's Ctrl+C reaches a foreground script, so restore the default first.
    setsid python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
        bash "$src/branchdeck.sh" run "$@" > "$log" 2>&1 < /dev/null &
    local script=$!
    local app=""
    # Stop waiting as soon as the script has ended without starting the app (a sandbox that cannot start
    # fails at once; waiting the full 180 s per case ran the whole test into ctest's timeout).
    started_or_ended() { grep -q "Branchdeck is running" "$log" || ! kill -0 "$script" 2>/dev/null; }
    wait_for 180 started_or_ended
    if ! grep -q "Branchdeck is running" "$log"; then
        echo "FAIL $name: the app did not start"; sed 's/^/    /' "$log"; failures=$((failures + 1)); return
    fi
    wait_for 20 app_pid_of "$log" >/dev/null && app=$(app_pid_of "$log")
    if [ "$how" != close ] && [ -z "$app" ]; then
        echo "FAIL $name: no branchdeck process in the printed group"; failures=$((failures + 1)); return
    fi
    if [ "$how" != close ] && [ -z "$(left_behind)" ]; then
        echo "FAIL $name: no sandbox process to begin with"; failures=$((failures + 1)); return
    fi
    sleep 1 # let the app settle (sign-in, first tab) so each case ends a running window
    case "$how" in
        close) ;; # the app closes its window itself (--smoke-test)
        app-term) kill -TERM "$app" ;;
        app-kill) kill -KILL "$app" ;;
        app-crash) kill -SEGV "$app" ;;
        script-term) kill -TERM "$script" ;;
        script-int) kill -INT "$script" ;;
        script-kill) kill -KILL "$script" ;;
    esac
    current_script=$script
    if ! wait_for 90 all_gone; then
        echo "FAIL $name: left behind after 90 s:"
        ps -o pid,args -p "$(left_behind | paste -sd, -)" 2>/dev/null | sed 's/^/    /'
        kill -0 "$script" 2>/dev/null && echo "    (the script itself still runs)"
        sed 's/^/    log: /' "$log"
        failures=$((failures + 1))
        "$build/src/localserver/branchdeck-local" stop --dir "$sandbox" >/dev/null 2>&1
        return
    fi
    if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
        echo "FAIL $name: the app (pid $app) still runs"; failures=$((failures + 1)); return
    fi
    if [ "$how" != script-kill ] && ! grep -q "Sandbox stopped; its data stays in $sandbox" "$log"; then
        echo "FAIL $name: the script did not say where the sandbox data stays"; failures=$((failures + 1)); return
    fi
    if grep -q "unbound variable" "$log"; then
        echo "FAIL $name: $(grep "unbound variable" "$log")"; failures=$((failures + 1)); return
    fi
    echo "ok   $name: app, sandbox and MariaDB gone"
}

run_case close close --smoke-test
grep -q "Sandbox data: $sandbox" "$work/close.log" || { echo "FAIL: run does not print where the data lives"; failures=$((failures + 1)); }
grep -q "reset-sandbox" "$work/close.log" || { echo "FAIL: run does not say how to reset the sandbox"; failures=$((failures + 1)); }
run_case app-term app-term
run_case app-kill app-kill
run_case app-crash app-crash
run_case script-term script-term
run_case script-int script-int
run_case script-kill script-kill

# A sandbox that was already running before `run` is the user's: it stays.
"$build/src/localserver/branchdeck-local" start --dir "$sandbox" >/dev/null
run_case_kept() {
    local log="$work/kept.log"
    bash "$src/branchdeck.sh" run --smoke-test > "$log" 2>&1 < /dev/null
    if ! "$build/src/localserver/branchdeck-local" status --dir "$sandbox" >/dev/null 2>&1; then
        echo "FAIL kept: run stopped a sandbox it had not started"; failures=$((failures + 1)); return
    fi
    echo "ok   kept: a sandbox started before run is left running"
}
run_case_kept

# reset-sandbox stops it and deletes its data.
bash "$src/branchdeck.sh" reset-sandbox > "$work/reset.log" 2>&1
if [ -e "$sandbox" ] || [ -n "$(left_behind)" ]; then
    echo "FAIL reset-sandbox: $sandbox or its processes remain"; failures=$((failures + 1))
else
    echo "ok   reset-sandbox: data and processes gone"
fi

[ "$failures" = 0 ] && echo "run_cleanup: all cases passed" || echo "run_cleanup: $failures failure(s)"
exit $((failures > 0))
