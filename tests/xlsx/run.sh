#!/bin/sh
# tests/xlsx/run.sh — the working paper (--format xlsx), recalculated by
# LibreOffice headless.
#
# Every fixture (the bundled report, its CSV exports, the corpus reports,
# the portfolio's reports, the clean reports of tests/clean, and every
# per-rule fire/silent fixture under tests/rules) is written as a workbook; the cached
# formula results are stripped from a copy (so nothing can pass without a
# real recalculation), LibreOffice recalculates it with a profile set to
# "always recalculate" and exports every sheet as CSV; tests/xlsx/check.py
# then checks that every live formula gives exactly the tool's value, that
# every comparison cell is right, and that every capaian/jumlah finding's
# expected value is what its table row recalculates to. Also: the workbook
# is byte-identical across runs, opens as a valid zip with the expected
# parts, and -o into a missing folder leaves nothing behind.
#
# LibreOffice: used when installed; else installed with apt (package
# libreoffice-calc-nogui) when running as root, else SKIP and exit 77.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/setup.sh"
LC_ALL=C.UTF-8     # LibreOffice's file names and sheet names are UTF-8
export LC_ALL
finish() {
    echo "xlsx: $pass passed, $fail failed"
    [ "$fail" = 0 ]
    exit $?
}
py=/usr/bin/python3

find_office() {
    for b in soffice libreoffice; do
        if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
    done
    return 1
}
if ! office=$(find_office); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing libreoffice-calc-nogui"
        if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null 2>&1 || true
        fi
    fi
    if ! office=$(find_office); then
        if [ "$(id -u)" = 0 ]; then bad "libreoffice could not be installed with apt-get"; finish; fi
        echo "SKIP: LibreOffice is not installed (run as root to install it with apt-get)"
        exit 77
    fi
fi

# --- the workbooks -----------------------------------------------------------
mkdir "$tmp/x" "$tmp/csv"
names=""
# write NAME ARGS...: NAME.xlsx and NAME.json of the same audit
write() {
    name=$1
    shift
    if "$bin" check --fail-on never --format xlsx -o "$tmp/x/$name.xlsx" "$@" 2>"$tmp/err" &&
       "$bin" check --fail-on never --format json -o "$tmp/csv/$name.json" "$@" 2>>"$tmp/err"; then
        names="$names $name"
    else
        bad "lakip-audit check $*: $(cat "$tmp/err")"
    fi
}
write seed fixtures/bangka-selatan-2019
write seed-csv fixtures/bangka-selatan-2019/csv
for input in fixtures/corpus/*.md fixtures/portfolio/*/ tests/clean/*.md; do
    [ -e "$input" ] || continue
    name=$(basename "$input" .md)
    case "$input" in fixtures/corpus/*) name="corpus-$name" ;; fixtures/portfolio/*) name="portfolio-$name" ;; tests/clean/*) name="clean-$name" ;; esac
    write "$name" "$input"
done
# the options of a fixture's KIND.args, the values of file options taken
# relative to the fixture folder (as `lakip-audit rules test` reads them)
fixture_args() {
    path_next=0
    for a in $(cat "$2"); do
        if [ "$path_next" = 1 ] && [ "${a#/}" = "$a" ]; then printf '%s/%s ' "$1" "$a"; else printf '%s ' "$a"; fi
        case $a in --previous|--config|--baseline|--rules) path_next=1 ;; *) path_next=0 ;; esac
    done
}
for input in tests/rules/*/fire*.* tests/rules/*/silent*.*; do
    case "$input" in *.expect|*.args) continue ;; esac
    dir=$(dirname "$input")
    kind=$(basename "$input"); kind=${kind%%.*}
    extra=""
    [ -f "$dir/$kind.args" ] && extra=$(fixture_args "$dir" "$dir/$kind.args")
    # shellcheck disable=SC2086
    write "$(basename "$dir")-$kind" $extra "$input"
done

# deterministic: the same audit gives the same bytes
"$bin" check --fail-on never --format xlsx -o "$tmp/again.xlsx" fixtures/bangka-selatan-2019
check_same() { cmp -s "$tmp/x/seed.xlsx" "$tmp/again.xlsx"; }
if check_same; then ok; else bad "two runs give different workbooks"; fi
# whole or nothing
if "$bin" check --fail-on never --format xlsx -o "$tmp/missing/w.xlsx" fixtures/bangka-selatan-2019 2>/dev/null; then
    bad "-o into a missing folder succeeded"
elif [ -e "$tmp/missing" ]; then bad "-o into a missing folder left something"; else ok; fi
# English headings
"$bin" check --fail-on never --lang en --format xlsx -o "$tmp/en.xlsx" fixtures/bangka-selatan-2019
if "$py" - "$tmp/en.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert "xl/workbook.xml" in names and "xl/sharedStrings.xml" in names, names
wb = z.read("xl/workbook.xml").decode()
assert 'name="Findings"' in wb and 'name="Table 1"' in wb, wb[:400]
assert "recomputed" in z.read("xl/sharedStrings.xml").decode()
PY
then ok; else bad "English workbook"; fi

# --- strip cached results, recalculate, export --------------------------------
# A formula cell keeps <f>; its cached <v> goes, so every value read back was
# computed by LibreOffice.
"$py" - "$tmp/x" <<'PY'
import glob, re, sys, zipfile
for path in glob.glob(sys.argv[1] + "/*.xlsx"):
    src = zipfile.ZipFile(path)
    out = zipfile.ZipFile(path[:-5] + ".nocache.xlsx", "w", zipfile.ZIP_DEFLATED)
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename.startswith("xl/worksheets/sheet"):
            data = re.sub(rb'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"', rb"\1", data)
            data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
        out.writestr(info, data)
    out.close()
PY
# a profile that recalculates .xlsx files on load (OOXMLRecalcMode 0 = always)
mkdir -p "$tmp/profile/user"
cat >"$tmp/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
# CSV: comma, double quotes, UTF-8 (76), raw values not as shown, every sheet (-1);
# 100 workbooks per LibreOffice run: one run given a few hundred stops part way
# (measured: after 247 of 254) without an error
(cd "$tmp/x" && find . -maxdepth 1 -name '*.nocache.xlsx' -print0 | sort -z |
    xargs -0 -n 100 timeout 600 "$office" -env:UserInstallation="file://$tmp/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$tmp/csv" >"$tmp/office.log" 2>&1) || true
for f in "$tmp"/csv/*.nocache-*.csv; do
    [ -e "$f" ] || { bad "LibreOffice exported nothing: $(tail -3 "$tmp/office.log")"; finish; }
    mv "$f" "$(echo "$f" | sed 's/\.nocache-/-/')"
done
# shellcheck disable=SC2086
if "$py" tests/xlsx/check.py "$tmp/csv" $names; then ok; else bad "recalculated workbooks differ from the tool (above)"; fi
finish
