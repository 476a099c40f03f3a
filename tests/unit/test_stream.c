/*
 * test_stream.c — cmocka tests for a long-form export read as it streams
 * (src/input/csv_stream.c) and cut into its reports (group_cutter in
 * src/input/groups.c, table_split_tail in src/model/table.c): the reports
 * are the ones groups_split makes from the whole load, with the same
 * captions and rows; a file whose report comes back is seen; files
 * csv_load would read otherwise do not stream.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "tmpdir.h"

#include "input/csv_load.h"
#include "input/csv_stream.h"
#include "input/groups.h"
#include "input/table_build.h"
#include "model/report.h"
#include "model/table.h"

static const char sorted_csv[] =
    "tahun;instansi;tabel;no;indikator;satuan;target;realisasi;capaian\n"
    "2019;Dinas A;PK;1;Indikator satu;%;80;76;95,00\n"
    "2019;Dinas A;PK;2;Indikator dua;%;80;80;100,00\n"
    "2019;Dinas A;IKU;1;Indikator tiga;%;10;5;50,00\n"
    "2020;Dinas A;PK;1;Indikator satu;%;82;79;96,34\n"
    "2020;Dinas B;PK;1;\"Indikator\nempat\";%;1.000;900;90,00\n"
    "2020;Dinas B;PK;2;Indikator lima;%;5,5;5,5;100,00\n";

/* The finished reports' keys in a file (group_cutter_spool), not memory. */
static bool spool_keys;

/* The reports streaming gives, one string each: caption|row lines of every table. */
static size_t stream_reports(const char *path, char out[][256], size_t max, bool *again_seen)
{
    report *whole = report_new(STYLE_AUTO);
    csv_stream *cs;
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 1, &cs), 1);
    table_builder *b = csv_stream_builder(cs);
    group_options go = { 0 };
    group_cutter *cut = group_cutter_new(whole, table_builder_table(b), &go);
    assert_non_null(cut);
    if (spool_keys) group_cutter_spool(cut, tmpfile());
    size_t n = 0, row;
    int rc;
    *again_seen = false;
    table *done[16];
    size_t ndone = 0;
    for (;;) {
        rc = csv_stream_next(cs, &row);
        assert_true(rc >= 0);
        table *rows = NULL;
        if (rc == 2) {
            rows = table_builder_cut(b, table_row_count(table_builder_table(b)));
        } else if (rc == 1) {
            bool again;
            if (!group_cutter_same(cut, table_builder_table(b), row, &again)) rows = table_builder_cut(b, row);
            *again_seen |= again;
        }
        if (rows && table_row_count(rows) && n >= max) {
            report_free(group_cutter_report(cut, &rows));    /* complete, not shown (rows NULL when it took them) */
        } else if (rows && table_row_count(rows)) {
            report *g = group_cutter_report(cut, &rows);
            out[n][0] = '\0';
            for (size_t t = 0; t < report_table_count(g); t++) {
                const table *tab = report_table(g, t);
                size_t k = strlen(out[n]);
                snprintf(out[n] + k, 256 - k, "%s|", table_caption(tab));
                for (size_t r = 0; r < table_row_count(tab); r++) {
                    k = strlen(out[n]);
                    snprintf(out[n] + k, 256 - k, "%d:%s ", table_row_line(tab, r), table_cell(tab, r, 4)->text);
                }
            }
            n++;
            report_free(g);
        }
        if (rows) {
            if (ndone == sizeof done / sizeof *done) {      /* many reports: those before are done with */
                for (size_t i = 0; i < ndone; i++) table_free(done[i]);
                ndone = 0;
            }
            done[ndone++] = rows;
        }
        if (rc == 2) break;
    }
    for (size_t i = 0; i < ndone; i++) table_free(done[i]);
    group_cutter_free(cut);
    csv_stream_free(cs);
    report_free(whole);
    return n;
}

static void test_same_reports_as_whole(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *path = tmp_write(&d, "long.csv", sorted_csv);
    char streamed[8][256];
    bool again;
    size_t n = stream_reports(path, streamed, 8, &again);
    assert_false(again);

    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(csv_load(r, path, &err), 0);
    report **groups;
    size_t ngroups;
    group_options go = { 0 };
    assert_int_equal(groups_split(r, &go, &groups, &ngroups, &err), 0);
    assert_int_equal(n, ngroups);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < ngroups; i++) {
        char whole[256] = "";
        for (size_t t = 0; t < report_table_count(groups[i]); t++) {
            const table *tab = report_table(groups[i], t);
            size_t k = strlen(whole);
            snprintf(whole + k, sizeof whole - k, "%s|", table_caption(tab));
            for (size_t row = 0; row < table_row_count(tab); row++) {
                k = strlen(whole);
                snprintf(whole + k, sizeof whole - k, "%d:%s ", table_row_line(tab, row), table_cell(tab, row, 4)->text);
            }
        }
        assert_string_equal(streamed[i], whole);
    }
    /* the quoted two-line indicator keeps the line it starts on */
    assert_non_null(strstr(streamed[2], "6:Indikator empat"));
    groups_free(groups, ngroups);
    report_free(r);
    tmp_close(&d);
}

/* sorted_csv with each "\n" outside the quoted field made `end` (every
 * other line's when alternate: "\r\n", "\r" and "\n" in turn). */
static char *with_line_ends(const char *end, bool alternate)
{
    static const char *const turns[] = { "\r\n", "\r", "\n" };
    char *out = malloc(sizeof sorted_csv * 2);
    assert_non_null(out);
    size_t n = 0, k = 0;
    bool quoted = false;
    for (const char *p = sorted_csv; *p; p++) {
        if (*p == '"') quoted = !quoted;
        if (*p != '\n' || quoted) {
            out[n++] = *p;
            continue;
        }
        const char *e = alternate ? turns[k++ % 3] : end;
        memcpy(out + n, e, strlen(e));
        n += strlen(e);
    }
    out[n] = '\0';
    return out;
}

/* Lines ended by "\r\n", "\r" or a mix stream to the same reports and
 * line numbers as "\n" lines (csv_stream's next_line looks for a '\r'
 * once through its buffer when there is none). */
static void test_line_ends(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    char want[8][256], got[8][256];
    bool again;
    size_t n = stream_reports(tmp_write(&d, "lf.csv", sorted_csv), want, 8, &again);
    assert_int_equal(n, 3);
    const char *ends[] = { "\r\n", "\r", NULL };
    for (int i = 0; i < 3; i++) {
        char *text = with_line_ends(ends[i], ends[i] == NULL);
        char name[16];
        snprintf(name, sizeof name, "ends%d.csv", i);
        assert_int_equal(stream_reports(tmp_write(&d, name, text), got, 8, &again), n);
        for (size_t k = 0; k < n; k++) assert_string_equal(got[k], want[k]);
        free(text);
    }
    tmp_close(&d);
}

static void test_report_coming_back_is_seen(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *path = tmp_write(&d, "unsorted.csv",
        "tahun;instansi;no;indikator;target;realisasi;capaian\n"
        "2019;Dinas A;1;Satu;80;76;95,00\n"
        "2019;Dinas B;1;Satu;80;76;95,00\n"
        "2019;Dinas A;2;Dua;80;80;100,00\n");
    char streamed[8][256];
    bool again;
    stream_reports(path, streamed, 8, &again);
    assert_true(again);
    spool_keys = true;
    stream_reports(path, streamed, 8, &again);
    assert_true(again);
    spool_keys = false;
    tmp_close(&d);
}

/* 20 000 reports of a row each, the keys in memory or in a file: none
 * seen again while the file is sorted (every report's key looked up among
 * thousands, the file's filter saying "maybe" for some), and a report
 * that comes back at the end always seen. */
static void test_many_reports_coming_back(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    enum { REPORTS = 20000 };
    char *text = malloc((size_t)REPORTS * 64 + 256);
    assert_non_null(text);
    size_t n = (size_t)sprintf(text, "tahun;instansi;no;indikator;target;realisasi;capaian\n");
    for (int i = 0; i < REPORTS; i++) n += (size_t)sprintf(text + n, "2019;Dinas %d;1;Satu;80;76;95,00\n", i);
    const char *sorted = tmp_write(&d, "sorted.csv", text);
    char streamed[8][256];
    bool again;
    for (int spool = 0; spool < 2; spool++) {
        spool_keys = spool;
        stream_reports(sorted, streamed, 8, &again);
        assert_false(again);
    }
    for (int back = 0; back < REPORTS; back += 4999) {
        sprintf(text + n, "2019;Dinas %d;2;Dua;80;80;100,00\n", back);
        char name[32];
        snprintf(name, sizeof name, "back%d.csv", back);
        const char *unsorted = tmp_write(&d, name, text);
        for (int spool = 0; spool < 2; spool++) {
            spool_keys = spool;
            stream_reports(unsorted, streamed, 8, &again);
            assert_true(again);
        }
        text[n] = '\0';
    }
    spool_keys = false;
    free(text);
    tmp_close(&d);
}

static void test_not_streamed(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    csv_stream *cs;
    /* not UTF-8 under a UTF-8 mark, a byte Windows-1252 leaves undefined, a
     * NUL byte, an unclosed quote, no header, a ragged row: csv_load's to
     * read or refuse */
    assert_int_equal(csv_stream_open(tmp_write(&d, "a.csv", "\xEF\xBB\xBFtahun;instansi;indikator;target;realisasi\n2019;Dinas \xC9;x;1;1\n"), STYLE_AUTO, 1, &cs), 0);
    assert_int_equal(csv_stream_open(tmp_write(&d, "a2.csv", "tahun;instansi;indikator;target;realisasi\n2019;Dinas \xC9;x;1;1\n2019;B\x81;x;1;1\n"), STYLE_AUTO, 1, &cs), 0);
    assert_int_equal(csv_stream_open(tmp_write(&d, "b.csv", "tahun;instansi;indikator;target;realisasi\n2019;\"Dinas;x;1;1\n"), STYLE_AUTO, 1, &cs), 0);
    assert_int_equal(csv_stream_open(tmp_write(&d, "c.csv", "a;b\n1;2\n"), STYLE_AUTO, 1, &cs), 0);
    assert_int_equal(csv_stream_open(tmp_write(&d, "d.csv", "tahun;instansi;indikator;target;realisasi\n2019;A;x;1\n"), STYLE_AUTO, 1, &cs), 0);
    /* a NUL byte in an ASCII line, in a line's first 32 bytes (looked at a
     * word at a time) and in its tail (a byte at a time): refused, as
     * csv_load refuses it (a fuzz regression: the stream took the line) */
    static const char nul_long[] = "tahun;instansi;indikator;target;realisasi\n2019;A\0B;indikator satu dua tiga;1;1\n";
    static const char nul_short[] = "tahun;instansi;indikator;target;realisasi\n2019;A;x;1;1\0\n";
    const char *const nul_files[] = { nul_long, nul_short };
    const size_t nul_sizes[] = { sizeof nul_long - 1, sizeof nul_short - 1 };
    for (int k = 0; k < 2; k++) {
        const char *path = tmp_write(&d, "e.csv", "");
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(nul_files[k], 1, nul_sizes[k], f), nul_sizes[k]);
        fclose(f);
        assert_int_equal(csv_stream_open(path, STYLE_AUTO, 1, &cs), 0);
    }
    /* a NUL, or a byte that is not UTF-8, at every place of lines of 1
     * to 34 bytes and some longer (csv_stream.c's all_ascii looks at
     * sixteen bytes at a time, the last ones of a line as the sixteen
     * before its end): a NUL is never streamed, a lone \xC9 makes the
     * file Windows-1252, and the same lines without either stream as
     * UTF-8 */
    for (size_t len = 1; len <= 70; len = len < 34 ? len + 1 : len + 12) {
        for (size_t at = 0; at < len; at++) {
            char text[160];
            size_t n = (size_t)snprintf(text, sizeof text, "tahun;instansi;indikator;target;realisasi\n2019;A;x;1;");
            for (size_t k = 0; k < len; k++) text[n + k] = (char)('a' + k % 26);
            const char bad[] = { '\0', '\xC9', 'z' };
            for (int b = 0; b < 3; b++) {
                text[n + at] = bad[b];
                text[n + len] = '\n';
                const char *path = tmp_write(&d, "f.csv", "");
                FILE *f = fopen(path, "wb");
                assert_non_null(f);
                assert_int_equal(fwrite(text, 1, n + len + 1, f), n + len + 1);
                fclose(f);
                int rc = csv_stream_open(path, STYLE_AUTO, 1, &cs);
                assert_int_equal(rc, b == 0 ? 0 : 1);
                if (rc != 1) continue;
                bool assumed;
                assert_string_equal(csv_stream_encoding(cs, &assumed), b == 1 ? "Windows-1252" : "UTF-8");
                csv_stream_free(cs);
            }
        }
    }
    tmp_close(&d);
}

/* Bytes that are not UTF-8: Windows-1252, as csv_load reads them, each
 * line decoded; the cells hold UTF-8 */
static void test_windows_1252_streamed(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    csv_stream *cs;
    const char *path = tmp_write(&d, "w.csv",
        "tahun;instansi;no;indikator;target;realisasi;capaian\n"
        "2019;Dinas \xC9;1;Indikator \x93satu\x94;80;76;95,00\n"
        "2019;Dinas \xC9;2;Dua;80;80;100,00\n");
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 1, &cs), 1);
    bool assumed;
    assert_string_equal(csv_stream_encoding(cs, &assumed), "Windows-1252");
    assert_true(assumed);
    size_t row;
    assert_int_equal(csv_stream_next(cs, &row), 1);
    const table *t = table_builder_table(csv_stream_builder(cs));
    assert_string_equal(table_cell(t, row, 1)->text, "Dinas \xC3\x89");
    assert_string_equal(table_cell(t, row, 3)->text, "Indikator \xE2\x80\x9Csatu\xE2\x80\x9D");
    csv_stream_free(cs);
    assert_int_equal(csv_stream_open(tmp_write(&d, "u.csv", sorted_csv), STYLE_AUTO, 1, &cs), 1);
    assert_string_equal(csv_stream_encoding(cs, &assumed), "UTF-8");
    assert_false(assumed);
    csv_stream_free(cs);
    tmp_close(&d);
}

static void test_split_tail(void **state)
{
    (void)state;
    table *t = table_new("x.csv", 1, NUMBER_STYLE_ID);
    const char *headers[] = { "No", "Indikator", "Target" };
    enum col_role roles[] = { COL_NO, COL_INDIKATOR, COL_TARGET };
    table_set_header(t, 1, 3, headers, roles, NULL);
    const char *group[] = { "", "PROGRAM A", "" }, *data[] = { "1", "Satu", "1,5" };
    table_add_row(t, 2, ROW_GROUP, group, NULL);
    table_add_row(t, 3, ROW_DATA, data, NULL);
    table_add_row(t, 4, ROW_GROUP, group, NULL);
    table_add_row(t, 5, ROW_DATA, data, NULL);
    table *tail = table_split_tail(t, 2);
    assert_int_equal(table_row_count(t), 2);
    assert_int_equal(table_row_count(tail), 2);
    assert_int_equal(table_row_line(tail, 0), 4);
    assert_string_equal(table_row_group(tail, 1), "PROGRAM A");   /* its group row came along */
    assert_string_equal(table_cell(tail, 1, 2)->text, "1,5");
    assert_int_equal(table_cell(tail, 1, 2)->num.kind, NUMBER_VALUE);
    assert_string_equal(table_column_header(tail, 1), "Indikator");
    table_free(t);
    /* rows added after the split go on in the tail */
    table_add_row(tail, 6, ROW_DATA, data, NULL);
    assert_string_equal(table_row_group(tail, 2), "PROGRAM A");
    table_free(tail);
}

/* Two tables' rows the same: line, kind, group, and every cell (text,
 * filled, and the number: kind, value, flags, unit, note). */
static void assert_same_rows(const table *a, const table *b)
{
    assert_int_equal(table_row_count(a), table_row_count(b));
    assert_int_equal(table_column_count(a), table_column_count(b));
    for (size_t r = 0; r < table_row_count(a); r++) {
        assert_int_equal(table_row_line(a, r), table_row_line(b, r));
        assert_int_equal(table_row_kind(a, r), table_row_kind(b, r));
        const char *ga = table_row_group(a, r), *gb = table_row_group(b, r);
        assert_string_equal(ga ? ga : "(none)", gb ? gb : "(none)");
        for (size_t c = 0; c < table_column_count(a); c++) {
            const cell *x = table_cell(a, r, c), *y = table_cell(b, r, c);
            assert_string_equal(x->text, y->text);
            assert_int_equal(x->filled, y->filled);
            assert_int_equal(x->num.kind, y->num.kind);
            assert_int_equal(x->num.flags, y->num.flags);
            assert_string_equal(x->num.unit, y->num.unit);
            assert_string_equal(x->num.note, y->num.note);
            if (x->num.kind == NUMBER_VALUE) {
                assert_int_equal(x->num.value.coef, y->num.value.coef);
                assert_int_equal(x->num.value.scale, y->num.value.scale);
            }
        }
    }
}

/* table_add_row_packed (texts one after the other, measured by where the
 * next begins, copied in one piece) gives the rows table_add_row gives:
 * random rows of words, numbers of every kind, units, notes and empty
 * cells, in text and number columns of both styles. */
static void test_packed_row(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "", "", "12", "1.234", "1.234,5", "98,76", "-5", "12 %", "Rp 1.000", "n/a", "-", "1.", "abc",
        "Dinas A", "0,5", "12.345.678,90", "3,1e2", "1 234", "(1)", "NaN", "100%", "x y", "2019",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    const char *headers[] = { "No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian" };
    enum col_role roles[] = { COL_NO, COL_SASARAN, COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    enum number_style styles[] = { NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID,
                                   NUMBER_STYLE_EN, NUMBER_STYLE_ID };
    enum style_basis bases[6] = { STYLE_BASIS_FILE, STYLE_BASIS_FILE, STYLE_BASIS_FILE, STYLE_BASIS_COLUMN,
                                  STYLE_BASIS_COLUMN, STYLE_BASIS_FILE };
    table *general = table_new("x.csv", 1, NUMBER_STYLE_ID), *packed = table_new("x.csv", 1, NUMBER_STYLE_ID);
    table *tabs[2] = { general, packed };
    for (int k = 0; k < 2; k++) {
        table_set_header(tabs[k], 1, 6, headers, roles, NULL);
        table_set_column_styles(tabs[k], styles, bases);
    }
    unsigned seed = 5;
    for (int i = 0; i < 5000; i++) {
        const char *texts[6];
        bool filled[6];
        char line[256];
        const char *at[6];
        size_t n = 0;
        for (size_t c = 0; c < 6; c++) {
            seed = seed * 1103515245u + 12345u;
            texts[c] = pieces[(seed >> 16) % npieces];
            filled[c] = (seed >> 8) % 7 == 0;
            size_t len = strlen(texts[c]);
            memcpy(line + n, texts[c], len + 1);
            at[c] = line + n;
            n += len + 1;
        }
        /* a stray byte after the last NUL: not part of the row */
        line[n] = 'Z';
        enum row_kind kind = (enum row_kind)(seed >> 4) % 3;
        size_t a = table_add_row(general, i + 2, kind, texts, i % 2 ? filled : NULL);
        size_t b = table_add_row_packed(packed, i + 2, kind, at, i % 2 ? filled : NULL);
        assert_int_equal(a, b);
    }
    assert_same_rows(general, packed);
    table_free(general);
    table_free(packed);
}

/* A streamed file's rows, most from plain lines whose fields are copied
 * in one piece (table_add_row_packed), others not (blanks around a
 * field, markup, quotes, merged cells filled from above, wrapped lines),
 * are the rows the whole load builds, cell for cell. */
static void test_packed_stream_as_whole(void **state)
{
    (void)state;
    static const char csv[] =
        "tahun;instansi;tabel;no;sasaran;indikator;satuan;arah;target;realisasi;capaian\n"
        "2019;Dinas A;PK;1;Sasaran satu;Indikator satu;%;naik;80;76;95,00\n"
        "2019;Dinas A;PK;2;;Indikator dua;%;naik;1.234;1.000,5;81,04\n"
        "2019;Dinas A;PK;3; Sasaran dua ;Indikator tiga ;orang;turun;12 %;Rp 1.000;n/a\n"
        "2019;Dinas A;PK;;;lanjutan indikator;;;;;\n"
        "2019;Dinas A;PK;4;<b>Sasaran tiga</b>;Indikator  empat;kasus;naik;-;-5;1.\n"
        "2019;Dinas A;PK;5;;\"Indikator; lima\";%;naik;0,5;12.345.678,90;3,1e2\n"
        "2019;Dinas A;PK;;;;;;;;\n"
        "2019;Dinas A;PK;Jumlah;;;;;100;90;90,00\n"
        "2019;Dinas A;PK;6;URUSAN SOSIAL;;;;;;\n"
        "2019;Dinas A;PK;7;;Indikator tujuh;%;naik;1 234;(1);100%\n"
        "2019;Dinas A;PK;8;;Indikator delapan;%;naik;;;\n";
    /* a report's own table: group rows, a numbered row without values
     * (data, unless a text is a section label), a wrapped indicator line,
     * merged sasaran cells */
    static const char table_csv[] =
        "No;Sasaran;Indikator;Satuan;Target;Realisasi;Capaian\n"
        "(1);(2);(3);(4);(5);(6);(7)\n"
        ";PROGRAM PENDIDIKAN;;;;;\n"
        "1;Sasaran satu;Indikator satu;%;80;76;95,00\n"
        ";;yang panjang sekali;;;;\n"
        "2;;Indikator dua;%;;;\n"
        "3;Sasaran dua;Indikator tiga;orang;1.234;1.000,5;81,04\n"
        "4;<b>Sasaran tiga</b>;Indikator empat;%;;;\n"
        ";;Jumlah;;100;90;90,00\n";
    const char *const files[] = { csv, table_csv };
    tmpdir d;
    tmp_open(&d);
    for (int k = 0; k < 2; k++) {
        const char *path = tmp_write(&d, "packed.csv", files[k]);
        report *whole = report_new(STYLE_AUTO);
        load_error err;
        assert_int_equal(csv_load(whole, path, &err), 0);
        assert_int_equal(report_table_count(whole), 1);
        csv_stream *cs;
        assert_int_equal(csv_stream_open(path, STYLE_AUTO, 1, &cs), 1);
        size_t row;
        int rc;
        while ((rc = csv_stream_next(cs, &row)) != 2) assert_true(rc >= 0);
        const table *streamed = table_builder_table(csv_stream_builder(cs));
        assert_true(table_row_count(streamed) >= 6);
        assert_same_rows(streamed, report_table(whole, 0));
        csv_stream_free(cs);
        report_free(whole);
    }
    tmp_close(&d);
}

/* The survey's one-pass vote (table_builder_vote_both, with the modes
 * worked out once) gives what the two votes give apart: the file's
 * (record_style_evidence) and the columns' (table_builder_vote), on
 * random records narrower and wider than the header, under a header
 * with word columns, value columns and columns of no role, and columns
 * past the header. */
static char **fields_of(const char *const *texts, size_t n)
{
    char **f = calloc(n ? n : 1, sizeof *f);
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) f[i] = strdup(texts[i]);
    return f;
}

static void test_vote_both(void **state)
{
    (void)state;
    static const char *const header[] = { "No", "Instansi", "Indikator", "Satuan", "Target", "Realisasi", "Capaian" };
    /* wider than the header: a document's builder (not strict) keeps the
     * columns past it, which take part in the columns' vote only */
    static const char *const second[] = { "1", "Dinas A", "Indikator", "%", "1.234", "5,5", "98", "x", "1,5" };
    static const char *const pieces[] = {
        "", "1", "1.", "12.5", "1.234", "1.234,5", "1,234.5", "53,57", "0,5", "1.000.000", "Dinas", "n/a",
        "12 %", "<b>1,5</b>", " 2.5 ", "3.1", "(1)", "1. Persentase", "Rp 1.500,00", "2019", "0.123,4",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    record_list head = { 0 };
    record_list_push(&head, 1, fields_of(header, 7), 7);
    record_list_push(&head, 2, fields_of(second, 9), 9);
    build_options o = { .file = "x.csv", .strict = false };
    size_t next;
    load_error err;
    table_builder *b = table_builder_start(&head, &o, &next, &err);
    assert_non_null(b);
    const record *hr = &head.items[0];
    bool *text_col = style_text_columns(hr);
    size_t nmodes;
    unsigned char *modes = table_builder_vote_modes(b, hr, text_col, &nmodes);
    size_t ncols = table_builder_columns(b);
    long id1[16] = { 0 }, en1[16] = { 0 }, id2[16] = { 0 }, en2[16] = { 0 }, file1 = 0, file2 = 0;
    assert_int_equal(ncols, 9);
    /* and a builder that counts the votes as it adds the rows
     * (table_builder_add_voting: a cell read as a number gives its vote),
     * its columns in both styles */
    table_builder *b2 = table_builder_start(&head, &o, &next, &err);
    assert_non_null(b2);
    long styles_id[16], styles_en[16], id3[16] = { 0 }, en3[16] = { 0 }, file3 = 0;
    for (size_t c = 0; c < 16; c++) styles_id[c] = (long)(c % 2), styles_en[c] = (long)(1 - c % 2);
    table_builder_set_styles(b2, styles_id, styles_en);
    unsigned seed = 9;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 11;
        const char *texts[11];
        for (size_t c = 0; c < n; c++) {
            seed = seed * 1103515245u + 12345u;
            texts[c] = pieces[(seed >> 16) % npieces];
        }
        char **f = fields_of(texts, n);
        record r = { .line = i + 3, .nfields = n, .fields = f };
        file1 += table_builder_vote_both(modes, nmodes, &r, id1, en1);
        file2 += record_style_evidence(hr, text_col, &r);
        table_builder_vote(b, &r, id2, en2);
        /* the fields one after the other, as a streamed plain line's */
        char line[256], *pf[11];
        size_t at = 0;
        for (size_t c = 0; c < n; c++) {
            size_t k = strlen(texts[c]);
            memcpy(line + at, texts[c], k + 1);
            pf[c] = line + at;
            at += k + 1;
        }
        record rp = { .line = i + 3, .nfields = n, .fields = pf, .packed = true };
        assert_int_equal(table_builder_add_voting(b2, &rp, modes, nmodes, id3, en3, &file3, &err), 0);
        for (size_t c = 0; c < n; c++) free(f[c]);
        free(f);
    }
    assert_int_equal(file1, file2);
    assert_int_equal(file1, file3);
    assert_true(file1 != 0);
    for (size_t c = 0; c < ncols; c++) {
        assert_int_equal(id1[c], id2[c]);
        assert_int_equal(en1[c], en2[c]);
        assert_int_equal(id1[c], id3[c]);
        assert_int_equal(en1[c], en3[c]);
    }
    assert_true(table_row_count(table_builder_table(b2)) > 0);
    table_builder_free(b2);
    free(modes);
    free(text_col);
    table_builder_free(b);
    record_list_free(&head);
}

/* table_builder_fits (a record as wide as the header fits at once)
 * answers as its definition: in strict mode, blank and separator records
 * fit, others when they have at least the header's fields and no
 * non-empty field past them; records of 0-8 fields, empty, blank, dashes
 * and words, under a strict header of 5. */
static void test_fits(void **state)
{
    (void)state;
    static const char *const header[] = { "No", "Indikator", "Target", "Realisasi", "Capaian" };
    static const char *const second[] = { "1", "Satu", "1", "1", "100" };
    static const char *const pieces[] = { "", " ", "--", ":", "x", "1,5", "-" };
    record_list head = { 0 };
    record_list_push(&head, 1, fields_of(header, 5), 5);
    record_list_push(&head, 2, fields_of(second, 5), 5);
    build_options o = { .file = "x.csv", .strict = true };
    size_t next, fitting = 0;
    load_error err;
    table_builder *b = table_builder_start(&head, &o, &next, &err);
    assert_non_null(b);
    unsigned seed = 17;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 9;
        const char *texts[9];
        for (size_t c = 0; c < n; c++) {
            seed = seed * 1103515245u + 12345u;
            texts[c] = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
        }
        char **f = fields_of(texts, n);
        record r = { .line = i + 3, .nfields = n, .fields = f };
        bool want = record_is_blank(&r) || record_is_separator(&r) || (n >= 5 && record_width(&r) <= 5);
        assert_int_equal(table_builder_fits(b, &r), want);
        fitting += want;
        for (size_t c = 0; c < n; c++) free(f[c]);
        free(f);
    }
    assert_true(fitting > 2000 && fitting < 18000);
    table_builder_free(b);
    record_list_free(&head);
}

/* ---- the survey in two parts (csv_stream.c: survey, split_point) ---- */

/* Everything a stream gives, folded: the encoding, each column's number
 * style and basis, every row's line, kind and cells (text, kind, value).
 * 0 when the file does not stream. */
static uint64_t stream_digest(const char *path, int threads, size_t *rows)
{
    csv_stream *cs;
    *rows = 0;
    if (csv_stream_open(path, STYLE_AUTO, threads, &cs) != 1) return 0;
    uint64_t h = 1469598103934665603u;
#define FOLD(p, n) do { const unsigned char *q_ = (const unsigned char *)(p); \
        for (size_t i_ = 0; i_ < (n); i_++) h = (h ^ q_[i_]) * 1099511628211u; } while (0)
    bool assumed;
    const char *enc = csv_stream_encoding(cs, &assumed);
    FOLD(enc, strlen(enc));
    table_builder *b = csv_stream_builder(cs);
    const table *t = table_builder_table(b);
    for (size_t c = 0; c < table_column_count(t); c++) {
        int st[2] = { (int)table_column_number_style(t, c), (int)table_column_style_basis(t, c) };
        FOLD(st, sizeof st);
    }
    size_t row;
    int rc;
    while ((rc = csv_stream_next(cs, &row)) != 2) {
        assert_true(rc >= 0);
        if (rc == 0) continue;
        t = table_builder_table(b);
        int head[2] = { table_row_line(t, row), (int)table_row_kind(t, row) };
        FOLD(head, sizeof head);
        for (size_t c = 0; c < table_column_count(t); c++) {
            const cell *x = table_cell(t, row, c);
            FOLD(x->text, strlen(x->text) + 1);
            long long v[3] = { x->num.kind, x->num.value.coef, x->num.value.scale };
            FOLD(v, sizeof v);
        }
        table_free(table_builder_cut(b, table_row_count(t)));
        t = table_builder_table(b);
        (*rows)++;
    }
#undef FOLD
    csv_stream_free(cs);
    return h;
}

/* A file over the size the survey splits at: `rows` data rows whose
 * target cells read the same in both styles ("1.234"), then `tail` at
 * the end; `middle`, when not NULL, replaces the indikator of the row
 * nearest the middle of the file. */
static char *big_csv(size_t rows, const char *middle, const char *tail)
{
    size_t cap = rows * 80 + (middle ? strlen(middle) : 0) + strlen(tail) + 256, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    len += (size_t)snprintf(s, cap, "tahun;instansi;no;indikator;target;realisasi;capaian\n");
    for (size_t i = 0; i < rows; i++) {
        const char *ind = middle && i == rows / 2 ? middle : "Indikator kinerja";
        len += (size_t)snprintf(s + len, cap - len, "2019;Dinas A;%zu;%s;1.234;5.678;98\n", i + 1, ind);
    }
    len += (size_t)snprintf(s + len, cap - len, "%s", tail);
    return s;
}

/* A quoted field of `lines` lines ("baris" each), quotes included. */
static char *quoted_lines(size_t lines)
{
    char *q = malloc(lines * 6 + 3);
    assert_non_null(q);
    q[0] = '"';
    for (size_t i = 0; i < lines; i++) memcpy(q + 1 + i * 6, "baris\n", 6);
    memcpy(q + 1 + lines * 6, "\"", 2);
    return q;
}

static void assert_same_stream(const char *path, bool streams)
{
    size_t rows1, rows2;
    uint64_t one = stream_digest(path, 1, &rows1), two = stream_digest(path, 2, &rows2);
    assert_int_equal(one != 0, streams);
    if (one != two) fprintf(stderr, "%s: %llx %zu / %llx %zu\n", path, (unsigned long long)one, rows1, (unsigned long long)two, rows2);
    assert_true(one == two);
    assert_int_equal(rows1, rows2);
}

static void test_survey_in_two_parts(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    setenv("LAKIP_GUESS_BYTES", "0", 1);           /* the whole survey, not a guess */
    /* the only votes come at the end, in the second part: the columns
     * take them (target and realisasi English, read 1.234 as a decimal) */
    char *s = big_csv(50000, NULL, "2019;Dinas A;50001;x;2.5;3.25;98\n");
    assert_true(strlen(s) > 2u << 20);
    const char *path = tmp_write(&d, "votes.csv", s);
    assert_same_stream(path, true);
    csv_stream *cs;
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
    const table *t = table_builder_table(csv_stream_builder(cs));
    assert_int_equal(table_column_number_style(t, 4), NUMBER_STYLE_EN);
    assert_int_equal(table_column_style_basis(t, 4), STYLE_BASIS_COLUMN);
    csv_stream_free(cs);
    free(s);

    /* a quoted field of many lines over the middle: the part before it
     * ends inside a record, so the rest is surveyed on one thread */
    char *quoted = quoted_lines(4000);
    s = big_csv(50000, quoted, "2019;Dinas A;50001;x;2.5;3.25;98\n");
    assert_same_stream(tmp_write(&d, "quoted.csv", s), true);
    free(s);
    /* a quote that never closes in the second part: not streamed either way */
    s = big_csv(50000, NULL, "2019;Dinas A;50001;\"x;2.5;3.25;98\n");
    assert_same_stream(tmp_write(&d, "unclosed.csv", s), false);
    free(s);
    /* a ragged row in the second part */
    s = big_csv(50000, NULL, "2019;Dinas A;50001;x;2.5\n");
    assert_same_stream(tmp_write(&d, "ragged.csv", s), false);
    free(s);
    /* a Windows-1252 byte in the second part: the whole file read so */
    s = big_csv(50000, NULL, "2019;Dinas \xC9;50001;x;2.5;3.25;98\n");
    path = tmp_write(&d, "cp1252.csv", s);
    assert_same_stream(path, true);
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
    bool assumed;
    assert_string_equal(csv_stream_encoding(cs, &assumed), "Windows-1252");
    csv_stream_free(cs);
    free(s);
    /* both: the survey starts again as Windows-1252, its first part having
     * read past the middle already (dropped at the split, read again) */
    s = big_csv(50000, quoted, "2019;Dinas \xC9;50001;x;2.5;3.25;98\n");
    assert_same_stream(tmp_write(&d, "both.csv", s), true);
    free(s);
    free(quoted);
    unsetenv("LAKIP_GUESS_BYTES");
    tmp_close(&d);
}

/* ---- reading from the survey's cuts (csv_stream_fork, pipeline_cuts.c) ---- */

/* A long-form file over the size the survey splits at: reports of seven
 * rows, each row naming its sasaran, or with merged set only the first
 * row of the file (the others left empty, filled in from above). */
static char *cut_csv(size_t rows, bool merged)
{
    size_t cap = rows * 120 + 256, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    len += (size_t)snprintf(s, cap, "tahun;instansi;no;sasaran;indikator;target;realisasi;capaian\n");
    for (size_t i = 0; i < rows; i++)
        len += (size_t)snprintf(s + len, cap - len, "2019;Dinas %zu;%zu;%s;Indikator %zu;80;76;95,00\n", i / 7, i % 7 + 1,
                                merged && i ? "" : "Sasaran pertama", i % 7);
    return s;
}

/* The builder's state after each row, the row alone in its table (as
 * when a report is cut off before it), by the row's line, for up to
 * max_rows rows; *first: the line of the first row. */
static char **states_by_line(csv_stream *cs, size_t nlines, size_t max_rows, size_t **lens, int *first)
{
    char **states = calloc(nlines, sizeof *states);
    *lens = calloc(nlines, sizeof **lens);
    assert_non_null(states);
    table_builder *b = csv_stream_builder(cs);
    *first = 0;
    size_t row;
    int rc;
    for (size_t n = 0; n < max_rows && (rc = csv_stream_next(cs, &row)) != 2; n++) {
        assert_true(rc >= 0);
        if (rc == 0) continue;
        table_free(table_builder_cut(b, row));
        int line = table_row_line(table_builder_table(b), 0);
        assert_true(line > 0 && (size_t)line < nlines);
        if (!*first) *first = line;
        free(states[line]);
        states[line] = table_builder_state(b, &(*lens)[line]);
    }
    return states;
}

static void free_states(char **states, size_t *lens, size_t n)
{
    for (size_t i = 0; i < n; i++) free(states[i]);
    free(states);
    free(lens);
}

/* A fork starts at its cut's line (the cuts of the survey's second part
 * too, counted from the split) and builds the rows the one reader builds:
 * the same state after every row, once the merged cells it fills in are
 * the same — when the file fills none, from its first row; when every
 * sasaran is filled in from the file's first row, never (the pipeline
 * then reads on alone). */
static void test_forks_meet(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    setenv("LAKIP_CUT_BYTES", "20000", 1);
    for (int merged = 0; merged < 2; merged++) {
        size_t rows = 30000, nlines = rows + 2;
        char *s = cut_csv(rows, merged);
        assert_true(strlen(s) > 1u << 20);              /* surveyed in two parts */
        const char *path = tmp_write(&d, "cut.csv", s);
        csv_stream *cs;
        assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
        size_t ncuts = csv_stream_cut_count(cs);
        assert_true(ncuts > 50);
        size_t *lens;
        int first;
        char **one = states_by_line(cs, nlines, SIZE_MAX, &lens, &first);
        assert_int_equal(first, 2);
        size_t same_at_first = 0;
        for (size_t k = 0; k < ncuts; k++) {
            int line = csv_stream_cut_line(cs, k);
            if (k) assert_true(line > csv_stream_cut_line(cs, k - 1));
            csv_stream *f = csv_stream_fork(cs, k);
            assert_non_null(f);
            size_t *flens;
            int ffirst;
            char **fork = states_by_line(f, nlines, 30, &flens, &ffirst);
            assert_int_equal(ffirst, line);             /* the cut's line is its record's */
            assert_non_null(fork[line]);
            for (int l = line; (size_t)l < nlines && fork[l]; l++) {
                assert_non_null(one[l]);
                bool same = lens[l] == flens[l] && memcmp(one[l], fork[l], lens[l]) == 0;
                if (!merged) assert_true(same);
                else assert_false(same);
                if (l == line) same_at_first += same;
                if (merged) break;
            }
            free_states(fork, flens, nlines);
            csv_stream_free(f);
        }
        assert_int_equal(same_at_first, merged ? 0 : ncuts);
        assert_null(csv_stream_fork(cs, ncuts));
        free_states(one, lens, nlines);
        csv_stream_free(cs);
        free(s);
    }
    unsetenv("LAKIP_CUT_BYTES");
    tmp_close(&d);
}

/* Reads every row of cs; the answer of the last csv_stream_next. */
static int read_all(csv_stream *cs)
{
    table_builder *b = csv_stream_builder(cs);
    size_t row;
    int rc;
    while ((rc = csv_stream_next(cs, &row)) >= 0 && rc != 2)
        if (rc == 1) table_free(table_builder_cut(b, table_row_count(table_builder_table(b))));
    return rc;
}

/* Reads rows of cs up to one past `line`; false at the end or a failure. */
static bool read_past(csv_stream *cs, int line)
{
    table_builder *b = csv_stream_builder(cs);
    size_t row;
    int rc;
    while ((rc = csv_stream_next(cs, &row)) == 0 || rc == 1) {
        if (rc == 0) continue;
        const table *t = table_builder_table(b);
        if (table_row_line(t, row) > line) return true;
        table_free(table_builder_cut(b, table_row_count(t)));
    }
    return false;
}

/* The number styles guessed from the file's first megabyte
 * (style_votes.h): checked against the votes the rows' readers count, and
 * surveyed whole when they do not hold; a Windows-1252 byte or an
 * unclosed quote past the guess's end as the whole survey finds them. */
static void test_guessed_styles(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    /* the only votes come at the end, past the guess: the guess (the
     * file's style for every column) does not hold, the whole survey
     * gives the columns their own */
    char *s = big_csv(50000, NULL, "2019;Dinas A;50001;x;2.5;3.25;98\n");
    const char *path = tmp_write(&d, "votes.csv", s);
    for (int threads = 1; threads <= 2; threads++) {
        csv_stream *cs;
        assert_int_equal(csv_stream_open(path, STYLE_AUTO, threads, &cs), 1);
        assert_true(csv_stream_guessed(cs));
        const table *t = table_builder_table(csv_stream_builder(cs));
        assert_int_equal(table_column_style_basis(t, 4), STYLE_BASIS_FILE);
        assert_int_equal(read_all(cs), 2);
        csv_stream_count_done(cs);
        assert_false(csv_stream_guess_held(cs));
        assert_int_equal(csv_stream_survey_whole(cs), 1);
        assert_false(csv_stream_guessed(cs));
        t = table_builder_table(csv_stream_builder(cs));
        assert_int_equal(table_column_number_style(t, 4), NUMBER_STYLE_EN);
        assert_int_equal(table_column_style_basis(t, 4), STYLE_BASIS_COLUMN);
        csv_stream_free(cs);
    }
    free(s);

    /* votes all through (the capaian "95,00" of every row): the guess
     * holds, read by one reader or by forks from the cuts, each range
     * counted by whichever reader read it whole */
    setenv("LAKIP_CUT_BYTES", "20000", 1);
    s = cut_csv(30000, false);
    path = tmp_write(&d, "cut.csv", s);
    csv_stream *cs;
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 1, &cs), 1);
    assert_true(csv_stream_guessed(cs));
    assert_int_equal(read_all(cs), 2);
    csv_stream_count_done(cs);
    assert_true(csv_stream_guess_held(cs));
    csv_stream_free(cs);
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
    size_t ncuts = csv_stream_cut_count(cs);
    assert_true(ncuts > 50);
    for (size_t k = 0; k < ncuts; k++) {
        /* each fork reads its range and a row past it, as a chunk's
         * reader reads past its end (the last one to the end) */
        csv_stream *f = csv_stream_fork(cs, k);
        int until = k + 1 < ncuts ? csv_stream_cut_line(cs, k + 1) : INT_MAX;
        if (until == INT_MAX) assert_int_equal(read_all(f), 2);
        else assert_true(read_past(f, until));
        csv_stream_count_done(f);
        csv_stream_free(f);
    }
    /* every range but the first counted, by the forks: not yet */
    assert_false(csv_stream_guess_held(cs));
    assert_true(read_past(cs, csv_stream_cut_line(cs, 0)));
    csv_stream_count_done(cs);          /* its first range whole: read past the first cut */
    assert_true(csv_stream_guess_held(cs));
    csv_stream_free(cs);
    unsetenv("LAKIP_CUT_BYTES");
    free(s);

    /* a Windows-1252 byte past the guess: the rows' reader stops there
     * (the caller surveys whole, which reads the file as Windows-1252) */
    s = big_csv(50000, NULL, "2019;Dinas \xC9;50001;x;2.5;3.25;98\n");
    path = tmp_write(&d, "cp1252.csv", s);
    assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
    assert_true(csv_stream_guessed(cs));
    assert_int_equal(read_all(cs), -1);
    assert_int_equal(csv_stream_survey_whole(cs), 1);
    bool assumed;
    assert_string_equal(csv_stream_encoding(cs, &assumed), "Windows-1252");
    assert_int_equal(read_all(cs), 2);
    csv_stream_free(cs);
    free(s);
    /* a quote that never closes, past the guess: not streamable, as when
     * surveyed whole */
    s = big_csv(50000, NULL, "2019;Dinas A;50001;\"x;2.5;3.25;98\n");
    assert_int_equal(csv_stream_open(tmp_write(&d, "unclosed.csv", s), STYLE_AUTO, 2, &cs), 0);
    free(s);
    tmp_close(&d);
}

/* The line of the row numbered `no` in big_csv's text s: the newlines
 * before it, plus one. */
static int line_of_row(const char *s, size_t no)
{
    char key[64];
    snprintf(key, sizeof key, "\n2019;Dinas A;%zu;", no);
    const char *at = strstr(s, key);
    assert_non_null(at);
    int line = 1;
    for (const char *p = s; p <= at; p++) line += *p == '\n';
    return line;
}

/* The scan for cuts past the guess, in two halves (scan_cuts_in_two):
 * every cut is a record start at the line it says, also those the
 * second half found (its lines counted from the split) and when a quoted
 * field of many lines runs over the split (the first half then goes on
 * alone). Checked by a fork at each cut: its first row is the row the
 * file has at that line, and the forks, each reading its range, hold
 * the guess (a record starting past a cut's line would not). */
static void test_cuts_scanned_in_two(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    setenv("LAKIP_GUESS_BYTES", "1000", 1);     /* the rest: nearly all the file, split near its middle */
    setenv("LAKIP_CUT_BYTES", "20000", 1);
    char *quoted = quoted_lines(4000);
    for (int q = 0; q < 2; q++) {
        /* the quoted field is row 25001's indikator: the middle of the file */
        char *s = big_csv(50000, q ? quoted : NULL, "");
        const char *path = tmp_write(&d, q ? "quoted.csv" : "plain.csv", s);
        assert_same_stream(path, true);
        csv_stream *cs;
        assert_int_equal(csv_stream_open(path, STYLE_AUTO, 2, &cs), 1);
        assert_true(csv_stream_guessed(cs));
        size_t ncuts = csv_stream_cut_count(cs);
        assert_true(ncuts > 100);
        for (size_t k = 0; k < ncuts; k++) {
            csv_stream *f = csv_stream_fork(cs, k);
            table_builder *b = csv_stream_builder(f);
            size_t row;
            int rc;
            while ((rc = csv_stream_next(f, &row)) == 0) {}
            assert_int_equal(rc, 1);
            const table *t = table_builder_table(b);
            int line = table_row_line(t, row);
            assert_int_equal(line, csv_stream_cut_line(cs, k));
            assert_int_equal(line, line_of_row(s, strtoul(table_cell(t, row, 2)->text, NULL, 10)));
            int until = k + 1 < ncuts ? csv_stream_cut_line(cs, k + 1) : INT_MAX;
            if (until == INT_MAX) assert_int_equal(read_all(f), 2);
            else assert_true(read_past(f, until));
            csv_stream_count_done(f);
            csv_stream_free(f);
        }
        assert_true(read_past(cs, csv_stream_cut_line(cs, 0)));
        csv_stream_count_done(cs);
        assert_true(csv_stream_guess_held(cs));
        csv_stream_free(cs);
        free(s);
    }
    free(quoted);
    unsetenv("LAKIP_CUT_BYTES");
    unsetenv("LAKIP_GUESS_BYTES");
    tmp_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_reports_as_whole),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_report_coming_back_is_seen),
        cmocka_unit_test(test_many_reports_coming_back),
        cmocka_unit_test(test_not_streamed),
        cmocka_unit_test(test_windows_1252_streamed),
        cmocka_unit_test(test_split_tail),
        cmocka_unit_test(test_packed_row),
        cmocka_unit_test(test_packed_stream_as_whole),
        cmocka_unit_test(test_vote_both),
        cmocka_unit_test(test_fits),
        cmocka_unit_test(test_survey_in_two_parts),
        cmocka_unit_test(test_cuts_scanned_in_two),
        cmocka_unit_test(test_forks_meet),
        cmocka_unit_test(test_guessed_styles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
