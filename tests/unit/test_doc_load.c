/*
 * test_doc_load.c — converted report documents (src/doc_load.c) on the
 * seed report and on small documents, and the loading entry point of
 * src/report.c that dispatches to it: folders, the metadata file
 * lakip-audit.conf, and the inference of year and agency.
 *
 * Small inputs are written under a mkdtemp folder in /tmp and removed;
 * the seed is read from fixtures/ (tests run from the repository root).
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

#include "input/load.h"
#include "input/doc_load.h"
#include "model/report.h"

#define FIXTURE_DIR "fixtures/bangka-selatan-2019"
#define SEED FIXTURE_DIR "/lakip-2019-bangka-selatan.md"

#include "tmpdir.h"

/* Loads one small document; the report is returned, the file removed. */
static report *load_doc(const char *text, int *rc, load_error *err)
{
    tmpdir d;
    tmp_open(&d);
    const char *path = tmp_write(&d, "doc.md", text);
    report *r = report_new(STYLE_AUTO);
    *rc = doc_load(r, path, err);
    tmp_close(&d);
    return r;
}

/* ---- helpers ---- */

static void assert_value(const cell *c, const char *canonical)
{
    decimal want;
    assert_int_equal(c->num.kind, NUMBER_VALUE);
    assert_int_equal(decimal_parse(canonical, &want), DECIMAL_OK);
    assert_int_equal(decimal_cmp(c->num.value, want), 0);
    assert_int_equal(c->num.value.scale, want.scale);
}

static const cell *cell_at(const table *t, size_t row, enum col_role role)
{
    int c = table_find_role(t, role);
    assert_true(c >= 0);
    return table_cell(t, row, (size_t)c);
}

static const paragraph *find_paragraph(const report *r, const char *needle)
{
    for (size_t i = 0; i < report_paragraph_count(r); i++)
        if (strstr(report_paragraph(r, i)->text, needle)) return report_paragraph(r, i);
    return NULL;
}

/* ---- the seed report ---- */

static int seed_setup(void **state)
{
    report *r = report_new(STYLE_AUTO);
    load_error err;
    if (load_path(r, SEED, &err) != 0) {
        fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.message);
        report_free(r);
        return -1;
    }
    report_infer_metadata(r);
    *state = r;
    return 0;
}

static int seed_teardown(void **state)
{
    report_free(*state);
    return 0;
}

static void test_seed_tables(void **state)
{
    const report *r = *state;
    static const struct { const char *caption; int caption_line, first, header; size_t rows; } want[] = {
        { "III. STRUKTUR ORGANISASI", 275, 279, 0, 22 },
        { "II. PERJANJIAN KINERJA TAHUN 2019", 323, 354, 354, 56 },
        { "III. URAIAN PENETAPAN KINERJA SERTA HUBUNGANNYA DENGAN RENSTRA, RENJA/RKT DAN INDIKATOR KINERJA UTAMA SKPD", 416, 422, 422, 21 },
        { "REALISASI PERJANJIAN KINERJA (PK)", 470, 470, 473, 24 },
        { "Urusan Sosial", 505, 507, 507, 39 },
        { "IKU OPD URUSAN SOSIAL", 553, 555, 555, 5 },
        { "Urusan Pemberdayaan Perempuan Dan Perlindungan Anak", 583, 585, 585, 10 },
        { "IKU OPD URUSAN PPPA", 600, 602, 602, 6 },
        { "Urusan Pemberdayaan Masyarakat Dan Desa", 624, 626, 626, 11 },
        { "IKU OPD URUSAN PEMDES", 644, 646, 646, 8 },
        { "III. REALISASI ANGGARAN", 660, 664, 664, 8 },
    };
    assert_int_equal(report_table_count(r), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const table *t = report_table(r, i);
        assert_string_equal(table_caption(t), want[i].caption);
        assert_int_equal(table_caption_line(t), want[i].caption_line);
        assert_int_equal(table_first_line(t), want[i].first);
        assert_int_equal(table_header_line(t), want[i].header);
        assert_int_equal(table_row_count(t), want[i].rows);
        assert_int_equal(table_number_style(t), NUMBER_STYLE_ID);
        assert_string_equal(table_file(t), SEED);
    }
    assert_null(report_table(r, 99));
    assert_int_equal(report_input_count(r), 1);
    assert_string_equal(report_input_path(r, 0), SEED);
}

static void test_seed_pk_realisasi(void **state)
{
    const report *r = *state;
    const table *t = report_table(r, 3);
    int line;
    assert_int_equal(table_title_count(t), 1);
    assert_int_equal(table_meta_count(t), 2);
    assert_string_equal(table_meta_key(t, 0), "Provinsi/Kabupaten/Kota");
    assert_string_equal(table_meta_value(t, 0, &line), "Kabupaten Bangka Selatan");
    assert_int_equal(line, 471);
    assert_string_equal(table_meta_key(t, 1), "Tahun Anggaran");
    assert_string_equal(table_meta_value(t, 1, &line), "2018");     /* the seed's error, kept */
    assert_int_equal(line, 472);
    assert_int_equal(table_colnum_line(t), 474);
    const enum col_role roles[] = { COL_SASARAN, COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    for (size_t c = 0; c < 5; c++) assert_int_equal(table_column_role(t, c), roles[c]);
    assert_string_equal(table_column_header(t, 4), "%");

    assert_int_equal(table_row_kind(t, 0), ROW_GROUP);
    assert_int_equal(table_row_line(t, 0), 475);
    assert_int_equal(table_row_line(t, 2), 477);
    assert_string_equal(cell_at(t, 2, COL_INDIKATOR)->text, "2. Persentase PMKS yang Tertangani");
    assert_value(cell_at(t, 2, COL_TARGET), "50");
    assert_value(cell_at(t, 2, COL_REALISASI), "52.62");
    assert_value(cell_at(t, 2, COL_CAPAIAN), "101.24");
    assert_true(cell_at(t, 2, COL_CAPAIAN)->num.flags & NUMBER_PERCENT);
    assert_string_equal(cell_at(t, 2, COL_SASARAN)->text, "Meningkatnya Pelayanan dan Rehabilitasi Sosial");
    assert_true(cell_at(t, 2, COL_SASARAN)->filled);
    assert_string_equal(table_row_group(t, 2), "URUSAN SOSIAL");

    /* the part after the page break (lines 494-496 blank) joined the table */
    assert_int_equal(table_row_line(t, 16), 494);
    assert_string_equal(cell_at(t, 16, COL_SASARAN)->text, "Meningkatnya Kualitas Kelembagaan Perlindungan Perempuan dan Anak");
    assert_false(cell_at(t, 16, COL_SASARAN)->filled);
    assert_string_equal(table_row_group(t, 16), "URUSAN PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK");
    assert_int_equal(table_row_line(t, 23), 501);
}

static void test_seed_renstra(void **state)
{
    const report *r = *state;
    const table *t = report_table(r, 2);
    assert_int_equal(table_column_count(t), 9);
    assert_int_equal(table_column_role(t, 0), COL_NO);
    assert_int_equal(table_column_role(t, 1), COL_INDIKATOR);
    assert_int_equal(table_column_role(t, 2), COL_KONDISI_AWAL);
    for (int y = 2017; y <= 2021; y++) {
        assert_int_equal(table_column_role(t, (size_t)(y - 2014)), COL_TAHUN);
        assert_int_equal(table_column_year(t, (size_t)(y - 2014)), y);
    }
    assert_int_equal(table_column_role(t, 8), COL_KONDISI_AKHIR);
    assert_int_equal(table_colnum_line(t), 424);
    /* row 12 took its wrapped line from after the page break */
    assert_int_equal(table_row_line(t, 11), 436);
    assert_string_equal(cell_at(t, 11, COL_INDIKATOR)->text,
                        "Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan yang Tertangani;");
    /* the repeated header, year row and column-number row were skipped */
    assert_int_equal(table_row_line(t, 12), 444);
    assert_string_equal(cell_at(t, 12, COL_INDIKATOR)->text, "Rasio KDRT");
    assert_value(table_cell(t, 8, 4), "0.006");
    assert_int_equal(table_cell(t, 0, 2)->num.kind, NUMBER_EMPTY);
}

static void test_seed_budget(void **state)
{
    const report *r = *state;
    const table *t = report_table(r, 10);
    const enum col_role roles[] = { COL_NO, COL_SASARAN, COL_PROGRAM, COL_PAGU, COL_REALISASI_ANGGARAN, COL_CAPAIAN_ANGGARAN };
    for (size_t c = 0; c < 6; c++) assert_int_equal(table_column_role(t, c), roles[c]);
    assert_int_equal(table_colnum_line(t), 665);
    assert_string_equal(cell_at(t, 1, COL_NO)->text, "3.");
    assert_int_equal(table_row_line(t, 4), 671);            /* after the blank line 670 */
    assert_int_equal(table_row_kind(t, 5), ROW_DATA);       /* row 7: sasaran only */
    assert_int_equal(table_row_line(t, 5), 672);
    assert_string_equal(cell_at(t, 5, COL_PROGRAM)->text, "");
    assert_false(cell_at(t, 5, COL_PROGRAM)->filled);
    assert_int_equal(table_row_kind(t, 7), ROW_TOTAL);
    assert_int_equal(table_row_line(t, 7), 674);
    assert_string_equal(cell_at(t, 7, COL_NO)->text, "Jumlah");
    assert_value(cell_at(t, 7, COL_PAGU), "6363805000");
    assert_value(cell_at(t, 7, COL_CAPAIAN_ANGGARAN), "84.29");
}

static void test_seed_other_tables(void **state)
{
    const report *r = *state;
    /* staff composition: no header, kept with unnamed columns */
    const table *staff = report_table(r, 0);
    assert_int_equal(table_column_count(staff), 3);
    for (size_t c = 0; c < 3; c++) assert_int_equal(table_column_role(staff, c), COL_NONE);
    assert_int_equal(table_row_kind(staff, 0), ROW_GROUP);
    assert_string_equal(table_cell(staff, 0, 0)->text, "a. Berdasarkan Tingat Pendidikan");
    assert_int_equal(table_row_kind(staff, 1), ROW_DATA);
    assert_value(table_cell(staff, 1, 2), "3");
    assert_string_equal(table_cell(staff, 1, 2)->num.unit, "orang");
    assert_string_equal(table_row_group(staff, 1), "a. Berdasarkan Tingat Pendidikan");
    assert_int_equal(table_cell(staff, 8, 2)->num.kind, NUMBER_MISSING);    /* "- Orang" */

    /* the PK: three page parts, "Program ..." rows are groups */
    const table *pk = report_table(r, 1);
    size_t groups = 0;
    for (size_t i = 0; i < table_row_count(pk); i++) groups += table_row_kind(pk, i) == ROW_GROUP;
    assert_int_equal(groups, 5);
    assert_int_equal(table_row_line(pk, 19), 376);
    assert_int_equal(table_row_kind(pk, 19), ROW_GROUP);
    assert_string_equal(table_row_group(pk, 20), "Program Peningkatan Kualitas Hidup dan Perlindungan Anak");
    assert_string_equal(cell_at(pk, 0, COL_SASARAN)->text,
                        "Program Pelayanan Sosial dan Penanganan PMKS Terlaksanannya Pelayanan Sosial, Penanganan PMKS dan Pemberdayaan PSKS");
    size_t at = 0;
    while (at < table_row_count(pk) && table_row_line(pk, at) != 398) at++;
    assert_true(at < table_row_count(pk));
    assert_string_equal(cell_at(pk, at, COL_INDIKATOR)->text, "Terlaksananya Jambore PKK");
    assert_string_equal(cell_at(pk, at, COL_SASARAN)->text, "Masyarakat Pedesaan lebih berdaya dan mandiri");
    assert_true(cell_at(pk, at, COL_SASARAN)->filled);

    /* Urusan Sosial: row 22's wrapped name after the page break */
    const table *sosial = report_table(r, 4);
    assert_int_equal(table_row_line(sosial, 21), 530);
    assert_string_equal(cell_at(sosial, 21, COL_INDIKATOR)->text, "Jumlah Anak Yatim, Piatu, Yatim Piatu yang mendapat bantuan");
    assert_int_equal(table_row_line(sosial, 22), 533);
    assert_int_equal(table_column_year(sosial, 2), 2019);
    assert_string_equal(table_colnum_text(sosial, 4), "(6)");

    /* typos are read and flagged, not refused */
    const table *pmd = report_table(r, 8);
    assert_true(cell_at(pmd, 1, COL_CAPAIAN)->num.flags & NUMBER_MALFORMED);
}

static void test_seed_paragraphs(void **state)
{
    const report *r = *state;
    const paragraph *p = find_paragraph(r, "Dan ada sebanyak 14.896 PMKS");
    assert_non_null(p);
    assert_int_equal(p->line, 567);
    assert_string_equal(p->heading, "IKU OPD URUSAN SOSIAL");
    assert_string_equal(p->file, SEED);
    assert_string_equal(p->text, "Dan ada sebanyak 14.896 PMKS yang memperoleh bantuan sosial dari 8.000 "
                                 "yang seharusnya memperoleh bantuan sosial. Sehingga dapat");

    p = find_paragraph(r, "100 - \\text{Realisasi}");
    assert_non_null(p);
    assert_int_equal(p->line, 468);
    assert_string_equal(p->heading, "I. CAPAIAN KINERJA TAHUN 2019");
    assert_true(strncmp(p->text, "$$", 2) == 0);
    assert_non_null(strstr(p->text, "\\frac{100 - \\text{Realisasi}}{100 - \\text{Rencana}} \\times 100\\%"));

    p = find_paragraph(r, "Perumusan Kebijakan Teknis");
    assert_non_null(p);
    assert_int_equal(p->line, 62);
    assert_string_equal(p->text, "a. Perumusan Kebijakan Teknis sesuai dengan lingkup tugasnya;");
    assert_string_equal(p->heading, "II. TUGAS POKOK DAN FUNGSI");

    /* emphasis stripped, a sentence with bold amounts stays one paragraph */
    p = find_paragraph(r, "Secara keseluruhan realisasi anggaran");
    assert_non_null(p);
    assert_non_null(strstr(p->text, "sebesar Rp. 5.364.081.075,- atau 84,29% memperlihatkan"));
    p = find_paragraph(r, "sistem pertanggungjawaban yang tepat");
    assert_non_null(strstr(p->text, "terukur dan legimate sehingga"));

    /* table rows are not paragraphs */
    assert_null(find_paragraph(r, "Strata 2 (S2)"));
    assert_null(find_paragraph(r, "Persentasi PMKS yang mendapat bantuan KUBE/UEP"));
    assert_null(report_paragraph(r, 100000));
}

static void test_seed_metadata(void **state)
{
    const report *r = *state;
    const char *source;
    assert_int_equal(report_year(r, &source), 2019);
    assert_string_equal(source, "inferred from " SEED ":5");
    const char *agency = report_agency(r, &source);
    assert_string_equal(agency, "DINAS SOSIAL, PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK, "
                                "PEMBERDAYAAN MASYARAKAT DAN DESA KABUPATEN BANGKA SELATAN");
    assert_string_equal(source, "inferred from " SEED ":10");
}

/* ---- small documents ---- */

static void test_continuation_rules(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc(
        "# Tabel\n"                                    /* 1 */
        "\n"                                           /* 2 */
        "No\tIndikator\tTarget\tRealisasi\n"           /* 3 */
        "1\tPersentase A\t5\t5\n"                      /* 4 */
        "\n"                                           /* 5 */
        "---\n"                                        /* 6: page rule */
        "\n"                                           /* 7 */
        "No\tIndikator\tTarget\tRealisasi\n"           /* 8: same header: continues */
        "2\tPersentase B\t6\t6\n"                      /* 9 */
        "\n"                                           /* 10 */
        "3\tPersentase C\t7\t7\n"                      /* 11: no header, fits: continues */
        "--\t---\t--\t--\n"                            /* 12: rule line */
        "\n"                                           /* 13 */
        "Teks di antara tabel.\n"                      /* 14 */
        "\n"                                           /* 15 */
        "4\tPersentase D\t8\t8\n"                      /* 16: after text: a new table */
        "\n"                                           /* 17 */
        "No\tSasaran\tIndikator\tTarget\tRealisasi\n"  /* 18: another header: a new table */
        "1\tS\tPersentase E\t9\t9\n",                  /* 19 */
        &rc, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(report_table_count(r), 3);
    const table *t = report_table(r, 0);
    assert_string_equal(table_caption(t), "Tabel");
    assert_int_equal(table_caption_line(t), 1);
    assert_int_equal(table_row_count(t), 3);
    assert_int_equal(table_row_line(t, 1), 9);
    assert_int_equal(table_row_line(t, 2), 11);
    const table *loose = report_table(r, 1);
    assert_int_equal(table_header_line(loose), 0);
    assert_int_equal(table_first_line(loose), 16);
    assert_int_equal(table_row_count(loose), 1);
    assert_int_equal(table_column_role(loose, 1), COL_NONE);
    assert_int_equal(table_header_line(report_table(r, 2)), 18);
    assert_int_equal(report_paragraph_count(r), 1);
    assert_int_equal(report_paragraph(r, 0)->line, 14);
    report_free(r);
}

static void test_wider_block_is_a_new_table(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc("No\tIndikator\tTarget\n1\tA\t5\n\n1\t2\t3\t4\t5\n", &rc, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(report_table_count(r), 2);
    assert_int_equal(table_column_count(report_table(r, 1)), 5);
    report_free(r);
}

static void test_headings_and_paragraphs(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc(
        "**LAPORAN KINERJA\r\n"                          /* 1 */
        "TAHUN 2021**\r\n"                               /* 2 */
        "\r\n"                                           /* 3 */
        "**BADAN PERENCANAAN PEMBANGUNAN DAERAH  \r\n"   /* 4 */
        "KOTA CONTOH**\r\n"                              /* 5 */
        "\r\n"                                           /* 6 */
        "## **BAB I**\r\n"                               /* 7 */
        "Baris pertama  \r\n"                            /* 8 */
        "baris *kedua* dengan **tebal** dan <b>tag</b>.\r\n"   /* 9 */
        "- a. butir satu;\r\n"                           /* 10 */
        "- b. butir dua\r\n"                             /* 11 */
        "  lanjutan butir dua\r\n"                       /* 12 */
        "**Judul Tebal**\r\n"                            /* 13 */
        "$$\\frac{a}{b}\r\n"                             /* 14: formula over two lines */
        "\\times 100\\%$$\r\n"                           /* 15 */
        "**a** dan **b** bukan judul\r\n",               /* 16 */
        &rc, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(report_paragraph_count(r), 7);
    const paragraph *p = report_paragraph(r, 2);
    assert_int_equal(p->line, 8);
    assert_string_equal(p->text, "Baris pertama baris kedua dengan tebal dan tag.");
    assert_string_equal(p->heading, "BAB I");
    assert_string_equal(report_paragraph(r, 3)->text, "a. butir satu;");
    assert_string_equal(report_paragraph(r, 4)->text, "b. butir dua lanjutan butir dua");
    p = report_paragraph(r, 5);
    assert_string_equal(p->heading, "Judul Tebal");
    assert_int_equal(p->line, 14);
    assert_string_equal(p->text, "$$\\frac{a}{b} \\times 100\\%$$");
    assert_string_equal(report_paragraph(r, 6)->text, "a dan b bukan judul");
    report_infer_metadata(r);
    const char *source;
    assert_int_equal(report_year(r, &source), 2021);
    assert_non_null(strstr(source, "doc.md:2"));
    assert_string_equal(report_agency(r, &source), "BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA CONTOH");
    assert_non_null(strstr(source, "doc.md:4"));
    report_free(r);
}

static void test_no_title_page(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc("Peraturan Nomor 29 Tahun 2014 tentang SAKIP.\n", &rc, &err);
    assert_int_equal(rc, 0);
    report_infer_metadata(r);
    assert_int_equal(report_year(r, NULL), 2014);   /* a year on the first page is taken */
    assert_null(report_agency(r, NULL));            /* no report title: no agency */
    report_free(r);

    r = load_doc("## BAB I\n\nLaporan Tahun 2019.\n", &rc, &err);
    report_infer_metadata(r);
    const char *source;
    assert_int_equal(report_year(r, &source), 0);   /* after the first heading: not the title page */
    assert_null(source);
    report_free(r);
}

/* Tables as documents hold them: a pipe table, a "Tabel 3.1" caption over
 * two lines, a table continued after a page number without its header,
 * and an agency never taken from a paragraph. */
static void test_tables_as_documents_hold_them(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc(
        "Pengukuran kinerja yang mencakup penetapan indikator dan capaian kinerjanya digunakan untuk menilai.\n"   /* 1 */
        "Dinas Kesehatan Kota Contoh menyusun laporan ini.\n"                                   /* 2 */
        "\n"
        "Tabel 3.1\n"                                                                           /* 4 */
        "Pencapaian Sasaran Tahun 2015\n"                                                       /* 5 */
        "\n"
        "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"                                  /* 7 */
        "1\tA\t10\t9\t90%\n"
        "\n"
        "- 38 -\n"                                                                              /* 10 */
        "\n"
        "2\tB\t10\t10\t100%\n"                                                                /* 12 */
        "\n"
        "Teks di antara tabel.\n"
        "\n"
        "| Akun | Anggaran/Pagu | Realisasi | % | |\n"                                          /* 16 */
        "|---|---|---|---|---|\n"
        "| PAD | 229,95 M | 98,62 M | 42.89 | |\n",
        &rc, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(report_table_count(r), 2);
    const table *t = report_table(r, 0);
    assert_string_equal(table_caption(t), "Tabel 3.1 Pencapaian Sasaran Tahun 2015");
    assert_int_equal(table_caption_line(t), 4);
    assert_int_equal(table_row_count(t), 2);            /* continued after the page number */
    assert_int_equal(table_row_line(t, 1), 12);
    t = report_table(r, 1);
    assert_int_equal(table_header_line(t), 16);
    assert_int_equal(table_column_role(t, 1), COL_PAGU);
    assert_int_equal(table_column_role(t, 2), COL_REALISASI_ANGGARAN);
    assert_int_equal(table_column_role(t, 3), COL_CAPAIAN_ANGGARAN);
    assert_int_equal(table_column_number_style(t, 3), NUMBER_STYLE_EN);
    assert_int_equal(table_row_count(t), 1);
    for (size_t i = 0; i < report_paragraph_count(r); i++)
        assert_null(strstr(report_paragraph(r, i)->text, "38"));
    report_infer_metadata(r);
    assert_null(report_agency(r, NULL));                 /* a paragraph is not a title page */
    report_free(r);
}

/* One cell per line: the column-number row gives the width; a row whose
 * value cells do not read as values (a wrapped name shifting the cells)
 * ends the table there; numbered lines without a header are prose. */
static void test_one_cell_per_line(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc(
        "Tabel 5.1 Capaian indikator SPM\n"          /* 1 */
        "\n"
        "No\nIndikator Kinerja\nTarget\nRealisasi\nCapaian\n"   /* 3-7 */
        "1\n2\n3\n4\n5\n"                          /* 8-12 */
        "1\nPersentase Ibu nifas\n80\n78,14\n97,68%\n"          /* 13-17 */
        "\n"
        "2\nPersentase peserta KB aktif\n50\n49,56\n99,12%\n"   /* 19-23 */
        "3\nPersentase Puskesmas mampu PKRE\nterpadu minimal 4 Puskesmas\n14\n0,00\n0%\n"  /* 24-29 */
        "\n"
        "Langkah:\n1\n2\n3\n",
        &rc, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(report_table_count(r), 1);
    const table *t = report_table(r, 0);
    assert_string_equal(table_caption(t), "Tabel 5.1 Capaian indikator SPM");
    assert_int_equal(table_header_line(t), 3);
    assert_int_equal(table_colnum_line(t), 8);
    assert_int_equal(table_column_count(t), 5);
    assert_int_equal(table_row_count(t), 2);            /* the wrapped third row ends it */
    assert_int_equal(table_row_line(t, 1), 19);
    assert_string_equal(table_cell(t, 1, 3)->text, "49,56");
    report_free(r);
}

static void test_doc_errors(void **state)
{
    (void)state;
    int rc;
    load_error err;
    report *r = load_doc("# Judul\n\nBaik.\nRusak \x81\x28 di sini.\n", &rc, &err);
    assert_int_equal(rc, -1);
    assert_int_equal(err.line, 4);
    assert_string_equal(err.message, "neither UTF-8 nor Windows-1252 text (save the file as UTF-8)");
    assert_non_null(strstr(err.file, "doc.md"));
    report_free(r);

    r = load_doc("", &rc, &err);                     /* an empty document is no error */
    assert_int_equal(rc, 0);
    assert_int_equal(report_table_count(r), 0);
    assert_int_equal(report_paragraph_count(r), 0);
    report_free(r);
}

/* ---- report_load: dispatch, folders, lakip-audit.conf ---- */

static void test_report_folder(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    tmp_write(&d, "b.csv", "No;Indikator;Target 2020;Realisasi 2020\n1;A;5;5\n");
    tmp_write(&d, "a.md", "Teks.\n");
    tmp_write(&d, "notes.rtf", "{\\rtf1}");
    tmp_write(&d, "lakip-audit.conf", "# metadata\n\ntahun = 2019\ninstansi = \"Dinas Contoh\"\n");
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(load_path(r, d.dir, &err), 0);
    assert_int_equal(report_input_count(r), 3);      /* conf first, then by name */
    assert_non_null(strstr(report_input_path(r, 0), "lakip-audit.conf"));
    assert_non_null(strstr(report_input_path(r, 1), "/a.md"));
    assert_non_null(strstr(report_input_path(r, 2), "/b.csv"));
    /* the settings file is an input, read by settings.c (tests/unit/test_settings.c), not here */
    assert_int_equal(report_year(r, NULL), 0);
    assert_null(report_agency(r, NULL));
    /* the RTF this build cannot read is not skipped in silence */
    coverage_unread *items;
    assert_int_equal(coverage_unread_list(report_coverage(r), (const report *const *)&r, 1, &items), 1);
    assert_int_equal(items[0].kind, UNREAD_FILE);
    assert_non_null(strstr(items[0].file, "/notes.rtf"));
    assert_string_equal(items[0].why, "unsupported file type: expected .csv, .tsv, .txt, .md, .markdown, .pdf, .xlsx, .xlsm, .xls, .ods, .docx, .docm or .odt");
    free(items);
    report_free(r);
    tmp_close(&d);
}

/* A file of a folder that fails to load is noted with its line and why;
 * the other files are loaded. */
static void test_report_folder_bad_file(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    tmp_write(&d, "a.csv", "No;Indikator;Target;Realisasi\n1;A;5;5\n2;B;6\n");
    tmp_write(&d, "b.csv", "No;Indikator;Target;Realisasi\n1;A;5;5\n");
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(load_path(r, d.dir, &err), 0);
    assert_int_equal(report_table_count(r), 1);
    assert_non_null(strstr(table_file(report_table(r, 0)), "/b.csv"));
    coverage_unread *items;
    assert_int_equal(coverage_unread_list(report_coverage(r), (const report *const *)&r, 1, &items), 1);
    assert_int_equal(items[0].kind, UNREAD_FILE);
    assert_non_null(strstr(items[0].file, "/a.csv"));
    assert_int_equal(items[0].line, 3);
    assert_string_equal(items[0].why, "row has 3 fields but the header (line 1) has 4");
    free(items);
    assert_int_equal(coverage_file_count(report_coverage(r)), 1);
    report_free(r);
    tmp_close(&d);
}

static void test_report_errors(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(load_path(r, d.dir, &err), -1);
    assert_string_equal(err.message, "no .csv, .tsv, .txt, .md, .markdown, .pdf, .xlsx, .xlsm, .xls, .ods, .docx, .docm or .odt files in this folder");
    assert_string_equal(err.file, d.dir);

    const char *rtf = tmp_write(&d, "laporan.rtf", "{\\rtf1}");
    assert_int_equal(load_path(r, rtf, &err), -1);
    assert_string_equal(err.message, "unsupported file type: expected .csv, .tsv, .txt, .md, .markdown, .pdf, .xlsx, .xlsm, .xls, .ods, .docx, .docm or .odt");
    assert_int_equal(err.line, 0);

    const char *pdf = tmp_write(&d, "laporan.pdf", "%PDF");
    assert_int_equal(load_path(r, pdf, &err), -1);
    assert_string_equal(err.message, "not a PDF file (no %PDF- header in its first kilobyte)");
    unlink(rtf);
    unlink(pdf);

    assert_int_equal(load_path(r, "/nonexistent/lakip.md", &err), -1);
    assert_string_equal(err.message, "cannot open: No such file or directory");

    report_free(r);
    tmp_close(&d);
}

static void test_year_from_headers(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *one = tmp_write(&d, "one.csv", "No;Indikator;Target 2019;Realisasi 2019\n1;A;5;5\n");
    const char *renstra = tmp_write(&d, "renstra.csv", "No;Indikator;2019;2020\n1;A;5;6\n");
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(load_path(r, one, &err), 0);
    assert_int_equal(load_path(r, renstra, &err), 0);
    report_infer_metadata(r);
    const char *source;
    assert_int_equal(report_year(r, &source), 2019);    /* 3 columns name 2019, 1 names 2020 */
    char want[160];
    snprintf(want, sizeof want, "inferred from %s:1", one);
    assert_string_equal(source, want);
    assert_null(report_agency(r, &source));
    assert_null(source);
    report_free(r);

    /* a tie says nothing */
    r = report_new(STYLE_AUTO);
    assert_int_equal(load_path(r, renstra, &err), 0);
    report_infer_metadata(r);
    assert_int_equal(report_year(r, NULL), 0);
    report_free(r);
    tmp_close(&d);
}

int main(void)
{
    const struct CMUnitTest seed[] = {
        cmocka_unit_test(test_seed_tables),
        cmocka_unit_test(test_seed_pk_realisasi),
        cmocka_unit_test(test_seed_renstra),
        cmocka_unit_test(test_seed_budget),
        cmocka_unit_test(test_seed_other_tables),
        cmocka_unit_test(test_seed_paragraphs),
        cmocka_unit_test(test_seed_metadata),
    };
    const struct CMUnitTest small[] = {
        cmocka_unit_test(test_continuation_rules),
        cmocka_unit_test(test_wider_block_is_a_new_table),
        cmocka_unit_test(test_headings_and_paragraphs),
        cmocka_unit_test(test_no_title_page),
        cmocka_unit_test(test_tables_as_documents_hold_them),
        cmocka_unit_test(test_one_cell_per_line),
        cmocka_unit_test(test_doc_errors),
        cmocka_unit_test(test_report_folder),
        cmocka_unit_test(test_report_folder_bad_file),
        cmocka_unit_test(test_report_errors),
        cmocka_unit_test(test_year_from_headers),
    };
    int failed = cmocka_run_group_tests_name("seed report", seed, seed_setup, seed_teardown);
    failed += cmocka_run_group_tests_name("documents and folders", small, NULL, NULL);
    return failed;
}
