#!/bin/sh
# tests/hardening/run.sh — regression tests for the defects of issue 12 that
# are not about the rule sandbox (that is tests/attack/):
#   -o refuses every input of the run (data, settings, baseline, rule files,
#      their symlinks and hard links) and anything that is not a regular file;
#   FIFOs and devices are refused by type, without blocking;
#   input size and cell size limits; line numbers of CR-only files and of
#      the settings file's rules = line;
#   every output format valid UTF-8 whatever the bytes of rule messages,
#      cells and file names; control characters escaped in text and md;
#   SIGINT / SIGTERM remove the temporary output file.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/setup.sh"
# run ARGS... : at most 20 s; sets $rc, output in $tmp/out, stderr in $tmp/err
run() {
    set +e
    timeout -k 2 20 $bin "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
}
seed=fixtures/bangka-selatan-2019
data=tests/rules/capaian.truncated/fire.csv

# --- -o never replaces an input -------------------------------------------
mkdir "$tmp/in" "$tmp/rules"
cp "$data" "$tmp/in/data.csv"
printf 'tahun = 2019\n' >"$tmp/in/lakip-audit.conf"
printf 'tahun = 2019\n' >"$tmp/settings.conf"
cat >"$tmp/rules/mine.lua" <<'LUA'
return {
  rules = { { id = "mine.t", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) end,
}
LUA
$bin baseline -o "$tmp/base.json" "$tmp/in" 2>/dev/null
ln -s "$tmp/in/data.csv" "$tmp/link.csv"
ln "$tmp/in/data.csv" "$tmp/hard.csv"
ln -s "$tmp/base.json" "$tmp/base-link.json"
ln "$tmp/rules/mine.lua" "$tmp/rule-hard.lua"
ln -s "$top/rules/capaian.lua" "$tmp/builtin-link.lua"
find "$tmp" -type f ! -name 'sums.*' -exec cksum {} + | sort >"$tmp/sums.before"
refused() {   # refused NAME TARGET ARGS...
    name=$1 target=$2
    shift 2
    run check --fail-on never -o "$target" "$@"
    find "$tmp" -type f ! -name out ! -name err ! -name 'sums.*' -exec cksum {} + | sort >"$tmp/sums.after"
    if [ "$rc" = 2 ] && grep -q 'refusing to overwrite an input' "$tmp/err" && cmp -s "$tmp/sums.before" "$tmp/sums.after" \
        && ! ls "$target".tmp* >/dev/null 2>&1; then ok
    else bad "-o onto $name: rc=$rc $(cat "$tmp/err")"; fi
}
refused "a data file" "$tmp/in/data.csv" "$tmp/in/data.csv"
refused "a data file in a folder" "$tmp/in/data.csv" "$tmp/in"
refused "a symlink to a data file" "$tmp/link.csv" "$tmp/in"
refused "a hard link to a data file" "$tmp/hard.csv" "$tmp/in"
refused "the folder's settings file" "$tmp/in/lakip-audit.conf" "$tmp/in"
refused "the --config file" "$tmp/settings.conf" --config "$tmp/settings.conf" "$tmp/in/data.csv"
refused "the --baseline file" "$tmp/base.json" --baseline "$tmp/base.json" "$tmp/in"
refused "a symlink to the --baseline file" "$tmp/base-link.json" --baseline "$tmp/base.json" "$tmp/in"
refused "a user rule file" "$tmp/rules/mine.lua" --rules "$tmp/rules" "$tmp/in"
refused "a hard link to a user rule file" "$tmp/rule-hard.lua" --rules "$tmp/rules" "$tmp/in"
refused "a link to a shipped rule file" "$tmp/builtin-link.lua" "$tmp/in"
# a portfolio's member files, and merge's JSON reports (by inode: a hard link too)
mkdir -p "$tmp/pf/a" "$tmp/pf/b"
cp "$data" "$tmp/pf/a/"
cp tests/rules/capaian.truncated/silent.csv "$tmp/pf/b/"
cksum "$tmp/pf/a/fire.csv" >"$tmp/pf.before"
run check --portfolio --fail-on never -o "$tmp/pf/a/fire.csv" "$tmp/pf"
cksum "$tmp/pf/a/fire.csv" | cmp -s - "$tmp/pf.before" && [ "$rc" = 2 ] && grep -q 'refusing to overwrite an input' "$tmp/err" \
    && ok || bad "portfolio -o onto a member file: rc=$rc $(cat "$tmp/err")"
$bin check --format json --fail-on never -o "$tmp/member.json" "$tmp/pf/a" 2>/dev/null
ln "$tmp/member.json" "$tmp/member-hard.json"
cksum "$tmp/member.json" >"$tmp/member.before"
run merge -o "$tmp/member-hard.json" "$tmp/member.json"
cksum "$tmp/member.json" | cmp -s - "$tmp/member.before" && [ "$rc" = 2 ] && grep -q 'refusing to overwrite an input' "$tmp/err" \
    && ok || bad "merge -o onto a hard link of its input: rc=$rc $(cat "$tmp/err")"
# re-recording a baseline over itself is the documented way to update it
run baseline -o "$tmp/base.json" "$tmp/in"
[ "$rc" = 0 ] && grep -q '"fingerprint"' "$tmp/base.json" && ok || bad "baseline -o over the old baseline: rc=$rc"
# a device is not replaced by the rename
run check --fail-on never -o /dev/null "$tmp/in"
[ "$rc" = 2 ] && [ -c /dev/null ] && grep -q 'not a regular file' "$tmp/err" && ok || bad "-o /dev/null: rc=$rc"

# --- FIFOs and devices are refused by type, at once -------------------------
mkfifo "$tmp/fifo.csv"
run check "$tmp/fifo.csv"
[ "$rc" = 2 ] && grep -q 'fifo.csv: .*not a regular file' "$tmp/err" && ok || bad "FIFO as PATH: rc=$rc $(cat "$tmp/err")"
mkdir "$tmp/withfifo"
cp "$data" "$tmp/withfifo/a.csv"
mkfifo "$tmp/withfifo/b.csv"
# in a folder it is an input.unreadable finding (issue 7): the other files are audited
run check --format json "$tmp/withfifo"
[ "$rc" = 1 ] && grep -q '"rule":"input.unreadable".*b.csv.*not a regular file' "$tmp/out" && ok || bad "FIFO in a folder: rc=$rc $(cat "$tmp/err")"
mkfifo "$tmp/withfifo/c.pdf"
rm "$tmp/withfifo/b.csv"
run check --format json "$tmp/withfifo"
[ "$rc" = 1 ] && grep -q '"rule":"input.unreadable".*c.pdf.*not a regular file' "$tmp/out" && ok || bad "FIFO .pdf in a folder: rc=$rc $(cat "$tmp/err")"
mkfifo "$tmp/fifo.conf"
run check --config "$tmp/fifo.conf" "$data"
[ "$rc" = 2 ] && grep -q 'not a regular file' "$tmp/err" && ok || bad "FIFO as --config: rc=$rc"
mkfifo "$tmp/fifo.json"
run check --baseline "$tmp/fifo.json" "$data"
[ "$rc" = 2 ] && grep -q 'not a regular file' "$tmp/err" && ok || bad "FIFO as --baseline: rc=$rc"
mkdir "$tmp/fiforules"
mkfifo "$tmp/fiforules/wait.lua"
run check --fail-on never --format json --rules "$tmp/fiforules" "$data"
[ "$rc" = 0 ] && grep -q '"rule":"engine.rule-load"' "$tmp/out" && grep -q 'wait.lua: not a regular file' "$tmp/out" \
    && ok || bad "FIFO in a rule folder: rc=$rc"
run check /dev/zero
[ "$rc" = 2 ] && grep -q 'not a regular file' "$tmp/err" && ok || bad "device as PATH: rc=$rc"

# --- limits -----------------------------------------------------------------
truncate -s 300M "$tmp/huge.csv"
run check "$tmp/huge.csv"
[ "$rc" = 2 ] && grep -q 'huge.csv: cannot read: file is larger than the 256 MiB input limit' "$tmp/err" && ok \
    || bad "input size limit: rc=$rc $(cat "$tmp/err")"
{ printf 'No;Indikator Kinerja;Target;Realisasi;Capaian\n1;Persentase A;10;10;100%%\n2;"'
  head -c 70000 /dev/zero | tr '\0' x; printf '";10;10;100%%\n'; } >"$tmp/cell.csv"
run check "$tmp/cell.csv"
[ "$rc" = 2 ] && grep -q 'cell.csv:3: cell 2 is 70000 bytes long; the limit is 64 KiB' "$tmp/err" && ok \
    || bad "cell size limit: rc=$rc $(cat "$tmp/err")"
{ printf 'Tabel 1\n\nNo\tIndikator\tTarget\tRealisasi\n1\t'; head -c 70000 /dev/zero | tr '\0' y; printf '\t1\t1\n'; } >"$tmp/cell.md"
run check "$tmp/cell.md"
[ "$rc" = 2 ] && grep -q 'cell.md:4: cell 2 is 70000 bytes' "$tmp/err" && ok || bad "cell size limit (document): rc=$rc $(cat "$tmp/err")"
python3 tests/hardening/mkxlsx.py "$tmp/cell.xlsx" 70000
run check "$tmp/cell.xlsx"
[ "$rc" = 2 ] && grep -q 'cell.xlsx:3: cell 2 is 70000 bytes' "$tmp/err" && ok || bad "cell size limit (workbook): rc=$rc $(cat "$tmp/err")"
python3 tests/hardening/mkxlsx.py "$tmp/fine.xlsx" 60000
run check --fail-on never "$tmp/fine.xlsx"
[ "$rc" = 0 ] && ok || bad "a 60 000-byte workbook cell is within the limit: rc=$rc $(cat "$tmp/err")"
# a stray cell in column XFD beside 2000 rows: refused at once, not read as
# 2000 x 16384 cells (found by fuzzing the .xls loader: 26 KB took 270 MB)
python3 tests/hardening/mkxlsx.py "$tmp/stray.xlsx" 2000 stray
set +e; timeout 20 "$bin" check "$tmp/stray.xlsx" >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] && grep -q 'stray.xlsx: sheet "Sheet1": rows 1 to 2001 span columns A to XFD but hold only 10004 cells: too sparse' "$tmp/err" \
    && ok || bad "sparse block: rc=$rc $(cat "$tmp/err")"
python3 tests/hardening/mkxlsx.py "$tmp/stray-small.xlsx" 3 stray
run check --fail-on never "$tmp/stray-small.xlsx"
[ "$rc" = 0 ] && ok || bad "a small block with a stray cell is still read: rc=$rc $(cat "$tmp/err")"
run --help
grep -q '256 MiB' "$tmp/out" && grep -q '64 KiB' "$tmp/out" && grep -q -- '--max-instructions' "$tmp/out" && ok || bad "--help lists the limits"
grep -q '256 MiB' docs/lakip-audit.1 && grep -q '64 KiB' docs/lakip-audit.1 && ok || bad "man page lists the limits"

# --- locations ----------------------------------------------------------------
mkdir "$tmp/badrules"
cp "$data" "$tmp/badrules/"
printf 'tahun = 2019\n# rule folder\nrules = no-such-folder\n' >"$tmp/badrules/lakip-audit.conf"
run check "$tmp/badrules"
[ "$rc" = 2 ] && grep -q 'lakip-audit.conf:3: rules = no-such-folder: No such file or directory' "$tmp/err" && ok \
    || bad "rules = line without file:line: $(cat "$tmp/err")"

# an empty rule folder and a clean input: empty lists are sorted without
# qsort(NULL, 0, ...), which UBSan reports (CI runs this under UBSan)
mkdir "$tmp/emptyrules"
run check --rules "$tmp/emptyrules" tests/rules/capaian.truncated/silent.csv
[ "$rc" = 0 ] && ok || bad "empty rule folder: rc=$rc $(cat "$tmp/err")"

# a bundled rule (run in this process) is stopped after --max-rule-seconds
# of CPU time in one call, even when each instruction is expensive
cp -r rules "$tmp/bundled"
cp tests/attack/rules/string-compare.lua "$tmp/bundled/"
start=$(date +%s)
LAKIP_RULES_DIR="$tmp/bundled"
export LAKIP_RULES_DIR
run check --format json --fail-on never --max-rule-seconds 1 "$data"
unset LAKIP_RULES_DIR
secs=$(($(date +%s) - start))
[ "$rc" = 0 ] && grep -q '"rule":"engine.rule-timeout","severity":"error","file":"rules/string-compare.lua","line":7' "$tmp/out" \
    && grep -q '"rule":"capaian.truncated"' "$tmp/out" && [ "$secs" -lt 15 ] && ok || bad "in-process CPU limit: rc=$rc ${secs}s"

# --- outputs are valid UTF-8, control characters escaped ----------------------
mkdir "$tmp/bytes"
cat >"$tmp/bytes/bytes.lua" <<'LUA'
return {
  rules = { { id = "bytes.raw", severity = "warning", title = "raw \255 bytes",
              explanation = "e", message = "{what} \192\175 {indicator}", fields = { "what" } } },
  check_row = function(ctx, t, row)
    ctx:emit("bytes.raw", row, { what = "caf\233 \27[2J\27[8m hidden \226\128\174 \127 \r \194\155 \xED\xA0\x80" })
  end,
}
LUA
printf 'No;Indikator Kinerja;Target;Realisasi;Capaian\n1;Persentase \033[2J\033[8mdesa \342\200\256;12;10;80,33%%\n' >"$tmp/esc.csv"
ln -s "$top/$data" "$(printf '%s/name-\377.csv' "$tmp")"
utf8_ok() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
for fmt in text json html md sarif; do
    run check --fail-on never --format "$fmt" --rules "$tmp/bytes" "$tmp/esc.csv" "$(printf '%s/name-\377.csv' "$tmp")"
    if [ "$rc" = 0 ] && utf8_ok "$tmp/out" && grep -q 'bytes.raw' "$tmp/out"; then ok; else bad "$fmt output not valid UTF-8 (rc=$rc)"; fi
    case $fmt in
    text|md)
        if tr -d '\n\t' <"$tmp/out" | LC_ALL=C grep -q '[[:cntrl:]]'; then bad "$fmt output holds a control character"; else ok; fi
        grep -q '<U+202E>' "$tmp/out" && ok || bad "$fmt: bidi override not shown" ;;
    json|sarif)
        python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$tmp/out" && ok || bad "$fmt output not parseable JSON" ;;
    esac
done
run baseline -o "$tmp/bytes-base.json" --rules "$tmp/bytes" "$tmp/esc.csv"
[ "$rc" = 0 ] && utf8_ok "$tmp/bytes-base.json" && python3 -c 'import json,sys; [json.loads(l.rstrip(",\n")) for l in open(sys.argv[1]) if l.startswith("{\"fingerprint")]' "$tmp/bytes-base.json" \
    && ok || bad "baseline with invalid bytes: rc=$rc"

# --- SIGINT / SIGTERM remove the temporary output file -------------------------
mkdir "$tmp/slow"
cat >"$tmp/slow/slow.lua" <<'LUA'
return {
  rules = { { id = "slow.loop", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local i = 0 while true do i = i + 1 end end,
}
LUA
for sig in INT TERM; do
    mkdir "$tmp/sig$sig"
    $bin check --max-instructions 1000000000000 --rules "$tmp/slow" -o "$tmp/sig$sig/report.txt" "$data" 2>/dev/null &
    pid=$!
    n=0
    while ! ls "$tmp/sig$sig"/report.txt.tmp* >/dev/null 2>&1 && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    ls "$tmp/sig$sig"/report.txt.tmp* >/dev/null 2>&1 && had=1 || had=0
    sleep 0.3
    kill -"$sig" "$pid"
    wait "$pid" 2>/dev/null || true
    if [ "$had" = 1 ] && [ -z "$(ls "$tmp/sig$sig")" ]; then ok; else bad "SIG$sig: left $(ls "$tmp/sig$sig") (temporary seen: $had)"; fi
done

echo "hardening: $pass passed, $fail failed"
[ "$fail" = 0 ]
