/*
 * test_portfolio.c — cmocka tests for the pieces behind the portfolio
 * summary and the working paper: the JSON tree reader (util/json_read.c),
 * a JSON report read back as a portfolio entry (input/report_json.c), the
 * league table, families and common defects (model/portfolio.c), and the
 * recomputation list (model/recompute.c: order, a later record replacing
 * an earlier one).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "input/report_json.h"
#include "model/portfolio.h"
#include "model/recompute.h"
#include "util/json_read.h"

static json_value *parse(const char *text, char *err, size_t errlen)
{
    return json_parse(text, strlen(text), "t.json", err, errlen);
}

static void test_json_tree(void **state)
{
    (void)state;
    char err[256];
    json_value *v = parse("{\"a\": [1, -2, 3.5, true, null, \"x\\u00e9\"],\n \"b\": {\"c\": 7}}", err, sizeof err);
    assert_non_null(v);
    const json_value *a = json_get(v, "a");
    assert_int_equal(a->type, JSON_ARRAY);
    assert_int_equal(a->n, 6);
    assert_true(a->items[1]->integral);
    assert_int_equal(a->items[1]->integer, -2);
    assert_false(a->items[2]->integral);
    assert_true(a->items[3]->boolean);
    assert_int_equal(a->items[4]->type, JSON_NULL);
    assert_string_equal(a->items[5]->string, "x\xc3\xa9");
    assert_int_equal(json_get(json_get(v, "b"), "c")->integer, 7);
    assert_int_equal(json_get(v, "b")->line, 2);
    assert_null(json_get(v, "nope"));
    assert_null(json_get(a, "a"));          /* not an object */
    json_free(v);
}

static void test_json_errors(void **state)
{
    (void)state;
    char err[256];
    assert_null(parse("{\"a\": 1,}", err, sizeof err));
    assert_string_equal(err, "t.json:1: expected a key in double quotes, found '}'");
    assert_null(parse("[1, 2]\n[3]", err, sizeof err));
    assert_string_equal(err, "t.json:2: unexpected '[' after the value");
    assert_null(parse("{\"a\":\n\n", err, sizeof err));
    assert_string_equal(err, "t.json:3: expected a value, found end of file");
}

static const char report_text[] =
    "{\"schema\":1,\"tool\":{\"name\":\"lakip-audit\",\"version\":\"x\"},"
    "\"report\":{\"year\":2019,\"agency\":\"Dinas A\"},"
    "\"inputs\":[\"p/dinas-a/x.md\",\"p/dinas-a/y.csv\"],\"summary\":{},\n"
    "\"coverage\":{\"tables\":3,\"tables_checked\":2,\"values_recomputed\":10},\n"
    "\"findings\":[\n"
    "{\"rule\":\"capaian.arithmetic\",\"severity\":\"error\",\"accepted\":false},\n"
    "{\"rule\":\"capaian.truncated\",\"severity\":\"info\",\"accepted\":false},\n"
    "{\"rule\":\"capaian.truncated\",\"severity\":\"info\",\"accepted\":true},\n"
    "{\"rule\":\"tahun.table\",\"severity\":\"warning\",\"accepted\":false}\n]}\n";

static void test_report_entry(void **state)
{
    (void)state;
    char err[256];
    portfolio *p = portfolio_new();
    assert_int_equal(report_json_read(report_text, strlen(report_text), "r.json", p, err, sizeof err), 0);
    assert_int_equal(portfolio_count(p), 1);
    const portfolio_entry *e = portfolio_at(p, 0);
    assert_string_equal(e->agency, "Dinas A");
    assert_int_equal(e->year, 2019);
    assert_string_equal(e->source, "p/dinas-a");
    assert_int_equal(e->ninputs, 2);
    assert_int_equal(e->counts[2], 1);
    assert_int_equal(e->counts[1], 1);
    assert_int_equal(e->counts[0], 1);
    assert_int_equal(e->accepted, 1);
    assert_int_equal(e->nrules, 3);
    assert_string_equal(e->rules[0].rule, "capaian.arithmetic");
    assert_int_equal(e->coverage.values_recomputed, 10);
    assert_int_equal(e->coverage.values_compared, -1);
    /* not a report */
    assert_int_equal(report_json_read("{\"schema\":1}", 12, "n.json", p, err, sizeof err), -1);
    assert_string_equal(err, "n.json:1: not a lakip-audit JSON report (\"report\" and \"findings\", or \"portfolio\" and \"reports\", are missing)");
    assert_int_equal(report_json_read("{\"schema\":2,\"report\":{},\"findings\":[]}", 38, "s.json", p, err, sizeof err), -1);
    assert_string_equal(err, "s.json:1: JSON report schema must be 1");
    assert_int_equal(portfolio_count(p), 1);
    portfolio_free(p);
}

static void add(portfolio *p, const char *agency, int year, int errors, int warnings, long long recomputed)
{
    portfolio_entry e = { 0 };
    e.agency = strdup(agency);
    e.year = year;
    e.source = strdup(agency);
    for (int i = 0; i < errors; i++) portfolio_entry_count(&e, "capaian.arithmetic", 2, 0);
    for (int i = 0; i < warnings; i++) portfolio_entry_count(&e, "jumlah.total", 1, 0);
    e.coverage = (portfolio_coverage){ -1, -1, recomputed, -1 };
    portfolio_add(p, &e);
}

static void test_league(void **state)
{
    (void)state;
    portfolio *p = portfolio_new();
    add(p, "C", 2020, 2, 0, 10);
    add(p, "A", 2020, 0, 1, 10);
    add(p, "B", 2020, 0, 1, 5);
    add(p, "D", 2020, 0, 0, 0);        /* nothing recomputed: not ranked */
    add(p, "E", 2020, 0, 0, 3);
    portfolio_finish(p);
    assert_string_equal(portfolio_at(p, 0)->agency, "A");
    size_t order[5], rank[5];
    portfolio_league(p, order, rank);
    const char *want[] = { "E", "A", "B", "C", "D" };
    const size_t want_rank[] = { 1, 2, 2, 4, 0 };
    for (int i = 0; i < 5; i++) {
        assert_string_equal(portfolio_at(p, order[i])->agency, want[i]);
        assert_int_equal(rank[i], want_rank[i]);
    }
    portfolio_defect *d;
    size_t nd = portfolio_defects(p, &d);
    assert_int_equal(nd, 2);
    assert_string_equal(d[0].rule, "jumlah.total");     /* in 2 reports */
    assert_int_equal(d[0].reports, 2);
    assert_string_equal(d[1].rule, "capaian.arithmetic");
    assert_int_equal(d[1].findings, 2);
    assert_int_equal(d[1].severity, 2);
    free(d);
    portfolio_family *f;
    size_t nf = portfolio_families(p, NULL, &f);
    assert_int_equal(nf, 2);
    assert_string_equal(f[0].family, "capaian");
    assert_int_equal(f[0].counts[2], 2);
    assert_string_equal(f[1].family, "jumlah");
    assert_int_equal(f[1].reports, 2);
    portfolio_families_free(f, nf);
    portfolio_free(p);
}

static void test_recompute_list(void **state)
{
    (void)state;
    recompute_list *l = recompute_list_new();
    size_t rows[] = { 1, 2, 3 };
    recomputation a = { .table = 1, .row = 5, .col = 4, .formula = RECOMPUTE_HIGHER, .scale = 2 };
    recomputation b = { .table = 0, .row = 9, .col = 2, .formula = RECOMPUTE_SUM, .rows = rows, .nrows = 3 };
    recomputation c = a;
    c.formula = RECOMPUTE_2T_R;           /* a later rule's record of the same cell */
    recompute_add(l, &a);
    recompute_add(l, &b);
    recompute_add(l, &c);
    recompute_sort(l);
    assert_int_equal(recompute_count(l), 2);
    assert_int_equal(recompute_at(l, 0)->table, 0);
    assert_int_equal(recompute_at(l, 0)->nrows, 3);
    assert_int_equal(recompute_at(l, 0)->rows[2], 3);
    assert_int_equal(recompute_find(l, NULL, 1, 5, 4)->formula, RECOMPUTE_2T_R);
    assert_null(recompute_find(l, NULL, 1, 5, 3));
    /* the same cell of another table (a long-form group sharing indices) */
    assert_null(recompute_find(l, (const table *)&b, 1, 5, 4));
    enum recompute_formula f;
    assert_int_equal(recompute_formula_from_name("100-r", &f), 0);
    assert_int_equal(f, RECOMPUTE_100_R);
    assert_string_equal(recompute_formula_name(RECOMPUTE_T_R), "t/r");
    assert_int_equal(recompute_formula_from_name("r/t", &f), -1);
    recompute_list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_tree),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_report_entry),
        cmocka_unit_test(test_league),
        cmocka_unit_test(test_recompute_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
