/*
 * test_csv_load.c — spreadsheet exports (src/csv_load.c) and, through
 * them, the row rules of src/table_build.c: delimiter detection, BOM,
 * CRLF, quoted fields across lines, titles and metadata above the header,
 * header aliases, the column-number row, two-row headers, group, total and
 * wrapped rows, merged cells, and every load error with its line.
 *
 * Inputs are written to mkstemp files under /tmp and removed; the bundled
 * fixtures are read from fixtures/ (tests run from the repository root).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/csv_load.h"
#include "input/table_build.h"
#include "model/report.h"

#define FIXTURES "fixtures/bangka-selatan-2019/csv/"

typedef struct {
    report *r;
    int rc;
    load_error err;
    char path[64];
} loaded;

/* Writes text to a temporary file and loads it with csv_load. */
static loaded load_text_style(const char *text, size_t len, enum style_choice style)
{
    loaded l = { .r = report_new(style) };
    snprintf(l.path, sizeof l.path, "/tmp/lakip-csv-XXXXXX");
    int fd = mkstemp(l.path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    l.rc = csv_load(l.r, l.path, &l.err);
    unlink(l.path);
    return l;
}

static loaded load_text(const char *text)
{
    return load_text_style(text, strlen(text), STYLE_AUTO);
}

static const table *only_table(const loaded *l)
{
    if (l->rc != 0) fail_msg("load failed: %s:%d: %s", l->err.file, l->err.line, l->err.message);
    assert_int_equal(report_table_count(l->r), 1);
    return report_table(l->r, 0);
}

static void assert_value(const cell *c, const char *canonical)
{
    decimal want;
    assert_int_equal(c->num.kind, NUMBER_VALUE);
    assert_int_equal(decimal_parse(canonical, &want), DECIMAL_OK);
    assert_int_equal(decimal_cmp(c->num.value, want), 0);
    assert_int_equal(c->num.value.scale, want.scale);
}

static const char *text_at(const table *t, size_t row, enum col_role role)
{
    int c = table_find_role(t, role);
    assert_true(c >= 0);
    return table_cell(t, row, (size_t)c)->text;
}

static const cell *cell_at(const table *t, size_t row, enum col_role role)
{
    int c = table_find_role(t, role);
    assert_true(c >= 0);
    return table_cell(t, row, (size_t)c);
}

/* ---- delimiter, BOM, CRLF, quoting ---- */

static void test_detect_delimiter(void **state)
{
    (void)state;
    const char *semi = "No;Indikator;Target\n1;A;2,99\n2;B;3,1\n";
    assert_int_equal(csv_detect_delimiter(semi, strlen(semi)), ';');
    const char *comma = "No,Indikator,Target\n1,A,3\n2,B,4\n";
    assert_int_equal(csv_detect_delimiter(comma, strlen(comma)), ',');
    const char *tab = "No\tIndikator\tTarget\n1\tA\t2,99\n2\tB,C\t3\n";
    assert_int_equal(csv_detect_delimiter(tab, strlen(tab)), '\t');
    /* delimiters inside quotes do not count */
    const char *quoted = "\"a;b\",c,d\n\"e;f;g\",h,i\n";
    assert_int_equal(csv_detect_delimiter(quoted, strlen(quoted)), ',');
    /* title rows padded by the spreadsheet keep the count consistent */
    const char *titled = "REALISASI;;;\nNo;Indikator;Target;Realisasi\n1;A, B;2,5;3\n";
    assert_int_equal(csv_detect_delimiter(titled, strlen(titled)), ';');
}

static void test_comma_and_tab_files(void **state)
{
    (void)state;
    loaded l = load_text("No,Indikator Kinerja,Target,Realisasi,Capaian\n1,Persentase Desa Maju,12,10,\"83,33%\"\n");
    const table *t = only_table(&l);
    assert_int_equal(table_column_count(t), 5);
    assert_string_equal(text_at(t, 0, COL_CAPAIAN), "83,33%");
    assert_value(cell_at(t, 0, COL_CAPAIAN), "83.33");
    report_free(l.r);

    l = load_text("No\tIndikator Kinerja\tTarget\tRealisasi\n1\tPersentase Desa Maju, 2019\t12\t10,5\n");
    t = only_table(&l);
    assert_int_equal(table_column_count(t), 4);
    assert_string_equal(text_at(t, 0, COL_INDIKATOR), "Persentase Desa Maju, 2019");
    assert_value(cell_at(t, 0, COL_REALISASI), "10.5");
    report_free(l.r);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    loaded l = load_text("\xEF\xBB\xBFNo;Indikator;Target;Realisasi\r\n1;A;5;4\r\n\r\n2;B;6;6\r\n");
    const table *t = only_table(&l);
    assert_int_equal(table_column_role(t, 0), COL_NO);
    assert_string_equal(table_column_header(t, 0), "No");
    assert_int_equal(table_header_line(t), 1);
    assert_int_equal(table_row_count(t), 2);
    assert_int_equal(table_row_line(t, 0), 2);
    assert_int_equal(table_row_line(t, 1), 4);      /* the blank line counts */
    assert_string_equal(text_at(t, 0, COL_REALISASI), "4");
    report_free(l.r);
}

static void test_quoted_fields(void **state)
{
    (void)state;
    loaded l = load_text(
        "No;Indikator Kinerja;Target;Realisasi;Capaian\n"        /* 1 */
        "1;\"Persentase Desa Swasembada;\";50;0;0%\n"            /* 2 */
        "2;\"Jumlah Anak Yatim,\nPiatu yang mendapat \"\"bantuan\"\"\";200;250;125%\n"   /* 3-4 */
        "3;Persentase PKK Aktif;100;100;100%\n"                  /* 5 */
        "4;\"Persentase\n\nBUMDES Aktif\";80;94;117,50%\n"       /* 6-8 */
        "5;Indeks Kepuasan Masyarakat;85;99,64;117,22%");       /* 9, no final newline */
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 5);
    assert_string_equal(text_at(t, 0, COL_INDIKATOR), "Persentase Desa Swasembada;");
    assert_int_equal(table_row_line(t, 1), 3);
    assert_string_equal(text_at(t, 1, COL_INDIKATOR), "Jumlah Anak Yatim, Piatu yang mendapat \"bantuan\"");
    assert_int_equal(table_row_line(t, 2), 5);
    assert_int_equal(table_row_line(t, 3), 6);
    assert_string_equal(text_at(t, 3, COL_INDIKATOR), "Persentase BUMDES Aktif");
    assert_int_equal(table_row_line(t, 4), 9);
    assert_value(cell_at(t, 4, COL_REALISASI), "99.64");
    report_free(l.r);
}

/* ---- above the header ---- */

static void test_titles_and_meta(void **state)
{
    (void)state;
    loaded l = load_text(
        ";;;;\n"                                                  /* 1: blank record */
        "REALISASI PERJANJIAN KINERJA (PK);;;;\n"                 /* 2 */
        "Provinsi/Kabupaten/Kota;Kabupaten Bangka Selatan;;;\n"   /* 3 */
        "Tahun Anggaran:;;2018;;\n"                               /* 4 */
        "Dinas Sosial;Bidang;Seksi;;\n"                           /* 5: three cells: a title */
        "Sasaran Strategis;Indikator Kinerja;Target;Realisasi;%\n" /* 6 */
        "Meningkatnya X;1. Persentase Penduduk Miskin;2,99;3,70;89,87%\n");
    const table *t = only_table(&l);
    assert_int_equal(table_first_line(t), 2);
    assert_int_equal(table_header_line(t), 6);
    assert_string_equal(table_caption(t), "REALISASI PERJANJIAN KINERJA (PK)");
    assert_int_equal(table_caption_line(t), 2);
    assert_int_equal(table_title_count(t), 2);
    int line;
    assert_string_equal(table_title(t, 0, &line), "REALISASI PERJANJIAN KINERJA (PK)");
    assert_int_equal(line, 2);
    assert_string_equal(table_title(t, 1, &line), "Dinas Sosial Bidang Seksi");
    assert_int_equal(line, 5);
    assert_int_equal(table_meta_count(t), 2);
    assert_string_equal(table_meta_key(t, 0), "Provinsi/Kabupaten/Kota");
    assert_string_equal(table_meta_value(t, 0, &line), "Kabupaten Bangka Selatan");
    assert_int_equal(line, 3);
    assert_string_equal(table_meta_key(t, 1), "Tahun Anggaran");   /* trailing ':' dropped */
    assert_string_equal(table_meta_value(t, 1, &line), "2018");
    assert_int_equal(line, 4);
    /* out of range stays safe */
    assert_string_equal(table_title(t, 9, &line), "");
    assert_int_equal(line, 0);
    assert_string_equal(table_meta_key(t, 9), "");
    report_free(l.r);
}

static void test_caption_is_file_name_without_title(void **state)
{
    (void)state;
    loaded l = load_text("No;Indikator;Target\n1;A;5\n");
    const table *t = only_table(&l);
    assert_string_equal(table_caption(t), strrchr(l.path, '/') + 1);
    assert_int_equal(table_caption_line(t), 0);
    assert_int_equal(table_title_count(t), 0);
    report_free(l.r);
}

static void test_header_aliases(void **state)
{
    (void)state;
    loaded l = load_text("Nomor;Sasaran Strategis;Indikator Kinerja Utama;Satuan;Rencana;Realization;Capaian (%);Polaritas;Predikat;Ket.\n"
                         "1;S;I;orang;5;4;80;positif;baik;-\n");
    const table *t = only_table(&l);
    const enum col_role want[] = { COL_NO, COL_SASARAN, COL_INDIKATOR, COL_SATUAN, COL_TARGET, COL_REALISASI,
                                   COL_CAPAIAN, COL_ARAH, COL_KATEGORI, COL_KETERANGAN };
    assert_int_equal(table_column_count(t), 10);
    for (size_t c = 0; c < 10; c++) assert_int_equal(table_column_role(t, c), want[c]);
    assert_int_equal(table_find_role(t, COL_PAGU), -1);
    assert_int_equal(table_column_role(t, 99), COL_NONE);
    assert_string_equal(table_column_header(t, 99), "");
    report_free(l.r);
}

static void test_colnum_row(void **state)
{
    (void)state;
    loaded l = load_text("No;Indikator Kinerja;Target 2019;Realisasi 2019;% tingkat capaian\n"
                         "(1);(2);(4);(5);(6)\n"
                         "1;A;90%;100%;111%\n");
    const table *t = only_table(&l);
    assert_true(table_has_colnum_row(t));
    assert_int_equal(table_colnum_line(t), 2);
    assert_string_equal(table_colnum_text(t, 2), "(4)");
    assert_int_equal(table_row_count(t), 1);
    assert_int_equal(table_row_line(t, 0), 3);
    assert_int_equal(table_column_year(t, 2), 2019);
    assert_int_equal(table_column_year(t, 3), 2019);
    report_free(l.r);

    l = load_text("No;Indikator;Target;Realisasi\n;2;3;4\n1;A;5;5\n");
    t = only_table(&l);
    assert_true(table_has_colnum_row(t));
    assert_string_equal(table_colnum_text(t, 0), "");
    assert_string_equal(table_colnum_text(t, 1), "2");
    assert_int_equal(table_row_count(t), 1);
    report_free(l.r);

    l = load_text("No;Indikator;Target;Realisasi\n1;A;5;5\n");
    t = only_table(&l);
    assert_false(table_has_colnum_row(t));
    assert_int_equal(table_colnum_line(t), 0);
    assert_string_equal(table_colnum_text(t, 0), "");
    report_free(l.r);
}

static void test_two_row_header(void **state)
{
    (void)state;
    loaded l = load_text(
        "NO;INDIKATOR;Kondisi Kinerja pada awal periode RPJMD;Target Capaian Setiap Tahun;;;;;Kondisi Kinerja pada akhir periode RJMD\n"
        ";;;2017;2018;2019;2020;2021;\n"
        ";2;3;4;5;6;7;8;9\n"
        "1.;Persentase Penduduk Miskin;;3,48;3,23;2,99;2,74;2,49;\n");
    const table *t = only_table(&l);
    assert_int_equal(table_header_line(t), 1);
    assert_int_equal(table_column_role(t, 2), COL_KONDISI_AWAL);
    for (int y = 2017; y <= 2021; y++) {
        size_t c = (size_t)(3 + y - 2017);
        assert_int_equal(table_column_role(t, c), COL_TAHUN);
        assert_int_equal(table_column_year(t, c), y);
    }
    assert_string_equal(table_column_header(t, 3), "Target Capaian Setiap Tahun 2017");
    assert_string_equal(table_column_header(t, 7), "Target Capaian Setiap Tahun 2021");
    assert_int_equal(table_column_role(t, 8), COL_KONDISI_AKHIR);
    assert_true(table_has_colnum_row(t));
    assert_int_equal(table_colnum_line(t), 3);
    assert_int_equal(table_row_count(t), 1);
    assert_value(table_cell(t, 0, 5), "2.99");
    report_free(l.r);

    /* sub-headers under a spanning year */
    l = load_text("No;Indikator;Tahun 2019;;\n;;Target;Realisasi;%\n1;A;5;4;80%\n");
    t = only_table(&l);
    assert_int_equal(table_column_role(t, 2), COL_TARGET);
    assert_int_equal(table_column_year(t, 2), 2019);
    assert_int_equal(table_column_role(t, 3), COL_REALISASI);
    assert_int_equal(table_column_year(t, 3), 2019);
    assert_int_equal(table_column_role(t, 4), COL_CAPAIAN);
    assert_string_equal(table_column_header(t, 3), "Tahun 2019 Realisasi");
    assert_int_equal(table_row_count(t), 1);
    report_free(l.r);
}

/* ---- row kinds ---- */

static void test_group_rows_and_merged_cells(void **state)
{
    (void)state;
    loaded l = load_text(
        "Sasaran Strategis;Indikator Kinerja;Target;Realisasi;%\n"                        /* 1 */
        "Meningkatnya Pelayanan dan Rehabilitasi Sosial;URUSAN SOSIAL;;;\n"                /* 2 */
        ";1. Persentase Penduduk Miskin;2,99;3,70;89,87%\n"                               /* 3 */
        ";2. Persentase PMKS yang Tertangani;50;;101,24%\n"                               /* 4 */
        "Meningkatnya Kemandirian PMKS;1. Jumlah Panti/LKSA yang Terbina;7;5;71,43%\n"    /* 5 */
        ";2. Jumlah LKSA;-;-;-\n");                                                      /* 6 */
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 5);
    assert_int_equal(table_row_kind(t, 0), ROW_GROUP);
    assert_null(table_row_group(t, 0));
    assert_int_equal(table_row_kind(t, 1), ROW_DATA);
    assert_string_equal(table_row_group(t, 1), "URUSAN SOSIAL");
    /* merged sasaran: filled from the group row */
    const cell *s = cell_at(t, 1, COL_SASARAN);
    assert_string_equal(s->text, "Meningkatnya Pelayanan dan Rehabilitasi Sosial");
    assert_true(s->filled);
    assert_false(cell_at(t, 0, COL_SASARAN)->filled);
    /* numeric blanks are never filled */
    assert_string_equal(text_at(t, 2, COL_REALISASI), "");
    assert_false(cell_at(t, 2, COL_REALISASI)->filled);
    assert_int_equal(cell_at(t, 2, COL_REALISASI)->num.kind, NUMBER_EMPTY);
    /* a new sasaran, then filled again */
    assert_false(cell_at(t, 3, COL_SASARAN)->filled);
    assert_string_equal(text_at(t, 4, COL_SASARAN), "Meningkatnya Kemandirian PMKS");
    assert_true(cell_at(t, 4, COL_SASARAN)->filled);
    /* "-" placeholders make a data row, not a group */
    assert_int_equal(table_row_kind(t, 4), ROW_DATA);
    assert_int_equal(cell_at(t, 4, COL_TARGET)->num.kind, NUMBER_MISSING);
    assert_string_equal(table_row_group(t, 4), "URUSAN SOSIAL");
    report_free(l.r);
}

static void test_budget_rows(void **state)
{
    (void)state;
    loaded l = load_text(
        "No;Indikator Sasaran Renstra;Program dan Kegiatan Renstra;Rencana Anggaran;Realisasi Anggaran;% Capaian Anggaran\n"
        "1;2;3;4;5;6\n"
        "6.;Meningkatnya kemampuan;Program Peningkatan Keberdayaan;911.685.000,-;582.871.250,-;66,93%\n"
        ";;Kegiatan Pembinaan LPM;100.000.000,-;90.000.000,-;90%\n"
        "7.;Meningkatnya kepuasan masyarakat atas pelayanan OPD;;;;\n"
        "8.;Meningkatnya Akuntabilitas Kinerja;Program Pelayanan Administrasi Perkantoran;2.315.100.000,-;2.256.477.697,-;97,47%\n"
        "Jumlah;;;6.363.805.000,-;5.364.081.075,-;84,29%\n"
        "Total Keseluruhan;;;1;1;100%\n");
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 6);
    assert_int_equal(table_column_role(t, 1), COL_SASARAN);
    assert_int_equal(table_column_role(t, 3), COL_PAGU);
    /* an activity under the program: sasaran filled, program its own */
    assert_true(cell_at(t, 1, COL_SASARAN)->filled);
    assert_false(cell_at(t, 1, COL_PROGRAM)->filled);
    /* a numbered row with its own sasaran and no values: data, program not filled */
    assert_int_equal(table_row_kind(t, 2), ROW_DATA);
    assert_string_equal(text_at(t, 2, COL_PROGRAM), "");
    assert_false(cell_at(t, 2, COL_PROGRAM)->filled);
    assert_int_equal(table_row_kind(t, 4), ROW_TOTAL);
    assert_value(cell_at(t, 4, COL_PAGU), "6363805000");
    assert_int_equal(table_row_kind(t, 5), ROW_TOTAL);
    assert_string_equal(row_kind_name(ROW_TOTAL), "total");
    report_free(l.r);
}

static void test_numbered_section_is_group(void **state)
{
    (void)state;
    loaded l = load_text("No;Sasaran Strategis;Indikator Kinerja;Target\n"
                         "2.;Program Peningkatan Kualitas Hidup dan Perlindungan Anak;;\n"
                         ";Meningkatnya Kualitas Hidup;Terlaksananya Forum Anak;100 anak\n"
                         ";;Jumlah PMKS yang mendapat bantuan;8 kecamatan\n");
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 3);
    assert_int_equal(table_row_kind(t, 0), ROW_GROUP);
    assert_string_equal(table_row_group(t, 1), "Program Peningkatan Kualitas Hidup dan Perlindungan Anak");
    assert_int_equal(table_row_kind(t, 2), ROW_DATA);   /* "Jumlah ..." is an indicator, not a total */
    assert_string_equal(text_at(t, 2, COL_SASARAN), "Meningkatnya Kualitas Hidup");
    assert_true(cell_at(t, 2, COL_SASARAN)->filled);
    report_free(l.r);
}

static void test_wrapped_line(void **state)
{
    (void)state;
    loaded l = load_text(
        "No;Indikator Kinerja;Target 2019;Realisasi 2019;% tingkat capaian\n"       /* 1 */
        "22;Jumlah Anak Yatim, Piatu, Yatim;200 orang;250 orang;125%\n"             /* 2 */
        ";Piatu yang mendapat bantuan;;;\n"                                        /* 3: wrapped */
        "23;Jumlah Pendamping ABH;3 orang;2 orang;66%\n"                            /* 4 */
        ";URUSAN SOSIAL;;;\n"                                                      /* 5: a section, not a wrap */
        ";1. Persentase Penduduk Miskin;;;\n"                                      /* 6: an item, not a wrap */
        ";Meningkatnya Kualitas;;;\n");                                            /* 7: after an item with no values */
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 5);
    assert_string_equal(text_at(t, 0, COL_INDIKATOR), "Jumlah Anak Yatim, Piatu, Yatim Piatu yang mendapat bantuan");
    assert_int_equal(table_row_line(t, 0), 2);
    assert_int_equal(cell_at(t, 0, COL_INDIKATOR)->num.kind, NUMBER_TEXT);
    assert_int_equal(table_row_line(t, 1), 4);
    assert_int_equal(table_row_kind(t, 2), ROW_GROUP);
    assert_string_equal(text_at(t, 2, COL_INDIKATOR), "URUSAN SOSIAL");
    assert_int_equal(table_row_line(t, 3), 6);
    /* row 6 is a group (text only, no number); a line under a group is no wrap */
    assert_int_equal(table_row_line(t, 4), 7);
    report_free(l.r);
}

static void test_repeated_header_skipped(void **state)
{
    (void)state;
    loaded l = load_text("No;Indikator;Target;Realisasi\n(1);(2);(3);(4)\n1;A;5;5\n"
                         "No;Indikator;Target;Realisasi\n(1);(2);(3);(4)\n2;B;6;6\n");
    const table *t = only_table(&l);
    assert_int_equal(table_row_count(t), 2);
    assert_int_equal(table_row_line(t, 1), 6);
    assert_int_equal(table_colnum_line(t), 2);
    report_free(l.r);
}

static void test_number_style(void **state)
{
    (void)state;
    const char *en = "No;Indikator;Target;Realisasi\n1;A;93.6;1,004,422,800\n2;B;99.66;12\n";
    loaded l = load_text(en);
    const table *t = only_table(&l);
    assert_int_equal(table_number_style(t), NUMBER_STYLE_EN);
    assert_value(cell_at(t, 0, COL_TARGET), "93.6");
    report_free(l.r);

    l = load_text_style(en, strlen(en), STYLE_FORCE_ID);
    t = only_table(&l);
    assert_int_equal(table_number_style(t), NUMBER_STYLE_ID);
    assert_int_equal(cell_at(t, 0, COL_TARGET)->num.kind, NUMBER_INVALID);
    report_free(l.r);

    /* no evidence either way: Indonesian */
    l = load_text("No;Indikator;Target\n1.;A;4.179\n");
    t = only_table(&l);
    assert_int_equal(table_number_style(t), NUMBER_STYLE_ID);
    assert_value(cell_at(t, 0, COL_TARGET), "4179");
    report_free(l.r);
}

/* Two-row headers with Kinerja / Keuangan groups, a budget table whose
 * realisasi has no target beside it, month columns under "Realisasi Bulan". */
static void test_real_header_groups(void **state)
{
    (void)state;
    loaded l = load_text("No;Program;Kinerja;;;Keuangan;;\n"
                         ";;Target;Realisasi;Capaian (%);Anggaran (Rp);Realisasi (Rp);Capaian (%)\n"
                         "1;Program A;10;9;90,00;1.000.000;900.000;90,00\n");
    const table *t = only_table(&l);
    assert_int_equal(table_column_role(t, 2), COL_TARGET);
    assert_int_equal(table_column_role(t, 3), COL_REALISASI);
    assert_int_equal(table_column_role(t, 4), COL_CAPAIAN);
    assert_int_equal(table_column_role(t, 5), COL_PAGU);
    assert_int_equal(table_column_role(t, 6), COL_REALISASI_ANGGARAN);
    assert_int_equal(table_column_role(t, 7), COL_CAPAIAN_ANGGARAN);
    assert_string_equal(table_column_unit(t, 5), "rp");
    report_free(l.r);

    l = load_text("NO;PROGRAM;PAGU ANGGARAN (Rp.);REALISASI (Rp.);%;Sisa (Rp.)\n"
                  "1.;Program A;925.896.500,00;826.994.935,00;89,32;98.901.565,00\n");
    t = only_table(&l);
    assert_int_equal(table_column_role(t, 3), COL_REALISASI_ANGGARAN);
    assert_int_equal(table_column_role(t, 4), COL_CAPAIAN_ANGGARAN);
    report_free(l.r);

    l = load_text("No;Indikator;Target;Realisasi Bulan;;;Jumlah\n;;;1;2;3;\n1;A;30;10;10;10;30\n");
    t = only_table(&l);
    assert_int_equal(table_column_role(t, 3), COL_PERIODE);
    assert_int_equal(table_column_period(t, 3), 1);
    assert_int_equal(table_column_period(t, 5), 3);
    assert_int_equal(table_column_role(t, 6), COL_JUMLAH);
    assert_int_equal(table_row_count(t), 1);
    report_free(l.r);
}

/* ---- errors ---- */

static void expect_error(const char *text, size_t len, int line, const char *message)
{
    loaded l = load_text_style(text, len, STYLE_AUTO);
    assert_int_equal(l.rc, -1);
    assert_string_equal(l.err.file, l.path);
    assert_int_equal(l.err.line, line);
    assert_string_equal(l.err.message, message);
    assert_int_equal(report_table_count(l.r), 0);
    report_free(l.r);
}

static void test_ragged_rows(void **state)
{
    (void)state;
    const char *fewer = "No;Indikator;Target;Realisasi;Capaian\n1;A;5;5;100%\n2;B;6\n";
    expect_error(fewer, strlen(fewer), 3, "row has 3 fields but the header (line 1) has 5");
    const char *more = "Judul;;;;;;\nNo;Indikator;Target;Realisasi\n1;A;5;5;;catatan;\n";
    expect_error(more, strlen(more), 3, "row has 6 fields but the header (line 2) has 4");
    /* extra empty fields are harmless */
    loaded l = load_text("No;Indikator;Target;Realisasi\n1;A;5;5;;\n");
    assert_int_equal(l.rc, 0);
    report_free(l.r);
}

static void test_empty_files(void **state)
{
    (void)state;
    expect_error("", 0, 0, "file is empty");
    expect_error("\xEF\xBB\xBF", 3, 0, "file is empty");
    expect_error("\n\r\n  \n", 5, 0, "file is empty");
    expect_error(";;;\n;;\n", 7, 0, "file is empty");
}

/* A sheet without a recognisable header is kept, columns without roles,
 * so that the audit reports it (input.no-header) instead of refusing it. */
static void test_no_header(void **state)
{
    (void)state;
    loaded l = load_text("DAFTAR PEGAWAI;;\nNama;Golongan;Jumlah\nBudi;IV;3\nSari;III;19\n");
    const table *t = only_table(&l);
    assert_int_equal(table_header_line(t), 0);
    assert_int_equal(table_column_count(t), 3);
    for (size_t c = 0; c < 3; c++) assert_int_equal(table_column_role(t, c), COL_NONE);
    assert_true(coverage_table_looks_numeric(t));
    report_free(l.r);
    /* a header below row 30 is not looked for */
    char big[4096] = "";
    for (int i = 0; i < 31; i++) strcat(big, "judul;;\n");
    strcat(big, "No;Indikator;Target\n1;A;5\n");
    l = load_text(big);
    t = only_table(&l);
    assert_int_equal(table_header_line(t), 0);
    assert_false(coverage_table_looks_numeric(t));      /* one row with a number is no data table */
    report_free(l.r);
}

/* Windows-1252 and UTF-16 are decoded and noted; what is not text is refused. */
static void test_encodings(void **state)
{
    (void)state;
    const char *cp1252 = "No;Indikator;Target\n1;Desa Swadaya \x96 Mandiri (m\xB2);5\n";
    loaded l = load_text(cp1252);
    const table *t = only_table(&l);
    assert_string_equal(table_cell(t, 0, 1)->text, "Desa Swadaya \xE2\x80\x93 Mandiri (m\xC2\xB2)");
    const char *enc;
    bool assumed;
    assert_non_null(coverage_file(report_coverage(l.r), 0, &enc, &assumed));
    assert_string_equal(enc, "Windows-1252");
    assert_true(assumed);
    report_free(l.r);

    const char utf16[] = "\xFF\xFEN\0o\0;\0I\0n\0d\0i\0k\0a\0t\0o\0r\0;\0T\0a\0r\0g\0e\0t\0\n\0001\0;\0A\0;\0005\0\n\0";
    l = load_text_style(utf16, sizeof utf16 - 1, STYLE_AUTO);
    t = only_table(&l);
    assert_string_equal(table_cell(t, 0, 1)->text, "A");
    assert_value(table_cell(t, 0, 2), "5");
    coverage_file(report_coverage(l.r), 0, &enc, &assumed);
    assert_string_equal(enc, "UTF-16LE");
    assert_false(assumed);
    report_free(l.r);
}

static void test_invalid_text(void **state)
{
    (void)state;
    const char *undefined = "No;Indikator;Target\n1;A;5\n2;Desa \x81 Maju;6\n";
    expect_error(undefined, strlen(undefined), 3, "neither UTF-8 nor Windows-1252 text (save the file as UTF-8)");
    const char *marked = "\xEF\xBB\xBFNo;Indikator;Target\n1;\xC0\xAF;5\n";   /* says UTF-8, is not */
    expect_error(marked, strlen(marked), 2, "invalid UTF-8 (save the file as UTF-8)");
    const char odd16[] = "\xFF\xFEN\0o";
    expect_error(odd16, sizeof odd16 - 1, 0, "UTF-16 file with an odd number of bytes: the file is cut short");
    const char nul[] = "No;Indikator;Target\n1;A\0;5\n";
    expect_error(nul, sizeof nul - 1, 2, "NUL byte: not a text file");
    const char *open_quote = "No;Indikator;Target\n1;A;5\n2;\"B;6\n3;C;7\n";
    expect_error(open_quote, strlen(open_quote), 3, "quoted field not closed: a '\"' is missing");
}

static void test_unreadable(void **state)
{
    (void)state;
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(csv_load(r, "/nonexistent/x.csv", &err), -1);
    assert_int_equal(err.line, 0);
    assert_string_equal(err.message, "cannot read: No such file or directory");
    report_free(r);
}

/* ---- the bundled fixtures ---- */

static void test_fixture_pk_realisasi(void **state)
{
    (void)state;
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(csv_load(r, FIXTURES "pk-realisasi-2019.csv", &err), 0);
    const table *t = report_table(r, 0);
    int line;
    assert_string_equal(table_caption(t), "REALISASI PERJANJIAN KINERJA (PK)");
    assert_int_equal(table_meta_count(t), 2);
    assert_string_equal(table_meta_key(t, 1), "Tahun Anggaran");
    assert_string_equal(table_meta_value(t, 1, &line), "2018");
    assert_int_equal(line, 3);
    assert_int_equal(table_header_line(t), 4);
    assert_int_equal(table_colnum_line(t), 5);
    assert_int_equal(table_row_count(t), 24);
    assert_int_equal(table_row_kind(t, 0), ROW_GROUP);
    assert_int_equal(table_row_line(t, 2), 8);
    assert_string_equal(text_at(t, 2, COL_INDIKATOR), "2. Persentase PMKS yang Tertangani");
    assert_true(cell_at(t, 2, COL_SASARAN)->filled);
    assert_value(cell_at(t, 2, COL_TARGET), "50");
    assert_value(cell_at(t, 2, COL_REALISASI), "52.62");
    assert_value(cell_at(t, 2, COL_CAPAIAN), "101.24");
    assert_true(cell_at(t, 2, COL_CAPAIAN)->num.flags & NUMBER_PERCENT);
    assert_string_equal(text_at(t, 6, COL_INDIKATOR), "1. Persentase Desa Swasembada;");
    size_t groups = 0;
    for (size_t i = 0; i < table_row_count(t); i++) groups += table_row_kind(t, i) == ROW_GROUP;
    assert_int_equal(groups, 4);
    report_free(r);
}

static void test_fixture_capaian_and_budget(void **state)
{
    (void)state;
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(csv_load(r, FIXTURES "capaian-urusan-sosial-2019.csv", &err), 0);
    assert_int_equal(csv_load(r, FIXTURES "capaian-urusan-pppa-2019.csv", &err), 0);
    assert_int_equal(csv_load(r, FIXTURES "realisasi-anggaran-2019.csv", &err), 0);
    assert_int_equal(csv_load(r, FIXTURES "renstra-2016-2021.csv", &err), 0);
    const table *sosial = report_table(r, 0);
    assert_int_equal(table_row_count(sosial), 39);
    assert_string_equal(text_at(sosial, 21, COL_INDIKATOR), "Jumlah Anak Yatim, Piatu, Yatim Piatu yang mendapat bantuan");
    assert_string_equal(table_colnum_text(sosial, 2), "(4)");
    assert_value(cell_at(sosial, 8, COL_TARGET), "4179");
    assert_string_equal(cell_at(sosial, 8, COL_TARGET)->num.unit, "orang");
    const table *pppa = report_table(r, 1);
    assert_int_equal(table_row_count(pppa), 10);
    assert_string_equal(text_at(pppa, 9, COL_INDIKATOR), "Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan;");
    const table *budget = report_table(r, 2);
    assert_int_equal(table_row_count(budget), 8);
    assert_string_equal(text_at(budget, 1, COL_NO), "3.");
    assert_int_equal(table_row_kind(budget, 5), ROW_DATA);
    assert_int_equal(cell_at(budget, 5, COL_PAGU)->num.kind, NUMBER_EMPTY);
    assert_int_equal(table_row_kind(budget, 7), ROW_TOTAL);
    assert_value(cell_at(budget, 0, COL_PAGU), "2322775000");
    assert_true(cell_at(budget, 0, COL_PAGU)->num.flags & NUMBER_NO_CENTS);
    const table *renstra = report_table(r, 3);
    assert_int_equal(table_row_count(renstra), 21);
    assert_int_equal(table_column_year(renstra, 5), 2019);
    assert_value(table_cell(renstra, 8, 4), "0.006");
    report_free(r);
}

static void test_bad_number_is_not_a_load_error(void **state)
{
    (void)state;
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(csv_load(r, "tests/e2e/bad/bad-number.csv", &err), 0);
    const table *t = report_table(r, 0);
    assert_string_equal(text_at(t, 1, COL_REALISASI), "12,3,4");
    assert_int_equal(cell_at(t, 1, COL_REALISASI)->num.kind, NUMBER_INVALID);
    report_free(r);
}

/* A row's cells are cleaned by a one-pass check and copied into buffers
 * kept from row to row (table_build.c: load_cells, clean_length), the
 * rest by build_clean_text: every cell must read as build_clean_text
 * makes it, whatever its bytes (markup, blanks, no-break spaces). */
static void test_cells_cleaned_as_build_clean_text(void **state)
{
    (void)state;
    static const char *const pieces[] = { "a", "b", " ", "  ", "<b>", "</b>", "<br>", "**", "*", "\t",
                                          "\xC2\xA0", "\xC2\xB2", "1", ",", "<", "\r\n" };
    enum { ROWS = 3000 };
    record_list l = { 0 };
    char **head = calloc(4, sizeof *head);
    assert_non_null(head);
    head[0] = strdup("No"), head[1] = strdup("Indikator"), head[2] = strdup("Satuan"), head[3] = strdup("Target");
    record_list_push(&l, 1, head, 4);
    char *raw[ROWS][2];
    unsigned seed = 5;
    for (int i = 0; i < ROWS; i++) {
        char **f = calloc(4, sizeof *f);
        assert_non_null(f);
        char no[16];
        snprintf(no, sizeof no, "%d", i + 1);
        f[0] = strdup(no);
        for (int c = 1; c <= 2; c++) {
            char text[128] = "x";
            seed = seed * 1103515245u + 12345u;
            int n = (int)((seed >> 16) % 9);
            for (int k = 0; k < n; k++) {
                seed = seed * 1103515245u + 12345u;
                strcat(text, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
            }
            /* a blank first or last now and then */
            if ((seed >> 8) % 5 == 0) memmove(text, text + 1, strlen(text));
            f[c] = strdup(text);
            raw[i][c - 1] = f[c];
        }
        f[3] = strdup("10");
        record_list_push(&l, i + 2, f, 4);
    }
    build_options o = { .file = "clean.csv", .style = NUMBER_STYLE_ID };
    load_error err;
    table *t = table_build(&l, &o, &err);
    assert_non_null(t);
    size_t checked = 0;
    for (size_t r = 0; r < table_row_count(t); r++) {
        int i = table_row_line(t, r) - 2;
        assert_true(i >= 0 && i < ROWS);
        if (table_row_kind(t, r) != ROW_DATA) continue;
        for (int c = 1; c <= 2; c++) {
            char *want = build_clean_text(raw[i][c - 1]);
            if (strcmp(table_cell(t, r, (size_t)c)->text, want) != 0)
                fail_msg("line %d col %d: \"%s\", want \"%s\"", i + 2, c, table_cell(t, r, (size_t)c)->text, want);
            free(want);
        }
        checked++;
    }
    assert_true(checked > ROWS / 2);
    table_free(t);
    record_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_delimiter),
        cmocka_unit_test(test_comma_and_tab_files),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_titles_and_meta),
        cmocka_unit_test(test_caption_is_file_name_without_title),
        cmocka_unit_test(test_header_aliases),
        cmocka_unit_test(test_colnum_row),
        cmocka_unit_test(test_two_row_header),
        cmocka_unit_test(test_group_rows_and_merged_cells),
        cmocka_unit_test(test_budget_rows),
        cmocka_unit_test(test_numbered_section_is_group),
        cmocka_unit_test(test_wrapped_line),
        cmocka_unit_test(test_repeated_header_skipped),
        cmocka_unit_test(test_number_style),
        cmocka_unit_test(test_real_header_groups),
        cmocka_unit_test(test_ragged_rows),
        cmocka_unit_test(test_empty_files),
        cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_invalid_text),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_fixture_pk_realisasi),
        cmocka_unit_test(test_fixture_capaian_and_budget),
        cmocka_unit_test(test_bad_number_is_not_a_load_error),
        cmocka_unit_test(test_cells_cleaned_as_build_clean_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
