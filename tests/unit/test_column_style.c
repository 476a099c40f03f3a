/*
 * test_column_style.c — the number style of each column, decided from the
 * evidence of its own cells (src/input/table_build.c, decide_column_styles;
 * model API table_column_number_style / table_column_style_basis).
 *
 * Cases from real reports: dot-grouped Rupiah beside decimal-point
 * percentages in one table, "95.56" in a percentage column of an otherwise
 * Indonesian file, "1.350" alone (ambiguous until other cells decide), row
 * numbers and "1.Sub Kegiatan" that must not vote, and their near misses:
 * a column split evenly, a majority with one cell in the other style, a
 * table whose columns disagree, a forced style.
 *
 * Inputs are written to temporary files under /tmp and removed.
 */
#define _DEFAULT_SOURCE     /* mkstemps */
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
#include "input/doc_load.h"
#include "model/report.h"

typedef struct {
    report *r;
    const table *t;
} loaded;

/* Writes text to a temporary file with the given suffix and loads it. */
static loaded load_as(const char *text, const char *suffix, enum style_choice style)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/lakip-style-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    loaded l = { .r = report_new(style) };
    load_error err;
    int rc = strcmp(suffix, ".md") == 0 ? doc_load(l.r, path, &err) : csv_load(l.r, path, &err);
    unlink(path);
    if (rc != 0) fail_msg("load failed: %s:%d: %s", err.file, err.line, err.message);
    assert_true(report_table_count(l.r) >= 1);
    l.t = report_table(l.r, report_table_count(l.r) - 1);
    return l;
}

static loaded load_csv(const char *text)
{
    return load_as(text, ".csv", STYLE_AUTO);
}

static void assert_value(const table *t, size_t row, size_t col, const char *canonical)
{
    const cell *c = table_cell(t, row, col);
    decimal want;
    assert_int_equal(decimal_parse(canonical, &want), DECIMAL_OK);
    if (c->num.kind != NUMBER_VALUE)
        fail_msg("row %zu col %zu \"%s\": kind %d, want %s", row, col, c->text, c->num.kind, canonical);
    if (decimal_cmp(c->num.value, want) != 0 || c->num.value.scale != want.scale)
        fail_msg("row %zu col %zu \"%s\": wrong value, want %s", row, col, c->text, canonical);
}

static void assert_style(const table *t, size_t col, enum number_style style, enum style_basis basis)
{
    if (table_column_number_style(t, col) != style || table_column_style_basis(t, col) != basis)
        fail_msg("column %zu: style %d basis %s, want %d %s", col, table_column_number_style(t, col),
                 style_basis_name(table_column_style_basis(t, col)), style, style_basis_name(basis));
}

/* Dot-grouped Rupiah and decimal-point percentages in one table (DJPK
 * portal, corpus 37; Palembang 2018, corpus 05): each column reads right. */
static void test_mixed_table(void **state)
{
    (void)state;
    loaded l = load_csv("No;Program;Pagu (Rp);Realisasi (Rp);%\n"
                        "1;Program A;749.930.215;700.123.456;93.36\n"
                        "2;Program B;1.350.000;1.215.000;90.00\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_COLUMN);
    assert_style(l.t, 3, NUMBER_STYLE_ID, STYLE_BASIS_COLUMN);
    assert_style(l.t, 4, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_value(l.t, 0, 2, "749930215");
    assert_value(l.t, 0, 4, "93.36");
    assert_value(l.t, 1, 4, "90.00");
    report_free(l.r);
}

/* "95.56" with two decimals in a percentage column of an Indonesian file:
 * English in that column only. */
static void test_english_percentage_column(void **state)
{
    (void)state;
    loaded l = load_csv("No;Indikator;Target;Realisasi;Capaian (%)\n"
                        "1;A;12,5;11,95;95.60\n"
                        "2;B;1.234,5;1.180,0;95.58\n"
                        "3;C;7,25;7,00;96.55\n");
    assert_int_equal(table_number_style(l.t), NUMBER_STYLE_ID);
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_COLUMN);
    assert_style(l.t, 4, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_value(l.t, 0, 4, "95.60");
    assert_value(l.t, 1, 2, "1234.5");
    report_free(l.r);
}

/* "1.350" alone: nothing in the column or the table decides. It is read in
 * the file's style (Indonesian by default) and stays ambiguous. */
static void test_ambiguous_alone(void **state)
{
    (void)state;
    loaded l = load_csv("No;Indikator;Target;Realisasi\n1;A;1.350;1.200\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_value(l.t, 0, 2, "1350");
    assert_true(table_cell(l.t, 0, 2)->num.flags & NUMBER_AMBIGUOUS);
    report_free(l.r);
}

/* Other cells of the same column decide "1.350" either way. */
static void test_ambiguous_decided_by_column(void **state)
{
    (void)state;
    loaded l = load_csv("No;Indikator;Target;Realisasi\n1;A;1.350;0.75\n2;B;2.500.000;0.5\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_COLUMN);
    assert_style(l.t, 3, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_value(l.t, 0, 2, "1350");
    report_free(l.r);

    l = load_csv("No;Indikator;Target;Realisasi\n1;A;1.350;2\n2;B;0.25;3\n");
    assert_style(l.t, 2, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_value(l.t, 0, 2, "1.350");
    report_free(l.r);
}

/* A column without evidence of its own follows the table's other columns
 * when they agree with the file's style; not when they disagree. */
static void test_table_fallback(void **state)
{
    (void)state;
    loaded l = load_csv("No;Indikator;Target;Realisasi\n1;A;4.179;50,3\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_TABLE);
    report_free(l.r);

    /* near miss: the other columns disagree among themselves */
    l = load_csv("No;Indikator;Target;Realisasi;Pagu;%\n1;A;4.179;5;749.930.215;95.56\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    report_free(l.r);

    /* near miss: the table agrees, but with the style the file did not
     * choose (a document whose other tables are Indonesian) */
    l = load_as("## Tabel 1\n\nNo\tIndikator\tTarget\tRealisasi\n1\tA\t1.234.567\t2,5\n2\tB\t7,25\t8,5\n\n"
                "## Tabel 2\n\nNo\tIndikator\tTarget\tRealisasi\n1\tC\t1.350\t95.56\n",
                ".md", STYLE_AUTO);
    assert_int_equal(table_number_style(l.t), NUMBER_STYLE_ID);
    assert_style(l.t, 3, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_true(table_cell(l.t, 0, 2)->num.flags & NUMBER_AMBIGUOUS);
    report_free(l.r);
}

/* Row numbers, "1.Sub Kegiatan" and numbered texts do not vote; the
 * number column and word columns never do. */
static void test_non_voters(void **state)
{
    (void)state;
    loaded l = load_csv("No;Program;Target;Realisasi\n"
                        "1.;1.Sub Kegiatan A;1.350;1.400\n"
                        "2.;2.Sub Kegiatan B;2.100;2.000\n"
                        "3.1;3. Sub Kegiatan C;1.;2.\n");
    assert_int_equal(table_number_style(l.t), NUMBER_STYLE_ID);
    assert_style(l.t, 0, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_style(l.t, 3, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_value(l.t, 0, 2, "1350");
    report_free(l.r);
}

/* Near misses inside one column: a tie is no evidence (file style); a
 * majority decides and the odd cell is unreadable, named by its note. */
static void test_split_column(void **state)
{
    (void)state;
    loaded l = load_csv("No;Indikator;Target;Realisasi\n1;A;2,5;3\n2;B;93.6;4\n");
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FILE);
    assert_int_equal(table_cell(l.t, 1, 2)->num.kind, NUMBER_INVALID);
    report_free(l.r);

    l = load_csv("No;Indikator;Target;Realisasi\n1;A;98.74;3\n2;B;97.72;4\n3;C;98,07;5\n");
    assert_style(l.t, 2, NUMBER_STYLE_EN, STYLE_BASIS_COLUMN);
    assert_value(l.t, 0, 2, "98.74");
    const cell *odd = table_cell(l.t, 2, 2);
    assert_int_equal(odd->num.kind, NUMBER_INVALID);
    assert_string_equal(odd->num.note, "decimal comma where decimal point expected");
    /* the rest of the row is still read */
    assert_value(l.t, 2, 3, "5");
    report_free(l.r);
}

/* --number-style (or number_style in the settings) fixes every column. */
static void test_forced(void **state)
{
    (void)state;
    loaded l = load_as("No;Indikator;Target;Realisasi\n1;A;95.56;1.350\n", ".csv", STYLE_FORCE_ID);
    assert_style(l.t, 2, NUMBER_STYLE_ID, STYLE_BASIS_FORCED);
    assert_style(l.t, 3, NUMBER_STYLE_ID, STYLE_BASIS_FORCED);
    assert_int_equal(table_cell(l.t, 0, 2)->num.kind, NUMBER_INVALID);
    report_free(l.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_table),
        cmocka_unit_test(test_english_percentage_column),
        cmocka_unit_test(test_ambiguous_alone),
        cmocka_unit_test(test_ambiguous_decided_by_column),
        cmocka_unit_test(test_table_fallback),
        cmocka_unit_test(test_non_voters),
        cmocka_unit_test(test_split_column),
        cmocka_unit_test(test_forced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
