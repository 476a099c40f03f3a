/*
 * test_table_export.c — `tables --format csv|md` (src/output/table_export.c)
 * on a ruled PDF table with merged cells and a two-row header, and the
 * CSV block of a table read back by the CSV loader: the same cells.
 *
 * Runs from the repository root.
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
#include "output/table_export.h"
#include "model/report.h"

static report *load(const char *path)
{
    report *r = report_new(STYLE_AUTO);
    load_error err;
    if (load_path(r, path, &err) != 0) fail_msg("%s: %s", path, err.message);
    return r;
}

static char *written(const report *r, int (*fn)(FILE *, const report *, enum lang), enum lang lang)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fn(f, r, lang), 0);
    fclose(f);
    return buf;
}

static void test_csv(void **state)
{
    (void)state;
    report *r = load("tests/pdf/cases/ruled-merged.pdf");
    char *csv = written(r, tables_write_csv, LANG_ID);
    assert_string_equal(csv,
        "Tabel 3.1 Realisasi Perjanjian Kinerja Tahun 2019\n"
        "Sasaran Strategis;Indikator Kinerja;Tahun 2019 Target;Tahun 2019 Realisasi;Tahun 2019 %;Letak\n"
        "URUSAN SOSIAL;;;;;hlm. 1, tabel 1, baris 3\n"
        "Meningkatnya Pelayanan dan Rehabilitasi Sosial;Persentase Penduduk Miskin;2,99;3,70;80,81%;hlm. 1, tabel 1, baris 4\n"
        "Meningkatnya Pelayanan dan Rehabilitasi Sosial;Persentase PMKS yang Tertangani;50;52,62;101,24%;hlm. 1, tabel 1, baris 5\n"
        "Meningkatnya Pelayanan dan Rehabilitasi Sosial;Jumlah PMKS yang Mendapat Bantuan Sosial;8.000;14.896;186,20%;hlm. 1, tabel 1, baris 6\n");
    free(csv);
    report_free(r);
}

static void test_md(void **state)
{
    (void)state;
    report *r = load("tests/pdf/cases/ruled-merged.pdf");
    char *md = written(r, tables_write_md, LANG_EN);
    assert_non_null(strstr(md, "## Tabel 3.1 Realisasi Perjanjian Kinerja Tahun 2019\n\ntests/pdf/cases/ruled-merged.pdf, p. 1, table 1, row 1\n"));
    assert_non_null(strstr(md, "| Sasaran Strategis | Indikator Kinerja | Tahun 2019 Target | Tahun 2019 Realisasi | Tahun 2019 % | Place |\n"
                               "| --- | --- | --- | --- | --- | --- |\n"));
    assert_non_null(strstr(md, "| Meningkatnya Pelayanan dan Rehabilitasi Sosial | Persentase PMKS yang Tertangani | 50 | 52,62 | 101,24% | p. 1, table 1, row 5 |\n"));
    free(md);
    report_free(r);
}

/* The CSV of a table over three PDF pages, loaded back as a spreadsheet
 * export: same rows, same cells. */
static void test_csv_reads_back(void **state)
{
    (void)state;
    report *r = load("tests/pdf/cases/across-pages.pdf");
    assert_int_equal(report_table_count(r), 1);
    char *csv = written(r, tables_write_csv, LANG_ID);
    char dir[] = "/tmp/lakip-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/tabel.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(csv, f);
    fclose(f);
    report *back = load(path);
    assert_int_equal(report_table_count(back), 1);
    const table *a = report_table(r, 0), *b = report_table(back, 0);
    assert_int_equal(table_row_count(b), table_row_count(a));
    assert_int_equal(table_row_count(a), 30);
    for (size_t row = 0; row < table_row_count(a); row++)
        for (size_t c = 0; c < table_column_count(a); c++)
            assert_string_equal(table_cell(b, row, c)->text, table_cell(a, row, c)->text);
    assert_int_equal(table_column_role(b, 3), table_column_role(a, 3));
    unlink(path);
    rmdir(dir);
    free(csv);
    report_free(back);
    report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_md),
        cmocka_unit_test(test_csv_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
