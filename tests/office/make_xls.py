#!/usr/bin/python3
"""Writes small Excel 97-2003 (.xls, BIFF8) files byte by byte, for the cases
LibreOffice's own .xls (fixtures/bangka-selatan-2019/office/*.xls) does not
hold: a shared-string table split across CONTINUE records in the middle of a
string, UTF-16 text, RK and MULRK numbers (integers, x100), percentages stored
as fractions, a LABEL cell, a workbook small enough for the mini stream, a
formula the reader cannot write back (a defined name), and damaged or
refused files. Committed; the tests need nothing but the files.

  python3 tests/office/make_xls.py

Outputs:
  tests/e2e/xls/formats.xls         one sheet, every cell kind above; one wrong capaian
  tests/e2e/xls/mini.xls            the same, its workbook stream in the mini stream
  tests/rules/rumus.unread/fire.xls  a capaian column whose formula uses a defined name
  tests/rules/rumus.unread/silent.xls  the same column with plain formulas
  tests/e2e/bad/xls-*.xls           BIFF5, encrypted, no workbook stream, broken
                                    sector chain, cut short (each with its .err)
"""
import os
import struct

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


# ---- compound file (MS-CFB, version 3, 512-byte sectors) ----

def cfb(streams, use_mini=False, break_chain=False):
    """streams: [(name, bytes)]. Small streams go to the mini stream when
    use_mini (else each is padded to the 4,096-byte cut-off)."""
    sectors, fat = [], {}

    def chain(data, unit=512):
        n = max(1, (len(data) + unit - 1) // unit)
        start = len(sectors)
        for i in range(n):
            sectors.append(data[i * unit:(i + 1) * unit].ljust(unit, b"\0"))
            fat[start + i] = start + i + 1 if i < n - 1 else ENDOFCHAIN
        return start

    sectors.append(None)            # sector 0: the FAT, written last
    fat[0] = FATSECT
    sectors.append(None)            # sector 1: the directory
    fat[1] = ENDOFCHAIN
    entries = []                    # (name, type, start, size)
    mini_data, mini_fat = b"", []
    for name, data in streams:
        if use_mini and len(data) < 4096:
            start = len(mini_data) // 64
            blocks = max(1, (len(data) + 63) // 64)
            mini_data += data.ljust(blocks * 64, b"\0")
            mini_fat += [start + i + 1 if i < blocks - 1 else ENDOFCHAIN for i in range(blocks)]
            entries.append((name, 2, start, len(data)))
        else:
            if len(data) < 4096:
                data = data.ljust(4096, b"\0")
            entries.append((name, 2, chain(data), len(data)))
    minifat_start, root_start = ENDOFCHAIN, ENDOFCHAIN
    if mini_data:
        minifat_start = chain(b"".join(struct.pack("<I", x) for x in mini_fat))
        root_start = chain(mini_data)
    if break_chain:
        fat[entries[0][2]] = 5000   # the Workbook chain points past the file
    fat_bytes = b"".join(struct.pack("<I", fat.get(i, FREESECT)) for i in range(128))
    sectors[0] = fat_bytes

    def entry(name, kind, start, size, child=FREESECT, right=FREESECT):
        n = (name + "\0").encode("utf-16-le")
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) +
                struct.pack("<III", FREESECT, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 +
                struct.pack("<IQ", start, size))
    d = entry("Root Entry", 5, root_start, len(mini_data), child=1)
    for i, (name, kind, start, size) in enumerate(entries):
        d += entry(name, kind, start, size, right=i + 2 if i + 1 < len(entries) else FREESECT)
    sectors[1] = d.ljust(512, b"\0")
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) +
              b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, minifat_start,
                                      1 if mini_data else 0, ENDOFCHAIN, 0))
    header += struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108
    return header + b"".join(sectors)


# ---- BIFF8 records ----

def rec(kind, body):
    return struct.pack("<HH", kind, len(body)) + body


def xlstr(s, count="H"):
    """XLUnicodeString (count H) or ShortXLUnicodeString (count B)."""
    try:
        raw, flag = s.encode("latin-1"), 0
    except UnicodeEncodeError:
        raw, flag = s.encode("utf-16-le"), 1
    return struct.pack("<" + count + "B", len(s), flag) + raw


def bof(kind, version=0x0600):
    return rec(0x0809, struct.pack("<HHHHII", version, kind, 0x0DBB, 0x07CC, 0, 0x06))


def sst(strings, split_in=None):
    """The SST; split_in = (string index, characters before the split):
    the record ends inside that string and CONTINUE carries the rest after
    a new flag byte."""
    body = struct.pack("<II", len(strings), len(strings))
    cont = None
    for i, s in enumerate(strings):
        wide = any(ord(c) > 255 for c in s)
        enc = (lambda t: t.encode("utf-16-le")) if wide else (lambda t: t.encode("latin-1"))
        head = struct.pack("<HB", len(s), 1 if wide else 0)
        if split_in and split_in[0] == i:
            k = split_in[1]
            body += head + enc(s[:k])
            cont = bytes([1 if wide else 0]) + enc(s[k:])
        elif cont is not None:
            cont += head + enc(s)
        else:
            body += head + enc(s)
    out = rec(0x00FC, body)
    if cont is not None:
        out += rec(0x003C, cont)
    return out


# cell formats: XF 15 General, 16 "0.00", 17 "0.00%", 18 "#,##0", 19 '#,##0" orang"'
FORMATS = [(164, '#,##0" orang"')]
CELL_XF = {"general": 15, "0.00": 16, "0.00%": 17, "#,##0": 18, "orang": 19}


def globals_stream(sheet_names, strings, split_in=None, encrypted=False, version=0x0600, names=()):
    g = bof(0x0005, version)
    if encrypted:
        g += rec(0x002F, struct.pack("<H", 1) + b"\0" * 52)
    g += rec(0x0022, struct.pack("<H", 0))
    for ifmt, code in FORMATS:
        g += rec(0x041E, struct.pack("<H", ifmt) + xlstr(code))
    for ifmt in [0] * 15 + [0, 2, 10, 3, 164]:
        g += rec(0x00E0, struct.pack("<HH", 0, ifmt) + b"\0" * 16)
    bounds = []
    for name in sheet_names:
        bounds.append(len(g))
        g += rec(0x0085, struct.pack("<IBB", 0, 0, 0) + xlstr(name, "B"))
    for name in names:             # a defined name (its formula does not matter here)
        g += rec(0x0018, struct.pack("<HBBHHHBBBB", 0, 0, len(name), 0, 0, 0, 0, 0, 0, 0) + b"\0" + name.encode())
    g += sst(strings, split_in)
    g += rec(0x000A, b"")
    return g, bounds


def number(row, col, xf, value):
    return rec(0x0203, struct.pack("<HHHd", row, col, xf, value))


def rk_int(value, x100=False):
    return (value << 2) | 2 | (1 if x100 else 0)


def rk(row, col, xf, rkvalue):
    return rec(0x027E, struct.pack("<HHHI", row, col, xf, rkvalue))


def mulrk(row, col, cells):
    body = struct.pack("<HH", row, col)
    for xf, v in cells:
        body += struct.pack("<HI", xf, v)
    return rec(0x00BD, body + struct.pack("<H", col + len(cells) - 1))


def labelsst(row, col, index):
    return rec(0x00FD, struct.pack("<HHHI", row, col, 15, index))


def label(row, col, text):
    return rec(0x0204, struct.pack("<HHH", row, col, 15) + xlstr(text))


def ref(row, col):
    """ptgRefV with relative row and column."""
    return struct.pack("<BHH", 0x44, row, col | 0xC000)


def formula(row, col, xf, cached, rgce):
    return rec(0x0006, struct.pack("<HHHdHIH", row, col, xf, cached, 0, 0, len(rgce)) + rgce)


def ratio(row, num_col, den_col):
    return ref(row, num_col) + ref(row, den_col) + b"\x06"      # num / den


def workbook(sheets, strings, split_in=None, **kw):
    """sheets: [(name, cell records)] -> the Workbook stream."""
    g, bounds = globals_stream([n for n, _ in sheets], strings, split_in, **kw)
    out = bytearray(g)
    for (name, cells), at in zip(sheets, bounds):
        struct.pack_into("<I", out, at + 4, len(out))
        out += bof(0x0010) + cells + rec(0x000A, b"")
    return bytes(out)


# ---- the workbooks ----

STRINGS = ["Tabel 3.1 Capaian Indikator Kinerja 2019", "No", "Indikator Kinerja", "Satuan", "Target",
           "Realisasi", "Capaian", "Persentase penduduk miskin yang mendapat bantuan sosial",
           "Jumlah tenaga kerja yang ditempatkan", "%", "orang",
           "Indeks kepuasan masyarakat (skala 1\u20134)", "indeks", "Angka partisipasi murni SMP"]


def capaian_sheet(unknown_formula=False, clean=False):
    c = labelsst(0, 0, 0)
    for col, i in enumerate([1, 2, 3, 4, 5, 6]):
        c += labelsst(1, col, i)
    # row 3: 53,57 % — realisasi/target stored as a fraction shown through 0.00%
    c += rk(2, 0, 15, rk_int(1)) + labelsst(2, 1, 7) + labelsst(2, 2, 9)
    c += mulrk(2, 3, [(16, rk_int(2800, True)), (16, rk_int(1500, True))])
    c += formula(2, 5, 17, 15 / 28, ratio(2, 4, 3))
    # row 4: counts with a custom format; capaian right (119,87 %)
    c += rk(3, 0, 15, rk_int(2)) + labelsst(3, 1, 8) + labelsst(3, 2, 10)
    c += number(3, 3, 19, 229056.0) + number(3, 4, 19, 274563.9)
    c += formula(3, 5, 17, 274563.9 / 229056.0, ratio(3, 4, 3))
    # row 5: a UTF-16 indicator name; capaian typed as a constant, wrong (89,87 % for 3,1 / 3,4)
    c += rk(4, 0, 15, rk_int(3)) + labelsst(4, 1, 11) + labelsst(4, 2, 12)
    c += number(4, 3, 16, 3.4) + number(4, 4, 16, 3.1)
    c += formula(4, 5, 17, 3.1 / 3.4, ratio(4, 4, 3)) if clean else number(4, 5, 17, 0.8987)
    # row 6: a LABEL cell (not in the SST), capaian right (101,50 %)
    if unknown_formula:
        # =E6/D6 written through a defined name: ptgNameV(1) / ptgRefV(D6)
        rgce = struct.pack("<BI", 0x43, 1) + ref(5, 3) + b"\x06"
    else:
        rgce = ratio(5, 4, 3)
    c += rk(5, 0, 15, rk_int(4)) + label(5, 1, "Angka partisipasi kasar SMA") + labelsst(5, 2, 9)
    c += number(5, 3, 16, 80.0) + number(5, 4, 16, 81.2) + formula(5, 5, 17, 81.2 / 80.0, rgce)
    return c


def write(path, data):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def main():
    book = workbook([("PK 2019", capaian_sheet())], STRINGS, split_in=(7, 20))
    write("tests/e2e/xls/formats.xls", cfb([("Workbook", book)]))
    write("tests/e2e/xls/mini.xls", cfb([("Workbook", book)], use_mini=True))
    clean = workbook([("PK 2019", capaian_sheet(clean=True))], STRINGS)
    write("tests/rules/rumus.unread/silent.xls", cfb([("Workbook", clean)]))
    write("tests/rules/rumus.unread/fire.xls",
          cfb([("Workbook", workbook([("PK 2019", capaian_sheet(True, True))], STRINGS, names=["rasio"]))]))
    bad = {
        "xls-biff5": (cfb([("Book", workbook([("S", b"")], ["x"], version=0x0500))]),
                      "is an Excel 5.0/95 (BIFF5) or older workbook"),
        "xls-encrypted": (cfb([("Workbook", workbook([("S", b"")], ["x"], encrypted=True))]),
                          "is encrypted (password-protected)"),
        "xls-no-workbook": (cfb([("WordDocument", b"\0" * 100)]), "holds no workbook stream"),
        "xls-broken-chain": (cfb([("Workbook", book)], break_chain=True), "sector chain is broken"),
        "xls-cut-short": (cfb([("Workbook", book)])[:700], "stream is longer than the file"),
    }
    for name, (data, _) in bad.items():
        write("tests/e2e/bad/%s.xls" % name, data)


if __name__ == "__main__":
    main()
