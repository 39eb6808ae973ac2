#!/usr/bin/env bash
# Both generators must work: CI builds with one (Unix Makefiles by the presets), this configures the
# project with the other one in a scratch build directory and has it load and walk its whole build graph
# (for Ninja: the manifest parses — duplicate rules for one output are fatal there — and lists the compile
# commands of every target; for Makefiles: make loads them and knows every layer).
# Usage: check_generator.sh SOURCE_DIR SCRATCH_DIR CURRENT_GENERATOR
set -euo pipefail
src=${1:?usage: check_generator.sh SOURCE_DIR SCRATCH_DIR CURRENT_GENERATOR}
dir=${2:?scratch dir}
current=${3:?current generator}
if [ "$current" = "Ninja" ]; then other="Unix Makefiles"; else other="Ninja"; fi
rm -rf "$dir"
mkdir -p "$dir"
if ! cmake -S "$src" -B "$dir" -G "$other" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$dir/configure.log" 2>&1; then
    tail -n 30 "$dir/configure.log"
    echo "check_generator: configuring with $other failed" >&2
    exit 1
fi
if [ "$other" = "Ninja" ]; then
    ninja -C "$dir" -t commands all > "$dir/commands.txt" 2> "$dir/graph.log" || {
        cat "$dir/graph.log"
        echo "check_generator: ninja cannot load the build graph" >&2
        exit 1
    }
    sources=$(cd "$src" && find src -name '*.cpp' | wc -l)
    compiles=$(grep -cE ' -c [^ ]*/src/[^ ]+\.cpp' "$dir/commands.txt" || true)
    echo "check_generator: Ninja graph: $compiles compile commands for $sources product sources"
    if [ "$compiles" -lt "$sources" ]; then
        echo "check_generator: the Ninja graph does not compile every source under src/" >&2
        exit 1
    fi
else
    # A dry run of make stops at the first generated source (AUTOMOC has not run), so the Makefiles are
    # checked by make loading them and knowing every layer and the application.
    make -C "$dir" help > "$dir/targets.txt" 2> "$dir/graph.log" || {
        tail -n 30 "$dir/graph.log"
        echo "check_generator: make cannot load the Makefiles" >&2
        exit 1
    }
    for target in branchdeck branchdeck_app branchdeck_ui branchdeck_core; do
        grep -qx "\.\.\. $target" "$dir/targets.txt" || {
            echo "check_generator: the Makefiles lack the target $target" >&2
            exit 1
        }
    done
    echo "check_generator: Unix Makefiles know $(grep -c '^\.\.\. ' "$dir/targets.txt") targets"
fi
