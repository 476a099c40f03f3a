/*
 * test_place.c — cmocka tests for the location model beyond file:line:
 * place_format in both languages for sheet cells, whole rows, document
 * paragraphs and table cells and PDF pages; report_place_at over spans of
 * several files; every writer showing the place instead of the line; and
 * fingerprints that do not depend on the place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "model/finding.h"
#include "model/place.h"
#include "model/report.h"
#include "output/output.h"

static void test_format(void **state)
{
    (void)state;
    char buf[128], letters[8];
    place sheet_cell = { .kind = PLACE_SHEET, .sheet = "PK 2019", .row = 12, .col = 6 };
    assert_string_equal(place_format(&sheet_cell, LANG_ID, buf, sizeof buf), "PK 2019!F12");
    assert_string_equal(place_format(&sheet_cell, LANG_EN, buf, sizeof buf), "PK 2019!F12");
    place row = { .kind = PLACE_SHEET, .sheet = "IKU", .row = 7 };
    assert_string_equal(place_format(&row, LANG_ID, buf, sizeof buf), "IKU!7:7");
    place para = { .kind = PLACE_DOCUMENT, .paragraph = 12 };
    assert_string_equal(place_format(&para, LANG_ID, buf, sizeof buf), "paragraf 12");
    assert_string_equal(place_format(&para, LANG_EN, buf, sizeof buf), "paragraph 12");
    place tcell = { .kind = PLACE_DOCUMENT, .table = 3, .row = 4, .col = 5 };
    assert_string_equal(place_format(&tcell, LANG_ID, buf, sizeof buf), "tabel 3, baris 4, kolom 5");
    assert_string_equal(place_format(&tcell, LANG_EN, buf, sizeof buf), "table 3, row 4, column 5");
    place page = { .kind = PLACE_PAGE, .page = 5 };
    assert_string_equal(place_format(&page, LANG_ID, buf, sizeof buf), "hlm. 5");
    assert_string_equal(place_format(&page, LANG_EN, buf, sizeof buf), "p. 5");
    place none = { .kind = PLACE_NONE, .row = 3 };
    assert_string_equal(place_format(&none, LANG_ID, buf, sizeof buf), "");
    /* a tiny buffer is cut, never overrun */
    char small[6];
    assert_string_equal(place_format(&sheet_cell, LANG_ID, small, sizeof small), "PK 20");
    assert_string_equal(place_column_letters(1, letters), "A");
    assert_string_equal(place_column_letters(26, letters), "Z");
    assert_string_equal(place_column_letters(27, letters), "AA");
    assert_string_equal(place_column_letters(16384, letters), "XFD");
    assert_string_equal(place_column_letters(0, letters), "");
}

static void test_spans(void **state)
{
    (void)state;
    report *r = report_new(STYLE_AUTO);
    place s1 = { .kind = PLACE_SHEET, .sheet = "PK 2019", .row = 1 };
    place s2 = { .kind = PLACE_SHEET, .sheet = "IKU", .row = 1 };
    place p1 = { .kind = PLACE_DOCUMENT, .paragraph = 1 };
    place t1 = { .kind = PLACE_DOCUMENT, .table = 1, .row = 1 };
    report_add_place_span(r, "a.xlsx", 1, &s1);
    report_add_place_span(r, "b.docx", 1, &p1);
    report_add_place_span(r, "a.xlsx", 40, &s2);
    report_add_place_span(r, "b.docx", 10, &t1);
    place q = report_place_at(r, "a.xlsx", 12);
    assert_int_equal(q.kind, PLACE_SHEET);
    assert_string_equal(q.sheet, "PK 2019");
    assert_int_equal(q.row, 12);
    q = report_place_at(r, "a.xlsx", 45);
    assert_string_equal(q.sheet, "IKU");
    assert_int_equal(q.row, 6);
    q = report_place_at(r, "b.docx", 4);
    assert_int_equal(q.paragraph, 4);
    assert_int_equal(q.table, 0);
    q = report_place_at(r, "b.docx", 12);
    assert_int_equal(q.table, 1);
    assert_int_equal(q.row, 3);
    assert_int_equal(report_place_at(r, "c.md", 12).kind, PLACE_NONE);
    assert_int_equal(report_place_at(r, NULL, 12).kind, PLACE_NONE);
    assert_int_equal(report_place_at(r, "a.xlsx", 0).kind, PLACE_NONE);
    report_free(r);
}

/* Runs one writer into memory. */
static char *render(output_fn fn, const audit *a)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(fn(out, a), 0);
    fclose(out);
    return text;
}

static void test_writers(void **state)
{
    (void)state;
    catalog *c = catalog_new();
    rule_info info = { .id = "capaian.arithmetic", .severity = SEV_ERROR, .enabled = 1 };
    catalog_add(c, &info);
    report *r = report_new(STYLE_AUTO);
    report_add_input(r, "capaian.xlsx");
    finding_list *l = finding_list_new();
    finding *f = finding_add(l, "capaian.arithmetic", SEV_ERROR, "capaian.xlsx", 12, "PK", 3, "Persentase PMKS");
    finding_set(f, "reported", "101,24");
    finding_set(f, "expected", "105,24");
    place where = { .kind = PLACE_SHEET, .sheet = "PK 2019", .row = 12, .col = 6 };
    place table_where = { .kind = PLACE_SHEET, .sheet = "PK 2019", .row = 3, .col = 1 };
    finding_set_place(f, &where, &table_where);
    /* the same finding without places: same fingerprint */
    finding_list *plain = finding_list_new();
    finding *g = finding_add(plain, "capaian.arithmetic", SEV_ERROR, "capaian.xlsx", 12, "PK", 3, "Persentase PMKS");
    finding_set(g, "reported", "101,24");
    finding_set(g, "expected", "105,24");
    finding_list_finish(l);
    finding_list_finish(plain);
    assert_string_equal(finding_at(l, 0)->fingerprint, finding_at(plain, 0)->fingerprint);

    audit a = { .rep = r, .cat = c, .findings = l, .lang = LANG_ID, .version = "t", .date = "2026-01-01",
                .fail_on = SEV_ERROR };
    static const struct { const char *format; const char *want[2]; } cases[] = {
        { "text", { "capaian.xlsx:PK 2019!A3", "PK 2019!F12" } },
        { "md", { "capaian.xlsx:PK 2019!A3", "| PK 2019!F12 |" } },
        { "html", { "capaian.xlsx:PK 2019!A3", "capaian.xlsx:PK 2019!F12" } },
        { "json", { "\"place\":{\"kind\":\"sheet\",\"text\":\"PK 2019!F12\",\"sheet\":\"PK 2019\",\"column\":6,\"row\":12}",
                    "\"table_place\":{\"kind\":\"sheet\",\"text\":\"PK 2019!A3\"" } },
        { "sarif", { "\"logicalLocations\":[{\"fullyQualifiedName\":\"PK 2019!F12\"}]", "\"tablePlace\":\"PK 2019!A3\"" } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = render(output_find(cases[i].format), &a);
        for (int k = 0; k < 2; k++) {
            if (!strstr(text, cases[i].want[k])) fail_msg("%s output lacks %s:\n%s", cases[i].format, cases[i].want[k], text);
        }
        /* the ordinal line is not shown as a line where the place is known */
        if (strcmp(cases[i].format, "sarif") == 0) assert_null(strstr(text, "startLine"));
        if (strcmp(cases[i].format, "text") == 0) assert_null(strstr(text, "baris 12"));
        free(text);
    }
    finding_list_free(l);
    finding_list_free(plain);
    report_free(r);
    catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
