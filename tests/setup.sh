# tests/setup.sh — the shared start of the shell suites (sourced, after
# `top` is set): strict mode, the C locale, a fixed SOURCE_DATE_EPOCH so
# reports carry a stable date, the working folder at the top of the tree,
# $bin, a temporary folder $tmp removed on exit (kept and named with
# KEEP=1), and the ok / bad counters.
set -eu
LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1795651200    # 2026-11-27
export SOURCE_DATE_EPOCH
cd "$top"
bin="$top/lakip-audit"
tmp=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "kept: $tmp"; else trap 'rm -rf "$tmp"' EXIT INT TERM; fi
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
