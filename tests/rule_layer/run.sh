#!/bin/sh
# tests/rule_layer/run.sh — the rule layer (run by `make e2e`, after tests/e2e).
#
#   embedded        the shipped rules compiled into the program give the same
#                   report, byte for byte, as the same files read as source
#                   (LAKIP_RULES_DIR=rules)
#   rules test      the example user folder (examples/rules: lib/, fixtures)
#                   passes; tests/rule_layer/failing fails on each of its wrong
#                   fixtures (exit 1, a diff); usage errors exit 2
#   load errors     an id outside its file's family, an unknown {placeholder},
#                   a finding emitted without a value its message uses,
#                   lib strictness, a user lib/ module named like a bundled
#                   one: each an engine.rule-load (or rule-error) finding with
#                   FILE:LINE (check exits 1), and a failure of `rules test`
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

# --- rules test ------------------------------------------------------------------
run rules test examples/rules
[ "$rc" = 0 ] && grep -qx 'ok   contoh.target-kosong/fire.csv' "$tmp/out" && grep -qx 'ok   contoh.target-kosong/silent.csv' "$tmp/out" \
    && grep -qx 'rules test: 2 passed, 0 failed' "$tmp/out" && ok || bad "rules test examples/rules: rc=$rc $(cat "$tmp/out" "$tmp/err")"
run rules test --only contoh examples/rules
[ "$rc" = 0 ] && grep -qx 'rules test: 2 passed, 0 failed' "$tmp/out" && ok || bad "rules test --only FAMILY: rc=$rc"
# the example's rule runs with check --rules too, its lib/ loaded
run check --format json --fail-on never --rules examples/rules examples/rules/fixtures/contoh.target-kosong/fire.csv
[ "$rc" = 0 ] && [ "$(grep -c '"rule":"contoh.target-kosong"' "$tmp/out")" = 2 ] && ! grep -q '"rule":"engine' "$tmp/out" \
    && ok || bad "check --rules examples/rules: rc=$rc"

# a folder of wrong fixtures fails, each for its reason
run rules test tests/rule_layer/failing
[ "$rc" = 1 ] && ok || bad "rules test on wrong fixtures: exit $rc, want 1"
for want in 'FAIL salah.lebih/fire.csv: findings of salah.lebih differ (want/got):' \
            '    + 2 salah.lebih' '    + 3 salah.lebih' '    - 4 salah.lebih' \
            'FAIL salah.lebih/silent.csv: findings of salah.lebih differ (want/got):' \
            'FAIL salah.lebih/fire-tanpa-expect.csv: salah.lebih/fire-tanpa-expect.expect is missing: a fire fixture lists the findings it must give' \
            "FAIL salah.lebih/fire-lain.csv: salah.lebih/fire-lain.expect:3: names capaian.arithmetic; an expect file lists findings of its folder's rule salah.lebih only" \
            "FAIL salah.tidak-ada: no rule salah.tidak-ada is declared (a fixture folder is named by its rule's id)" \
            'FAIL salah.tanpa-fixture: no fire fixture (tests/rule_layer/failing/fixtures/salah.tanpa-fixture/fire.*)' \
            'rules test: 0 passed, 6 failed'; do
    grep -qxF -- "$want" "$tmp/out" && ok || bad "rules test on wrong fixtures lacks: $want"
done
# usage: exit 2
run rules test
[ "$rc" = 2 ] && grep -q 'give a rule folder, or --fixtures DIR' "$tmp/err" && ok || bad "rules test without a folder: rc=$rc"
run rules test "$tmp/no-such-folder"
[ "$rc" = 2 ] && grep -q 'is not a folder' "$tmp/err" && ok || bad "rules test on a missing folder: rc=$rc"
run rules test --colour examples/rules
[ "$rc" = 2 ] && grep -q "unexpected argument '--colour'" "$tmp/err" && ok || bad "rules test unknown option: rc=$rc"
mkdir "$tmp/nofixtures"
run rules test "$tmp/nofixtures"
[ "$rc" = 2 ] && grep -q 'fixture folder' "$tmp/err" && ok || bad "rules test without fixtures/: rc=$rc"

# --- load errors: FILE:LINE, an engine finding (check exits 1), rules test fails ---
csv=examples/rules/fixtures/contoh.target-kosong/silent.csv
# load_error NAME WANT-LINE WANT-MESSAGE: the folder $tmp/NAME holds one rule file
load_error() {
    name=$1 line=$2 message=$3 rule=${4:-engine.rule-load}
    run check --format json --rules "$tmp/$name" "$csv"
    f=$(grep "\"rule\":\"$rule\"" "$tmp/out" | head -1)
    case $f in *"\"line\":$line,"*) ;; *) f="";; esac
    [ "$rc" = 1 ] && [ -n "$f" ] && printf '%s' "$f" | grep -qF -- "$message" && ok || bad "load error $name: rc=$rc want line $line and '$message': $(grep '"rule":"engine' "$tmp/out" | cut -c1-400)"
    [ "$rule" = engine.rule-load ] || return 0      # a run-time error needs a fixture to show
    mkdir -p "$tmp/$name/fixtures"
    run rules test "$tmp/$name"
    [ "$rc" = 1 ] && grep -qF -- "$message" "$tmp/out" && ok || bad "rules test with load error $name: rc=$rc $(cat "$tmp/out")"
}
mkdir "$tmp/family"
cat >"$tmp/family/nilai.lua" <<'LUA'
return {
  rules = {
    { id = "capaian.lain", severity = "info", title = "t", explanation = "e", message = "m" },
  },
  check_row = function(ctx, t, row) end,
}
LUA
load_error family 3 "$tmp/family/nilai.lua:3: rule id 'capaian.lain' must start with its file's family: nilai.lua declares nilai.NAME"
mkdir "$tmp/placeholder"
cat >"$tmp/placeholder/nilai.lua" <<'LUA'
return {
  rules = {
    { id = "nilai.x", severity = "info", title = "t", explanation = "e",
      fields = { "target" },
      message = { id = "target {target}, realisasi {realisasi}", en = "target {target}" } },
  },
  check_row = function(ctx, t, row) end,
}
LUA
load_error placeholder 5 "$tmp/placeholder/nilai.lua:5: rule 'nilai.x': '{realisasi}' in its message is not one of its 'fields'"
# a bundled id declared by a user file of the same family name: a duplicate
mkdir "$tmp/duplicate"
cat >"$tmp/duplicate/capaian.lua" <<'LUA'
return {
  rules = { { id = "capaian.arithmetic", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) end,
}
LUA
load_error duplicate 2 "$tmp/duplicate/capaian.lua:2: rule 'capaian.arithmetic': duplicate rule id (already declared by rules/capaian.lua)"
# lib is strict: a module that does not exist, a field a module does not have
mkdir -p "$tmp/strict/lib"
cp examples/rules/lib/sel.lua "$tmp/strict/lib/"
cat >"$tmp/strict/nilai.lua" <<'LUA'
local sel = lib.sel
local kosong = sel.kosongg
return {
  rules = { { id = "nilai.x", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) end,
}
LUA
load_error strict 2 "$tmp/strict/nilai.lua:2: lib.sel has no field 'kosongg'"
mkdir -p "$tmp/strictrun/lib"
cat >"$tmp/strictrun/nilai.lua" <<'LUA'
return {
  rules = { { id = "nilai.x", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row)
    local f = lib.sell
  end,
}
LUA
load_error strictrun 4 "$tmp/strictrun/nilai.lua:4: lib has no module 'sell'" engine.rule-error
# a finding without a value for a {placeholder} its message uses: an error
# where it is emitted, not a message with "{realisasi}" in it
mkdir "$tmp/unfilled"
cat >"$tmp/unfilled/nilai.lua" <<'LUA'
return {
  rules = { { id = "nilai.x", severity = "info", title = "t", explanation = "e",
              fields = { "target", "realisasi" }, message = "target {target}, realisasi {realisasi}" } },
  check_row = function(ctx, t, row)
    ctx:emit("nilai.x", row, { target = "1" })
  end,
}
LUA
load_error unfilled 5 "$tmp/unfilled/nilai.lua:5: nilai.x: its message or fix uses {realisasi}, and this finding has no value for it" engine.rule-error
# a user lib/ module may not take a bundled module's name
mkdir -p "$tmp/clash/lib"
cp examples/rules/contoh.lua "$tmp/clash/"
cp examples/rules/lib/sel.lua "$tmp/clash/lib/"
printf 'return {}\n' >"$tmp/clash/lib/text.lua"
load_error clash 1 "$tmp/clash/lib/text.lua:1: library module 'text' has the name of the bundled rules/lib/text.lua (lib.text): rename it"
# a folder's lib/ is its own: another folder's files do not see it
mkdir -p "$tmp/other"
cat >"$tmp/other/lain.lua" <<'LUA'
local sel = lib.sel
return {
  rules = { { id = "lain.x", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) end,
}
LUA
run check --format json --rules examples/rules --rules "$tmp/other" "$csv"
[ "$rc" = 1 ] && grep '"rule":"engine.rule-load"' "$tmp/out" | grep -qF "$tmp/other/lain.lua:1: lib has no module 'sel'" \
    && ok || bad "a folder's lib/ seen by another folder: rc=$rc"

echo "rule layer: $pass passed, $fail failed"
[ "$fail" = 0 ]
