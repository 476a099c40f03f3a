#!/bin/sh
# tests/bench.sh — `make bench`: rows per second of a full audit (load,
# parse every number, all rules, JSON report) on a generated 1M-row CSV,
# beside libcsv parse-only on the same file.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${BENCH_ROWS:-1000000}
file="$top/build/bench-$rows.csv"
[ -f "$file" ] || awk -v rows="$rows" -f "$top/tests/gen_bench.awk" >"$file"
now() { date +%s.%N; }

set -- $("$top/build/tests/bench_parse" "$file")
parse_rows=$1 parse_secs=$2

t0=$(now)
set +e
"$top/lakip-audit" check --format json --fail-on never "$file" >"$top/build/bench-report.json"
rc=$?
set -e
t1=$(now)
[ "$rc" = 0 ] || { echo "bench: lakip-audit exited $rc"; exit 1; }
findings=$(grep -c '^{"id"' "$top/build/bench-report.json" || true)

awk -v r="$rows" -v pr="$parse_rows" -v ps="$parse_secs" -v t0="$t0" -v t1="$t1" -v f="$findings" 'BEGIN {
    full = t1 - t0
    printf "rows: %d data rows (%d CSV records)\n", r, pr
    printf "libcsv parse only : %7.2f s  %10.0f rows/s\n", ps, pr / ps
    printf "lakip-audit check : %7.2f s  %10.0f rows/s  (%d findings)\n", full, r / full, f
}'
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
