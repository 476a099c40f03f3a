/*
 * recomputed.c — what a rule checked, right or wrong:
 *   ctx:recomputed(row, column, spec): how it recomputed one cell, kept in
 *     a recompute_list (model/recompute.h) for the working paper
 *     (output_xlsx.c), and counted in the coverage;
 *   ctx:recomputed(where), ctx:compared(where [, n]),
 *   ctx:not_checkable(where [, n]): counted in the coverage only
 *     (model/coverage.h), for values no cell formula can show (a sum of a
 *     headerless list, a percentage in a sentence) and for values compared
 *     or left unjudged. `where` is a row, a table or {file=} (narrative).
 * See docs/RULES.md.
 */
#include "engine/internal.h"
#include "model/recompute.h"

#include <stdlib.h>
#include "util/util.h"

/* A column argument of ctx:recomputed: an index or a role; -1 if absent. */
static int spec_column(lua_State *L, const table *t, int spec, const char *key)
{
    int c = -1;
    if (lua_getfield(L, spec, key) != LUA_TNIL) c = column_arg(L, t, -1);
    lua_pop(L, 1);
    return c;
}

/* ctx:recomputed(row, column, spec): how the rule checked one cell, for the
 * working paper. spec = { formula = "higher"|"2t-r"|"t/r"|"100-r",
 * target = col, realisasi = col, expected = decimal [, from_sums = true] }
 * or { formula = "sum", rows = { row, ... }, expected = decimal }. A bad
 * spec is a rule error, like a bad ctx:emit. */
typedef struct {
    enum value_outcome o;
    const char *by;             /* the engine's family name */
    const char *file;           /* the table's file name, or a copy (a narrative's file, from Lua) */
    char *owned;
    const table *t;
    size_t row;
    unsigned n;
} coverage_note;

struct coverage_log {
    coverage_note *notes;
    size_t count, cap;
};

coverage_log *coverage_log_new(void)
{
    return xcalloc(1, sizeof(coverage_log));
}

void coverage_log_free(coverage_log *log)
{
    if (!log) return;
    for (size_t i = 0; i < log->count; i++) free(log->notes[i].owned);
    free(log->notes);
    free(log);
}

static void log_note(coverage_log *log, enum value_outcome o, const char *by, const char *file,
                     const table *t, size_t row, unsigned n)
{
    grow_array((void **)&log->notes, &log->cap, log->count + 1, sizeof *log->notes);
    char *owned = t || !file ? NULL : xstrdup(file);   /* a Lua string does not outlive the run */
    log->notes[log->count++] = (coverage_note){ o, by, owned ? owned : file, owned, t, row, n };
}

void coverage_log_replay(const coverage_log *log, coverage *cov)
{
    for (size_t i = 0; i < log->count; i++) {
        const coverage_note *x = &log->notes[i];
        coverage_note_value(cov, x->o, x->by, x->file, x->t, x->row, x->n);
    }
}

void script_log_coverage(script *s, coverage_log *log)
{
    s->coverage_log = log;
}

static void note(script *s, enum value_outcome o, const char *file, const table *t, size_t row, unsigned n)
{
    const char *by = s->current ? s->current->name : NULL;
    if (s->coverage_log && n > 0) log_note(s->coverage_log, o, by, file, t, row, n);
    else if (s->coverage && n > 0) coverage_note_value(s->coverage, o, by, file, t, row, n);
}

void note_row_value(script *s, enum value_outcome o, const table *t, size_t row)
{
    note(s, o, table_file(t), t, row, 1);
}

/* Counts n values of `where` (the argument at idx) in the coverage. */
static int count_values(lua_State *L, int idx, enum value_outcome o, lua_Integer n)
{
    script *s = get_script(L);
    if (n < 0 || n > 1000000) return luaL_error(L, "count out of range");
    row_view *rv = to_class(L, idx, CLASS_ROW);
    table_view *tv = to_class(L, idx, CLASS_TABLE);
    const char *file = NULL;
    const table *t = NULL;
    size_t row = COVERAGE_NO_ROW;
    if (rv) {
        t = rv->t;
        row = rv->row;
    } else if (tv) {
        t = tv->t;
    } else if (lua_istable(L, idx) && lua_getfield(L, idx, "file") == LUA_TSTRING) {
        file = lua_tostring(L, -1);
    } else {
        return luaL_typeerror(L, idx, "row, table or location {file=}");
    }
    if (t) file = table_file(t);
    note(s, o, file, t, row, (unsigned)n);
    return 0;
}

int f_compared(lua_State *L)
{
    return count_values(L, 2, VALUE_COMPARED, luaL_optinteger(L, 3, 1));
}

int f_not_checkable(lua_State *L)
{
    return count_values(L, 2, VALUE_NOT_CHECKABLE, luaL_optinteger(L, 3, 1));
}

int f_recomputed(lua_State *L)
{
    script *s = get_script(L);
    if (lua_isnoneornil(L, 3)) return count_values(L, 2, VALUE_RECOMPUTED, 1);   /* coverage only */
    row_view *rv = check_class(L, 2, CLASS_ROW, ROW_MT);
    int col = column_arg(L, rv->t, 3);
    luaL_checktype(L, 4, LUA_TTABLE);
    if (col < 0) return luaL_argerror(L, 3, "no such column");
    /* only the audited report's cells (not ctx.previous's) go to the working paper */
    if (!s->rep || (size_t)rv->tindex > report_table_count(s->rep) || report_table(s->rep, (size_t)rv->tindex - 1) != rv->t)
        return 0;
    recomputation r = { .t = rv->t, .table = (size_t)rv->tindex - 1, .row = rv->row, .col = (size_t)col };
    lua_getfield(L, 4, "formula");
    if (!lua_isstring(L, -1) || recompute_formula_from_name(lua_tostring(L, -1), &r.formula) < 0)
        return luaL_error(L, "ctx:recomputed: unknown formula '%s'", luaL_optstring(L, -1, "nil"));
    lua_pop(L, 1);
    lua_getfield(L, 4, "expected");
    decimal *e = to_class(L, -1, CLASS_DECIMAL);
    if (!e) return luaL_error(L, "ctx:recomputed: expected must be a decimal");
    r.expected = *e;
    r.scale = e->scale;
    lua_pop(L, 1);
    size_t *rows = NULL;
    if (r.formula == RECOMPUTE_SUM) {
        if (lua_getfield(L, 4, "rows") != LUA_TTABLE) return luaL_error(L, "ctx:recomputed: sum needs rows");
        r.nrows = luaL_len(L, -1);
        rows = lua_newuserdatauv(L, (r.nrows ? r.nrows : 1) * sizeof *rows, 0);   /* freed by the GC on error */
        for (size_t i = 0; i < r.nrows; i++) {
            lua_geti(L, -2, (lua_Integer)i + 1);
            row_view *x = to_class(L, -1, CLASS_ROW);
            if (!x || x->t != rv->t) return luaL_error(L, "ctx:recomputed: rows must be rows of the same table");
            rows[i] = x->row;
            lua_pop(L, 1);
        }
        r.rows = rows;
    } else {
        int tc = spec_column(L, rv->t, 4, "target"), rc = spec_column(L, rv->t, 4, "realisasi");
        if (tc < 0 || rc < 0) return luaL_error(L, "ctx:recomputed: target and realisasi columns needed");
        r.target_col = (size_t)tc;
        r.realisasi_col = (size_t)rc;
        lua_getfield(L, 4, "from_sums");
        r.from_sums = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    if (s->recomputed) recompute_add(s->recomputed, &r);
    return count_values(L, 2, VALUE_RECOMPUTED, 1);
}

void script_keep_recomputations(script *s, recompute_list *out)
{
    s->recomputed = out;
}

void script_keep_coverage(script *s, coverage *cov)
{
    s->coverage = cov;
}
