/*
 * classes.c — the classes' metatables known to the script (internal.h).
 *
 * luaL_checkudata and luaL_setmetatable find a metatable by its name in
 * the registry, and the string cache behind that compares the name with
 * strcmp on every call; rules make such calls for every cell they read
 * and every decimal they add. The script keeps each class's metatable
 * (its address, to compare, and a registry ref, to set), so a check is
 * one pointer comparison.
 */
#include "engine/internal.h"

void keep_class(lua_State *L, const char *name, enum lua_class c)
{
    script *s = get_script(L);
    luaL_getmetatable(L, name);
    s->class_mt[c] = lua_topointer(L, -1);
    s->class_ref[c] = luaL_ref(L, LUA_REGISTRYINDEX);   /* metatables live as long as the state */
}

void *to_class(lua_State *L, int idx, enum lua_class c)
{
    void *p = lua_touserdata(L, idx);
    if (!p || !lua_getmetatable(L, idx)) return NULL;
    int same = lua_topointer(L, -1) == get_script(L)->class_mt[c];
    lua_pop(L, 1);
    return same ? p : NULL;
}

void *check_class(lua_State *L, int idx, enum lua_class c, const char *name)
{
    void *p = to_class(L, idx, c);
    if (!p) luaL_typeerror(L, idx, name);
    return p;
}

void set_class(lua_State *L, enum lua_class c)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, get_script(L)->class_ref[c]);
    lua_setmetatable(L, -2);
}
