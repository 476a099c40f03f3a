/*
 * sandbox.c — the safe Lua state rules run in (stock Lua 5.4): only base,
 * table, string, math and utf8 are opened; dofile, loadfile, load,
 * require, print, collectgarbage are removed; each rule file gets its own
 * _ENV whose metatable rejects unknown globals, with its own copy of the
 * library tables (made when it first reads one) and of every rules/lib
 * module.
 *
 * Library functions whose cost the instruction hook cannot see are
 * wrapped: the pattern functions, table.move / insert / remove / concat /
 * sort / unpack and a few utf8 functions are charged to the budget by the
 * size of their arguments before they run (bounds.c); setmetatable refuses
 * __gc (finalizers run with hooks off); pcall and xpcall let the budget
 * error through, and xpcall calls its handler after the failed call, under
 * the budget, not at the error point with hooks off.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <lualib.h>

#include "engine/bundled.h"
#include "engine/internal.h"

/* __index of the views. Upvalue 1 maps each method name to its function
 * and each property name to its code (an integer: its place in the
 * class's list of properties), so one raw lookup of the interned key
 * serves both; the class's own index function (upvalue 2) then switches on
 * the code it finds at stack index 3, instead of converting the key and
 * comparing it with strcmp against every name before its own. A key
 * in neither answers nil; one that is not a string or number still
 * raises, as when the property functions checked it themselves. */
static int dispatch_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    int type = lua_rawget(L, lua_upvalueindex(1));
    if (type == LUA_TFUNCTION) return 1;
    if (type == LUA_TNIL) {
        luaL_checkstring(L, 2);
        return 1;
    }
    lua_CFunction property = lua_tocfunction(L, lua_upvalueindex(2));
    return property(L);
}

/* A metatable with __index = methods, then index_fn for the properties
 * (their names, NULL-ended; a method of the same name wins, as it did when
 * methods were looked up first), and __metatable locked so rules cannot
 * reach or change it. */
void define_class(lua_State *L, const char *name, lua_CFunction index_fn, const char *const *properties,
                  const luaL_Reg *methods, const luaL_Reg *meta)
{
    luaL_newmetatable(L, name);
    if (meta) luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    for (int i = 0; properties && properties[i]; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, properties[i]);
    }
    luaL_setfuncs(L, methods, 0);
    if (index_fn) {
        lua_pushcfunction(L, index_fn);
        lua_pushcclosure(L, dispatch_index, 2);
    }
    lua_setfield(L, -2, "__index");
    lock_metatable(L, NULL, NULL);
    lua_pop(L, 1);
}

void lock_metatable(lua_State *L, lua_CFunction index, lua_CFunction newindex)
{
    if (index) {
        lua_pushcfunction(L, index);
        lua_setfield(L, -2, "__index");
    }
    if (newindex) {
        lua_pushcfunction(L, newindex);
        lua_setfield(L, -2, "__newindex");
    }
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
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

/* ---- library functions whose cost the count hook does not see ---- */

/* How a wrapped function's cost is estimated, before it runs. */
enum cost_kind {
    COST_SUBJECT,       /* bytes of the string argument 1 it scans: find, match, gmatch, gsub, utf8.len, ... */
    COST_SUBJECT_EACH,  /* the string argument 1 scanned once per element of the list argument 2: lakip.find_any */
    COST_LENGTH,        /* elements of the table argument 1 it shifts or walks: insert, remove, concat */
    COST_MOVE,          /* table.move(a, f, e, ...): e - f + 1 elements, however sparse */
    COST_SORT           /* table.sort: n log n comparisons */
};

#define SCAN_CHARGE 16   /* bytes scanned per instruction charged */

static long long cost_of(lua_State *L, enum cost_kind kind)
{
    switch (kind) {
    case COST_SUBJECT:
        return lua_type(L, 1) == LUA_TSTRING ? (long long)(lua_rawlen(L, 1) / SCAN_CHARGE) + 1 : 1;
    case COST_SUBJECT_EACH: {
        long long per = lua_type(L, 1) == LUA_TSTRING ? (long long)(lua_rawlen(L, 1) / SCAN_CHARGE) + 1 : 1;
        long long n = lua_type(L, 2) == LUA_TTABLE ? (long long)lua_rawlen(L, 2) + 1 : term_set_size(L, 2) + 1;
        return n > LLONG_MAX / per ? LLONG_MAX : per * n;
    }
    case COST_LENGTH:
        return lua_type(L, 1) == LUA_TTABLE ? (long long)lua_rawlen(L, 1) + 1 : 1;
    case COST_MOVE: {
        int ok_f, ok_e;
        lua_Integer f = lua_tointegerx(L, 2, &ok_f), e = lua_tointegerx(L, 3, &ok_e);
        if (!ok_f || !ok_e || e < f) return 1;
        /* e - f + 1 without overflow */
        if (f < 0 && e > LUA_MAXINTEGER + f) return LUA_MAXINTEGER;
        return (long long)(e - f) + 1;
    }
    case COST_SORT: {
        long long n = lua_type(L, 1) == LUA_TTABLE ? (long long)lua_rawlen(L, 1) : 0, log = 1;
        while ((1LL << log) < n && log < 62) log++;
        return n * log + 1;
    }
    }
    return 1;
}

/* The wrapper: charges the estimate (raising the budget error when it
 * does not fit), then runs the original C function on this very frame —
 * the library functions wrapped use no upvalues — which costs a function
 * pointer call instead of a second Lua call. Upvalue 1 is a light
 * userdata: the function's entry in s->charged (its original and its cost
 * kind), read with one call where a C function and an integer upvalue
 * took two (thousands of calls a report); no rule can reach a C
 * function's upvalues. Upvalue 2 names it, for LAKIP_PROFILE=lines. */
static int charged_call(lua_State *L)
{
    const charged_fn *fn = lua_touserdata(L, lua_upvalueindex(1));
    script *s = get_script(L);
    charge_script(s, L, cost_of(L, (enum cost_kind)fn->kind));
    gc_checkpoint(s);
    if (s->profile != 2) return fn->original(L);
    double start = profile_clock();
    int results = fn->original(L);
    profile_call(s, L, lua_tostring(L, lua_upvalueindex(2)), profile_clock() - start);
    return results;
}

static void wrap(script *s, const char *lib, const char *name, enum cost_kind kind)
{
    lua_State *L = s->L;
    if (lua_getglobal(L, lib) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    if (lua_getfield(L, -1, name) != LUA_TFUNCTION || !lua_iscfunction(L, -1) || s->ncharged == CHARGED_MAX) {
        lua_pop(L, 2);
        return;
    }
    s->charged[s->ncharged].original = lua_tocfunction(L, -1);
    s->charged[s->ncharged].kind = (int)kind;
    lua_pop(L, 1);
    lua_pushlightuserdata(L, &s->charged[s->ncharged++]);
    lua_pushfstring(L, "%s.%s", lib, name);        /* for LAKIP_PROFILE=lines */
    lua_pushcclosure(L, charged_call, 2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* string.lower with a memory for long strings (upvalues: the original,
 * the memo table, the bytes it holds). Rules lower the same paragraphs
 * again and again — each family, and several functions of one, lower each
 * paragraph it reads — and a paragraph reaches them as one string object
 * (views.c), whose hash Lua keeps. The result is the same string, so no
 * rule can tell; the memo starts afresh once it holds LOWER_MEMO_BYTES. */
#define LOWER_MEMO_MIN 40                           /* Lua's interned short strings are cheap to lower */
#define LOWER_MEMO_BYTES (4u << 20)

static int memo_lower(lua_State *L)
{
    size_t n;
    lua_CFunction lower = lua_tocfunction(L, lua_upvalueindex(1));
    if (lua_type(L, 1) != LUA_TSTRING || (lua_tolstring(L, 1, &n), n <= LOWER_MEMO_MIN)) return lower(L);
    lua_settop(L, 1);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TSTRING) return 1;
    lua_pop(L, 1);
    lower(L);                                       /* s, lowered */
    lua_Integer held = lua_tointeger(L, lua_upvalueindex(3)) + (lua_Integer)n;
    if (held > (lua_Integer)LOWER_MEMO_BYTES) {
        lua_newtable(L);
        lua_replace(L, lua_upvalueindex(2));
        held = (lua_Integer)n;
    }
    lua_pushinteger(L, held);
    lua_replace(L, lua_upvalueindex(3));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_rawset(L, lua_upvalueindex(2));
    return 1;
}

static void memoise_lower(lua_State *L)
{
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_getfield(L, -1, "lower");
    lua_newtable(L);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, memo_lower, 3);
    lua_setfield(L, -2, "lower");
    lua_pop(L, 1);
}

/* setmetatable without finalizers: __gc runs inside the collector with
 * hooks off, so a looping finalizer could not be stopped. Lua marks an
 * object for finalization only when its metatable has __gc at the time
 * of setmetatable, so refusing it here is enough. */
static int safe_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        int has_gc = lua_rawget(L, 2) != LUA_TNIL;
        lua_pop(L, 1);
        if (has_gc) return luaL_error(L, "__gc finalizers are not allowed in rules (they run outside the instruction budget)");
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* pcall that lets the budget error through: once a call is stopped,
 * nothing in the rule may catch that. */
static int safe_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int st = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    script *s = get_script(L);
    if (st != LUA_OK && (s->killed || st == LUA_ERRMEM)) return lua_error(L);
    lua_pushboolean(L, st == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/* xpcall(f, handler, ...): the handler is called after the failed call
 * returns, as an ordinary call under the budget — Lua would run it at the
 * error point with hooks off, where a looping handler is unstoppable. */
static int safe_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_rotate(L, 1, 1);                            /* handler, f, handler, args... */
    lua_remove(L, 3);                               /* handler, f, args... */
    int st = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
    script *s = get_script(L);
    if (st != LUA_OK && (s->killed || st == LUA_ERRMEM)) return lua_error(L);
    if (st == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);                          /* true, results... */
        return lua_gettop(L);
    }
    lua_pushvalue(L, 1);                            /* handler, err, handler */
    lua_insert(L, -2);                              /* handler, handler, err */
    st = lua_pcall(L, 1, 1, 0);
    if (st != LUA_OK && (s->killed || st == LUA_ERRMEM)) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

static void guard_libraries(script *s)
{
    lua_State *L = s->L;
    static const struct { const char *lib, *name; enum cost_kind kind; } charged[] = {
        { LUA_STRLIBNAME, "find", COST_SUBJECT },
        { LUA_STRLIBNAME, "match", COST_SUBJECT },
        { LUA_STRLIBNAME, "gmatch", COST_SUBJECT },
        { LUA_STRLIBNAME, "gsub", COST_SUBJECT },
        { LUA_STRLIBNAME, "unpack", COST_SUBJECT },
        { LUA_UTF8LIBNAME, "len", COST_SUBJECT },
        { LUA_UTF8LIBNAME, "offset", COST_SUBJECT },
        { LUA_UTF8LIBNAME, "codepoint", COST_SUBJECT },
        { LUA_TABLIBNAME, "insert", COST_LENGTH },
        { LUA_TABLIBNAME, "remove", COST_LENGTH },
        { LUA_TABLIBNAME, "concat", COST_LENGTH },
        { LUA_TABLIBNAME, "unpack", COST_LENGTH },
        { LUA_TABLIBNAME, "move", COST_MOVE },
        { LUA_TABLIBNAME, "sort", COST_SORT },
        { "lakip", "normalize", COST_SUBJECT },
        { "lakip", "name_words", COST_SUBJECT },
        { "lakip", "indicator_key", COST_SUBJECT },
        { "lakip", "loose_words", COST_SUBJECT },
        { "lakip", "find_any", COST_SUBJECT_EACH },
        { "lakip", "terms", COST_LENGTH },
        { "lakip", "find_digit", COST_SUBJECT },
        { "lakip", "lex", COST_SUBJECT },
        { "lakip", "quantity_count", COST_SUBJECT },
        { "lakip", "sentence_end", COST_SUBJECT },
        { "lakip", "sentences", COST_SUBJECT },
    };
    for (size_t i = 0; i < sizeof charged / sizeof charged[0]; i++) wrap(s, charged[i].lib, charged[i].name, charged[i].kind);
    memoise_lower(L);
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, safe_setmetatable, 1);
    lua_setglobal(L, "setmetatable");
    lua_register(L, "pcall", safe_pcall);
    lua_register(L, "xpcall", safe_xpcall);
}

/* Registry keys of what every environment is made from (make_env_template)
 * and of the metatable they share. */
static const char ENV_TEMPLATE_KEY = 0, ENV_LIBS_KEY = 0, ENV_MT_KEY = 0;

/* __index of an environment (argument 1): a library (string, table, lakip
 * ...) is copied into it on first use — a rule file or module instance
 * uses a few of them, and copying all of them for each was a tenth of
 * loading the rules; any other name is undeclared. */
static int strict_index(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &ENV_LIBS_KEY) == LUA_TTABLE) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, -2) == LUA_TTABLE) {      /* the library's array k1, v1, k2, v2, ... */
            int array = lua_gettop(L);
            lua_Integer n = (lua_Integer)lua_rawlen(L, array);
            lua_createtable(L, 0, (int)(n / 2));
            for (lua_Integer k = 1; k < n; k += 2) {
                lua_rawgeti(L, array, k);
                lua_rawgeti(L, array, k + 1);
                lua_rawset(L, -3);
            }
            lua_pushvalue(L, 2);
            lua_pushvalue(L, -2);
            lua_rawset(L, 1);
            return 1;
        }
    }
    return luaL_error(L, "undeclared global '%s'", lua_tostring(L, 2));
}

static int strict_newindex(lua_State *L)
{
    return luaL_error(L, "assignment to undeclared global '%s' (rules must use locals)", lua_tostring(L, 2));
}

/* The number of entries of the table at idx (to size its copies). */
static int table_size(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        n++;
    }
    return n;
}

/* The safe globals as environments get them, made once per state (the
 * base table does not change afterwards): the plain values as an array
 * k1, v1, k2, v2, ... that push_env copies into each environment, and the
 * libraries (tables) by name, each as such an array, that strict_index
 * copies into an environment when it first reads one. A file's
 * environment is then made with array reads, not a hash walk of every
 * library for every rule file and module instance. */
static void make_env_template(script *s)
{
    lua_State *L = s->L;
    lua_newtable(L);
    int plain = lua_gettop(L);
    lua_newtable(L);
    int libs = plain + 1;
    lua_Integer at = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->base_ref);
    int base = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, base)) {
        if (lua_rawequal(L, -1, base)) {            /* _G: each env's own, set by push_env */
            lua_pop(L, 1);
            continue;
        }
        if (lua_type(L, -1) == LUA_TTABLE) {
            int lib = lua_gettop(L);
            lua_newtable(L);
            lua_Integer n = 0;
            lua_pushnil(L);
            while (lua_next(L, lib)) {
                lua_pushvalue(L, -2);
                lua_rawseti(L, lib + 1, ++n);
                lua_rawseti(L, lib + 1, ++n);
            }
            lua_pushvalue(L, -3);                   /* the library's name */
            lua_insert(L, -2);
            lua_rawset(L, libs);
            lua_pop(L, 1);                          /* the library */
            continue;
        }
        lua_pushvalue(L, -2);
        lua_rawseti(L, plain, ++at);                /* key */
        lua_rawseti(L, plain, ++at);                /* value */
    }
    lua_pop(L, 1);                                  /* base */
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENV_LIBS_KEY);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENV_TEMPLATE_KEY);
    lua_createtable(L, 0, 3);                       /* the environments' metatable */
    lock_metatable(L, strict_index, strict_newindex);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENV_MT_KEY);
}

/* Pushes a fresh environment: reads fall through to a private copy of the
 * safe globals (so one file cannot change another's `string` or `table`;
 * a library is copied when first read, strict_index), unknown names are
 * errors, writes are refused. `lib` is the table at lib_index, or none. */
static void push_env(script *s, int lib_index)
{
    lua_State *L = s->L;
    lua_createtable(L, 0, s->env_size);             /* env: a private copy of the safe globals */
    int env = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ENV_TEMPLATE_KEY);
    int t = env + 1;
    lua_Integer len = (lua_Integer)lua_rawlen(L, t);
    for (lua_Integer i = 1; i < len; i += 2) {
        lua_rawgeti(L, t, i);                       /* key */
        lua_rawgeti(L, t, i + 1);                   /* value */
        lua_rawset(L, env);
    }
    lua_pop(L, 1);                                  /* the template */
    if (lib_index) {
        lua_pushvalue(L, lib_index);
        lua_setfield(L, -2, "lib");
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
    /* Globals are plain fields of env, so reading one is a direct table
     * hit (rules read string, ipairs, lib... in every row); only a
     * library not read yet or a name that exists nowhere reaches __index,
     * and a new global __newindex.
     * Every env has the same (locked) metatable. */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ENV_MT_KEY);
    lua_setmetatable(L, -2);
}

/* Runs the function at the top of the stack with the env at env_index as
 * its _ENV, under the budget; replaces it with its first result (or the
 * error message). Returns 0 or -1.
 *
 * The _ENV upvalue is replaced, not assigned: the function is joined to
 * a fresh upvalue holding the env (made by a tiny Lua function), so a
 * compiled library module can be run again for the next rule file while
 * the functions its earlier runs made keep their own env. */
static int call_with_env(script *s, int env_index)
{
    lua_State *L = s->L;
    /* inside a running call (a library module loaded on first use) the
     * call's budget goes on counting; otherwise this call has its own */
    int nested = s->armed;
    if (s->upvalue_maker_ref == LUA_NOREF) {        /* function(env) return function() return env end end */
        static const char maker[] = "local env = ... return function() return env end";
        if (luaL_loadbufferx(L, maker, sizeof maker - 1, "=env", "t") != LUA_OK) {
            lua_remove(L, -2);
            return -1;
        }
        s->upvalue_maker_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->upvalue_maker_ref);
    lua_pushvalue(L, env_index);
    /* a closure whose upvalue 1 is a fresh one holding env (protected:
     * outside a call there is no handler for running out of memory) */
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_remove(L, -2);
        if (nested) lua_error(L);
        return -1;
    }
    lua_upvaluejoin(L, -2, 1, -1, 1);
    lua_pop(L, 1);
    lua_pushcfunction(L, error_handler);
    lua_insert(L, -2);
    if (!nested) arm_budget(s);
    int st = lua_pcall(L, 0, 1, -2);
    if (!nested) disarm_budget(s);
    lua_remove(L, -2);                              /* handler */
    /* nothing in a rule may catch a stop: pass it on */
    if (nested && st != LUA_OK && (s->killed || st == LUA_ERRMEM)) lua_error(L);
    return st == LUA_OK ? 0 : -1;
}

int load_chunk(lua_State *L, const chunk_source *c)
{
    char chunk[600];
    snprintf(chunk, sizeof chunk, "@%s", c->display);
    if (c->code) {
        /* a build of the program runs with the liblua5.4 it was built
         * against; another 5.4 release may not load its bytecode */
        if (luaL_loadbufferx(L, (const char *)c->code, c->code_len, chunk, "b") == LUA_OK) return 0;
        if (!c->text) return -1;
        lua_pop(L, 1);
    }
    return luaL_loadbufferx(L, c->text, c->len, chunk, "t") == LUA_OK ? 0 : -1;
}

/* Loads the chunk c with the env at env_index, runs it under the budget
 * and leaves its first result (or the error message) on the stack.
 * Returns 0 or -1. */
int run_chunk(script *s, const chunk_source *c, int env_index)
{
    env_index = lua_absindex(s->L, env_index);
    if (load_chunk(s->L, c) < 0) return -1;
    return call_with_env(s, env_index);
}

/* Pushes library module i compiled (once per state: the functions are
 * kept in a registry table), or its compile error. Returns 0 or -1. */
static int push_lib_function(script *s, size_t i)
{
    lua_State *L = s->L;
    if (s->lib_cache_ref == LUA_NOREF) {
        lua_newtable(L);
        s->lib_cache_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->lib_cache_ref);
    if (lua_rawgeti(L, -1, (lua_Integer)i + 1) == LUA_TFUNCTION) {
        lua_remove(L, -2);
        return 0;
    }
    lua_pop(L, 1);
    const lib_source *m = &s->libs[i];
    chunk_source c = { .text = m->text, .len = m->len, .display = m->display };
    if (m->bundled) c = (chunk_source){ m->bundled->code, m->bundled->code_len, m->bundled->text, m->bundled->text_len, m->display };
    int st = load_chunk(L, &c) == 0 ? LUA_OK : LUA_ERRSYNTAX;
    if (st == LUA_OK) {
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
    }
    lua_remove(L, -2);                              /* the cache */
    return st == LUA_OK ? 0 : -1;
}

/* A field a module does not have is an error naming it: a misspelt
 * helper fails where it is written instead of handing the rule a nil. */
static int strict_module_index(lua_State *L)
{
    return luaL_error(L, "lib.%s has no field '%s'", lua_tostring(L, lua_upvalueindex(1)), lua_tostring(L, 2));
}

/* Sets on the table at idx a metatable whose __index is fn (with the
 * string `name` as its upvalue); a table that already has a metatable (a
 * module that sets its own) is left alone. */
static void make_strict(lua_State *L, int idx, lua_CFunction fn, const char *name)
{
    idx = lua_absindex(L, idx);
    if (lua_getmetatable(L, idx)) {
        lua_pop(L, 1);
        return;
    }
    lua_newtable(L);
    lua_pushstring(L, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, idx);
}

/* The library modules a rule file sees: the bundled ones, and those of
 * its own folder's lib/ (s->lib_scope names the folder; NULL for the
 * bundled rule files). */
static int lib_visible(const script *s, const lib_source *m)
{
    return !m->scope || (s->lib_scope && strcmp(m->scope, s->lib_scope) == 0);
}

/* Registry key of the modules' shared tables, one per module. */
static const char SHARED_KEY = 0;

/* Pushes module i's `shared` table: the same for every instance of the
 * module in this state (every rule file's), so a module can keep what its
 * pure functions compute once for all files (lib.indikator's keys): rule
 * files cannot reach it unless the module hands it out. */
static void push_shared(lua_State *L, size_t i)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SHARED_KEY) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &SHARED_KEY);
    }
    if (lua_rawgeti(L, -1, (lua_Integer)i + 1) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
    }
    lua_remove(L, -2);
}

/* __index of a rule file's `lib` (argument 1): lib.NAME is the module
 * NAME, run on first use with an environment of its own whose `lib` is
 * this same table (so modules reach each other the same way), then kept
 * in the table; a file that never reads lib.NAME does not pay for it.
 * A name that is no module is an error naming it, as is a module that
 * reads itself while it loads. Upvalue 1: the names being loaded. */
static int lazy_lib_index(lua_State *L)
{
    script *s = get_script(L);
    const char *name = lua_tostring(L, 2);
    size_t i = 0;
    while (name && i < s->nlibs && !(lib_visible(s, &s->libs[i]) && strcmp(s->libs[i].name, name) == 0)) i++;
    if (!name || i == s->nlibs)
        return luaL_error(L, "lib has no module '%s' (library modules are the .lua files of the rules folder's lib/)",
                          name ? name : luaL_typename(L, 2));
    lib_source *m = &s->libs[i];
    if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL)
        return luaL_error(L, "lib.%s is used while it loads (library modules that need each other must look each other up inside their functions)", name);
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
    lua_setfield(L, lua_upvalueindex(1), name);
    push_env(s, 1);
    int env = lua_gettop(L);
    lua_pushliteral(L, "shared");
    push_shared(L, i);
    lua_rawset(L, env);
    int st = push_lib_function(s, i) == 0 ? call_with_env(s, env) : -1;
    lua_pushnil(L);
    lua_setfield(L, lua_upvalueindex(1), name);
    if (st != 0 || !lua_istable(L, -1)) {
        const char *msg = st ? lua_tostring(L, -1) : "a library module must return a table";
        if (!m->reported) {
            engine_finding(s, "engine.rule-load", m->display, msg ? msg : "error", NULL);
            m->reported = 1;
        }
        return luaL_error(L, "lib.%s could not be loaded (%s)", name, m->display);
    }
    make_strict(L, -1, strict_module_index, m->name);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);                               /* lib[name] = module */
    return 1;
}

/* Pushes the environment of one rule file, with its own `lib`: every
 * library module instance it uses is its own, so a rule file cannot
 * change what another one sees. */
void push_rule_env(script *s)
{
    lua_State *L = s->L;
    lua_newtable(L);                                /* this file's lib */
    lua_newtable(L);                                /* its metatable */
    lua_newtable(L);                                /* the names being loaded */
    lua_pushcclosure(L, lazy_lib_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    int lib = lua_gettop(L);
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
    open_text_fns(L);
    guard_libraries(s);
    /* lock the string metatable: ("").x must not lead to a shared table */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lock_metatable(L, NULL, NULL);
    lua_pop(L, 2);

    open_decimal_type(L);
    open_views(L);

    lua_pushglobaltable(L);
    s->env_size = table_size(L, -1) + 1;            /* and lib */
    s->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    make_env_template(s);
}
