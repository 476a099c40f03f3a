/*
 * row_checks.c — per-row checks a rule file declares as data (`rows` in its
 * returned table; docs/RULES.md, "Checks declared as data"), read once when
 * the file is declared, planned once per table (once for the tables of the
 * same columns: plan_memo) and evaluated here in C over every row with
 * exact decimals (row_formula.h). A row every applicable
 * check passes is recorded as the rule would record it (ctx:recomputed,
 * a count the rule reads back with ctx:passed) and check_row is not called
 * for it; every other row goes to check_row exactly as before, which
 * diagnoses and words the finding. The declaration only decides which
 * rows Lua must see, never a verdict Lua would not reach: with
 * LAKIP_NO_ROW_CHECKS=1 in the environment the engine ignores it and the
 * output is byte for byte the same (tests/e2e/run.sh).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"
#include "engine/row_filter.h"
#include "engine/row_formula.h"
#include "model/recompute.h"
#include "util/util.h"

#define MAX_VARS 8
#define MAX_FORMULAS 8
/* `when = { column = ROLE, one_of = { "naik", ... } }`. A cell of WHEN_MAX
 * bytes or more never holds, so a value that long is not kept. */
#define WHEN_MAX 64

/* One formula of `deferred.formulas`. */
typedef struct {
    char *key;                          /* a recompute formula name: "2t-r", "t/r", "100-r" */
    enum recompute_formula formula;
    row_expr *num, *den;
    int percent_only;                   /* not for a count (count_label) */
} deferred_formula;

/* A row label's class, given by the rule for this run (ctx:classify). */
enum label_class { CLASS_NONE, CLASS_WHEN, CLASS_DEFERRED };

typedef struct {
    char *label;
    enum label_class cls;
} label_entry;

/* A row the check took with its formula still open (ctx:settle decides):
 * what ctx:settle records for it is kept here, not worked out again. */
typedef struct {
    const table *t;
    size_t tindex, row;
    unsigned char match;                /* bit i: formula i rounded half-up is the reported value */
    unsigned char rounded;              /* bit i: and truncating it would give another value */
    unsigned char counted;              /* the row is a count */
    int reported_col, target_col, realisasi_col;   /* 0-based: the plan's columns */
    decimal value[MAX_FORMULAS];        /* for each bit of match: that value */
} deferred_row;

/* Rows of one file a check passed, and how many of them rounding (rather
 * than truncation) decided: read back by the rule with ctx:passed(name). */
typedef struct {
    const char *file;
    long rows, rounded;
} pass_count;

typedef struct {
    char *name;
    char *vars[MAX_VARS];               /* the names its expressions use */
    enum col_role roles[MAX_VARS];      /* the column role of each */
    size_t nvars;
    enum col_role reported;             /* the column holding the value judged */
    enum col_role unless;               /* the check does not apply to a table with this column */
    int prefer_report_year;             /* several columns of a role: the one of the report year */
    row_expr *num, *den;
    enum decimal_rounding rounding;
    enum col_role when_role;            /* COL_NONE: every row */
    char **when_values;                 /* lower-case texts the cell must be one of */
    size_t *when_lens;                  /* their lengths */
    size_t nwhen;
    size_t when_at[WHEN_MAX + 1];       /* [n]: the first value of n bytes or more (sorted by length) */
    int record;                         /* ctx:recomputed for a passed row */
    enum recompute_formula formula;
    size_t record_target, record_realisasi;     /* indices into vars */
    int count_rounded;
    pass_count *counts;
    size_t ncounts, cap;
    /* `deferred`: rows its own `when` does not cover but this one does are
     * taken with every formula tried, and settled in finish (ctx:settle) */
    int has_deferred;
    enum col_role dwhen_role;
    char **dwhen_values;
    size_t *dwhen_lens;
    size_t ndwhen;
    size_t dwhen_at[WHEN_MAX + 1];
    deferred_formula formulas[MAX_FORMULAS];
    size_t nformulas;
    char *count_label;                  /* lower case; NULL: no row is a count */
    deferred_row *drows;
    size_t ndrows, dcap;
    long votes[MAX_FORMULAS];           /* rows only formula i reproduces */
    /* `by_label`: in a table without the column of a `when`, the row's
     * label decides, by the classes of this run (open addressing) */
    int by_label;
    label_entry *classes;
    size_t nclasses, classes_cap;       /* cap: 0 or a power of two */
} row_check;

/* The plan of the last table planned, and what it was made from: a plan
 * depends only on the table's column roles, their header years and the
 * report year, and the tables of a long-form export (one or a few per
 * report, thousands of reports) share their columns: the next table with
 * the same ones gets the same plan instead of one made anew. */
typedef struct {
    table_plan *plan;                   /* NULL: none yet */
    int year;                           /* report_year when it was made */
    size_t ncols;
    enum col_role *roles;               /* per column */
    int *years;                         /* per column: table_column_year */
    size_t cap;
} plan_memo;

struct row_checks {
    row_check *checks;
    size_t n;
    row_filters *only;                  /* `rows.only`, or NULL */
    unsigned ignore_kinds;              /* bit (1 << enum row_kind): check_row is not called */
    int skip_other_tables;              /* no check applies: check_row is not called either */
    plan_memo *memo;                    /* (a pointer: planning takes the declaration as const) */
};

/* A check on one table: its columns (0-based), or applies = 0. */
typedef struct {
    int applies;
    int vars[MAX_VARS];
    int reported;
    int when_col;                       /* -1: the table has no such column */
    int dwhen_col;                      /* the same for `deferred.when` */
} check_plan;

/* The declaration on one table. */
struct table_plan {
    check_plan *checks;
    int any_check;                      /* a check applies */
    filter_plan *filters;               /* NULL: no `only` */
    int any_filter;                     /* a condition of `only` can hold */
    int kept;                           /* the memo's: row_checks_plan_free leaves it */
    /* `only` alone (no check applies): the rows of the table planned last
     * where a condition holds, found by one pass over it (row_filters_scan)
     * when it was planned. The plan is shared by the tables of the same
     * columns, so `scanned` says which table `may` describes. */
    const table *scanned;               /* NULL: none (checks apply, or no `only`) */
    unsigned char *may;                 /* per row: 1 when check_row can act on it */
    size_t may_cap, nmay;               /* nmay: the rows with 1 */
};

static void classes_clear(row_check *c)
{
    for (size_t i = 0; i < c->classes_cap; i++) free(c->classes[i].label);
    free(c->classes);
    c->classes = NULL;
    c->nclasses = c->classes_cap = 0;
}

static size_t label_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static label_entry *class_slot(label_entry *tab, size_t cap, const char *label)
{
    size_t i = label_hash(label) & (cap - 1);
    while (tab[i].label && strcmp(tab[i].label, label) != 0) i = (i + 1) & (cap - 1);
    return &tab[i];
}

static void classes_set(row_check *c, const char *label, enum label_class cls)
{
    if ((c->nclasses + 1) * 2 > c->classes_cap) {
        size_t cap = c->classes_cap ? c->classes_cap * 2 : 64;
        label_entry *tab = xcalloc(cap, sizeof *tab);
        for (size_t i = 0; i < c->classes_cap; i++)
            if (c->classes[i].label) *class_slot(tab, cap, c->classes[i].label) = c->classes[i];
        free(c->classes);
        c->classes = tab;
        c->classes_cap = cap;
    }
    label_entry *e = class_slot(c->classes, c->classes_cap, label);
    if (!e->label) {
        e->label = xstrdup(label);
        c->nclasses++;
    }
    e->cls = cls;
}

static enum label_class label_class_of(const row_check *c, const table *t, size_t row)
{
    const char *label = row_label(t, row);
    if (!label || !c->nclasses) return CLASS_NONE;
    return class_slot(c->classes, c->classes_cap, label)->cls;
}

static void free_check(row_check *c)
{
    free(c->name);
    for (size_t i = 0; i < c->nvars; i++) free(c->vars[i]);
    row_expr_free(c->num);
    row_expr_free(c->den);
    for (size_t i = 0; i < c->nwhen; i++) free(c->when_values[i]);
    free(c->when_values);
    free(c->when_lens);
    for (size_t i = 0; i < c->ndwhen; i++) free(c->dwhen_values[i]);
    free(c->dwhen_values);
    free(c->dwhen_lens);
    for (size_t i = 0; i < c->nformulas; i++) {
        free(c->formulas[i].key);
        row_expr_free(c->formulas[i].num);
        row_expr_free(c->formulas[i].den);
    }
    free(c->count_label);
    free(c->drows);
    classes_clear(c);
    free(c->counts);
}

static void plan_free(table_plan *tp)
{
    if (!tp) return;
    free(tp->checks);
    free(tp->filters);
    free(tp->may);
    free(tp);
}

void row_checks_free(row_checks *rc)
{
    if (!rc) return;
    if (rc->memo) {
        plan_free(rc->memo->plan);
        free(rc->memo->roles);
        free(rc->memo->years);
        free(rc->memo);
    }
    for (size_t i = 0; i < rc->n; i++) free_check(&rc->checks[i]);
    free(rc->checks);
    row_filters_free(rc->only);
    free(rc);
}

/* ---- reading the declaration ---- */

static const char *role_field(lua_State *L, int idx, const char *key, int required, enum col_role *out,
                              char *err, size_t errlen)
{
    *out = COL_NONE;
    int t = lua_getfield(L, idx, key);
    if (t == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TSTRING || (*out = col_role_from_name(lua_tostring(L, -1))) == COL_NONE) {
        snprintf(err, errlen, "'%s' must be a column role name (see docs/RULES.md)", key);
        lua_pop(L, 1);
        return err;
    }
    lua_pop(L, 1);
    return NULL;
}

static size_t var_index(const row_check *c, const char *name)
{
    for (size_t i = 0; i < c->nvars; i++)
        if (strcmp(c->vars[i], name) == 0) return i;
    return (size_t)-1;
}

static const char *read_expr(lua_State *L, int idx, const char *key, row_check *c, row_expr **out,
                             char *err, size_t errlen)
{
    if (lua_getfield(L, idx, key) != LUA_TSTRING) {
        lua_pop(L, 1);
        snprintf(err, errlen, "'%s' must be an expression (a string)", key);
        return err;
    }
    char sub[200];
    *out = row_expr_compile(lua_tostring(L, -1), (const char *const *)c->vars, c->nvars, sub, sizeof sub);
    lua_pop(L, 1);
    if (!*out) {
        snprintf(err, errlen, "'%s': %s", key, sub);
        return err;
    }
    return NULL;
}

static const char *read_when(lua_State *L, int idx, enum col_role *role, char ***values, size_t **lens,
                             size_t *nvalues, size_t *at, char *err, size_t errlen)
{
    int t = lua_getfield(L, idx, "when");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    int w = lua_gettop(L);
    const char *e = t != LUA_TTABLE ? "'when' must be a table {column = ROLE, one_of = {...}}"
                    : role_field(L, w, "column", 1, role, err, errlen);
    if (!e && lua_getfield(L, w, "one_of") != LUA_TTABLE) e = "'when.one_of' must be a list of texts";
    if (!e) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        *values = xcalloc((size_t)n + 1, sizeof(char *));
        *lens = xcalloc((size_t)n + 1, sizeof(size_t));
        for (lua_Integer i = 1; i <= n && !e; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TSTRING) e = "'when.one_of' must be a list of texts";
            else if (lua_rawlen(L, -1) < WHEN_MAX) {
                (*lens)[*nvalues] = strlen(lua_tostring(L, -1));
                (*values)[(*nvalues)++] = xstrdup(lua_tostring(L, -1));
            }
            lua_pop(L, 1);
        }
        /* shortest first: cell_is_one_of stops at the first value longer
         * than the cell (which of the values holds is never asked) */
        for (size_t i = 1; i < *nvalues; i++)
            for (size_t j = i; j > 0 && (*lens)[j - 1] > (*lens)[j]; j--) {
                size_t l = (*lens)[j]; (*lens)[j] = (*lens)[j - 1]; (*lens)[j - 1] = l;
                char *v = (*values)[j]; (*values)[j] = (*values)[j - 1]; (*values)[j - 1] = v;
            }
    }
    /* where the values of each length start, for cell_is_one_of */
    for (size_t n = 0, i = 0; n <= WHEN_MAX; n++) {
        while (i < *nvalues && (*lens)[i] < n) i++;
        at[n] = i;
    }
    lua_settop(L, w - 1);
    return e;
}

/* `deferred = { when = {...}, formulas = { {key =, num =, den =, percent_only =}, ... },
 * count_label = "jumlah" }` (docs/RULES.md): for rows whose formula the rule
 * chooses only when the whole report is seen. */
static const char *read_deferred(lua_State *L, int idx, row_check *c, char *err, size_t errlen)
{
    int t = lua_getfield(L, idx, "deferred");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    int d = lua_gettop(L);
    const char *e = NULL;
    if (t != LUA_TTABLE) e = "'deferred' must be a table {when =, formulas =, count_label =}";
    if (!e) e = read_when(L, d, &c->dwhen_role, &c->dwhen_values, &c->dwhen_lens, &c->ndwhen, c->dwhen_at, err, errlen);
    if (!e && c->dwhen_role == COL_NONE) e = "'deferred.when' is required";
    if (!e && c->when_role == COL_NONE) e = "'deferred' needs the check's own 'when' (the rows it does not cover)";
    if (!e && lua_getfield(L, d, "formulas") != LUA_TTABLE) e = "'deferred.formulas' must be a list of formulas";
    lua_Integer n = e ? 0 : (lua_Integer)lua_rawlen(L, -1);
    if (!e && (n < 1 || n > MAX_FORMULAS)) e = "'deferred.formulas' must list 1 to 8 formulas";
    for (lua_Integer i = 1; !e && i <= n; i++) {
        deferred_formula *f = &c->formulas[c->nformulas];
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE) e = "each of 'deferred.formulas' must be a table {key =, num =, den =}";
        else if (lua_getfield(L, -1, "key") != LUA_TSTRING
                 || recompute_formula_from_name(lua_tostring(L, -1), &f->formula) < 0 || f->formula == RECOMPUTE_SUM)
            e = "'deferred.formulas[i].key' must be \"higher\", \"2t-r\", \"t/r\" or \"100-r\"";
        else {
            f->key = xstrdup(lua_tostring(L, -1));
            c->nformulas++;
            lua_pop(L, 1);
            e = read_expr(L, lua_gettop(L), "num", c, &f->num, err, errlen);
            if (!e) e = read_expr(L, lua_gettop(L), "den", c, &f->den, err, errlen);
            lua_getfield(L, -1, "percent_only");
            f->percent_only = lua_toboolean(L, -1);
        }
        lua_settop(L, d + 1);
    }
    if (!e) {
        t = lua_getfield(L, d, "count_label");
        if (t == LUA_TSTRING && lua_tostring(L, -1)[0]) {
            c->count_label = xstrdup(lua_tostring(L, -1));
            for (char *p = c->count_label; *p; p++) *p = (char)tolower((unsigned char)*p);
        } else if (t != LUA_TNIL) e = "'deferred.count_label' must be a text";
    }
    if (!e && !c->record) e = "'deferred' needs 'record' (its target and realisasi)";
    c->has_deferred = !e;
    lua_settop(L, d - 1);
    return e;
}

/* `record = { formula = "higher", target = NAME, realisasi = NAME }`: what
 * ctx:recomputed is given for a passed row (expected: the check's value). */
static const char *read_record(lua_State *L, int idx, row_check *c, char *err, size_t errlen)
{
    int t = lua_getfield(L, idx, "record");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    int r = lua_gettop(L);
    const char *e = NULL;
    if (t != LUA_TTABLE) e = "'record' must be a table {formula =, target =, realisasi =}";
    else if (lua_getfield(L, r, "formula") != LUA_TSTRING
             || recompute_formula_from_name(lua_tostring(L, -1), &c->formula) < 0 || c->formula == RECOMPUTE_SUM)
        e = "'record.formula' must be \"higher\", \"2t-r\", \"t/r\" or \"100-r\"";
    for (int k = 0; k < 2 && !e; k++) {
        const char *key = k ? "realisasi" : "target";
        size_t i = lua_getfield(L, r, key) == LUA_TSTRING ? var_index(c, lua_tostring(L, -1)) : (size_t)-1;
        if (i == (size_t)-1) {
            snprintf(err, errlen, "'record.%s' must name one of the check's columns", key);
            e = err;
        }
        *(k ? &c->record_realisasi : &c->record_target) = i;
    }
    c->record = !e;
    lua_settop(L, r - 1);
    return e;
}

static const char *const check_keys[] = { "name", "columns", "reported", "unless_column", "prefer_report_year",
                                          "num", "den", "rounding", "compare", "when", "record", "count_rounded",
                                          "deferred", "by_label", NULL };

/* One entry of rows.checks (table at -1). */
static const char *read_check(lua_State *L, row_check *c, char *err, size_t errlen)
{
    int idx = lua_gettop(L);
    if (!lua_istable(L, idx)) return "each entry of 'rows.checks' must be a table";
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        int known = 0;
        for (const char *const *k = check_keys; *k && lua_type(L, -1) == LUA_TSTRING; k++)
            known |= strcmp(*k, lua_tostring(L, -1)) == 0;
        if (!known) {
            snprintf(err, errlen, "unknown key '%s' in a declared row check", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
            lua_pop(L, 1);
            return err;
        }
    }
    if (lua_getfield(L, idx, "name") != LUA_TSTRING) return "a declared row check needs a 'name' (a string)";
    c->name = xstrdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "columns") != LUA_TTABLE) return "'columns' must be a table {NAME = ROLE, ...}";
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        enum col_role role = lua_type(L, -1) == LUA_TSTRING ? col_role_from_name(lua_tostring(L, -1)) : COL_NONE;
        if (lua_type(L, -2) != LUA_TSTRING || role == COL_NONE) {
            lua_pop(L, 3);
            return "'columns' must map names to column role names";
        }
        if (c->nvars == MAX_VARS) {
            lua_pop(L, 3);
            return "too many columns in a declared row check";
        }
        c->roles[c->nvars] = role;
        c->vars[c->nvars++] = xstrdup(lua_tostring(L, -2));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    /* pairs() order is not defined: sort the names, so plans do not depend on it */
    for (size_t i = 1; i < c->nvars; i++)
        for (size_t j = i; j > 0 && strcmp(c->vars[j - 1], c->vars[j]) > 0; j--) {
            char *v = c->vars[j]; c->vars[j] = c->vars[j - 1]; c->vars[j - 1] = v;
            enum col_role r = c->roles[j]; c->roles[j] = c->roles[j - 1]; c->roles[j - 1] = r;
        }
    const char *e = role_field(L, idx, "reported", 1, &c->reported, err, errlen);
    if (!e) e = role_field(L, idx, "unless_column", 0, &c->unless, err, errlen);
    if (!e) e = read_expr(L, idx, "num", c, &c->num, err, errlen);
    if (!e) e = read_expr(L, idx, "den", c, &c->den, err, errlen);
    if (e) return e;
    lua_getfield(L, idx, "prefer_report_year");
    c->prefer_report_year = lua_toboolean(L, -1);
    lua_getfield(L, idx, "count_rounded");
    c->count_rounded = lua_toboolean(L, -1);
    lua_getfield(L, idx, "by_label");
    c->by_label = lua_toboolean(L, -1);
    lua_pop(L, 3);
    int t = lua_getfield(L, idx, "rounding");
    const char *mode = t == LUA_TNIL ? "half_up" : lua_tostring(L, -1);
    if (!mode || (strcmp(mode, "half_up") && strcmp(mode, "truncate"))) e = "'rounding' must be \"half_up\" or \"truncate\"";
    else c->rounding = strcmp(mode, "half_up") == 0 ? DECIMAL_HALF_UP : DECIMAL_TRUNCATE;
    lua_pop(L, 1);
    t = lua_getfield(L, idx, "compare");
    if (!e && t != LUA_TNIL && !(t == LUA_TSTRING && strcmp(lua_tostring(L, -1), "equal") == 0))
        e = "'compare' must be \"equal\" (the value at the reported precision equals the reported value)";
    lua_pop(L, 1);
    if (!e) e = read_when(L, idx, &c->when_role, &c->when_values, &c->when_lens, &c->nwhen, c->when_at, err, errlen);
    if (!e) e = read_record(L, idx, c, err, errlen);
    if (!e) e = read_deferred(L, idx, c, err, errlen);
    if (!e && c->by_label && c->when_role == COL_NONE) e = "'by_label' needs a 'when'";
    return e;
}

static const char *read_kinds(lua_State *L, unsigned *out)
{
    if (lua_getfield(L, -1, "ignore_kinds") == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    const char *e = lua_istable(L, -1) ? NULL : "'rows.ignore_kinds' must be a list of row kinds";
    for (lua_Integer i = 1; !e && i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        const char *k = lua_tostring(L, -1);
        if (k && strcmp(k, "data") == 0) *out |= 1u << ROW_DATA;
        else if (k && strcmp(k, "group") == 0) *out |= 1u << ROW_GROUP;
        else if (k && strcmp(k, "total") == 0) *out |= 1u << ROW_TOTAL;
        else e = "'rows.ignore_kinds': a row kind is \"data\", \"group\" or \"total\"";
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return e;
}

const char *declare_row_checks(script *s, family *fam, char *err, size_t errlen)
{
    lua_State *L = s->L;
    int t = lua_getfield(L, -1, "rows");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    int top = lua_gettop(L);
    row_checks *rc = xcalloc(1, sizeof *rc);
    const char *e = NULL;
    if (t != LUA_TTABLE) e = "'rows' must be a table {checks = {...}, ignore_kinds = {...}}";
    if (!e) {
        lua_pushnil(L);
        while (!e && lua_next(L, top)) {
            lua_pop(L, 1);
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
            if (strcmp(k, "checks") && strcmp(k, "only") && strcmp(k, "ignore_kinds") && strcmp(k, "skip_other_tables")) {
                snprintf(err, errlen, "unknown key '%s' in 'rows'", k);
                e = err;
            }
        }
        lua_settop(L, top);
    }
    if (!e) e = read_kinds(L, &rc->ignore_kinds);
    if (!e) {
        lua_getfield(L, top, "skip_other_tables");
        rc->skip_other_tables = lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, top, "only") != LUA_TNIL) e = row_filters_read(L, top + 1, &rc->only, err, errlen);
        lua_pop(L, 1);
    }
    if (!e) {
        t = lua_getfield(L, top, "checks");
        if (t == LUA_TNIL && rc->only) {                    /* only conditions, no checks */
            lua_pop(L, 1);
            lua_newtable(L);
        }
        else if (t != LUA_TTABLE || (lua_Integer)lua_rawlen(L, -1) == 0)
            e = "'rows.checks' must be a non-empty list of checks (or give 'rows.only')";
    }
    for (lua_Integer i = 1; !e && i <= (lua_Integer)lua_rawlen(L, top + 1); i++) {
        rc->checks = xrealloc(rc->checks, (rc->n + 1) * sizeof *rc->checks);
        row_check *c = &rc->checks[rc->n++];
        memset(c, 0, sizeof *c);
        lua_rawgeti(L, top + 1, i);
        e = read_check(L, c, err, errlen);
        lua_settop(L, top + 1);
        for (size_t k = 0; !e && k + 1 < rc->n; k++)
            if (strcmp(rc->checks[k].name, c->name) == 0) e = "two declared row checks have the same name";
    }
    lua_settop(L, top - 1);
    if (e) {
        if (e != err) snprintf(err, errlen, "%s", e);
        row_checks_free(rc);
        return err;
    }
    rc->memo = xcalloc(1, sizeof *rc->memo);
    fam->checks = rc;
    return NULL;
}

/* ---- planning a table ---- */

/* The column of a role: the first, or with prefer_year the one whose
 * header names the report year when there is one (as the rules pick). */
static int pick_column(const table *t, enum col_role role, int year)
{
    int first = -1;
    for (size_t c = 0; c < table_column_count(t); c++) {
        if (table_column_role(t, c) != role) continue;
        if (year && table_column_year(t, c) == year) return (int)c;
        if (first < 0) first = (int)c;
    }
    return first;
}

/* The memo's plan when table t has the columns (roles and years) it was
 * made for, in a report of the same year; else NULL, and the memo now
 * describes t (the caller makes its plan and keeps it there). */
static table_plan *memo_plan(plan_memo *m, const table *t, int year)
{
    size_t n = table_column_count(t);
    int same = m->plan && m->ncols == n, any_year = 0;
    if (n > m->cap) {
        m->roles = xrealloc(m->roles, n * sizeof *m->roles);
        m->years = xrealloc(m->years, n * sizeof *m->years);
        m->cap = n;
    }
    for (size_t c = 0; c < n; c++) {
        enum col_role r = table_column_role(t, c);
        int y = table_column_year(t, c);
        if (same && (m->roles[c] != r || m->years[c] != y)) same = 0;
        m->roles[c] = r;
        m->years[c] = y;
        any_year |= y != 0;
    }
    /* the report year picks among columns by their header years
     * (pick_column): without any, it changes nothing */
    if (!any_year) year = 0;
    if (same && m->year == year) return m->plan;
    if (m->plan) {
        m->plan->kept = 0;
        plan_free(m->plan);
        m->plan = NULL;
    }
    m->year = year;
    m->ncols = n;
    return NULL;
}

/* With `only` alone, the rows of t where a condition holds, found now in
 * one pass (the plan's `may`): a table with none is skipped whole
 * (row_checks_skip_table), and the row loop reads the answer for the
 * others. Testing the conditions row by row from run.c's loop cost the
 * families that declare `only` 150–300 instructions per row of every
 * table (rumus, satuan: every cell's first byte), most of it the loop's
 * call per row and the table view it made for rows that check_row never
 * saw. */
static table_plan *scan_rows(const row_checks *rc, table_plan *tp, const table *t)
{
    tp->scanned = NULL;
    if (tp->any_check || !rc->only || !tp->any_filter) return tp;
    size_t n = table_row_count(t);
    if (n > tp->may_cap) {
        tp->may = xrealloc(tp->may, n);
        tp->may_cap = n;
    }
    tp->nmay = n ? row_filters_scan(rc->only, tp->filters, t, rc->ignore_kinds, tp->may) : 0;
    tp->scanned = t;
    return tp;
}

table_plan *row_checks_plan(const script *s, const row_checks *rc, const table *t)
{
    int year = report_year(s->rep, NULL);
    table_plan *kept = memo_plan(rc->memo, t, year);
    if (kept) return scan_rows(rc, kept, t);
    table_plan *tp = xcalloc(1, sizeof *tp);
    tp->checks = xcalloc(rc->n ? rc->n : 1, sizeof *tp->checks);
    tp->kept = 1;
    rc->memo->plan = tp;
    for (size_t i = 0; i < rc->n; i++) {
        const row_check *c = &rc->checks[i];
        check_plan *p = &tp->checks[i];
        int y = c->prefer_report_year ? year : 0;
        p->applies = c->unless == COL_NONE || table_find_role(t, c->unless) < 0;
        p->reported = pick_column(t, c->reported, y);
        if (p->reported < 0) p->applies = 0;
        for (size_t v = 0; v < c->nvars; v++)
            if ((p->vars[v] = pick_column(t, c->roles[v], y)) < 0) p->applies = 0;
        p->when_col = c->when_role == COL_NONE ? -1 : table_find_role(t, c->when_role);
        p->dwhen_col = c->dwhen_role == COL_NONE ? -1 : table_find_role(t, c->dwhen_role);
        tp->any_check |= p->applies;
    }
    if (rc->only) tp->filters = row_filters_plan(rc->only, t, &tp->any_filter);
    return scan_rows(rc, tp, t);
}

void row_checks_plan_free(table_plan *tp)
{
    if (tp && !tp->kept) plan_free(tp);            /* the memo's lives on (row_checks_free) */
}

int row_checks_skip_table(const row_checks *rc, const table_plan *tp)
{
    if (tp->any_check) return 0;
    if (rc->only) return !tp->any_filter || (tp->scanned && tp->nmay == 0);   /* scanned: no row can be acted on */
    return rc->skip_other_tables;
}

/* ---- evaluating a row ---- */

enum verdict { SKIPPED, PASSED, DEFERRED, UNDECIDED };

typedef struct {
    enum verdict v;
    decimal expected;
    int rounded;            /* truncating would have given another value */
} outcome;              /* DEFERRED: what the formulas gave is in the caller's deferred_row */

/* The cell of column col in ASCII lower case (as Lua's string.lower in the
 * C locale) is one of values (lens: their lengths; at: where the values of
 * each length start); a table without the column never holds. Only the
 * values of the cell's length are compared (values are sorted by length,
 * and `at` says where they start: walking the shorter ones first was most
 * of the test), each folding the cell's bytes as it goes (no lowered
 * copy): this runs for most rows of a capaian table, twice for a
 * lower-is-better row. */
static int cell_is_one_of(const cell *cells, int col, char *const *values, const size_t *lens, const size_t *at,
                          size_t nvalues)
{
    if (col < 0) return 0;
    const unsigned char *text = (const unsigned char *)cells[col].text;
    size_t n = 0;
    while (text[n])
        if (++n >= WHEN_MAX) return 0;                    /* values are under WHEN_MAX bytes */
    for (size_t i = at[n]; i < nvalues && lens[i] == n; i++) {    /* by length (read_when) */
        const unsigned char *v = (const unsigned char *)values[i];
        size_t k = 0;
        while (k < n && (text[k] >= 'A' && text[k] <= 'Z' ? text[k] + 32 : text[k]) == v[k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

static int when_holds(const row_check *c, const check_plan *p, const table *t, size_t row, const cell *cells)
{
    if (c->when_role == COL_NONE) return 1;
    if (p->when_col < 0 && c->by_label) return label_class_of(c, t, row) == CLASS_WHEN;
    return cell_is_one_of(cells, p->when_col, c->when_values, c->when_lens, c->when_at, c->nwhen);
}

/* A count (with count_label): no input is a percentage and the row's
 * label, in ASCII lower case, starts with count_label after digits,
 * punctuation and spaces — as Lua's string.find(string.lower(label),
 * "^[%d%p%s]*jumlah") in the C locale. Otherwise -1 when an input carries a
 * unit of its own, which the rule weighs itself (lib.text.unit): the row
 * is left to check_row. */
static int is_count(const row_check *c, const table *t, size_t row, const cell_number *const *in, size_t nin)
{
    if (!c->count_label) return 0;
    for (size_t i = 0; i < nin; i++)
        if (in[i]->flags & NUMBER_PERCENT) return 0;
    const char *s = row_label(t, row);
    if (s) {
        while (*s && (isdigit((unsigned char)*s) || ispunct((unsigned char)*s) || isspace((unsigned char)*s))) s++;
        const char *w = c->count_label;
        while (*w && tolower((unsigned char)*s) == (unsigned char)*w) w++, s++;
        if (!*w) return 1;
    }
    for (size_t i = 0; i < nin; i++)
        if (in[i]->unit[0]) return -1;
    return 0;
}

/* A row `deferred.when` covers: every formula tried at the reported
 * precision. DEFERRED, or UNDECIDED when one cannot be computed as Lua
 * would without error (an overflow) or the row's inputs carry units. */
static outcome defer_row(const row_check *c, const check_plan *p, const table *t, size_t row, const cell *cells,
                         const decimal *reported, const decimal *vars, const cell_number *const *in,
                         deferred_row *dr)
{
    outcome o = { UNDECIDED, { 0, 0 }, 0 };
    if (p->dwhen_col < 0 && c->by_label ? label_class_of(c, t, row) != CLASS_DEFERRED
                                        : !cell_is_one_of(cells, p->dwhen_col, c->dwhen_values, c->dwhen_lens, c->dwhen_at, c->ndwhen))
        return o;
    int counted = is_count(c, t, row, in, c->nvars);
    if (counted < 0) return o;
    *dr = (deferred_row){ .t = t, .row = row, .counted = (unsigned char)counted, .reported_col = p->reported,
                          .target_col = p->vars[c->record_target], .realisasi_col = p->vars[c->record_realisasi] };
    for (size_t i = 0; i < c->nformulas; i++) {
        const deferred_formula *f = &c->formulas[i];
        if (f->percent_only && counted) continue;          /* never this row's formula */
        decimal n, d, v, tr;
        int st = row_parts(f->num, f->den, vars, &n, &d);
        if (st == DECIMAL_DIV_ZERO) continue;
        if (st != DECIMAL_OK) return o;
        int vst, trst;                                      /* both roundings in one division */
        row_divide(n, d, reported->scale, &v, &vst, &tr, &trst);
        if (vst != DECIMAL_OK) return o;
        if (!row_decimal_equal(v, *reported)) continue;
        if (trst != DECIMAL_OK) return o;
        dr->match |= (unsigned char)(1u << i);
        dr->value[i] = v;
        if (!row_decimal_equal(tr, v)) dr->rounded |= (unsigned char)(1u << i);
    }
    o.v = DEFERRED;
    return o;
}

static outcome evaluate(const row_check *c, const check_plan *p, const table *t, size_t row, const cell *cells,
                        deferred_row *dr)
{
    outcome o = { SKIPPED, { 0, 0 }, 0 };
    if (!p->applies) return o;
    const cell_number *reported = &cells[p->reported].num;
    if (reported->kind != NUMBER_VALUE) return o;          /* no value: nothing to judge */
    o.v = UNDECIDED;
    decimal vars[MAX_VARS];
    const cell_number *in[MAX_VARS];
    for (size_t i = 0; i < c->nvars; i++) {
        const cell_number *n = in[i] = &cells[p->vars[i]].num;
        if (n->kind != NUMBER_VALUE) return o;
        vars[i] = n->value;
    }
    if (!when_holds(c, p, t, row, cells))
        return c->has_deferred ? defer_row(c, p, t, row, cells, &reported->value, vars, in, dr) : o;
    int scale = reported->value.scale;
    decimal n, d, half, tr;
    if (row_parts(c->num, c->den, vars, &n, &d) != DECIMAL_OK) return o;
    int hst, trst;                                          /* both roundings in one division */
    row_divide(n, d, scale, &half, &hst, &tr, &trst);
    int st = c->rounding == DECIMAL_HALF_UP ? hst : trst;
    if (st != DECIMAL_OK) return o;
    o.expected = c->rounding == DECIMAL_HALF_UP ? half : tr;
    if (!row_decimal_equal(o.expected, reported->value)) return o;
    if (c->count_rounded) {
        if (trst != DECIMAL_OK) return o;
        o.rounded = !row_decimal_equal(tr, o.expected);
    }
    o.v = PASSED;
    return o;
}

static void count_pass(row_check *c, const char *file, int rounded)
{
    pass_count *pc = NULL;
    for (size_t i = 0; i < c->ncounts && !pc; i++)
        if (c->counts[i].file == file || strcmp(c->counts[i].file, file) == 0) pc = &c->counts[i];
    if (!pc) {
        grow_array((void **)&c->counts, &c->cap, c->ncounts + 1, sizeof *c->counts);
        pc = &c->counts[c->ncounts++];
        *pc = (pass_count){ file, 0, 0 };
    }
    pc->rows++;
    pc->rounded += rounded;
}

int row_checks_row(script *s, family *fam, const table_plan *tp, const table *t, size_t tindex, size_t row)
{
    row_checks *rc = fam->checks;
    if (tp->scanned == t) return !tp->may[row];        /* `only` alone, answered by scan_rows */
    enum row_kind kind = table_row_kind(t, row);
    if (rc->ignore_kinds & (1u << kind)) return 1;
    const cell *cells = table_row_cells(t, row);       /* row < the table's rows: run.c's loop */
    /* no check applies to the table: `only` says whether check_row can act */
    if (!tp->any_check) return rc->only && !row_filters_hold(rc->only, tp->filters, t, row, kind, cells);
    const check_plan *plans = tp->checks;
    outcome out[16];
    deferred_row taken[16];                             /* filled for a DEFERRED outcome only */
    size_t n = rc->n < 16 ? rc->n : 16;
    if (rc->n > 16) return 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = evaluate(&rc->checks[i], &plans[i], t, row, cells, &taken[i]);
        if (out[i].v == UNDECIDED) return 0;
    }
    /* every check passed, took the row for later or had nothing to judge:
     * record as the rule would, in its order */
    for (size_t i = 0; i < n; i++) {
        row_check *c = &rc->checks[i];
        if (out[i].v == DEFERRED) {
            grow_array((void **)&c->drows, &c->dcap, c->ndrows + 1, sizeof *c->drows);
            taken[i].tindex = tindex;
            c->drows[c->ndrows++] = taken[i];
            unsigned m = taken[i].match;
            if (m && !(m & (m - 1))) {                      /* one formula alone reproduces it */
                size_t k = 0;
                while (!(m & (1u << k))) k++;
                c->votes[k]++;
            }
        }
        if (out[i].v != PASSED) continue;
        const check_plan *p = &plans[i];
        if (c->record) {
            if (s->recomputed) {                            /* (the working paper's list: rarely asked) */
                recomputation r = { .t = t, .table = tindex, .row = row, .col = (size_t)p->reported,
                                    .formula = c->formula, .target_col = (size_t)p->vars[c->record_target],
                                    .realisasi_col = (size_t)p->vars[c->record_realisasi],
                                    .scale = out[i].expected.scale, .expected = out[i].expected };
                recompute_add(s->recomputed, &r);
            }
            note_row_value(s, VALUE_RECOMPUTED, t, row);
        }
        count_pass(c, table_file(t), out[i].rounded);
    }
    return 1;
}

void row_checks_reset(row_checks *rc)
{
    for (size_t i = 0; i < rc->n; i++) {
        row_check *c = &rc->checks[i];
        c->ncounts = 0;
        c->ndrows = 0;
        memset(c->votes, 0, sizeof c->votes);
        classes_clear(c);
    }
}

/* ctx:passed(name) -> { [file] = { rows = n, rounded = n } }: the rows the
 * declared check `name` passed in C during this run of the rule (this
 * report), which check_row never saw. */
static row_check *named_check(lua_State *L, const char *fn)
{
    script *s = get_script(L);
    const char *name = luaL_checkstring(L, 2);
    row_checks *rc = s->current ? s->current->checks : NULL;
    for (size_t i = 0; rc && i < rc->n; i++)
        if (strcmp(rc->checks[i].name, name) == 0) return &rc->checks[i];
    luaL_error(L, "ctx:%s: no declared row check '%s' in this rule file", fn, name);
    return NULL;
}

int f_passed(lua_State *L)
{
    script *s = get_script(L);
    const row_check *c = named_check(L, "passed");
    lua_createtable(L, 0, (int)c->ncounts);
    if (s->no_row_checks) return 1;
    for (size_t i = 0; i < c->ncounts; i++) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, c->counts[i].rows);
        lua_setfield(L, -2, "rows");
        lua_pushinteger(L, c->counts[i].rounded);
        lua_setfield(L, -2, "rounded");
        lua_setfield(L, -2, c->counts[i].file);
    }
    return 1;
}

/* ctx:deferred(name) -> { rows = n, votes = { [key] = n }, first = row }:
 * the rows the check took for later in this run (this report), how many of
 * them each formula alone reproduces, and the first of them (nil when
 * none). */
int f_deferred(lua_State *L)
{
    script *s = get_script(L);
    const row_check *c = named_check(L, "deferred");
    size_t n = s->no_row_checks ? 0 : c->ndrows;
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, "rows");
    lua_createtable(L, 0, (int)c->nformulas);
    for (size_t i = 0; n && i < c->nformulas; i++) {
        if (!c->votes[i]) continue;
        lua_pushinteger(L, c->votes[i]);
        lua_setfield(L, -2, c->formulas[i].key);
    }
    lua_setfield(L, -2, "votes");
    if (n) {
        push_row(L, c->drows[0].t, (int)c->drows[0].tindex + 1, c->drows[0].row);
        lua_setfield(L, -2, "first");
    }
    return 1;
}

static int formula_index(const row_check *c, const char *key)
{
    for (size_t i = 0; i < c->nformulas; i++)
        if (strcmp(c->formulas[i].key, key) == 0) return (int)i;
    return -1;
}

/* ctx:settle(name, key, count_key) -> { row, ... }: judges the rows the
 * check took for later with formula `key` (`count_key` for a count when
 * `key` is percent_only). A row the formula reproduces is recorded as a
 * passed row (ctx:recomputed with that formula, counted for ctx:passed);
 * the others are returned, in table and row order, for the rule to judge.
 * An unknown key returns every row. Each row is settled once. */
int f_settle(lua_State *L)
{
    script *s = get_script(L);
    row_check *c = named_check(L, "settle");
    int k = formula_index(c, luaL_checkstring(L, 3));
    int kc = formula_index(c, luaL_optstring(L, 4, ""));
    if (k < 0 || !c->formulas[k].percent_only) kc = k;     /* count_key only replaces a percent_only key */
    size_t n = s->no_row_checks ? 0 : c->ndrows, nfail = 0;
    /* the rows to return are moved to the front of drows */
    for (size_t i = 0; i < n; i++) {
        const deferred_row *d = &c->drows[i];
        int use = d->counted ? kc : k;
        const deferred_formula *f = use >= 0 ? &c->formulas[use] : NULL;
        if (!f || !(d->match >> use & 1u)) {
            c->drows[nfail++] = *d;
            continue;
        }
        /* the formula reproduced the row when it was taken: that value */
        decimal e = d->value[use];
        if (s->recomputed) {
            recomputation r = { .t = d->t, .table = d->tindex, .row = d->row, .col = (size_t)d->reported_col,
                                .formula = f->formula, .target_col = (size_t)d->target_col,
                                .realisasi_col = (size_t)d->realisasi_col, .scale = e.scale, .expected = e };
            recompute_add(s->recomputed, &r);
        }
        note_row_value(s, VALUE_RECOMPUTED, d->t, d->row);
        count_pass(c, table_file(d->t), d->rounded >> use & 1u);
    }
    c->ndrows = 0;
    lua_createtable(L, (int)nfail, 0);
    for (size_t i = 0; i < nfail; i++) {
        push_row(L, c->drows[i].t, (int)c->drows[i].tindex + 1, c->drows[i].row);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ctx:classify(name, { [label] = "when" | "deferred", ... }): for this run,
 * in a table without the column of the check's `when` (`by_label`), a row
 * whose label (row.label) is listed is taken as if its `when` held, or
 * `deferred.when`; any other row goes to check_row. Replaces the classes
 * given before. */
int f_classify(lua_State *L)
{
    row_check *c = named_check(L, "classify");
    luaL_checktype(L, 3, LUA_TTABLE);
    if (!c->by_label) return luaL_error(L, "ctx:classify: row check '%s' does not declare by_label", c->name);
    classes_clear(c);
    lua_pushnil(L);
    while (lua_next(L, 3)) {
        const char *v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        enum label_class cls = strcmp(v, "when") == 0 ? CLASS_WHEN : strcmp(v, "deferred") == 0 ? CLASS_DEFERRED : CLASS_NONE;
        if (lua_type(L, -2) != LUA_TSTRING || cls == CLASS_NONE || (cls == CLASS_DEFERRED && !c->has_deferred))
            return luaL_error(L, "ctx:classify: classes map a label to \"when\"%s", c->has_deferred ? " or \"deferred\"" : "");
        classes_set(c, lua_tostring(L, -2), cls);
        lua_pop(L, 1);
    }
    return 0;
}
