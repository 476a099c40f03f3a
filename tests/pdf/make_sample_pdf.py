#!/usr/bin/env python3
"""Prints the sample report (a converted .md) to PDF the way agencies make
their published report: as a word-processor document printed by LibreOffice
(bordered tables, wrapped cells, running header and footer with the page
number, tables broken over pages with repeated headers, the widest table on
a landscape page), and as an HTML page printed by Chromium.

Used by hand, not by the tests: the PDFs it writes are committed (in
fixtures/bangka-selatan-2019/pdf/), so that
`make test` needs neither LibreOffice nor Chromium.

    python3 tests/pdf/make_sample_pdf.py fixtures/bangka-selatan-2019/lakip-2019-bangka-selatan.md OUTDIR

writes OUTDIR/<name>-libreoffice.pdf (from a flat ODT document),
OUTDIR/<name>-docx.pdf (the same document saved as .docx by LibreOffice,
then printed from the .docx), OUTDIR/<name>-chromium.pdf (HTML tables with
borders) and OUTDIR/<name>-chromium-unruled.pdf (the same without borders:
tables read from text alignment alone).

The .md conventions (see docs/FORMAT.md): lines with TABs are table rows
(a block continues over blank lines, as doc_load reads it), "#" lines and
lines wholly in bold are headings, "$$...$$" are formulas (printed as plain
text: \\frac{a}{b} becomes (a) / (b)), "---" is a page break, other lines
are paragraphs, two trailing blanks a line break.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile


def strip_bold(s):
    return s.replace("<b>", "").replace("</b>", "").replace("**", "")


def is_bold_cell(s):
    s = s.strip()
    return (s.startswith("<b>") and s.endswith("</b>")) or (len(s) > 4 and s.startswith("**") and s.endswith("**"))


def latex_to_text(s):
    s = s.strip().strip("$").strip()
    s = re.sub(r"\\text\{([^{}]*)\}", r"\1", s)
    # innermost \frac first
    while "\\frac" in s:
        s2 = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1) / (\2)", s)
        if s2 == s:
            break
        s = s2
    s = s.replace("\\times", "\u00d7").replace("\\%", "%").replace(" - ", " \u2212 ")
    return re.sub(r"\s+", " ", s)


def parse(md):
    """Blocks: ("h", level, text) ("p", text, bold) ("f", text) ("t", rows) ("br",)."""
    lines = md.split("\n")
    blocks = []
    para = []
    i = 0

    def flush():
        if para:
            raw = "\n".join(para)
            bold = raw.strip().startswith("**") and raw.strip().endswith("**") and raw.count("**") == 2
            parts = [strip_bold(x).strip() for x in raw.split("\n")]
            blocks.append(("p", parts, bold))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip("\r")
        if "\t" in line:
            flush()
            rows = []
            j = i
            while j < len(lines):
                l2 = lines[j].rstrip("\r")
                if "\t" in l2:
                    cells = l2.split("\t")
                    if not all(re.fullmatch(r"[-: ]*", c) for c in cells):
                        rows.append(cells)
                    j += 1
                elif l2.strip() == "":
                    k = j
                    while k < len(lines) and lines[k].strip() == "":
                        k += 1
                    if k < len(lines) and "\t" in lines[k]:
                        j = k
                    else:
                        break
                else:
                    break
            blocks.append(("t", rows))
            i = j
            continue
        s = line.strip()
        if s == "":
            flush()
        elif re.fullmatch(r"(-{3,}|\*{3,}|_{3,})", s):
            flush()
            blocks.append(("br",))
        elif s.startswith("#"):
            flush()
            m = re.match(r"(#+)\s*(.*)", s)
            blocks.append(("h", len(m.group(1)), strip_bold(m.group(2)).strip()))
        elif s.startswith("$$"):
            flush()
            f = s
            while not (f.endswith("$$") and len(f) > 2) and i + 1 < len(lines):
                i += 1
                f += " " + lines[i].strip()
            blocks.append(("f", latex_to_text(f)))
        elif re.match(r"(- |\d+\. |\(\d+\) )", s) and para and not para[-1].endswith("  "):
            flush()
            para.append(line)
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def header_rows(rows):
    """Rows repeated on each page: the header and the column-number row,
    when the table starts with its header (no title rows above it)."""
    def filled(r):
        return sum(1 for c in r if strip_bold(c).strip())
    if not rows or filled(rows[0]) < 3:
        return 0
    n = 1
    while n < len(rows) and n < 3:
        texts = [strip_bold(c).strip() for c in rows[n] if strip_bold(c).strip()]
        if texts and all(re.fullmatch(r"\(?\d+\)?", t) for t in texts):
            return n + 1
        if texts and all(re.fullmatch(r"(19|20)\d\d", t) for t in texts):
            n += 1
            continue
        break
    return n


def col_widths(rows, total_cm):
    ncols = max(len(r) for r in rows)
    weights = [1.0] * ncols
    for r in rows:
        for k, c in enumerate(r):
            weights[k] = max(weights[k], min(len(strip_bold(c)), 60) / 6.0)
    s = sum(weights)
    return [max(1.8, total_cm * w / s) for w in weights]


def xml(s):
    return html.escape(s, quote=True)


def fodt(blocks, title):
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n')
    w('<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="\'Liberation Serif\'" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>\n')
    w('<office:styles>'
      '<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>'
      '<style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="id" fo:country="ID"/></style:default-style>'
      '<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/></style:style>'
      '<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.8cm"/>'
      '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>'
      '<style:style style:name="Bold" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-weight="bold"/></style:style>'
      '<style:style style:name="Formula" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/></style:style>'
      '<style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm" fo:text-align="start"/><style:text-properties fo:font-size="9pt"/></style:style>'
      '<style:style style:name="CellBold" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm" fo:text-align="start"/><style:text-properties fo:font-size="9pt" fo:font-weight="bold"/></style:style>'
      '<style:style style:name="Running" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="8pt"/></style:style>')
    for lvl in range(1, 7):
        size = {1: 16, 2: 14, 3: 13, 4: 12}.get(lvl, 11)
        w('<style:style style:name="H%d" style:family="paragraph" style:default-outline-level="%d">'
          '<style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>'
          '<style:text-properties fo:font-size="%dpt" fo:font-weight="bold"/></style:style>' % (lvl, lvl, size))
    w('</office:styles>\n')
    w('<office:automatic-styles>'
      '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
      '<style:style style:name="Ce" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.06cm"/></style:style>'
      '<style:style style:name="PBreak" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>'
      '<style:style style:name="ToLandscape" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Landscape"/>'
      '<style:style style:name="ToPortrait" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Standard"/>'
      '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
      'style:print-orientation="portrait" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>'
      '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>'
      '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>'
      '<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" '
      'style:print-orientation="landscape" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
      '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>'
      '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>')
    tables = [b for b in blocks if b[0] == "t"]
    for ti, b in enumerate(tables):
        wide = max(len(r) for r in b[1]) >= 9
        widths = col_widths(b[1], 25.5 if wide else 16.3)
        w('<style:style style:name="T%d" style:family="table"><style:table-properties style:width="%.2fcm" table:align="left"/></style:style>'
          % (ti, sum(widths)))
        for k, cw in enumerate(widths):
            w('<style:style style:name="T%dC%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>'
              % (ti, k, cw))
    w('</office:automatic-styles>\n')
    running = ('<style:header><text:p text:style-name="Running">%s</text:p></style:header>'
               '<style:footer><text:p text:style-name="Running">Halaman <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
               % xml(title))
    w('<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">%s</style:master-page>'
      '<style:master-page style:name="Landscape" style:page-layout-name="pm2">%s</style:master-page></office:master-styles>\n'
      % (running, running))
    w('<office:body><office:text>\n')
    ti = 0
    page_break = False
    landscape = False
    for b in blocks:
        kind = b[0]
        if kind == "br":
            page_break = True
            continue
        pstyle = None
        if page_break:
            pstyle = "PBreak"
            page_break = False
        if kind == "t":
            rows = b[1]
            ncols = max(len(r) for r in rows)
            wide = ncols >= 9
            if wide != landscape:
                w('<text:p text:style-name="%s"/>' % ("ToLandscape" if wide else "ToPortrait"))
                landscape = wide
            elif pstyle:
                w('<text:p text:style-name="%s"/>' % pstyle)
            w('<table:table table:name="Tabel%d" table:style-name="T%d">' % (ti + 1, ti))
            for k in range(ncols):
                w('<table:table-column table:style-name="T%dC%d"/>' % (ti, k))
            nh = header_rows(rows)
            for ri, r in enumerate(rows):
                if ri == 0 and nh:
                    w('<table:table-header-rows>')
                w('<table:table-row>')
                for k in range(ncols):
                    c = r[k] if k < len(r) else ""
                    text = strip_bold(c).strip()
                    style = "CellBold" if is_bold_cell(c) or ri < nh else "Cell"
                    w('<table:table-cell table:style-name="Ce" office:value-type="string"><text:p text:style-name="%s">%s</text:p></table:table-cell>'
                      % (style, xml(text)))
                w('</table:table-row>')
                if nh and ri == nh - 1:
                    w('</table:table-header-rows>')
            w('</table:table>\n')
            ti += 1
            continue
        if landscape:
            w('<text:p text:style-name="ToPortrait"/>')
            landscape = False
        if kind == "h":
            st = pstyle or "H%d" % b[1]
            if pstyle:
                w('<text:p text:style-name="%s"/>' % pstyle)
                st = "H%d" % b[1]
            w('<text:h text:style-name="%s" text:outline-level="%d">%s</text:h>\n' % (st, b[1], xml(b[2])))
        elif kind == "f":
            if pstyle:
                w('<text:p text:style-name="%s"/>' % pstyle)
            w('<text:p text:style-name="Formula">%s</text:p>\n' % xml(b[1]))
        elif kind == "p":
            parts, bold = b[1], b[2]
            st = "Bold" if bold else "Standard"
            if pstyle:
                w('<text:p text:style-name="%s"/>' % pstyle)
            body = '<text:line-break/>'.join(xml(x) for x in parts if x)
            w('<text:p text:style-name="%s">%s</text:p>\n' % (st, body))
    w('</office:text></office:body></office:document>\n')
    return "".join(out)


def html_doc(blocks, title, ruled=True):
    out = ['<!doctype html><html lang="id"><head><meta charset="utf-8"><title>%s</title><style>'
           '@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }'
           'body { font-family: "Liberation Serif", serif; font-size: 11pt; }'
           'table { border-collapse: collapse; margin: 0.3cm 0; width: 100%%; }'
           'td, th { border: %s; padding: 2pt 6pt; font-size: 9pt; vertical-align: top; text-align: left; }'
           'th { font-weight: bold; }'
           'thead { display: table-header-group; } tr { break-inside: avoid; }'
           '.f { text-align: center; } .br { break-before: page; }'
           '</style></head><body>' % (xml(title), "0.5pt solid #000" if ruled else "none")]
    w = out.append
    brk = False
    for b in blocks:
        kind = b[0]
        if kind == "br":
            brk = True
            continue
        cls = ' class="br"' if brk else ""
        brk = False
        if kind == "h":
            lvl = min(b[1], 6)
            w('<h%d%s>%s</h%d>\n' % (lvl, cls, xml(b[2]), lvl))
        elif kind == "f":
            w('<p class="f"%s>%s</p>\n' % (cls, xml(b[1])))
        elif kind == "p":
            parts, bold = b[1], b[2]
            body = "<br>".join(xml(x) for x in parts if x)
            w('<p%s>%s%s%s</p>\n' % (cls, "<b>" if bold else "", body, "</b>" if bold else ""))
        elif kind == "t":
            rows = b[1]
            ncols = max(len(r) for r in rows)
            nh = header_rows(rows)
            w('<table%s>' % cls)
            if nh:
                w('<thead>')
            for ri, r in enumerate(rows):
                tag = "th" if ri < nh else "td"
                w('<tr>')
                for k in range(ncols):
                    c = r[k] if k < len(r) else ""
                    text = xml(strip_bold(c).strip())
                    if is_bold_cell(c) and tag == "td":
                        text = "<b>%s</b>" % text
                    w('<%s>%s</%s>' % (tag, text, tag))
                w('</tr>')
                if nh and ri == nh - 1:
                    w('</thead><tbody>')
            w('</tbody></table>\n' if nh else '</table>\n')
    w('</body></html>\n')
    return "".join(out)


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", "--norestore"] + args, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    name = os.path.splitext(os.path.basename(src))[0]
    with open(src, encoding="utf-8") as f:
        blocks = parse(f.read())
    title = "LAKIP Dinas Sosial, PPPA dan PMD Kabupaten Bangka Selatan Tahun 2019"
    os.makedirs(outdir, exist_ok=True)
    tmp = tempfile.mkdtemp()
    try:
        with open(os.path.join(tmp, name + ".fodt"), "w", encoding="utf-8") as f:
            f.write(fodt(blocks, title))
        soffice(["--convert-to", "pdf", name + ".fodt"], tmp)
        shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(outdir, name + "-libreoffice.pdf"))
        soffice(["--convert-to", "docx:MS Word 2007 XML", name + ".fodt"], tmp)
        os.makedirs(os.path.join(tmp, "d"))
        shutil.move(os.path.join(tmp, name + ".docx"), os.path.join(tmp, "d", name + ".docx"))
        soffice(["--convert-to", "pdf", name + ".docx"], os.path.join(tmp, "d"))
        shutil.copy(os.path.join(tmp, "d", name + ".pdf"), os.path.join(outdir, name + "-docx.pdf"))
        with open(os.path.join(tmp, name + ".html"), "w", encoding="utf-8") as f:
            f.write(html_doc(blocks, title))
        with open(os.path.join(tmp, name + "-unruled.html"), "w", encoding="utf-8") as f:
            f.write(html_doc(blocks, title, ruled=False))
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            for src, dst in ((name + ".html", name + "-chromium.pdf"), (name + "-unruled.html", name + "-chromium-unruled.pdf")):
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                "--print-to-pdf=" + os.path.join(outdir, dst), "file://" + os.path.join(tmp, src)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
