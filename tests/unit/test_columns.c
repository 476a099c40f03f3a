/*
 * test_columns.c — header recognition (src/columns.c): the normalised
 * form, every alias family with and without a year, the spellings of the
 * seed report, and the header-row decision.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "input/columns.h"

static void check_role(const char *text, enum col_role want, int want_year)
{
    int year = -1;
    enum col_role got = columns_recognise(text, &year);
    if (got != want || year != want_year)
        fail_msg("\"%s\": got %s/%d, want %s/%d", text, col_role_name(got), year, col_role_name(want), want_year);
}

static void test_normalise(void **state)
{
    (void)state;
    char buf[64];
    columns_normalise("<b>No.</b>", buf, sizeof buf);
    assert_string_equal(buf, "no");
    columns_normalise("  **Indikator   Kinerja** :", buf, sizeof buf);
    assert_string_equal(buf, "indikator kinerja");
    columns_normalise("Capaian\t(%)", buf, sizeof buf);
    assert_string_equal(buf, "capaian (%)");
    columns_normalise("Target\xC2\xA0" "2019", buf, sizeof buf);     /* no-break space */
    assert_string_equal(buf, "target 2019");
    columns_normalise("Realisasi\nAnggaran;", buf, sizeof buf);
    assert_string_equal(buf, "realisasi anggaran");
    columns_normalise("a very long header text", buf, 8);          /* truncated, terminated */
    assert_string_equal(buf, "a very");
    columns_normalise(NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
}

static void test_budget_aliases(void **state)
{
    (void)state;
    check_role("Rencana Anggaran", COL_PAGU, 0);
    check_role("Pagu", COL_PAGU, 0);
    check_role("Anggaran", COL_PAGU, 0);
    check_role("Pagu Anggaran", COL_PAGU, 0);
    check_role("Pagu Anggaran APBD-P (Rp)", COL_PAGU, 0);
    check_role("Realisasi Anggaran", COL_REALISASI_ANGGARAN, 0);
    check_role("Realisasi Anggaran 2019", COL_REALISASI_ANGGARAN, 2019);
    check_role("Realisasi Keuangan (Rp)", COL_REALISASI_ANGGARAN, 0);
    check_role("% Capaian Anggaran", COL_CAPAIAN_ANGGARAN, 0);
    check_role("% Serapan", COL_CAPAIAN_ANGGARAN, 0);
    check_role("Serapan", COL_CAPAIAN_ANGGARAN, 0);
    check_role("% Realisasi Anggaran", COL_CAPAIAN_ANGGARAN, 0);
    /* a metadata key, not a column */
    check_role("Tahun Anggaran", COL_NONE, 0);
}

static void test_target_realisasi_capaian(void **state)
{
    (void)state;
    check_role("Target", COL_TARGET, 0);
    check_role("Rencana", COL_TARGET, 0);
    check_role("Target 2019", COL_TARGET, 2019);
    check_role("Target Kinerja", COL_TARGET, 0);
    check_role("Target (2019)", COL_TARGET, 2019);
    check_role("Target Tahun 2019", COL_TARGET, 2019);
    check_role("Target Capaian Setiap Tahun", COL_TARGET, 0);
    check_role("Realisasi", COL_REALISASI, 0);
    check_role("Realisasi 2019", COL_REALISASI, 2019);
    check_role("Realization", COL_REALISASI, 0);
    check_role("<b>Realisasi</b>", COL_REALISASI, 0);
    check_role("Capaian", COL_CAPAIAN, 0);
    check_role("%", COL_CAPAIAN, 0);
    check_role("<b>%</b>", COL_CAPAIAN, 0);
    check_role("% Capaian", COL_CAPAIAN, 0);
    check_role("Capaian (%)", COL_CAPAIAN, 0);
    check_role("Tingkat Capaian", COL_CAPAIAN, 0);
    check_role("% tingkat capaian", COL_CAPAIAN, 0);
    check_role("Persentase Capaian", COL_CAPAIAN, 0);
    check_role("Achievement", COL_CAPAIAN, 0);
    check_role("Capaian 2019 (%)", COL_CAPAIAN, 2019);
}

static void test_text_columns(void **state)
{
    (void)state;
    check_role("Indikator", COL_INDIKATOR, 0);
    check_role("Indikator Kinerja", COL_INDIKATOR, 0);
    check_role("Indikator Kinerja Utama", COL_INDIKATOR, 0);
    check_role("INDIKATOR", COL_INDIKATOR, 0);
    check_role("Indicator", COL_INDIKATOR, 0);
    check_role("Sasaran", COL_SASARAN, 0);
    check_role("Sasaran Strategis", COL_SASARAN, 0);
    /* the seed's budget table: this column holds sasaran texts */
    check_role("Indikator Sasaran Renstra", COL_SASARAN, 0);
    check_role("Program", COL_PROGRAM, 0);
    check_role("Program dan Kegiatan", COL_PROGRAM, 0);
    check_role("Program dan Kegiatan Renstra", COL_PROGRAM, 0);
    check_role("Kegiatan", COL_PROGRAM, 0);
    check_role("No", COL_NO, 0);
    check_role("No.", COL_NO, 0);
    check_role("NO", COL_NO, 0);
    check_role("Nomor", COL_NO, 0);
    check_role("Satuan", COL_SATUAN, 0);
    check_role("Unit", COL_SATUAN, 0);
    check_role("Arah", COL_ARAH, 0);
    check_role("Polaritas", COL_ARAH, 0);
    check_role("Sifat", COL_ARAH, 0);
    check_role("Direction", COL_ARAH, 0);
    check_role("Polarity", COL_ARAH, 0);
    check_role("Kategori", COL_KATEGORI, 0);
    check_role("Predikat", COL_KATEGORI, 0);
    check_role("Keterangan", COL_KETERANGAN, 0);
    check_role("Ket", COL_KETERANGAN, 0);
    check_role("Ket.", COL_KETERANGAN, 0);
}

static void test_renstra_columns(void **state)
{
    (void)state;
    check_role("Kondisi Kinerja pada awal periode RPJMD", COL_KONDISI_AWAL, 0);
    check_role("Kondisi Kinerja pada akhir periode RJMD", COL_KONDISI_AKHIR, 0);   /* the seed's typo */
    check_role("Kondisi Kinerja pada akhir periode RPJMD", COL_KONDISI_AKHIR, 0);
    check_role("2017", COL_TAHUN, 2017);
    check_role("2021", COL_TAHUN, 2021);
    check_role("Tahun 2019", COL_TAHUN, 2019);
    check_role("<b>2019</b>", COL_TAHUN, 2019);
    check_role("1999", COL_NONE, 0);       /* outside 2000-2100 */
    check_role("20190", COL_NONE, 0);
    assert_int_equal(columns_bare_year(" 2019 "), 2019);
    assert_int_equal(columns_bare_year("Target 2019"), 0);
    assert_int_equal(columns_bare_year("12"), 0);
}

static void test_not_headers(void **state)
{
    (void)state;
    check_role("", COL_NONE, 0);
    check_role("(1)", COL_NONE, 0);
    check_role("Provinsi/Kabupaten/Kota", COL_NONE, 0);
    check_role("Meningkatnya Pelayanan dan Rehabilitasi Sosial", COL_NONE, 0);
    check_role("2,99", COL_NONE, 0);
    /* cells with no letter end early (columns.c: may_name_a_role), but not
     * the letterless names and what a year leaves */
    check_role("1.234.567,89", COL_NONE, 0);
    check_role("- 12 / 3 (4)", COL_NONE, 0);
    check_role("%", COL_CAPAIAN, 0);
    check_role("(%)", COL_CAPAIAN, 0);
    check_role("% 2019", COL_CAPAIAN, 2019);
    check_role("#", COL_NO, 0);
    check_role("2019", COL_TAHUN, 2019);
    check_role("(2019)", COL_TAHUN, 2019);
    /* first-word rules stop at long texts: a data cell, not a header */
    check_role("Program Peningkatan Kualitas Hidup dan Perlindungan Perempuan dan Anak Terpadu", COL_NONE, 0);
}

/* The header vocabulary of real tables (issue 7 item 3): units in
 * headers, end-of-plan targets and the capaian against them, pagu before
 * and after revision, month and quarter columns, and their near misses. */
static void test_real_vocabulary(void **state)
{
    (void)state;
    /* units: (Rp) makes target/realisasi money; (%) is a unit, not a role */
    check_role("REALISASI (Rp)", COL_REALISASI_ANGGARAN, 0);
    check_role("ANGGARAN (Rp)", COL_PAGU, 0);
    check_role("PAGU ANGGARAN (Rp.)", COL_PAGU, 0);
    check_role("Target (Rp)", COL_PAGU, 0);
    check_role("Rp.", COL_NONE, 0);
    check_role("Realisasi(%)", COL_REALISASI, 0);
    check_role("Target Kinerja(%)", COL_TARGET, 0);
    check_role("(%)", COL_CAPAIAN, 0);
    check_role("Capaian Kinerja (%)", COL_CAPAIAN, 0);
    check_role("Capaian Anggaran (%)", COL_CAPAIAN_ANGGARAN, 0);
    assert_string_equal(columns_unit("REALISASI (Rp)"), "rp");
    assert_string_equal(columns_unit("Realisasi(%)"), "%");
    assert_string_equal(columns_unit("Rp. Realisasi"), "rp");
    assert_string_equal(columns_unit("Realisasi"), "");
    assert_string_equal(columns_unit("Rpjmd"), "");           /* near miss: a word starting with rp */
    /* end-of-plan target and the capaian against it */
    check_role("Target Akhir RPJMD", COL_TARGET_AKHIR, 0);
    check_role("Target Akhir Renstra 2016", COL_TARGET_AKHIR, 2016);
    check_role("Target Renstra", COL_TARGET_AKHIR, 0);
    check_role("Capaian sd Tahun 2016 Thd Target Akhir RPJMD", COL_CAPAIAN_AKHIR, 2016);
    check_role("Capaian terhadap Renstra", COL_CAPAIAN_AKHIR, 0);
    check_role("% Capaian s/d 2020 terhadap Akhir RPJMD", COL_CAPAIAN_AKHIR, 2020);
    check_role("Target Renstra 2019", COL_TARGET, 2019);      /* that year's target from the Renstra */
    check_role("Target Capaian Setiap Tahun", COL_TARGET, 0);
    check_role("Kondisi Kinerja pada akhir periode RPJMD", COL_KONDISI_AKHIR, 0);
    check_role("Indikator Sasaran Renstra", COL_SASARAN, 0);
    /* pagu before and after revision */
    check_role("Pagu Awal", COL_PAGU_AWAL, 0);
    check_role("Anggaran Murni (Rp)", COL_PAGU_AWAL, 0);
    check_role("APBD Murni", COL_PAGU_AWAL, 0);
    check_role("Pagu Sebelum Perubahan", COL_PAGU_AWAL, 0);
    check_role("Pagu Perubahan", COL_PAGU, 0);
    check_role("Anggaran Setelah Perubahan", COL_PAGU, 0);
    check_role("Pagu Setelah Penghematan", COL_PAGU, 0);
    /* periods */
    check_role("TW I", COL_PERIODE, 0);
    check_role("Triwulan IV", COL_PERIODE, 0);
    check_role("TRIW ULAN II", COL_PERIODE, 0);
    check_role("Realisasi s.d. TW III", COL_PERIODE, 0);
    check_role("Januari", COL_PERIODE, 0);
    check_role("Jumlah", COL_JUMLAH, 0);
    assert_int_equal(columns_period("TW I"), TABLE_QUARTER + 1);
    assert_int_equal(columns_period("Realisasi Triwulan 2"), TABLE_QUARTER + 2);
    assert_int_equal(columns_period("s.d. Triwulan III (%)"), TABLE_CUMULATIVE + TABLE_QUARTER + 3);
    assert_int_equal(columns_period("Desember"), 12);
    assert_int_equal(columns_period("s/d Juni"), TABLE_CUMULATIVE + 6);
    assert_int_equal(columns_period("TW V"), 0);              /* near misses */
    assert_int_equal(columns_period("Twitter"), 0);
    assert_int_equal(columns_period("Mei Ratna"), 0);
}

static void test_is_header(void **state)
{
    (void)state;
    const enum col_role pk[] = { COL_SASARAN, COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    assert_true(columns_is_header(pk, 5));
    const enum col_role two[] = { COL_NO, COL_INDIKATOR };
    assert_true(columns_is_header(two, 2));
    const enum col_role tr[] = { COL_NONE, COL_TARGET, COL_REALISASI };
    assert_true(columns_is_header(tr, 3));
    const enum col_role budget[] = { COL_NONE, COL_PAGU, COL_KETERANGAN };
    assert_true(columns_is_header(budget, 3));
    /* one role is a title row ("REALISASI PERJANJIAN KINERJA (PK)") */
    const enum col_role one[] = { COL_REALISASI, COL_NONE, COL_NONE };
    assert_false(columns_is_header(one, 3));
    /* "Tahun Anggaran;2018" is metadata */
    const enum col_role meta[] = { COL_NONE, COL_TAHUN };
    assert_false(columns_is_header(meta, 2));
    /* two roles but none of the anchors */
    const enum col_role weak[] = { COL_NO, COL_TARGET, COL_SATUAN };
    assert_false(columns_is_header(weak, 3));
    assert_false(columns_is_header(NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_budget_aliases),
        cmocka_unit_test(test_target_realisasi_capaian),
        cmocka_unit_test(test_text_columns),
        cmocka_unit_test(test_renstra_columns),
        cmocka_unit_test(test_not_headers),
        cmocka_unit_test(test_is_header),
        cmocka_unit_test(test_real_vocabulary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
