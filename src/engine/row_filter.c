/*
 * row_filter.c — the conditions of `rows.only` (row_filter.h). Each is a
 * table whose fields must all hold:
 *   kind = "data" | { "data", "total" }     the row's kind
 *   columns = { ROLE, ... }                 the table has every one
 *   any_column = { ROLE, ... }              the table has at least one
 *   empty = { ROLE, ... }                   a column of one of these roles (the
 *                                           first of it) is in the table and the
 *                                           row's cell there is empty
 *   label_has = { "rata", ... }             the row's label (row.label) in ASCII
 *                                           lower case contains one of these
 *   label_empty = true                      the row has no label
 *   units_differ = { ROLE, ROLE }           both cells carry a unit, not the same text
 *   text_starts = { "#", ... }              a cell of the row starts with one of these
 *   no_value = { ROLE, ... }                no column of these roles (the first of
 *                                           each, when present) holds a number
 *                                           (kind value) in the row
 *   above = { ROLE = LIMIT, ... }           a column of one of these roles (the first
 *                                           of it) is in the table and the row's cell
 *                                           there holds a number (kind value) greater
 *                                           than LIMIT (an integer or a decimal string
 *                                           "100.5"), compared as exact decimals
 * A condition only has to be wider than what check_row acts on: the output
 * must not change (tests/e2e compares with LAKIP_NO_ROW_CHECKS=1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine/internal.h"
#include "engine/row_filter.h"
#include "util/util.h"

#define MAX_LIST 16

/* 10^n for 0 <= n <= 18 */
static const int64_t POW10[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
    100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
    10000000000000000, 100000000000000000, 1000000000000000000,
};

typedef struct {
    unsigned kinds;                     /* bits (1 << enum row_kind); 0: any */
    enum col_role all[MAX_LIST], any[MAX_LIST], empty[MAX_LIST], differ[2];
    size_t nall, nany, nempty;
    int has_differ, label_empty;
    char *label_has[MAX_LIST], *starts[MAX_LIST];
    size_t nlabel, nstarts;
    bool start_byte[256];               /* the first bytes of starts */
    char label_first[2 * MAX_LIST + 1]; /* the first bytes of label_has, either case (strpbrk) */
    enum col_role no_value[MAX_LIST];
    size_t nno_value;
    enum col_role above[MAX_LIST];
    decimal above_limit[MAX_LIST];
    size_t nabove;
} condition;

struct row_filters {
    condition *c;
    size_t n;
};

/* per table */
struct filter_plan {
    int possible;                       /* the table has what the condition needs */
    int empty[MAX_LIST];                /* columns of `empty` present, -1 otherwise */
    int above[MAX_LIST];                /* columns of `above` present, -1 otherwise */
    int no_value[MAX_LIST];             /* columns of `no_value` present, -1 otherwise */
    int differ[2];
    int label[3];                       /* the columns row.label reads, in its order (row_label), -1 when absent */
    size_t ncols;                       /* table_column_count, for text_starts */
};

void row_filters_free(row_filters *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        for (size_t k = 0; k < f->c[i].nlabel; k++) free(f->c[i].label_has[k]);
        for (size_t k = 0; k < f->c[i].nstarts; k++) free(f->c[i].starts[k]);
    }
    free(f->c);
    free(f);
}

/* The list of strings at -1 (a single string counts as a list of one). */
static const char *read_texts(lua_State *L, const char *key, char **out, size_t *n, int lower)
{
    int single = lua_type(L, -1) == LUA_TSTRING;
    if (!single && !lua_istable(L, -1)) return key;
    lua_Integer len = single ? 1 : (lua_Integer)lua_rawlen(L, -1);
    if (len < 1 || len > MAX_LIST) return key;
    for (lua_Integer i = 1; i <= len; i++) {
        if (!single) lua_rawgeti(L, -1, i);
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (!single) lua_pop(L, 1);
        if (!s || !*s) return key;
        char *copy = xstrdup(s);
        for (char *p = copy; lower && *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
        out[(*n)++] = copy;
    }
    return NULL;
}

static const char *read_roles(lua_State *L, const char *key, enum col_role *out, size_t *n)
{
    char *names[MAX_LIST];
    size_t count = 0;
    const char *e = read_texts(L, key, names, &count, 0);
    for (size_t i = 0; i < count; i++) {
        enum col_role r = col_role_from_name(names[i]);
        if (r == COL_NONE) e = key;
        else out[(*n)++] = r;
        free(names[i]);
    }
    return e;
}

static const char *read_kind(lua_State *L, unsigned *kinds)
{
    char *names[MAX_LIST];
    size_t count = 0;
    const char *e = read_texts(L, "kind", names, &count, 0);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(names[i], "data") == 0) *kinds |= 1u << ROW_DATA;
        else if (strcmp(names[i], "group") == 0) *kinds |= 1u << ROW_GROUP;
        else if (strcmp(names[i], "total") == 0) *kinds |= 1u << ROW_TOTAL;
        else e = "kind";
        free(names[i]);
    }
    return e;
}

/* above = { ROLE = LIMIT, ... } (table at -1): a limit is an integer or a
 * canonical decimal string, never a float (no verdict on binary floating
 * point). */
static const char *read_above(lua_State *L, condition *c)
{
    if (!lua_istable(L, -1)) return "above";
    const char *e = NULL;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        enum col_role role = lua_type(L, -2) == LUA_TSTRING ? col_role_from_name(lua_tostring(L, -2)) : COL_NONE;
        decimal limit;
        int ok = role != COL_NONE && c->nabove < MAX_LIST;
        if (ok && lua_isinteger(L, -1)) limit = decimal_from_int((int64_t)lua_tointeger(L, -1));
        else if (ok && lua_type(L, -1) == LUA_TSTRING) ok = decimal_parse(lua_tostring(L, -1), &limit) == DECIMAL_OK;
        else ok = 0;
        lua_pop(L, 1);
        if (!ok) {
            e = "above";
            continue;                       /* lua_next must run to the end */
        }
        c->above[c->nabove] = role;
        c->above_limit[c->nabove++] = limit;
    }
    return e || c->nabove == 0 ? "above" : NULL;
}

/* One condition (table at -1); the name of the bad key, or NULL. */
static const char *read_condition(lua_State *L, condition *c)
{
    if (!lua_istable(L, -1)) return "";
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        const char *e = NULL;
        size_t two = 0;
        if (strcmp(key, "kind") == 0) e = read_kind(L, &c->kinds);
        else if (strcmp(key, "columns") == 0) e = read_roles(L, key, c->all, &c->nall);
        else if (strcmp(key, "any_column") == 0) e = read_roles(L, key, c->any, &c->nany);
        else if (strcmp(key, "empty") == 0) e = read_roles(L, key, c->empty, &c->nempty);
        else if (strcmp(key, "label_has") == 0) e = read_texts(L, key, c->label_has, &c->nlabel, 1);
        else if (strcmp(key, "text_starts") == 0) e = read_texts(L, key, c->starts, &c->nstarts, 0);
        else if (strcmp(key, "label_empty") == 0) c->label_empty = lua_toboolean(L, -1);
        else if (strcmp(key, "above") == 0) e = read_above(L, c);
        else if (strcmp(key, "no_value") == 0) e = read_roles(L, key, c->no_value, &c->nno_value);
        else if (strcmp(key, "units_differ") == 0) {
            e = (lua_Integer)lua_rawlen(L, -1) == 2 ? read_roles(L, key, c->differ, &two) : key;
            c->has_differ = 1;
        } else e = key;
        if (e) {
            lua_pop(L, 2);
            return e;
        }
        lua_pop(L, 1);
    }
    return NULL;
}

const char *row_filters_read(lua_State *L, int idx, row_filters **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!lua_istable(L, idx) || (lua_Integer)lua_rawlen(L, idx) == 0) {
        snprintf(err, errlen, "'rows.only' must be a non-empty list of conditions");
        return err;
    }
    row_filters *f = xcalloc(1, sizeof *f);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    f->c = xcalloc((size_t)n, sizeof *f->c);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        condition *c = &f->c[f->n++];
        const char *bad = read_condition(L, c);
        lua_pop(L, 1);
        for (size_t k = 0; !bad && k < c->nstarts; k++) c->start_byte[(unsigned char)c->starts[k][0]] = true;
        for (size_t k = 0; !bad && k < c->nlabel; k++) {
            char b = c->label_has[k][0], up = b >= 'a' && b <= 'z' ? (char)(b - 32) : b;
            if (!strchr(c->label_first, b)) strncat(c->label_first, &b, 1);
            if (!strchr(c->label_first, up)) strncat(c->label_first, &up, 1);
        }
        if (bad) {
            if (*bad) snprintf(err, errlen, "'rows.only' condition %d: bad or unknown key '%s' (see docs/RULES.md)", (int)i, bad);
            else snprintf(err, errlen, "'rows.only' condition %d must be a table", (int)i);
            row_filters_free(f);
            return err;
        }
    }
    *out = f;
    return NULL;
}

filter_plan *row_filters_plan(const row_filters *f, const table *t, int *any)
{
    filter_plan *plans = xcalloc(f->n, sizeof *plans);
    *any = 0;
    for (size_t i = 0; i < f->n; i++) {
        const condition *c = &f->c[i];
        filter_plan *p = &plans[i];
        p->possible = 1;
        for (size_t k = 0; k < c->nall; k++)
            if (table_find_role(t, c->all[k]) < 0) p->possible = 0;
        int some = c->nany == 0;
        for (size_t k = 0; k < c->nany; k++)
            if (table_find_role(t, c->any[k]) >= 0) some = 1;
        if (!some) p->possible = 0;
        some = c->nempty == 0;
        for (size_t k = 0; k < c->nempty; k++)
            if ((p->empty[k] = table_find_role(t, c->empty[k])) >= 0) some = 1;
        if (!some) p->possible = 0;
        for (size_t k = 0; k < c->nno_value; k++) p->no_value[k] = table_find_role(t, c->no_value[k]);
        some = c->nabove == 0;
        for (size_t k = 0; k < c->nabove; k++)
            if ((p->above[k] = table_find_role(t, c->above[k])) >= 0) some = 1;
        if (!some) p->possible = 0;
        for (size_t k = 0; c->has_differ && k < 2; k++)
            if ((p->differ[k] = table_find_role(t, c->differ[k])) < 0) p->possible = 0;
        /* found once per table, not three lookups by role for every row
         * whose label is asked */
        static const enum col_role label_order[3] = { COL_INDIKATOR, COL_PROGRAM, COL_SASARAN };
        for (size_t k = 0; k < 3; k++) p->label[k] = table_find_role(t, label_order[k]);
        p->ncols = table_column_count(t);
        *any |= p->possible;
    }
    return plans;
}

/* The label contains one of the condition's label_has (lower case),
 * ignoring ASCII case of the label: the words tried only where a byte
 * begins one (label_first, found by strpbrk a word at a time rather than
 * a byte at a time; penomoran's three all begin with "p"), instead of a
 * scan of the label per word: a label is tested for every row of a table */
static int label_has_any(const char *hay, const condition *c)
{
    for (const char *h = hay; (h = strpbrk(h, c->label_first)) != NULL; h++) {
        for (size_t w = 0; w < c->nlabel; w++) {
            const char *needle = c->label_has[w];
            size_t k = 0;
            while (needle[k] && h[k] && (h[k] >= 'A' && h[k] <= 'Z' ? h[k] + 32 : h[k]) == needle[k]) k++;
            if (!needle[k]) return 1;
        }
    }
    return 0;
}

/* The row's kind and cells are read once by row_filters_hold, not once
 * per condition and column: this runs for every row of every table, for
 * each rule file that declares `only`. */
/* v > lim, as decimal_cmp(v, lim) > 0: both at the larger scale, in 64
 * bits when that does not overflow (a value above 100 of a report is
 * written with a decimal or two, the limit without) */
static int above(decimal v, decimal lim)
{
    int64_t a = v.coef, b = lim.coef;
    if (v.scale >= 0 && lim.scale >= 0 && v.scale <= DECIMAL_MAX_SCALE && lim.scale <= DECIMAL_MAX_SCALE
        && (v.scale >= lim.scale ? !__builtin_mul_overflow(b, POW10[v.scale - lim.scale], &b)
                                 : !__builtin_mul_overflow(a, POW10[lim.scale - v.scale], &a)))
        return a > b;
    return decimal_cmp(v, lim) > 0;
}

/* A cell of the row starts with one of the condition's texts. Every
 * cell's first byte is looked up first, four cells a step and one test
 * for all (this runs for every cell of every row of every table): only a
 * row with a byte that begins one of the texts is read further. */
static inline __attribute__((always_inline)) int row_starts(const condition *c, const cell *cells, size_t ncols)
{
    const bool *first = c->start_byte;
    unsigned any = 0;
    size_t k = 0;
    for (; k + 4 <= ncols; k += 4)
        any |= (unsigned)first[(unsigned char)cells[k].text[0]] | (unsigned)first[(unsigned char)cells[k + 1].text[0]]
             | (unsigned)first[(unsigned char)cells[k + 2].text[0]] | (unsigned)first[(unsigned char)cells[k + 3].text[0]];
    for (; k < ncols; k++) any |= (unsigned)first[(unsigned char)cells[k].text[0]];
    if (!any) return 0;
    for (const cell *x = cells, *end = cells + ncols; x < end; x++) {
        const char *text = x->text;
        if (!first[(unsigned char)text[0]]) continue;
        for (size_t i = 0; i < c->nstarts; i++)
            if (text[0] == c->starts[i][0] && strncmp(text, c->starts[i], strlen(c->starts[i])) == 0) return 1;
    }
    return 0;
}

/* (inlined into the loops over rows that call it: it runs for every row) */
static inline __attribute__((always_inline)) int condition_holds(const condition *c, const filter_plan *p, enum row_kind kind, const cell *cells)
{
    if (!p->possible) return 0;
    if (c->kinds && !(c->kinds & (1u << kind))) return 0;
    if (c->nempty) {
        int hit = 0;
        for (size_t k = 0; k < c->nempty && !hit; k++)
            hit = p->empty[k] >= 0 && cells[p->empty[k]].text[0] == '\0';
        if (!hit) return 0;
    }
    for (size_t k = 0; k < c->nno_value; k++)
        if (p->no_value[k] >= 0 && cells[p->no_value[k]].num.kind == NUMBER_VALUE) return 0;
    if (c->nabove) {
        int hit = 0;
        for (size_t k = 0; k < c->nabove && !hit; k++) {
            const cell_number *n = p->above[k] >= 0 ? &cells[p->above[k]].num : NULL;
            if (!n || n->kind != NUMBER_VALUE) continue;
            /* at one scale the coefficients compare as the values do */
            hit = above(n->value, c->above_limit[k]);
        }
        if (!hit) return 0;
    }
    if (c->nlabel || c->label_empty) {
        /* row_label(t, row), from the plan's columns: the first of them
         * whose cell is not empty */
        const char *label = NULL;
        for (size_t k = 0; k < 3 && !label; k++)
            if (p->label[k] >= 0 && cells[p->label[k]].text[0]) label = cells[p->label[k]].text;
        if (c->label_empty && label) return 0;
        if (c->nlabel && !(label && label_has_any(label, c))) return 0;
    }
    if (c->has_differ) {
        const char *a = cells[p->differ[0]].num.unit;
        const char *b = cells[p->differ[1]].num.unit;
        if (!a[0] || !b[0] || strcmp(a, b) == 0) return 0;
    }
    if (c->nstarts) return row_starts(c, cells, p->ncols);
    return 1;
}

int row_filters_hold(const row_filters *f, const filter_plan *p, const table *t, size_t row, enum row_kind kind,
                     const cell *cells)
{
    (void)t, (void)row;                 /* its cells and the plan say all: the label too, the column count */
    for (size_t i = 0; i < f->n; i++)
        if (condition_holds(&f->c[i], &p[i], kind, cells)) return 1;
    return 0;
}

size_t row_filters_scan(const row_filters *f, const filter_plan *p, const table *t, unsigned skip_kinds,
                        unsigned char *may)
{
    size_t n = table_row_count(t), count = 0;
    /* the kinds any condition takes, tested before a row's cells are read */
    unsigned kinds = 0;
    for (size_t i = 0; i < f->n; i++)
        if (p[i].possible) kinds |= f->c[i].kinds ? f->c[i].kinds : ~0u;
    kinds &= ~skip_kinds;
    for (size_t r = 0; r < n; r++) {
        enum row_kind kind = table_row_kind(t, r);
        int hold = 0;
        if (kinds & (1u << kind)) {
            const cell *cells = table_row_cells(t, r);
            for (size_t i = 0; i < f->n && !hold; i++) hold = condition_holds(&f->c[i], &p[i], kind, cells);
        }
        may[r] = (unsigned char)hold;
        count += (size_t)hold;
    }
    return count;
}
