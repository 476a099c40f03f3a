/*
 * recompute.c — the list of recomputations (see recompute.h).
 */
#include "model/recompute.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct recompute_list {
    recomputation *items;
    size_t n, cap;
    int sorted;         /* sorted and without duplicates since the last add */
};

static const char *const formula_names[] = { "higher", "2t-r", "t/r", "100-r", "sum" };

int recompute_formula_from_name(const char *name, enum recompute_formula *out)
{
    for (size_t i = 0; i < sizeof formula_names / sizeof formula_names[0]; i++)
        if (strcmp(formula_names[i], name) == 0) {
            *out = (enum recompute_formula)i;
            return 0;
        }
    return -1;
}

const char *recompute_formula_name(enum recompute_formula f)
{
    return formula_names[f];
}

recompute_list *recompute_list_new(void)
{
    return xcalloc(1, sizeof(recompute_list));
}

void recompute_list_free(recompute_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->items[i].rows);
    free(l->items);
    free(l);
}

static int cmp_cell(const recomputation *a, size_t ti, size_t row, size_t col)
{
    if (a->table != ti) return a->table < ti ? -1 : 1;
    if (a->row != row) return a->row < row ? -1 : 1;
    if (a->col != col) return a->col < col ? -1 : 1;
    return 0;
}

void recompute_add(recompute_list *l, const recomputation *r)
{
    grow_array((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
    recomputation *slot = &l->items[l->n];
    *slot = *r;
    slot->seq = l->n++;
    slot->rows = NULL;
    if (r->nrows) {
        slot->rows = xmalloc(r->nrows * sizeof *slot->rows);
        memcpy(slot->rows, r->rows, r->nrows * sizeof *slot->rows);
    }
    l->sorted = 0;
}

size_t recompute_count(const recompute_list *l)
{
    return l ? l->n : 0;
}

const recomputation *recompute_at(const recompute_list *l, size_t i)
{
    return &l->items[i];
}

static int cmp_items(const void *pa, const void *pb)
{
    const recomputation *a = pa, *b = pb;
    int c = cmp_cell(a, b->table, b->row, b->col);
    if (c) return c;
    if (a->t != b->t) return (uintptr_t)a->t < (uintptr_t)b->t ? -1 : 1;   /* long-form groups share indices */
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void recompute_sort(recompute_list *l)
{
    if (l->sorted) return;
    sort_items(l->items, l->n, sizeof *l->items, cmp_items);
    /* a later record of the same cell replaces the earlier ones */
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (i + 1 < l->n && l->items[i + 1].t == l->items[i].t
            && cmp_cell(&l->items[i + 1], l->items[i].table, l->items[i].row, l->items[i].col) == 0) {
            free(l->items[i].rows);
            continue;
        }
        l->items[out++] = l->items[i];
    }
    l->n = out;
    l->sorted = 1;
}

const recomputation *recompute_find(const recompute_list *l, const table *t, size_t ti, size_t row, size_t col)
{
    if (!l) return NULL;
    size_t lo = 0, hi = l->n;
    while (lo < hi) {                   /* the first record of the cell */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_cell(&l->items[mid], ti, row, col) < 0) lo = mid + 1; else hi = mid;
    }
    for (; lo < l->n && cmp_cell(&l->items[lo], ti, row, col) == 0; lo++)
        if (l->items[lo].t == t) return &l->items[lo];
    return NULL;
}
