#!/bin/sh
# tests/sarif/run.sh — the SARIF output (--format sarif) of the bundled report:
#
#   valid against the OASIS SARIF 2.1.0 schema (Debian python3-jsonschema;
#     the schema is tests/sarif/sarif-schema-2.1.0.json, see SCHEMA-SOURCE,
#     or $SARIF_SCHEMA)
#   one result per finding of the JSON output, same rule, level, line and
#     fingerprint; every ruleId is in tool.driver.rules at its ruleIndex
#   a region.startLine wherever the JSON has a line > 0, none where it has 0
#   partialFingerprints identical across two runs
#   file names with spaces, non-ASCII letters and ':' as valid URIs
#   with the baseline commands (once main.c has them): accepted findings
#     carry an accepted external suppression with the justification
#
# Shared setup as tests/e2e/run.sh: set -eu, LC_ALL=C, a temporary folder
# removed on exit, SOURCE_DATE_EPOCH fixed. Ends with "sarif: N passed, M
# failed" and exits non-zero on a failure.
set -eu
LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1795651200
export SOURCE_DATE_EPOCH
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin="$top/lakip-audit"
if [ "${VALGRIND:-}" = 1 ]; then bin="valgrind -q --error-exitcode=99 --leak-check=full $bin"; LAKIP_FREE_AT_EXIT=1; export LAKIP_FREE_AT_EXIT; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lakip-sarif.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
seed=fixtures/bangka-selatan-2019

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The system python: a pyenv or venv python3 earlier on PATH may lack the
# Debian module.
py=/usr/bin/python3
schema=${SARIF_SCHEMA:-$top/tests/sarif/sarif-schema-2.1.0.json}
[ -f "$schema" ] || schema=
if ! "$py" -c 'import jsonschema' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: python3-jsonschema"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema >/dev/null; } \
        || echo "sarif: could not install python3-jsonschema"
fi

# run ARGS... : sets $rc, output in $tmp/out, stderr in $tmp/err
run() {
    set +e
    $bin "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
}

cat >"$tmp/check.py" <<'PY'
import json, re, sys
from urllib.parse import unquote

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def validate(schema_path, sarif_path):
    import jsonschema
    schema, doc = load(schema_path), load(sarif_path)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:10]:
        print("  %s: %s" % ("/".join(map(str, e.path)), e.message[:300]))
    return not errors

LEVEL = {"error": "error", "warning": "warning", "info": "note"}

def compare(sarif_path, json_path):
    run = load(sarif_path)["runs"][0]
    findings = load(json_path)["findings"]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    problems = []
    if len(results) != len(findings):
        problems.append("%d results, %d findings in the JSON output" % (len(results), len(findings)))
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        problems.append("duplicate rule ids in tool.driver.rules")
    for i, (res, f) in enumerate(zip(results, findings)):
        where = "result %d (%s)" % (i, f["id"])
        if res["ruleId"] not in ids:
            problems.append("%s: ruleId %s not in rules[]" % (where, res["ruleId"]))
        elif ids[res.get("ruleIndex", -1)] != res["ruleId"]:
            problems.append("%s: ruleIndex %s is not %s" % (where, res.get("ruleIndex"), res["ruleId"]))
        if res["ruleId"] != f["rule"]:
            problems.append("%s: rule %s, JSON has %s" % (where, res["ruleId"], f["rule"]))
        if res["level"] != LEVEL[f["severity"]]:
            problems.append("%s: level %s for severity %s" % (where, res["level"], f["severity"]))
        if res["partialFingerprints"].get("lakipAudit/v1") != f["id"]:
            problems.append("%s: fingerprint %s" % (where, res["partialFingerprints"]))
        if res["message"]["text"] != f["message"]:
            problems.append("%s: message differs from the JSON output" % where)
        locs = res.get("locations", [])
        region = locs[0]["physicalLocation"].get("region") if locs else None
        if f["line"] > 0 and (not region or region.get("startLine") != f["line"]):
            problems.append("%s: JSON line %d, SARIF region %s" % (where, f["line"], region))
        if f["line"] == 0 and region:
            problems.append("%s: region %s for a finding without a line" % (where, region))
        if f["file"] and locs:
            loc = locs[0]["physicalLocation"]["artifactLocation"]
            art = run["artifacts"][loc["index"]]["location"]["uri"] if "index" in loc else None
            if art is not None and art != loc["uri"]:
                problems.append("%s: artifact index points at %s, uri is %s" % (where, art, loc["uri"]))
        elif f["file"]:
            problems.append("%s: no location for %s" % (where, f["file"]))
        props = res.get("properties", {})
        for key in ("table", "indicator", "reported", "expected", "formula"):
            if f[key] is not None and props.get(key) != f[key]:
                problems.append("%s: properties.%s = %r, JSON has %r" % (where, key, props.get(key), f[key]))
        if bool(res.get("suppressions")) != f["accepted"]:
            problems.append("%s: suppressions %s but accepted=%s" % (where, res.get("suppressions"), f["accepted"]))
    inputs = load(json_path)["inputs"]
    if len(run["artifacts"]) != len(inputs):
        problems.append("%d artifacts for %d inputs" % (len(run["artifacts"]), len(inputs)))
    for p in problems[:20]:
        print("  " + p)
    return not problems

def fingerprints(path):
    return [r["partialFingerprints"]["lakipAudit/v1"] for r in load(path)["runs"][0]["results"]]

def same_fingerprints(a, b):
    fa, fb = fingerprints(a), fingerprints(b)
    if fa != fb:
        print("  run 1: %s\n  run 2: %s" % (fa[:5], fb[:5]))
    return fa == fb and len(fa) > 0 and len(set(fa)) == len(fa)

# RFC 3986 URI-reference, path part only (what the writer produces)
PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})"
RELATIVE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})+(?:/" + PCHAR + r"*)*$")
ABSOLUTE = re.compile(r"^file:///(?:" + PCHAR + r"*)(?:/" + PCHAR + r"*)*$")

def uris(sarif_path, *paths):
    run = load(sarif_path)["runs"][0]
    got = [a["location"] for a in run["artifacts"]]
    ok = True
    for loc, path in zip(got, paths):
        uri = loc["uri"]
        if path.startswith("/"):
            good = ABSOLUTE.match(uri) and unquote(uri[len("file://"):]) == path and "uriBaseId" not in loc
        else:
            good = RELATIVE.match(uri) and unquote(uri) == path and loc.get("uriBaseId") == "%SRCROOT%"
        if not good:
            print("  %s -> %s" % (path, loc))
            ok = False
    return ok and len(got) == len(paths)

def suppressed(sarif_path, justification):
    results = load(sarif_path)["runs"][0]["results"]
    ok = bool(results)
    for i, res in enumerate(results):
        sup = res.get("suppressions")
        want = {"kind": "external", "status": "accepted"}
        if i == 0:
            want["justification"] = justification
        if sup != [want]:
            print("  result %d: suppressions %s, want %s" % (i, sup, [want]))
            ok = False
    return ok

cmd, args = sys.argv[1], sys.argv[2:]
sys.exit(0 if globals()[cmd](*args) else 1)
PY

check() { "$py" "$tmp/check.py" "$@"; }

# --- the bundled report -------------------------------------------------------
run check --format sarif --fail-on never "$seed"
cp "$tmp/out" "$tmp/r.sarif"
[ "$rc" = 0 ] && [ -s "$tmp/r.sarif" ] && ok || bad "check --format sarif: exit $rc: $(cat "$tmp/err")"
run check --format json --fail-on never "$seed"
cp "$tmp/out" "$tmp/r.json"
[ "$rc" = 0 ] && ok || bad "check --format json: exit $rc"

if [ -z "$schema" ]; then
    bad "schema: tests/sarif/sarif-schema-2.1.0.json is missing (or set SARIF_SCHEMA)"
elif ! "$py" -c 'import jsonschema' 2>/dev/null; then
    bad "schema: $py has no jsonschema module (apt-get install python3-jsonschema)"
else
    if check validate "$schema" "$tmp/r.sarif"; then ok; else bad "r.sarif is not valid SARIF 2.1.0"; fi
fi
if check compare "$tmp/r.sarif" "$tmp/r.json"; then ok; else bad "SARIF results do not match the JSON findings"; fi

# fingerprints are the same in a second run, and in English
run check --format sarif --fail-on never "$seed"
cp "$tmp/out" "$tmp/r2.sarif"
if check same_fingerprints "$tmp/r.sarif" "$tmp/r2.sarif"; then ok; else bad "fingerprints differ between two runs"; fi
if cmp -s "$tmp/r.sarif" "$tmp/r2.sarif"; then ok; else bad "two runs give different SARIF"; fi
run check --format sarif --fail-on never --lang en "$seed"
cp "$tmp/out" "$tmp/en.sarif"
grep -q '"language":"en"' "$tmp/en.sarif" && ok || bad "--lang en: run.language"
if check same_fingerprints "$tmp/r.sarif" "$tmp/en.sarif"; then ok; else bad "fingerprints depend on --lang"; fi
[ -n "$schema" ] && check validate "$schema" "$tmp/en.sarif" >/dev/null 2>&1 && ok || bad "en.sarif is not valid SARIF"

# -o writes the same log
run check --format sarif --fail-on never -o "$tmp/o.sarif" "$seed"
[ "$rc" = 0 ] && cmp -s "$tmp/o.sarif" "$tmp/r.sarif" && ok || bad "-o o.sarif differs from standard output"
# the exit code does not depend on the format
run check --format sarif "$seed"
[ "$rc" = 1 ] && ok || bad "--format sarif with errors: exit $rc, want 1"

# --- file names that need escaping in a URI -------------------------------------
mkdir "$tmp/data dir"
name="capaian é:1.csv"
cp tests/rules/capaian.truncated/fire.csv "$tmp/data dir/$name"
(
    cd "$tmp"
    set +e
    $bin check --format sarif --fail-on never --tahun 2019 "data dir/$name" >"$tmp/rel.sarif" 2>"$tmp/err"
)
if check uris "$tmp/rel.sarif" "data dir/$name"; then ok; else bad "relative URI for '$name'"; fi
run check --format sarif --fail-on never --tahun 2019 "$tmp/data dir/$name"
cp "$tmp/out" "$tmp/abs.sarif"
if check uris "$tmp/abs.sarif" "$tmp/data dir/$name"; then ok; else bad "absolute URI for '$name'"; fi
[ -n "$schema" ] && check validate "$schema" "$tmp/abs.sarif" >/dev/null 2>&1 && ok || bad "abs.sarif is not valid SARIF"

# --- baseline (once main.c has the baseline command and --baseline) ------------
if $bin --help 2>/dev/null | grep -q -- '--baseline'; then
    run baseline -o "$tmp/base.json" "$seed"
    [ "$rc" = 0 ] && [ -s "$tmp/base.json" ] && ok || bad "baseline -o: exit $rc: $(cat "$tmp/err")"
    # a reviewer justifies the first finding by hand
    sed '2s/"justification":""/"justification":"Dikonfirmasi \\"OK\\" oleh Inspektorat"/' "$tmp/base.json" >"$tmp/base2.json"
    run check --format sarif --baseline "$tmp/base2.json" "$seed"
    cp "$tmp/out" "$tmp/b.sarif"
    [ "$rc" = 0 ] && ok || bad "check --baseline: exit $rc, want 0 (every finding accepted): $(cat "$tmp/err")"
    if check suppressed "$tmp/b.sarif" 'Dikonfirmasi "OK" oleh Inspektorat'; then ok; else bad "accepted findings are not suppressed"; fi
    [ -n "$schema" ] && check validate "$schema" "$tmp/b.sarif" >/dev/null 2>&1 && ok || bad "b.sarif is not valid SARIF"
    if check same_fingerprints "$tmp/r.sarif" "$tmp/b.sarif"; then ok; else bad "fingerprints change with --baseline"; fi
else
    echo "sarif: baseline checks skipped (lakip-audit has no --baseline yet)"
fi

# coverage (issue 7): counts in run.properties, the coverage sentence and
# every file or block not read as notifications, still valid SARIF
mkdir "$tmp/mixed"
cp tests/rules/capaian.truncated/fire.csv "$tmp/mixed/a.csv"
cp tests/e2e/bad/ragged.csv "$tmp/mixed/b.csv"
cp tests/rules/input.unread-block/fire.md "$tmp/mixed/c.md"
run check --format sarif --fail-on never "$tmp/mixed"
cp "$tmp/out" "$tmp/cov.sarif"
[ -n "$schema" ] && check validate "$schema" "$tmp/cov.sarif" >/dev/null 2>&1 && ok || bad "cov.sarif is not valid SARIF"
grep -q '"toolExecutionNotifications":\[' "$tmp/cov.sarif" && grep -q '{"level":"note","message":{"text":"Cakupan: 2 berkas dibaca; ' "$tmp/cov.sarif" \
    && grep -q '"level":"warning","message":{"text":"[^"]*b.csv:3: row has 3 fields' "$tmp/cov.sarif" \
    && grep -q '"level":"warning","message":{"text":"[^"]*c.md:6: kolom dirapikan dengan spasi' "$tmp/cov.sarif" \
    && grep -q '"properties":{"coverage":{"files":2,"filesUnread":1,' "$tmp/cov.sarif" && ok || bad "coverage in SARIF"

echo "sarif: $pass passed, $fail failed"
[ "$fail" = 0 ]
