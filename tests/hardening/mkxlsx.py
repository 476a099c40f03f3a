# tests/hardening/mkxlsx.py OUT N — a minimal .xlsx (inline strings) whose
# second data row has an indicator cell of N bytes: for the cell size limit.
# tests/hardening/mkxlsx.py OUT N stray — N rows of a table whose every row
# also has a number in column XFD: a few kilobytes that read densely would
# be N x 16384 cells (the sparse-block limit, input/sheet_build.h).
import sys, zipfile
out, n = sys.argv[1], int(sys.argv[2])
def row(r, cells):
    cs = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i), r, v) for i, v in enumerate(cells))
    return '<row r="%d">%s</row>' % (r, cs)
if sys.argv[3:] == ["stray"]:
    rows = [row(1, ["No", "Indikator Kinerja", "Target", "Realisasi"])]
    rows += [row(r, [str(r - 1), "Indikator %d" % r, "10", "10"]).replace("</row>", '<c r="XFD%d"><v>1</v></c></row>' % r)
             for r in range(2, n + 2)]
else:
    rows = [row(1, ["No", "Indikator Kinerja", "Target", "Realisasi"]), row(2, ["1", "Persentase A", "10", "10"]), row(3, ["2", "x" * n, "10", "10"])]
z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % "".join(rows))
z.close()
