#!/usr/bin/env bash
# Fuzzes one libFuzzer target for a while from its seed corpus (read-only: new inputs go to a scratch folder).
#   run-fuzzer.sh TARGET SEEDS SECONDS [CORPUS]
# CORPUS keeps the inputs found (run-long.sh passes one that grows across runs); crash inputs are written to
# the current directory as crash-*/leak-*/timeout-*. Prints libFuzzer's final statistics.
set -euo pipefail
target=${1:?usage: run-fuzzer.sh TARGET SEEDS SECONDS [CORPUS]}
seeds=${2:?seeds}
seconds=${3:?seconds}
corpus=${4:-}
if [ -z "$corpus" ]; then
    corpus=$(mktemp -d)
    trap 'rm -rf "$corpus"' EXIT
fi
mkdir -p "$corpus"
name=$(basename "$target")
here=$(cd "$(dirname "$0")" && pwd)
args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 -max_len=65536)
[ -f "$here/dict/$name.dict" ] && args+=(-dict="$here/dict/$name.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:handle_abort=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$target" "${args[@]}" "$corpus" "$seeds"
