#!/usr/bin/python3
"""Makes the office fixtures of the seed report, committed under
fixtures/bangka-selatan-2019/office/ so that `make test` needs no office tool.

  /usr/bin/python3 tests/office/make_fixtures.py   (Debian: python3-openpyxl python3-docx
                                              libreoffice-calc-nogui libreoffice-writer-nogui)

- tabel-2019-bangka-selatan.xlsx: the five spreadsheet exports of the seed
  (fixtures/bangka-selatan-2019/csv/*.csv) as sheets, every number typed as a
  number with the number format that shows it exactly as published
  ("4.179 orang" is 4179 through #,##0" orang"), every capaian cell a formula
  that reproduces the published value when one of the formulas people use
  does (R/T, ROUNDDOWN for truncation, T/R swapped, MIN(1;R/T) capped,
  (100-R)/(100-T) for lower-is-better), else the published value typed in
  as a constant, as happens when someone overtypes a formula. Budget totals
  are SUM formulas where the sum matches. LibreOffice then recalculates and
  saves it, so every formula has its cached value as a spreadsheet wrote it.
- tabel-2019-bangka-selatan.ods / .xls: the same workbook saved by LibreOffice.
- lakip-2019-bangka-selatan.docx: the report document (the .md) in Word:
  headings as Heading styles, bold lines bold, paragraphs, and each table
  block as a Word table; .odt: the same saved by LibreOffice.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN

import openpyxl
from openpyxl.utils import get_column_letter
import docx
from docx.shared import Pt

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEED = os.path.join(TOP, "fixtures", "bangka-selatan-2019")
OUT = os.path.join(SEED, "office")

# sheet name, csv file, header row (0-based), target, realisasi, capaian columns (0-based) or None
SHEETS = [
    ("PK 2019", "pk-realisasi-2019.csv", 3, 2, 3, 4),
    ("IKU Sosial", "capaian-urusan-sosial-2019.csv", 1, 2, 3, 4),
    ("IKU PPPA", "capaian-urusan-pppa-2019.csv", 1, 2, 3, 4),
    ("Anggaran", "realisasi-anggaran-2019.csv", 1, 3, 4, 5),
    ("Renstra", "renstra-2016-2021.csv", 0, None, None, None),
]

NUM = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)((?:,-)|(?:\s+\S.*))?$")


def parse_number(text):
    """'4.179 orang' -> (Decimal('4179'), '#,##0" orang"'); None when not a number."""
    t = text.strip()
    m = NUM.match(t)
    if not m:
        return None
    whole, frac, pct, suffix = m.group(1), m.group(2) or "", m.group(3), m.group(4) or ""
    grouped = "." in whole
    value = Decimal(whole.replace(".", "") + ("." + frac if frac else ""))
    fmt = ("#,##0" if grouped else "0") + ("." + "0" * len(frac) if frac else "")
    if pct:
        value = value / 100
        fmt += "%"
    if suffix:
        fmt += '"' + suffix.replace('"', '') + '"'
    return value, fmt


def shown(value, fmt_decimals, percent):
    v = value * 100 if percent else value
    return v.quantize(Decimal(1).scaleb(-fmt_decimals), rounding=ROUND_HALF_UP)


def decimals_of(fmt):
    m = re.search(r"\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def capaian_formula(t_ref, r_ref, T, R, published, fmt):
    """The formula (without '=') that shows `published` through fmt, or None."""
    d = decimals_of(fmt)
    pct = "%" in fmt
    want = published * 100 if pct else published
    want = want.quantize(Decimal(1).scaleb(-d))
    scale = Decimal(1) if pct else Decimal(100)      # a plain "0.00" capaian holds the percent number
    mul = "" if pct else "*100"
    cands = []
    if T and R is not None:
        cands.append((f"{r_ref}/{t_ref}{mul}", R / T * scale, None))
        cands.append((f"ROUNDDOWN({r_ref}/{t_ref}{mul},{d + (2 if pct else 0)})", R / T * scale, "down"))
        cands.append((f"MIN({1 if pct else 100},{r_ref}/{t_ref}{mul})", min(Decimal(1) * scale, R / T * scale), None))
    if R:
        cands.append((f"{t_ref}/{r_ref}{mul}", T / R * scale, None))
    # the percentage-only lower-is-better formula, on the numbers as written:
    # 100 is 1 when the target itself is a percentage stored as a fraction
    hundred = 1 if pct and T < 1 else 100
    if T is not None and R is not None and Decimal(hundred) - T != 0:
        cands.append((f"({hundred}-{r_ref})/({hundred}-{t_ref}){mul}", (Decimal(hundred) - R) / (Decimal(hundred) - T) * scale, None))
        cands.append((f"ROUNDDOWN(({hundred}-{r_ref})/({hundred}-{t_ref}){mul},{d + (2 if pct else 0)})",
                      (Decimal(hundred) - R) / (Decimal(hundred) - T) * scale, "down"))
    for formula, v, mode in cands:
        vv = v * 100 if pct else v
        q = Decimal(1).scaleb(-d)
        got = vv.quantize(q, rounding=ROUND_DOWN if mode == "down" else ROUND_HALF_UP)
        if got == want:
            return formula
    return None


def make_xlsx(path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, csvname, header, tc, rc, pc in SHEETS:
        ws = wb.create_sheet(name)
        with open(os.path.join(SEED, "csv", csvname), encoding="utf-8-sig") as fp:
            rows = list(csv.reader(fp, delimiter=";"))
        data_rows = []
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                cell = ws.cell(row=i + 1, column=j + 1)
                num = parse_number(text) if i > header else None
                if num and not (j == 0 and i > header and re.match(r"^\d+\.$", text)):
                    cell.value, cell.number_format = num
                elif text != "":
                    cell.value = text
                    cell.number_format = "@"
            if i > header:
                data_rows.append(i + 1)
        if pc is None:
            continue
        for r in data_rows:
            tcell, rcell, pcell = (ws.cell(row=r, column=c + 1) for c in (tc, rc, pc))
            if not isinstance(pcell.value, Decimal):
                continue
            T = tcell.value if isinstance(tcell.value, Decimal) else None
            R = rcell.value if isinstance(rcell.value, Decimal) else None
            if T is None or R is None:
                continue
            label = " ".join(str(ws.cell(row=r, column=c).value or "") for c in range(1, pc + 1)).lower()
            if label.strip().startswith("jumlah"):
                # totals: SUM of the rows above when they add up
                for c in (tc, rc):
                    col = get_column_letter(c + 1)
                    above = [ws.cell(row=k, column=c + 1).value for k in data_rows if k < r]
                    if sum(v for v in above if isinstance(v, Decimal)) == ws.cell(row=r, column=c + 1).value:
                        ws.cell(row=r, column=c + 1).value = f"=SUM({col}{data_rows[0]}:{col}{r - 1})"
            f = capaian_formula(tcell.coordinate, rcell.coordinate, T, R, pcell.value, pcell.number_format)
            if f:
                pcell.value = "=" + f
    wb.save(path)


def md_blocks(md):
    """The .md as a list of ('heading', level, text) | ('para', lines) | ('table', rows)."""
    out = []
    lines = md.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            out.append(("table", rows))
            continue
        s = line.strip()
        if not s or s == "---":
            out.append(("blank",))
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", s)
        if m:
            out.append(("heading", len(m.group(1)), m.group(2)))
            i += 1
            continue
        para = [line]
        i += 1
        while i < len(lines) and lines[i].strip() and "\t" not in lines[i] and not lines[i].lstrip().startswith("#") \
                and lines[i].strip() != "---" and not re.match(r"^\s*(- |\d+\. )", lines[i]) \
                and not lines[i].strip().startswith("$$") and not para[0].strip().startswith("$$"):
            para.append(lines[i])
            i += 1
        out.append(("para", para))
    return out


def add_runs(p, text, bold=False):
    """Adds text with **bold** and <b>bold</b> spans as runs; a ** span may
    go on over line breaks: returns whether bold is still open."""
    for part in re.split(r"(\*\*|<b>|</b>)", text):
        if part in ("**", "<b>", "</b>"):
            bold = (not bold) if part == "**" else part == "<b>"
        elif part:
            p.add_run(part).bold = bold or None
    return bold


def make_docx(path):
    with open(os.path.join(SEED, "lakip-2019-bangka-selatan.md"), encoding="utf-8") as fp:
        md = fp.read()
    d = docx.Document()
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(11)
    for block in md_blocks(md):
        if block[0] == "heading":
            h = d.add_heading(level=min(block[1], 9))
            add_runs(h, block[2])
        elif block[0] == "para":
            p = d.add_paragraph()
            bold = False
            for k, line in enumerate(block[1]):
                hard = line.endswith("  ")
                bold = add_runs(p, line.strip(), bold)
                if k + 1 < len(block[1]):
                    if hard:
                        p.add_run().add_break()
                    else:
                        p.add_run(" ")
        elif block[0] == "table":
            rows = block[1]
            width = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=width)
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j in range(width):
                    cell = t.cell(i, j)
                    cell.paragraphs[0].text = ""
                    add_runs(cell.paragraphs[0], row[j] if j < len(row) else "")
        elif block[0] == "blank":
            pass
    d.save(path)


# ---- fixtures of the rumus rules: small workbooks in the seed's shape ----

RULES = os.path.join(TOP, "tests", "rules")

IKU_HEADER = ["No", "Indikator Kinerja", "Target 2019", "Realisasi 2019", "% Capaian"]
# indicator rows of the seed's Urusan Sosial table (csv/capaian-urusan-sosial-2019.csv)
IKU_ROWS = [
    ("Persentasi PMKS yang mendapat bantuan KUBE/UEP", "0.9", "1"),
    ("Persentase PMKS yang mendapat dana pendampingan kesehatan", "1", "1"),
    ("Persentase korban bencana yang tertangani", "1", "1"),
    ("Persentase PMKS yang tertangani", "0.9", "0.503"),
    ("Persentase PSKS yang menyelenggarakan kesejahteraan sosial", "1", "1"),
]


def iku_sheet(ws, rows, capaian):
    """Title, header and rows; capaian(i, r) gives cell E's value for row i (sheet row r)."""
    ws.append(["Urusan Sosial"])
    ws.append(IKU_HEADER)
    for i, (name, t, r) in enumerate(rows):
        row = 3 + i
        ws.append([i + 1, name, Decimal(t), Decimal(r), capaian(i, row)])
        ws.cell(row=row, column=3).number_format = "0%" if Decimal(t) * 100 % 1 == 0 else "0.0%"
        ws.cell(row=row, column=4).number_format = "0.0%" if Decimal(r) * 1000 % 10 else "0%"
        ws.cell(row=row, column=5).number_format = "0.00%"


def save_calculated(wb, path):
    """Saves through LibreOffice so that every formula has its cached value."""
    tmp = tempfile.mkdtemp()
    try:
        raw = os.path.join(tmp, os.path.basename(path))
        wb.save(raw)
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        soffice(raw, "xlsx:Calc MS Excel 2007 XML", out)
        shutil.copy(os.path.join(out, os.path.basename(path)), path)
    finally:
        shutil.rmtree(tmp)


def rule_fixture(rule, name, build):
    wb = openpyxl.Workbook()
    build(wb)
    os.makedirs(os.path.join(RULES, rule), exist_ok=True)
    save_calculated(wb, os.path.join(RULES, rule, name))


def make_rule_fixtures():
    # rumus.pattern: row 3 points at row 5 (same numbers, so the value is right by
    # chance), row 5 divides by an absolute $C$7 (right too); the others =D/C
    def pattern_fire(wb):
        def cap(i, r):
            return {2: "=D7/C7", 4: "=D7/$C$7"}.get(i, f"=D{r}/C{r}")
        iku_sheet(wb.active, IKU_ROWS, cap)

    def pattern_silent(wb):
        iku_sheet(wb.active, IKU_ROWS, lambda i, r: f"=D{r}/C{r}")
        ws = wb.active
        ws.append(["", "Jumlah", "=SUM(C3:C7)", "=SUM(D3:D7)", "=D8/C8"])   # a total row has its own formula
        for c, fmt in ((3, "0%"), (4, "0.0%"), (5, "0.00%")):
            ws.cell(row=8, column=c).number_format = fmt

    # rumus.hardcoded: 100% typed over =D6/C6 (right value), and 101,24% as a
    # formula without references (the PK row 2.: 52,62 / 50 gives 105,24%)
    def hardcoded_fire(wb):
        rows = IKU_ROWS[:3] + [("Persentase PMKS yang Tertangani", "0.5", "0.5262")]
        def cap(i, r):
            return {1: Decimal(1), 3: "=1.0124"}.get(i, f"=D{r}/C{r}")
        iku_sheet(wb.active, rows, cap)
        wb.active.cell(row=6, column=4).number_format = "0.00%"

    def hardcoded_silent(wb):
        # every capaian typed (an export pasted as values), and a column where one
        # formula stands among typed numbers
        def cap(i, r):
            return f"=D{r}/C{r}" if i == 0 else (Decimal(r_) / Decimal(t_) if (t_ := IKU_ROWS[i][1]) and (r_ := IKU_ROWS[i][2]) else None)
        iku_sheet(wb.active, IKU_ROWS, cap)
        ws = wb.create_sheet("Nilai")
        iku_sheet(ws, IKU_ROWS, lambda i, r: Decimal(IKU_ROWS[i][2]) / Decimal(IKU_ROWS[i][1]))

    # rumus.error: a blank target gives #DIV/0!, a lookup that found nothing #N/A
    def error_fire(wb):
        rows = IKU_ROWS[:3] + [("Jumlah Rumah Singgah yang tersedia", "0", "0"), ("Jumlah Bencana yang Tertangani", "14", "14")]
        def cap(i, r):
            return {4: "=NA()"}.get(i, f"=D{r}/C{r}")
        iku_sheet(wb.active, rows, cap)
        for r in (6, 7):
            wb.active.cell(row=r, column=3).number_format = "0"
            wb.active.cell(row=r, column=4).number_format = "0"

    def error_silent(wb):
        iku_sheet(wb.active, IKU_ROWS, lambda i, r: f"=IFERROR(D{r}/C{r},0)")

    # rumus.hidden: a hidden row and a hidden column holding data, a hidden sheet with data
    def hidden_fire(wb):
        iku_sheet(wb.active, IKU_ROWS, lambda i, r: f"=D{r}/C{r}")
        ws = wb.active
        ws.cell(row=2, column=6).value = "Catatan"
        ws.cell(row=5, column=6).value = "angka 2018"
        ws.column_dimensions["F"].hidden = True
        ws.row_dimensions[6].hidden = True
        old = wb.create_sheet("PK 2018")
        old.append(["Indikator Kinerja", "Target", "Realisasi"])
        old.append(["Persentase PMKS yang Tertangani", 40, 38])
        old.sheet_state = "hidden"

    def hidden_silent(wb):
        iku_sheet(wb.active, IKU_ROWS, lambda i, r: f"=D{r}/C{r}")
        ws = wb.active
        ws.column_dimensions["G"].hidden = True      # hidden but empty
        ws.row_dimensions[9].hidden = True
        wb.create_sheet("Kosong").sheet_state = "hidden"

    for rule, name, build in (("rumus.pattern", "fire.xlsx", pattern_fire), ("rumus.pattern", "silent.xlsx", pattern_silent),
                              ("rumus.hardcoded", "fire.xlsx", hardcoded_fire), ("rumus.hardcoded", "silent.xlsx", hardcoded_silent),
                              ("rumus.error", "fire.xlsx", error_fire), ("rumus.error", "silent.xlsx", error_silent),
                              ("rumus.hidden", "fire.xlsx", hidden_fire), ("rumus.hidden", "silent.xlsx", hidden_silent)):
        rule_fixture(rule, name, build)


# ---- malformed packages: tests/e2e/bad/*.xlsx|docx|ods, each with its .err ----

BAD = os.path.join(TOP, "tests", "e2e", "bad")
CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
ROOT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="{}"/></Relationships>')
WORKBOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="PK 2019" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
           'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = '</sheetData></worksheet>'


def workbook_zip(path, sheet=None, parts=None):
    import zipfile
    files = {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS.format("xl/workbook.xml"),
             "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WB_RELS}
    if sheet is not None:
        files["xl/worksheets/sheet1.xml"] = sheet
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in files.items():
            if data is not None:
                z.writestr(name, data)


def make_malformed():
    import zipfile
    # an encrypted Office file is an OLE compound file, not a zip: its 8-byte signature
    with open(os.path.join(BAD, "encrypted.xlsx"), "wb") as fp:
        fp.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
                 + "EncryptedPackage".encode("utf-16-le"))
    open(os.path.join(BAD, "empty-package.xlsx"), "wb").close()
    # 300 MiB of blanks inside sheetData: deflates to a few hundred KiB
    blanks = " " * (300 * 1024 * 1024)
    workbook_zip(os.path.join(BAD, "zip-bomb.xlsx"), SHEET_HEAD + blanks + SHEET_TAIL)
    del blanks
    # every row of a sheet filled: 1,048,576 rows (without r attributes, which are optional)
    workbook_zip(os.path.join(BAD, "million-rows.xlsx"),
                 SHEET_HEAD + '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1048576 + SHEET_TAIL)
    workbook_zip(os.path.join(BAD, "missing-workbook.xlsx"), None, {"xl/workbook.xml": None})
    workbook_zip(os.path.join(BAD, "missing-sheet.xlsx"), None)
    workbook_zip(os.path.join(BAD, "broken-xml.xlsx"),
                 SHEET_HEAD + '<row r="1"><c r="A1"><v>1</v></row>' + SHEET_TAIL)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
              '<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(BAD, "doctype.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS.format("word/document.xml"))
        z.writestr("word/document.xml", laughs)
    with zipfile.ZipFile(os.path.join(BAD, "broken-document.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS.format("word/document.xml"))
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>LAKIP 2019</w:t></w:p></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(BAD, "missing-content.ods"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    if sys.argv[1:] == ["rules"]:
        make_rule_fixtures()
        return 0
    if sys.argv[1:] == ["malformed"]:
        make_malformed()
        return 0
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp()
    try:
        raw = os.path.join(tmp, "tabel-2019-bangka-selatan.xlsx")
        make_xlsx(raw)
        # LibreOffice computes and stores every formula's value
        calc = os.path.join(tmp, "calc")
        os.makedirs(calc)
        soffice(raw, "xlsx:Calc MS Excel 2007 XML", calc)
        shutil.copy(os.path.join(calc, "tabel-2019-bangka-selatan.xlsx"), OUT)
        for fmt, ext in (("ods", "ods"), ("xls:MS Excel 97", "xls")):
            soffice(os.path.join(calc, "tabel-2019-bangka-selatan.xlsx"), fmt, OUT)
        docx_path = os.path.join(OUT, "lakip-2019-bangka-selatan.docx")
        make_docx(docx_path)
        soffice(docx_path, "odt", OUT)
        shutil.copy(os.path.join(SEED, "lakip-audit.conf"), OUT)
    finally:
        shutil.rmtree(tmp)
    make_rule_fixtures()
    make_malformed()


if __name__ == "__main__":
    sys.exit(main())
