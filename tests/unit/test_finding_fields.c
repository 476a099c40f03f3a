/*
 * test_finding_fields.c — finding_set_fields (ctx:emit's fields in one
 * allocation) leaves what finding_set one field at a time leaves, and a
 * finding so made changes, moves, compacts and frees like any other (run
 * under the sanitizers by .ci/run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/finding.h"

static const char *const keys[] = { "cell_formula", "reported", "expected", "reported", "note", "cell_formula" };
static const char *const values[] = { "=A1", "101,24", "105,24%", "101,25", NULL, "=B2" };
#define NKEYS (sizeof keys / sizeof keys[0])

static void assert_same_fields(const finding *a, const finding *b)
{
    assert_int_equal(a->nfields, b->nfields);
    for (size_t i = 0; i < a->nfields; i++) {
        assert_string_equal(a->fields[i].key, b->fields[i].key);
        assert_string_equal(a->fields[i].value, b->fields[i].value);
    }
}

/* A repeated key keeps its first place and takes the last value; NULL is "". */
static void test_as_finding_set(void **state)
{
    (void)state;
    finding_list *l = finding_list_new();
    finding *a = finding_add(l, "capaian.arithmetic", SEV_ERROR, "data.csv", 3, "Tabel", 1, "Indikator");
    for (size_t i = 0; i < NKEYS; i++) finding_set(a, keys[i], values[i]);
    finding *b = finding_add(l, "capaian.arithmetic", SEV_ERROR, "data.csv", 3, "Tabel", 1, "Indikator");
    a = finding_at(l, 0);                       /* the list may have moved */
    finding_set_fields(b, keys, values, NKEYS);
    assert_same_fields(a, b);
    assert_int_equal(b->nfields, 4);
    assert_string_equal(finding_get(b, "reported"), "101,25");
    assert_string_equal(finding_get(b, "cell_formula"), "=B2");
    assert_string_equal(finding_get(b, "note"), "");
    /* changed afterwards: its own strings again, the others kept */
    finding_set(b, "expected", "1%");
    finding_set(b, "formula", "r / t");
    assert_string_equal(finding_get(b, "expected"), "1%");
    assert_string_equal(finding_get(b, "formula"), "r / t");
    assert_string_equal(finding_get(b, "reported"), "101,25");
    /* a finding with fields already: set one by one, as finding_set */
    finding *c = finding_add(l, "capaian.arithmetic", SEV_ERROR, "data.csv", 4, "Tabel", 1, "Indikator");
    finding_set(c, "reported", "7");
    finding_set_fields(c, keys + 1, values + 1, 2);
    assert_int_equal(c->nfields, 2);
    assert_string_equal(finding_get(c, "reported"), "101,24");
    finding_set_fields(c, keys, values, 0);
    assert_int_equal(c->nfields, 2);
    finding_list_free(l);
}

/* Moved to another list, compacted there, cleared: the strings stay right. */
static void test_moved_compacted_cleared(void **state)
{
    (void)state;
    finding_list *job = finding_list_new(), *all = finding_list_new();
    for (int r = 0; r < 300; r++) {
        finding *f = finding_add(job, "capaian.truncated", SEV_INFO, "data.csv", r, "Tabel", 1, "Indikator");
        char v[32];
        snprintf(v, sizeof v, "%d,5", r);
        const char *vals[] = { "=A1", v, "105,24%", v, NULL, "=B2" };
        finding_set_fields(f, keys, vals, NKEYS);
        if (r % 3 == 0) finding_set(f, "extra", "x");
    }
    size_t before = finding_count(all);
    finding_list_move(all, job);
    finding_list_compact(all, before);
    for (int r = 0; r < 300; r++) {
        const finding *f = finding_at(all, (size_t)r);
        char v[32];
        snprintf(v, sizeof v, "%d,5", r);
        assert_string_equal(finding_get(f, "reported"), v);
        assert_string_equal(finding_get(f, "cell_formula"), "=B2");
        if (r % 3 == 0) assert_string_equal(finding_get(f, "extra"), "x");
        else assert_null(finding_get(f, "extra"));
    }
    finding *f = finding_at(all, 7);
    finding_set(f, "expected", "2%");           /* a pooled one changed */
    assert_string_equal(finding_get(f, "expected"), "2%");
    finding_list_clear(all);
    assert_int_equal(finding_count(all), 0);
    finding *g = finding_add(all, "capaian.truncated", SEV_INFO, "data.csv", 1, "Tabel", 1, NULL);
    finding_set_fields(g, keys, values, NKEYS);
    finding_list_free(all);
    finding_list_free(job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_as_finding_set),
        cmocka_unit_test(test_moved_compacted_cleared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
