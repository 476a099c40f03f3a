"""tests/xlsx/check.py CSV_DIR NAME... — the recalculated working papers.

For each NAME, CSV_DIR holds NAME.json (the tool's JSON report of the same
run) and NAME-<sheet>.csv, every sheet of NAME.xlsx exported by LibreOffice
after a full recalculation of a copy whose cached formula results were
removed. Checks:
  - every "hitung ulang" (recomputed) cell, i.e. the live formula, equals the
    "nilai alat" (tool's exact value) cell beside it, on every table sheet;
  - every "sama?" cell says "sama" exactly when the reported cell equals the
    recalculated value;
  - every capaian/jumlah finding of the JSON that has an expected value is on
    a table sheet row whose recomputed value equals that expected value
    (the workbook recomputes what the tool reports, not something else).
Prints one line per failure and a count; exits 1 on any failure.
"""
import csv, glob, json, os, re, sys
from decimal import Decimal, InvalidOperation

failures = 0
checked = 0

def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)

def num(s):
    """A LibreOffice raw CSV value as a Decimal, or None."""
    s = s.strip()
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None

def report_num(s):
    """A value as the report writes it ("1.234,50%", "-150,00%") as a Decimal."""
    s = s.strip().rstrip("%").replace(".", "").replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None

def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))

csv_dir = sys.argv[1]
for name in sys.argv[2:]:
    with open(os.path.join(csv_dir, name + ".json"), encoding="utf-8") as f:
        report = json.load(f)
    sheets = {}
    for path in glob.glob(os.path.join(csv_dir, glob.escape(name) + "-*.csv")):
        sheets[os.path.basename(path)[len(name) + 1:-4]] = read(path)
    tables = {k: v for k, v in sheets.items() if re.fullmatch(r"Tabel \d+", k)}
    if "Temuan" not in sheets:
        fail(f"{name}: no findings sheet")
        continue
    recomputed_at = {}      # (sheet, 1-based row) -> list of recalculated values
    for sheet, rows in sorted(tables.items()):
        if len(rows) < 5:
            fail(f"{name} {sheet}: no header row")
            continue
        head = rows[4]
        blocks = [i for i, h in enumerate(head) if h.endswith(": hitung ulang")]
        if not blocks:
            fail(f"{name} {sheet}: a table sheet without recomputed columns")
        for i in blocks:
            if not (head[i + 1].endswith(": nilai alat") and head[i + 2].endswith(": sama?")):
                fail(f"{name} {sheet}: block at column {i + 1} malformed: {head[i:i + 3]}")
                continue
            label = head[i][:-len(": hitung ulang")]
            src = head.index(label)     # the reported column
            for r, row in enumerate(rows[5:], start=6):
                if i >= len(row) or not row[i].strip():
                    continue
                got, tool = num(row[i]), num(row[i + 1])
                checked_here = got is not None and tool is not None
                if not checked_here:
                    fail(f"{name} {sheet}!row {r} {label}: recomputed {row[i]!r}, tool {row[i + 1]!r}")
                    continue
                checked += 1
                if got != tool:
                    fail(f"{name} {sheet}!row {r} {label}: LibreOffice {got} != tool {tool}")
                rep = num(row[src]) if src < len(row) else None
                want = "sama" if rep is not None and rep == got else "BEDA"
                if row[i + 2] != want:
                    fail(f"{name} {sheet}!row {r} {label}: comparison {row[i + 2]!r}, reported {row[src]!r}, recomputed {got}")
                recomputed_at.setdefault((sheet, r), []).append(got)
    # findings with an expected value, on their table row
    link_col = sheets["Temuan"][4].index("Kertas kerja")
    by_id = {row[13]: row for row in sheets["Temuan"][5:] if len(row) > 13}
    for f in report["findings"]:
        if not f["rule"].startswith(("capaian.", "jumlah.total")) or not f.get("expected"):
            continue
        row = by_id.get(f["id"])
        if not row:
            fail(f"{name}: finding {f['id']} ({f['rule']} line {f['line']}) not on the findings sheet")
            continue
        m = re.fullmatch(r"(Tabel \d+)!B(\d+)", row[link_col])
        if not m:
            fail(f"{name}: finding {f['rule']} line {f['line']} has no working-paper link ({row[link_col]!r})")
            continue
        values = recomputed_at.get((m.group(1), int(m.group(2))), [])
        want = report_num(f["expected"])
        if want not in values:
            fail(f"{name}: {f['rule']} line {f['line']} expects {f['expected']}; {m.group(0)} recalculates {values}")

print(f"xlsx: {checked} recalculated values compared")
if checked == 0:
    fail("no recalculated value was compared")
sys.exit(1 if failures else 0)
