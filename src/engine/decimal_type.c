/*
 * decimal_type.c — the `decimal` userdata: exact arithmetic for rules on
 * top of model/decimal.h. Decimals mix with integers; a float where a
 * decimal is needed is an error, so no verdict can depend on binary
 * floating point.
 */
#include <string.h>

#include "engine/internal.h"

decimal *push_decimal(lua_State *L, decimal d)
{
    decimal *p = new_object(L, CLASS_DECIMAL, 0);
    *p = d;
    return p;
}

/* A decimal from a decimal userdata, an integer or a canonical string. */
static decimal to_decimal(lua_State *L, int idx)
{
    decimal *p = to_class(L, idx, CLASS_DECIMAL);
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

/* decimal.parse(s): the decimal a canonical string writes, or nil and a
 * message when it is not one (too many digits, not a number): for text
 * read from a report, where a bad number is expected, not a rule bug. */
static int f_decimal_parse(lua_State *L)
{
    const char *s = luaL_checkstring(L, 1);
    decimal d;
    int status = decimal_parse(s, &d);
    if (status != DECIMAL_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, status == DECIMAL_OVERFLOW ? "too many digits: '%s'" : "not a decimal number: '%s'", s);
        return 2;
    }
    push_decimal(L, d);
    return 1;
}

static int f_decimal_is(lua_State *L)
{
    lua_pushboolean(L, to_class(L, 1, CLASS_DECIMAL) != NULL);
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

void push_formatted(lua_State *L, decimal d, const char *style, int grouped)
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
    { "parse", f_decimal_parse },
    { "is", f_decimal_is },
    { "div", f_decimal_div },
    { "cmp", f_decimal_cmp },
    { NULL, NULL }
};

/* The decimal metatable and the global `decimal` module. */
void open_decimal_type(lua_State *L)
{
    define_class(L, DECIMAL_MT, NULL, NULL, decimal_methods, decimal_meta);
    keep_class(L, DECIMAL_MT, CLASS_DECIMAL);
    luaL_newlib(L, decimal_module);
    lua_setglobal(L, "decimal");
}
