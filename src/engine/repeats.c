/*
 * repeats.c — lakip.repeats: the scan rules/duplikat.lua makes of every
 * table, in C over its rows: which data rows name an indicator named
 * above in the same table and section, and which carry the numbers of
 * the row above under another name. The rule then works only on the rows
 * found (most tables have none): its Lua loop over every row, a key
 * lookup and two table updates per row, was most of its time.
 *
 * The steps are the rule's own, in its order (tests/unit/test_script.c
 * compares them with its former Lua loop): a row's key is key_of[name],
 * or key_fn(name) when key_of has none (the rule's memo and
 * lib.indikator.loose_key); an empty key ends the run of rows a copy is
 * looked for in; a section is lakip.normalize of the row's group label,
 * " | " and its sasaran text, " | " and its program text (for the columns
 * given).
 */
#include <string.h>

#include "engine/internal.h"

/* Pushes the section of row r (see above). The raw text is put together
 * in a C buffer when it fits (one Lua string made, the section), else in
 * a Lua one. */
static void push_section(lua_State *L, const table *t, size_t r, int sc, int pc)
{
    const char *group = table_row_group(t, r);
    const char *parts[3] = { group ? group : "", sc >= 0 ? table_cell(t, r, (size_t)sc)->text : NULL,
                             pc >= 0 ? table_cell(t, r, (size_t)pc)->text : NULL };
    size_t len[3], total = 0;
    for (int k = 0; k < 3; k++) total += (len[k] = parts[k] ? strlen(parts[k]) : 0) + (k && parts[k] ? 3 : 0);
    char small[512];
    luaL_Buffer raw;
    char *at = total <= sizeof small ? small : luaL_buffinitsize(L, &raw, total);
    char *p = at;
    for (int k = 0; k < 3; k++) {
        if (!parts[k]) continue;
        if (k) {
            memcpy(p, " | ", 3);
            p += 3;
        }
        memcpy(p, parts[k], len[k]);
        p += len[k];
    }
    const char *src = small;
    if (at != small) {
        luaL_pushresultsize(&raw, total);
        src = lua_tostring(L, -1);              /* stays on the stack below the buffer */
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    normalize_text(&b, src, total);
    luaL_pushresult(&b);
    if (src != small) lua_remove(L, -2);
}

/* events[#events + 1 .. + 3] = row, what, other */
static void add_event(lua_State *L, int events, lua_Integer *n, lua_Integer row, lua_Integer what, lua_Integer other)
{
    lua_pushinteger(L, row);
    lua_rawseti(L, events, ++*n);
    lua_pushinteger(L, what);
    lua_rawseti(L, events, ++*n);
    lua_pushinteger(L, other);
    lua_rawseti(L, events, ++*n);
}

/* lakip.repeats(t, col, key_of, key_fn [, sc [, pc [, copies]]]) ->
 * { row, what, other, ... }, in row order: what 1 when data row `row`'s
 * key (of its text in column col) is that of the data row `other` above
 * it in the same section (other: the first such row), what 2 when
 * copies[row] is true (lakip.same_as_above) and the data row just above,
 * `other`, has another key, neither key empty (for one row, 1 before
 * 2). sc and pc: the sasaran and program columns of the sections, or nil. */
static int f_repeats(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int ic = column_arg(L, t, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TFUNCTION);
    int sc = lua_isnoneornil(L, 5) ? -1 : column_arg(L, t, 5);
    int pc = lua_isnoneornil(L, 6) ? -1 : column_arg(L, t, 6);
    if (ic < 0) return luaL_argerror(L, 2, "no such column");
    lua_settop(L, 7);
    int copies = lua_istable(L, 7) ? 7 : 0;
    size_t n = table_row_count(t);
    charge(L, (long long)n + 1);                  /* one per row, as t:texts */
    luaL_checkstack(L, 24, "lakip.repeats");
    int cache = push_text_cache(L);
    lua_createtable(L, 0, n < 1024 ? (int)n : 1024);
    int firsts = lua_gettop(L);                   /* key -> its first row */
    lua_newtable(L);
    int repeats = lua_gettop(L);                  /* a repeated key -> { section -> its first row } */
    lua_newtable(L);
    int events = lua_gettop(L);
    lua_pushnil(L);
    int prev_key = lua_gettop(L);                 /* the key of row prev */
    lua_Integer prev = 0, nevents = 0;            /* prev: the data row just above with a key, or 0 */
    for (size_t r = 0; r < n; r++) {
        lua_Integer i = (lua_Integer)r + 1;
        if (table_row_kind(t, r) != ROW_DATA) {
            prev = 0;
            continue;
        }
        push_text(L, cache, table_cell(t, r, (size_t)ic)->text);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 3) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushvalue(L, 4);
            lua_pushvalue(L, -2);
            lua_call(L, 1, 1);
        }
        lua_remove(L, -2);                        /* the name: its key stays */
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "lakip.repeats: a key must be a string");
        if (lua_rawlen(L, -1) == 0) {
            prev = 0;
            lua_pop(L, 1);
            continue;
        }
        int key = lua_gettop(L);
        lua_pushvalue(L, key);
        if (lua_rawget(L, firsts) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushvalue(L, key);
            lua_pushinteger(L, i);
            lua_rawset(L, firsts);
        } else {
            lua_Integer first = lua_tointeger(L, -1);
            lua_pop(L, 1);
            lua_pushvalue(L, key);
            if (lua_rawget(L, repeats) == LUA_TNIL) {
                lua_pop(L, 1);
                lua_createtable(L, 0, 2);
                push_section(L, t, (size_t)first - 1, sc, pc);
                lua_pushinteger(L, first);
                lua_rawset(L, -3);
                lua_pushvalue(L, key);
                lua_pushvalue(L, -2);
                lua_rawset(L, repeats);
            }
            int sections = lua_gettop(L);
            push_section(L, t, r, sc, pc);
            lua_pushvalue(L, -1);
            if (lua_rawget(L, sections) != LUA_TNIL) {
                add_event(L, events, &nevents, i, 1, lua_tointeger(L, -1));
                lua_pop(L, 2);                    /* its row, the section */
            } else {
                lua_pop(L, 1);
                lua_pushinteger(L, i);
                lua_rawset(L, sections);
            }
            lua_pop(L, 1);                        /* sections */
        }
        if (prev && copies && !lua_rawequal(L, prev_key, key)) {
            if (lua_rawgeti(L, copies, i) != LUA_TNIL && lua_toboolean(L, -1))
                add_event(L, events, &nevents, i, 2, prev);
            lua_pop(L, 1);
        }
        prev = i;
        lua_replace(L, prev_key);
    }
    lua_pushvalue(L, events);
    return 1;
}

void open_repeats(lua_State *L)
{
    lua_pushcfunction(L, f_repeats);
    lua_setfield(L, -2, "repeats");
}
