#!/usr/bin/env python3
"""Compares two JSON reports of lakip-audit: the findings must be the same
by rule, indicator, reported and expected value (lines and files differ
between a .md and a .pdf of one report). Prints the differences; exit 1
when there are any.

    same_findings.py expected.json actual.json
    same_findings.py --counts expected.json actual.json

With --counts, prints one line "SAME MISSING EXTRA EXTRA_SERIOUS" (extra
findings of severity error or warning are the serious ones) and exits 0:
for a reading that is not exact yet, whose figures a test pins.
"""
import collections
import json
import sys


def keys(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    out = collections.Counter()
    for f in report["findings"]:
        fields = f.get("fields", {})
        out[(f["rule"], f.get("severity", ""), f.get("indicator") or "",
             fields.get("reported") or "", fields.get("expected") or "")] += 1
    return out


def main():
    args = sys.argv[1:]
    counts = args[:1] == ["--counts"]
    if counts:
        args = args[1:]
    want, got = keys(args[0]), keys(args[1])
    missing, extra = want - got, got - want
    if counts:
        serious = sum(n for k, n in extra.items() if k[1] in ("error", "warning"))
        print(sum((want & got).values()), sum(missing.values()), sum(extra.values()), serious)
        return 0
    for k in sorted(missing.elements()):
        print("missing:", " | ".join(k))
    for k in sorted(extra.elements()):
        print("extra:  ", " | ".join(k))
    print("%d expected, %d found, %d missing, %d extra" % (
        sum(want.values()), sum(got.values()), sum(missing.values()), sum(extra.values())))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
