#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET... — runs each libFuzzer harness
# build/fuzz/fuzz_TARGET for SECONDS, from seed corpora made from the
# repository's fixtures (build/fuzz/seeds/TARGET), the inputs that once
# failed (tests/fuzz/regress/TARGET, committed) and what earlier runs found
# (build/fuzz/corpus/TARGET). A crash, sanitizer report, leak or timeout is
# saved under build/fuzz/artifacts/TARGET/ and fails the run.
#
# tests/fuzz/run.sh --runs N TARGET... is the reproducible form CI uses: the
# regressions and seeds once each, then N inputs mutated from them with a
# fixed random seed and no corpus of earlier runs, so a clean clone gives the
# same inputs on every machine (no verdict depends on how fast it is).
set -eu
cd "$(dirname "$0")/../.."
if [ "$1" = "--runs" ]; then
    budget="-runs=$2 -seed=1"
    corpus=build/fuzz/scratch       # libFuzzer writes what it finds into the first folder: emptied each run
    rm -rf "$corpus"
    shift 2
else
    budget="-max_total_time=$1"
    corpus=build/fuzz/corpus
    shift
fi
top=$(pwd)
seeds=build/fuzz/seeds

# copy FILES... into seeds/NAME, one file each
seed() {
    name=$1
    shift
    mkdir -p "$seeds/$name"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$seeds/$name/$(echo "$f" | tr '/' '_')"
    done
    return 0
}

rm -rf "$seeds"
# shellcheck disable=SC2046
seed csv $(find fixtures tests/rules tests/e2e/bad -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \))
# shellcheck disable=SC2046
seed doc $(find fixtures tests/rules -type f \( -name '*.md' -o -name '*.markdown' \))
# shellcheck disable=SC2046
seed settings $(find fixtures tests -type f -name '*.conf')
mkdir -p "$seeds/settings"
printf 'tahun = 2019\nlang = en\nrules = .\ndisable = capaian.truncated, tahun.table\nseverity.capaian.arithmetic = warning\nnumber_style = id\n' \
    >"$seeds/settings/all-keys.conf"
# the packaged and paginated formats, by extension
for ext in pdf xlsx xls ods docx odt; do
    # shellcheck disable=SC2046
    seed "$ext" $(find fixtures tests -type f -name "*.$ext")
done
python3 tests/hardening/mkxlsx.py "$seeds/xlsx/small.xlsx" 20
# number: every distinct cell of the fixture spreadsheets (one file each)
mkdir -p "$seeds/number"
find fixtures tests/rules -type f -name '*.csv' -exec cat {} + | tr ';\t' '\n\n' | sort -u | head -2000 |
    awk -v d="$seeds/number" '{ f = sprintf("%s/n%05d", d, NR); printf "%s", $0 > f; close(f) }'
# baseline: baselines recorded from the fixtures by the tool itself
mkdir -p "$seeds/baseline"
./lakip-audit baseline -o "$seeds/baseline/seed.json" fixtures/bangka-selatan-2019 2>/dev/null
./lakip-audit baseline -o "$seeds/baseline/csv.json" fixtures/bangka-selatan-2019/csv 2>/dev/null
find tests -name '*.json' -path '*baseline*' -exec cp {} "$seeds/baseline/" \; 2>/dev/null || true

status=0
for t in "$@"; do
    mkdir -p "build/fuzz/artifacts/$t" "$seeds/$t"
    dirs="$seeds/$t"
    [ -d "tests/fuzz/regress/$t" ] && dirs="tests/fuzz/regress/$t $dirs"
    if [ -n "$corpus" ]; then
        mkdir -p "$corpus/$t"
        dirs="$corpus/$t $dirs"
    fi
    echo "== fuzz $t: $budget, $(ls "$seeds/$t" | wc -l) seeds"
    # shellcheck disable=SC2086
    if ! "build/fuzz/fuzz_$t" $budget -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$top/build/fuzz/artifacts/$t/" \
            $dirs >"build/fuzz/$t.log" 2>&1; then
        echo "FAIL: fuzz $t (build/fuzz/$t.log, artifacts in build/fuzz/artifacts/$t/)"
        tail -30 "build/fuzz/$t.log"
        status=1
    else
        grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "build/fuzz/$t.log" | tr '\n' ' '
        echo
    fi
done
exit "$status"
