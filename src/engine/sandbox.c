/*
 * sandbox.c — the safe Lua state rules run in (stock Lua 5.4): only base,
 * table, string, math and utf8 are opened; dofile, loadfile, load,
 * require, print, collectgarbage are removed; each rule file gets its own
 * _ENV whose metatable rejects unknown globals, with its own copy of the
 * library tables and of every rules/lib module.
 */
#include <stdio.h>

#include <lualib.h>

#include "engine/internal.h"

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
void define_class(lua_State *L, const char *name, lua_CFunction index_fn, const luaL_Reg *methods, const luaL_Reg *meta)
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

/* Loads `text` as chunk `display` with the env at env_index, runs it under
 * the budget and leaves its first result (or the error message) on the
 * stack. Returns 0 or -1. */
int run_chunk(script *s, const char *text, size_t len, const char *display, int env_index)
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
void push_rule_env(script *s)
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

void open_sandbox(script *s)
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

    open_decimal_type(L);
    open_views(L);

    lua_pushglobaltable(L);
    s->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}
