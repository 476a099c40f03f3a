/*
 * classes.c — the classes' metatables found by address (internal.h).
 *
 * luaL_checkudata and luaL_setmetatable find a metatable by its name in
 * the registry, and the string cache behind that compares the name with
 * strcmp on every call; rules make such calls for every cell they read
 * and every decimal they add. The same metatables are also kept under the
 * address of a static key, a lookup that compares no string.
 */
#include "engine/internal.h"

const char DECIMAL_CLASS = 0, REPORT_CLASS = 0, TABLE_CLASS = 0, ROW_CLASS = 0;

void keep_class(lua_State *L, const char *name, const void *key)
{
    luaL_getmetatable(L, name);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

void *to_class(lua_State *L, int idx, const void *key)
{
    void *p = lua_touserdata(L, idx);
    if (!p || !lua_getmetatable(L, idx)) return NULL;
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same ? p : NULL;
}

void *check_class(lua_State *L, int idx, const void *key, const char *name)
{
    void *p = to_class(L, idx, key);
    if (!p) luaL_typeerror(L, idx, name);
    return p;
}

void set_class(lua_State *L, const void *key)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_setmetatable(L, -2);
}
