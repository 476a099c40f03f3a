#!/bin/sh
# tests/html/run.sh — the HTML and Markdown reports, read back the way
# people will read them.
#
#   html   `check --format html` on the bundled fixture, rendered by headless
#          Chromium (--dump-dom): the summary equals the JSON of the same run,
#          every listed finding is there, the PMKS row shows its recomputation,
#          checksums match sha256sum, Indonesian and English texts and lang;
#          a screenshot and an A4 PDF are produced (printing works)
#   self   the page loads nothing from the network: no src=, href= only to
#          "#anchors", no url()/@import, no script/link/img; valid UTF-8
#   escape tests/html/escape: report text with & < > " ' | * [ ] is escaped
#   md     `check --format md`: table header and one row per listed finding
#
# "Listed" findings: all findings of the JSON except the rows a pattern
# finding of the same file summarises ("summarizes" field); people's reports
# show the pattern instead, JSON keeps every row.
#
# Chromium: used when installed; else installed with apt when running as
# root (CI), else the test prints SKIP and exits 77. HTML_TEST_KEEP=DIR
# keeps r.html, r.png and r.pdf in DIR for a look.
# shellcheck disable=SC2317  # helpers are called through check()
set -eu
LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1795651200    # 2026-11-27
export SOURCE_DATE_EPOCH
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin="$top/lakip-audit"
fixture=fixtures/bangka-selatan-2019
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
    echo "html: $pass passed, $fail failed"
    if [ "$fail" = 0 ]; then exit 0; fi
    exit 1
}
# check NAME COMMAND...: one test, passed when COMMAND succeeds
check() {
    name=$1
    shift
    if "$@"; then ok; else bad "$name"; fi
}
# contains FILE TEXT: FILE has TEXT (fixed string)
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qiE -- "$2" "$1"; }

if [ ! -x "$bin" ]; then
    bad "no ./lakip-audit: run make first"
    finish
fi

# --- the browser -------------------------------------------------------------
find_browser() {
    for b in chromium chromium-browser; do
        if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
    done
    return 1
}
if ! browser=$(find_browser); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing chromium"
        if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || true
        fi
    fi
    if ! browser=$(find_browser); then
        if [ "$(id -u)" = 0 ]; then bad "chromium could not be installed with apt-get"; finish; fi
        echo "SKIP: chromium is not installed (run as root to install it with apt-get)"
        exit 77
    fi
fi

# chrome ARGS... URL: headless, with a throw-away profile, and offline: no
# host name resolves, so a page that needed the network would show it
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --host-resolver-rules='MAP * ~NOTFOUND' \
        --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.log"
}

# run OUT ARGS...: lakip-audit check ARGS > OUT; any exit but 0 is a failure
run() {
    out=$1
    shift
    if ! "$bin" check --fail-on never -o "$out" "$@" 2>"$tmp/err"; then
        bad "lakip-audit check $*: $(cat "$tmp/err")"
        return 1
    fi
}

# The number of findings people's reports list (see the header).
listed() {
    awk '
    function field(line, key,   s) {
        if (!match(line, "\"" key "\":\"[^\"]*\"")) return ""
        s = substr(line, RSTART + length(key) + 4, RLENGTH - length(key) - 5)
        return s
    }
    /^\{"id":/ {
        n++; rule[n] = field($0, "rule"); file[n] = field($0, "file")
        s = field($0, "summarizes"); if (s != "") hide[s SUBSEP file[n]] = 1
    }
    END { c = 0; for (i = 1; i <= n; i++) if (!((rule[i] SUBSEP file[i]) in hide)) c++; print c }' "$1"
}

# The articles of a dumped page, one per line, tags removed.
articles() {
    awk '/<article/ { buf = ""; on = 1 } on { buf = buf $0 " " } /<\/article>/ { print buf; on = 0 }' "$1" |
        sed 's/<[^>]*>//g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g'
}

# Sum of the last column ("Jumlah"/"Total") of a summary table of a page.
table_total() {
    sed -n "/<table class=\"$2\">/,/<\/table>/p" "$1" | grep -o '<td class="n">[0-9]*</td></tr>' |
        sed 's/[^0-9]//g' | awk '{ s += $1 } END { print s + 0 }'
}

# --- the runs ----------------------------------------------------------------
run "$tmp/r.json" --format json "$fixture" || finish
run "$tmp/r.html" --format html "$fixture" || finish
run "$tmp/en.html" --format html --lang en "$fixture" || finish
run "$tmp/r.md" --format md "$fixture" || finish
run "$tmp/en.md" --format md --lang en "$fixture" || finish

sed -n 's/.*"summary":{"error":\([0-9]*\),"warning":\([0-9]*\),"info":\([0-9]*\),"total":\([0-9]*\)}.*/\1 \2 \3/p' \
    "$tmp/r.json" >"$tmp/summary"
read -r errors warnings infos <"$tmp/summary" || true
if [ -z "${infos:-}" ]; then bad "no summary line in the JSON output"; finish; fi
counted=$((errors + warnings + infos))
nlisted=$(listed "$tmp/r.json")
[ "$nlisted" -gt 0 ] || bad "the fixture gives no findings to list"

# --- html: the rendered page ---------------------------------------------------
chrome --dump-dom "file://$tmp/r.html" >"$tmp/dom.html" || true
if ! contains "$tmp/dom.html" '</main>'; then
    bad "chromium did not render the page: $(tail -3 "$tmp/chromium.log")"
    finish
fi
dom="$tmp/dom.html"
count_of() { sed -n "s/.*id=\"count-$1\">\([0-9]*\)<.*/\1/p" "$dom"; }
check "html: errors = JSON summary ($errors)" test "$(count_of error)" = "$errors"
check "html: warnings = JSON summary ($warnings)" test "$(count_of warning)" = "$warnings"
check "html: info = JSON summary ($infos)" test "$(count_of info)" = "$infos"
check "html: by-family total = $counted" test "$(table_total "$dom" by-family)" = "$counted"
check "html: by-table total = $counted" test "$(table_total "$dom" by-table)" = "$counted"
check "html: $nlisted findings listed" test "$(grep -o '<article class="finding' "$dom" | wc -l)" = "$nlisted"
check "html: lang=id" contains "$dom" '<html lang="id">'
check "html: title has agency and year" grep -q '<title>.*Bangka Selatan.*2019</title>' "$dom"
for h in '<h2>Ringkasan</h2>' '<h2>Berkas yang diperiksa</h2>' '<h2>Temuan</h2>' 'Perbaikan:' 'Penjelasan aturan:' \
         '>GALAT<' 'Tabel: REALISASI PERJANJIAN KINERJA (PK)'; do
    check "html: has $h" contains "$dom" "$h"
done
articles "$dom" >"$tmp/articles.txt"
grep -F 'Persentase PMKS yang Tertangani' "$tmp/articles.txt" | grep -F 'capaian.arithmetic' >"$tmp/pmks.txt" || true
check "html: PMKS finding (capaian.arithmetic)" test -s "$tmp/pmks.txt"
check "html: PMKS recomputation" contains "$tmp/pmks.txt" '52,62 / 50 × 100 = 105,24%, dilaporkan 101,24%'
check "html: PMKS numbers quoted" grep -qF 'Target 50 Realisasi 52,62 Dilaporkan 101,24%' "$tmp/pmks.txt"
check "html: PMKS what to fix" contains "$tmp/pmks.txt" 'ganti 101,24% dengan 105,24%'
check "html: rule id" contains "$tmp/pmks.txt" 'Aturan: capaian.arithmetic'
# every input with its checksum
sed -n 's/.*"inputs":\[\([^]]*\)\].*/\1/p' "$tmp/r.json" | tr ',' '\n' | sed 's/^"//; s/"$//' >"$tmp/inputs"
check "html: inputs listed" test -s "$tmp/inputs"
while IFS= read -r f; do
    sum=$(sha256sum "$f" | cut -d' ' -f1)
    check "html: $f with SHA-256 $sum" grep -qF "$sum" "$dom"
    check "html: $f named" contains "$dom" "$f"
done <"$tmp/inputs"

# English
chrome --dump-dom "file://$tmp/en.html" >"$tmp/en-dom.html" || true
dom="$tmp/en-dom.html"
check "html en: lang=en" contains "$dom" '<html lang="en">'
for h in '<h2>Summary</h2>' '<h2>Files audited</h2>' '<h2>Findings</h2>' 'What to fix:' 'About this rule:' '>ERROR<' \
         'LAKIP Audit Findings'; do
    check "html en: has $h" contains "$dom" "$h"
done
check "html en: errors = JSON summary" test "$(count_of error)" = "$errors"
articles "$dom" | grep -F 'Persentase PMKS yang Tertangani' | grep -F 'capaian.arithmetic' >"$tmp/pmks-en.txt" || true
check "html en: PMKS recomputation" contains "$tmp/pmks-en.txt" '52,62 / 50 × 100 = 105,24%, reported 101,24%'
check "html en: no Indonesian headings" lacks "$dom" '<h2>(Ringkasan|Temuan)</h2>'

# screenshot and print
chrome --window-size=1280,2400 --hide-scrollbars --screenshot="$tmp/r.png" "file://$tmp/r.html" >/dev/null || true
check "html: screenshot is a PNG" test "$(head -c 8 "$tmp/r.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
check "html: screenshot not blank" test "$(wc -c <"$tmp/r.png" 2>/dev/null || echo 0)" -gt 20000
chrome --no-pdf-header-footer --print-to-pdf="$tmp/r.pdf" "file://$tmp/r.html" >/dev/null || true
check "html: prints to PDF" test "$(head -c 5 "$tmp/r.pdf" 2>/dev/null)" = "%PDF-"
pages=$(grep -a -c 'MediaBox' "$tmp/r.pdf" 2>/dev/null || echo 0)
a4=$(grep -a -c 'MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]' "$tmp/r.pdf" 2>/dev/null || echo 0)
check "html: every PDF page is A4 ($a4 of $pages)" test "$pages" -gt 1 -a "$a4" = "$pages"
if [ -n "${HTML_TEST_KEEP:-}" ]; then
    mkdir -p "$HTML_TEST_KEEP"
    cp "$tmp/r.html" "$tmp/en.html" "$tmp/r.png" "$tmp/r.pdf" "$tmp/r.md" "$HTML_TEST_KEEP"/ || true
fi

# --- findings in context ----------------------------------------------------------
# raw_article DOM TEXT...: the HTML of the first article that has every TEXT
raw_article() {
    dom_file=$1
    shift
    awk -v n="$#" 'BEGIN { for (i = 2; i < ARGC; i++) want[i - 1] = ARGV[i]; ARGC = 2 }
        /<article/ { buf = ""; on = 1 }
        on { buf = buf $0 "\n" }
        /<\/article>/ { on = 0; ok = 1; for (i = 1; i <= n; i++) if (index(buf, want[i]) == 0) ok = 0
                         if (ok) { printf "%s", buf; exit } }' "$dom_file" "$@"
}
dom="$tmp/dom.html"
raw_article "$dom" '<span class="indicator">2. Persentase PMKS yang Tertangani</span>' 'capaian.arithmetic' >"$tmp/pmks-raw.html"
check "context: PMKS row inside its table" grep -q '<table class="context"' "$tmp/pmks-raw.html"
check "context: PMKS row flagged" grep -q '<tr class="flagged"><td class="n">477</td>' "$tmp/pmks-raw.html"
check "context: PMKS cell 101,24% marked" grep -q '<td class="cell-flagged"><b>101,24%</b>' "$tmp/pmks-raw.html"
check "context: recomputation 105,24% beside it" grep -q '<td class="recomputed"><b>105,24%</b> (dilaporkan 101,24%)' "$tmp/pmks-raw.html"
rows=$(sed -n '/<table class="context"/,/<\/table>/p' "$tmp/pmks-raw.html" | grep -c '<tr')
check "context: rows around the flagged one ($rows rows with the header)" test "$rows" -ge 4
check "context: the rows around are not flagged" test "$(grep -c 'class="flagged"' "$tmp/pmks-raw.html")" = 1
raw_article "$dom" 'narasi.truncated' '62,75%' >"$tmp/narasi-raw.html"
check "context: narrative sentence quoted" grep -q '<blockquote class="context sentence"' "$tmp/narasi-raw.html"
check "context: the reported number marked" grep -q '<mark class="wrong">62,75%</mark>' "$tmp/narasi-raw.html"
check "context: the operands marked" grep -q '<mark class="num">18.938</mark>.*<mark class="num">30.177</mark>' "$tmp/narasi-raw.html"
raw_article "$tmp/en-dom.html" '<span class="indicator">2. Persentase PMKS yang Tertangani</span>' 'capaian.arithmetic' >"$tmp/pmks-en-raw.html"
check "context en: recomputation" grep -q '<td class="recomputed"><b>105,24%</b> (reported 101,24%)' "$tmp/pmks-en-raw.html"

# --- self-contained ------------------------------------------------------------
for page in "$tmp/r.html" "$tmp/en.html"; do
    grep -o '<[^>]*>' "$page" >"$tmp/tags"
    check "self: no network reference in tags ($(basename "$page"))" lacks "$tmp/tags" '(https?:|ftp:)?//'
    check "self: no src= ($(basename "$page"))" lacks "$tmp/tags" '[[:space:]](src|srcset|poster|data|action)='
    check "self: href only to #anchors ($(basename "$page"))" lacks "$tmp/tags" 'href="[^#]'
    check "self: no script/link/img/iframe ($(basename "$page"))" lacks "$tmp/tags" '^<(script|link|img|iframe|object|embed|base)[[:space:]>]'
    check "self: no url()/@import ($(basename "$page"))" lacks "$page" '(url\(|@import)'
    check "self: valid UTF-8 ($(basename "$page"))" iconv -f UTF-8 -t UTF-8 -o /dev/null "$page"
    check "self: starts with <!DOCTYPE html> ($(basename "$page"))" test "$(head -n 1 "$page")" = '<!DOCTYPE html>'
done

# --- escape ------------------------------------------------------------------
run "$tmp/x.html" --format html tests/html/escape || finish
run "$tmp/x.md" --format md tests/html/escape || finish
check "escape: agency" contains "$tmp/x.html" 'Dinas &lt;Uji&gt; &amp; &quot;Coba&quot; &#39;Satu&#39; | Dua'
check "escape: indicator" contains "$tmp/x.html" 'Persentase &quot;A&quot; &amp; &#39;B&#39; &lt;C | D *E* [F](x)'
check "escape: no raw markup from the input" lacks "$tmp/x.html" '<(Uji|C )'
chrome --dump-dom "file://$tmp/x.html" >"$tmp/x-dom.html" || true
articles "$tmp/x-dom.html" >"$tmp/x-articles.txt"
check "escape: browser shows the indicator as written" contains "$tmp/x-articles.txt" "Persentase \"A\" & 'B' <C | D *E* [F](x)"
check "escape md: indicator" contains "$tmp/x.md" "| Persentase \"A\" \\& 'B' \\<C \\| D \\*E\\* \\[F\\](x) |"
check "escape md: heading" contains "$tmp/x.md" "# Laporan Hasil Audit LAKIP 2019 — Dinas \\<Uji\\> \\& \"Coba\" 'Satu' \\| Dua"

# --- md ----------------------------------------------------------------------
# rows: lines of a finding table; each must have exactly six unescaped pipes
md_rows() { grep -E '^\| (GALAT|PERINGATAN|INFO|ERROR|WARNING) \| [0-9]* \|' "$1" || true; }
pipes_ok() { md_rows "$1" | sed 's/\\|//g' | awk -F'|' 'NF != 7 { bad = 1 } END { exit bad }'; }
check "md: table header" contains "$tmp/r.md" '| Tingkat | Baris | Indikator | Temuan | Aturan |'
check "md: $nlisted finding rows" test "$(md_rows "$tmp/r.md" | wc -l)" = "$nlisted"
check "md: rows have five cells" pipes_ok "$tmp/r.md"
check "md: summary errors" contains "$tmp/r.md" "| Galat | $errors |"
check "md: summary warnings" contains "$tmp/r.md" "| Peringatan | $warnings |"
check "md: summary info" contains "$tmp/r.md" "| Info | $infos |"
check "md: heading with year and agency" grep -q '^# Laporan Hasil Audit LAKIP 2019 — .*Bangka Selatan' "$tmp/r.md"
check "md: PMKS row" grep -qF '| Capaian dilaporkan 101,24%, padahal 52,62 / 50 × 100 = 105,24%.' "$tmp/r.md"
check "md en: table header" contains "$tmp/en.md" '| Severity | Line | Indicator | Finding | Rule |'
check "md en: $nlisted finding rows" test "$(md_rows "$tmp/en.md" | wc -l)" = "$nlisted"
check "md en: summary errors" contains "$tmp/en.md" "| Errors | $errors |"
check "md escape: rows have five cells" pipes_ok "$tmp/x.md"

finish
