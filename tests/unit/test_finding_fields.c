/*
 * test_finding_fields.c — finding_add_whole (ctx:emit's finding in one
 * allocation) leaves what finding_add, finding_set_place and finding_set
 * one field at a time leave, its fields in key order, and a finding so
 * made changes, moves, compacts, finishes and frees like any other (run
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

/* a's fields, in any order, are b's */
static void assert_same_fields(const finding *a, const finding *b)
{
    assert_int_equal(a->nfields, b->nfields);
    for (size_t i = 0; i < a->nfields; i++) {
        assert_non_null(finding_get(b, a->fields[i].key));
        assert_string_equal(finding_get(b, a->fields[i].key), a->fields[i].value);
    }
}

static void assert_sorted(const finding *f)
{
    assert_true(f->sorted);
    for (size_t i = 1; i < f->nfields; i++) assert_true(strcmp(f->fields[i - 1].key, f->fields[i].key) < 0);
}

/* finding_add_whole of the keys and values (NULL: empty), with their lengths */
static finding *add_whole(finding_list *l, const char *rule, int line, const place *where,
                          const char *const *k, const char *const *v, size_t n)
{
    finding_field_in in[80];
    for (size_t i = 0; i < n; i++)
        in[i] = (finding_field_in){ k[i], v[i] ? v[i] : "", strlen(k[i]), v[i] ? strlen(v[i]) : 0 };
    finding_head h = { rule, SEV_ERROR, "data.csv", line, "Tabel", 1, "Indikator", where, NULL };
    return finding_add_whole(l, &h, in, n);
}

/* A repeated key keeps its first place and takes the last value; NULL is "". */
static void test_as_finding_set(void **state)
{
    (void)state;
    finding_list *l = finding_list_new();
    finding *a = finding_add(l, "capaian.arithmetic", SEV_ERROR, "data.csv", 3, "Tabel", 1, "Indikator");
    for (size_t i = 0; i < NKEYS; i++) finding_set(a, keys[i], values[i]);
    finding *b = add_whole(l, "capaian.arithmetic", 3, NULL, keys, values, NKEYS);
    a = finding_at(l, 0);                       /* the list may have moved */
    assert_same_fields(a, b);
    assert_sorted(b);
    assert_string_equal(b->rule, "capaian.arithmetic");
    assert_string_equal(b->file, "data.csv");
    assert_string_equal(b->table, "Tabel");
    assert_string_equal(b->indicator, "Indikator");
    assert_int_equal(b->line, 3);
    assert_int_equal(b->table_line, 1);
    assert_int_equal(b->where.kind, PLACE_NONE);
    assert_int_equal(b->nfields, 4);
    assert_string_equal(finding_get(b, "reported"), "101,25");
    assert_string_equal(finding_get(b, "cell_formula"), "=B2");
    assert_string_equal(finding_get(b, "note"), "");
    /* changed afterwards: its own strings again, the others kept */
    finding_set(b, "expected", "1%");
    assert_true(b->sorted);                     /* a value replaced */
    finding_set(b, "formula", "r / t");
    assert_false(b->sorted);                    /* a key added after the others */
    assert_string_equal(finding_get(b, "expected"), "1%");
    assert_string_equal(finding_get(b, "formula"), "r / t");
    assert_string_equal(finding_get(b, "reported"), "101,25");
    assert_string_equal(finding_get(b, "cell_formula"), "=B2");
    assert_string_equal(b->rule, "capaian.arithmetic");
    assert_string_equal(b->indicator, "Indikator");
    /* none at all; and more than it makes at once (one by one, the same) */
    finding *c = add_whole(l, "capaian.arithmetic", 4, NULL, keys, values, 0);
    assert_int_equal(c->nfields, 0);
    assert_null(finding_get(c, "reported"));
    const char *many_k[70], *many_v[70];
    char names[70][8];
    for (int i = 0; i < 70; i++) {
        snprintf(names[i], sizeof names[i], "k%02d", 69 - i);
        many_k[i] = names[i];
        many_v[i] = names[i] + 1;
    }
    finding *d = add_whole(l, "capaian.arithmetic", 5, NULL, many_k, many_v, 70);
    assert_int_equal(d->nfields, 70);
    assert_string_equal(finding_get(d, "k07"), "07");
    finding_list_free(l);
}

/* Keys in strcmp's order however they share their first eight bytes, a
 * place's sheet copied, the finding changed and placed again. */
static void test_key_order_and_place(void **state)
{
    (void)state;
    static const char *const k[] = { "dir_note_id", "dir_note_en", "dir", "dir_note", "b", "a", "dir_note_e", "\xc3\xa9", "" };
    static const char *const v[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
    size_t n = sizeof k / sizeof k[0];
    finding_list *l = finding_list_new();
    char sheet[] = "PK 2019";
    place where = { .kind = PLACE_SHEET, .sheet = sheet, .row = 12, .col = 6 };
    finding *f = add_whole(l, "capaian.swapped", 9, &where, k, v, n);
    sheet[0] = 'X';                             /* the finding has its own copy */
    assert_string_equal(f->where.sheet, "PK 2019");
    assert_int_equal(f->where.row, 12);
    assert_int_equal(f->table_where.kind, PLACE_NONE);
    assert_int_equal(f->nfields, n);
    assert_sorted(f);
    for (size_t i = 0; i < n; i++) assert_string_equal(finding_get(f, k[i]), v[i]);
    /* the finish keeps them so, and the fingerprint is a finding_add's */
    finding *g = finding_add(l, "capaian.swapped", SEV_ERROR, "data.csv", 9, "Tabel", 1, "Indikator");
    for (size_t i = 0; i < n; i++) finding_set(g, k[i], v[i]);
    finding_list_finish(l);
    f = finding_at(l, 0);
    g = finding_at(l, 1);
    assert_sorted(f);
    assert_sorted(g);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(f->fields[i].key, g->fields[i].key);
        assert_string_equal(f->fields[i].value, g->fields[i].value);
    }
    place there = { .kind = PLACE_SHEET, .sheet = "Anggaran", .row = 4 };
    finding_set_place(f, &there, NULL);
    assert_string_equal(f->where.sheet, "Anggaran");
    assert_string_equal(finding_get(f, "dir_note"), "4");
    finding_list_free(l);
}

/* Moved to another list, compacted there, cleared: the strings stay right. */
static void test_moved_compacted_cleared(void **state)
{
    (void)state;
    finding_list *job = finding_list_new(), *all = finding_list_new();
    for (int r = 0; r < 300; r++) {
        char v[32];
        snprintf(v, sizeof v, "%d,5", r);
        const char *vals[] = { "=A1", v, "105,24%", v, NULL, "=B2" };
        finding *f = add_whole(job, "capaian.truncated", r, NULL, keys, vals, NKEYS);
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
        assert_string_equal(f->rule, "capaian.truncated");
        assert_string_equal(f->table, "Tabel");
    }
    finding *f = finding_at(all, 7);
    finding_set(f, "expected", "2%");           /* a pooled one changed */
    assert_string_equal(finding_get(f, "expected"), "2%");
    finding_list_clear(all);
    assert_int_equal(finding_count(all), 0);
    add_whole(all, "capaian.truncated", 1, NULL, keys, values, NKEYS);
    finding_list_free(all);
    finding_list_free(job);
}

/* Findings of the same keys in the same order take the order found for
 * the first (kept per thread, a few kinds at a time): whatever kinds come
 * between, each finding's fields are in key order with their own values,
 * a repeated key once with its last value. */
static void test_orders_kept(void **state)
{
    (void)state;
    static const char *const kinds[6][5] = {
        { "reported", "expected", "computation", "direction", "target" },
        { "expected", "reported", "computation", "direction", "target" },   /* another order of the same */
        { "reported", "expected", "computation", "directions", "target" },  /* one longer */
        { "reported", "expected", "computation", "direction", "targer" },   /* one other byte */
        { "b", "a", "b", "c", "a" },                                        /* repeated keys */
        { "zz", "yy", "xx", "ww", "vv" },
    };
    finding_list *l = finding_list_new();
    unsigned seed = 3;
    for (int r = 0; r < 400; r++) {
        seed = seed * 1103515245u + 12345u;
        int kind = (int)((seed >> 16) % 6);
        char vals[5][16];
        const char *v[5];
        for (int i = 0; i < 5; i++) {
            snprintf(vals[i], sizeof vals[i], "%d.%d", r, i);
            v[i] = vals[i];
        }
        finding *f = add_whole(l, "capaian.arithmetic", r, NULL, kinds[kind], v, 5);
        assert_sorted(f);
        assert_int_equal(f->nfields, kind == 4 ? 3 : 5);
        for (int i = 0; i < 5; i++) {
            int last = i;               /* the last place of the key */
            for (int j = i + 1; j < 5; j++)
                if (strcmp(kinds[kind][j], kinds[kind][i]) == 0) last = j;
            assert_string_equal(finding_get(f, kinds[kind][i]), v[last]);
        }
        if (r % 50 == 49) finding_list_clear(l);
    }
    finding_list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_as_finding_set),
        cmocka_unit_test(test_moved_compacted_cleared),
        cmocka_unit_test(test_key_order_and_place),
        cmocka_unit_test(test_orders_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
