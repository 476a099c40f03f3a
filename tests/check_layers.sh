#!/bin/sh
# tests/check_layers.sh — the layers of src/ point down only:
#   util < model < input, engine, output < src/*.c (the command line)
# and only src/engine/ includes lua.h. Prints each violation; exit 1 on any.
set -eu
cd "$(dirname "$0")/.."
rank() {
    case $1 in
    util) echo 0 ;; model) echo 1 ;; input|engine|output) echo 2 ;; *) echo 3 ;;
    esac
}
bad=0
for f in src/*.[ch] src/*/*.[ch]; do
    dir=$(dirname "$f"); layer=${dir#src}; layer=${layer#/}; [ -n "$layer" ] || layer=main
    me=$(rank "$layer")
    if [ "$layer" != engine ] && grep -qE '#include *[<"](lua|lauxlib|lualib)\.h' "$f"; then
        echo "layers: $f includes Lua; only src/engine/ may"; bad=1
    fi
    for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
        case $inc in */*) ;; *) [ -f "$dir/$inc" ] || { echo "layers: $f includes \"$inc\": write it as \"layer/$inc\""; bad=1; }; continue ;; esac
        il=${inc%%/*}
        them=$(rank "$il")
        if [ "$them" -gt "$me" ] || { [ "$them" = "$me" ] && [ "$il" != "$layer" ] && [ "$me" = 2 ]; }; then
            echo "layers: $f ($layer) includes $inc ($il): imports must point down"; bad=1
        fi
    done
done
[ "$bad" = 0 ] && echo "layers: ok"
exit "$bad"
