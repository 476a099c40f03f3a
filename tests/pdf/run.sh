#!/bin/sh
# tests/pdf/run.sh — end-to-end tests of PDF reports:
#   - the sample report's PDFs give the same findings as its .md: same
#     rule, severity, indicator, reported and expected value, and nothing
#     on stderr (no page left unread, no warning). The PDFs were printed by
#     tests/pdf/make_sample_pdf.py (LibreOffice from .odt and .docx,
#     Chromium from HTML) and are committed: this test needs neither;
#   - the sample printed by Chromium without borders (tables read from
#     text alignment alone): at least the pinned number of the .md's
#     findings, at most the pinned number of other errors and warnings;
#   - findings on a table over three pages cite page and row in every writer;
#   - bad PDFs (tests/pdf/cases, from make_layout_pdfs.py) exit 2 with one line;
#   - a 2,000-page PDF and a page of 50,000 glyphs, written here, load in
#     bounded time and memory.
# The layout of each case is checked line by line in tests/unit/test_pdf_load.c.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin="$top/lakip-audit"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
sample=fixtures/bangka-selatan-2019
conf=$sample/lakip-audit.conf

"$bin" check --format json --fail-on never "$sample/lakip-2019-bangka-selatan.md" --config "$conf" >"$tmp/md.json"
for pdf in "$sample"/pdf/*.pdf; do
    name=$(basename "$pdf" .pdf)
    case $name in *-unruled) continue ;; esac     # pinned figures below
    if ! "$bin" check --format json --fail-on never --config "$conf" "$pdf" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
        bad "$name: exit $?: $(cat "$tmp/$name.err")"; continue
    fi
    if [ -s "$tmp/$name.err" ]; then
        bad "$name: stderr: $(cat "$tmp/$name.err")"; continue
    fi
    if python3 tests/pdf/same_findings.py "$tmp/md.json" "$tmp/$name.json" >"$tmp/$name.diff"; then
        ok
    else
        bad "$name: findings differ from the .md:"; cat "$tmp/$name.diff"
    fi
done

# --- the sample printed without borders: tables from text alignment ------
# Pinned figures, measured (docs/FORMAT.md): at least SAME of the .md's
# findings found the same (60 when measured; the rules may add more), at
# most MISSING of them missed and at most EXTRA_SERIOUS other errors or
# warnings. A change that reads worse fails.
unruled_same_min=60
unruled_missing_max=0
unruled_extra_serious_max=0
pdf="$sample/pdf/lakip-2019-bangka-selatan-chromium-unruled.pdf"
if "$bin" check --format json --fail-on never --config "$conf" "$pdf" >"$tmp/unruled.json" 2>"$tmp/unruled.err"; then
    set -- $(python3 tests/pdf/same_findings.py --counts "$tmp/md.json" "$tmp/unruled.json")
    if [ "$1" -ge "$unruled_same_min" ] && [ "$2" -le "$unruled_missing_max" ] && [ "$4" -le "$unruled_extra_serious_max" ]; then ok
    else
        bad "unruled sample: $1 same (want >= $unruled_same_min), $2 missing (want <= $unruled_missing_max), $3 extra, $4 of them errors or warnings (want <= $unruled_extra_serious_max)"
        python3 tests/pdf/same_findings.py "$tmp/md.json" "$tmp/unruled.json"
    fi
else
    bad "unruled sample: exit $?: $(cat "$tmp/unruled.err")"
fi

# --- findings cite the PDF page and the table row -------------------------
# A table over three pages (header repeated on page 2, not on page 3): the
# wrong capaian of each page is found on its page, rows counted through
# the table.
"$bin" check --tahun 2019 --format json --fail-on never tests/pdf/cases/across-pages.pdf >"$tmp/across.json" 2>"$tmp/across.err" || true
got=$(grep '"rule":"capaian.arithmetic"' "$tmp/across.json" | sed -n 's/.*"place":{"kind":"page","text":"\([^"]*\)".*/\1/p' | tr '\n' ';')
if [ "$got" = "hlm. 1, tabel 1, baris 7;hlm. 2, tabel 1, baris 18;hlm. 3, tabel 1, baris 28;" ] && [ ! -s "$tmp/across.err" ]; then ok
else bad "across-pages: capaian.arithmetic places are \"$got\""; cat "$tmp/across.err"; fi

# every writer shows the page: text, Markdown, HTML, SARIF
for fmt in text md html sarif; do
    "$bin" check --tahun 2019 --format "$fmt" --fail-on never tests/pdf/cases/across-pages.pdf >"$tmp/across.$fmt" 2>/dev/null || true
    if grep -q 'hlm. 3, tabel 1, baris 28' "$tmp/across.$fmt"; then ok; else bad "across-pages: --format $fmt does not show the page"; fi
done

# --- bad PDFs: exit 2, one clear line naming the file ---------------------
expect_error() {    # FILE MESSAGE
    set +e
    "$bin" check --tahun 2019 "$1" >"$tmp/bad.out" 2>"$tmp/bad.err"
    rc=$?
    set -e
    if [ "$rc" = 2 ] && [ "$(cat "$tmp/bad.err")" = "lakip-audit: $1: $2" ]; then ok
    else bad "$1: exit $rc, stderr: $(cat "$tmp/bad.err")"; fi
}
expect_error tests/pdf/cases/encrypted.pdf "the PDF is encrypted and needs a password to open: save an unprotected copy"
expect_error tests/pdf/cases/zero-pages.pdf "the PDF has no pages"
expect_error tests/pdf/cases/truncated.pdf "no page of the PDF has text; the file is damaged (cannot find startxref)"
expect_error tests/pdf/cases/not-a-pdf.pdf "not a PDF file (no %PDF- header in its first kilobyte)"
expect_error tests/pdf/cases/scanned-only.pdf "no page of the PDF has text (2 scanned or drawn pages): run OCR on it first"

# a scanned page among text pages is named (input.unread-page, in the
# coverage of every format), not skipped in silence; so is a page whose
# text was drawn as shapes
for case in "scanned-page:page 2: scanned page, no text" "outlined-page:page 2: no text, drawn as shapes"; do
    name=${case%%:*} why=${case#*:}
    "$bin" check --tahun 2019 --lang en --format json --fail-on never "tests/pdf/cases/$name.pdf" >"$tmp/unread.json" 2>"$tmp/unread.err" || true
    if grep '"rule":"input.unread-page"' "$tmp/unread.json" | grep -q "\"why\":\"$why" && grep -q '"kind":"page"' "$tmp/unread.json"; then ok
    else bad "$name: page 2 not reported as input.unread-page: $(grep -o '"unread":[^]]*' "$tmp/unread.json")"; fi
    "$bin" tables --lang en "tests/pdf/cases/$name.pdf" >"$tmp/unread.txt" 2>&1 || true
    if grep -q "$name.pdf: $why" "$tmp/unread.txt"; then ok; else bad "$name: tables does not list page 2 as not read"; fi
done

# a table without rules whose rows cannot be told apart is left out and
# said so (input.unread-block, in the coverage), not read wrong
"$bin" check --tahun 2019 --lang en --format json --fail-on never tests/pdf/cases/unruled-centred.pdf >"$tmp/centred.json" 2>"$tmp/centred.err" || true
if grep '"rule":"input.unread-block"' "$tmp/centred.json" | grep -q '"why":"page 2: a table without rules whose rows cannot be told apart' &&
   grep -q '"kind":"block"' "$tmp/centred.json"; then ok
else bad "unruled-centred: the ambiguous table on page 2 is not reported as input.unread-block: $(grep -o '"unread":[^]]*' "$tmp/centred.json")"; fi

# tables --format csv|md: the cells as read, with their page and row
"$bin" tables --format csv tests/pdf/cases/ruled-merged.pdf >"$tmp/t.csv"
if grep -qx 'Meningkatnya Pelayanan dan Rehabilitasi Sosial;Persentase PMKS yang Tertangani;50;52,62;101,24%;hlm. 1, tabel 1, baris 5' "$tmp/t.csv"; then ok
else bad "tables --format csv: $(cat "$tmp/t.csv")"; fi
"$bin" tables --format md --lang en tests/pdf/cases/across-pages.pdf >"$tmp/t.md"
if grep -qF '| 26 | Jumlah Kepala Desa yang ikut Pendidikan Dasar (Kec. Payung) | 50 | 16 | 30% | p. 3, table 1, row 28 |' "$tmp/t.md"; then ok
else bad "tables --format md: $(head -20 "$tmp/t.md")"; fi
set +e
"$bin" tables --format json tests/pdf/cases/ruled-merged.pdf >/dev/null 2>"$tmp/t.err"
rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "tables: --format: text, csv or md, not 'json'" "$tmp/t.err"; then ok; else bad "tables --format json: exit $rc"; fi

# --- big PDFs, made here: bounded time (30 s) and memory (1 GiB) ----------
python3 tests/pdf/make_layout_pdfs.py big "$tmp/big"
for big in pages-2000 glyphs-50000; do
    set +e
    ( ulimit -v 1048576; timeout 30 "$bin" check --tahun 2019 --format json --fail-on never "$tmp/big/$big.pdf" ) >"$tmp/big.json" 2>"$tmp/big.err"
    rc=$?
    set -e
    if [ "$rc" = 0 ] && [ ! -s "$tmp/big.err" ]; then ok
    else bad "$big: exit $rc (124 = over 30 s): $(head -3 "$tmp/big.err")"; fi
done

echo "pdf: $pass passed, $fail failed"
[ "$fail" = 0 ]
