#!/usr/bin/env bash
# The style gate: every tracked .cpp/.h must be formatted exactly as the repository's .clang-format says,
# with Debian 12's clang-format 14 (other versions format differently, so they are refused, not guessed).
# Usage: check_format.sh SOURCE_DIR
set -euo pipefail
root=${1:?usage: check_format.sh SOURCE_DIR}
cd "$root"
cf=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$cf" ]; then
    echo "check_format: clang-format 14 is not installed (apt-get install clang-format)" >&2
    exit 1
fi
case "$("$cf" --version)" in
*" version 14."*) ;;
*) echo "check_format: need clang-format 14, found: $("$cf" --version)" >&2; exit 1 ;;
esac
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.h')
else
    mapfile -d '' files < <(find src tests \( -name '*.cpp' -o -name '*.h' \) -print0)
fi
if [ "${#files[@]}" -eq 0 ]; then
    echo "check_format: no sources found under $root" >&2
    exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$cf" --style=file --dry-run -Werror "${files[@]}" 2> "$log" || status=$?
if [ "$status" -ne 0 ]; then
    mapfile -t bad < <(grep -oE '^[^:]+\.(cpp|h):[0-9]+:[0-9]+: error' "$log" | cut -d: -f1 | sort -u)
    echo "check_format: ${#bad[@]} of ${#files[@]} files differ from .clang-format (fix: clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    head -n 40 "$log"
    exit 1
fi
echo "check_format: ${#files[@]} files match .clang-format"
