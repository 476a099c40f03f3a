/*
 * test_lookup.c — the indexes behind two lookups a long-form file makes
 * per report: rules by id in the catalog (model/catalog.c) and a table's
 * coverage entry by its address (model/coverage.c). Both grow while they
 * are used; every entry must still be found, and nothing else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/catalog.h"
#include "model/coverage.h"
#include "model/report.h"
#include "model/table.h"

static void test_catalog_index(void **state)
{
    (void)state;
    catalog *c = catalog_new();
    char id[32];
    for (int i = 0; i < 700; i++) {
        snprintf(id, sizeof id, "fam%d.rule-%d", i % 17, i);
        rule_info r = { 0 };
        r.id = id;
        r.family = "fam";
        r.source = "rules/fam.lua";
        r.enabled = i % 2;
        assert_non_null(catalog_add(c, &r));
        assert_null(catalog_add(c, &r));            /* a duplicate id is refused */
    }
    assert_int_equal(catalog_count(c), 700);
    for (int i = 0; i < 700; i++) {
        snprintf(id, sizeof id, "fam%d.rule-%d", i % 17, i);
        const rule_info *r = catalog_find(c, id);
        assert_non_null(r);
        assert_string_equal(r->id, id);
        assert_int_equal(r->enabled, i % 2);
        assert_ptr_equal(r, catalog_at(c, (size_t)i));
    }
    assert_null(catalog_find(c, "fam1.rule-99999"));
    assert_null(catalog_find(c, ""));
    catalog_free(c);
    c = catalog_new();
    assert_null(catalog_find(c, "anything"));       /* empty: no index yet */
    catalog_free(c);
}

/* Values noted in 3,000 tables, out of order: each table's count lands on
 * its own entry (every third table gets none). */
static void test_coverage_index(void **state)
{
    (void)state;
    enum { N = 3000 };
    report *rep = report_new(STYLE_AUTO);
    coverage *cov = coverage_new();
    const table *tabs[N];
    const char *headers[] = { "Indikator", "Target" };
    const enum col_role roles[] = { COL_INDIKATOR, COL_TARGET };
    const char *cells[] = { "A", "5" };
    for (int i = 0; i < N; i++) {
        table *t = table_new("x.csv", i * 3 + 1, NUMBER_STYLE_ID);
        table_set_header(t, i * 3 + 1, 2, headers, roles, NULL);
        table_add_row(t, i * 3 + 2, ROW_DATA, cells, NULL);
        report_add_table(rep, t);
        tabs[i] = t;
    }
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < N; k++) {
            int i = (k * 7919) % N;                 /* a permutation: 7919 is prime, N is not its multiple */
            if (i % 3 != 2) coverage_note_value(cov, VALUE_RECOMPUTED, "fam", "x.csv", tabs[i], 0, 1);
        }
    coverage_summary sum;
    const report *reps[] = { rep };
    coverage_summarise(cov, reps, 1, "x.csv", &sum);
    assert_int_equal(sum.tables, N);
    assert_int_equal(sum.tables_checked, N - N / 3);
    assert_int_equal(sum.rows_checked, N - N / 3);
    assert_int_equal(sum.values_recomputed, 2 * (N - N / 3));
    coverage_free(cov);
    report_free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_index),
        cmocka_unit_test(test_coverage_index),
    };
    return cmocka_run_group_tests(tests, 0, NULL);
}
