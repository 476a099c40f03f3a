/*
 * classes.c — the engine's classes (decimals and the views of the
 * report), known to the script (internal.h).
 *
 * Rules make such calls for every cell they read and every decimal they
 * add, so checking an argument's class must be cheap: luaL_checkudata
 * finds the metatable by its name (strcmp in the string cache), and even
 * comparing the metatable's address took a push, a conversion and a pop.
 * An object of a class is tagged instead (new_object): internal.h says
 * why no other userdata can pass the check (to_class). The script keeps
 * each class's metatable by a registry ref, to set it.
 */
#include "engine/internal.h"

void keep_class(lua_State *L, const char *name, enum lua_class c)
{
    script *s = get_script(L);
    luaL_getmetatable(L, name);
    s->class_ref[c] = luaL_ref(L, LUA_REGISTRYINDEX);   /* metatables live as long as the state */
}

void *new_object(lua_State *L, enum lua_class c, int nuvalue)
{
    unsigned char *p = lua_newuserdatauv(L, class_size(c) + CLASS_TAG_BYTES, nuvalue);
    uint64_t tag = class_tag(c);
    memcpy(p + class_size(c), &tag, sizeof tag);
    lua_rawgeti(L, LUA_REGISTRYINDEX, get_script(L)->class_ref[c]);
    lua_setmetatable(L, -2);
    return p;
}

void *check_class(lua_State *L, int idx, enum lua_class c, const char *name)
{
    void *p = to_class(L, idx, c);
    if (!p) luaL_typeerror(L, idx, name);
    return p;
}
