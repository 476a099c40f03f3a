#!/bin/sh
# tests/e2e/run.sh — end-to-end tests of the lakip-audit binary.
#
#   golden/NAME.args + NAME.json   run `check --format json ARGS`, compare with the golden file
#   ../rules/RULE/{fire,silent}.*  per-rule fixtures, through `lakip-audit rules test`: the
#                                  (line rule) list of RULE's findings must equal fire.expect /
#                                  silent.expect (silent: none if absent)
#   bad/NAME.* + NAME.err          bad input: exit 2 and exactly this message on stderr
#   cli cases below                exit codes, output files, languages, sandboxed user rules
#
# Shared setup: set -eu, LC_ALL=C, a temporary folder removed on exit, a
# fixed SOURCE_DATE_EPOCH so reports carry a stable date. VALGRIND=1 runs
# the binary under valgrind.
set -eu
LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1795651200    # 2026-11-27
export SOURCE_DATE_EPOCH
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin="$top/lakip-audit"
if [ "${VALGRIND:-}" = 1 ]; then bin="valgrind -q --error-exitcode=99 --leak-check=full $bin"; LAKIP_FREE_AT_EXIT=1; export LAKIP_FREE_AT_EXIT; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run ARGS... : sets $rc, output in $tmp/out, stderr in $tmp/err
run() {
    set +e
    $bin "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
}

# The (line rule) pairs of a JSON report, one per line.
pairs() {
    sed -n 's/^{"id":"[^"]*","rule":"\([^"]*\)","severity":"[^"]*","file":"[^"]*","line":\([0-9]*\),.*/\2 \1/p' "$1"
}

# Replaces the tool version (it changes with every commit) before comparing.
normalise() {
    sed 's/"version":"[^"]*"/"version":"X"/' "$1"
}

# --- golden end-to-end reports --------------------------------------------
for args in tests/e2e/golden/*.args; do
    [ -e "$args" ] || continue
    name=${args%.args}
    # shellcheck disable=SC2046
    run check --format json --fail-on never $(cat "$args")
    if [ "$rc" != 0 ]; then bad "golden $(basename "$name"): exit $rc: $(cat "$tmp/err")"; continue; fi
    normalise "$tmp/out" >"$tmp/got.json"
    if normalise "$name.json" | diff -u - "$tmp/got.json" >"$tmp/diff"; then ok
    else bad "golden $(basename "$name") differs:"; head -40 "$tmp/diff"; fi
done

# the seed audit finds what the issue names: a capaian whose arithmetic is
# wrong (477), a truncated value (495), the lower-is-better formula on a count
# (595) and a budget row whose % does not follow from its numbers (671)
pairs tests/e2e/golden/bangka-selatan-2019.json >"$tmp/seed"
for want in "477 capaian.arithmetic" "495 capaian.truncated" "595 capaian.count-formula" "671 capaian.arithmetic" \
            "472 tahun.table" "604 konsistensi.value" "596 duplikat.conflict" "285 jumlah.breakdown" "658 narasi.table-mismatch"; do
    grep -qx "$want" "$tmp/seed" && ok || bad "seed golden lacks: $want"
done

# the header states the lower-is-better formula in force and its source (ctx:note)
run check --fail-on never fixtures/bangka-selatan-2019
grep -q '^Catatan  : Rumus indikator lebih rendah lebih baik: (100 − realisasi) / (100 − target) × 100 (dinyatakan laporan, lakip-2019-bangka-selatan.md:468)' "$tmp/out" \
    && ok || bad "seed header lacks the formula note"

# --- per-rule fixtures ------------------------------------------------------
# `lakip-audit rules test` (src/rules_test.h) runs every fire*/silent* input of
# tests/rules/RULE/ and compares that rule's findings with KIND.expect; it
# fails on a rule without a fire fixture too
run rules test --fixtures tests/rules
if [ "$rc" = 0 ] && grep -q '^rules test: [0-9]* passed, 0 failed$' "$tmp/out"; then ok
else bad "rules test --fixtures tests/rules: exit $rc"; grep -v '^ok ' "$tmp/out"; cat "$tmp/err"; fi

# --- precision: reports the rules were not built from -------------------------
# tests/precision/NAME.md are excerpts of other published reports (numbers as
# published, sentences our own); NAME.expect lists every finding, each judged
# by hand a true defect of the report or a true statement of what the tool
# could not read (docs/PRECISION.md). A false finding coming back fails here.
for input in tests/precision/*.md; do
    [ -e "$input" ] || continue
    run check --format json --fail-on never "$input"
    if [ "$rc" != 0 ]; then bad "precision $input: exit $rc: $(cat "$tmp/err")"; continue; fi
    pairs "$tmp/out" >"$tmp/got"
    if diff -u "${input%.md}.expect" "$tmp/got" >"$tmp/diff"; then ok
    else bad "precision $input: findings differ from the judged list (want/got):"; cat "$tmp/diff"; fi
done

# --- workbooks and documents ---------------------------------------------------
# The seed as .docx and .odt gives the findings of its .md, and its tables as
# .xlsx and .ods those of the CSV exports (same rule, indicator, reported and
# expected value), so a report is judged the same whatever form it comes in.
# Not compared: capaian.truncation-pattern summarises per file (one workbook
# vs five CSV files) and rumus.* reads formulas, which only workbooks have.
facts() {   # FILE.json EXCLUDE-REGEX -> sorted "rule | indicator | reported | expected"
    python3 - "$1" "$2" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
rows = [" | ".join(str(f.get(k)) for k in ("rule", "indicator", "reported", "expected"))
        for f in d["findings"] if not re.match(sys.argv[2], f["rule"])]
print("\n".join(sorted(rows)))
PY
}
seed19=fixtures/bangka-selatan-2019
office=$seed19/office
# same_facts WANT.facts EXCLUDE CONF FILE...: each FILE gives WANT's findings
same_facts() {
    want=$1 exclude=$2 conf=$3
    shift 3
    for input in "$@"; do
        run check --format json --fail-on never "$conf" "$input"
        if [ "$rc" != 0 ]; then bad "$input: exit $rc: $(cat "$tmp/err")"; continue; fi
        facts "$tmp/out" "$exclude" >"$tmp/got.facts"
        if [ -s "$want" ] && diff -u "$want" "$tmp/got.facts" >"$tmp/diff"; then ok
        else bad "$input: findings differ from $(basename "$want" .facts):"; head -30 "$tmp/diff"; fi
    done
}
run check --format json --fail-on never "$seed19/lakip-audit.conf" "$seed19/lakip-2019-bangka-selatan.md"
facts "$tmp/out" '^$' >"$tmp/md.facts"
same_facts "$tmp/md.facts" '^$' "$office/lakip-audit.conf" \
    "$office/lakip-2019-bangka-selatan.docx" "$office/lakip-2019-bangka-selatan.odt"
run check --format json --fail-on never "$seed19/csv"
facts "$tmp/out" '^(capaian\.truncation-pattern|rumus\.)' >"$tmp/csv.facts"
same_facts "$tmp/csv.facts" '^(capaian\.truncation-pattern|rumus\.)' "$office/lakip-audit.conf" \
    "$office/tabel-2019-bangka-selatan.xlsx" "$office/tabel-2019-bangka-selatan.ods"
# the same workbook saved as .xls (BIFF8, read by src/input/xls_load.c)
# gives the .xlsx's findings, formula findings included
run check --format json --fail-on never "$office/lakip-audit.conf" "$office/tabel-2019-bangka-selatan.xlsx"
facts "$tmp/out" '^$' >"$tmp/xlsx.facts"
same_facts "$tmp/xlsx.facts" '^$' "$office/lakip-audit.conf" "$office/tabel-2019-bangka-selatan.xls"
# hand-written BIFF8 (tests/office/make_xls.py): a string split across
# CONTINUE records, UTF-16 text, RK/MULRK numbers, fractions through 0.00%,
# a LABEL cell, a custom format; the same workbook in the mini stream
for xls in formats mini; do
    run tables --format csv "tests/e2e/xls/$xls.xls"
    grep -qx '1;Persentase penduduk miskin yang mendapat bantuan sosial;%;28,00;15,00;53,57%;PK 2019!3:3' "$tmp/out" \
        && grep -qx '2;Jumlah tenaga kerja yang ditempatkan;orang;229.056 orang;274.564 orang;119,87%;PK 2019!4:4' "$tmp/out" \
        && grep -qx '3;Indeks kepuasan masyarakat (skala 1–4);indeks;3,40;3,10;89,87%;PK 2019!5:5' "$tmp/out" \
        && grep -qx '4;Angka partisipasi kasar SMA;%;80,00;81,20;101,50%;PK 2019!6:6' "$tmp/out" \
        && ok || bad "$xls.xls read as: $(tr '\n' '|' <"$tmp/out")"
    run check --format json --fail-on never "tests/e2e/xls/$xls.xls"
    pairs "$tmp/out" | tr '\n' ' ' >"$tmp/got"
    [ "$(cat "$tmp/got")" = "5 capaian.arithmetic 5 rumus.hardcoded " ] && ok || bad "$xls.xls findings: $(cat "$tmp/got")"
done
# a line quoted inside a rule's sentence names the sheet row (or the PDF
# page and table row), not the line of the text the loader made
run check --fail-on never "$office/tabel-2019-bangka-selatan.xlsx"
grep -q 'sesudah nomor 1 (baris 4) langsung nomor 3' "$tmp/out" && ! grep -q 'baris 88' "$tmp/out" \
    && ok || bad "xlsx sentence line: $(grep 'sesudah nomor' "$tmp/out")"
run check --fail-on never "$seed19/pdf/lakip-2019-bangka-selatan-libreoffice.pdf"
grep -q 'nama serupa di hlm\. [0-9]*, tabel [0-9]*, baris 11 (14 Kasus), hlm\. [0-9]*, tabel [0-9]*, baris 12 (5 Kasus)' "$tmp/out" \
    && ! grep -q 'baris [0-9][0-9][0-9]' "$tmp/out" && ok || bad "pdf sentence lines: $(grep -o 'baris [0-9][0-9][0-9][^;]*' "$tmp/out" | head -3)"
# `tables` names sheets, cells and sheet columns for a workbook
run tables "$office/tabel-2019-bangka-selatan.xlsx"
grep -q '^== Tabel .*tabel-2019-bangka-selatan.xlsx:IKU Sosial!A1 — Urusan Sosial$' "$tmp/out" \
    && grep -q '^     5  E   %  ' "$tmp/out" && ok || bad "tables on a workbook: no sheet places"
# places instead of lines, in every format (LibreOffice joins tables that
# follow each other without a paragraph, so the .odt numbers tables its own way)
run check --fail-on never "$office/tabel-2019-bangka-selatan.xlsx"
grep -q '^  GALAT       PK 2019!E8 *2\. Persentase PMKS yang Tertangani' "$tmp/out" && ok || bad "xlsx text report: no cell place PK 2019!E8"
grep -q '^== Tabel: REALISASI PERJANJIAN KINERJA (PK) — tabel-2019-bangka-selatan.xlsx:PK 2019!A1$' "$tmp/out" && ok || bad "xlsx text report: no table place"
run check --fail-on never --lang en "$office/lakip-2019-bangka-selatan.odt"
grep -q '^  ERROR       table 4, row 8 2\. Persentase PMKS' "$tmp/out" && ok || bad "odt English text report: no table/row place"
run check --fail-on never --format sarif "$office/lakip-2019-bangka-selatan.docx"
grep -q '"logicalLocations":\[{"fullyQualifiedName":"tabel 8, baris 8"}\]' "$tmp/out" && ok || bad "docx SARIF: no logical location"

# --- bad input ----------------------------------------------------------------
for err in tests/e2e/bad/*.err; do
    [ -e "$err" ] || continue
    name=${err%.err}
    input=$(ls "$name".* | grep -v '\.err$' | head -1)
    run check "$input"
    if [ "$rc" != 2 ]; then bad "bad input $(basename "$name"): exit $rc, want 2"; continue; fi
    if diff -u "$err" "$tmp/err" >"$tmp/diff"; then ok
    else bad "bad input $(basename "$name"): message differs:"; cat "$tmp/diff"; fi
done

# --- command line -------------------------------------------------------------
seed=fixtures/bangka-selatan-2019

run --help
[ "$rc" = 0 ] && grep -q '^usage: lakip-audit check' "$tmp/out" && ok || bad "--help"
run --version
[ "$rc" = 0 ] && grep -q '^lakip-audit ' "$tmp/out" && ok || bad "--version"
run check --frobnicate "$seed"
[ "$rc" = 2 ] && grep -q "unknown option '--frobnicate'" "$tmp/err" && ok || bad "unknown option: rc=$rc"
run check
[ "$rc" = 2 ] && grep -q 'no PATH given' "$tmp/err" && ok || bad "no path: rc=$rc"
run check --format yaml "$seed"
[ "$rc" = 2 ] && ok || bad "unknown format: rc=$rc"
run check does-not-exist.csv
[ "$rc" = 2 ] && grep -q 'does-not-exist.csv' "$tmp/err" && ok || bad "missing file: rc=$rc"

# exit codes follow --fail-on: the seed has errors
run check "$seed"
[ "$rc" = 1 ] && ok || bad "seed with default --fail-on: rc=$rc, want 1"
run check --fail-on never "$seed"
[ "$rc" = 0 ] && ok || bad "--fail-on never: rc=$rc"
# the text report is in Indonesian by default, English with --lang en
run check --fail-on never "$seed"
grep -q '^Ringkasan: ' "$tmp/out" && grep -q '^== Tabel: ' "$tmp/out" && ok || bad "Indonesian text report"
run check --fail-on never --lang en "$seed"
grep -q '^Summary: ' "$tmp/out" && grep -q '^== Table: ' "$tmp/out" && ok || bad "English text report"

# -o writes the whole file; refuses to overwrite an input; fails cleanly
run check --fail-on never --format json -o "$tmp/report.json" "$seed"
[ "$rc" = 0 ] && [ ! -s "$tmp/out" ] && tail -c 3 "$tmp/report.json" | grep -q '}}' && ok || bad "-o file"
cp tests/e2e/bad/bad-number.csv "$tmp/input.csv"
cksum "$tmp/input.csv" >"$tmp/sum.before"
run check -o "$tmp/input.csv" "$tmp/input.csv"
cksum "$tmp/input.csv" >"$tmp/sum.after"
[ "$rc" = 2 ] && grep -q 'refusing to overwrite an input' "$tmp/err" && cmp -s "$tmp/sum.before" "$tmp/sum.after" && ok \
    || bad "-o onto an input: rc=$rc"
run check --fail-on never -o "$tmp/no-such-dir/report.txt" "$seed"
[ "$rc" = 2 ] && [ ! -e "$tmp/no-such-dir" ] && ok || bad "-o into a missing folder: rc=$rc"

# year from the command line wins over lakip-audit.conf
run check --fail-on never --format json --tahun 2020 "$seed"
grep -q '"year":2020,"year_source":"command line"' "$tmp/out" && ok || bad "--tahun"

# a broken or runaway user rule is reported; the shipped rules still run
mkdir "$tmp/userrules"
cat >"$tmp/userrules/loop.lua" <<'LUA'
return {
  rules = { { id = "loop.forever", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) while true do end end,
}
LUA
printf 'return { rules = {\n' >"$tmp/userrules/broken.lua"
run check --fail-on never --format json --max-instructions 2000000 --rules "$tmp/userrules" "$seed"
pairs "$tmp/out" >"$tmp/got"
grep -q ' engine.rule-timeout$' "$tmp/got" && grep -q ' engine.rule-load$' "$tmp/got" \
    && grep -q ' capaian.arithmetic$' "$tmp/got" && ok || bad "user rules sandbox: $(cat "$tmp/got" | tr '\n' ';')"
# the check functions are read from the table a file returns, once, when it
# is loaded (docs/RULES.md "Check functions"): a file that assigns another
# check_row to that table in begin still has its first one called
mkdir "$tmp/hookrules"
cat >"$tmp/hookrules/kait.lua" <<'LUA'
local M
M = {
  rules = {
    { id = "kait.first", severity = "info", title = "t", explanation = "e", message = "m" },
    { id = "kait.later", severity = "info", title = "t", explanation = "e", message = "m" },
  },
  begin = function(ctx, report)
    M.check_row = function(ctx, t, row) ctx:emit("kait.later", row) end
  end,
  check_row = function(ctx, t, row) ctx:emit("kait.first", row) end,
}
return M
LUA
run check --fail-on never --format json --rules "$tmp/hookrules" "$seed"
pairs "$tmp/out" >"$tmp/got"
grep -q ' kait.first$' "$tmp/got" && ! grep -q ' kait.later$' "$tmp/got" && ! grep -q ' engine\.' "$tmp/got" \
    && ok || bad "check functions read once: $(grep -c ' kait.first$' "$tmp/got") first, $(grep -c ' kait.later$' "$tmp/got") later, $(grep ' engine\.' "$tmp/got" | head -2 | tr '\n' ';')"
run check --rules "$tmp/missing-folder" "$seed"
[ "$rc" = 2 ] && grep -q 'missing-folder' "$tmp/err" && ok || bad "--rules missing folder: rc=$rc"

# make install puts the binary, rules and man page under PREFIX, and the
# installed binary finds its rules there
make -s install PREFIX="$tmp/inst" >/dev/null
"$tmp/inst/bin/lakip-audit" check --fail-on never "$seed" >"$tmp/out" 2>"$tmp/err" \
    && grep -q 'capaian.arithmetic' "$tmp/out" && [ -f "$tmp/inst/share/man/man1/lakip-audit.1" ] && ok || bad "make install"
# progress goes to stderr only when it is a terminal
run check --fail-on never "$seed"
[ ! -s "$tmp/err" ] && ok || bad "stderr not quiet when not a terminal"

# docs/RULES.md is generated from the rule files and must be current
sh tests/gen_rules_md.sh >"$tmp/RULES.md"
if diff -u docs/RULES.md "$tmp/RULES.md" >"$tmp/diff"; then ok
else bad "docs/RULES.md is out of date with the rule files (run make docs):"; head -20 "$tmp/diff"; fi
run rules
[ "$rc" = 0 ] && grep -q '^capaian.arithmetic  *error ' "$tmp/out" && ok || bad "rules list"
run rules explain capaian.truncated
[ "$rc" = 0 ] && grep -q '^capaian.truncated — ' "$tmp/out" && grep -q 'Contoh' "$tmp/out" && ok || bad "rules explain"
run rules explain no.such-rule
[ "$rc" = 2 ] && ok || bad "rules explain unknown: rc=$rc"

# settings file: applied, overridden by the command line, validated with file:line
mkdir "$tmp/conf"
cp tests/rules/capaian.truncated/fire.csv "$tmp/conf/data.csv"
printf 'tahun = 2019\nlang = en\ndisable = capaian.truncated\n' >"$tmp/conf/lakip-audit.conf"
run check --fail-on never "$tmp/conf"
grep -q '^Summary: 0 errors, 0 warnings, 0 info' "$tmp/out" && ok || bad "conf: lang/disable not applied: $(head -8 "$tmp/out")"
run check --fail-on never --lang id "$tmp/conf"
grep -q '^Ringkasan: ' "$tmp/out" && ok || bad "conf: --lang on the command line must win"
printf 'severity.capaian.truncated = error\n' >"$tmp/conf/lakip-audit.conf"
run check "$tmp/conf"
[ "$rc" = 1 ] && grep -q 'GALAT' "$tmp/out" && ok || bad "conf: severity override: rc=$rc"
printf 'tahun = 2019\ncolour = red\n' >"$tmp/conf/lakip-audit.conf"
run check "$tmp/conf"
[ "$rc" = 2 ] && grep -q "lakip-audit.conf:2: unknown setting \"colour\"" "$tmp/err" && ok || bad "conf: unknown key: rc=$rc $(cat "$tmp/err")"
printf 'disable = capaian.nonsense\n' >"$tmp/conf/lakip-audit.conf"
run check "$tmp/conf"
[ "$rc" = 2 ] && grep -q "lakip-audit.conf:1: unknown rule \"capaian.nonsense\"" "$tmp/err" && ok || bad "conf: unknown rule: rc=$rc"
printf 'rounding = truncation-ok\n' >"$tmp/other.conf"
rm "$tmp/conf/lakip-audit.conf"
run check --format json --config "$tmp/other.conf" "$tmp/conf"
[ "$rc" = 0 ] && ! grep -q 'capaian.truncated' "$tmp/out" && ok || bad "--config with rounding = truncation-ok: rc=$rc"

# one resolution of every setting (src/settings.c): command line > settings
# file > inferred from the report > default, each value with its source.
# The seed document's title page says 2019; a settings file says 2019 too.
mkdir "$tmp/year"
cp "$seed/lakip-2019-bangka-selatan.md" "$tmp/year/"
printf 'tahun = 2019\n' >"$tmp/year/lakip-audit.conf"
run check --fail-on never --format json --tahun 2020 "$tmp/year"
grep -q '"year":2020,"year_source":"command line"' "$tmp/out" && ok || bad "settings: --tahun beats file and report"
run check --explain-settings --lang en --tahun 2020 "$tmp/year"
[ "$rc" = 0 ] && [ "$(sed -n 3p "$tmp/out")" = "tahun                  2020                     command line (--tahun)" ] \
    && grep -q "^  *2019  *settings file $tmp/year/lakip-audit.conf:1 — overridden\$" "$tmp/out" \
    && grep -q "^  *2019  *inferred from $tmp/year/lakip-2019-bangka-selatan.md:5 — overridden\$" "$tmp/out" \
    && ! grep -q 'Summary' "$tmp/out" && ok || bad "settings: --explain-settings: rc=$rc $(head -6 "$tmp/out")"
printf 'tahun = 2018\n' >"$tmp/year/lakip-audit.conf"
run check --fail-on never --format json "$tmp/year"
grep -q '"year":2018,"year_source":"lakip-audit.conf:1"' "$tmp/out" && ok || bad "settings: the file beats the report"
rm "$tmp/year/lakip-audit.conf"
run check --fail-on never --format json "$tmp/year"
grep -q "\"year\":2019,\"year_source\":\"inferred from $tmp/year/lakip-2019-bangka-selatan.md:5\"" "$tmp/out" \
    && ok || bad "settings: inferred from the report"
# --config: the source names that file (not lakip-audit.conf), and a later file beats a folder's
printf 'tahun = 2017\n' >"$tmp/year/lakip-audit.conf"
printf '\ntahun = 2016\n' >"$tmp/year-2016.conf"
run check --fail-on never --format json --config "$tmp/year-2016.conf" "$tmp/year"
grep -q '"year":2016,"year_source":"year-2016.conf:2"' "$tmp/out" && ok || bad "settings: --config source"
rm "$tmp/year/lakip-audit.conf"
# number_style in a --config file applies to the tables (it was read after them)
printf 'No;Indikator;Target;Realisasi;Capaian\n1;A;1.500;1.200;80\n' >"$tmp/style.csv"
printf 'number_style = en\n' >"$tmp/style.conf"
run tables --config "$tmp/style.conf" "$tmp/style.csv"
grep -q 'target  \[1,234.5; dipaksa pengaturan\]' "$tmp/out" && ok || bad "settings: number_style in --config"
# bad values at each source: the option, or the file and line; exit 2
run check --tahun 1999 "$tmp/year"
[ "$rc" = 2 ] && grep -q "^lakip-audit: --tahun: expected a year from 2000 to 2100, got '1999'\$" "$tmp/err" \
    && ok || bad "settings: --tahun 1999: rc=$rc $(cat "$tmp/err")"
printf 'lang = en\ntahun = 1999\n' >"$tmp/year/lakip-audit.conf"
run check "$tmp/year"
[ "$rc" = 2 ] && grep -q "^lakip-audit: $tmp/year/lakip-audit.conf:2: tahun must be a year from 2000 to 2100, not \"1999\"\$" "$tmp/err" \
    && ok || bad "settings: tahun = 1999: rc=$rc $(cat "$tmp/err")"
printf 'fail_on = sometimes\n' >"$tmp/bad.conf"
rm "$tmp/year/lakip-audit.conf"
run check --config "$tmp/bad.conf" "$tmp/year"
[ "$rc" = 2 ] && grep -q "^lakip-audit: $tmp/bad.conf:1: fail_on must be error, warning, info or never, not \"sometimes\"\$" "$tmp/err" \
    && ok || bad "settings: bad --config value: rc=$rc $(cat "$tmp/err")"
# a header year outside the range is not inferred: the year stays unknown
printf 'No;Indikator;Target 1999;Realisasi 1999;Capaian\n1;A;50;50;100\n' >"$tmp/y1999.csv"
run check --fail-on never --format json "$tmp/y1999.csv"
grep -q '"report":{"year":null,"year_source":null' "$tmp/out" && ok || bad "settings: 1999 inferred"
for bad_option in "--jobs 0" "--group-by ," "--max-memory 0" "--lang fr" "--number-style de" "--format pdf"; do
    # shellcheck disable=SC2086
    run check $bad_option "$seed"
    [ "$rc" = 2 ] && grep -q "^lakip-audit: ${bad_option%% *}: expected " "$tmp/err" && ok || bad "settings: $bad_option: rc=$rc $(cat "$tmp/err")"
done
run merge --fail-on fatal tests/e2e/golden/bangka-selatan-2019.json
[ "$rc" = 2 ] && grep -q "^lakip-audit: --fail-on: expected error, warning, info or never, got 'fatal'" "$tmp/err" \
    && ok || bad "settings: merge --fail-on: rc=$rc"
run tables --explain-settings --number-style en "$tmp/style.csv"
[ "$rc" = 0 ] && grep -q '^number_style  *en  *baris perintah (--number-style)$' "$tmp/out" && ok || bad "settings: tables --explain-settings"
run check --explain-settings fixtures/portfolio
[ "$rc" = 2 ] && ok || bad "settings: --explain-settings on a portfolio: rc=$rc"

# --- never silent: coverage, unreadable files, encodings, `tables` ------------
# a file from which nothing could be checked fails the default --fail-on error
run check tests/rules/input.nothing-checked/fire.md
[ "$rc" = 1 ] && grep -q 'input.nothing-checked' "$tmp/out" && ok || bad "nothing checked: rc=$rc, want 1"
run check --format json --fail-on never tests/rules/input.nothing-checked/fire-unparsed.csv
grep -q '"coverage":{"files":1,"files_unread":0,"tables":1,"tables_recognised":1,"tables_checked":0,"rows":2,"rows_checked":0,"values_read":4,"values_recomputed":0,"values_compared":0,"values_not_checkable":2,"cells_unparsed":2,"unread":0,' "$tmp/out" \
    && ok || bad "coverage of unparsed cells: $(sed -n 2p "$tmp/out")"
# the seed: every table but the staff list has a header, and values were recomputed
run check --format json --fail-on never "$seed"
grep -q '"coverage":{"files":1,"files_unread":0,"tables":11,"tables_recognised":10,"tables_checked":11,' "$tmp/out" \
    && grep -q '"by_family":{"capaian":{"recomputed":102,' "$tmp/out" && ok || bad "seed coverage: $(sed -n 2p "$tmp/out" | cut -c1-300)"

# a folder with one bad file and one unsupported report file: both are
# error findings, the good file is still audited, exit 1 (not 2)
mkdir "$tmp/mixed"
cp tests/rules/capaian.truncated/fire.csv "$tmp/mixed/a-good.csv"
cp tests/e2e/bad/ragged.csv "$tmp/mixed/b-ragged.csv"
printf '\320\317\021\340' >"$tmp/mixed/c-sheet.xls"   # an .xls cut short after its signature
echo '{}' >"$tmp/mixed/d-output.json"      # not a report file: ignored
run check --format json "$tmp/mixed"
pairs "$tmp/out" >"$tmp/got"
[ "$rc" = 1 ] && grep -qx '3 input.unreadable' "$tmp/got" && grep -qx '0 input.unreadable' "$tmp/got" \
    && grep -q ' capaian.truncated$' "$tmp/got" && [ "$(grep -c input.unreadable "$tmp/got")" = 2 ] \
    && grep -q '"files":1,"files_unread":2,' "$tmp/out" && ok || bad "folder with bad files: rc=$rc $(tr '\n' ';' <"$tmp/got")"
grep -q 'b-ragged.csv:3: row has 3 fields' "$tmp/err" && bad "bad file in a folder went to stderr" || ok
# ... but a single PATH that cannot be read at all is still exit 2
run check "$tmp/mixed/b-ragged.csv"
[ "$rc" = 2 ] && ok || bad "single unreadable path: rc=$rc, want 2"

# Windows-1252 (Excel on an Indonesian PC) and UTF-16 with BOM are read, and said so
for f in fire.csv:Windows-1252:true fire-utf16.txt:UTF-16LE:false; do
    file=${f%%:*}; rest=${f#*:}; enc=${rest%%:*}; assumed=${rest#*:}
    run check --format json --fail-on never "tests/rules/input.encoding/$file"
    grep -q "\"encoding\":\"$enc\",\"encoding_assumed\":$assumed,\"tables\":1,\"tables_recognised\":1,\"tables_checked\":1,\"rows\":3,\"rows_checked\":3,\"values_read\":9,\"values_recomputed\":3," "$tmp/out" \
        && ok || bad "$file: encoding/coverage: $(sed -n 2p "$tmp/out" | cut -c1-400)"
    run tables "tests/rules/input.encoding/$file"
    grep -q "^Berkas: tests/rules/input.encoding/$file ($enc, " "$tmp/out" && ok || bad "$file: tables: $(head -3 "$tmp/out")"
done
# the text is decoded, not just accepted: a wrong capaian names its indicator in UTF-8
printf 'No;Indikator Kinerja;Target;Realisasi;Capaian\r\n1;Desa Swadaya \226 Mandiri (m\262);40,00;38,50;99,00\r\n' >"$tmp/cp1252.csv"
run check --format json --fail-on never "$tmp/cp1252.csv"
grep -q '"rule":"capaian.arithmetic".*"indicator":"Desa Swadaya – Mandiri (m²)"' "$tmp/out" && ok || bad "Windows-1252 text: $(sed -n '4,$p' "$tmp/out" | cut -c1-300)"
printf 'No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tDesa Swadaya – Mandiri (m²)\t40,00\t38,50\t99,00\n' \
    | iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.txt"    # iconv writes a BOM
run check --format json --fail-on never "$tmp/utf16.txt"
grep -q '"rule":"capaian.arithmetic".*"indicator":"Desa Swadaya – Mandiri (m²)"' "$tmp/out" && grep -q '"encoding":"UTF-16' "$tmp/out" \
    && ok || bad "UTF-16 text: $(sed -n '2,$p' "$tmp/out" | cut -c1-300)"
run check --format json --fail-on never tests/rules/input.encoding/fire.csv
grep -q '"indicator":null' "$tmp/out" && grep -q 'dibaca sebagai Windows-1252 (ditebak' "$tmp/out" && ok || bad "1252 finding text"

# every format states the coverage and what was not read
run check --fail-on never tests/rules/input.unread-block/fire.md
grep -q '^Cakupan: 1 berkas dibaca; 0 tabel, 0 dengan judul kolom dikenali, 0 diperiksa; 0 dari 0 baris diperiksa\.$' "$tmp/out" \
    && grep -q '^Tidak terbaca:$' "$tmp/out" && grep -q '^  tests/rules/input.unread-block/fire.md:6: kolom dirapikan dengan spasi' "$tmp/out" \
    && ok || bad "text coverage: $(head -12 "$tmp/out")"
run check --fail-on never --lang en "$seed"
grep -q '^Coverage: 1 file read; 11 tables, 10 with a recognised header, 11 checked; 173 of 176 rows checked\.$' "$tmp/out" \
    && grep -q '^Values: 465 numbers read; 113 recomputed, 121 compared, 1 not checkable; 0 cells not numbers; 0 files or blocks not read\.$' "$tmp/out" \
    && ok || bad "text coverage (en): $(sed -n 7,10p "$tmp/out")"
run check --fail-on never --format md tests/rules/input.unread-block/fire.md
grep -q '^Cakupan: 1 berkas dibaca; ' "$tmp/out" && grep -q '^- tests/rules/input.unread-block/fire.md:6: kolom dirapikan' "$tmp/out" \
    && ok || bad "markdown coverage"
run check --fail-on never --format html tests/rules/input.unread-block/fire.md
grep -q '<div id="coverage">' "$tmp/out" && grep -q '<li class="unread">tests/rules/input.unread-block/fire.md:6: kolom dirapikan' "$tmp/out" \
    && ok || bad "html coverage"

# lakip-audit tables: each table with caption, header, style, rows, years, column roles
run tables "$seed/csv"
sed -n '/^== Tabel fixtures\/bangka-selatan-2019\/csv\/pk-realisasi-2019.csv:1 — REALISASI PERJANJIAN KINERJA (PK)$/,/^$/p' "$tmp/out" >"$tmp/pk"
[ "$rc" = 0 ] && grep -q '^  keterangan  : Tahun Anggaran = 2018 (baris 3)$' "$tmp/pk" \
    && grep -q '^  gaya angka  : koma desimal (1.234,5)$' "$tmp/pk" && grep -q '^  judul kolom : baris 4$' "$tmp/pk" \
    && grep -q '^  baris       : 24 (20 data, 4 kelompok, 0 jumlah)$' "$tmp/pk" \
    && grep -q '^     3  Target  *target  \[1.234,5; dari sel kolom\]$' "$tmp/pk" && grep -q '^     5  %  *capaian  \[1.234,5; ' "$tmp/pk" \
    && grep -q '^     2  Indikator Kinerja  *indikator$' "$tmp/pk" \
    && grep -q '^     3  Target 2019  *target  *2019  \[1.234,5; ' "$tmp/out" && grep -q '^  tahun kolom : 2019$' "$tmp/out" \
    && ok || bad "tables: rc=$rc $(cat "$tmp/pk")"
run tables --lang en tests/rules/input.unread-block/fire.md
[ "$rc" = 0 ] && grep -q '^== Not read$' "$tmp/out" && grep -q 'fire.md:6: columns aligned with spaces' "$tmp/out" \
    && ok || bad "tables: unread blocks: $(cat "$tmp/out")"
# the number style per column: Rupiah with dots, percentages with a decimal point
run tables --lang en fixtures/corpus/djpk-postur-apbd-2023.md
grep -q '^     2  Anggaran/Pagu  *pagu  \[1.234,5; from the column.s cells\]$' "$tmp/out" \
    && grep -q '^     4  %  *capaian_anggaran  \[1,234.5; from the column.s cells\]$' "$tmp/out" && ok || bad "tables: column styles: $(cat "$tmp/out")"
run tables --lang en tests/rules/input.no-header/fire.csv
grep -q '^  header      : no recognisable header row' "$tmp/out" && ok || bad "tables: no header"
run tables --format json "$seed"
[ "$rc" = 2 ] && ok || bad "tables --format json: rc=$rc, want 2"
run tables does-not-exist.csv
[ "$rc" = 2 ] && ok || bad "tables on a missing file: rc=$rc"
# --- long-form files: one table holding many reports ---------------------------
# tahun/instansi/tabel columns split it into reports: the indicators recurring
# across agencies and years are not duplicates; the one repeated inside a
# report (line 8) is, and findings name their group
long=tests/e2e/longform/indikator-2019-2020.csv
run check --fail-on never --format json "$long"
pairs "$tmp/out" >"$tmp/long"
printf '8 duplikat.conflict\n11 capaian.arithmetic\n' | diff - "$tmp/long" >/dev/null && ok || bad "long form: findings $(tr '\n' ' ' <"$tmp/long")"
grep -q '"line":8,"table":"2020 · Dinas Sosial Kabupaten Contoh · Perjanjian Kinerja"' "$tmp/out" && ok || bad "long form: finding does not name its group"
run check --fail-on never --format json --group-by none "$long"
[ "$(pairs "$tmp/out" | grep -c duplikat.conflict)" -gt 1 ] && ok || bad "long form: --group-by none should audit the file as one table"
run check --fail-on never --format json --group-by tahun "$long"
pairs "$tmp/out" | grep -q '^10 duplikat.conflict' && ok || bad "long form: --group-by tahun groups agencies of one year together"
mkdir -p "$tmp/longconf" && cp "$long" "$tmp/longconf/"
printf 'group_by = none\n' >"$tmp/longconf/lakip-audit.conf"
run check --fail-on never --format json "$tmp/longconf"
[ "$(pairs "$tmp/out" | grep -c duplikat.conflict)" -gt 1 ] && ok || bad "long form: group_by = none in lakip-audit.conf"
# what a rule states for a report's header (ctx:note: which lower-is-better
# formula judged its rows) is kept for each report of a long-form file,
# named by its group, in every format; here the two years settle different
# formulas, which a header without them would hide
notes=tests/e2e/longform/catatan-2019-2020.csv
run check --fail-on never --format json "$notes"
grep -q '"notes":\[' "$tmp/out" && grep -q '"text":"2019 · Dinas Kesehatan Kabupaten Contoh: Rumus indikator lebih rendah lebih baik: target / realisasi × 100 ' "$tmp/out" \
    && grep -q '"text_en":"2020 · Dinas Kesehatan Kabupaten Contoh: Formula for lower-is-better indicators: (2 × target − realisasi) / target × 100 ' "$tmp/out" \
    && ok || bad "long form: each report's note, named by its group, in JSON"
cp "$tmp/out" "$tmp/notes2.json"
run check --fail-on never --format json --jobs 1 "$notes"
cmp -s "$tmp/out" "$tmp/notes2.json" && ok || bad "long form notes: --jobs 1 differs from --jobs 2"
LAKIP_AUDIT_STREAM=off $bin check --fail-on never --format json "$notes" >"$tmp/whole" 2>/dev/null || true
cmp -s "$tmp/whole" "$tmp/notes2.json" && ok || bad "long form notes: the whole load differs from the stream"
run check --fail-on never "$notes"
[ "$(grep -c '· Dinas Kesehatan Kabupaten Contoh: Rumus indikator' "$tmp/out")" = 2 ] && grep -q '^Catatan  : 2019 · ' "$tmp/out" \
    && ok || bad "long form: the text header lists each report's note"
# a finding outside any table (the formula the 2019 report's rows settled)
# names its report: the field report_group, and its heading
grep -q '^== Di luar tabel — 2019 · Dinas Kesehatan Kabupaten Contoh — catatan-2019-2020.csv$' "$tmp/out" \
    && grep -q '"rule":"capaian.policy".*"report_group":"2019 · Dinas Kesehatan Kabupaten Contoh"' "$tmp/notes2.json" \
    && ok || bad "long form: a finding outside the tables does not name its report"
run check --fail-on never --format sarif "$notes"
grep -q '"level":"note","message":{"text":"2020 · Dinas Kesehatan Kabupaten Contoh: Rumus[^}]*},"associatedRule":{"id":"capaian.policy"}' "$tmp/out" \
    && ok || bad "SARIF: a report's note as a notification of its rule"
# and its finding outside the tables names its report as a result property
grep -q '^{"ruleId":"capaian.policy",.*"properties":{"reportGroup":"2019 · Dinas Kesehatan Kabupaten Contoh"' "$tmp/out" \
    && [ "$(grep -c '"reportGroup":' "$tmp/out")" = "$(grep -c '"report_group":' "$tmp/notes2.json")" ] \
    && ok || bad "SARIF: a finding outside the tables does not name its report (reportGroup)"
# the xlsx working paper lists the notes under its findings, and names the
# report of a finding outside the tables in its table column
run check --fail-on never --format xlsx -o "$tmp/notes.xlsx" "$notes"
python3 -c 'import re, sys, zipfile
cells = re.findall(r"<t[^>]*>([^<]*)</t>", zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())
g = "2019 · Dinas Kesehatan Kabupaten Contoh"
sys.exit(0 if "Catatan" in cells and g in cells and any(c.startswith(g + ": Rumus indikator") for c in cells)
         and any(c.startswith("2020 · Dinas Kesehatan Kabupaten Contoh: Rumus indikator") for c in cells) else 1)' "$tmp/notes.xlsx" \
    && ok || bad "xlsx: the notes under the findings, a finding outside the tables named by its report"
# a file of one report with tahun/instansi columns keeps its note too
sed -n '1,4p' "$notes" >"$tmp/one-report.csv"
run check --fail-on never --format json "$tmp/one-report.csv"
grep -q '"notes":\[' "$tmp/out" && ok || bad "long form of one report: its note dropped"
run check --group-by nosuch "$long"
[ "$rc" = 2 ] && grep -q 'no table has a column "nosuch"' "$tmp/err" && ok || bad "--group-by unknown column: rc=$rc $(cat "$tmp/err")"

# a generated long-form file (tests/bench_gen.c, the bench's generator, 3000
# rows in 75 reports): every planted wrong row found, no other finding, and
# the same bytes whatever --jobs
if [ -x build/tests/bench_gen ]; then
    build/tests/bench_gen 3000 7 "$tmp/gen.csv" "$tmp/gen.truth"
    run check --fail-on never --format json --jobs 1 "$tmp/gen.csv"
    cp "$tmp/out" "$tmp/gen1.json"
    awk -f tests/bench_check.awk "$tmp/gen.truth" "$tmp/gen1.json" >"$tmp/truth.txt" && ok || bad "generated long form: $(tail -3 "$tmp/truth.txt")"
    run check --fail-on never --format json --jobs 3 "$tmp/gen.csv"
    cmp -s "$tmp/out" "$tmp/gen1.json" && ok || bad "generated long form: --jobs 3 output differs from --jobs 1"
else
    bad "build/tests/bench_gen missing (make e2e builds it)"
fi

# --- streaming: a long-form export audited report by report as it is read
# (src/pipeline.c) gives the bytes the whole load gives (LAKIP_AUDIT_STREAM=off),
# for every format that can stream and any --jobs; 12000 rows span several
# read blocks
same_as_whole() {   # label, then check arguments
    label=$1
    shift
    run check --fail-on never "$@"
    cp "$tmp/out" "$tmp/streamed"
    src=$rc
    set +e
    LAKIP_AUDIT_STREAM=off $bin check --fail-on never "$@" >"$tmp/whole" 2>/dev/null
    whole_rc=$?
    set -e
    [ "$src" = "$whole_rc" ] && cmp -s "$tmp/streamed" "$tmp/whole" && ok || bad "streamed $label differs from the whole load (rc $src / $whole_rc)"
}
if [ -x build/tests/bench_gen ]; then
    build/tests/bench_gen 12000 3 "$tmp/big.csv" "$tmp/big.truth"
    for f in json text md sarif; do
        same_as_whole "--format $f" --format "$f" --jobs 2 "$tmp/big.csv"
    done
    same_as_whole "--jobs 1" --format json --jobs 1 "$tmp/big.csv"
    same_as_whole "--jobs 5" --format json --jobs 5 "$tmp/big.csv"
    same_as_whole "--group-by tahun" --format json --group-by tahun "$tmp/big.csv"
    same_as_whole "--lang en --number-style id" --format text --lang en --number-style id "$tmp/big.csv"
    # CRLF, a byte order mark, a quoted cell over two lines: the same lines in findings
    { printf '\357\273\277'; sed -n '1,400p' "$tmp/big.csv" | sed '5s/;\([^;]*\);%;/;"\1\nbaris dua";%;/' | sed 's/$/\r/'; } >"$tmp/crlf.csv"
    same_as_whole "CRLF, BOM and a two-line cell" --format json "$tmp/crlf.csv"
    # saved by Excel on Windows: Windows-1252, streamed line by line decoded
    sed -n '1,3000p' "$tmp/big.csv" | sed 's/Dinas Pendidikan/Dinas Pendidikan Kabupat\xc3\xa9n/' | iconv -f UTF-8 -t CP1252 >"$tmp/cp1252.csv"
    same_as_whole "Windows-1252" --format json "$tmp/cp1252.csv"
    grep -q '"encoding":"Windows-1252","encoding_assumed":true' "$tmp/streamed" && grep -q "Kabupat$(printf '\303\251')n" "$tmp/streamed" \
        && ok || bad "streamed Windows-1252: encoding or decoded text missing"
    # not sorted by report: a report's rows come back later; audited whole
    { sed -n 1p "$tmp/big.csv"; sed -n '2,$p' "$tmp/big.csv" | sort -t';' -k4,4n -k1,3 ; } >"$tmp/unsorted.csv"
    same_as_whole "unsorted file" --format json "$tmp/unsorted.csv"
    # --format json/sarif -o is written as each report is done (src/findings_stream.c):
    # the same bytes and messages as the whole load, also when a report comes
    # back after some were written (the file is then started again), and with
    # a baseline (accepted findings, stale entries on stderr)
    same_file_as_whole() {   # label, then check arguments
        label=$1
        shift
        run check --fail-on never -o "$tmp/streamed.json" "$@"
        src=$rc
        cp "$tmp/err" "$tmp/streamed.err"
        set +e
        LAKIP_AUDIT_STREAM=off $bin check --fail-on never -o "$tmp/whole.json" "$@" 2>"$tmp/whole.err"
        whole_rc=$?
        set -e
        # a file found unsorted says so on stderr when streaming was tried
        grep -v 'rows of a report come back after another' "$tmp/streamed.err" >"$tmp/streamed.err2" || true
        [ "$src" = "$whole_rc" ] && cmp -s "$tmp/streamed.json" "$tmp/whole.json" && cmp -s "$tmp/streamed.err2" "$tmp/whole.err" \
            && ok || bad "streamed -o $label differs from the whole load (rc $src / $whole_rc)"
    }
    same_file_as_whole "json --jobs 2" --format json --jobs 2 "$tmp/big.csv"
    # the reports' notes wait in a nameless file beside the output until the
    # end (finding_list_spool_notes): all of them, in order, nothing left behind
    [ "$(grep -o '"rule":"capaian.policy","text":' "$tmp/streamed.json" | wc -l)" -gt 250 ] \
        && [ -z "$(ls "$tmp" | grep '\.tmp')" ] && ok || bad "streamed -o: the reports' notes missing, or a temporary file left"
    same_file_as_whole "json --jobs 1" --format json --jobs 1 "$tmp/big.csv"
    same_file_as_whole "sarif --jobs 2" --format sarif --jobs 2 "$tmp/big.csv"
    # two reports of one group label (2019 | Dinas X and an empty year with
    # "2019 · Dinas X": other report keys, the same label) state one note,
    # streamed or not
    { sed -n '1,4p' "$notes"; sed -n '2,4p' "$notes" | sed 's/^2019;/;2019 · /'; sed -n '5,7p' "$notes"; } >"$tmp/same-label.csv"
    for f in json sarif; do
        for j in 1 2; do same_file_as_whole "$f --jobs $j, two reports of one label" --format "$f" --jobs "$j" "$tmp/same-label.csv"; done
        [ "$(grep -o '2019 · Dinas Kesehatan Kabupaten Contoh: Rumus indikator' "$tmp/streamed.json" | wc -l)" = "$([ $f = json ] && echo 2 || echo 1)" ] \
            && ok || bad "$f: the note of two reports of one label not once"
    done
    { cat "$tmp/big.csv"; sed -n '2,30p' "$tmp/big.csv"; } >"$tmp/returns.csv"
    same_file_as_whole "json, a report back at the end, --jobs 1" --format json --jobs 1 "$tmp/returns.csv"
    grep -q "returns.csv:12002: rows of a report come back after another report's: the file is audited whole" "$tmp/streamed.err" \
        && ok || bad "unsorted long-form file: no notice on stderr ($(cat "$tmp/streamed.err"))"
    same_file_as_whole "json, a report back at the end, --jobs 2" --format json --jobs 2 "$tmp/returns.csv"
    same_file_as_whole "sarif, a report back at the end" --format sarif --jobs 1 "$tmp/returns.csv"
    mkdir -p "$tmp/half"
    sed -n '1,3000p' "$tmp/big.csv" >"$tmp/half/big.csv"
    run baseline -o "$tmp/half.baseline" "$tmp/half/big.csv"
    [ "$rc" = 0 ] && ok || bad "baseline of half the long-form file: rc=$rc"
    same_file_as_whole "sarif with a baseline" --format sarif --baseline "$tmp/half.baseline" "$tmp/big.csv"
    same_file_as_whole "json with a baseline" --format json --baseline "$tmp/half.baseline" "$tmp/big.csv"
    grep -q '"accepted":true' "$tmp/streamed.json" && grep -q '"accepted":false' "$tmp/streamed.json" \
        && ok || bad "streamed -o with a baseline: no finding accepted, or all"
    # a ragged row far down: the same error as the whole load, nothing written
    { sed -n '1,9000p' "$tmp/big.csv"; printf '2020;x;y;1\n'; } >"$tmp/ragged.csv"
    run check --format json -o "$tmp/ragged.json" "$tmp/ragged.csv"
    [ "$rc" = 2 ] && grep -q "ragged.csv:9001: row has 4 fields but the header (line 1) has 11" "$tmp/err" && [ ! -e "$tmp/ragged.json" ] \
        && ok || bad "streamed ragged row: rc=$rc $(cat "$tmp/err")"
    # without -o, JSON and SARIF go through a nameless file in $TMPDIR
    # (output_file_spool) to standard output at the end: the same bytes,
    # also when a report comes back after many were written; nothing on
    # standard output when the run fails; without a usable $TMPDIR, written
    # from memory at the end as before
    same_as_whole "json to standard output, a report back at the end" --format json --jobs 2 "$tmp/returns.csv"
    run check --format json "$tmp/ragged.csv"
    [ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "ragged.csv:9001: row has 4 fields" "$tmp/err" \
        && ok || bad "ragged row, standard output: rc=$rc, $(wc -c <"$tmp/out") bytes written"
    run check --fail-on never --format json "$tmp/big.csv"
    cp "$tmp/out" "$tmp/spooled.json"
    set +e
    TMPDIR="$tmp/no-such-folder" $bin check --fail-on never --format json "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/spooled.json" && ok || bad "standard output without a usable TMPDIR: rc=$rc or other bytes"
    if [ -w /dev/full ]; then
        set +e
        $bin check --fail-on never --format json "$tmp/big.csv" >/dev/full 2>"$tmp/err"
        rc=$?
        set -e
        [ "$rc" = 2 ] && grep -q "error writing standard output" "$tmp/err" && ok || bad "standard output full: rc=$rc $(cat "$tmp/err")"
    fi
    # --jobs 2 and more read the file on every thread at once, from cuts
    # about a megabyte apart (src/pipeline_cuts.c). LAKIP_CUT_BYTES cuts
    # every few rows instead, so that every way two chunks meet is met: at
    # a chunk's first row, at the end of its first report, inside a report
    # longer than chunks (--group-by tahun), and not at all (sasaran cells
    # left empty under the first, merged: the builder carries one over a
    # cut, so the rest is read on alone); and a report that comes back, a
    # ragged row, CRLF with a quoted cell over two lines, Windows-1252
    export LAKIP_CUT_BYTES=300
    LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/big.csv"
    meet=$(sed -n "s/^profile: long form read in [0-9]* chunks on 2 threads: \([0-9]*\) met at a chunk's first row, \([0-9]*\) at its first report's end, \([0-9]*\) inside a report, read on alone from line 0$/\1 \2 \3/p" "$tmp/err")
    read -r met_first met_second met_inside <<EOF
$meet
EOF
    [ "${met_first:-0}" -gt 0 ] && [ "${met_second:-0}" -gt 0 ] && [ "${met_inside:-0}" -gt 0 ] && ok || bad "cut every 300 bytes: not every way of meeting met ($(grep 'long form' "$tmp/err"))"
    same_as_whole "cut every 300 bytes" --format json --jobs 2 "$tmp/big.csv"
    same_as_whole "cut every 300 bytes, --jobs 3, text" --format text --jobs 3 "$tmp/big.csv"
    same_as_whole "cut every 300 bytes, --group-by tahun" --format json --jobs 2 --group-by tahun "$tmp/big.csv"
    awk -F';' 'BEGIN { OFS = ";" } NR > 2 { $5 = "" } { print }' "$tmp/big.csv" >"$tmp/merged.csv"
    LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/merged.csv"
    grep -q "read on alone from line [1-9]" "$tmp/err" && ok || bad "merged cells over a cut: not read on alone ($(grep 'long form' "$tmp/err"))"
    same_as_whole "cut, merged sasaran cells" --format json --jobs 2 "$tmp/merged.csv"
    # a wrapped line (the indikator's text going on) after every third row:
    # where a chunk starts with one it extends a row of the chunk before,
    # and the two still meet (table_builder_assume_row_above)
    awk 'NR > 1 && NR % 3 == 0 { print; print ";;;;;lanjutan teks indikator;;;;;"; next } { print }' "$tmp/big.csv" >"$tmp/wrapped.csv"
    LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/wrapped.csv"
    grep -q "read on alone from line 0$" "$tmp/err" && ok || bad "wrapped lines over cuts: chunks did not meet ($(grep 'long form' "$tmp/err"))"
    same_as_whole "cut, wrapped lines" --format json --jobs 2 "$tmp/wrapped.csv"
    same_file_as_whole "cut, a report back at the end" --format json --jobs 2 "$tmp/returns.csv"
    grep -q "returns.csv:12002: rows of a report come back after another report's" "$tmp/streamed.err" \
        && ok || bad "cut, unsorted: no notice on stderr ($(cat "$tmp/streamed.err"))"
    same_as_whole "cut, unsorted file" --format json --jobs 2 "$tmp/unsorted.csv"
    same_as_whole "cut, CRLF, BOM and a two-line cell" --format json --jobs 2 "$tmp/crlf.csv"
    same_as_whole "cut, Windows-1252" --format json --jobs 2 "$tmp/cp1252.csv"
    run check --format json --jobs 2 -o "$tmp/ragged.json" "$tmp/ragged.csv"
    [ "$rc" = 2 ] && grep -q "ragged.csv:9001: row has 4 fields but the header (line 1) has 11" "$tmp/err" && [ ! -e "$tmp/ragged.json" ] \
        && ok || bad "cut, ragged row: rc=$rc $(cat "$tmp/err")"
    LAKIP_CUT_BYTES=5000 same_as_whole "cut every 5000 bytes, --jobs 5" --format json --jobs 5 "$tmp/big.csv"
    # cut every few rows, the styles guessed: the votes counted whatever
    # way the chunks meet, also when the rest is read on alone
    for f in big merged; do
        LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/$f.csv"
        grep -q "^profile: number styles guessed from the file's start: confirmed$" "$tmp/err" \
            && ok || bad "cut, $f: the guessed styles not confirmed ($(grep 'guessed' "$tmp/err"))"
    done
    unset LAKIP_CUT_BYTES
    # a file over a megabyte has its number styles guessed from its start,
    # and the votes of the rows read are counted to check the guess
    # (src/input/style_votes.h); LAKIP_GUESS_BYTES guesses from its first
    # few rows instead
    LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/big.csv"
    grep -q "^profile: number styles guessed from the file's start: confirmed$" "$tmp/err" \
        && ok || bad "big file: styles not guessed, or the guess not confirmed ($(grep 'guessed' "$tmp/err"))"
    # the first rows' target and realisasi written the English way: the
    # guess reads those columns so, the whole file does not; the file is
    # surveyed whole and read again, nothing of the first reading kept
    awk -F';' 'BEGIN { OFS = ";" } NR >= 2 && NR <= 100 { $9 = "1,234.5"; $10 = "2,345.5" } { print }' "$tmp/big.csv" >"$tmp/flip.csv"
    export LAKIP_GUESS_BYTES=2000
    for j in 1 2; do
        LAKIP_PROFILE=1 run check --fail-on never --format json --jobs $j "$tmp/flip.csv"
        grep -q "^profile: number styles guessed from the file's start: not confirmed, the file surveyed whole and read again$" "$tmp/err" \
            && ok || bad "votes that change after the guess, --jobs $j: not surveyed again ($(grep 'guessed' "$tmp/err"))"
        same_as_whole "styles guessed wrong, --jobs $j" --format json --jobs $j "$tmp/flip.csv"
        same_file_as_whole "styles guessed wrong, -o, --jobs $j" --format json --jobs $j "$tmp/flip.csv"
    done
    # a Windows-1252 byte past the guess: the rows' reader stops at it, and
    # the whole survey reads the file as Windows-1252
    sed -n '1,3000p' "$tmp/big.csv" | sed "2500s/;/;$(printf '\351')/5" >"$tmp/late1252.csv"
    LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 2 "$tmp/late1252.csv"
    grep -q "guessed from the file's start: not confirmed" "$tmp/err" && grep -q '"encoding":"Windows-1252","encoding_assumed":true' "$tmp/out" \
        && ok || bad "Windows-1252 past the guess: $(grep 'guessed' "$tmp/err")"
    same_as_whole "Windows-1252 past the guess" --format json --jobs 2 "$tmp/late1252.csv"
    LAKIP_CUT_BYTES=300 same_as_whole "cut, Windows-1252 past the guess" --format json --jobs 2 "$tmp/late1252.csv"
    unset LAKIP_GUESS_BYTES
    # html and xlsx show the tables: loaded whole, the same findings
    run check --fail-on never --format html "$tmp/big.csv"
    [ "$rc" = 0 ] && grep -c 'capaian\.' "$tmp/out" >/dev/null && ok || bad "long form as html: rc=$rc"
fi

# --- one report's families shared by two engines (--jobs 2, runner.c): the
# same bytes as one engine running them in turn, in the formats that show
# notes, coverage and recomputations, on every report the project ships
for r in "$seed" fixtures/corpus/*.md fixtures/portfolio/* tests/clean/*.md; do
    for f in json html; do
        run check --fail-on never --format "$f" --jobs 1 "$r"
        cp "$tmp/out" "$tmp/families1"
        rc1=$rc
        run check --fail-on never --format "$f" --jobs 2 "$r"
        [ "$rc" = "$rc1" ] && cmp -s "$tmp/out" "$tmp/families1" && ok || bad "$r --format $f: --jobs 2 differs from --jobs 1"
    done
done
run check --fail-on never --format json --jobs 1 --previous fixtures/portfolio/polresta-bogor-kota-2019 fixtures/portfolio/polresta-bogor-kota-2020
cp "$tmp/out" "$tmp/families1"
run check --fail-on never --format json --jobs 2 --previous fixtures/portfolio/polresta-bogor-kota-2019 fixtures/portfolio/polresta-bogor-kota-2020
cmp -s "$tmp/out" "$tmp/families1" && grep -q '"findings"' "$tmp/out" && ok || bad "--previous: --jobs 2 differs from --jobs 1"

# The second engine of --jobs follows the first: it loads a family when it
# first runs it and finds its rules in the first engine's catalogue. When a
# rule file does not load, the two engines do not have the same families,
# and the first runs them all: the load error reported once, the report the
# same as with one engine.
cp -r rules "$tmp/broken-rules"
printf 'return { rules = { { id = "rata.x" } } }\n' >"$tmp/broken-rules/rata.lua"
LAKIP_RULES_DIR="$tmp/broken-rules" run check --fail-on never --format json --jobs 1 "$seed"
cp "$tmp/out" "$tmp/broken1.json"
LAKIP_RULES_DIR="$tmp/broken-rules" run check --fail-on never --format json --jobs 2 "$seed"
cmp -s "$tmp/out" "$tmp/broken1.json" && [ "$(grep -o '"rule":"engine.rule-load"' "$tmp/out" | wc -l)" = 1 ] \
    && ok || bad "a rule file that does not load: --jobs 2 differs from --jobs 1, or not one load error"

# --- LAKIP_PROFILE=1: each family's CPU time on stderr, the report unchanged
run check --fail-on never --format json --jobs 1 "$seed"
cp "$tmp/out" "$tmp/unprofiled.json"
LAKIP_PROFILE=1 run check --fail-on never --format json --jobs 1 "$seed"
cmp -s "$tmp/out" "$tmp/unprofiled.json" && grep -Eq '^profile: capaian +[0-9]+\.[0-9]{3} s CPU over 1 reports$' "$tmp/err" \
    && [ "$(grep -c '^profile: ' "$tmp/err")" = "$(ls rules/*.lua | wc -l)" ] \
    && ok || bad "LAKIP_PROFILE=1: report changed or no line per family ($(head -3 "$tmp/err"))"
LAKIP_PROFILE=lines run check --fail-on never --format json --jobs 1 "$seed"
cmp -s "$tmp/out" "$tmp/unprofiled.json" && grep -Eq '^profile line: +[0-9.]+% +[0-9.]+ samples +[0-9]+ times  rules/[a-z/]+\.lua:[0-9]+$' "$tmp/err" \
    && grep -Eq '^profile call: .* rules/[a-z/]+\.lua:[0-9]+ (string|lakip|table)\.[a-z_]+$' "$tmp/err" \
    && ok || bad "LAKIP_PROFILE=lines: report changed or no line/call profile ($(head -3 "$tmp/err"))"
# LAKIP_FREE_AT_EXIT=1 (what valgrind runs use): every object freed before
# the end, both engines' included, and the same report
LAKIP_FREE_AT_EXIT=1 run check --fail-on never --format json --jobs 2 "$seed"
[ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/unprofiled.json" && ok || bad "LAKIP_FREE_AT_EXIT=1: rc=$rc or the report changed"
# LAKIP_PROFILE=timeline: the stages of the run with their times, both
# engines' families among them, the report unchanged
LAKIP_PROFILE=timeline run check --fail-on never --format json --jobs 2 "$seed"
cmp -s "$tmp/out" "$tmp/unprofiled.json" \
    && grep -Eq '^timeline: +[0-9]+\.[0-9]{3} ms  thread [0-9]+ cpu -?[0-9]+  end   family capaian  \([0-9.]+ ms CPU\)$' "$tmp/err" \
    && grep -Eq '^timeline: .*  end   engine second ' "$tmp/err" && grep -Eq '^timeline: .*  end   writing ' "$tmp/err" \
    && [ "$(grep -c '  begin family ' "$tmp/err")" = "$(ls rules/*.lua | wc -l)" ] \
    && ok || bad "LAKIP_PROFILE=timeline: report changed or stages missing ($(head -3 "$tmp/err"))"

# --- --only RULE|FAMILY --------------------------------------------------------
run check --fail-on never --format json --only capaian "$seed"
[ "$(pairs "$tmp/out" | grep -vc ' capaian\.')" = 0 ] && pairs "$tmp/out" | grep -q ' capaian\.' && ok || bad "--only capaian ran other families"
run check --fail-on never --format json --only capaian.truncated --only duplikat "$seed"
[ "$(pairs "$tmp/out" | grep -v ' capaian.truncated$' | grep -vc ' duplikat\.')" = 0 ] && ok || bad "--only RULE --only FAMILY"
run check --only no.such-rule "$seed"
[ "$rc" = 2 ] && grep -q "no rule or family 'no.such-rule'" "$tmp/err" && ok || bad "--only unknown: rc=$rc"

# --- checks declared as data ----------------------------------------------------
# Rows a rule's declared checks (`rows` in its file; docs/RULES.md) pass in C,
# or that none of its `rows.only` conditions covers, never reach its
# check_row; with LAKIP_NO_ROW_CHECKS=1 every row does, as if nothing were
# declared. Both paths must give the same bytes: the JSON report (findings and
# coverage) and the working paper (every recomputed cell), on tables made for
# the fast path's edges (Arah words in any case, lower-is-better rows settled in finish, tables without
# Arah where the label decides, budget columns, pagu awal,
# year-labelled columns, group and total rows, zero and negative values, long
# digit strings, rounding at 0 to 3 decimals, units, averages, error values),
# the seed, the fixtures of every family that declares rows, the clean
# reports and a generated long-form file.
build/tests/bench_gen 3000 7 "$tmp/long.csv" "$tmp/long.truth"
cut -d';' -f1-7,9- "$tmp/long.csv" > "$tmp/long-noarah.csv"     # directions from the names alone
declared=$(grep -l '^  rows = ' rules/*.lua | sed 's|rules/\(.*\)\.lua|\1|')
[ -n "$declared" ] && ok || bad "no rule file declares rows"
same_both_ways() {   # FORMAT INPUT ARGS...
    fmt=$1
    shift
    LAKIP_NO_ROW_CHECKS=1 run check --format "$fmt" --fail-on never -o "$tmp/lua.$fmt" "$@"
    rc_lua=$rc
    run check --format "$fmt" --fail-on never -o "$tmp/c.$fmt" "$@"
    if [ "$rc" = 0 ] && [ "$rc_lua" = 0 ] && cmp -s "$tmp/lua.$fmt" "$tmp/c.$fmt"; then ok
    else bad "declared row checks change the $fmt output of $* (rc $rc_lua/$rc)"; fi
}
for input in tests/e2e/rowchecks/*.csv fixtures/bangka-selatan-2019 tests/clean/*.md "$tmp/long.csv" "$tmp/long-noarah.csv"; do
    for fmt in json xlsx; do same_both_ways $fmt --tahun 2019 "$input"; done
done
for fam in $declared; do
    for input in tests/rules/"$fam".*/fire*.* tests/rules/"$fam".*/silent*.*; do
        case "$input" in *.expect|*.args|*'*'*) continue ;; esac
        [ -e "$input" ] || continue
        extra=""
        args="${input%.*}.args"
        [ -f "$args" ] && extra=$(cat "$args")
        # shellcheck disable=SC2086
        same_both_ways json $extra "$input"
    done
done

echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
