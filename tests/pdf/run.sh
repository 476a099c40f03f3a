#!/bin/sh
# tests/pdf/run.sh — end-to-end tests of PDF reports:
#   - the sample report's PDFs give the same findings as its .md: same
#     rule, severity, indicator, reported and expected value, and nothing
#     on stderr (no page left unread, no warning). The PDFs were printed by
#     tests/pdf/make_sample_pdf.py (LibreOffice from .odt and .docx,
#     Chromium from HTML) and are committed: this test needs neither;
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

# a scanned page among text pages is named, not skipped in silence
"$bin" check --tahun 2019 --fail-on never tests/pdf/cases/scanned-page.pdf >/dev/null 2>"$tmp/scan.err" || true
if grep -q 'scanned-page.pdf page 2 not read: scanned page, no text' "$tmp/scan.err"; then ok
else bad "scanned-page: page 2 not reported: $(cat "$tmp/scan.err")"; fi

# a page whose text was drawn as shapes is named too
"$bin" check --tahun 2019 --fail-on never tests/pdf/cases/outlined-page.pdf >/dev/null 2>"$tmp/outl.err" || true
if grep -q 'outlined-page.pdf page 2 not read: no text: drawn as shapes' "$tmp/outl.err"; then ok
else bad "outlined-page: page 2 not reported: $(cat "$tmp/outl.err")"; fi

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
