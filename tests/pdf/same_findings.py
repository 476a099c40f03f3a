#!/usr/bin/env python3
"""Compares two JSON reports of lakip-audit: the findings must be the same
by rule, indicator, reported and expected value (lines and files differ
between a .md and a .pdf of one report). Prints the differences; exit 1
when there are any.

    same_findings.py expected.json actual.json
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
    want, got = keys(sys.argv[1]), keys(sys.argv[2])
    missing, extra = want - got, got - want
    for k in sorted(missing.elements()):
        print("missing:", " | ".join(k))
    for k in sorted(extra.elements()):
        print("extra:  ", " | ".join(k))
    print("%d expected, %d found, %d missing, %d extra" % (
        sum(want.values()), sum(got.values()), sum(missing.values()), sum(extra.values())))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
