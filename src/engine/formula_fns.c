/*
 * formula_fns.c — lakip.formulas(list) and lakip.formula_matches(set,
 * target, realisasi, reported) (with lakip.rounded_reach, lakip.shifted
 * and lakip.exact_text, the rest of a wrong capaian's diagnosis and its
 * message's exact value): which of a list of formulas num / den
 * (lib.formula's capaian formulas, written as the expressions of a
 * declared check, engine/row_formula.h) give a reported value from a
 * row's target and realisasi, rounded half-up and truncated at the
 * precision the reported value is written with.
 *
 * rules/capaian.lua tries every formula on every wrong row to name what
 * the report did (another direction's formula, target and realisasi
 * swapped, truncation); with decimal userdata each step was a metamethod
 * call and a new userdata, about a thousand instructions. Here the same
 * operations run in the order Lua runs them (row_formula.h), so a value,
 * a zero denominator and an overflow are what the Lua gave; on an
 * overflow the answer is nil and the rule does the work the old way, so
 * it fails (or not) exactly where it did.
 */
#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include "engine/internal.h"
#include "engine/row_formula.h"

/* Two bits of the answer per formula, in the lower 32 bits of a Lua integer. */
#define FORMULA_SET_MAX 16
#define FORMULA_SET_MAGIC 0x666f726d756c6131ULL   /* "formula1" */

/* A compiled list: num and den of each formula, in list order, inside the
 * userdata (counted against the state's memory limit, nothing to free). */
typedef struct {
    unsigned long long magic;   /* FORMULA_SET_MAGIC once complete */
    const void *meta;           /* the metatable it was given */
    size_t count;
    size_t stride;              /* bytes of one compiled expression, aligned */
    max_align_t data[];
} formula_set;

/* Registry key of the sets' metatable (locked, no methods). */
static const char FORMULA_SET_KEY = 0;

static size_t expr_stride(void)
{
    size_t a = alignof(max_align_t);
    return (row_expr_size() + a - 1) / a * a;
}

static const row_expr *expr_at(const formula_set *set, size_t formula, int den)
{
    return (const row_expr *)(const void *)((const char *)set->data + (2 * formula + (size_t)den) * set->stride);
}

/* The set at idx, or NULL: every userdata of the sandbox is made in C, so
 * a block as large as a set that starts with the mark and carries the
 * metatable it was made with is one (as lakip.terms' sets). */
static const formula_set *to_formula_set(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) < sizeof(formula_set)) return NULL;
    const formula_set *set = lua_touserdata(L, idx);
    if (set->magic != FORMULA_SET_MAGIC || !lua_getmetatable(L, idx)) return NULL;
    int same = lua_topointer(L, -1) == set->meta;
    lua_pop(L, 1);
    return same ? set : NULL;
}

/* lakip.formulas(list) -> the set of the formulas of list, each a table
 * with `num` and `den`, expressions over `target` and `realisasi`
 * (docs/RULES.md, "Checks declared as data"), compiled once. Changing
 * the list afterwards does not change the set. */
static int f_formulas(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer count = luaL_len(L, 1);
    if (count < 0 || count > FORMULA_SET_MAX)
        return luaL_error(L, "lakip.formulas: a set holds at most %d formulas", FORMULA_SET_MAX);
    charge(L, count + 1);
    size_t n = (size_t)count, stride = expr_stride();
    formula_set *set = lua_newuserdatauv(L, sizeof *set + 2 * n * stride, 0);
    set->magic = 0;                             /* a set once its metatable is set, below */
    set->count = n;
    set->stride = stride;
    static const char *const names[] = { "target", "realisasi" };
    static const char *const parts[] = { "num", "den" };
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "lakip.formulas: formula %d is a %s, not a table", (int)i + 1, luaL_typename(L, -1));
        for (int k = 0; k < 2; k++) {
            if (lua_getfield(L, -1, parts[k]) != LUA_TSTRING)
                return luaL_error(L, "lakip.formulas: formula %d has no '%s' expression", (int)i + 1, parts[k]);
            char err[128];
            void *at = (char *)set->data + (2 * i + (size_t)k) * stride;
            if (!row_expr_compile_in(at, lua_tostring(L, -1), names, 2, err, sizeof err))
                return luaL_error(L, "lakip.formulas: formula %d, %s '%s': %s", (int)i + 1, parts[k],
                                  lua_tostring(L, -1), err);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &FORMULA_SET_KEY);
    set->meta = lua_topointer(L, -1);
    lua_setmetatable(L, -2);
    set->magic = FORMULA_SET_MAGIC;
    return 1;
}

/* lakip.formula_matches(set, target, realisasi, reported) -> mask, or nil:
 * for formula i of the set (from 1), bit 2(i-1) when num / den rounded
 * half-up at reported's scale equals reported (decimal equality), bit
 * 2(i-1)+1 when truncated does; neither when its denominator is 0 —
 * what `local num, den = f.parts(t, r); if not den:is_zero() then
 * num:div(den, p, mode) == reported` gives for each formula and mode.
 * nil when any step of any formula overflows (where the Lua raises an
 * error): the caller then works it out in Lua. */
static int f_formula_matches(lua_State *L)
{
    const formula_set *set = to_formula_set(L, 1);
    if (!set) return luaL_typeerror(L, 1, "formula set (lakip.formulas)");
    decimal vars[2];
    vars[0] = *(const decimal *)check_class(L, 2, CLASS_DECIMAL, DECIMAL_MT);
    vars[1] = *(const decimal *)check_class(L, 3, CLASS_DECIMAL, DECIMAL_MT);
    decimal reported = *(const decimal *)check_class(L, 4, CLASS_DECIMAL, DECIMAL_MT);
    charge(L, (long long)set->count + 1);
    lua_Integer mask = 0;
    for (size_t i = 0; i < set->count; i++) {
        decimal num, den, half_up, truncated;
        int st = row_parts(expr_at(set, i, 0), expr_at(set, i, 1), vars, &num, &den);
        if (st == DECIMAL_DIV_ZERO) continue;
        int half_up_st = st, truncated_st = st;
        if (st == DECIMAL_OK)
            row_divide(num, den, reported.scale, &half_up, &half_up_st, &truncated, &truncated_st);
        if (half_up_st != DECIMAL_OK || truncated_st != DECIMAL_OK) {
            lua_pushnil(L);
            return 1;
        }
        if (row_decimal_equal(half_up, reported)) mask |= (lua_Integer)1 << (2 * i);
        if (row_decimal_equal(truncated, reported)) mask |= (lua_Integer)2 << (2 * i);
    }
    lua_pushinteger(L, mask);
    return 1;
}

/* Steps of rounded_reach: each a decimal operation whose status is
 * checked; any but DECIMAL_OK stops it (the caller then works it out in
 * Lua, which raises there). */
#define STEP(call) do { if ((call) != DECIMAL_OK) return -1; } while (0)

/* Half a unit of d's last written digit, as lib.text.half_unit makes it:
 * decimal.new("0." .. string.rep("0", scale) .. "5"). */
static int half_unit(decimal d, decimal *out)
{
    char text[48] = "0.";
    if (d.scale < 0 || d.scale > 40) return -1;
    memset(text + 2, '0', (size_t)d.scale);
    text[2 + d.scale] = '5';
    text[3 + d.scale] = '\0';
    return decimal_parse(text, out) == DECIMAL_OK ? 0 : -1;
}

/* capaian's bounds(d): d, d for a whole number, else d -+ half_unit(d). */
static int bounds(decimal d, decimal *lo, decimal *hi)
{
    if (d.scale == 0) {
        *lo = *hi = d;
        return 0;
    }
    decimal h;
    if (half_unit(d, &h) < 0) return -1;
    STEP(decimal_sub(d, h, lo));
    STEP(decimal_add(d, h, hi));
    return 0;
}

/* rules/capaian.lua's rounded_inputs(f, tv, rv, cv) for formula f (num,
 * den), step for step with the same decimal operations: 1 with out[0..5]
 * = lo, hi, tlo, thi, rlo, rhi when f reaches cv from some target and
 * realisasi that the rounded tv and rv stand for, 0 when it does not, -1
 * when a step fails (an overflow: the Lua raises there). */
static int rounded_reach(const row_expr *num_e, const row_expr *den_e, decimal tv, decimal rv, decimal cv,
                         decimal out[6])
{
    if (tv.scale == 0 && rv.scale == 0) return 0;
    decimal tlo, thi, rlo, rhi, h, clo, chi;
    if (bounds(tv, &tlo, &thi) < 0 || bounds(rv, &rlo, &rhi) < 0 || half_unit(cv, &h) < 0) return -1;
    STEP(decimal_sub(cv, h, &clo));
    STEP(decimal_add(cv, h, &chi));
    int above = 0, below = 0;
    decimal num[4], den[4];
    const decimal ts[2] = { tlo, thi }, rs[2] = { rlo, rhi };
    for (int ti = 0; ti < 2; ti++) {
        for (int ri = 0; ri < 2; ri++) {
            int c = ti * 2 + ri;
            const decimal vars[2] = { ts[ti], rs[ri] };
            STEP(row_expr_eval(num_e, vars, &num[c]));
            STEP(row_expr_eval(den_e, vars, &den[c]));
            if (decimal_sign(den[c]) <= 0) return 0;
            decimal x;
            STEP(decimal_mul(clo, den[c], &x));
            if (decimal_cmp(num[c], x) >= 0) above = 1;
            STEP(decimal_mul(chi, den[c], &x));
            if (decimal_cmp(num[c], x) <= 0) below = 1;
        }
    }
    if (!(above && below)) return 0;
    int p = cv.scale + 2;
    int lo_c = 0, hi_c = 0;                       /* corner 0 first, as the Lua's nil start */
    for (int c = 1; c < 4; c++) {
        decimal a, b;
        STEP(decimal_mul(num[c], den[lo_c], &a));
        STEP(decimal_mul(num[lo_c], den[c], &b));
        if (decimal_cmp(a, b) < 0) lo_c = c;
        STEP(decimal_mul(num[c], den[hi_c], &a));
        STEP(decimal_mul(num[hi_c], den[c], &b));
        if (decimal_cmp(a, b) > 0) hi_c = c;
    }
    decimal a, b, d, e;
    STEP(decimal_mul(num[hi_c], den[lo_c], &a));
    STEP(decimal_mul(num[lo_c], den[hi_c], &b));
    STEP(decimal_sub(a, b, &d));
    STEP(decimal_mul(den[lo_c], den[hi_c], &e));
    if (decimal_cmp(d, e) > 0) return 0;
    /* one unit of the p-th digit: decimal.new("0." .. string.rep("0", p - 1) .. "1") */
    char text[48] = "0.";
    if (p < 1 || p > 40) return -1;
    memset(text + 2, '0', (size_t)(p - 1));
    text[1 + p] = '1';
    text[2 + p] = '\0';
    decimal unit, lo = { 0 }, hi = { 0 };
    if (decimal_parse(text, &unit) != DECIMAL_OK) return -1;
    for (int c = 0; c < 4; c++) {
        decimal v, back;
        STEP(decimal_div(num[c], den[c], p, DECIMAL_TRUNCATE, &v));
        if (c == 0 || decimal_cmp(v, lo) < 0) lo = v;
        STEP(decimal_mul(v, den[c], &back));
        if (decimal_cmp(back, num[c]) != 0) STEP(decimal_add(v, unit, &v));   /* round the upper end up */
        if (c == 0 || decimal_cmp(v, hi) > 0) hi = v;
    }
    out[0] = lo, out[1] = hi, out[2] = tlo, out[3] = thi, out[4] = rlo, out[5] = rhi;
    return 1;
}

/* lakip.rounded_reach(set, i, target, realisasi, reported) -> lo, hi, tlo,
 * thi, rlo, rhi (decimals) when formula i of the set gives `reported`
 * (within half a unit of its last digit) from some target and realisasi
 * within half a unit of the last written digits of those given; false when
 * it does not; nil when a step overflows (the caller then works it out in
 * Lua). rules/capaian.lua's rounded_inputs, for capaian.rounded-inputs. */
static int f_rounded_reach(lua_State *L)
{
    const formula_set *set = to_formula_set(L, 1);
    if (!set) return luaL_typeerror(L, 1, "formula set (lakip.formulas)");
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > set->count) return luaL_argerror(L, 2, "no such formula in the set");
    decimal tv = *(const decimal *)check_class(L, 3, CLASS_DECIMAL, DECIMAL_MT);
    decimal rv = *(const decimal *)check_class(L, 4, CLASS_DECIMAL, DECIMAL_MT);
    decimal cv = *(const decimal *)check_class(L, 5, CLASS_DECIMAL, DECIMAL_MT);
    charge(L, 8);
    decimal out[6];
    int st = rounded_reach(expr_at(set, (size_t)i - 1, 0), expr_at(set, (size_t)i - 1, 1), tv, rv, cv, out);
    if (st < 0) {
        lua_pushnil(L);
        return 1;
    }
    if (st == 0) {
        lua_pushboolean(L, 0);
        return 1;
    }
    for (int k = 0; k < 6; k++) push_decimal(L, out[k]);
    return 6;
}

/* The decimal at idx, or NULL when it is not one. */
static const decimal *decimal_at(lua_State *L, int idx)
{
    return to_class(L, idx, CLASS_DECIMAL);
}

/* lakip.exact_text(num, den, scale [, style]) -> lib.formula.exact_text's
 * text of num / den: in full at the fewest digits that hold it when it
 * ends within scale + 3 digits, else cut there and "…" added; grouped
 * as lib.text.num writes it. Every wrong capaian's message shows one,
 * and in Lua each step was a metamethod call and a new userdata (up to
 * scale + 4 divisions and as many products). The same decimal steps in
 * the same order; nil when a step fails (a zero denominator, an
 * overflow, a scale out of range) or an argument is not what the Lua
 * takes without error: the Lua then does it as before, and fails where
 * it failed. */
static int f_exact_text(lua_State *L)
{
    const decimal *np = decimal_at(L, 1), *dp = decimal_at(L, 2);
    int isnum = 0;
    lua_Integer scale = lua_tointegerx(L, 3, &isnum);
    int style_type = lua_type(L, 4);
    if (!np || !dp || !isnum || scale < 0 || scale > DECIMAL_MAX_SCALE - 3
        || (style_type != LUA_TNONE && style_type != LUA_TNIL && style_type != LUA_TSTRING)) {
        lua_pushnil(L);
        return 1;
    }
    const char *style = style_type == LUA_TSTRING ? lua_tostring(L, 4) : "id";
    decimal num = *np, den = *dp, cut, back;
    charge(L, scale + 4);
    if (decimal_div(num, den, (int)scale + 3, DECIMAL_TRUNCATE, &cut) != DECIMAL_OK
        || decimal_mul(cut, den, &back) != DECIMAL_OK) {
        lua_pushnil(L);
        return 1;
    }
    if (decimal_cmp(back, num) != 0) {
        push_formatted(L, cut, style, 1);
        lua_pushliteral(L, "…");
        lua_concat(L, 2);
        return 1;
    }
    for (int s = 0; s <= (int)scale + 3; s++) {
        decimal v;
        if (decimal_div(num, den, s, DECIMAL_TRUNCATE, &v) != DECIMAL_OK || decimal_mul(v, den, &back) != DECIMAL_OK)
            break;
        if (decimal_cmp(back, num) == 0) {
            push_formatted(L, v, style, 1);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

/* lakip.shifted(num, den, reported) -> 10 or 100 when num / den with its
 * decimal point moved that many places, (num × k) / den or num / (den ×
 * k) rounded half-up at reported's scale, is reported (k = 10 tried
 * first); false when neither (a zero denominator gives nothing equal, as
 * a:div's nil). rules/capaian.lua's decimal-shift check (most arithmetic
 * errors reach it), step for step: nil when a step overflows, and the
 * rule then does it with the decimals as before. */
static int f_shifted(lua_State *L)
{
    const decimal *np = decimal_at(L, 1), *dp = decimal_at(L, 2), *rp = decimal_at(L, 3);
    if (!np || !dp || !rp) {
        lua_pushnil(L);
        return 1;
    }
    decimal num = *np, den = *dp, reported = *rp;
    charge(L, 4);
    static const int shifts[2] = { 10, 100 };
    for (int i = 0; i < 2; i++) {
        decimal k = decimal_from_int(shifts[i]), nk, dk, up, down;
        /* a zero denominator: a:div gives nil there, equal to nothing */
        int up_st = decimal_mul(num, k, &nk), down_st = DECIMAL_OK;
        if (up_st == DECIMAL_OK) up_st = decimal_div(nk, den, reported.scale, DECIMAL_HALF_UP, &up);
        if (up_st == DECIMAL_OK || up_st == DECIMAL_DIV_ZERO) {
            down_st = decimal_mul(den, k, &dk);
            if (down_st == DECIMAL_OK) down_st = decimal_div(num, dk, reported.scale, DECIMAL_HALF_UP, &down);
        }
        if ((up_st != DECIMAL_OK && up_st != DECIMAL_DIV_ZERO) || (down_st != DECIMAL_OK && down_st != DECIMAL_DIV_ZERO)) {
            lua_pushnil(L);
            return 1;
        }
        if ((up_st == DECIMAL_OK && decimal_cmp(up, reported) == 0)
            || (down_st == DECIMAL_OK && decimal_cmp(down, reported) == 0)) {
            lua_pushinteger(L, shifts[i]);
            return 1;
        }
    }
    lua_pushboolean(L, 0);
    return 1;
}

static const luaL_Reg formula_fns[] = {
    { "formulas", f_formulas },
    { "formula_matches", f_formula_matches },
    { "rounded_reach", f_rounded_reach },
    { "exact_text", f_exact_text },
    { "shifted", f_shifted },
    { NULL, NULL }
};

/* Adds the functions to the table on top of the stack (the `lakip` library). */
void open_formula_fns(lua_State *L)
{
    lua_createtable(L, 0, 1);                   /* the sets' metatable, locked */
    lock_metatable(L, NULL, NULL);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &FORMULA_SET_KEY);
    luaL_setfuncs(L, formula_fns, 0);
}
