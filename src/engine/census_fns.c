/*
 * census_fns.c — questions a rule asks of every table before it scans it,
 * answered in C without a Lua table of counts, and as soon as the answer
 * is known:
 *   lakip.cell_census{ roles =, kind =, count = } -> a census (made once
 *     per rule file) and lakip.count_cells(t, census [, enough]): how many
 *     cells have one of the facts t:summary counts (angka: "any invalid,
 *     malformed or unsettled value?", penomoran: "two percent values?");
 *   lakip.plain_numbers(t, kind, col...): whether each of those cells
 *     reads (row:value) as a number or as nothing (batas);
 *   lakip.count_rows(t, kind [, enough]): t:row_kinds()'s count of one
 *     kind (jumlah: "a total row?").
 * On a long-form export of many small reports, t:summary and
 * t:value_types were most of what angka, penomoran and batas cost per
 * report: the role list read from its Lua strings at every call, a Lua
 * table of fifteen counts made (and collected) for the one or three the
 * rule looks at, and every cell looked at when the first one settles it.
 * The facts are t:summary's, cell for cell (tests/unit/test_script.c
 * compares the two).
 */
#include <string.h>

#include "engine/internal.h"
#include "model/value.h"

/* A census is a Lua integer: the roles' bits, the row kind + 1 (0: every
 * row), the facts' bits; an integer costs nothing to keep or pass. */
enum { ROLE_BITS = 32, KIND_SHIFT = 32, FACT_SHIFT = 36 };
_Static_assert((int)COL_ROLE_COUNT <= (int)ROLE_BITS, "a census keeps a role in a bit of 32");

/* The facts, as t:summary names them: the cell kinds (row:cell(col).kind),
 * then the flags of value cells, filled and cells. */
enum {
    F_EMPTY, F_MISSING, F_VALUE, F_TEXT, F_INVALID,       /* = enum number_kind */
    F_PERCENT, F_AMBIGUOUS, F_MALFORMED, F_CURRENCY, F_SCIENTIFIC, F_UNIT, F_UNSETTLED,
    F_FILLED, F_CELLS, F_COUNT
};
_Static_assert((int)NUMBER_EMPTY == 0 && (int)NUMBER_INVALID == (int)F_INVALID, "the cell kinds come first, in their order");

static const char *const fact_names[F_COUNT] = {
    "empty", "missing", "value", "text", "invalid",
    "percent", "ambiguous", "malformed", "currency", "scientific", "unit", "unsettled",
    "filled", "cells",
};

/* The names in the list at field `key` of the table at idx, as bits:
 * name_of(i) for i < count are the names; an unknown one raises. */
static lua_Integer read_bits(lua_State *L, int idx, const char *key, int count, const char *(*name_of)(int),
                             int required)
{
    lua_Integer bits = 0;
    int type = lua_getfield(L, idx, key);
    if (type == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TTABLE) luaL_error(L, "lakip.cell_census: '%s' must be a list of names", key);
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n == 0) luaL_error(L, "lakip.cell_census: '%s' is empty", key);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *name = lua_tostring(L, -1);
        int found = -1;
        for (int k = 0; name && k < count && found < 0; k++) {
            const char *known = name_of(k);
            if (known && strcmp(known, name) == 0) found = k;
        }
        if (found < 0) luaL_error(L, "lakip.cell_census: no %s '%s'", key, name ? name : "?");
        bits |= (lua_Integer)1 << found;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return bits;
}

static const char *role_name_of(int k)
{
    return k == COL_NONE ? NULL : col_role_name((enum col_role)k);
}

static const char *fact_name_of(int k)
{
    return fact_names[k];
}

/* lakip.cell_census{ roles = {ROLE, ...}, kind = "data" | "group" | "total"
 * | nil, count = {FACT, ...} } -> a census for lakip.count_cells: the
 * cells of every column of those roles (as t:summary's list of role
 * names), in rows of that kind (every row when nil), that have one of the
 * facts (t:summary's names). */
static int f_cell_census(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer roles = read_bits(L, 1, "roles", COL_ROLE_COUNT, role_name_of, 1);
    lua_Integer facts = read_bits(L, 1, "count", F_COUNT, fact_name_of, 1);
    lua_Integer kind = 0;
    if (lua_getfield(L, 1, "kind") != LUA_TNIL) {
        const char *name = luaL_checkstring(L, -1);
        for (int k = ROW_DATA; k <= ROW_TOTAL && !kind; k++)
            if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k + 1;
        if (!kind) luaL_error(L, "lakip.cell_census: unknown row kind '%s'", name);
    }
    lua_pushinteger(L, roles | kind << KIND_SHIFT | facts << FACT_SHIFT);
    return 1;
}

#define CENSUS_MAX_COLS 64

/* lakip.count_cells(t, census [, enough]) -> how many cells of the census
 * (lakip.cell_census) have at least one of its facts, counted up to
 * `enough` (no limit when absent): the rows are read in order and the
 * count stops there. A cell with two of the facts counts once, so with a
 * single fact the count is t:summary's (its columns as the same role
 * list), with several it is 0 exactly when each of t:summary's is. */
static int f_count_cells(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    lua_Integer census = luaL_checkinteger(L, 2);
    lua_Integer enough = luaL_optinteger(L, 3, LUA_MAXINTEGER);
    luaL_argcheck(L, census >= 0 && (census >> FACT_SHIFT) < ((lua_Integer)1 << F_COUNT)
                     && ((census >> KIND_SHIFT) & 15) <= ROW_TOTAL + 1, 2, "a census (lakip.cell_census) expected");
    luaL_argcheck(L, enough >= 1, 3, "at least 1");
    uint32_t roles = (uint32_t)(census & 0xffffffffu);
    int kind = (int)((census >> KIND_SHIFT) & 15) - 1;
    unsigned facts = (unsigned)(census >> FACT_SHIFT);
    /* what a cell is tested for, worked out once: the kinds as bits of
     * its kind, the flags of a value cell as bits of its flags per column
     * (unsettled: ambiguous in a column whose style rests on the file's
     * convention alone), so that most cells cost two tests */
    unsigned kinds = facts & ((1u << (F_INVALID + 1)) - 1);
    unsigned flags = ((facts & (1u << F_PERCENT)) ? NUMBER_PERCENT : 0)
                   | ((facts & (1u << F_AMBIGUOUS)) ? NUMBER_AMBIGUOUS : 0)
                   | ((facts & (1u << F_MALFORMED)) ? NUMBER_MALFORMED : 0)
                   | ((facts & (1u << F_CURRENCY)) ? NUMBER_CURRENCY : 0)
                   | ((facts & (1u << F_SCIENTIFIC)) ? NUMBER_SCIENTIFIC : 0);
    int unit = (facts & (1u << F_UNIT)) != 0, filled = (facts & (1u << F_FILLED)) != 0;
    /* the columns once, not a role test per cell */
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    int cols[CENSUS_MAX_COLS], n = 0;
    unsigned col_flags[CENSUS_MAX_COLS];
    for (size_t c = 0; c < ncols; c++) {
        if (!(roles & (1u << table_column_role(t, c)))) continue;
        if (n == CENSUS_MAX_COLS) return luaL_error(L, "lakip.count_cells: more than %d columns", CENSUS_MAX_COLS);
        cols[n] = (int)c;
        col_flags[n++] = flags | ((facts & (1u << F_UNSETTLED)) && table_column_style_basis(t, c) == STYLE_BASIS_FILE
                                  ? NUMBER_AMBIGUOUS : 0);
    }
    charge(L, (long long)n * (long long)nrows + 1);     /* the cells it may look at, as t:summary */
    lua_Integer count = 0;
    if (n && (facts & (1u << F_CELLS))) {
        /* every cell counts: the rows of the kind times the columns */
        for (size_t r = 0; r < nrows && count < enough; r++)
            if (kind < 0 || (int)table_row_kind(t, r) == kind) count += n;
        lua_pushinteger(L, count < enough ? count : enough);
        return 1;
    }
    for (size_t r = 0; n && r < nrows && count < enough; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        for (int k = 0; k < n && count < enough; k++) {
            const cell *x = &row[cols[k]];
            unsigned kind_bit = 1u << x->num.kind;
            if ((kinds & kind_bit)
                || (x->num.kind == NUMBER_VALUE && ((x->num.flags & col_flags[k]) || (unit && x->num.unit[0])))
                || (filled && x->filled))
                count++;
        }
    }
    lua_pushinteger(L, count);
    return 1;
}

/* value_plain_number_text(text, strlen(text)) for a text shorter than
 * PLAIN_SHORT bytes, in the one pass that also finds its end; 0 for a
 * longer one (the caller then asks value.c). Most cells are short
 * numbers ("229.056,0"): measuring each and then reading it again in
 * another file's function was most of what a table cost. */
#define PLAIN_SHORT 64          /* below value.c's limit (MATCH_MAX - 2) */

static int short_plain_number(const char *s)
{
    int digit = 0;
    for (size_t i = 0; i < PLAIN_SHORT; i++) {
        char c = s[i];
        if (c == '\0') return digit;
        if (c >= '0' && c <= '9') digit = 1;
        else if (c == '-') {
            if (i != 0) return 0;
        } else if (c != '.' && c != ',' && c != '%' && c != ' ') return 0;
    }
    return 0;
}

/* lakip.plain_numbers(t, kind, col, ...) -> whether every cell of those
 * columns (1-based indexes; nil and absent ones are left out, a column
 * given twice is read once) in rows of that kind (nil: every row) reads
 * as row:value reads it as a number or as nothing: t:value_types's
 * number + empty == cells, false at the first cell that is neither. */
static int f_plain_numbers(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int kind = -1;
    if (!lua_isnoneornil(L, 2)) {
        const char *name = luaL_checkstring(L, 2);
        for (int k = ROW_DATA; k <= ROW_TOTAL && kind < 0; k++)
            if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k;
        if (kind < 0) return luaL_error(L, "unknown row kind '%s'", name);
    }
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    int cols[CENSUS_MAX_COLS], n = 0, top = lua_gettop(L);
    for (int i = 3; i <= top; i++) {
        if (lua_isnil(L, i)) continue;
        lua_Integer c = luaL_checkinteger(L, i);
        if (c < 1 || (size_t)c > ncols) continue;
        int dup = 0;
        for (int k = 0; k < n; k++) dup |= cols[k] == (int)c - 1;
        if (dup) continue;
        if (n == CENSUS_MAX_COLS) return luaL_error(L, "lakip.plain_numbers: more than %d columns", CENSUS_MAX_COLS);
        cols[n++] = (int)c - 1;
    }
    charge(L, (long long)n * (long long)nrows + 1);
    for (size_t r = 0; r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        for (int k = 0; k < n; k++) {
            const cell *x = &row[cols[k]];
            if (x->num.kind == NUMBER_VALUE && short_plain_number(x->text)) continue;
            size_t len = strlen(x->text);
            /* as t:value_types: a cell read as a number at load whose text
             * can only be a plain number is one without reading it again */
            if (x->num.kind == NUMBER_VALUE && value_plain_number_text(x->text, len)) continue;
            typed_value tv;
            value_parse(x->text, len, table_column_number_style(t, (size_t)cols[k]), &tv);
            if (tv.kind != VALUE_NUMBER && tv.kind != VALUE_EMPTY) {
                lua_pushboolean(L, 0);
                return 1;
            }
        }
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* lakip.count_rows(t, kind [, enough]) -> how many rows of t are of that
 * kind ("data", "group", "total"), counted up to `enough` (no limit when
 * absent): t:row_kinds()[kind] without a table of the three counts
 * (jumlah asks every table whether it has a total row). */
static int f_count_rows(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    const char *name = luaL_checkstring(L, 2);
    int kind = -1;
    for (int k = ROW_DATA; k <= ROW_TOTAL && kind < 0; k++)
        if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k;
    if (kind < 0) return luaL_error(L, "unknown row kind '%s'", name);
    lua_Integer enough = luaL_optinteger(L, 3, LUA_MAXINTEGER);
    luaL_argcheck(L, enough >= 1, 3, "at least 1");
    size_t nrows = table_row_count(t);
    charge(L, (long long)nrows + 1);                    /* as t:row_kinds */
    lua_Integer count = 0;
    for (size_t r = 0; r < nrows && count < enough; r++)
        if ((int)table_row_kind(t, r) == kind) count++;
    lua_pushinteger(L, count);
    return 1;
}

void open_census_fns(lua_State *L)
{
    lua_pushcfunction(L, f_count_rows);
    lua_setfield(L, -2, "count_rows");
    lua_pushcfunction(L, f_cell_census);
    lua_setfield(L, -2, "cell_census");
    lua_pushcfunction(L, f_count_cells);
    lua_setfield(L, -2, "count_cells");
    lua_pushcfunction(L, f_plain_numbers);
    lua_setfield(L, -2, "plain_numbers");
}
