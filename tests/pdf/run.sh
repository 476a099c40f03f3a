#!/bin/sh
# tests/pdf/run.sh — the sample report's PDFs give the same findings as its
# .md: same rule, severity, indicator, reported and expected value, and
# nothing on stderr (no page left unread, no warning). The PDFs were printed
# by tests/pdf/make_sample_pdf.py (LibreOffice from .odt and .docx,
# Chromium from HTML) and are committed: this test needs neither.
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
sample=fixtures/bangka-selatan-2019
conf=$sample/lakip-audit.conf

"$bin" check --format json --fail-on never "$sample/lakip-2019-bangka-selatan.md" --config "$conf" >"$tmp/md.json"
for pdf in "$sample"/pdf/*.pdf; do
    name=$(basename "$pdf" .pdf)
    if ! "$bin" check --format json --fail-on never --config "$conf" "$pdf" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
        fail=$((fail + 1)); echo "FAIL: $name: exit $?: $(cat "$tmp/$name.err")"; continue
    fi
    if [ -s "$tmp/$name.err" ]; then
        fail=$((fail + 1)); echo "FAIL: $name: stderr:"; cat "$tmp/$name.err"; continue
    fi
    if python3 tests/pdf/same_findings.py "$tmp/md.json" "$tmp/$name.json" >"$tmp/$name.diff"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: $name: findings differ from the .md:"; cat "$tmp/$name.diff"
    fi
done

echo "pdf: $pass passed, $fail failed"
[ "$fail" = 0 ]
