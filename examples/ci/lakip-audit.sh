#!/bin/sh
# examples/ci/lakip-audit.sh — lakip-audit in any CI (GitLab CI, Jenkins,
# Woodpecker, a cron job on a Debian/Ubuntu machine).
#
#   sh lakip-audit.sh [DATA...]          default DATA: laporan/
#
# 1. Builds and installs lakip-audit when it is not on PATH yet: from the
#    source tree in $LAKIP_AUDIT_SRC (default ./lakip-audit-src), cloned
#    from $LAKIP_AUDIT_GIT first when that is set and the tree is missing.
#    Installs under $PREFIX (default $HOME/.local: no root needed; the rules
#    go to $PREFIX/share/lakip-audit/rules). Build dependencies are
#    installed with apt-get when running as root.
# 2. Audits DATA (report documents .md, spreadsheet exports .csv/.tsv/.txt,
#    or folders of them) and writes SARIF to $LAKIP_SARIF (default
#    lakip-audit.sarif) for the CI's code-quality view, accepting what the
#    baseline $LAKIP_BASELINE (default .lakip-audit-baseline.json) records,
#    when that file exists.
# 3. Exits with lakip-audit's own status, so the job fails on it:
#      0  no finding at or above --fail-on error (accepted findings do not count)
#      1  findings at or above error: the SARIF file is written; fix or accept them
#      2  usage, input or output error: the message names the file and line
#
# Record the baseline once, review it, commit it; justify each entry by hand:
#   lakip-audit baseline -o .lakip-audit-baseline.json laporan/
set -u

prefix=${PREFIX:-$HOME/.local}
src=${LAKIP_AUDIT_SRC:-lakip-audit-src}
sarif=${LAKIP_SARIF:-lakip-audit.sarif}
baseline=${LAKIP_BASELINE:-.lakip-audit-baseline.json}
[ $# -gt 0 ] || set -- laporan

PATH="$prefix/bin:$PATH"
export PATH

if ! command -v lakip-audit >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            gcc make pkg-config liblua5.4-dev libcsv-dev git ca-certificates >/dev/null || exit 2
    fi
    if [ ! -d "$src" ]; then
        if [ -z "${LAKIP_AUDIT_GIT:-}" ]; then
            echo "lakip-audit: not installed, and no source in $src (set LAKIP_AUDIT_SRC or LAKIP_AUDIT_GIT)" >&2
            exit 2
        fi
        git clone --depth 1 ${LAKIP_AUDIT_REF:+--branch "$LAKIP_AUDIT_REF"} "$LAKIP_AUDIT_GIT" "$src" || exit 2
    fi
    # PREFIX at build time too: it is where the binary looks for its rules
    # (-B: a tree built earlier for another PREFIX must be rebuilt)
    make -B -C "$src" PREFIX="$prefix" lakip-audit >/dev/null &&
    make -C "$src" PREFIX="$prefix" install >/dev/null || exit 2
fi
lakip-audit --version

if [ -f "$baseline" ]; then
    set -- --baseline "$baseline" "$@"
else
    echo "lakip-audit: no baseline $baseline: every finding counts" >&2
fi

status=0
lakip-audit check --format sarif -o "$sarif" --fail-on error "$@" || status=$?

case $status in
0) echo "lakip-audit: no errors (SARIF: $sarif)" ;;
1) echo "lakip-audit: the report has errors; see $sarif (or run lakip-audit check $* for a readable list)" >&2 ;;
*) echo "lakip-audit: could not audit (exit $status); see the message above" >&2 ;;
esac
exit "$status"
