#!/bin/sh
# tests/bench.sh — `make bench`: a full audit of the generated long-form
# file (tests/bench_gen.c: BENCH_ROWS rows, default 1M, seed BENCH_SEED)
# beside libcsv parsing the same file and nothing else; wall time, CPU
# time and peak memory of each, measured in one run by tests/bench_run.c;
# then the findings are checked against the generator's truth (every
# planted wrong row found with its rule, no other finding). Exit 1 when
# the findings differ from the truth.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${BENCH_ROWS:-1000000}
seed=${BENCH_SEED:-1}
b="$top/build/tests"
file="$top/build/bench-long-$rows-$seed.csv"
truth="$top/build/bench-long-$rows-$seed.truth"
report="$top/build/bench-report.json"
[ -f "$file" ] && [ -f "$truth" ] || "$b/bench_gen" "$rows" "$seed" "$file" "$truth"

# the machine is shared: the load before and after says how far to trust wall times
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
costs="$top/build/bench-costs.txt"
: >"$costs"
"$b/bench_run" libcsv "$b/bench_parse" "$file" >/dev/null 2>>"$costs"
"$b/bench_run" lakip-audit "$top/lakip-audit" check --format json --fail-on never -o "$report" "$file" 2>>"$costs"

size=$(wc -c <"$file")
echo "file: $rows rows, $((size / 1048576)) MiB, long form (tahun;instansi;tabel;...), seed $seed"
awk -v rows="$rows" '
    { wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4; rc[$1] = $5 }
    END {
        printf "%-26s %8s %8s %10s %12s\n", "", "wall s", "CPU s", "peak MB", "rows/s"
        printf "%-26s %8.2f %8.2f %10.1f %12.0f\n", "libcsv parse only", wall["libcsv"], cpu["libcsv"], rss["libcsv"], rows / wall["libcsv"]
        printf "%-26s %8.2f %8.2f %10.1f %12.0f\n", "lakip-audit check (json)", wall["lakip-audit"], cpu["lakip-audit"], rss["lakip-audit"], rows / wall["lakip-audit"]
        printf "ratio: %.1fx libcsv wall time\n", wall["lakip-audit"] / wall["libcsv"]
        if (rc["lakip-audit"] != 0) { printf "bench: lakip-audit exited %d\n", rc["lakip-audit"]; exit 1 }
    }' "$costs"
# the second core: the same audit on one thread (--jobs 1), then two such
# audits side by side, each its own process. What two independent
# processes lose to each other (shared caches and memory bandwidth of this
# machine) is what --jobs 2 cannot get back; the rest of its extra CPU
# over --jobs 1 is the pipeline's own (docs: README "Speed")
cores="$top/build/bench-cores.txt"
: >"$cores"
"$b/bench_run" one "$top/lakip-audit" check --jobs 1 --format json --fail-on never -o "$top/build/bench-one.json" "$file" 2>>"$cores"
"$b/bench_run" side-a "$top/lakip-audit" check --jobs 1 --format json --fail-on never -o "$top/build/bench-side-a.json" "$file" 2>>"$cores" &
"$b/bench_run" side-b "$top/lakip-audit" check --jobs 1 --format json --fail-on never -o "$top/build/bench-side-b.json" "$file" 2>>"$cores"
wait
cat "$costs" "$cores" | awk '
    { wall[$1] = $2; cpu[$1] = $3 }
    END {
        side = (cpu["side-a"] + cpu["side-b"]) / 2
        printf "--jobs 1: %.2f s wall, %.2f s CPU; two --jobs 1 audits side by side: %.2f and %.2f s CPU (%+.0f%% each); ", wall["one"], cpu["one"], cpu["side-a"], cpu["side-b"], (side / cpu["one"] - 1) * 100
        printf "--jobs 2: %.2f s CPU (%+.0f%%)\n", cpu["lakip-audit"], (cpu["lakip-audit"] / cpu["one"] - 1) * 100
    }'
for f in one side-a side-b; do
    cmp -s "$top/build/bench-$f.json" "$report" || { echo "bench: --jobs 1 ($f) wrote another report than --jobs 2"; exit 1; }
done
# the one-report case: the seed report (Markdown + CSV + settings) end to
# end, text report, seven runs, the median (the first runs warm the cache)
sample_costs="$top/build/bench-sample.txt"
: >"$sample_costs"
for _ in 1 2 3 4 5 6 7; do
    "$b/bench_run" sample "$top/lakip-audit" check --fail-on never "$top/fixtures/bangka-selatan-2019" >/dev/null 2>>"$sample_costs"
done
sort -k2,2n "$sample_costs" | awk 'NR == 1 { lo = $2 } NR == 4 { med = $2 } NR == 7 { hi = $2 }
    END { printf "sample report (fixtures/bangka-selatan-2019): median of 7 runs %.2f ms wall (%.2f–%.2f), ", med * 1000, lo * 1000, hi * 1000 }'
sort -k3,3n "$sample_costs" | awk 'NR == 4 { printf "%.2f ms CPU, %.1f MB peak\n", $3 * 1000, $4 }'
echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
awk -f "$top/tests/bench_check.awk" "$truth" "$report"
