#!/usr/bin/env python3
"""tests/mutate.py — the clean reports of tests/clean/ and their mutants.

1. Every clean report must audit without an error or a warning.
2. Every report is copied once per kind of defect below, with that one
   defect injected (a capaian recomputed wrongly, truncated, from the other
   direction's formula, a total that does not add up, a wrong category, a
   narrative claim that contradicts its table, ...). The audit of each copy
   must report the expected rule at the mutated row or sentence.

A kind that applies to no row of a report is skipped for that report, but
every kind must be exercised by at least one report. Exact arithmetic only
(decimal.Decimal, half-up), like the tool.

usage: tests/mutate.py BINARY [CLEAN_DIR]      exit 0 when all pass
"""
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_DOWN
import json
import os
import re
import subprocess
import sys
import tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else "./lakip-audit"
CLEAN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "clean")


def num(s):
    """An Indonesian-style number: 1.234,56 -> Decimal('1234.56')."""
    s = s.strip().rstrip("%").strip()
    return D(s.replace(".", "").replace(",", "."))


def idn(x):
    s = format(x, "f")
    neg = s.startswith("-")
    s = s.lstrip("-")
    i, _, f = s.partition(".")
    if len(i) > 3:
        parts = []
        while len(i) > 3:
            parts.insert(0, i[-3:])
            i = i[:-3]
        parts.insert(0, i)
        i = ".".join(parts)
    return ("-" if neg else "") + i + ("," + f if f else "")


def places(s):
    s = s.strip().rstrip("%")
    return len(s.split(",")[1]) if "," in s else 0


def rnd(x, p, mode=ROUND_HALF_UP):
    return x.quantize(D(1).scaleb(-p), rounding=mode)


FORMULAS = {
    "higher": lambda t, r: r * 100 / t,
    "2t-r": lambda t, r: (2 * t - r) * 100 / t,
    "t/r": lambda t, r: t * 100 / r,
    "100-r": lambda t, r: (100 - r) * 100 / (100 - t),
}


class Report:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            self.lines = f.read().split("\n")

    def table(self, header_start):
        """(header index, [row indexes]) of the first table whose header starts so."""
        for i, l in enumerate(self.lines):
            if l.startswith(header_start):
                rows = []
                j = i + 1
                while j < len(self.lines) and "\t" in self.lines[j]:
                    rows.append(j)
                    j += 1
                return i, rows
        return None, []

    def pk_rows(self):
        _, rows = self.table("No\tIndikator Kinerja\tSatuan\tTarget")
        out = []
        for i in rows:
            c = self.lines[i].split("\t")
            if c[0].strip():
                t, r, cap = num(c[3]), num(c[4]), c[5]
                p = places(cap)
                used = None
                for k in ("higher", "2t-r", "t/r", "100-r"):
                    if k == "100-r" and c[2] != "%":
                        continue
                    if rnd(FORMULAS[k](t, r), p) == num(cap):
                        used = k
                        break
                out.append(dict(i=i, cells=c, t=t, r=r, cap=cap, p=p, formula=used))
        return out


def with_cell(lines, i, col, value):
    c = lines[i].split("\t")
    c[col] = value
    new = list(lines)
    new[i] = "\t".join(c)
    return new


def pct(x):
    return idn(x) + "%"


# --- the mutations: each returns (lines, {expected line numbers}, rule) or None ----

def m_arithmetic(rep):
    for row in rep.pk_rows():
        if row["formula"] == "higher":
            bad = num(row["cap"]) + D("7.13")
            return with_cell(rep.lines, row["i"], 5, pct(rnd(bad, row["p"]))), {row["i"] + 1}, "capaian.arithmetic"


def m_truncated(rep):
    for row in rep.pk_rows():
        if row["formula"]:
            exact = FORMULAS[row["formula"]](row["t"], row["r"])
            tr = rnd(exact, row["p"], ROUND_DOWN)
            if tr != num(row["cap"]):
                return with_cell(rep.lines, row["i"], 5, pct(tr)), {row["i"] + 1}, "capaian.truncated"


def m_decimal_shift(rep):
    for row in rep.pk_rows():
        if row["formula"] == "higher":
            return with_cell(rep.lines, row["i"], 5, pct(rnd(num(row["cap"]) / 10, row["p"]))), {row["i"] + 1}, "capaian.decimal-shift"


def m_capped(rep):
    for row in rep.pk_rows():
        if row["formula"] == "higher" and num(row["cap"]) > 100:
            return with_cell(rep.lines, row["i"], 5, "100,00%"), {row["i"] + 1}, "capaian.capped"


def m_direction(rep):
    for row in rep.pk_rows():
        if row["formula"] in ("2t-r", "t/r", "100-r"):
            hv = rnd(FORMULAS["higher"](row["t"], row["r"]), row["p"])
            if hv != num(row["cap"]):
                return with_cell(rep.lines, row["i"], 5, pct(hv)), {row["i"] + 1}, "capaian.direction"


def m_swapped(rep):
    for row in rep.pk_rows():
        if row["formula"] == "higher" and row["t"] != row["r"]:
            v = rnd(FORMULAS["t/r"](row["t"], row["r"]), row["p"])
            return with_cell(rep.lines, row["i"], 5, pct(v)), {row["i"] + 1}, "capaian.swapped"


def m_formula_mismatch(rep):
    for row in rep.pk_rows():
        if row["formula"] in ("2t-r", "t/r", "100-r"):
            for other in ("2t-r", "t/r", "100-r"):
                if other == row["formula"] or (other == "100-r" and row["cells"][2] != "%"):
                    continue
                v = rnd(FORMULAS[other](row["t"], row["r"]), row["p"])
                if v != num(row["cap"]):
                    return with_cell(rep.lines, row["i"], 5, pct(v)), {row["i"] + 1}, "capaian.formula-mismatch"


def m_budget(rep):
    _, rows = rep.table("No\tProgram\tPagu")
    for i in rows:
        c = rep.lines[i].split("\t")
        if c[0].strip():
            v = num(c[4]) - D("3")
            return with_cell(rep.lines, i, 4, pct(v)), {i + 1}, "capaian.arithmetic"


def m_total(rep):
    _, rows = rep.table("No\tProgram\tPagu")
    for i in rows:
        c = rep.lines[i].split("\t")
        if c[1] == "Jumlah":
            v = num(c[2]) + D("1000000")
            return with_cell(rep.lines, i, 2, idn(v)), {i + 1}, "jumlah.total"


def m_average(rep):
    _, rows = rep.table("No\tIndikator Kinerja\tSatuan\tTarget")
    for i in rows:
        c = rep.lines[i].split("\t")
        if not c[0].strip() and c[1].startswith("Rata-rata"):
            v = num(c[5]) + D("2.5")
            return with_cell(rep.lines, i, 5, pct(v)), {i + 1}, "rata.arithmetic"


SCALE_LABELS = ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Tinggi", "Tinggi", "Sedang", "Rendah",
                "Sangat Rendah", "Sangat Memuaskan", "Memuaskan", "Kurang Memuaskan", "Tidak Memuaskan"]
FAMILIES = [["Sangat Baik", "Baik", "Cukup", "Kurang"], ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"],
            ["Sangat Memuaskan", "Memuaskan", "Kurang Memuaskan", "Tidak Memuaskan"]]


def m_category(rep):
    for row in rep.pk_rows():
        lab = row["cells"][6]
        for fam in FAMILIES:
            if lab in fam:
                k = fam.index(lab)
                other = fam[k + 2] if k + 2 < len(fam) else fam[k - 2]
                return with_cell(rep.lines, row["i"], 6, other), {row["i"] + 1}, "kategori.label"


def m_share(rep):
    for i, l in enumerate(rep.lines):
        m = re.search(r"sehingga cakupannya sebesar (\d[\d.]*,\d+)%", l)
        if m:
            bad = idn(num(m.group(1)) + D("4.1"))
            new = list(rep.lines)
            new[i] = l[:m.start(1)] + bad + l[m.end(1):]
            return new, {i + 1}, "narasi.computation"


def m_narrative_value(rep):
    for i, l in enumerate(rep.lines):
        m = re.match(r"Realisasi (.+?) tahun \d{4} sebesar (\d[\d.]*(?:,\d+)?)", l)
        if m:
            bad = idn(num(m.group(2)) * 3)
            new = list(rep.lines)
            new[i] = l[:m.start(2)] + bad + l[m.end(2):]
            return new, {i + 1}, "narasi.table-mismatch"


def m_staff(rep):
    for i, l in enumerate(rep.lines):
        m = re.match(r"(\d+)\.\t([^\t]+)\t(\d+) Orang$", l)
        if m:
            new = list(rep.lines)
            new[i] = f"{m.group(1)}.\t{m.group(2)}\t{int(m.group(3)) + 2} Orang"
            # the finding sits on the list's heading or the sentence it breaks down
            lo = max(0, i - 8)
            return new, set(range(lo + 1, i + 2)), "jumlah.breakdown"


def m_renstra_target(rep):
    h, rows = rep.table("No\tIndikator\tSatuan\t")
    if h is None:
        return None
    head = rep.lines[h].split("\t")
    year = next(m.group(1) for m in (re.match(r"TAHUN (\d{4})$", l) for l in rep.lines) if m)
    col = head.index(year)
    pk = {r["cells"][1]: r for r in rep.pk_rows()}
    for i in rows:
        c = rep.lines[i].split("\t")
        if c[1] in pk and pk[c[1]]["formula"] == "higher":
            # raise the report year's Renstra target (still rising: the series keeps its direction)
            nxt = num(c[col + 1])
            v = (num(c[col]) + nxt) / 2
            return with_cell(rep.lines, i, col, idn(v.normalize() if v == v.to_integral() else v)), {i + 1, pk[c[1]]["i"] + 1}, "renstra.target"


def m_duplicate(rep):
    rows = rep.pk_rows()
    if not rows:
        return None
    row = rows[0]
    c = list(row["cells"])
    c[4] = idn(row["r"] + 1)
    new = list(rep.lines)
    new.insert(row["i"] + 1, "\t".join(c))
    return new, {row["i"] + 1, row["i"] + 2}, "duplikat.conflict"


def m_year_label(rep):
    for i, l in enumerate(rep.lines):
        m = re.match(r"### Tabel 3\.1 Realisasi Perjanjian Kinerja Tahun (\d{4})$", l)
        if m:
            new = list(rep.lines)
            new[i] = l[:m.start(1)] + str(int(m.group(1)) - 1)
            return new, set(range(i + 1, i + 5)), "tahun.table"


def _replace_in_sentence(rep, pattern, repl, rule):
    for i, l in enumerate(rep.lines):
        m = re.search(pattern, l)
        if m and l.startswith("Realisasi "):
            new = list(rep.lines)
            new[i] = l[:m.start()] + repl(m) + l[m.end():]
            return new, {i + 1}, rule


def m_comparison(rep):
    return _replace_in_sentence(rep, r"lebih rendah dari target", lambda m: "lebih tinggi dari target", "klaim.comparison")


def m_achievement(rep):
    return _replace_in_sentence(rep, r"sehingga target tercapai", lambda m: "sehingga target belum tercapai", "klaim.comparison")


def m_target_text(rep):
    return _replace_in_sentence(rep, r"target (\d[\d.]*(?:,\d+)?)",
                                lambda m: "target " + idn(num(m.group(1)) + 5), "klaim.target")


def m_rate_base(rep):
    return _replace_in_sentence(rep, r"sebesar (\d[\d.]*(?:,\d+)?) per 1\.000\b",
                                lambda m: "sebesar " + m.group(1) + " per 100.000", "klaim.base")


def m_count(rep):
    for i, l in enumerate(rep.lines):
        m = re.search(r"sebanyak (\d+) indikator mencapai target", l)
        if m:
            new = list(rep.lines)
            new[i] = l[:m.start(1)] + str(int(m.group(1)) + 1) + l[m.end(1):]
            return new, {i + 1}, "klaim.count"


def m_average_text(rep):
    for i, l in enumerate(rep.lines):
        m = re.search(r"rata-rata capaian (\d[\d.]*,\d+)%", l)
        if m:
            new = list(rep.lines)
            new[i] = l[:m.start(1)] + idn(num(m.group(1)) + D("1.5")) + l[m.end(1):]
            return new, {i + 1}, "rata.narrative"


def m_formula(rep):
    for i, l in enumerate(rep.lines):
        m = re.search(r"× 100% = (\d[\d.]*,\d+)%", l)
        if m:
            new = list(rep.lines)
            new[i] = l[:m.start(1)] + idn(num(m.group(1)) + D("0.3")) + l[m.end(1):]
            return new, {i + 1}, "narasi.computation"


def m_pk_unreported(rep):
    """An agreed PK indicator dropped from the realisation table; the one
    the PK rewords ("% X" for "Persentase X") when there is one."""
    _, pk = rep.table("No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget")
    rows = rep.pk_rows()
    if not pk or not rows:
        return None
    names = {rep.lines[i].split("\t")[2]: i for i in pk}
    pick = None
    for name, i in names.items():
        if name.startswith("% "):
            pick = ("Persentase " + name[2:], i)
    if pick is None:
        first = rows[0]["cells"][1]
        if first not in names:
            return None
        pick = (first, names[first])
    for row in rows:
        if row["cells"][1] == pick[0]:
            new = list(rep.lines)
            del new[row["i"]]
            return new, {pick[1] + 1}, "pk.unreported"


def m_scale(rep):
    """A percentage target written as a fraction of one (80 -> 0,80)."""
    for row in rep.pk_rows():
        if row["cells"][2] == "%" and D(1) <= row["t"] < 100:
            frac = (row["t"] / 100).quantize(D("0.01")) if (row["t"] / 100).as_tuple().exponent > -2 else row["t"] / 100
            return with_cell(rep.lines, row["i"], 3, idn(frac)), {row["i"] + 1}, "satuan.scale"


def m_pk_target(rep):
    """The PK target table gives the reworded indicator ("% X") another
    target than the realisation table: konsistensi.value must match the
    two names (lib.indikator.loose_key)."""
    _, pk = rep.table("No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget")
    for i in pk:
        c = rep.lines[i].split("\t")
        if c[2].startswith("% "):
            return with_cell(rep.lines, i, 4, idn(num(c[4]) + 5)), {i + 1}, "konsistensi.value"


MUTATIONS = [m_arithmetic, m_truncated, m_decimal_shift, m_capped, m_direction, m_swapped,
             m_formula_mismatch, m_budget, m_total, m_average, m_category, m_share,
             m_narrative_value, m_staff, m_renstra_target, m_duplicate, m_year_label,
             m_comparison, m_achievement, m_target_text, m_rate_base, m_count, m_average_text,
             m_formula, m_pk_unreported, m_scale, m_pk_target]


def audit(path):
    p = subprocess.run([BIN, "check", "--format", "json", "--fail-on", "never", path],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{path}: exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)["findings"]


def main():
    reports = sorted(os.path.join(CLEAN, f) for f in os.listdir(CLEAN) if f.endswith(".md"))
    passed = failed = 0
    used = {m.__name__: 0 for m in MUTATIONS}
    with tempfile.TemporaryDirectory() as tmp:
        for path in reports:
            rep = Report(path)
            noisy = [f for f in audit(path) if f["severity"] in ("error", "warning")]
            if noisy:
                failed += 1
                for f in noisy:
                    print(f"FAIL clean {rep.name}:{f['line']} {f['rule']}: {f['message']}")
            else:
                passed += 1
            for m in MUTATIONS:
                got = m(rep)
                if not got:
                    continue
                lines, where, rule = got
                used[m.__name__] += 1
                mpath = os.path.join(tmp, rep.name)
                with open(mpath, "w", encoding="utf-8") as f:
                    f.write("\n".join(lines))
                found = audit(mpath)
                if any(f["rule"] == rule and f["line"] in where for f in found):
                    passed += 1
                else:
                    failed += 1
                    near = sorted({(f["line"], f["rule"]) for f in found})
                    print(f"FAIL mutant {rep.name} {m.__name__}: no {rule} at line(s) {sorted(where)}; got {near}")
    for name, n in used.items():
        if n == 0:
            failed += 1
            print(f"FAIL mutation {name} applies to no clean report")
    print(f"clean+mutants: {passed} passed, {failed} failed ({len(reports)} reports, {sum(used.values())} mutants)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
