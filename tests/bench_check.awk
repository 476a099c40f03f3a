# tests/bench_check.awk — the findings of `make bench` against the
# generator's truth: every planted wrong row found with its rule, and no
# other finding. Usage: awk -f bench_check.awk TRUTH REPORT.json
# Prints the counts per rule and the first misses and false positives;
# exit 1 when they differ. Notes about a whole report that claim no row is
# wrong (capaian.policy: which lower-is-better formula the rows settle on)
# are counted apart.
BEGIN { report_notes["capaian.policy"] = 1 }
FNR == NR { want[$1 " " $2] = 1; planted[$2]++; next }
/^\{"id":/ {
    rule = $0; sub(/.*"rule":"/, "", rule); sub(/".*/, "", rule)
    if (rule in report_notes) { notes[rule]++; next }
    line = $0; sub(/.*"line":/, "", line); sub(/[^0-9].*/, "", line)
    key = line " " rule
    if (key in want) { found[rule]++; delete want[key] }
    else { extra[rule]++; if (nextra++ < 5) first_extra = first_extra "\n  false positive: line " line " " rule }
}
END {
    for (r in planted) printf "  %-22s planted %7d  found %7d\n", r, planted[r], found[r]
    for (r in notes) printf "  %-22s report notes %d (not about a row)\n", r, notes[r]
    for (r in extra) printf "  %-22s not planted, reported %d times\n", r, extra[r]
    for (k in want) { nmiss++; if (nmiss <= 5) first_miss = first_miss "\n  missed: line " k }
    if (nmiss || nextra) {
        printf "truth: %d planted rows missed, %d findings not planted%s%s\n", nmiss, nextra, first_miss, first_extra
        exit 1
    }
    print "truth: every planted wrong row found, no other finding"
}
