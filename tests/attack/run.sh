#!/bin/sh
# tests/attack/run.sh — the standing attack suite: every file of
# tests/attack/rules/ is a malicious rule file (its first line says which
# attack), passed alone with --rules next to the bundled rules on the seed
# report. For each the run must
#   - end within LIMIT seconds of wall time (default 30; the rule's own
#     limits below are far smaller),
#   - exit 0 or 1 (findings), never 2 or a signal,
#   - report an engine.* finding naming the attack file with a line > 0
#     (and, when the file has a line "-- expect: TEXT", whose message has
#     TEXT: a child process that crashed is reported too),
#   - leave the bundled rules' findings byte-identical to a run without it.
# The limits are small so the suite is quick; the defaults are larger.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/setup.sh"
limit=${LIMIT:-30}
limits="--max-instructions 20000000 --max-run-instructions 200000000 --max-memory 64 --max-rule-seconds 2"
inputs="fixtures/bangka-selatan-2019 fixtures/bangka-selatan-2019/csv"

# the findings of bundled rules, one JSON line each (rules/ sources only):
# an attack file NAME.lua declares NAME.* (a rule id starts with its family)
bundled() {
    grep '^{"id":' "$1" | grep -v '"rule":"engine\.' | grep -v "\"rule\":\"${2:-attack}\\." || true
}

# shellcheck disable=SC2086
"$bin" check --format json --fail-on never $limits $inputs >"$tmp/clean.json"
bundled "$tmp/clean.json" >"$tmp/clean.bundled"
if [ -s "$tmp/clean.bundled" ] && ! grep -q '"rule":"engine\.' "$tmp/clean.json"; then ok
else bad "the run without attacks has no bundled findings or has engine findings"; fi

n=0
for attack in tests/attack/rules/*.lua; do
    name=$(basename "$attack" .lua)
    n=$((n + 1))
    rm -rf "$tmp/r"
    mkdir "$tmp/r"
    cp "$attack" "$tmp/r/"
    start=$(date +%s)
    set +e
    # shellcheck disable=SC2086
    timeout -k 5 "$limit" "$bin" check --format json $limits --rules "$tmp/r" $inputs >"$tmp/out.json" 2>"$tmp/err"
    rc=$?
    set -e
    secs=$(($(date +%s) - start))
    what=$(sed -n '1s/^-- //p' "$attack")
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then bad "$name ($what): exit $rc after ${secs}s: $(head -c 300 "$tmp/err")"; continue; fi
    engine=$(grep '"rule":"engine\.' "$tmp/out.json" | grep "\"file\":\"$tmp/r/$name.lua\"" | head -1 || true)
    line=$(echo "$engine" | sed -n 's/.*"line":\([0-9]*\),.*/\1/p')
    if [ -z "$engine" ] || [ -z "$line" ] || [ "$line" = 0 ]; then
        bad "$name ($what): no engine finding with file and line: $(grep '"rule":"engine' "$tmp/out.json" | head -2 | cut -c1-300)"
        continue
    fi
    expect=$(sed -n 's/^-- expect: //p' "$attack" | head -1)
    if [ -n "$expect" ] && ! echo "$engine" | grep -qF "$expect"; then
        bad "$name ($what): the engine finding does not say '$expect': $(echo "$engine" | cut -c1-300)"
        continue
    fi
    bundled "$tmp/out.json" "$name" >"$tmp/got.bundled"
    if ! cmp -s "$tmp/clean.bundled" "$tmp/got.bundled"; then
        bad "$name ($what): bundled findings changed"; diff "$tmp/clean.bundled" "$tmp/got.bundled" | head -5; continue
    fi
    rule=$(echo "$engine" | sed -n 's/.*"rule":"\(engine\.[a-z-]*\)".*/\1/p')
    [ -n "${VERBOSE:-}" ] && echo "ok $name: $rule at line $line, ${secs}s"
    ok
done
[ "$n" -ge 40 ] && ok || bad "only $n attack files (at least 40)"
echo "attack: $pass passed, $fail failed ($n attacks)"
[ "$fail" = 0 ]
