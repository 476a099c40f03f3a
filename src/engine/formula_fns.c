/*
 * formula_fns.c — lakip.formulas(list) and lakip.formula_matches(set,
 * target, realisasi, reported) (with lakip.rounded_reach, lakip.shifted
 * and lakip.exact_text, the rest of a wrong capaian's diagnosis and its
 * message's exact value; lakip.diagnose, all of it and the message's
 * texts in one call; lakip.row_measure, the row's three cells): which of
 * a list of formulas num / den
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
#include <ctype.h>
#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include "engine/internal.h"
#include "engine/row_formula.h"

/* Two bits of the answer per formula, in the lower 32 bits of a Lua integer. */
#define FORMULA_SET_MAX 16
#define FORMULA_SET_MAGIC 0x666f726d756c6131ULL   /* "formula1" */

/* The longest `shown` text of a formula (lakip.formulas), in bytes. */
#define SHOWN_MAX 128

/* A compiled list: num and den of each formula, in list order, inside the
 * userdata (counted against the state's memory limit, nothing to free). */
typedef struct {
    unsigned long long magic;   /* FORMULA_SET_MAGIC once complete */
    const void *meta;           /* the metatable it was given */
    size_t count;
    size_t stride;              /* bytes of one compiled expression, aligned */
    /* each formula's `shown` text ({target} and {realisasi} for the numbers
     * as the table writes them), NUL-terminated; "" when it has none */
    char shown[FORMULA_SET_MAX][SHOWN_MAX];
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

/* A `shown` text is words and the placeholders {target} and {realisasi}:
 * NULL when it is, else what is wrong with it. */
static const char *shown_error(const char *text, size_t len)
{
    if (len >= SHOWN_MAX) return "longer than 127 bytes";
    for (const char *at = strchr(text, '{'); at; at = strchr(at + 1, '{'))
        if (strncmp(at, "{target}", 8) != 0 && strncmp(at, "{realisasi}", 11) != 0)
            return "a { that is not {target} or {realisasi}";
    return strlen(text) == len ? NULL : "a NUL byte";
}

/* lakip.formulas(list) -> the set of the formulas of list, each a table
 * with `num` and `den`, expressions over `target` and `realisasi`
 * (docs/RULES.md, "Checks declared as data"), compiled once, and
 * optionally `shown`, how a message writes the formula with the row's
 * numbers ("{realisasi} / {target} × 100", for lakip.diagnose). Changing
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
        set->shown[i][0] = '\0';
        int shown_type = lua_getfield(L, -1, "shown");
        if (shown_type == LUA_TSTRING) {
            size_t len;
            const char *text = lua_tolstring(L, -1, &len);
            const char *why = shown_error(text, len);
            if (why) return luaL_error(L, "lakip.formulas: formula %d, shown '%s': %s", (int)i + 1, text, why);
            memcpy(set->shown[i], text, len + 1);
        } else if (shown_type != LUA_TNIL) {
            return luaL_error(L, "lakip.formulas: formula %d has a shown that is a %s, not a string", (int)i + 1,
                              luaL_typename(L, -1));
        }
        lua_pop(L, 2);
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
 * decimal.new("0." .. string.rep("0", scale) .. "5"), which is 5 at one
 * more digit than d's, and an error past the most digits a decimal has. */
static int half_unit(decimal d, decimal *out)
{
    if (d.scale < 0 || d.scale >= DECIMAL_MAX_SCALE) return -1;
    out->coef = 5;
    out->scale = d.scale + 1;
    return 0;
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
    /* one unit of the p-th digit: decimal.new("0." .. string.rep("0", p - 1)
     * .. "1"), 1 at scale p (an error past the most digits a decimal has) */
    if (p < 1 || p > DECIMAL_MAX_SCALE) return -1;
    decimal unit = { 1, p }, lo = { 0 }, hi = { 0 };
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

/* Text made in a buffer of the caller's: put() appends; a text that
 * would not fit leaves ok 0 (the caller then answers nil). */
typedef struct {
    char *p;
    size_t n, cap;
    int ok;
} text_buf;

static void put(text_buf *b, const char *s, size_t n)
{
    if (!b->ok || n >= b->cap - b->n) {
        b->ok = 0;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

#define PUT_LITERAL(b, s) put((b), (s), sizeof(s) - 1)

/* d as lib.text.num writes it (d:format(style, true), push_formatted):
 * en 1 for style "en", else Indonesian. */
static void put_num(text_buf *b, decimal d, int en)
{
    char text[64];
    int n = decimal_format(d, en ? '.' : ',', en ? ',' : '.', text, sizeof text);
    if (n < 0 || (size_t)n >= sizeof text) {
        b->ok = 0;
        return;
    }
    put(b, text, (size_t)n);
}

/* lib.formula.exact_text's text of num / den (see f_exact_text), appended
 * to b: 1, or 0 when a step fails (nothing appended then). */
static int put_exact(text_buf *b, decimal num, decimal den, int scale, int en)
{
    decimal cut, back;
    if (scale < 0 || scale > DECIMAL_MAX_SCALE - 3) return 0;
    if (decimal_div(num, den, scale + 3, DECIMAL_TRUNCATE, &cut) != DECIMAL_OK
        || decimal_mul(cut, den, &back) != DECIMAL_OK)
        return 0;
    if (decimal_cmp(back, num) != 0) {
        put_num(b, cut, en);
        PUT_LITERAL(b, "…");
        return 1;
    }
    for (int s = 0; s <= scale + 3; s++) {
        decimal v;
        if (decimal_div(num, den, s, DECIMAL_TRUNCATE, &v) != DECIMAL_OK || decimal_mul(v, den, &back) != DECIMAL_OK)
            return 0;
        if (decimal_cmp(back, num) == 0) {
            put_num(b, v, en);
            return 1;
        }
    }
    return 0;
}

/* A style argument as lib.text.num reads it: nil (or none) is "id", a
 * string is itself; anything else -1 (the Lua would raise or read it
 * otherwise). 1 for "en", else 0. */
static int style_arg(lua_State *L, int idx)
{
    int type = lua_type(L, idx);
    if (type == LUA_TNONE || type == LUA_TNIL) return 0;
    if (type != LUA_TSTRING) return -1;
    return strcmp(lua_tostring(L, idx), "en") == 0;
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
    int en = style_arg(L, 4);
    if (!np || !dp || !isnum || scale < 0 || scale > DECIMAL_MAX_SCALE - 3 || en < 0) {
        lua_pushnil(L);
        return 1;
    }
    charge(L, scale + 4);
    char text[96];
    text_buf b = { text, 0, sizeof text, 1 };
    if (!put_exact(&b, *np, *dp, (int)scale, en) || !b.ok) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushlstring(L, text, b.n);
    return 1;
}

/* lakip.shifted(num, den, reported) -> 10 or 100 when num / den with its
 * decimal point moved that many places, (num × k) / den or num / (den ×
 * k) rounded half-up at reported's scale, is reported (k = 10 tried
 * first); false when neither (a zero denominator gives nothing equal, as
 * a:div's nil). rules/capaian.lua's decimal-shift check (most arithmetic
 * errors reach it), step for step: nil when a step overflows, and the
 * rule then does it with the decimals as before. */
/* f_shifted's answer: 10 or 100, 0 for neither, -1 when a step overflows. */
static int shifted(decimal num, decimal den, decimal reported)
{
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
        if ((up_st != DECIMAL_OK && up_st != DECIMAL_DIV_ZERO) || (down_st != DECIMAL_OK && down_st != DECIMAL_DIV_ZERO))
            return -1;
        if ((up_st == DECIMAL_OK && decimal_cmp(up, reported) == 0)
            || (down_st == DECIMAL_OK && decimal_cmp(down, reported) == 0))
            return shifts[i];
    }
    return 0;
}

static int f_shifted(lua_State *L)
{
    const decimal *np = decimal_at(L, 1), *dp = decimal_at(L, 2), *rp = decimal_at(L, 3);
    if (!np || !dp || !rp) {
        lua_pushnil(L);
        return 1;
    }
    charge(L, 4);
    int k = shifted(*np, *dp, *rp);
    if (k < 0) lua_pushnil(L);
    else if (k == 0) lua_pushboolean(L, 0);
    else lua_pushinteger(L, k);
    return 1;
}

/* A row's target and realisasi as lib.text.num writes them, made once for
 * every text that shows them. */
typedef struct {
    text_buf target, realisasi;
} row_numbers;

/* Formula i's shown text with the row's numbers written in (lib.formula's
 * show). */
static void put_shown(text_buf *b, const char *shown, const row_numbers *nums)
{
    for (const char *at = shown; *at;) {
        const char *open = strchr(at, '{');
        if (!open) {
            put(b, at, strlen(at));
            return;
        }
        put(b, at, (size_t)(open - at));
        int target = strncmp(open, "{target}", 8) == 0;   /* else {realisasi}: lakip.formulas checked */
        const text_buf *n = target ? &nums->target : &nums->realisasi;
        put(b, n->p, n->n);
        at = open + (target ? 8 : 11);
    }
}

/* rules/capaian.lua's computation_of: "shown = value%" when the rounded
 * value is exact, else "shown = exact% ≈ value%"; pct is the rounded
 * value's text with its "%". 0 when a step fails. */
static int put_computation(text_buf *b, const char *shown, const row_numbers *nums, decimal num, decimal den,
                           decimal rounded, const text_buf *pct, int p, int en)
{
    decimal back;
    put_shown(b, shown, nums);
    PUT_LITERAL(b, " = ");
    if (decimal_mul(rounded, den, &back) != DECIMAL_OK) return 0;
    if (decimal_cmp(back, num) != 0) {
        if (!put_exact(b, num, den, p, en)) return 0;
        PUT_LITERAL(b, "% ≈ ");
    }
    put(b, pct->p, pct->n);
    return 1;
}

/* Pushes b's text; 0 when it did not fit (nothing pushed). */
static int push_text(lua_State *L, const text_buf *b)
{
    if (!b->ok) return 0;
    lua_pushlstring(L, b->p, b->n);
    return 1;
}

enum { DIAG_RIGHT, DIAG_TRUNCATED, DIAG_FORMULA, DIAG_ROUNDED, DIAG_CAPPED, DIAG_SHIFTED, DIAG_ARITHMETIC };

/* lakip.diagnose(set, i, first, target, realisasi, reported [, style]):
 * rules/capaian.lua's judgement of one row with formula i of the set
 * (the one in force), step for step with the same decimal operations,
 * and the texts its message shows:
 *   0, e, rounded       e (num / den of formula i rounded half-up at
 *                       reported's scale) is reported; rounded: truncating
 *                       would not have given it
 *   1, e, expected, computation            truncated instead of rounded
 *   2, e, expected, computation, j, mode, applied
 *                       formula j (not i) gives it, rounded half-up (mode
 *                       1) or truncated (2); the formulas are tried in
 *                       set order, with `first` (0: none) before the rest;
 *                       applied: formula j's computation
 *   3, e, expected, computation, interval, target_range, realisasi_range
 *                       formula i reaches it from the values the rounded
 *                       target and realisasi stand for (lakip.rounded_reach)
 *   4, e, expected, computation            reported is 100 and e above it
 *   5, e, expected, computation, k         the decimal point moved k = 10
 *                       or 100 (lakip.shifted)
 *   6, e, expected, computation            nothing explains it
 * expected is e as lib.text.pct writes it, computation and applied as
 * lib.formula.computation does (the formulas' `shown` texts), grouped in
 * `style` ("en", else Indonesian). false when formula i's denominator is
 * 0; nil when a step overflows or fails (a text too long, a formula
 * without a shown text): the rule then works the row out with decimals as
 * before, and raises where that raised. One call instead of some thirty
 * decimal operations, each a metamethod and a new userdata, and the
 * string building, on every wrong row. */
static int f_diagnose(lua_State *L)
{
    const formula_set *set = to_formula_set(L, 1);
    if (!set) return luaL_typeerror(L, 1, "formula set (lakip.formulas)");
    lua_Integer i = luaL_checkinteger(L, 2), first = luaL_optinteger(L, 3, 0);
    if (i < 1 || (size_t)i > set->count) return luaL_argerror(L, 2, "no such formula in the set");
    if (first < 0 || (size_t)first > set->count) return luaL_argerror(L, 3, "no such formula in the set");
    decimal tv = *(const decimal *)check_class(L, 4, CLASS_DECIMAL, DECIMAL_MT);
    decimal rv = *(const decimal *)check_class(L, 5, CLASS_DECIMAL, DECIMAL_MT);
    decimal cv = *(const decimal *)check_class(L, 6, CLASS_DECIMAL, DECIMAL_MT);
    int en = style_arg(L, 7);
    charge(L, (long long)set->count + 16);
    if (en < 0) return 0;
    size_t x = (size_t)i - 1;
    int p = cv.scale;
    const decimal vars[2] = { tv, rv };
    decimal num, den, e, tr;
    int st = row_parts(expr_at(set, x, 0), expr_at(set, x, 1), vars, &num, &den);
    if (st == DECIMAL_DIV_ZERO) {
        lua_pushboolean(L, 0);
        return 1;
    }
    if (st != DECIMAL_OK) return 0;
    int e_st, tr_st;
    row_divide(num, den, p, &e, &e_st, &tr, &tr_st);
    if (e_st != DECIMAL_OK || tr_st != DECIMAL_OK) return 0;
    if (row_decimal_equal(e, cv)) {
        lua_pushinteger(L, DIAG_RIGHT);
        push_decimal(L, e);
        lua_pushboolean(L, !row_decimal_equal(tr, e));
        return 3;
    }

    /* a wrong row: what its message shows, then what explains it */
    if (!set->shown[x][0]) return 0;
    char expected[80], computation[512], target_text[64], realisasi_text[64];
    text_buf eb = { expected, 0, sizeof expected, 1 }, cb = { computation, 0, sizeof computation, 1 };
    row_numbers nums = { { target_text, 0, sizeof target_text, 1 }, { realisasi_text, 0, sizeof realisasi_text, 1 } };
    put_num(&nums.target, tv, en);
    put_num(&nums.realisasi, rv, en);
    put_num(&eb, e, en);
    PUT_LITERAL(&eb, "%");
    if (!nums.target.ok || !nums.realisasi.ok || !eb.ok) return 0;
    if (!put_computation(&cb, set->shown[x], &nums, num, den, e, &eb, p, en) || !cb.ok) return 0;
    int code = DIAG_ARITHMETIC, extra = 0;
    lua_Integer j = 0, mode = 0, k = 0;
    char texts[3][160];
    text_buf tb[3];
    for (int t = 0; t < 3; t++) tb[t] = (text_buf){ texts[t], 0, sizeof texts[t], 1 };
    if (row_decimal_equal(tr, cv)) {
        code = DIAG_TRUNCATED;
        goto done;
    }
    /* every formula's value, as lakip.formula_matches works them out (an
     * overflow in any of them: nil, as that gives nil) */
    decimal fnum[FORMULA_SET_MAX], fden[FORMULA_SET_MAX], half[FORMULA_SET_MAX], trunc[FORMULA_SET_MAX];
    int has[FORMULA_SET_MAX];
    for (size_t f = 0; f < set->count; f++) {
        int fst = row_parts(expr_at(set, f, 0), expr_at(set, f, 1), vars, &fnum[f], &fden[f]);
        has[f] = fst == DECIMAL_OK;
        if (fst == DECIMAL_DIV_ZERO) continue;
        if (fst != DECIMAL_OK) return 0;
        int h_st, t_st;
        row_divide(fnum[f], fden[f], p, &half[f], &h_st, &trunc[f], &t_st);
        if (h_st != DECIMAL_OK || t_st != DECIMAL_OK) return 0;
    }
    for (size_t n = 0; n <= set->count; n++) {
        size_t f;
        if (n == 0) {
            if (first == 0) continue;
            f = (size_t)first - 1;
        } else {
            f = n - 1;
            if (first != 0 && f == (size_t)first - 1) continue;
        }
        if (f == x || !has[f]) continue;
        int m = row_decimal_equal(half[f], cv) ? 1 : row_decimal_equal(trunc[f], cv) ? 2 : 0;
        if (!m) continue;
        char pct_text[80];
        text_buf pct = { pct_text, 0, sizeof pct_text, 1 };
        put_num(&pct, half[f], en);
        PUT_LITERAL(&pct, "%");
        if (!set->shown[f][0] || !pct.ok
            || !put_computation(&tb[0], set->shown[f], &nums, fnum[f], fden[f], half[f], &pct, p, en))
            return 0;
        code = DIAG_FORMULA, j = (lua_Integer)f + 1, mode = m, extra = 3;
        goto done;
    }
    decimal reach[6];
    int r = rounded_reach(expr_at(set, x, 0), expr_at(set, x, 1), tv, rv, cv, reach);
    if (r < 0) return 0;
    if (r > 0) {
        for (int t = 0; t < 3; t++) {
            put_num(&tb[t], reach[2 * t], en);
            PUT_LITERAL(&tb[t], " … ");
            put_num(&tb[t], reach[2 * t + 1], en);
        }
        code = DIAG_ROUNDED, extra = 3;
        goto done;
    }
    if (decimal_cmp(cv, decimal_from_int(100)) == 0 && decimal_cmp(e, cv) > 0) {
        code = DIAG_CAPPED;
        goto done;
    }
    k = shifted(num, den, cv);
    if (k < 0) return 0;
    if (k > 0) code = DIAG_SHIFTED, extra = 1;

done:
    if (!tb[0].ok || !tb[1].ok || !tb[2].ok) return 0;
    lua_pushinteger(L, code);
    push_decimal(L, e);
    push_text(L, &eb);
    push_text(L, &cb);
    if (code == DIAG_FORMULA) {
        lua_pushinteger(L, j);
        lua_pushinteger(L, mode);
        push_text(L, &tb[0]);
    } else if (code == DIAG_ROUNDED) {
        for (int t = 0; t < 3; t++) push_text(L, &tb[t]);
    } else if (code == DIAG_SHIFTED) {
        lua_pushinteger(L, k);
    }
    return 4 + extra;
}

/* The label opens with "jumlah" after digits, punctuation and spaces, in
 * ASCII lower case: rules/capaian.lua's string.find(string.lower(label),
 * "^[%d%p%s]*jumlah") in the C locale (as row_checks.c's is_count). */
static int opens_with_jumlah(const char *s)
{
    if (!s) return 0;
    while (*s && (isdigit((unsigned char)*s) || ispunct((unsigned char)*s) || isspace((unsigned char)*s))) s++;
    for (const char *w = "jumlah"; *w; w++, s++)
        if (tolower((unsigned char)*s) != (unsigned char)*w) return 0;
    return 1;
}

/* lakip.row_measure(row, capaian, target, realisasi [, arah]) -> the
 * cells rules/capaian.lua judges, without a table for each (row:cell):
 * nil when the capaian cell holds no number (kind "value"), false when
 * the target or the realisasi does not; else the three values (decimals),
 * their texts, whether the target or the realisasi is a percentage, the
 * unit (the target's, else the realisasi's; "" for none), whether the
 * row's label opens with "jumlah" (after digits, punctuation and spaces;
 * any case), and the arah cell's text when that column is given (row:text).
 * Columns as row:cell takes them (an index or a role); an absent one is
 * an error. */
static int f_row_measure(lua_State *L)
{
    row_view *v = check_class(L, 1, CLASS_ROW, ROW_MT);
    const cell *c[4];
    int ncols = lua_isnoneornil(L, 5) ? 3 : 4;
    for (int k = 0; k < ncols; k++) {
        int col = column_arg(L, v->t, 2 + k);
        if (col < 0) return luaL_argerror(L, 2 + k, "no such column");
        c[k] = table_cell(v->t, v->row, (size_t)col);
    }
    if (c[0]->num.kind != NUMBER_VALUE) {
        lua_pushnil(L);
        return 1;
    }
    if (c[1]->num.kind != NUMBER_VALUE || c[2]->num.kind != NUMBER_VALUE) {
        lua_pushboolean(L, 0);
        return 1;
    }
    for (int k = 0; k < 3; k++) push_decimal(L, c[k]->num.value);
    for (int k = 0; k < 3; k++) lua_pushstring(L, c[k]->text);
    lua_pushboolean(L, ((c[1]->num.flags | c[2]->num.flags) & NUMBER_PERCENT) != 0);
    lua_pushstring(L, c[1]->num.unit[0] ? c[1]->num.unit : c[2]->num.unit);
    lua_pushboolean(L, opens_with_jumlah(row_label(v->t, v->row)));
    if (ncols == 3) return 9;
    lua_pushstring(L, c[3]->text);
    return 10;
}

static const luaL_Reg formula_fns[] = {
    { "formulas", f_formulas },
    { "formula_matches", f_formula_matches },
    { "rounded_reach", f_rounded_reach },
    { "exact_text", f_exact_text },
    { "shifted", f_shifted },
    { "diagnose", f_diagnose },
    { "row_measure", f_row_measure },
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
