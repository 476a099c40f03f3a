/*
 * script.c — the rule engine and the only file that includes lua.h.
 *
 * Provides: the sandboxed Lua state, the `decimal` type for exact
 * arithmetic, read-only views of the report / tables / rows (userdata, no
 * per-row copying), rule loading with declaration checks, and the run loop
 * that turns ctx:emit() calls into findings.
 * Uses: report.h / table.h / number.h for the data, catalog.h and
 * finding.h for the results.
 *
 * Sandbox (stock Lua 5.4): only base, table, string, math and utf8 are
 * opened; dofile, loadfile, load, require, print, collectgarbage are
 * removed; each rule file gets its own _ENV whose metatable rejects unknown
 * globals; every call runs under a LUA_MASKCOUNT hook with an instruction
 * budget (re-armed to fire on every instruction once the budget is spent,
 * so a pcall inside the rule cannot swallow the kill); the allocator caps
 * the bytes of the whole state.
 */
#include "engine/script.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "util/util.h"

#define DECIMAL_MT "lakip.decimal"
#define REPORT_MT "lakip.report"
#define TABLE_MT "lakip.table"
#define ROW_MT "lakip.row"

#define HOOK_STEP 1000          /* instructions between hook calls */

typedef struct {
    char *name;                 /* module name: lib.NAME */
    char *display;              /* "rules/lib/text.lua" */
    char *text;
    size_t len;
    int reported;               /* its load error was reported once already */
} lib_source;

typedef struct {
    char *name;                 /* family name ("capaian") */
    char *source;               /* display name ("rules/capaian.lua") */
    int ref;                    /* registry ref of the family table */
    char **rule_ids;            /* ids this family may emit */
    size_t nrules;
    int failed;                 /* stopped after an error */
} family;

struct script {
    lua_State *L;
    catalog *cat;
    finding_list *out;
    const report *rep;
    size_t mem_used, mem_limit;
    int mem_exhausted;          /* the allocator refused once */
    long long budget, spent;
    int killed;                 /* the current call ran out of instructions */
    family *families;
    size_t nfamilies, cap;
    lib_source *libs;           /* rules/lib modules, run afresh for every rule file */
    size_t nlibs;
    int base_ref;               /* registry ref of the shared safe globals */
    int settings_ref;
    family *current;            /* family being run, for ctx:emit */
    void (*progress)(const char *family, size_t index, size_t count);
};

static const char SCRIPT_KEY = 'k';  /* registry key: address is the key */

/* ------------------------------------------------------------------ */
/* memory and instruction bounds                                      */

static void *bounded_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    script *s = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        s->mem_used -= old;
        return NULL;
    }
    if (nsize > old && s->mem_used - old + nsize > s->mem_limit) {
        s->mem_exhausted = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p) s->mem_used = s->mem_used - old + nsize;
    return p;
}

static script *get_script(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY);
    script *s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return s;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    script *s = get_script(L);
    s->spent += s->killed ? 1 : HOOK_STEP;
    if (s->killed || s->spent > s->budget) {
        s->killed = 1;
        /* from now on fire on every instruction: a pcall in the rule that
         * catches this error gets no further than its next instruction */
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "instruction budget exceeded (%I instructions)", (lua_Integer)s->budget);
    }
}

static void arm_budget(script *s)
{
    s->spent = 0;
    s->killed = 0;
    lua_sethook(s->L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
}

static void disarm_budget(script *s)
{
    lua_sethook(s->L, NULL, 0, 0);
}

/* Message handler: keeps the message and a traceback. */
static int error_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = luaL_typename(L, 1);
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* ------------------------------------------------------------------ */
/* decimal                                                            */

static decimal *push_decimal(lua_State *L, decimal d)
{
    decimal *p = lua_newuserdatauv(L, sizeof(decimal), 0);
    *p = d;
    luaL_setmetatable(L, DECIMAL_MT);
    return p;
}

/* A decimal from a decimal userdata, an integer or a canonical string. */
static decimal to_decimal(lua_State *L, int idx)
{
    decimal *p = luaL_testudata(L, idx, DECIMAL_MT);
    if (p) return *p;
    if (lua_isinteger(L, idx)) return decimal_from_int(lua_tointeger(L, idx));
    if (lua_type(L, idx) == LUA_TSTRING) {
        decimal d;
        if (decimal_parse(lua_tostring(L, idx), &d) == DECIMAL_OK) return d;
        luaL_error(L, "not a decimal number: '%s'", lua_tostring(L, idx));
    }
    if (lua_type(L, idx) == LUA_TNUMBER)
        luaL_error(L, "floating point number given where a decimal is needed (use decimal.new with a string)");
    luaL_typeerror(L, idx, "decimal");
    return decimal_from_int(0);
}

static void check_status(lua_State *L, int status)
{
    if (status == DECIMAL_OVERFLOW) luaL_error(L, "decimal overflow");
    if (status == DECIMAL_BAD_SCALE) luaL_error(L, "decimal scale out of range (0..%d)", DECIMAL_MAX_SCALE);
    if (status != DECIMAL_OK) luaL_error(L, "decimal error %d", status);
}

static enum decimal_rounding check_mode(lua_State *L, int idx)
{
    static const char *const names[] = { "half_up", "truncate", NULL };
    return luaL_checkoption(L, idx, "half_up", names) == 0 ? DECIMAL_HALF_UP : DECIMAL_TRUNCATE;
}

static int f_decimal_new(lua_State *L)
{
    push_decimal(L, to_decimal(L, 1));
    return 1;
}

static int f_decimal_is(lua_State *L)
{
    lua_pushboolean(L, luaL_testudata(L, 1, DECIMAL_MT) != NULL);
    return 1;
}

/* a OP b for the arithmetic metamethods: decimals and integers mix. */
static int binary_op(lua_State *L, int (*op)(decimal, decimal, decimal *))
{
    decimal r;
    check_status(L, op(to_decimal(L, 1), to_decimal(L, 2), &r));
    push_decimal(L, r);
    return 1;
}

static int f_decimal_add(lua_State *L) { return binary_op(L, decimal_add); }

static int f_decimal_sub(lua_State *L) { return binary_op(L, decimal_sub); }

static int f_decimal_mul(lua_State *L) { return binary_op(L, decimal_mul); }

static int f_decimal_unm(lua_State *L)
{
    decimal r;
    check_status(L, decimal_sub(decimal_from_int(0), to_decimal(L, 1), &r));
    push_decimal(L, r);
    return 1;
}

static int f_decimal_eq(lua_State *L)
{
    lua_pushboolean(L, decimal_cmp(to_decimal(L, 1), to_decimal(L, 2)) == 0);
    return 1;
}

static int f_decimal_lt(lua_State *L)
{
    lua_pushboolean(L, decimal_cmp(to_decimal(L, 1), to_decimal(L, 2)) < 0);
    return 1;
}

static int f_decimal_le(lua_State *L)
{
    lua_pushboolean(L, decimal_cmp(to_decimal(L, 1), to_decimal(L, 2)) <= 0);
    return 1;
}

static int f_decimal_cmp(lua_State *L)
{
    lua_pushinteger(L, decimal_cmp(to_decimal(L, 1), to_decimal(L, 2)));
    return 1;
}

/* a:div(b, scale, mode) -> decimal, or nil, "division by zero" */
static int f_decimal_div(lua_State *L)
{
    decimal a = to_decimal(L, 1), b = to_decimal(L, 2), r;
    int scale = (int)luaL_checkinteger(L, 3);
    int st = decimal_div(a, b, scale, check_mode(L, 4), &r);
    if (st == DECIMAL_DIV_ZERO) {
        luaL_pushfail(L);
        lua_pushliteral(L, "division by zero");
        return 2;
    }
    check_status(L, st);
    push_decimal(L, r);
    return 1;
}

static int f_decimal_round(lua_State *L)
{
    decimal r;
    check_status(L, decimal_round(to_decimal(L, 1), (int)luaL_checkinteger(L, 2), check_mode(L, 3), &r));
    push_decimal(L, r);
    return 1;
}

static int f_decimal_scale(lua_State *L)
{
    lua_pushinteger(L, to_decimal(L, 1).scale);
    return 1;
}

static int f_decimal_sign(lua_State *L)
{
    lua_pushinteger(L, decimal_sign(to_decimal(L, 1)));
    return 1;
}

static int f_decimal_is_zero(lua_State *L)
{
    lua_pushboolean(L, decimal_is_zero(to_decimal(L, 1)));
    return 1;
}

static void push_formatted(lua_State *L, decimal d, const char *style, int grouped)
{
    char buf[64];
    int en = style && strcmp(style, "en") == 0;
    decimal_format(d, en ? '.' : ',', grouped ? (en ? ',' : '.') : 0, buf, sizeof buf);
    lua_pushstring(L, buf);
}

/* a:format([style [, grouped]]): "117,50" (style "id", default) or "117.50" ("en") */
static int f_decimal_format(lua_State *L)
{
    push_formatted(L, to_decimal(L, 1), luaL_optstring(L, 2, "id"), lua_toboolean(L, 3));
    return 1;
}

static int f_decimal_tostring(lua_State *L)
{
    char buf[64];
    decimal_to_string(to_decimal(L, 1), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

static const luaL_Reg decimal_methods[] = {
    { "div", f_decimal_div },
    { "round", f_decimal_round },
    { "scale", f_decimal_scale },
    { "sign", f_decimal_sign },
    { "is_zero", f_decimal_is_zero },
    { "format", f_decimal_format },
    { "eq", f_decimal_eq },
    { "cmp", f_decimal_cmp },
    { NULL, NULL }
};

static const luaL_Reg decimal_meta[] = {
    { "__add", f_decimal_add },
    { "__sub", f_decimal_sub },
    { "__mul", f_decimal_mul },
    { "__unm", f_decimal_unm },
    { "__eq", f_decimal_eq },
    { "__lt", f_decimal_lt },
    { "__le", f_decimal_le },
    { "__tostring", f_decimal_tostring },
    { NULL, NULL }
};

static const luaL_Reg decimal_module[] = {
    { "new", f_decimal_new },
    { "is", f_decimal_is },
    { "div", f_decimal_div },
    { "cmp", f_decimal_cmp },
    { NULL, NULL }
};

/* ------------------------------------------------------------------ */
/* report, table and row views                                        */

typedef struct { const report *r; } report_view;
typedef struct { const table *t; int index; } table_view;
typedef struct { const table *t; int tindex; size_t row; } row_view;

static const table *check_table(lua_State *L, int idx)
{
    return ((table_view *)luaL_checkudata(L, idx, TABLE_MT))->t;
}

static row_view *check_row(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, ROW_MT);
}

/* Tables are created once and cached in the registry so a rule sees the
 * same object (usable as a table key) every time. */
static void push_table(lua_State *L, const report *r, int index)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, r);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, r);
    }
    if (lua_rawgeti(L, -1, index) == LUA_TNIL) {
        lua_pop(L, 1);
        table_view *v = lua_newuserdatauv(L, sizeof *v, 0);
        v->t = report_table(r, (size_t)index - 1);
        v->index = index;
        luaL_setmetatable(L, TABLE_MT);
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, index);
    }
    lua_remove(L, -2);
}

static void push_row(lua_State *L, const table *t, int tindex, size_t row)
{
    row_view *v = lua_newuserdatauv(L, sizeof *v, 0);
    v->t = t;
    v->tindex = tindex;
    v->row = row;
    luaL_setmetatable(L, ROW_MT);
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    if (!value) return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, lua_Integer value)
{
    lua_pushinteger(L, value);
    lua_setfield(L, -2, key);
}

static void set_boolean(lua_State *L, const char *key, int value)
{
    lua_pushboolean(L, value);
    lua_setfield(L, -2, key);
}

static int f_report_index(lua_State *L)
{
    const report *r = ((report_view *)luaL_checkudata(L, 1, REPORT_MT))->r;
    const char *key = luaL_checkstring(L, 2);
    const char *source = NULL;
    if (strcmp(key, "year") == 0) {
        int y = report_year(r, &source);
        if (y) lua_pushinteger(L, y); else lua_pushnil(L);
    } else if (strcmp(key, "year_source") == 0) {
        report_year(r, &source);
        lua_pushstring(L, source);
    } else if (strcmp(key, "agency") == 0) {
        lua_pushstring(L, report_agency(r, &source));
    } else if (strcmp(key, "table_count") == 0) {
        lua_pushinteger(L, (lua_Integer)report_table_count(r));
    } else if (strcmp(key, "paragraph_count") == 0) {
        lua_pushinteger(L, (lua_Integer)report_paragraph_count(r));
    } else {
        lua_pushnil(L);
    }
    return 1;
}

static int f_report_table(lua_State *L)
{
    const report *r = ((report_view *)luaL_checkudata(L, 1, REPORT_MT))->r;
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > report_table_count(r)) return 0;
    push_table(L, r, (int)i);
    return 1;
}

static int tables_step(lua_State *L)
{
    const report *r = ((report_view *)luaL_checkudata(L, 1, REPORT_MT))->r;
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > report_table_count(r)) return 0;
    lua_pushinteger(L, i);
    push_table(L, r, (int)i);
    return 2;
}

/* for i, t in report:tables() */
static int f_report_tables(lua_State *L)
{
    luaL_checkudata(L, 1, REPORT_MT);
    lua_pushcfunction(L, tables_step);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

static void push_paragraph(lua_State *L, const paragraph *p, lua_Integer index)
{
    lua_createtable(L, 0, 5);
    set_string(L, "file", p->file);
    set_integer(L, "line", p->line);
    set_string(L, "text", p->text);
    set_string(L, "heading", p->heading);
    set_integer(L, "index", index);
}

static int paragraphs_step(lua_State *L)
{
    const report *r = ((report_view *)luaL_checkudata(L, 1, REPORT_MT))->r;
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > report_paragraph_count(r)) return 0;
    lua_pushinteger(L, i);
    push_paragraph(L, report_paragraph(r, (size_t)i - 1), i);
    return 2;
}

/* for i, p in report:paragraphs() — p = {file, line, text, heading, index} */
static int f_report_paragraphs(lua_State *L)
{
    luaL_checkudata(L, 1, REPORT_MT);
    lua_pushcfunction(L, paragraphs_step);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

static int f_report_inputs(lua_State *L)
{
    const report *r = ((report_view *)luaL_checkudata(L, 1, REPORT_MT))->r;
    lua_createtable(L, (int)report_input_count(r), 0);
    for (size_t i = 0; i < report_input_count(r); i++) {
        lua_pushstring(L, report_input_path(r, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Column argument: a role name ("target") or a 1-based index; -1 if absent. */
static int column_arg(lua_State *L, const table *t, int idx)
{
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Integer c = luaL_checkinteger(L, idx);
        return c >= 1 && (size_t)c <= table_column_count(t) ? (int)c - 1 : -1;
    }
    const char *name = luaL_checkstring(L, idx);
    enum col_role role = col_role_from_name(name);
    if (role == COL_NONE) luaL_error(L, "unknown column role '%s'", name);
    return table_find_role(t, role);
}

static int f_table_index(lua_State *L)
{
    table_view *v = luaL_checkudata(L, 1, TABLE_MT);
    const table *t = v->t;
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "caption") == 0) lua_pushstring(L, table_caption(t));
    else if (strcmp(key, "caption_line") == 0) lua_pushinteger(L, table_caption_line(t));
    else if (strcmp(key, "file") == 0) lua_pushstring(L, table_file(t));
    else if (strcmp(key, "line") == 0) lua_pushinteger(L, table_first_line(t));
    else if (strcmp(key, "header_line") == 0) lua_pushinteger(L, table_header_line(t));
    else if (strcmp(key, "index") == 0) lua_pushinteger(L, v->index);
    else if (strcmp(key, "row_count") == 0) lua_pushinteger(L, (lua_Integer)table_row_count(t));
    else if (strcmp(key, "column_count") == 0) lua_pushinteger(L, (lua_Integer)table_column_count(t));
    else if (strcmp(key, "style") == 0) lua_pushstring(L, table_number_style(t) == NUMBER_STYLE_EN ? "en" : "id");
    else lua_pushnil(L);
    return 1;
}

/* t:titles() -> { {text=, line=}, ... } */
static int f_table_titles(lua_State *L)
{
    const table *t = check_table(L, 1);
    lua_createtable(L, (int)table_title_count(t), 0);
    for (size_t i = 0; i < table_title_count(t); i++) {
        int line = 0;
        const char *text = table_title(t, i, &line);
        lua_createtable(L, 0, 2);
        set_string(L, "text", text);
        set_integer(L, "line", line);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* t:meta() -> { {key=, value=, line=}, ... } */
static int f_table_meta(lua_State *L)
{
    const table *t = check_table(L, 1);
    lua_createtable(L, (int)table_meta_count(t), 0);
    for (size_t i = 0; i < table_meta_count(t); i++) {
        int line = 0;
        const char *value = table_meta_value(t, i, &line);
        lua_createtable(L, 0, 3);
        set_string(L, "key", table_meta_key(t, i));
        set_string(L, "value", value);
        set_integer(L, "line", line);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* t:columns() -> { {role=, header=, year=, colnum=}, ... } */
static int f_table_columns(lua_State *L)
{
    const table *t = check_table(L, 1);
    size_t n = table_column_count(t);
    lua_createtable(L, (int)n, 0);
    for (size_t c = 0; c < n; c++) {
        lua_createtable(L, 0, 4);
        set_string(L, "role", col_role_name(table_column_role(t, c)));
        set_string(L, "header", table_column_header(t, c));
        if (table_column_year(t, c)) set_integer(L, "year", table_column_year(t, c));
        if (table_has_colnum_row(t)) set_string(L, "colnum", table_colnum_text(t, c));
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    return 1;
}

static int f_table_colnum_line(lua_State *L)
{
    const table *t = check_table(L, 1);
    if (!table_has_colnum_row(t)) return 0;
    lua_pushinteger(L, table_colnum_line(t));
    return 1;
}

/* t:col("target") -> 1-based column index or nil */
static int f_table_col(lua_State *L)
{
    const table *t = check_table(L, 1);
    int c = column_arg(L, t, 2);
    if (c < 0) return 0;
    lua_pushinteger(L, c + 1);
    return 1;
}

static int f_table_row(lua_State *L)
{
    table_view *v = luaL_checkudata(L, 1, TABLE_MT);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > table_row_count(v->t)) return 0;
    push_row(L, v->t, v->index, (size_t)i - 1);
    return 1;
}

static int rows_step(lua_State *L)
{
    table_view *v = luaL_checkudata(L, 1, TABLE_MT);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > table_row_count(v->t)) return 0;
    lua_pushinteger(L, i);
    push_row(L, v->t, v->index, (size_t)i - 1);
    return 2;
}

/* for i, row in t:rows() */
static int f_table_rows(lua_State *L)
{
    luaL_checkudata(L, 1, TABLE_MT);
    lua_pushcfunction(L, rows_step);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

static const char *const number_kind_names[] = { "empty", "missing", "value", "text", "invalid" };

/* The text a row is known by: indicator, else program, else sasaran. */
static const char *row_label(const table *t, size_t row)
{
    static const enum col_role order[] = { COL_INDIKATOR, COL_PROGRAM, COL_SASARAN };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int c = table_find_role(t, order[i]);
        if (c >= 0 && table_cell(t, row, (size_t)c)->text[0]) return table_cell(t, row, (size_t)c)->text;
    }
    return NULL;
}

static int f_row_index(lua_State *L)
{
    row_view *v = check_row(L, 1);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "line") == 0) lua_pushinteger(L, table_row_line(v->t, v->row));
    else if (strcmp(key, "index") == 0) lua_pushinteger(L, (lua_Integer)v->row + 1);
    else if (strcmp(key, "kind") == 0) lua_pushstring(L, row_kind_name(table_row_kind(v->t, v->row)));
    else if (strcmp(key, "label") == 0) lua_pushstring(L, row_label(v->t, v->row));
    else if (strcmp(key, "group") == 0) lua_pushstring(L, table_row_group(v->t, v->row));
    else if (strcmp(key, "table") == 0) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY);
        push_table(L, ((script *)lua_touserdata(L, -1))->rep, v->tindex);
    } else {
        lua_pushnil(L);
    }
    return 1;
}

static const cell *row_cell(lua_State *L, row_view *v, int idx)
{
    int c = column_arg(L, v->t, idx);
    return c < 0 ? NULL : table_cell(v->t, v->row, (size_t)c);
}

/* row:text(col) -> string ("" when empty) or nil when the column is absent */
static int f_row_text(lua_State *L)
{
    const cell *c = row_cell(L, check_row(L, 1), 2);
    if (!c) return 0;
    lua_pushstring(L, c->text);
    return 1;
}

/* row:num(col) -> decimal or nil */
static int f_row_num(lua_State *L)
{
    const cell *c = row_cell(L, check_row(L, 1), 2);
    if (!c || c->num.kind != NUMBER_VALUE) return 0;
    push_decimal(L, c->num.value);
    return 1;
}

/* row:cell(col) -> {text, kind, value, percent, unit, ...} or nil */
static int f_row_cell(lua_State *L)
{
    row_view *v = check_row(L, 1);
    int col = column_arg(L, v->t, 2);
    if (col < 0) return 0;
    const cell *c = table_cell(v->t, v->row, (size_t)col);
    const cell_number *n = &c->num;
    lua_createtable(L, 0, 12);
    set_string(L, "text", c->text);
    set_string(L, "kind", number_kind_names[n->kind]);
    set_integer(L, "column", col + 1);
    if (n->kind == NUMBER_VALUE) {
        push_decimal(L, n->value);
        lua_setfield(L, -2, "value");
    }
    /* flags are set only when true (absent reads as false): this runs for
     * every cell a rule looks at, so fewer fields is faster */
    if (n->flags & NUMBER_PERCENT) set_boolean(L, "percent", 1);
    if (n->flags & NUMBER_AMBIGUOUS) set_boolean(L, "ambiguous", 1);
    if (n->flags & NUMBER_MALFORMED) set_boolean(L, "malformed", 1);
    if (n->flags & NUMBER_CURRENCY) set_boolean(L, "currency", 1);
    if (c->filled) set_boolean(L, "filled", 1);
    set_string(L, "unit", n->unit);
    if (n->note[0]) set_string(L, "note", n->note);
    return 1;
}

static const luaL_Reg report_methods[] = {
    { "table", f_report_table },
    { "tables", f_report_tables },
    { "paragraphs", f_report_paragraphs },
    { "inputs", f_report_inputs },
    { NULL, NULL }
};

static const luaL_Reg table_methods[] = {
    { "titles", f_table_titles },
    { "meta", f_table_meta },
    { "columns", f_table_columns },
    { "colnum_line", f_table_colnum_line },
    { "col", f_table_col },
    { "row", f_table_row },
    { "rows", f_table_rows },
    { NULL, NULL }
};

static const luaL_Reg row_methods[] = {
    { "text", f_row_text },
    { "num", f_row_num },
    { "cell", f_row_cell },
    { NULL, NULL }
};

/* __index of the views: a method from the methods table (upvalue 1), else
 * a property from the class's own index function (upvalue 2). Methods are
 * looked up first because rules call them once or more per row. */
static int dispatch_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    lua_CFunction property = lua_tocfunction(L, lua_upvalueindex(2));
    return property(L);
}

/* A metatable with __index = methods, then index_fn for properties, and
 * __metatable locked so rules cannot reach or change it. */
static void define_class(lua_State *L, const char *name, lua_CFunction index_fn, const luaL_Reg *methods, const luaL_Reg *meta)
{
    luaL_newmetatable(L, name);
    if (meta) luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    if (index_fn) {
        lua_pushcfunction(L, index_fn);
        lua_pushcclosure(L, dispatch_index, 2);
    }
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

/* ------------------------------------------------------------------ */
/* sandbox                                                            */

static const luaL_Reg safe_libs[] = {
    { LUA_GNAME, luaopen_base },
    { LUA_TABLIBNAME, luaopen_table },
    { LUA_STRLIBNAME, luaopen_string },
    { LUA_MATHLIBNAME, luaopen_math },
    { LUA_UTF8LIBNAME, luaopen_utf8 },
    { NULL, NULL }
};

/* Globals of the base library that rules must not have: they read files,
 * compile code at run time, print to our output or steer the collector. */
static const char *const removed_globals[] = {
    "dofile", "loadfile", "load", "require", "print", "collectgarbage", NULL
};

static int strict_index(lua_State *L)
{
    return luaL_error(L, "undeclared global '%s'", lua_tostring(L, 2));
}

static int strict_newindex(lua_State *L)
{
    return luaL_error(L, "assignment to undeclared global '%s' (rules must use locals)", lua_tostring(L, 2));
}

/* Pushes a fresh environment: reads fall through to a private copy of the
 * safe globals (so one file cannot change another's `string` or `table`),
 * unknown names are errors, writes are refused. `lib` is the table at
 * lib_index, or none. */
static void push_env(script *s, int lib_index)
{
    lua_State *L = s->L;
    lua_newtable(L);                                /* env: a private copy of the safe globals */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->base_ref);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -1) == LUA_TTABLE) {        /* copy library tables one level deep */
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, -3)) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
            lua_replace(L, -2);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
    }
    lua_pop(L, 1);                                  /* base */
    if (lib_index) {
        lua_pushvalue(L, lib_index);
        lua_setfield(L, -2, "lib");
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
    /* Globals are plain fields of env, so reading one is a direct table
     * hit (rules read string, ipairs, lib... in every row); only a name
     * that exists nowhere reaches __index, and a new global __newindex. */
    lua_newtable(L);
    lua_pushcfunction(L, strict_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, strict_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

static void engine_finding(script *s, const char *rule, const char *source, const char *message, const char *detail);

/* Loads `text` as chunk `display` with the env at env_index, runs it under
 * the budget and leaves its first result (or the error message) on the
 * stack. Returns 0 or -1. */
static int run_chunk(script *s, const char *text, size_t len, const char *display, int env_index)
{
    lua_State *L = s->L;
    char chunk[600];
    snprintf(chunk, sizeof chunk, "@%s", display);
    if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK) return -1;
    lua_pushvalue(L, env_index);
    lua_setupvalue(L, -2, 1);                       /* _ENV */
    lua_pushcfunction(L, error_handler);
    lua_insert(L, -2);
    arm_budget(s);
    int st = lua_pcall(L, 0, 1, -2);
    disarm_budget(s);
    lua_remove(L, -2);                              /* handler */
    return st == LUA_OK ? 0 : -1;
}

/* Pushes the environment of one rule file, with its own instance of every
 * library module: a rule file cannot change what another one sees. */
static void push_rule_env(script *s)
{
    lua_State *L = s->L;
    lua_newtable(L);                                /* this file's lib */
    int lib = lua_gettop(L);
    for (size_t i = 0; i < s->nlibs; i++) {
        lib_source *m = &s->libs[i];
        push_env(s, lib);
        int env = lua_gettop(L);
        int st = run_chunk(s, m->text, m->len, m->display, env);
        if (st == 0 && lua_istable(L, -1)) {
            lua_setfield(L, lib, m->name);
        } else {
            if (!m->reported) {
                const char *msg = st ? lua_tostring(L, -1) : "a library module must return a table";
                engine_finding(s, "engine.rule-load", m->display, msg ? msg : "error", NULL);
                m->reported = 1;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);                              /* env */
    }
    push_env(s, lib);
    lua_remove(L, lib);
}

static void open_sandbox(script *s)
{
    lua_State *L = s->L;
    for (const luaL_Reg *lib = safe_libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    for (const char *const *g = removed_globals; *g; g++) {
        lua_pushnil(L);
        lua_setglobal(L, *g);
    }
    /* lock the string metatable: ("").x must not lead to a shared table */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    define_class(L, DECIMAL_MT, NULL, decimal_methods, decimal_meta);
    define_class(L, REPORT_MT, f_report_index, report_methods, NULL);
    define_class(L, TABLE_MT, f_table_index, table_methods, NULL);
    define_class(L, ROW_MT, f_row_index, row_methods, NULL);

    luaL_newlib(L, decimal_module);
    lua_setglobal(L, "decimal");

    lua_pushglobaltable(L);
    s->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* ------------------------------------------------------------------ */
/* engine findings                                                     */

static const struct {
    const char *id;
    enum severity severity;
    const char *title_id, *title_en;
    const char *explanation_id, *explanation_en;
} engine_rules[] = {
    { "engine.rule-load", SEV_ERROR,
      "Aturan tidak dapat dimuat", "Rule could not be loaded",
      "Berkas aturan Lua gagal dimuat atau deklarasinya tidak sah; aturan di dalamnya tidak dijalankan, aturan lain tetap berjalan.",
      "A Lua rule file failed to load or its declaration is invalid; its rules did not run, the other rules still ran." },
    { "engine.rule-error", SEV_ERROR,
      "Aturan berhenti karena galat", "Rule stopped with an error",
      "Fungsi pemeriksaan sebuah aturan menimbulkan galat; temuan yang sudah dihasilkannya tetap dilaporkan, sisa pemeriksaannya dilewati.",
      "A rule's check function raised an error; findings it had already emitted are kept, the rest of its checks were skipped." },
    { "engine.rule-timeout", SEV_ERROR,
      "Aturan melampaui batas instruksi", "Rule exceeded its instruction budget",
      "Sebuah aturan berjalan terlalu lama (kemungkinan perulangan tanpa akhir) dan dihentikan.",
      "A rule ran too long (probably an endless loop) and was stopped." },
    { "engine.rule-memory", SEV_ERROR,
      "Aturan melampaui batas memori", "Rule exceeded the memory limit",
      "Sebuah aturan memakai memori melebihi batas dan dihentikan.",
      "A rule used more memory than allowed and was stopped." },
};

static void register_engine_rules(catalog *cat)
{
    for (size_t i = 0; i < sizeof engine_rules / sizeof engine_rules[0]; i++) {
        rule_info r = { 0 };
        r.id = (char *)engine_rules[i].id;
        r.family = "engine";
        r.source = "src/engine/script.c";
        r.severity = r.default_severity = engine_rules[i].severity;
        r.enabled = 1;
        r.title[LANG_ID] = (char *)engine_rules[i].title_id;
        r.title[LANG_EN] = (char *)engine_rules[i].title_en;
        r.explanation[LANG_ID] = (char *)engine_rules[i].explanation_id;
        r.explanation[LANG_EN] = (char *)engine_rules[i].explanation_en;
        catalog_add(cat, &r);
    }
}

/* Splits "rules/x.lua:12: message" into file and line when it has that form. */
static void engine_finding(script *s, const char *rule, const char *source, const char *message, const char *detail)
{
    char file[512];
    int line = 0;
    snprintf(file, sizeof file, "%s", source);
    size_t n = strlen(source);
    if (strncmp(message, source, n) == 0 && message[n] == ':') line = atoi(message + n + 1);
    finding *f = finding_add(s->out, rule, catalog_find(s->cat, rule)->severity, file, line, NULL, 0, NULL);
    finding_set(f, "message", message);
    if (detail) finding_set(f, "traceback", detail);
}

/* ------------------------------------------------------------------ */
/* loading                                                             */

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) buf = xrealloc(buf, cap *= 2);
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        snprintf(err, errlen, "%s: read error", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Loads and runs one rule file in a fresh env; leaves its return value on
 * the stack. Returns 0, or -1 with an error message on the stack. */
static int run_file(script *s, const char *path, const char *display)
{
    lua_State *L = s->L;
    char err[600];
    size_t len;
    char *buf = read_file(path, &len, err, sizeof err);
    if (!buf) {
        lua_pushstring(L, err);
        return -1;
    }
    push_rule_env(s);
    int st = run_chunk(s, buf, len, display, lua_gettop(L));
    free(buf);
    lua_remove(L, -2);                              /* env */
    return st;
}

typedef struct {
    char **names;
    size_t count;
} name_list;

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.lua files of a folder, sorted; -1 if the folder cannot be read. */
static int list_lua_files(const char *dir, name_list *out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    size_t cap = 0;
    out->names = NULL;
    out->count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0 || e->d_name[0] == '.') continue;
        grow_array((void **)&out->names, &cap, out->count + 1, sizeof(char *));
        out->names[out->count++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(out->names, out->count, sizeof(char *), compare_names);
    return 0;
}

static void free_names(name_list *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->names[i]);
    free(l->names);
}

/* dir/name into buf; a path too long for buf is cut, and then fails to open. */
static void join_path(char *buf, size_t size, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    int len = snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    if (len < 0 || (size_t)len >= size) buf[size - 1] = '\0';
}

/* Library modules: rules/lib/NAME.lua returns a table, visible to rule
 * files as lib.NAME. Only read here; push_rule_env runs them. */
static void load_lib_dir(script *s, const char *dir, const char *display_dir)
{
    name_list files;
    if (list_lua_files(dir, &files) < 0) return;
    for (size_t i = 0; i < files.count; i++) {
        char path[1024], display[1024], err[600];
        join_path(path, sizeof path, dir, files.names[i]);
        join_path(display, sizeof display, display_dir, files.names[i]);
        size_t len;
        char *text = read_file(path, &len, err, sizeof err);
        if (!text) {
            engine_finding(s, "engine.rule-load", display, err, NULL);
            continue;
        }
        s->libs = xrealloc(s->libs, (s->nlibs + 1) * sizeof(lib_source));
        lib_source *m = &s->libs[s->nlibs++];
        m->name = xstrndup(files.names[i], strlen(files.names[i]) - 4);
        m->display = xstrdup(display);
        m->text = text;
        m->len = len;
        m->reported = 0;
    }
    free_names(&files);
}

/* Reads a {id=..., en=...} text pair from field `key` of the table at -1.
 * Returns an error message or NULL. */
static const char *read_texts(lua_State *L, const char *key, char *texts[2], int required, char *err, size_t errlen)
{
    texts[0] = texts[1] = NULL;
    int t = lua_getfield(L, -1, key);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        if (!required) return NULL;
        snprintf(err, errlen, "missing '%s' (a table {id = \"...\", en = \"...\"})", key);
        return err;
    }
    if (t == LUA_TSTRING) {                         /* one text for both languages */
        texts[0] = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        snprintf(err, errlen, "'%s' must be a table {id = ..., en = ...}", key);
        return err;
    }
    static const char *const langs[2] = { "id", "en" };
    for (int i = 0; i < 2; i++) {
        int lt = lua_getfield(L, -1, langs[i]);
        if (lt == LUA_TSTRING) texts[i] = xstrdup(lua_tostring(L, -1));
        else if (lt != LUA_TNIL || i == 0) {
            lua_pop(L, 2);
            free(texts[0]);
            free(texts[1]);
            texts[0] = texts[1] = NULL;
            snprintf(err, errlen, "'%s.%s' must be a string", key, langs[i]);
            return err;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return NULL;
}

static const char *const family_keys[] = { "name", "rules", "begin", "check_table", "check_row", "finish", NULL };
static const char *const rule_keys[] = { "id", "severity", "title", "explanation", "message", "fix", "example", NULL };

/* Error message naming the first key of the table at -1 not in `allowed`. */
static const char *unknown_key(lua_State *L, const char *const *allowed, const char *what, char *err, size_t errlen)
{
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        int ok = 0;
        if (lua_type(L, -1) == LUA_TSTRING)
            for (const char *const *k = allowed; *k; k++)
                if (strcmp(*k, lua_tostring(L, -1)) == 0) ok = 1;
        if (!ok) {
            snprintf(err, errlen, "unknown key '%s' in %s", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1), what);
            lua_pop(L, 1);
            return err;
        }
    }
    return NULL;
}

static void free_rule_texts(rule_info *r)
{
    for (int i = 0; i < 2; i++) {
        free(r->title[i]);
        free(r->explanation[i]);
        free(r->message[i]);
        free(r->fix[i]);
    }
    free(r->example);
}

/* Validates one rule declaration (table at -1) and adds it to the catalog. */
static const char *declare_rule(script *s, family *fam, char *err, size_t errlen)
{
    lua_State *L = s->L;
    if (!lua_istable(L, -1)) return "each entry of 'rules' must be a table";
    if (unknown_key(L, rule_keys, "rule declaration", err, errlen)) return err;
    rule_info r = { 0 };
    if (lua_getfield(L, -1, "id") != LUA_TSTRING) {
        lua_pop(L, 1);
        return "rule 'id' must be a string";
    }
    r.id = (char *)lua_tostring(L, -1);
    lua_pop(L, 1);                                  /* the family table keeps the string alive */
    if (strncmp(r.id, "engine.", 7) == 0) {
        snprintf(err, errlen, "rule id '%s': the prefix 'engine.' is reserved", r.id);
        return err;
    }
    lua_getfield(L, -1, "severity");
    if (!lua_isstring(L, -1) || severity_from_name(lua_tostring(L, -1), &r.severity) < 0) {
        lua_pop(L, 1);
        snprintf(err, errlen, "rule '%s': 'severity' must be \"error\", \"warning\" or \"info\"", r.id);
        return err;
    }
    lua_pop(L, 1);
    r.default_severity = r.severity;
    r.enabled = 1;
    r.family = fam->name;
    r.source = fam->source;
    char sub[256];
    const char *e = read_texts(L, "title", r.title, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "explanation", r.explanation, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "message", r.message, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "fix", r.fix, 0, sub, sizeof sub);
    if (!e) {
        int t = lua_getfield(L, -1, "example");
        if (t == LUA_TSTRING) r.example = xstrdup(lua_tostring(L, -1));
        else if (t != LUA_TNIL) e = "'example' must be a string";
        lua_pop(L, 1);
    }
    const char *id = r.id;
    if (!e && !catalog_add(s->cat, &r)) {
        snprintf(sub, sizeof sub, "duplicate rule id (already declared by %s)", catalog_find(s->cat, id)->source);
        e = sub;
    }
    free_rule_texts(&r);
    if (e) {
        snprintf(err, errlen, "rule '%s': %s", id, e);
        return err;
    }
    fam->rule_ids = xrealloc(fam->rule_ids, (fam->nrules + 1) * sizeof(char *));
    fam->rule_ids[fam->nrules++] = xstrdup(id);
    return NULL;
}

/* Validates the family table at -1; on success keeps a registry ref. */
static const char *declare_family(script *s, family *fam, char *err, size_t errlen)
{
    lua_State *L = s->L;
    if (!lua_istable(L, -1)) return "a rule file must return a table {rules = {...}, check_row = function ... end}";
    if (unknown_key(L, family_keys, "rule file", err, errlen)) return err;
    static const char *const hooks[] = { "begin", "check_table", "check_row", "finish", NULL };
    int nhooks = 0;
    for (const char *const *h = hooks; *h; h++) {
        int t = lua_getfield(L, -1, *h);
        lua_pop(L, 1);
        if (t == LUA_TNIL) continue;
        if (t != LUA_TFUNCTION) {
            snprintf(err, errlen, "'%s' must be a function", *h);
            return err;
        }
        nhooks++;
    }
    if (!nhooks) return "a rule file needs at least one of begin, check_table, check_row, finish";
    if (lua_getfield(L, -1, "rules") != LUA_TTABLE || luaL_len(L, -1) == 0) {
        lua_pop(L, 1);
        return "'rules' must be a non-empty list of rule declarations";
    }
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *e = declare_rule(s, fam, err, errlen);
        lua_pop(L, 1);
        if (e) {
            lua_pop(L, 1);
            return e;
        }
    }
    lua_pop(L, 1);
    fam->ref = luaL_ref(L, LUA_REGISTRYINDEX);      /* pops the family table */
    return NULL;
}

static void load_rule_dir(script *s, const char *dir, const char *display_dir)
{
    name_list files;
    if (list_lua_files(dir, &files) < 0) return;
    for (size_t i = 0; i < files.count; i++) {
        char path[1024], display[1024];
        join_path(path, sizeof path, dir, files.names[i]);
        join_path(display, sizeof display, display_dir, files.names[i]);
        if (run_file(s, path, display) < 0) {
            engine_finding(s, "engine.rule-load", display, lua_tostring(s->L, -1), NULL);
            lua_pop(s->L, 1);
            continue;
        }
        grow_array((void **)&s->families, &s->cap, s->nfamilies + 1, sizeof(family));
        family *fam = &s->families[s->nfamilies];
        memset(fam, 0, sizeof *fam);
        fam->source = xstrdup(display);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(strlen(files.names[i]) - 4), files.names[i]);
        fam->name = xstrdup(name);
        char err[512], msg[sizeof display + sizeof err + 4];
        const char *e = declare_family(s, fam, err, sizeof err);
        if (e) {
            snprintf(msg, sizeof msg, "%s: %s", display, e);
            engine_finding(s, "engine.rule-load", display, msg, NULL);
            lua_pop(s->L, 1);
            /* rules it declared before the bad one stay in the catalog but never fire */
            for (size_t k = 0; k < fam->nrules; k++) free(fam->rule_ids[k]);
            free(fam->rule_ids);
            free(fam->source);
            free(fam->name);
            continue;
        }
        s->nfamilies++;
    }
    free_names(&files);
}

script *script_new(const script_options *opt, catalog *cat, finding_list *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < opt->nuser_dirs; i++) {
        DIR *d = opendir(opt->user_dirs[i]);
        if (!d) {
            snprintf(err, errlen, "rule folder %s: %s", opt->user_dirs[i], strerror(errno));
            return NULL;
        }
        closedir(d);
    }
    char libdir[1024];
    join_path(libdir, sizeof libdir, opt->builtin_dir, "lib");
    DIR *d = opendir(opt->builtin_dir);
    if (!d) {
        snprintf(err, errlen, "built-in rule folder %s: %s (set LAKIP_RULES_DIR)", opt->builtin_dir, strerror(errno));
        return NULL;
    }
    closedir(d);

    script *s = xcalloc(1, sizeof *s);
    s->cat = cat;
    s->out = out;
    s->progress = opt->progress;
    s->mem_limit = opt->memory_limit ? opt->memory_limit : SCRIPT_DEFAULT_MEMORY;
    s->budget = opt->instruction_budget > 0 ? opt->instruction_budget : SCRIPT_DEFAULT_INSTRUCTIONS;
    s->L = lua_newstate(bounded_alloc, s);
    if (!s->L) {
        snprintf(err, errlen, "cannot create the Lua state");
        free(s);
        return NULL;
    }
    lua_pushlightuserdata(s->L, s);
    lua_rawsetp(s->L, LUA_REGISTRYINDEX, &SCRIPT_KEY);
    open_sandbox(s);
    register_engine_rules(cat);

    lua_newtable(s->L);
    for (size_t i = 0; i < opt->nsettings; i++) {
        lua_pushstring(s->L, opt->settings[i].value);
        lua_setfield(s->L, -2, opt->settings[i].key);
    }
    s->settings_ref = luaL_ref(s->L, LUA_REGISTRYINDEX);

    load_lib_dir(s, libdir, "rules/lib");
    load_rule_dir(s, opt->builtin_dir, "rules");
    for (size_t i = 0; i < opt->nuser_dirs; i++)
        load_rule_dir(s, opt->user_dirs[i], opt->user_dirs[i]);
    return s;
}

void script_free(script *s)
{
    if (!s) return;
    lua_close(s->L);
    for (size_t i = 0; i < s->nfamilies; i++) {
        for (size_t k = 0; k < s->families[i].nrules; k++) free(s->families[i].rule_ids[k]);
        free(s->families[i].rule_ids);
        free(s->families[i].name);
        free(s->families[i].source);
    }
    free(s->families);
    for (size_t i = 0; i < s->nlibs; i++) {
        free(s->libs[i].name);
        free(s->libs[i].display);
        free(s->libs[i].text);
    }
    free(s->libs);
    free(s);
}

/* ------------------------------------------------------------------ */
/* running                                                             */

static int family_declares(const family *fam, const char *id)
{
    for (size_t i = 0; i < fam->nrules; i++)
        if (strcmp(fam->rule_ids[i], id) == 0) return 1;
    return 0;
}

/* A field value as text: decimals in the table's (Indonesian) style. */
static const char *field_text(lua_State *L, int idx, char *buf, size_t size)
{
    decimal *d = luaL_testudata(L, idx, DECIMAL_MT);
    if (d) {
        decimal_format(*d, ',', 0, buf, size);
        return buf;
    }
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: return lua_tostring(L, idx);
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            snprintf(buf, size, "%lld", (long long)lua_tointeger(L, idx));
            return buf;
        }
        luaL_error(L, "finding fields must not be floating point numbers (use decimal)");
        return NULL;
    case LUA_TBOOLEAN: return lua_toboolean(L, idx) ? "true" : "false";
    default:
        luaL_error(L, "finding field of type %s (expected string, integer or decimal)", luaL_typename(L, idx));
        return NULL;
    }
}

/* ctx:emit(rule_id, where, fields)
 *   where: a row, a table, or {file=, line=, table=, indicator=}
 *   fields: string keys -> string | integer | decimal | boolean */
static int f_emit(lua_State *L)
{
    script *s = get_script(L);
    const char *id = luaL_checkstring(L, 2);
    if (!s->current || !family_declares(s->current, id))
        return luaL_error(L, "rule id '%s' is not declared in this rule file", id);
    if (!lua_isnoneornil(L, 4)) luaL_checktype(L, 4, LUA_TTABLE);
    const rule_info *info = catalog_find(s->cat, id);
    if (!info->enabled) return 0;

    const char *file = NULL, *caption = NULL, *indicator = NULL;
    int line = 0, table_line = 0;
    row_view *rv = luaL_testudata(L, 3, ROW_MT);
    table_view *tv = luaL_testudata(L, 3, TABLE_MT);
    if (rv) {
        file = table_file(rv->t);
        line = table_row_line(rv->t, rv->row);
        caption = table_caption(rv->t);
        table_line = table_first_line(rv->t);
        indicator = row_label(rv->t, rv->row);
    } else if (tv) {
        file = table_file(tv->t);
        line = table_first_line(tv->t);
        caption = table_caption(tv->t);
        table_line = table_first_line(tv->t);
    } else if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "file") == LUA_TSTRING) file = lua_tostring(L, -1);
        if (lua_getfield(L, 3, "line") == LUA_TNUMBER) line = (int)lua_tointeger(L, -1);
        if (lua_getfield(L, 3, "table") == LUA_TSTRING) caption = lua_tostring(L, -1);
        if (lua_getfield(L, 3, "table_line") == LUA_TNUMBER) table_line = (int)lua_tointeger(L, -1);
        if (lua_getfield(L, 3, "indicator") == LUA_TSTRING) indicator = lua_tostring(L, -1);
        /* the strings stay referenced by the `where` table until we return */
        lua_pop(L, 5);
    } else {
        return luaL_typeerror(L, 3, "row, table or location {file=, line=}");
    }
    if (!lua_isnoneornil(L, 4)) {
        if (lua_getfield(L, 4, "line") == LUA_TNUMBER) line = (int)lua_tointeger(L, -1);
        if (lua_getfield(L, 4, "indicator") == LUA_TSTRING) indicator = lua_tostring(L, -1);
        lua_pop(L, 2);
    }
    /* read fields before creating the finding, so a bad field leaves nothing half made */
    size_t nfields = 0;
    if (!lua_isnoneornil(L, 4)) {
        char buf[64];
        lua_pushnil(L);
        while (lua_next(L, 4)) {
            if (lua_type(L, -2) != LUA_TSTRING) return luaL_error(L, "finding field names must be strings");
            field_text(L, -1, buf, sizeof buf);
            nfields++;
            lua_pop(L, 1);
        }
    }
    finding *f = finding_add(s->out, id, info->severity, file, line, caption, table_line, indicator);
    if (nfields) {
        char buf[64];
        lua_pushnil(L);
        while (lua_next(L, 4)) {
            const char *key = lua_tostring(L, -2);
            if (strcmp(key, "line") && strcmp(key, "indicator"))
                finding_set(f, key, field_text(L, -1, buf, sizeof buf));
            lua_pop(L, 1);
        }
    }
    return 0;
}

/* ctx:recomputed(where [, n]), ctx:compared(where [, n]) and
 * ctx:not_checkable(where [, n]): a rule says it recomputed n values
 * (default 1) of `where` from the report's own numbers, compared them with
 * the same values elsewhere, or looked at them and could not judge them. `where` is a row, a
 * table, or {file=} for the narrative. Only counted (coverage.h): the
 * report's coverage says how much was checked, never silence. */
static int note_values(lua_State *L, enum value_outcome o)
{
    script *s = get_script(L);
    lua_Integer n = luaL_optinteger(L, 3, 1);
    if (n < 0 || n > 1000000) return luaL_argerror(L, 3, "count out of range");
    const char *file = NULL;
    long tindex = -1;
    size_t row = COVERAGE_NO_ROW;
    row_view *rv = luaL_testudata(L, 2, ROW_MT);
    table_view *tv = luaL_testudata(L, 2, TABLE_MT);
    if (rv) {
        file = table_file(rv->t);
        tindex = rv->tindex - 1;
        row = rv->row;
    } else if (tv) {
        file = table_file(tv->t);
        tindex = tv->index - 1;
    } else if (lua_istable(L, 2) && lua_getfield(L, 2, "file") == LUA_TSTRING) {
        file = lua_tostring(L, -1);
    } else {
        return luaL_typeerror(L, 2, "row, table or location {file=}");
    }
    if (n > 0) coverage_note_value(report_coverage(s->rep), o, s->current ? s->current->name : NULL,
                                   file, tindex, row, (unsigned)n);
    return 0;
}

static int f_recomputed(lua_State *L)
{
    return note_values(L, VALUE_RECOMPUTED);
}

static int f_compared(lua_State *L)
{
    return note_values(L, VALUE_COMPARED);
}

static int f_not_checkable(lua_State *L)
{
    return note_values(L, VALUE_NOT_CHECKABLE);
}

static void push_ctx(script *s, family *fam)
{
    lua_State *L = s->L;
    lua_createtable(L, 0, 7);
    report_view *v = lua_newuserdatauv(L, sizeof *v, 0);
    v->r = s->rep;
    luaL_setmetatable(L, REPORT_MT);
    lua_setfield(L, -2, "report");
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->settings_ref);
    lua_setfield(L, -2, "options");
    lua_pushstring(L, fam->name);
    lua_setfield(L, -2, "family");
    lua_pushcfunction(L, f_emit);
    lua_setfield(L, -2, "emit");
    lua_pushcfunction(L, f_recomputed);
    lua_setfield(L, -2, "recomputed");
    lua_pushcfunction(L, f_compared);
    lua_setfield(L, -2, "compared");
    lua_pushcfunction(L, f_not_checkable);
    lua_setfield(L, -2, "not_checkable");
}

/* Calls the function below its nargs arguments under the budget; on
 * failure records the engine finding and stops the family. */
static int guarded_call(script *s, family *fam, int nargs)
{
    lua_State *L = s->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, error_handler);
    lua_insert(L, base);
    s->mem_exhausted = 0;
    arm_budget(s);
    int st = lua_pcall(L, nargs, 0, base);
    disarm_budget(s);
    if (st == LUA_OK) {
        lua_remove(L, base);
        return 0;
    }
    const char *rule = s->killed ? "engine.rule-timeout"
                     : (st == LUA_ERRMEM || s->mem_exhausted) ? "engine.rule-memory"
                     : "engine.rule-error";
    const char *msg = lua_tostring(L, -1);
    char first[1024];
    snprintf(first, sizeof first, "%s", msg ? msg : "error object is not a string");
    char *nl = strstr(first, "\nstack traceback:");
    if (nl) *nl = '\0';
    engine_finding(s, rule, fam->source, first, msg);
    lua_pop(L, 2);                                  /* message, handler */
    fam->failed = 1;
    s->killed = 0;
    lua_gc(L, LUA_GCCOLLECT);
    return -1;
}

static int push_hook(lua_State *L, int fam_ref, const char *name)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, fam_ref);
    int t = lua_getfield(L, -1, name);
    lua_remove(L, -2);
    if (t == LUA_TFUNCTION) return 1;
    lua_pop(L, 1);
    return 0;
}

static void run_family(script *s, family *fam, int ctx)
{
    lua_State *L = s->L;
    const report *r = s->rep;
    if (push_hook(L, fam->ref, "begin")) {
        lua_pushvalue(L, ctx);
        lua_getfield(L, ctx, "report");
        if (guarded_call(s, fam, 2) < 0) return;
    }
    int has_table = push_hook(L, fam->ref, "check_table");
    if (has_table) lua_pop(L, 1);
    int has_row = push_hook(L, fam->ref, "check_row");
    int row_fn = lua_gettop(L);
    for (size_t ti = 0; ti < report_table_count(r) && !fam->failed; ti++) {
        if (has_table) {
            push_hook(L, fam->ref, "check_table");
            lua_pushvalue(L, ctx);
            push_table(L, r, (int)ti + 1);
            if (guarded_call(s, fam, 2) < 0) break;
        }
        if (!has_row) continue;
        const table *t = report_table(r, ti);
        push_table(L, r, (int)ti + 1);
        int tab = lua_gettop(L);
        for (size_t ri = 0; ri < table_row_count(t); ri++) {
            lua_pushvalue(L, row_fn);
            lua_pushvalue(L, ctx);
            lua_pushvalue(L, tab);
            push_row(L, t, (int)ti + 1, ri);
            if (guarded_call(s, fam, 3) < 0) break;
        }
        lua_pop(L, 1);
    }
    if (has_row) lua_pop(L, 1);
    if (!fam->failed && push_hook(L, fam->ref, "finish")) {
        lua_pushvalue(L, ctx);
        lua_getfield(L, ctx, "report");
        guarded_call(s, fam, 2);
    }
}

/* A family runs when at least one of its rules is enabled. */
static int family_enabled(const script *s, const family *fam)
{
    for (size_t i = 0; i < fam->nrules; i++)
        if (catalog_find(s->cat, fam->rule_ids[i])->enabled) return 1;
    return 0;
}

void script_run(script *s, const report *r)
{
    s->rep = r;
    for (size_t i = 0; i < s->nfamilies; i++) {
        family *fam = &s->families[i];
        if (fam->failed || !family_enabled(s, fam)) continue;
        if (s->progress) s->progress(fam->name, i + 1, s->nfamilies);
        s->current = fam;
        push_ctx(s, fam);
        run_family(s, fam, lua_gettop(s->L));
        lua_pop(s->L, 1);
        s->current = NULL;
    }
}
