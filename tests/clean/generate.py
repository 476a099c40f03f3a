#!/usr/bin/env python3
"""tests/clean/generate.py — writes the clean synthetic reports of tests/clean/.

Each report is built like a real LKjIP of another sector: a declared capaian
formula (one of the four kinds, in words or symbols), a rating scale, a
Renstra table whose yearly targets carry the direction of indicators the
lexicon cannot settle, a Perjanjian Kinerja realisation table with a
Kategori column and a Rata-rata row, a budget table with a total, a staff
list with its narrative total, and narrative sentences of every kind the
rules read (shares "X dari Y ... Z%", comparisons with the target, counts of
indicators that reached it). Every number is computed here exactly
(decimal, half-up), so the reports are right by construction; the audit
must give no error or warning on any of them (tests/clean/run.sh), and
tests/mutate.py injects one defect per copy.

Numbers marked "corpus NN" are as published in the report excerpt
corpus/NN-*.md of the team's collection of published report excerpts (sources in fixtures/CORPUS-SOURCES.md) (indicator names and values; the sentences are
ours). The generated files are committed; this script documents how they
were made and is not run by the tests.
"""
from decimal import Decimal as D, ROUND_HALF_UP
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def q(x, places=2):
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def idn(x, group=True):
    """Indonesian style: 1.234,56"""
    s = format(x, "f")
    neg = s.startswith("-")
    s = s.lstrip("-")
    if "." in s:
        i, f = s.split(".")
    else:
        i, f = s, None
    if group and len(i) > 3:
        parts = []
        while len(i) > 3:
            parts.insert(0, i[-3:])
            i = i[:-3]
        parts.insert(0, i)
        i = ".".join(parts)
    out = i + ("," + f if f else "")
    return ("-" if neg else "") + out


FORMULAS = {
    "higher": lambda t, r: r / t * 100,
    "2t-r": lambda t, r: (2 * t - r) / t * 100,
    "t/r": lambda t, r: t / r * 100,
    "100-r": lambda t, r: (100 - r) / (100 - t) * 100,
}

DECLARE = {
    "2t-r": "Untuk indikator yang semakin rendah realisasinya menunjukkan kinerja yang semakin baik, capaian dihitung dengan rumus: Capaian = (Rencana − (Realisasi − Rencana)) / Rencana × 100%.",
    "2t-r-sym": "Untuk indikator dengan polaritas menurun dipakai rumus Capaian = (2T − R) / T × 100%, dengan T target dan R realisasi.",
    "t/r": "Untuk indikator yang semakin rendah realisasinya semakin baik, capaian dihitung dengan rumus: Capaian = Target / Realisasi × 100%.",
    "100-r": "Untuk indikator yang semakin rendah realisasinya semakin baik, capaian dihitung dengan rumus: $$\\text{Capaian} = \\frac{100 - \\text{Realisasi}}{100 - \\text{Rencana}} \\times 100\\%$$",
}

SCALES = {
    "baik": ("Capaian kinerja dinilai dengan skala: Sangat Baik > 90; Baik 75 – 90; Cukup 60 – 74,99; Kurang < 60.",
             [(D("90"), False, "Sangat Baik"), (D("75"), True, "Baik"), (D("60"), True, "Cukup"), (None, None, "Kurang")]),
    "tinggi": ("Kategori capaian mengikuti skala nilai berikut: Sangat Tinggi ≥ 91; Tinggi 76 – 90,99; Sedang 66 – 75,99; Rendah 51 – 65,99; Sangat Rendah ≤ 50,99.",
               [(D("91"), True, "Sangat Tinggi"), (D("76"), True, "Tinggi"), (D("66"), True, "Sedang"), (D("51"), True, "Rendah"), (None, None, "Sangat Rendah")]),
    "memuaskan": ("Predikat capaian kinerja: 85 < x : Sangat Memuaskan; 70 < x ≤ 85 : Memuaskan; 55 < x ≤ 70 : Kurang Memuaskan; x ≤ 55 : Tidak Memuaskan.",
                  [(D("85"), False, "Sangat Memuaskan"), (D("70"), False, "Memuaskan"), (D("55"), False, "Kurang Memuaskan"), (None, None, "Tidak Memuaskan")]),
}


def label(scale, v):
    for lo, incl, name in SCALES[scale][1]:
        if lo is None or v > lo or (incl and v == lo):
            return name
    raise ValueError


def fmt_value(x, unit):
    s = idn(x)
    if unit == "%":
        return s
    return s


class Ind:
    def __init__(self, name, unit, dr, target, real, series=None, statement=False, places=2):
        self.name, self.unit, self.dir = name, unit, dr
        self.t, self.r = D(target), D(real)
        self.series = [D(x) for x in series] if series else None
        self.statement = statement


def capaian(ind, lower):
    f = FORMULAS["higher" if ind.dir == "higher" else lower]
    if ind.dir == "lower" and lower == "100-r" and ind.unit != "%":
        f = FORMULAS["2t-r"]
    return q(f(ind.t, ind.r))


def write(slug, agency, year, sector_intro, lower, declare_key, scale, inds, programs, staff, share, extra=""):
    Y = year
    lines = []
    add = lines.append
    add("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)")
    add(agency.upper())
    add(f"TAHUN {Y}")
    add("")
    add("## BAB I PENDAHULUAN")
    add("")
    add(sector_intro)
    add("")
    # staff
    total = sum(n for _, n in staff)
    add(f"Untuk melaksanakan tugas pokok dan fungsinya, {agency} didukung oleh {total} orang pegawai negeri sipil dengan komposisi sebagai berikut:")
    add("")
    add("a. Berdasarkan Tingkat Pendidikan\t\t")
    for i, (name, n) in enumerate(staff, 1):
        add(f"{i}.\t{name}\t{n} Orang")
    add("")
    # Renstra
    years = [Y - 2, Y - 1, Y, Y + 1, Y + 2]
    add("## BAB II PERENCANAAN KINERJA")
    add("")
    add(f"### Tabel 2.1 Target Indikator Kinerja Renstra {years[0]}–{years[-1]}")
    add("")
    add("No\tIndikator\tSatuan\t" + "\t".join(str(y) for y in years))
    for i, ind in enumerate(inds, 1):
        series = ind.series or [ind.t] * 5
        add(f"{i}\t{ind.name}\t{ind.unit}\t" + "\t".join(idn(x) for x in series))
    add("")
    for ind in inds:
        if ind.statement:
            add(f"Indikator {ind.name} merupakan indikator dengan polaritas negatif, artinya semakin rendah realisasinya semakin baik.")
            add("")
    # the Perjanjian Kinerja: the year's targets, one name reworded the way
    # reports do ("% X" for "Persentase X"): pk.unreported must still find
    # each indicator in Tabel 3.1
    add(f"### Tabel 2.2 Perjanjian Kinerja Tahun {Y}")
    add("")
    add("No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget")
    reworded = False
    for i, ind in enumerate(inds, 1):
        name = ind.name
        if not reworded and name.startswith("Persentase "):
            name, reworded = "% " + name[len("Persentase "):], True
        sasaran = "Meningkatnya kinerja urusan" if i == 1 else ""
        add(f"{i}\t{sasaran}\t{name}\t{ind.unit}\t{idn(ind.t)}")
    add("")
    # formulas and scale
    add("## BAB III AKUNTABILITAS KINERJA")
    add("")
    add("Pengukuran kinerja dilakukan dengan membandingkan target dan realisasi. Untuk indikator yang semakin tinggi realisasinya semakin baik dipakai rumus Capaian = Realisasi / Rencana × 100%.")
    add("")
    add(DECLARE[declare_key])
    add("")
    add(SCALES[scale][0])
    add("")
    add(f"### Tabel 3.1 Realisasi Perjanjian Kinerja Tahun {Y}")
    add("")
    add("No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian\tKategori")
    caps = []
    for i, ind in enumerate(inds, 1):
        c = capaian(ind, lower)
        caps.append(c)
        add(f"{i}\t{ind.name}\t{ind.unit}\t{idn(ind.t)}\t{idn(ind.r)}\t{idn(c)}%\t{label(scale, c)}")
    mean = q(sum(caps) / len(caps))
    add(f"\tRata-rata Capaian\t\t\t\t{idn(mean)}%\t{label(scale, mean)}")
    add("")
    met = sum(1 for c in caps if c >= 100)
    add(f"Dari {len(inds)} indikator kinerja utama, sebanyak {met} indikator mencapai target dan {len(inds) - met} indikator belum mencapai target, dengan rata-rata capaian {idn(mean)}% (kategori {label(scale, mean)}).")
    add("")
    for ind, c in zip(inds, caps):
        unit = "%" if ind.unit == "%" else " " + ind.unit
        achieved = c >= 100
        if ind.dir == "lower":
            rel = "lebih rendah dari" if ind.r < ind.t else ("sama dengan" if ind.r == ind.t else "lebih tinggi dari")
        else:
            rel = "melebihi" if ind.r > ind.t else ("sama dengan" if ind.r == ind.t else "di bawah")
        verdict = "sehingga target tercapai" if achieved else "sehingga target belum tercapai"
        add(f"Realisasi {ind.name.lower()} tahun {Y} sebesar {idn(ind.r)}{unit}, {rel} target {idn(ind.t)}{unit}, {verdict} dengan capaian {idn(c)}%.")
        add("")
    x, y, what, unit = share
    add(f"Pada tahun {Y} sebanyak {idn(D(x))} {unit} {what} dari {idn(D(y))} {unit} sasaran, sehingga cakupannya sebesar {idn(q(D(x) / D(y) * 100))}%.")
    add("")
    add(f"Angka cakupan tersebut dihitung {idn(D(x))} / {idn(D(y))} × 100% = {idn(q(D(x) / D(y) * 100))}%.")
    add("")
    if extra:
        add(extra)
        add("")
    # budget
    add(f"### Tabel 3.2 Realisasi Anggaran Tahun {Y}")
    add("")
    add("No\tProgram\tPagu Anggaran (Rp)\tRealisasi Anggaran (Rp)\t% Serapan")
    tp = tr = D(0)
    for i, (name, p, r) in enumerate(programs, 1):
        p, r = D(p), D(r)
        tp += p
        tr += r
        add(f"{i}\t{name}\t{idn(p)}\t{idn(r)}\t{idn(q(r / p * 100))}%")
    add(f"\tJumlah\t{idn(tp)}\t{idn(tr)}\t{idn(q(tr / tp * 100))}%")
    add("")
    add(f"Secara keseluruhan realisasi anggaran tahun {Y} sebesar Rp {idn(tr)},- dari pagu Rp {idn(tp)},- atau {idn(q(tr / tp * 100))}%.")
    add("")
    with open(os.path.join(HERE, slug + ".md"), "w") as f:
        f.write("\n".join(lines))


def main():
    # 1. health: rates per 1.000 / 100.000 (corpus 28: AKB 0,56 per 1.000 KH in Denpasar 2015)
    write("dinkes-2022", "Dinas Kesehatan Kabupaten Sukamaju", 2022,
          "Dinas Kesehatan menyelenggarakan urusan kesehatan: pelayanan kesehatan ibu dan anak, pengendalian penyakit menular dan perbaikan gizi masyarakat.",
          "2t-r", "2t-r", "baik",
          [Ind("Angka Kematian Bayi per 1.000 Kelahiran Hidup", "per 1.000 KH", "lower", "0,60".replace(",", "."), "0.56",
               ["0.70", "0.65", "0.60", "0.55", "0.50"]),
           Ind("Angka Kesakitan DBD per 100.000 Penduduk", "per 100.000", "lower", "45", "38", ["55", "50", "45", "40", "35"]),
           Ind("Proporsi Persalinan di Rumah", "%", "lower", "4.5", "4.1", ["6.5", "5.5", "4.5", "3.5", "2.5"]),
           Ind("Cakupan Imunisasi Dasar Lengkap", "%", "higher", "95", "93.6", ["93", "94", "95", "96", "97"]),
           Ind("Persentase Puskesmas Terakreditasi", "%", "higher", "80", "85", ["60", "70", "80", "90", "100"])],
          [("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", "12450000000", "11892315000"),
           ("Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", "860000000", "812430500"),
           ("Program Pemberdayaan Masyarakat Bidang Kesehatan", "415500000", "398880000")],
          [("Strata 2 (S2)", 6), ("Strata 1 (S1)", 31), ("Diploma 3 (D3)", 24), ("SMA/SMK", 9)],
          ("2715", "7411", "ibu hamil telah mendapat pemeriksaan kehamilan lengkap", "orang"))
    # 2. education (corpus 04: Klaten APK/APM)
    write("disdik-2021", "Dinas Pendidikan Kabupaten Sukamaju", 2021,
          "Dinas Pendidikan menyelenggarakan urusan pendidikan anak usia dini, pendidikan dasar dan pendidikan nonformal.",
          "t/r", "t/r", "tinggi",
          [Ind("Angka Partisipasi Murni SD/MI", "%", "higher", "98.5", "97.9", ["98", "98.25", "98.5", "98.75", "99"]),
           Ind("Angka Partisipasi Murni SMP/MTs", "%", "higher", "85", "83.3", ["81", "83", "85", "87", "89"]),
           Ind("Angka Putus Sekolah SMP/MTs", "%", "lower", "0.20", "0.16", ["0.30", "0.25", "0.20", "0.15", "0.10"]),
           Ind("Rasio Murid terhadap Guru SD", "murid per guru", "lower", "20", "22", ["24", "22", "20", "18", "16"]),
           Ind("Persentase Sekolah dengan Ruang Kelas Rusak", "%", "lower", "12", "10.5", ["18", "15", "12", "9", "6"])],
          [("Program Pengelolaan Pendidikan", "48215000000", "46108437250"),
           ("Program Pengembangan Kurikulum", "325000000", "318500000"),
           ("Program Pendidik dan Tenaga Kependidikan", "1250000000", "1187500000")],
          [("Strata 2 (S2)", 8), ("Strata 1 (S1)", 27), ("Diploma 3 (D3)", 5), ("SMA/SMK", 3)],
          ("14896", "15210", "anak usia 7–12 tahun bersekolah", "anak"))
    # 3. public works: km and %
    write("pupr-2020", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Sukamaju", 2020,
          "Dinas Pekerjaan Umum dan Penataan Ruang menyelenggarakan urusan jalan, sumber daya air, air minum, sanitasi dan penataan ruang.",
          "100-r", "100-r", "baik",
          [Ind("Persentase Jalan Kabupaten dalam Kondisi Mantap", "%", "higher", "72", "74.35", ["66", "69", "72", "75", "78"]),
           Ind("Persentase Jalan Kabupaten Kondisi Rusak Berat", "%", "lower", "9", "8.2", ["13", "11", "9", "7", "5"]),
           Ind("Persentase Luas Kawasan Tergenang saat Hujan", "%", "lower", "6", "6.6", ["10", "8", "6", "4", "2"]),
           Ind("Panjang Jalan yang Ditingkatkan", "km", "higher", "35", "36.8", ["25", "30", "35", "40", "45"]),
           Ind("Persentase Rumah Tangga dengan Akses Sanitasi Layak", "%", "higher", "82", "83.1", ["76", "79", "82", "85", "88"])],
          [("Program Penyelenggaraan Jalan", "38700000000", "36854120300"),
           ("Program Pengelolaan Sumber Daya Air", "9150000000", "8823615000"),
           ("Program Pengelolaan dan Pengembangan Sistem Air Limbah", "2480000000", "2391220000")],
          [("Strata 2 (S2)", 9), ("Strata 1 (S1)", 38), ("Diploma 3 (D3)", 17), ("SMA/SMK", 21)],
          ("1082", "1408", "kilometer jalan berada dalam kondisi mantap", "km"))
    # 4. finance (corpus 19: rasio kemandirian PAD)
    write("bpkad-2022", "Badan Pengelolaan Keuangan dan Aset Daerah Kabupaten Sukamaju", 2022,
          "Badan Pengelolaan Keuangan dan Aset Daerah menyelenggarakan urusan keuangan daerah: anggaran, perbendaharaan, akuntansi dan aset.",
          "t/r", "t/r", "memuaskan",
          [Ind("Rasio Kemandirian Keuangan Daerah", "%", "higher", "14.5", "15.02", ["12.5", "13.5", "14.5", "15.5", "16.5"]),
           Ind("Persentase Rekomendasi BPK yang Belum Ditindaklanjuti", "%", "lower", "15", "12", ["25", "20", "15", "10", "5"]),
           Ind("Persentase Tunggakan Pajak Bumi dan Bangunan", "%", "lower", "18", "19.8", ["26", "22", "18", "14", "10"]),
           Ind("Rata-rata Keterlambatan Penyampaian Laporan Keuangan", "hari", "lower", "10", "8", ["20", "15", "10", "5", "0"], statement=True),
           Ind("Persentase Aset Tetap yang Bersertifikat", "%", "higher", "65", "66.4", ["55", "60", "65", "70", "75"])],
          [("Program Pengelolaan Keuangan Daerah", "6215000000", "5984320000"),
           ("Program Pengelolaan Barang Milik Daerah", "1870000000", "1792200000"),
           ("Program Penunjang Urusan Pemerintahan Daerah", "9416380000", "9105040550")],
          [("Strata 2 (S2)", 12), ("Strata 1 (S1)", 46), ("Diploma 3 (D3)", 8), ("SMA/SMK", 11)],
          ("312", "348", "bidang tanah milik daerah telah bersertifikat", "bidang"))
    # 5. inspectorate: follow-up rates
    write("inspektorat-2022", "Inspektorat Kabupaten Sukamaju", 2022,
          "Inspektorat melaksanakan pengawasan intern atas penyelenggaraan urusan pemerintahan daerah.",
          "2t-r", "2t-r-sym", "tinggi",
          [Ind("Persentase Rekomendasi Hasil Pengawasan yang Ditindaklanjuti", "%", "higher", "85", "88.4", ["75", "80", "85", "90", "95"]),
           Ind("Jumlah Temuan Berulang pada Perangkat Daerah", "temuan", "lower", "12", "9", ["20", "16", "12", "8", "4"]),
           Ind("Rata-rata Waktu Penyelesaian Pemeriksaan Khusus", "hari", "lower", "30", "27", ["40", "35", "30", "25", "20"]),
           Ind("Nilai Maturitas SPIP", "level", "higher", "3", "3.12", ["2.5", "2.75", "3", "3.25", "3.5"]),
           Ind("Persentase Perangkat Daerah dengan Nilai SAKIP Minimal B", "%", "higher", "70", "62", ["50", "60", "70", "80", "90"])],
          [("Program Penyelenggaraan Pengawasan", "3850000000", "3712680000"),
           ("Program Perumusan Kebijakan, Pendampingan dan Asistensi", "540000000", "512975000")],
          [("Strata 2 (S2)", 14), ("Strata 1 (S1)", 29), ("Diploma 3 (D3)", 3), ("SMA/SMK", 4)],
          ("221", "250", "rekomendasi telah ditindaklanjuti", "rekomendasi"))
    # 6. social affairs
    write("dinsos-2021", "Dinas Sosial Kabupaten Sukamaju", 2021,
          "Dinas Sosial menyelenggarakan urusan sosial: rehabilitasi sosial, perlindungan dan jaminan sosial, serta penanganan fakir miskin.",
          "2t-r", "2t-r", "baik",
          [Ind("Persentase PMKS yang Tertangani", "%", "higher", "50", "52.62", ["30", "40", "50", "60", "70"]),
           Ind("Persentase Penduduk Miskin", "%", "lower", "5.9", "5.72", ["6.5", "6.2", "5.9", "5.6", "5.3"]),
           Ind("Jumlah Anak Jalanan", "anak", "lower", "40", "46", ["60", "50", "40", "30", "20"]),
           Ind("Jumlah Keluarga Penerima Manfaat yang Mendapat Bantuan Pangan", "KPM", "higher", "4200", "4179", ["3800", "4000", "4200", "4400", "4600"]),
           Ind("Persentase Panti Sosial yang Terakreditasi", "%", "higher", "60", "60", ["40", "50", "60", "70", "80"])],
          [("Program Rehabilitasi Sosial", "2322775000", "2174038600"),
           ("Program Perlindungan dan Jaminan Sosial", "1716000000", "1650390000"),
           ("Program Penanganan Bencana", "911685000", "582871250")],
          [("Strata 2 (S2)", 3), ("Strata 1 (S1)", 19), ("Diploma 3 (D3)", 4), ("SMA/SMK", 2)],
          ("14896", "28306", "PMKS telah mendapat bantuan sosial", "orang"))
    # 7. housing
    write("perkim-2022", "Dinas Perumahan dan Kawasan Permukiman Kabupaten Sukamaju", 2022,
          "Dinas Perumahan dan Kawasan Permukiman menyelenggarakan urusan perumahan rakyat dan kawasan permukiman.",
          "100-r", "100-r", "memuaskan",
          [Ind("Persentase Rumah Tidak Layak Huni", "%", "lower", "8", "7.4", ["12", "10", "8", "6", "4"]),
           Ind("Persentase Rumah Tangga Tanpa Akses Air Minum Layak", "%", "lower", "14", "14.9", ["20", "17", "14", "11", "8"]),
           Ind("Persentase Luas Permukiman Kumuh", "%", "lower", "3", "2.8", ["5", "4", "3", "2", "1"]),
           Ind("Persentase Perumahan yang Dilengkapi PSU", "%", "higher", "70", "71.25", ["60", "65", "70", "75", "80"])],
          [("Program Pengembangan Perumahan", "7350000000", "7014215000"),
           ("Program Kawasan Permukiman", "4120000000", "3802745000")],
          [("Strata 2 (S2)", 5), ("Strata 1 (S1)", 22), ("Diploma 3 (D3)", 6), ("SMA/SMK", 8)],
          ("1240", "1500", "rumah tidak layak huni telah diperbaiki", "unit"))
    # 8. environment (corpus 17: IKU 97,72 / 98,07 Kulon Progo 2016)
    write("dlh-2016", "Kantor Lingkungan Hidup Kabupaten Sukamaju", 2016,
          "Kantor Lingkungan Hidup menyelenggarakan urusan lingkungan hidup: pengendalian pencemaran, pengelolaan sampah dan konservasi.",
          "t/r", "t/r", "baik",
          [Ind("Indeks Kualitas Udara", "indeks", "higher", "97.72", "98.07", ["97.5", "97.6", "97.72", "97.8", "97.9"]),
           Ind("Persentase Sampah yang Tidak Terangkut ke TPA", "%", "lower", "35", "31.5", ["45", "40", "35", "30", "25"], statement=True),
           Ind("Jumlah Pengaduan Pencemaran Lingkungan", "pengaduan", "lower", "24", "21", ["32", "28", "24", "20", "16"]),
           Ind("Persentase Ruang Terbuka Hijau Publik", "%", "higher", "12", "11.4", ["10", "11", "12", "13", "14"])],
          [("Program Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup", "1450000000", "1398600000"),
           ("Program Pengelolaan Persampahan", "3260000000", "3142150000")],
          [("Strata 2 (S2)", 2), ("Strata 1 (S1)", 11), ("Diploma 3 (D3)", 4), ("SMA/SMK", 7)],
          ("186", "214", "ton sampah per hari terangkut", "ton"))
    # 9. labour and economy (corpus 29: TPT, Gini)
    write("bappeda-2022", "Badan Perencanaan Pembangunan Daerah Kabupaten Sukamaju", 2022,
          "Badan Perencanaan Pembangunan Daerah mengoordinasikan perencanaan dan pengendalian pembangunan daerah.",
          "2t-r", "2t-r-sym", "tinggi",
          [Ind("Tingkat Pengangguran Terbuka", "%", "lower", "6.2", "6.28", ["7", "6.6", "6.2", "5.8", "5.4"]),
           Ind("Indeks Gini", "indeks", "lower", "0.305", "0.301", ["0.325", "0.315", "0.305", "0.295", "0.285"]),
           Ind("Laju Pertumbuhan Ekonomi", "%", "higher", "4.5", "4.36", ["4.1", "4.3", "4.5", "4.7", "4.9"]),
           Ind("Tingkat Inflasi", "%", "lower", "3.5", "3.2", ["4", "3.75", "3.5", "3.25", "3"]),
           Ind("Indeks Pembangunan Manusia", "indeks", "higher", "72.4", "72.65", ["71.2", "71.8", "72.4", "73", "73.6"])],
          [("Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "4215000000", "4060312500"),
           ("Program Koordinasi dan Sinkronisasi Perencanaan Pembangunan Daerah", "1380000000", "1311690000")],
          [("Strata 2 (S2)", 11), ("Strata 1 (S1)", 24), ("Diploma 3 (D3)", 2), ("SMA/SMK", 6)],
          ("23450", "373420", "orang angkatan kerja belum bekerja", "orang"))
    # 10. transport and road safety (corpus 11: Road Safety Index 67 / 41, 61%)
    write("dishub-2020", "Dinas Perhubungan Kabupaten Sukamaju", 2020,
          "Dinas Perhubungan menyelenggarakan urusan perhubungan: lalu lintas dan angkutan jalan serta keselamatan transportasi.",
          "t/r", "t/r", "memuaskan",
          [Ind("Jumlah Kecelakaan Lalu Lintas", "kejadian", "lower", "64", "41", ["80", "72", "64", "56", "48"]),
           Ind("Fatalitas Korban Kecelakaan per 10.000 Kendaraan", "per 10.000", "lower", "1.8", "1.75", ["2.2", "2", "1.8", "1.6", "1.4"]),
           Ind("Persentase Kendaraan Wajib Uji yang Lulus Uji", "%", "higher", "90", "91.3", ["86", "88", "90", "92", "94"]),
           Ind("Road Safety Index", "indeks", "higher", "67", "41", ["55", "61", "67", "73", "79"])],
          [("Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan", "5830000000", "5611875000"),
           ("Program Pengelolaan Pelayaran", "760000000", "701480000")],
          [("Strata 2 (S2)", 4), ("Strata 1 (S1)", 18), ("Diploma 3 (D3)", 12), ("SMA/SMK", 33)],
          ("3120", "3418", "kendaraan wajib uji telah lulus uji", "kendaraan"))
    # 11. hospital BLUD (corpus 33: Indeks Reformasi Birokrasi 20,75 / 29,30 = 141,20%)
    write("rsud-2020", "Rumah Sakit Umum Daerah Kabupaten Sukamaju", 2020,
          "Rumah Sakit Umum Daerah menyelenggarakan pelayanan kesehatan perorangan rujukan sebagai Badan Layanan Umum Daerah.",
          "2t-r", "2t-r", "baik",
          [Ind("Indeks Reformasi Birokrasi", "indeks", "higher", "20.75", "29.30", ["16.75", "18.75", "20.75", "22.75", "24.75"]),
           Ind("Gross Death Rate", "per mil", "lower", "45", "41", ["55", "50", "45", "40", "35"]),
           Ind("Angka Kejadian Infeksi Nosokomial", "%", "lower", "1.5", "1.2", ["2.5", "2", "1.5", "1", "0.5"]),
           Ind("Persentase Pasien yang Puas dengan Pelayanan", "%", "higher", "85", "87.2", ["80", "82.5", "85", "87.5", "90"])],
          [("Program Peningkatan Mutu Pelayanan BLUD", "105000000000", "125226499854"),
           ("Program Pengadaan Alat Kesehatan Rumah Sakit", "8400000000", "8127300000")],
          [("Strata 2 (S2)", 21), ("Strata 1 (S1)", 96), ("Diploma 3 (D3)", 214), ("SMA/SMK", 37)],
          ("16072", "16150", "pasien rawat inap keluar hidup", "orang"))


if __name__ == "__main__":
    main()
