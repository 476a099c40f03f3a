/*
 * test_pdf_load.c — the PDF loader (src/input/pdf_*.c).
 *
 * Layout cases: each tests/pdf/cases/NAME.pdf (written by
 * tests/pdf/make_layout_pdfs.py) must give exactly the text in NAME.txt,
 * the text the loader hands to doc_parse (one paragraph per line, "**"
 * headings, TAB-separated table rows). Malformed files must give their
 * one-line error. Hand-built pages test the layout rules on their own:
 * grids with merged cells, aligned columns, justified lines that are not
 * a table, wrapped text, running headers and page numbers.
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

#include "input/load.h"
#include "input/pdf_layout.h"
#include "input/pdf_load.h"
#include "model/report.h"
#include "util/util.h"

#define CASES "tests/pdf/cases/"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = xmalloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static char *joined(const pdf_text *t)
{
    size_t n = 1;
    for (size_t i = 0; i < t->count; i++) n += strlen(t->lines[i]) + 1;
    char *s = xmalloc(n), *p = s;
    for (size_t i = 0; i < t->count; i++) {
        size_t k = strlen(t->lines[i]);
        memcpy(p, t->lines[i], k);
        p += k;
        *p++ = '\n';
    }
    *p = '\0';
    return s;
}

static void check_case(const char *name)
{
    char pdf[256], txt[256];
    snprintf(pdf, sizeof pdf, CASES "%s.pdf", name);
    snprintf(txt, sizeof txt, CASES "%s.txt", name);
    pdf_text t;
    load_error err;
    if (pdf_to_text(pdf, &t, &err) != 0) fail_msg("%s: %s", name, err.message);
    char *got = joined(&t), *want = read_all(txt);
    if (strcmp(got, want) != 0) fail_msg("%s: text differs from %s:\n%s", name, txt, got);
    free(got);
    free(want);
    pdf_text_free(&t);
}

static void test_ruled_merged(void **state) { (void)state; check_case("ruled-merged"); }
static void test_unruled(void **state) { (void)state; check_case("unruled"); }
static void test_unruled_centred(void **state) { (void)state; check_case("unruled-centred"); }
static void test_unruled_split_row(void **state) { (void)state; check_case("unruled-split-row"); }
static void test_across_pages(void **state) { (void)state; check_case("across-pages"); }
static void test_landscape(void **state) { (void)state; check_case("landscape"); }
static void test_paragraphs(void **state) { (void)state; check_case("paragraphs"); }
static void test_scanned_page(void **state) { (void)state; check_case("scanned-page"); }

/* The place of each written line: page, table and row counted through a
 * table continued over pages, paragraph on its page. */
static void test_places(void **state)
{
    (void)state;
    pdf_text t;
    load_error err;
    assert_int_equal(pdf_to_text(CASES "across-pages.pdf", &t, &err), 0);
    int seen = 0;
    for (size_t i = 0; i < t.count; i++) {
        const place *p = &t.places[i];
        if (strncmp(t.lines[i], "26\t", 3) == 0) {      /* 26th data row, on page 3 */
            assert_int_equal(p->kind, PLACE_PAGE);
            assert_int_equal(p->page, 3);
            assert_int_equal(p->table, 1);
            assert_int_equal(p->row, 28);               /* 2 repeated headers before it */
            seen++;
        }
        if (strncmp(t.lines[i], "Sebagian", 8) == 0) {
            assert_int_equal(p->page, 3);
            assert_int_equal(p->paragraph, 1);
            seen++;
        }
        if (t.lines[i][0] == '\0') assert_int_equal(p->kind, PLACE_NONE);
    }
    assert_int_equal(seen, 2);
    pdf_text_free(&t);
}

static void expect_error(const char *file, const char *message)
{
    report *r = report_new(STYLE_AUTO);
    load_error err;
    assert_int_equal(load_path(r, file, &err), -1);
    assert_string_equal(err.message, message);
    assert_string_equal(err.file, file);
    report_free(r);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error(CASES "encrypted.pdf", "the PDF is encrypted and needs a password to open: save an unprotected copy");
    expect_error(CASES "zero-pages.pdf", "the PDF has no pages");
    expect_error(CASES "not-a-pdf.pdf", "not a PDF file (no %PDF- header in its first kilobyte)");
    expect_error(CASES "truncated.pdf", "no page of the PDF has text; the file is damaged (cannot find startxref)");
    expect_error(CASES "scanned-only.pdf", "no page of the PDF has text (2 scanned or drawn pages): run OCR on it first");
}

/* ---- hand-built pages ---- */

static void word(pdf_page *p, float x, float top, const char *text, float size, bool bold)
{
    float w = 0.5f * size * (float)strlen(text);
    pdf_page_add_word(p, (pdf_box){ x, top, x + w, top + size }, top + 0.8f * size, size, bold, text, strlen(text));
}

static void words(pdf_page *p, float x, float top, const char *line, float size)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", line);
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        word(p, x, top, w, size, false);
        x += 0.5f * size * (float)(strlen(w) + 1);
    }
}

static void box(pdf_page *p, float x0, float y0, float x1, float y1)
{
    pdf_page_add_rule(p, x0, y0, x1, y0);
    pdf_page_add_rule(p, x0, y1, x1, y1);
    pdf_page_add_rule(p, x0, y0, x0, y1);
    pdf_page_add_rule(p, x1, y0, x1, y1);
}

/* A 3 x 3 grid whose first column is merged over rows 2-3 and whose
 * first row is merged over columns 2-3. */
static void test_grid_merges(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    box(&p, 100, 100, 400, 160);        /* outer frame */
    pdf_page_add_rule(&p, 100, 120, 400, 120);  /* under the header row */
    pdf_page_add_rule(&p, 200, 140, 400, 140);  /* rows 2/3 split, not in column 1 */
    pdf_page_add_rule(&p, 200, 100, 200, 160);  /* column 1 | 2 */
    pdf_page_add_rule(&p, 300, 120, 300, 160);  /* column 2 | 3, not in the header */
    word(&p, 105, 105, "Sasaran", 8, true);
    word(&p, 280, 105, "Tahun", 8, true);       /* centred in the merged header */
    word(&p, 105, 135, "Satu", 8, false);       /* centred in the merged first column */
    word(&p, 205, 125, "5", 8, false);
    word(&p, 305, 125, "6", 8, false);
    word(&p, 205, 145, "7", 8, false);
    word(&p, 305, 145, "8", 8, false);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    assert_int_equal(l.count, 1);
    assert_true(l.items[0].is_table);
    const pdf_table *t = &l.items[0].table;
    assert_true(t->ruled);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(t->rows[0].cells[0], "<b>Sasaran</b>");
    assert_string_equal(t->rows[0].cells[1], "<b>Tahun</b>");
    assert_string_equal(t->rows[0].cells[2], "");
    assert_string_equal(t->rows[1].cells[0], "Satu");
    assert_string_equal(t->rows[1].cells[2], "6");
    assert_string_equal(t->rows[2].cells[0], "");
    assert_string_equal(t->rows[2].cells[1], "7");
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

/* A table drawn without its outer borders: horizontal rules across, only
 * the inner vertical ones. The outer columns are still columns. */
static void test_grid_without_outer_borders(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    for (int k = 0; k < 3; k++) pdf_page_add_rule(&p, 100, 100 + 20.0f * k, 400, 100 + 20.0f * k);
    pdf_page_add_rule(&p, 200, 100, 200, 140);
    pdf_page_add_rule(&p, 300, 100, 300, 140);
    word(&p, 105, 105, "Indikator", 8, false);
    word(&p, 205, 105, "Target", 8, false);
    word(&p, 305, 105, "Realisasi", 8, false);
    word(&p, 105, 125, "A", 8, false);
    word(&p, 205, 125, "5", 8, false);
    word(&p, 305, 125, "6", 8, false);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    assert_int_equal(l.count, 1);
    const pdf_table *t = &l.items[0].table;
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(t->rows[0].cells[0], "Indikator");
    assert_string_equal(t->rows[1].cells[0], "A");
    assert_string_equal(t->rows[1].cells[2], "6");
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

/* Two lines of justified text stretched by a forced break have wide gaps,
 * but not in the same places: no table. A frame around one paragraph is
 * no table either. */
/* A table without rules whose cells have padding (rows further apart than
 * the lines inside a cell), as a browser prints it: a title row above in
 * the first column, a name wrapped over three lines whose second and third
 * lines are alone on their line (no column gap: still the table's), and a
 * paragraph under it running across the columns, which ends the table. */
static void test_unruled_wrapped_lines(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    word(&p, 82, 100, "REALISASI", 9, true);     /* a title row in bold, wider than its column */
    word(&p, 131.5f, 100, "KINERJA", 9, true);
    word(&p, 82, 115, "No", 9, true);
    word(&p, 110, 115, "Indikator", 9, true);
    word(&p, 400, 115, "Target", 9, true);
    word(&p, 82, 131, "1.", 9, false);
    words(&p, 110, 131, "Terlaksanya pengelola lembaga", 9);
    words(&p, 110, 142, "kesejahteraan keluarga dan", 9);
    words(&p, 110, 153, "program keluarga harapan", 9);
    words(&p, 400, 131, "12 bulan", 9);
    word(&p, 82, 169, "2.", 9, false);
    words(&p, 110, 169, "Tersedianya pendampingan orang sakit", 9);
    words(&p, 400, 169, "50 orang", 9);
    words(&p, 76, 185, "Tabel di atas menunjukkan target kegiatan tahun 2019 yang disepakati.", 9);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    assert_int_equal(l.count, 2);
    assert_true(l.items[0].is_table);
    const pdf_table *t = &l.items[0].table;
    assert_null(t->unread);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->nrows, 4);
    assert_string_equal(t->rows[0].cells[0], "<b>REALISASI KINERJA</b>");
    assert_string_equal(t->rows[2].cells[1], "Terlaksanya pengelola lembaga kesejahteraan keluarga dan program keluarga harapan");
    assert_string_equal(t->rows[2].cells[2], "12 bulan");
    assert_string_equal(t->rows[3].cells[1], "Tersedianya pendampingan orang sakit");
    assert_false(l.items[1].is_table);
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

/* Cells without padding (one line pitch everywhere): rows are told apart
 * by their numbers. Centred cells put the numbers on a wrapped name's
 * middle line; a table where text comes between the header and the first
 * numbers and the rows are not centred on them is not read (unread set). */
static void test_unruled_rows_by_numbers(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    const float xs[] = { 60, 90, 300, 350 };
    for (int k = 0; k < 4; k++) word(&p, xs[k], 100, (const char *[]){ "No", "Indikator", "2018", "2019" }[k], 9, true);
    words(&p, 90, 110, "Jumlah PMKS yang", 9);
    word(&p, 60, 120, "1.", 9, false);
    words(&p, 90, 120, "Mendapat Bantuan", 9);
    word(&p, 300, 120, "7.000", 9, false);
    word(&p, 350, 120, "8.000", 9, false);
    words(&p, 90, 130, "Sosial", 9);
    word(&p, 60, 140, "2.", 9, false);
    words(&p, 90, 140, "Persentase Desa Maju", 9);
    word(&p, 300, 140, "8", 9, false);
    word(&p, 350, 140, "12", 9, false);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    assert_int_equal(l.count, 1);
    const pdf_table *t = &l.items[0].table;
    assert_null(t->unread);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(t->rows[1].cells[0], "1.");
    assert_string_equal(t->rows[1].cells[1], "Jumlah PMKS yang Mendapat Bantuan Sosial");
    assert_string_equal(t->rows[1].cells[3], "8.000");
    assert_string_equal(t->rows[2].cells[1], "Persentase Desa Maju");
    pdf_layout_free(&l);
    pdf_page_free(&p);

    /* the same with the name's last line moved down a line: not centred */
    pdf_page_init(&p, 1, 595, 842);
    for (int k = 0; k < 4; k++) word(&p, xs[k], 100, (const char *[]){ "No", "Indikator", "2018", "2019" }[k], 9, true);
    words(&p, 90, 110, "Jumlah PMKS yang", 9);
    word(&p, 60, 120, "1.", 9, false);
    words(&p, 90, 120, "Mendapat Bantuan", 9);
    word(&p, 300, 120, "7.000", 9, false);
    word(&p, 350, 120, "8.000", 9, false);
    words(&p, 90, 130, "Sosial", 9);
    words(&p, 90, 140, "dari Daerah", 9);
    word(&p, 60, 150, "2.", 9, false);
    words(&p, 90, 150, "Persentase Desa Maju", 9);
    word(&p, 300, 150, "8", 9, false);
    word(&p, 350, 150, "12", 9, false);
    pdf_layout_page(&p, &l);
    assert_int_equal(l.count, 1);
    assert_non_null(l.items[0].table.unread);
    assert_non_null(l.items[0].table.unread_id);
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

static void test_not_tables(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    word(&p, 60, 100, "Toboali,", 10, false);
    word(&p, 200, 100, "Maret", 10, false);
    word(&p, 400, 100, "2020", 10, false);
    word(&p, 60, 112, "Drs.", 10, false);
    word(&p, 300, 112, "HERMAN", 10, false);
    box(&p, 50, 200, 500, 240);
    words(&p, 60, 210, "Catatan: angka sementara.", 10);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    for (size_t i = 0; i < l.count; i++) assert_false(l.items[i].is_table);
    assert_int_equal(l.count, 3);
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

static void join(const char *a, const char *b, const char *want)
{
    char *s = xstrdup(a);
    pdf_join_wrapped(&s, b);
    assert_string_equal(s, want);
    free(s);
}

static void test_join_wrapped(void **state)
{
    (void)state;
    join("Pemba-", "ngunan daerah", "Pembangunan daerah");
    join("anak-", "anak", "anak-anak");
    join("rata-", "rata", "rata-rata");
    join("2016-", "2021", "2016-2021");
    join("157,56", "%", "157,56%");
    join("659.700.000,", "-", "659.700.000,-");
    join("Persentase PMKS yang", "Tertangani", "Persentase PMKS yang Tertangani");
    join("Urusan -", "Sosial", "Urusan - Sosial");
    char *s = NULL;
    pdf_join_wrapped(&s, "awal");
    assert_string_equal(s, "awal");
    free(s);
}

/* Running header on three pages and page numbers go; a paragraph left
 * open at a page's end goes on. */
static void test_running_and_reflow(void **state)
{
    (void)state;
    pdf_layout layouts[3];
    int numbers[3] = { 1, 2, 3 };
    for (int k = 0; k < 3; k++) {
        pdf_page p;
        pdf_page_init(&p, k + 1, 595, 842);
        words(&p, 200, 30, k == 1 ? "LKjIP Dinas Contoh 2019" : "LKjIP Dinas Contoh 2019", 8);
        char num[16];
        snprintf(num, sizeof num, "- %d -", k + 1);
        words(&p, 290, 800, num, 8);
        if (k == 0) {
            words(&p, 60, 700, "Kalimat ini dimulai di halaman satu dan", 10);
        } else if (k == 1) {
            words(&p, 60, 100, "berlanjut di halaman dua.", 10);
        } else {
            words(&p, 60, 100, "Paragraf baru.", 10);
        }
        pdf_layout_page(&p, &layouts[k]);
        pdf_page_free(&p);
    }
    pdf_text t;
    pdf_text_build(layouts, numbers, 3, &t);
    char *got = joined(&t);
    assert_string_equal(got, "Kalimat ini dimulai di halaman satu dan berlanjut di halaman dua.\n\nParagraf baru.\n\n");
    free(got);
    pdf_text_free(&t);
    for (int k = 0; k < 3; k++) pdf_layout_free(&layouts[k]);
}

/* A formula set as text becomes a $$ formula paragraph (its "100%" is no
 * claim); bullets become "- " list items. */
static void test_formula_and_bullets(void **state)
{
    (void)state;
    pdf_page p;
    pdf_page_init(&p, 1, 595, 842);
    words(&p, 150, 100, "(Realisasi) / (Target) \xC3\x97 100%", 10);
    words(&p, 60, 130, "\xE2\x80\xA2 pertama;", 10);
    words(&p, 60, 143, "\xE2\x80\xA2 kedua.", 10);
    pdf_layout l;
    pdf_layout_page(&p, &l);
    int numbers[1] = { 1 };
    pdf_text t;
    pdf_text_build(&l, numbers, 1, &t);
    char *got = joined(&t);
    assert_string_equal(got, "$$(Realisasi) / (Target) \xC3\x97 100%$$\n\n- pertama;\n\n- kedua.\n\n");
    free(got);
    pdf_text_free(&t);
    pdf_layout_free(&l);
    pdf_page_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ruled_merged),
        cmocka_unit_test(test_unruled),
        cmocka_unit_test(test_unruled_centred),
        cmocka_unit_test(test_unruled_split_row),
        cmocka_unit_test(test_across_pages),
        cmocka_unit_test(test_landscape),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_scanned_page),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_grid_merges),
        cmocka_unit_test(test_grid_without_outer_borders),
        cmocka_unit_test(test_not_tables),
        cmocka_unit_test(test_unruled_wrapped_lines),
        cmocka_unit_test(test_unruled_rows_by_numbers),
        cmocka_unit_test(test_join_wrapped),
        cmocka_unit_test(test_running_and_reflow),
        cmocka_unit_test(test_formula_and_bullets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
