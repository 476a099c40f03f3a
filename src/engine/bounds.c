/*
 * bounds.c — what keeps a rule from taking the machine: the allocator caps
 * the bytes of the whole Lua state; every call runs under a LUA_MASKCOUNT
 * hook with an instruction budget (re-armed to fire on every instruction
 * once the budget is spent, so a pcall inside the rule cannot swallow the
 * kill); the message handler keeps a traceback for the engine finding.
 */
#include <stdlib.h>

#include "engine/internal.h"

#define HOOK_STEP 1000          /* instructions between hook calls */

const char SCRIPT_KEY = 'k';

void *bounded_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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

script *get_script(lua_State *L)
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

void arm_budget(script *s)
{
    s->spent = 0;
    s->killed = 0;
    lua_sethook(s->L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
}

void disarm_budget(script *s)
{
    lua_sethook(s->L, NULL, 0, 0);
}

/* Message handler: keeps the message and a traceback. */
int error_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = luaL_typename(L, 1);
    luaL_traceback(L, L, msg, 1);
    return 1;
}
