#!/usr/bin/env python3
"""Writes small PDFs, one per layout case the PDF loader reads, and the
malformed and oversized PDFs it must refuse or bound. Plain PDF written
by hand (Helvetica, no embedded fonts), so every case is a few kilobytes
and says exactly what is on the page.

    make_layout_pdfs.py cases DIR   the committed cases (tests/pdf/cases)
    make_layout_pdfs.py big DIR     2,000 pages; a page of 50,000 glyphs
                                    (written by tests/pdf/run.sh at run time)

Numbers in the tables are taken from the sample report
(fixtures/bangka-selatan-2019), with one wrong capaian per table so that
a test can check the row is read and cited by page.
"""
import os
import sys
import zlib

A4 = (595.0, 842.0)


def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def width(s, size):
    """Rough Helvetica advance: enough to lay cells out by hand."""
    return 0.52 * size * len(s)


class Page:
    def __init__(self, w=A4[0], h=A4[1], rotate=0):
        self.w, self.h, self.rotate = w, h, rotate
        self.ops = []
        self.images = 0

    def text(self, x, top, s, size=10, bold=False):
        """Text whose top is `top` points below the page's top edge."""
        base = self.h - top - size * 0.8
        self.ops.append("BT /%s %g Tf %.2f %.2f Td (%s) Tj ET" % ("F2" if bold else "F1", size, x, base, esc(s)))

    def line(self, x0, t0, x1, t1, lw=0.5):
        self.ops.append("%g w %.2f %.2f m %.2f %.2f l S" % (lw, x0, self.h - t0, x1, self.h - t1))

    def bar(self, x0, t0, x1, t1):
        """A filled rectangle (how browsers draw borders)."""
        self.ops.append("%.2f %.2f %.2f %.2f re f" % (x0, self.h - t1, x1 - x0, t1 - t0))

    def image(self, x, top, w, h):
        self.images += 1
        self.ops.append("q %.2f 0 0 %.2f %.2f %.2f cm /Im1 Do Q" % (w, h, x, self.h - top - h))

    def content(self):
        return "\n".join(self.ops)


def write_pdf(path, pages, encrypt=False, truncate=None, raw_pages=None):
    objs = []

    def add(s):
        objs.append(s)
        return len(objs)

    catalog = add(None)
    pages_obj = add(None)
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pix = bytes(range(0, 256, 4)) * 64
    img = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
              b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pix) + pix + b"\nendstream")
    kids = []
    for p in pages:
        data = zlib.compress(p.content().encode("latin-1"))
        c = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        box = "0 0 %g %g" % (p.w, p.h)
        rot = " /Rotate %d" % p.rotate if p.rotate else ""
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [%s]%s /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> "
                         "/XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_obj, box, rot, f1, f2, img, c)).encode()))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objs[pages_obj - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    enc = None
    if encrypt:
        # Standard security handler, RC4 40-bit, with a user password: the
        # /U entry cannot match the empty password, so a reader must ask.
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if enc:
        trailer += b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" % enc
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    if truncate:
        out = out[:int(len(out) * truncate)]
    with open(path, "wb") as f:
        f.write(out)


# ---- a ruled table drawn cell by cell ----

def ruled_table(p, x0, top, cols, rows, size=8, pad=3, bars=False, merges=None, bold_rows=0):
    """rows: lists of cell texts (a cell may hold "\\n" for wrapped lines).
    merges: {(r, c): (rowspan, colspan)}; covered cells are skipped.
    Returns the table's bottom."""
    merges = merges or {}
    covered = set()
    for (r, c), (rs, cs) in merges.items():
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    xs = [x0]
    for w in cols:
        xs.append(xs[-1] + w)
    heights = []
    for r, row in enumerate(rows):
        n = max((len(str(c).split("\n")) for c in row), default=1)
        heights.append(n * (size + 2) + 2 * pad)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)

    def seg(a, b, c, d):
        if bars:
            if a == c:
                p.bar(a - 0.4, b, a + 0.4, d)
            else:
                p.bar(a, b - 0.4, c, b + 0.4)
        else:
            p.line(a, b, c, d)

    for r, row in enumerate(rows):
        for c in range(len(cols)):
            if (r, c) in covered:
                continue
            rs, cs = merges.get((r, c), (1, 1))
            cx0, cx1, cy0, cy1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
            seg(cx0, cy0, cx1, cy0)
            seg(cx0, cy1, cx1, cy1)
            seg(cx0, cy0, cx0, cy1)
            seg(cx1, cy0, cx1, cy1)
            text = str(row[c]) if c < len(row) else ""
            for k, part in enumerate(text.split("\n")):
                if part:
                    p.text(cx0 + pad, cy0 + pad + k * (size + 2), part, size, bold=r < bold_rows)
    return ys[-1]


def paragraph(p, x, top, lines, size=10, bold=False, lead=12):
    for k, s in enumerate(lines):
        p.text(x, top + k * lead, s, size, bold)
    return top + len(lines) * lead


def running(p, n):
    p.text(200, 30, "LKjIP Dinas Contoh Tahun 2019", 8)
    p.text(290, p.h - 40, "Halaman %d" % n, 8)


def cases(out):
    os.makedirs(out, exist_ok=True)

    # 1. ruled table: two-row header with a merged group cell, merged
    #    sasaran cells over rows, text wrapped inside a cell, bold group row
    p = Page()
    running(p, 1)
    paragraph(p, 60, 70, ["Tabel 3.1 Realisasi Perjanjian Kinerja Tahun 2019"], bold=True)
    rows = [
        ["Sasaran Strategis", "Indikator Kinerja", "Tahun 2019", "", ""],
        ["", "", "Target", "Realisasi", "%"],
        ["URUSAN SOSIAL", "", "", "", ""],
        ["Meningkatnya Pelayanan\ndan Rehabilitasi Sosial", "Persentase Penduduk Miskin", "2,99", "3,70", "80,81%"],
        ["", "Persentase PMKS yang\nTertangani", "50", "52,62", "101,24%"],
        ["", "Jumlah PMKS yang Mendapat\nBantuan Sosial", "8.000", "14.896", "186,20%"],
    ]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 3), (2, 0): (1, 5), (3, 0): (3, 1)}
    ruled_table(p, 60, 95, [130, 150, 60, 60, 60], rows, merges=merges, bold_rows=2)
    write_pdf(os.path.join(out, "ruled-merged.pdf"), [p])

    # 2. a table without rules: columns from alignment, a wrapped name
    p = Page()
    running(p, 1)
    y = paragraph(p, 60, 70, ["Capaian indikator urusan sosial tahun 2019 disajikan dalam tabel berikut."])
    y += 10
    cols = [60, 85, 330, 400, 470]
    head = ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    for c, s in zip(cols, head):
        p.text(c, y, s, 9, bold=True)
    y += 16
    data = [
        ["1", "Persentase PMKS yang tertangani", "90%", "50,3%", "55,88%"],
        ["2", "Jumlah Lansia yang mendapat Asistensi", "30", "29", "96,66%"],
        ["3", "Jumlah Penerima Manfaat/Klien yang mendapat", "334", "387", "115,86%"],
        [None, "Pelayanan Sosial"],
        ["4", "Jumlah Bencana yang Tertangani", "14", "14", "100%"],
    ]
    for row in data:
        if row[0] is None:
            p.text(cols[1], y, row[1], 9)
        else:
            for c, s in zip(cols, row):
                p.text(c, y, s, 9)
        y += 13
    y += 14
    paragraph(p, 60, y, ["Capaian yang belum memenuhi target dibahas pada bagian berikut."])
    write_pdf(os.path.join(out, "unruled.pdf"), [p])

    # 2b. a table without rules as Word prints it (no cell padding: one
    #    line pitch everywhere), cells centred vertically: a header over
    #    two lines with "Target Capaian Setiap Tahun" over a row of years,
    #    names wrapped over two and three lines with the numbers on the
    #    middle line (or half-way between two lines); the table goes on
    #    on page 2 without its header. Then a table whose rows cannot be
    #    told apart (text between header and first numbers, and rows not
    #    centred on their numbers): not read, said so.
    #    Indicators and targets: the sample's Renstra table.
    p1, p2 = Page(), Page()
    y = paragraph(p1, 60, 70, ["Target kinerja Renstra tahun 2016-2021 disajikan dalam tabel berikut."])
    y += 12
    cols = [60, 85, 235, 285, 325, 365, 405, 445, 495]
    p1.text(cols[2], y, "Kondisi", 8, bold=True)
    p1.text(cols[3], y, "Target Capaian Setiap Tahun", 8, bold=True)
    p1.text(cols[8], y, "Kondisi", 8, bold=True)
    p1.text(cols[0], y + 10, "NO", 8, bold=True)
    p1.text(cols[1], y + 10, "INDIKATOR", 8, bold=True)
    p1.text(cols[2], y + 10, "Awal", 8, bold=True)
    p1.text(cols[8], y + 10, "Akhir", 8, bold=True)
    for c, year in zip(cols[3:8], ["2017", "2018", "2019", "2020", "2021"]):
        p1.text(c, y + 20, year, 8, bold=True)
    y += 30

    def centred_row(p, y, no, name_lines, values, half=False):
        """Name lines from y, 10 pt apart; number and values on the middle
        line (half-way between the two middle lines when `half`)."""
        for k, s in enumerate(name_lines):
            p.text(cols[1], y + 10 * k, s, 8)
        mid = y + 10 * (len(name_lines) - 1) / 2.0
        p.text(cols[0], mid, no, 8)
        for c, v in zip(cols[3:8], values):
            p.text(c, mid, v, 8)
        return y + 10 * len(name_lines)

    y = centred_row(p1, y, "1.", ["Persentase PMKS yang Tertangani"], ["30", "40", "50", "60", "70"])
    y = centred_row(p1, y, "2.", ["Jumlah PMKS yang", "Mendapat Bantuan", "Sosial"], ["6.305", "7.000", "8.000", "9.000", "10.000"])
    y = centred_row(p1, y, "3.", ["Jumlah PSKS yang", "menyelenggarakan Kesejahteraan Sosial"], ["153", "153", "200", "250", "300"])
    y = centred_row(p1, y, "4.", ["Persentase Desa Swasembada;"], ["34", "42", "50", "58", "66"])
    y = 70
    y = centred_row(p2, y, "5.", ["Persentase Desa Maju"], ["4", "8", "12", "16", "20"])
    y = centred_row(p2, y, "6.", ["Persentase Aparatur Desa yang", "mengikuti Bimtek Pengelolaan", "Keuangan dan Aset"], ["100", "100", "100", "100", "100"])
    y = centred_row(p2, y, "7.", ["Rata-rata Kelompok Binaan LPM;"], ["0", "0,006", "0,16", "0,2", "0,24"])
    y += 20
    y = paragraph(p2, 60, y, ["Target indikator urusan perempuan dan anak sebagai berikut."])
    y += 12
    for c, s in zip([60, 85, 285, 325, 365], ["NO", "INDIKATOR", "2017", "2018", "2019"]):
        p2.text(c, y, s, 8, bold=True)
    y += 10
    p2.text(85, y, "Jumlah Kasus Kekerasan Terhadap", 8)
    p2.text(85, y + 10, "Anak dan Perempuan yang", 8)
    for c, v in zip([60, 285, 325, 365], ["1.", "6", "5", "5"]):
        p2.text(c, y + 10, v, 8)
    p2.text(85, y + 20, "Tertangani;", 8)
    p2.text(85, y + 30, "Rasio KDRT", 8)
    for c, v in zip([60, 285, 325, 365], ["2.", "20%", "20%", "20%"]):
        p2.text(c, y + 40, v, 8)
    y += 70
    paragraph(p2, 60, y, ["Tabel di atas disusun dari dokumen Renstra."])
    write_pdf(os.path.join(out, "unruled-centred.pdf"), [p1, p2])

    # 2c. a table without rules whose last row on page 1 is broken by the
    #    page break (cells aligned at the top, padding between rows): the
    #    rest of its wrapped name starts page 2, above the next rows
    p1, p2 = Page(), Page()
    cols = [60, 85, 330, 400, 470]
    y = 720
    for c, s_ in zip(cols, ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]):
        p1.text(c, y, s_, 9, bold=True)
    y += 16
    for row in (["1", "Persentase Desa Maju", "12", "16", "133,33%"],
                ["2", "Persentase Aparatur Desa yang", "100", "100", "100%"]):
        for c, s_ in zip(cols, row):
            p1.text(c, y, s_, 9)
        y += 16
    y = 70
    for s_ in ("mengikuti Bimtek Pengelolaan", "Keuangan dan Aset"):
        p2.text(cols[1], y, s_, 9)
        y += 11
    y += 5
    for row in (["3", "Persentase PKK Aktif", "100", "100", "100%"],
                ["4", "Persentase BUMDES Aktif", "80", "94", "117,50%"]):
        for c, s_ in zip(cols, row):
            p2.text(c, y, s_, 9)
        y += 16
    y += 14
    paragraph(p2, 60, y, ["Capaian desa maju melampaui target tahun 2019."])
    write_pdf(os.path.join(out, "unruled-split-row.pdf"), [p1, p2])

    # 3. one ruled table over three pages: the header repeated on page 2,
    #    not on page 3; running header and footer on every page
    head = ["No", "Indikator Kinerja", "Target", "Realisasi", "%"]
    names = ["Persentase Desa yang memiliki BUMDES", "Persentase Desa yang memiliki RKPDesa",
             "Persentase Desa yang memiliki IKM", "Jumlah Desa yang dilakukan Pembinaan administrasi",
             "Jumlah ADD yang di Monev", "Jumlah Kepala Desa yang ikut Pendidikan Dasar",
             "Jumlah Desa yang mengikuti Lomba", "Jumlah Kelompok Binaan PKK", "Jumlah BUMDES yang Terbina",
             "Jumlah Inovasi yang tercipta"]
    values = [("100", "47", "47%"), ("50", "50", "100%"), ("100", "100", "100%"), ("50", "50", "100%"),
              ("50", "50", "100%"), ("50", "16", "30%"), ("50", "50", "100%"), ("10", "10", "100%"),
              ("50", "47", "94%"), ("1", "0", "0%")]
    places = [""] * 10 + [" (Kec. Toboali)"] * 10 + [" (Kec. Payung)"] * 10
    allrows = [[str(i + 1), n + w] + list(v) for i, (n, w, v) in enumerate(zip(names * 3, places, values * 3))]
    pages = []
    widths = [30, 250, 60, 60, 60]
    chunks = [(allrows[:10], True, True), (allrows[10:20], True, False), (allrows[20:], False, False)]
    for k, (chunk, header, intro) in enumerate(chunks):
        p = Page()
        running(p, k + 1)
        y = 70
        if intro:
            y = paragraph(p, 60, y, ["Tabel 3.5 Capaian Indikator Urusan Pemberdayaan Masyarakat dan Desa"], bold=True) + 8
        rows = ([head] if header else []) + chunk
        y = ruled_table(p, 60, y, widths, rows, bold_rows=1 if header else 0)
        if k == 2:
            paragraph(p, 60, y + 20, ["Sebagian besar indikator telah mencapai target yang ditetapkan."])
        pages.append(p)
    write_pdf(os.path.join(out, "across-pages.pdf"), pages)

    # 4. landscape: a wide table on a page turned by /Rotate 90 and the
    #    same table drawn sideways on a portrait page without /Rotate;
    #    borders drawn as thin filled bars (as browsers do)
    head = ["NO", "INDIKATOR", "Kondisi Awal", "Target Capaian Setiap Tahun", "", "", "", "", "Kondisi Akhir"]
    years = ["", "", "", "2017", "2018", "2019", "2020", "2021", ""]
    body = [["1.", "Indeks Pembangunan Gender", "36,8", "37,8", "38,8", "39,8", "40", "41", "41"],
            ["2.", "Indeks Kabupaten Layak Anak", "10", "15,75", "20", "25", "40", "60", "60"]]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (2, 1), (0, 3): (1, 5), (0, 8): (2, 1)}
    lw = [40, 200, 70, 60, 60, 60, 60, 60, 70]
    rot = Page(w=A4[0], h=A4[1], rotate=90)
    # drawn in landscape coordinates, turned into the portrait media box
    land = Page(w=A4[1], h=A4[0])
    land.text(60, 50, "Tabel 2.3 Target Kinerja RPJMD 2016-2021", 10, bold=True)
    ruled_table(land, 60, 75, lw, [head, years] + body, merges=merges, bars=True, bold_rows=2)
    rot.ops = ["q 0 1 -1 0 %.2f 0 cm" % A4[0]] + land.ops + ["Q"]
    side = Page()               # the same drawing, no /Rotate: the text runs sideways
    side.ops = list(rot.ops)
    write_pdf(os.path.join(out, "landscape.pdf"), [rot, side])

    # 5. paragraphs: hyphenation, a paragraph over a page break, a list,
    #    running header, page number footer, a heading
    p1, p2 = Page(), Page()
    running(p1, 1)
    running(p2, 2)
    y = paragraph(p1, 60, 70, ["BAB III AKUNTABILITAS KINERJA"], size=12, bold=True) + 10
    y = paragraph(p1, 60, y, ["Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target yang telah di-",
                              "tetapkan dalam Perjanjian Kinerja. Capaian setiap indikator dihitung dengan rumus yang",
                              "sesuai dengan sifat indikatornya, baik yang semakin tinggi semakin baik maupun yang se-",
                              "baliknya. Anak-anak dan rata-rata tetap ditulis seperti adanya."]) + 8
    y = paragraph(p1, 60, y, ["Capaian kinerja tahun 2019 adalah sebagai berikut:"]) + 8
    y = paragraph(p1, 60, y, ["a. indikator yang mencapai target sebanyak 12 indikator;"]) + 2
    y = paragraph(p1, 60, y, ["b. indikator yang belum mencapai target sebanyak 4 indikator."]) + 8
    y = 700
    paragraph(p1, 60, y, ["Dari 16 indikator kinerja utama, persentase indikator yang mencapai target sebesar 75%, yang",
                          "dihitung dari 12 indikator yang mencapai target dibagi 16 indikator yang diukur pada tahun"])
    paragraph(p2, 60, 70, ["2019. Angka ini meningkat dibandingkan tahun sebelumnya."])
    paragraph(p2, 60, 100, ["Hambatan yang dihadapi akan dibahas pada bab berikutnya."])
    write_pdf(os.path.join(out, "paragraphs.pdf"), [p1, p2])

    # 6. a scanned page between two text pages
    p1, p2, p3 = Page(), Page(), Page()
    paragraph(p1, 60, 70, ["Halaman pertama berisi teks yang dapat dibaca."])
    p2.image(50, 50, 495, 742)
    paragraph(p3, 60, 70, ["Halaman ketiga berisi teks yang dapat dibaca."])
    write_pdf(os.path.join(out, "scanned-page.pdf"), [p1, p2, p3])

    # a page whose text was converted to outlines (shapes, no text)
    p1, p2 = Page(), Page()
    paragraph(p1, 60, 70, ["Halaman pertama berisi teks yang dapat dibaca."])
    for k in range(60):
        x, top = 60 + (k % 20) * 8, 70 + (k // 20) * 14
        y = p2.h - top
        p2.ops.append("%.2f %.2f m %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c h f"
                      % (x, y - 10, x + 3, y, x + 6, y - 10, x + 5, y - 6, x + 3, y - 5))
    write_pdf(os.path.join(out, "outlined-page.pdf"), [p1, p2])

    # for the rule input.unread-page: a checked table, then a scanned page
    # (fires) or a blank page with a frame (silent)
    def checked_table():
        p = Page()
        ruled_table(p, 60, 80, [30, 250, 60, 60, 60],
                    [["No", "Indikator Kinerja", "Target", "Realisasi", "%"],
                     ["1", "Jumlah Bencana yang Tertangani", "14", "14", "100%"],
                     ["2", "Jumlah Lansia yang mendapat Asistensi", "30", "27", "90%"]], bold_rows=1)
        return p
    scan, blank = Page(), Page()
    scan.image(50, 50, 495, 742)
    for a, b, c, d in ((40, 40, 555, 40), (555, 40, 555, 802), (555, 802, 40, 802), (40, 802, 40, 40)):
        blank.line(a, b, c, d)
    write_pdf(os.path.join(out, "table-and-scan.pdf"), [checked_table(), scan])
    write_pdf(os.path.join(out, "table-and-blank.pdf"), [checked_table(), blank])

    # malformed
    p = Page()
    paragraph(p, 60, 70, ["Laporan ini dilindungi kata sandi."])
    write_pdf(os.path.join(out, "encrypted.pdf"), [p], encrypt=True)
    write_pdf(os.path.join(out, "zero-pages.pdf"), [])
    write_pdf(os.path.join(out, "truncated.pdf"), [p], truncate=0.45)
    pages = []
    for k in range(2):
        q = Page()
        q.image(50, 50, 495, 742)
        pages.append(q)
    write_pdf(os.path.join(out, "scanned-only.pdf"), pages)
    with open(os.path.join(out, "not-a-pdf.pdf"), "w") as f:
        f.write("Ini bukan PDF.\n")


def big(out):
    os.makedirs(out, exist_ok=True)
    pages = []
    for k in range(2000):
        p = Page()
        running(p, k + 1)
        paragraph(p, 60, 80, ["Halaman %d dari laporan yang panjang." % (k + 1)])
        pages.append(p)
    write_pdf(os.path.join(out, "pages-2000.pdf"), pages)
    p = Page()
    # 50,000 glyphs: 500 lines of 100 characters in 1 pt type
    line = "abcdefghij" * 10
    for k in range(500):
        p.ops.append("BT /F1 1 Tf 20 %.2f Td (%s) Tj ET" % (820 - k * 1.6, line))
    write_pdf(os.path.join(out, "glyphs-50000.pdf"), [p])


if __name__ == "__main__":
    {"cases": cases, "big": big}[sys.argv[1]](sys.argv[2])
