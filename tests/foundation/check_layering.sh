#!/usr/bin/env bash
# Checks the include graph against DESIGN.md's layers: a file in src/<layer> may include only headers of
# the layers that layer links, widget headers only in ui and app, and api/sql never each other.
set -uo pipefail
src=${1:?usage: check_layering.sh SRC_DIR}
declare -A allowed=(
    [core]="core"
    [sql]="core sql"
    [api]="core api"
    [schema]="core schema"
    [store]="core store"
    [ui]="core sql api schema store ui"
    [local]="core sql schema local"
    [localserver]="core sql schema local localserver"
    [schemadiff]="core schema schemadiff"
    [app]="core sql api schema store ui app"
)
widget_ok="ui app"
failures=0
checked=0
for dir in "$src"/*/; do
    layer=$(basename "$dir")
    if [ -z "${allowed[$layer]+x}" ]; then
        echo "unknown layer folder: src/$layer (add it to DESIGN.md and this check)"; failures=$((failures + 1)); continue
    fi
    while IFS= read -r -d '' file; do
        checked=$((checked + 1))
        while IFS= read -r inc; do
            target=${inc%%/*}
            if [[ " ${allowed[$layer]} " != *" $target "* ]]; then
                echo "${file#"$src"/}: includes \"$inc\", but $layer may not depend on $target"
                failures=$((failures + 1))
            fi
        done < <(grep -oE '^#include "[a-z]+/[^"]+"' "$file" | sed -E 's/#include "([^"]+)"/\1/')
        if [[ " $widget_ok " != *" $layer "* ]] && grep -qE '^#include <(QtWidgets/|Q(Widget|MainWindow|Dialog|Label|PushButton|TableView|TreeView|Application|Menu|Action)>)' "$file"; then
            echo "${file#"$src"/}: includes a widget header outside ui/app"; failures=$((failures + 1))
        fi
    done < <(find "$dir" \( -name '*.h' -o -name '*.cpp' \) -print0)
done
echo "checked $checked files, $failures layering violations"
[ "$checked" -gt 0 ] && [ "$failures" -eq 0 ]
