#!/bin/sh
# tests/portfolio/run.sh — many reports, one summary.
#
#   merge = check   `check` on fixtures/portfolio (one sub-folder per OPD and
#                   year, at least 5) gives the same bytes as `merge` over the
#                   JSON reports of each OPD made separately (in any order),
#                   in json, text and html; and as `merge` of two batch
#                   summaries (a CI matrix) — for the JSON summary
#   sums            the summary's totals are the sums of the separate reports'
#   league          a report where nothing was recomputed is not ranked; the
#                   ranked reports are ordered by errors, warnings, info
#   --portfolio     a folder of files (one file per OPD) is a portfolio
#   bad input       an unreadable report is listed with its error (exit 2);
#                   merge of a broken JSON names the file and line (exit 2);
#                   -o onto an input of merge is refused
#   year over year  in a portfolio, an OPD's report is compared with its report
#                   of the year before (tahunlalu.*); the same as runs with
#                   --previous, merged; -o onto last year's file is refused
#   html            self-contained (nothing loaded from anywhere), valid UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/setup.sh"
check() {
    name=$1
    shift
    if "$@"; then ok; else bad "$name"; fi
}
pf=fixtures/portfolio

# --- merge equals a single run ---------------------------------------------
mkdir "$tmp/each"
n=0
for d in "$pf"/*/; do
    d=${d%/}
    "$bin" check --fail-on never --format json -o "$tmp/each/$(basename "$d").json" "$d"
    n=$((n + 1))
done
check "at least 5 OPD reports in $pf ($n)" test "$n" -ge 5
# merge in reverse name order: the summary must not depend on the order given
ls "$tmp"/each/*.json | sort -r >"$tmp/list"
for f in json text html; do
    "$bin" check --fail-on never --format "$f" -o "$tmp/one.$f" "$pf"
    # shellcheck disable=SC2046
    "$bin" merge --fail-on never --format "$f" -o "$tmp/merged.$f" $(cat "$tmp/list")
    check "merge = check ($f)" cmp -s "$tmp/one.$f" "$tmp/merged.$f"
done
# batches: two summaries merged
ls "$tmp"/each/*.json | sort | head -3 >"$tmp/batch1"
ls "$tmp"/each/*.json | sort | tail -n +4 >"$tmp/batch2"
# shellcheck disable=SC2046
"$bin" merge --fail-on never --format json -o "$tmp/b1.json" $(cat "$tmp/batch1")
# shellcheck disable=SC2046
"$bin" merge --fail-on never --format json -o "$tmp/b2.json" $(cat "$tmp/batch2")
"$bin" merge --fail-on never --format json -o "$tmp/b12.json" "$tmp/b2.json" "$tmp/b1.json"
check "merge of batch summaries = check" cmp -s "$tmp/one.json" "$tmp/b12.json"

# --- the numbers ---------------------------------------------------------------
sum_of() {   # sum_of KEY FILES...: the sum of "summary":{..."KEY":N of JSON reports
    key=$1
    shift
    sed -n "s/.*\"summary\":{[^}]*\"$key\":\([0-9]*\).*/\1/p" "$@" | awk '{ s += $1 } END { print s + 0 }'
}
total_of() { sed -n "s/.*\"portfolio\":{[^}]*\"$1\":\([0-9]*\).*/\1/p" "$tmp/one.json"; }
for k in error warning info; do
    # shellcheck disable=SC2046
    check "summary $k = sum of the reports" test "$(total_of "$k")" = "$(sum_of "$k" $(cat "$tmp/list"))"
done
check "summary counts $n reports" test "$(total_of reports)" = "$n"
# the league: reports with nothing recomputed come last, unranked
league=$(sed -n 's/^"league":\[\(.*\)\],$/\1/p' "$tmp/one.json" | sed 's/},{/}\n{/g')
echo "$league" >"$tmp/league"
check "league: Balikpapan (no capaian column: nothing recomputed) is unranked" \
    grep -q '"rank":null,"agency":"Dinas Kesehatan Kota Balikpapan"' "$tmp/league"
check "league: Ogan Ilir (one wrong budget %) is ranked" \
    grep -q '"rank":[0-9]*,"agency":"Dinas Pendidikan Kabupaten Ogan Ilir"' "$tmp/league"
check "league: the seed (most errors) is ranked last of the ranked" \
    sh -c "grep -v '\"rank\":null' '$tmp/league' | tail -1 | grep -q 'Bangka Selatan'"
check "league: unranked come after ranked" \
    sh -c "awk '/\"rank\":null/ { u = 1; next } u { exit 1 }' '$tmp/league'"
check "text: per-report coverage" grep -q 'cakupan: 113 nilai dihitung ulang, 11 dari 11 tabel diperiksa' "$tmp/one.text"
check "text: most common defects" grep -q '^  capaian.truncated  *1 laporan  *15 temuan' "$tmp/one.text"

# --- a folder of files, one per OPD ------------------------------------------------
mkdir "$tmp/files"
cp "$pf/klaten-2016/tabel-3-4-capaian-2016.csv" "$tmp/files/klaten-2016.csv"
cp "$pf/polresta-bogor-kota-2020/tabel-1-1b2-road-safety.csv" "$tmp/files/polresta-bogor-kota-2020.csv"
"$bin" check --fail-on never --portfolio --format json -o "$tmp/files.json" "$tmp/files"
check "--portfolio: a folder of files is 2 reports" grep -q '"portfolio":{"reports":2,' "$tmp/files.json"
check "--portfolio: years inferred per file" grep -q '"year":2016' "$tmp/files.json"

# --- year over year: the same agency's report of the year before -------------------
mkdir -p "$tmp/yoy/bogor-2019" "$tmp/yoy/bogor-2020"
printf 'tahun = 2019\ninstansi = Polresta Bogor Kota\n' >"$tmp/yoy/bogor-2019/lakip-audit.conf"
cp tests/rules/tahunlalu.realisasi/previous-2019-other.csv "$tmp/yoy/bogor-2019/"
cp "$pf/polresta-bogor-kota-2020/"* "$tmp/yoy/bogor-2020/"
"$bin" check --fail-on never --format json -o "$tmp/yoy.json" "$tmp/yoy"
check "year over year in a portfolio: 2020 compared with 2019" \
    grep -q '"year":2020,.*"rules":{"tahunlalu.realisasi":{"error":0,"warning":1,"info":0}}' "$tmp/yoy.json"
"$bin" check --fail-on never --format json -o "$tmp/y19.json" "$tmp/yoy/bogor-2019"
"$bin" check --fail-on never --format json --previous "$tmp/yoy/bogor-2019" -o "$tmp/y20.json" "$tmp/yoy/bogor-2020"
"$bin" merge --fail-on never --format json -o "$tmp/yoy-merged.json" "$tmp/y20.json" "$tmp/y19.json"
check "year over year: merge of runs with --previous = check" cmp -s "$tmp/yoy.json" "$tmp/yoy-merged.json"
cp "$tmp/yoy/bogor-2019/previous-2019-other.csv" "$tmp/prev-copy.csv"
set +e
"$bin" check --fail-on never --previous "$tmp/yoy/bogor-2019" -o "$tmp/yoy/bogor-2019/previous-2019-other.csv" "$tmp/yoy/bogor-2020" 2>"$tmp/err"
rc=$?
set -e
check "-o onto last year's report: refused, file kept" \
    sh -c "[ $rc = 2 ] && cmp -s '$tmp/prev-copy.csv' '$tmp/yoy/bogor-2019/previous-2019-other.csv'"

# --- bad input -----------------------------------------------------------------------
mkdir -p "$tmp/badpf/good" "$tmp/badpf/broken"
cp "$pf/klaten-2016/tabel-3-4-capaian-2016.csv" "$tmp/badpf/good/"
printf 'x;y\n1;"2\n' >"$tmp/badpf/broken/bad.csv"
set +e
"$bin" check --fail-on never --format json -o "$tmp/badpf.json" "$tmp/badpf" 2>"$tmp/err"
rc=$?
set -e
check "unreadable report: exit 2" test "$rc" = 2
check "unreadable report: listed with its error" grep -q '"error":"[^"]*bad.csv:2: quoted field not closed' "$tmp/badpf.json"
check "unreadable report: the others audited" grep -q '"reports":2,"unreadable":1' "$tmp/badpf.json"
printf '{"schema":1,"report":{},\n"findings":[{"rule":"x.y"}\n' >"$tmp/broken.json"
set +e
"$bin" merge "$tmp/broken.json" 2>"$tmp/err"
rc=$?
set -e
check "merge of broken JSON: exit 2" test "$rc" = 2
check "merge of broken JSON: file and line" grep -q "broken.json:3: expected" "$tmp/err"
cp "$tmp/each/klaten-2016.json" "$tmp/k.json"
set +e
"$bin" merge -o "$tmp/k.json" "$tmp/k.json" 2>"$tmp/err"
rc=$?
set -e
check "merge -o onto its input: refused" test "$rc" = 2
check "merge -o onto its input: input kept" cmp -s "$tmp/k.json" "$tmp/each/klaten-2016.json"
set +e
"$bin" merge --format sarif "$tmp/k.json" 2>"$tmp/err"
rc=$?
set -e
check "merge --format sarif: usage error" test "$rc" = 2

# --- html ------------------------------------------------------------------------------
grep -o '<[^>]*>' "$tmp/one.html" >"$tmp/tags"
check "html: no src=/link/script" sh -c "! grep -qiE '[[:space:]](src|href)=\"[^#]|^<(script|link|img|iframe)' '$tmp/tags'"
check "html: valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$tmp/one.html"
check "html: report count" grep -q "<b id=\"count-reports\">$n</b>" "$tmp/one.html"
check "html: errors" grep -q "<b id=\"count-error\">$(total_of error)</b>" "$tmp/one.html"

echo "portfolio: $pass passed, $fail failed"
[ "$fail" = 0 ]
