#!/bin/sh
# tests/rule_layer/run.sh — the rule layer (run by `make e2e`, after tests/e2e).
#
#   embedded        the shipped rules compiled into the program give the same
#                   report, byte for byte, as the same files read as source
#                   (LAKIP_RULES_DIR=rules)
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/setup.sh"

# run ARGS... : sets $rc, output in $tmp/out, stderr in $tmp/err
run() {
    set +e
    $bin "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
}

# --- the embedded rules are the rule files -----------------------------------
seed=fixtures/bangka-selatan-2019
run check --format json --fail-on never "$seed"
cp "$tmp/out" "$tmp/embedded.json"
run rules --format md
cp "$tmp/out" "$tmp/embedded.md"
export LAKIP_RULES_DIR="$top/rules"
run check --format json --fail-on never "$seed"
[ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/embedded.json" && ok || bad "embedded rules differ from rules/*.lua read as source"
run rules --format md
cmp -s "$tmp/out" "$tmp/embedded.md" && ok || bad "rules catalogue: embedded differs from source"
# ... and LAKIP_RULES_DIR is really read: a changed copy changes the catalogue
cp -r rules "$tmp/changed"
sed 's/Angka tidak dapat dibaca/Angka diubah/' rules/angka.lua >"$tmp/changed/angka.lua"
export LAKIP_RULES_DIR="$tmp/changed"
run rules --format md
grep -q 'Angka diubah' "$tmp/out" && ok || bad "LAKIP_RULES_DIR not read"
unset LAKIP_RULES_DIR

echo "rule layer: $pass passed, $fail failed"
[ "$fail" = 0 ]
