/*
 * views.c — read-only views of the report, its tables and rows as
 * userdata: rules read cells through them, nothing is copied per row.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "engine/internal.h"
#include "model/value.h"

static const report *check_report(lua_State *L, int idx)
{
    return ((report_view *)check_class(L, idx, CLASS_REPORT, REPORT_MT))->r;
}

static const table *check_table(lua_State *L, int idx)
{
    return ((table_view *)check_class(L, idx, CLASS_TABLE, TABLE_MT))->t;
}

static row_view *check_row(lua_State *L, int idx)
{
    return check_class(L, idx, CLASS_ROW, ROW_MT);
}

/* Pushes the report's cache, registry[r] (made on first use, dropped by
 * the run loop when the report is done): its array part holds the table
 * views, its hash part the report's long strings (push_report_string). */
static void push_report_cache(lua_State *L, const report *r)
{
    script *s = get_script(L);
    int current = r == s->rep;
    if (current && s->rep_cache_ref != LUA_NOREF) {     /* (internal.h) */
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->rep_cache_ref);
        return;
    }
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, r) == LUA_TNIL) {
        lua_pop(L, 1);
        /* sized for a report's views and a first batch of its long strings:
         * growing from empty rehashed it at 1, 2, 4, 8 and 16 strings */
        size_t ntables = report_table_count(r);
        lua_createtable(L, ntables < 1024 ? (int)ntables : 1024, 32);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, r);
    }
    if (current) {
        lua_pushvalue(L, -1);
        s->rep_cache_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
}

/* Pushes s, text the report owns: a long one (more than Lua's 40 bytes of
 * an interned string) as the one Lua string the report's cache (at index
 * cache) keeps for it. Every family reads the paragraphs; copying each
 * again for every family was most of what reading one cost, and the same
 * string object keeps its hash, so a rule's table keyed by it (or
 * string.lower's memo, sandbox.c) hashes it once. */
static void push_report_string(lua_State *L, int cache, const char *s)
{
    size_t n = strlen(s);
    if (n <= 40) {
        lua_pushlstring(L, s, n);
        return;
    }
    lua_pushlightuserdata(L, (void *)s);
    if (lua_rawget(L, cache) == LUA_TSTRING) return;
    lua_pop(L, 1);
    lua_pushlstring(L, s, n);
    lua_pushlightuserdata(L, (void *)s);
    lua_pushvalue(L, -2);
    lua_rawset(L, cache);
}

/* Pushes the report cache of the report being audited (for
 * push_report_string), or nil outside a run. A cell's text is the same
 * C string for every rule that reads it during the report, whichever
 * report its table belongs to (ctx.previous too), and the cache is
 * dropped when the report ends (script_end_report). */
static int push_run_cache(lua_State *L)
{
    const report *r = get_script(L)->rep;
    if (!r) {
        lua_pushnil(L);
        return lua_gettop(L);
    }
    push_report_cache(L, r);
    return lua_gettop(L);
}

/* A cell's text, through the cache at index cache when there is one:
 * the indicator names a report's families read again and again are
 * longer than Lua's interned strings, and each push made a new copy. */
static void push_cell_text(lua_State *L, int cache, const char *text)
{
    if (text && lua_istable(L, cache)) push_report_string(L, cache, text);
    else lua_pushstring(L, text);               /* NULL: nil */
}

/* Tables are created once and cached in the registry so a rule sees the
 * same object (usable as a table key) every time. */
void push_table(lua_State *L, const report *r, int index)
{
    push_report_cache(L, r);
    if (lua_rawgeti(L, -1, index) == LUA_TNIL) {
        lua_pop(L, 1);
        table_view *v = new_object(L, CLASS_TABLE, 1);   /* user value 1: t:columns() */
        v->t = report_table(r, (size_t)index - 1);
        v->index = index;
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, index);
    }
    lua_remove(L, -2);
}

void push_row(lua_State *L, const table *t, int tindex, size_t row)
{
    row_view *v = new_object(L, CLASS_ROW, 0);
    v->t = t;
    v->tindex = tindex;
    v->row = row;
}

/* Pushes key, a field name with static storage (a literal, or one of a
 * static table of names): the Lua string made for it the first time,
 * found again by the address of its text. lua_setfield looks a C string
 * up in Lua's string cache and compares it there with strcmp, then sets
 * through the metamethod path: a third of what filling the tables the
 * views return cost (t:summary, row:cell, ... some 37 000 fields on the
 * 20k-row bench file). */
void push_key(lua_State *L, const char *key)
{
    script *s = get_script(L);
    size_t k = ((uintptr_t)key >> 3) & (VIEW_KEY_SLOTS - 1);
    while (s->keys[k].text) {
        if (s->keys[k].text == key) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, s->keys[k].ref);
            return;
        }
        k = (k + 1) & (VIEW_KEY_SLOTS - 1);
    }
    lua_pushstring(L, key);
    if (2 * (s->nkeys + 1) > VIEW_KEY_SLOTS) return;        /* full enough: kept no longer */
    lua_pushvalue(L, -1);
    s->keys[k].ref = luaL_ref(L, LUA_REGISTRYINDEX);
    s->keys[k].text = key;
    s->nkeys++;
}

/* The set_ functions fill a table the views make (no metatable yet:
 * raw is the same as lua_setfield), under a static key (push_key). */
static void set_string(lua_State *L, const char *key, const char *value)
{
    if (!value) return;
    push_key(L, key);
    lua_pushstring(L, value);
    lua_rawset(L, -3);
}

static void set_integer(lua_State *L, const char *key, lua_Integer value)
{
    push_key(L, key);
    lua_pushinteger(L, value);
    lua_rawset(L, -3);
}

static void set_boolean(lua_State *L, const char *key, int value)
{
    push_key(L, key);
    lua_pushboolean(L, value);
    lua_rawset(L, -3);
}

/* The properties (x.year, t.caption, row.kind): __index of a class's
 * metatable calls these (sandbox.c: dispatch_index) with an object of
 * that class only — the metatable is locked, so no rule reaches the
 * function to call it with anything else — and the object's class is
 * not checked again (a quarter of what a property cost). */
#define SELF(type) ((type *)lua_touserdata(L, 1))

/* The property names of each class, in the order of its codes: the
 * methods table maps a name to its code (sandbox.c: dispatch_index),
 * which reaches the index function at stack index 3. */
#define CODE ((int)lua_tointeger(L, 3))

enum { RP_YEAR, RP_YEAR_SOURCE, RP_AGENCY, RP_TABLE_COUNT, RP_PARAGRAPH_COUNT };
static const char *const report_properties[] = { "year", "year_source", "agency", "table_count", "paragraph_count", NULL };

static int f_report_index(lua_State *L)
{
    const report *r = SELF(report_view)->r;
    const char *source = NULL;
    switch (CODE) {
    case RP_YEAR: {
        int y = report_year(r, &source);
        if (y) lua_pushinteger(L, y); else lua_pushnil(L);
        break;
    }
    case RP_YEAR_SOURCE:
        report_year(r, &source);
        lua_pushstring(L, source);
        break;
    case RP_AGENCY: lua_pushstring(L, report_agency(r, &source)); break;
    case RP_TABLE_COUNT: lua_pushinteger(L, (lua_Integer)report_table_count(r)); break;
    case RP_PARAGRAPH_COUNT: lua_pushinteger(L, (lua_Integer)report_paragraph_count(r)); break;
    default: lua_pushnil(L); break;
    }
    return 1;
}

static int f_report_table(lua_State *L)
{
    const report *r = check_report(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > report_table_count(r)) return 0;
    push_table(L, r, (int)i);
    return 1;
}

static int tables_step(lua_State *L)
{
    const report *r = check_report(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > report_table_count(r)) return 0;
    lua_pushinteger(L, i);
    push_table(L, r, (int)i);
    return 2;
}

/* for i, t in report:tables() */
static int f_report_tables(lua_State *L)
{
    check_report(L, 1);
    lua_pushcfunction(L, tables_step);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/* A string field of the table on top, from the report's cache at index cache. */
static void set_report_string(lua_State *L, int cache, const char *key, const char *value)
{
    if (!value) return;
    push_report_string(L, cache, value);
    lua_setfield(L, -2, key);
}

static void push_paragraph(lua_State *L, int cache, const paragraph *p, lua_Integer index)
{
    lua_createtable(L, 0, 5);
    set_report_string(L, cache, "file", p->file);
    set_integer(L, "line", p->line);
    set_report_string(L, cache, "text", p->text);
    set_report_string(L, cache, "heading", p->heading);
    set_integer(L, "index", index);
}

/* Registry key of the metatable that keeps a paragraph as it was made,
 * and the report cache's key of the paragraphs made so far. */
static const char READ_ONLY_PARAGRAPH_KEY = 0;
static const char PARAGRAPHS_KEY = 0;

static int refuse_paragraph_write(lua_State *L)
{
    return luaL_error(L, "a paragraph of report:paragraphs() is shared by every rule and read-only: copy what you need to change");
}

/* Upvalues: the report's list of paragraphs made so far (its cache) and
 * the report, as a light userdata. Nearly every family reads every
 * paragraph, some twice (lib.polarity's evidence, lib.formula's declared
 * formula): each paragraph's table is made once per report and engine
 * and then the same object on every call (so, like t:columns(), a new
 * field in it is an error). */
static int paragraphs_step(lua_State *L)
{
    const report *r = check_report(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > report_paragraph_count(r)) return 0;
    int own = r == lua_touserdata(L, lua_upvalueindex(2));   /* the step called with another report: no cache */
    lua_pushinteger(L, i);
    if (own && lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TTABLE) return 2;
    if (own) lua_pop(L, 1);
    push_report_cache(L, r);
    int cache = lua_gettop(L);
    push_paragraph(L, cache, report_paragraph(r, (size_t)i - 1), i);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &READ_ONLY_PARAGRAPH_KEY);
    lua_setmetatable(L, -2);
    if (own) {
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(1), i);
    }
    lua_remove(L, cache);
    return 2;
}

/* for i, p in report:paragraphs() — p = {file, line, text, heading, index} */
static int f_report_paragraphs(lua_State *L)
{
    const report *r = check_report(L, 1);
    if (report_paragraph_count(r) == 0) {         /* nothing to keep (a spreadsheet): the step ends at once */
        lua_pushcfunction(L, paragraphs_step);
        lua_pushvalue(L, 1);
        lua_pushinteger(L, 0);
        return 3;
    }
    push_report_cache(L, r);
    if (lua_rawgetp(L, -1, &PARAGRAPHS_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, (int)report_paragraph_count(r), 0);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, -3, &PARAGRAPHS_KEY);
    }
    lua_remove(L, -2);
    lua_pushlightuserdata(L, (void *)r);
    lua_pushcclosure(L, paragraphs_step, 2);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/* report:notes() -> { {file, line, kind, text, detail}, ... }: what the
 * loaders saw beside tables (a hidden sheet with data) */
static int f_report_notes(lua_State *L)
{
    const report *r = check_report(L, 1);
    lua_createtable(L, (int)report_note_count(r), 0);
    for (size_t i = 0; i < report_note_count(r); i++) {
        const source_note *n = report_note(r, i);
        lua_createtable(L, 0, 5);
        set_string(L, "file", n->file);
        set_integer(L, "line", n->line);
        set_string(L, "kind", n->kind);
        set_string(L, "text", n->text);
        set_string(L, "detail", n->detail);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int f_report_inputs(lua_State *L)
{
    const report *r = check_report(L, 1);
    lua_createtable(L, (int)report_input_count(r), 0);
    for (size_t i = 0; i < report_input_count(r); i++) {
        lua_pushstring(L, report_input_path(r, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Registry key of the table role name -> role id: rules name columns by
 * role on every row, and a hash lookup of the (interned) Lua string beats
 * comparing it with every role name. */
static const char ROLES_KEY = 0;

static void open_roles(lua_State *L)
{
    lua_createtable(L, 0, COL_ROLE_COUNT);
    for (int i = 1; i < COL_ROLE_COUNT; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, col_role_name((enum col_role)i));
    }
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ROLES_KEY);
}

/* The roles found lately by role_arg, by the address of the name's text
 * (rules pass the same few literals on every row and table). The address
 * is only a hint: a hit counts when the name's text is the role's own name,
 * so the answer is the registry's whatever string lives there now. Per
 * thread: each engine of --jobs runs on its own. */
enum { ROLE_MEMO = 64 };
static _Thread_local struct {
    const char *text;
    enum col_role role;
} role_memo[ROLE_MEMO];

static size_t role_memo_slot(const char *text)
{
    return ((uintptr_t)text >> 4) & (ROLE_MEMO - 1);
}

/* The role named by the string at idx; an unknown name is an error. */
static enum col_role role_arg(lua_State *L, int idx)
{
    size_t len;
    const char *name = luaL_checklstring(L, idx, &len);
    size_t slot = role_memo_slot(name);
    if (role_memo[slot].text == name) {
        const char *known = col_role_name(role_memo[slot].role);
        if (strlen(known) == len && memcmp(known, name, len) == 0) return role_memo[slot].role;
    }
    idx = lua_absindex(L, idx);                     /* callers pass -1 */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ROLES_KEY);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    enum col_role role = (enum col_role)lua_tointeger(L, -1);
    lua_pop(L, 2);
    if (role == COL_NONE) luaL_error(L, "unknown column role '%s'", name);
    role_memo[slot].text = name;
    role_memo[slot].role = role;
    return role;
}

/* Column argument: a role name ("target") or a 1-based index; -1 if absent. */
int column_arg(lua_State *L, const table *t, int idx)
{
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Integer c = luaL_checkinteger(L, idx);
        return c >= 1 && (size_t)c <= table_column_count(t) ? (int)c - 1 : -1;
    }
    return table_find_role(t, role_arg(L, idx));
}

enum { TP_CAPTION, TP_CAPTION_LINE, TP_FILE, TP_LINE, TP_HEADER_LINE, TP_INDEX, TP_ROW_COUNT, TP_HAS_NOTES,
       TP_COLUMN_COUNT, TP_STYLE };
static const char *const table_properties[] = { "caption", "caption_line", "file", "line", "header_line", "index",
                                                "row_count", "has_notes", "column_count", "style", NULL };

static int f_table_index(lua_State *L)
{
    table_view *v = SELF(table_view);                  /* see f_report_index */
    const table *t = v->t;
    switch (CODE) {
    case TP_CAPTION: lua_pushstring(L, table_caption(t)); break;
    case TP_CAPTION_LINE: lua_pushinteger(L, table_caption_line(t)); break;
    case TP_FILE: lua_pushstring(L, table_file(t)); break;
    case TP_LINE: lua_pushinteger(L, table_first_line(t)); break;
    case TP_HEADER_LINE: lua_pushinteger(L, table_header_line(t)); break;
    case TP_INDEX: lua_pushinteger(L, v->index); break;
    case TP_ROW_COUNT: lua_pushinteger(L, (lua_Integer)table_row_count(t)); break;
    case TP_HAS_NOTES: lua_pushboolean(L, table_has_notes(t)); break;
    case TP_COLUMN_COUNT: lua_pushinteger(L, (lua_Integer)table_column_count(t)); break;
    case TP_STYLE: lua_pushstring(L, table_number_style(t) == NUMBER_STYLE_EN ? "en" : "id"); break;
    default: lua_pushnil(L); break;
    }
    return 1;
}

/* t:titles() -> { {text=, line=}, ... } */
static int f_table_titles(lua_State *L)
{
    const table *t = check_table(L, 1);
    lua_createtable(L, (int)table_title_count(t), 0);
    for (size_t i = 0; i < table_title_count(t); i++) {
        int line = 0;
        const char *text = table_title(t, i, &line);
        lua_createtable(L, 0, 2);
        set_string(L, "text", text);
        set_integer(L, "line", line);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* t:meta() -> { {key=, value=, line=}, ... } */
static int f_table_meta(lua_State *L)
{
    const table *t = check_table(L, 1);
    lua_createtable(L, (int)table_meta_count(t), 0);
    for (size_t i = 0; i < table_meta_count(t); i++) {
        int line = 0;
        const char *value = table_meta_value(t, i, &line);
        lua_createtable(L, 0, 3);
        set_string(L, "key", table_meta_key(t, i));
        set_string(L, "value", value);
        set_integer(L, "line", line);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Registry key of the metatable that keeps t:columns() as it was made. */
static const char READ_ONLY_KEY = 0;

static int refuse_write(lua_State *L)
{
    return luaL_error(L, "t:columns() is shared by every rule and read-only: copy what you need to change");
}

static void open_read_only(lua_State *L)
{
    lua_createtable(L, 0, 2);
    lock_metatable(L, NULL, refuse_write);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &READ_ONLY_KEY);
    lua_createtable(L, 0, 2);
    lock_metatable(L, NULL, refuse_paragraph_write);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &READ_ONLY_PARAGRAPH_KEY);
}

/* The lists of t:columns() already made by this engine, by what they say
 * (columns_signature): registry[&COLUMNS_KEY] = { [hash] = { signature,
 * list }, ..., n = count }. */
static const char COLUMNS_KEY = 0;
/* Forgotten all at once beyond this many: a long-form export repeats one
 * header in every report, a folder of reports has a few dozen tables each. */
enum { COLUMNS_KEPT = 128 };

static void open_columns_cache(lua_State *L)
{
    lua_createtable(L, 0, 8);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &COLUMNS_KEY);
}

typedef struct {
    unsigned char *p;
    size_t n, cap;
    int over;                                   /* did not fit: the list is not shared */
} signature;

static void sig_add(signature *b, const void *s, size_t n)
{
    if (b->over || n > b->cap - b->n) {
        b->over = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void sig_add_text(signature *b, const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;           /* 0: none (NULL); else the length and the text */
    sig_add(b, &n, sizeof n);
    if (s) sig_add(b, s, n - 1);
}

/* Every fact f_table_columns puts in the list, each at a fixed place or
 * with its length: two tables with the same signature get lists that no
 * rule can tell apart but by identity. */
static void columns_signature(const table *t, signature *b)
{
    size_t n = table_column_count(t);
    int colnum = table_has_colnum_row(t);
    sig_add(b, &n, sizeof n);
    sig_add(b, &colnum, sizeof colnum);
    for (size_t c = 0; c < n && !b->over; c++) {
        int facts[5] = { (int)table_column_role(t, c), (int)table_column_number_style(t, c),
                         (int)table_column_style_basis(t, c), table_column_period(t, c), table_column_year(t, c) };
        sig_add(b, facts, sizeof facts);
        sig_add_text(b, table_column_unit(t, c));
        sig_add_text(b, table_column_header(t, c));
        if (colnum) sig_add_text(b, table_colnum_text(t, c));
    }
}

/* A hash of the signature, eight bytes at a time (only a key to find the
 * entry: the signature itself is compared) */
static lua_Integer signature_hash(const signature *b)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)b->n;
    size_t i = 0;
    for (; i + 8 <= b->n; i += 8) {
        uint64_t w;
        memcpy(&w, b->p + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    for (; i < b->n; i++) h = (h ^ b->p[i]) * 0x100000001b3ULL;
    return (lua_Integer)(h >> 1);
}

/* t:columns() -> { {role=, header=, year=, colnum=, style=, style_basis=, unit=, period=, period_kind=, cumulative=}, ... }
 * Made once per table and kept in the view (rules ask for it on every
 * table, several rules per table): the same list on every call, so it is
 * read-only — a new field in it or in a column is an error. Tables whose
 * columns say the same get the same list (COLUMNS_KEY): every report of a
 * long-form export has one header, and making the list (a Lua table per
 * column) was most of what pk, renstra and tahun cost on a report with
 * nothing for them to check. */
static int f_table_columns(lua_State *L)
{
    const table *t = check_table(L, 1);
    if (lua_getiuservalue(L, 1, 1) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    unsigned char room[4096];
    signature sig = { room, 0, sizeof room, 0 };
    columns_signature(t, &sig);
    lua_Integer hash = sig.over ? 0 : signature_hash(&sig);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &COLUMNS_KEY);
    int cache = lua_gettop(L);
    if (!sig.over && lua_rawgeti(L, cache, hash) == LUA_TTABLE) {
        size_t len;
        lua_rawgeti(L, -1, 1);
        const char *known = lua_tolstring(L, -1, &len);
        if (len == sig.n && memcmp(known, sig.p, len) == 0) {
            lua_rawgeti(L, -2, 2);
            lua_pushvalue(L, -1);
            lua_setiuservalue(L, 1, 1);
            return 1;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &READ_ONLY_KEY);
    int read_only = lua_gettop(L);
    size_t n = table_column_count(t);
    lua_createtable(L, (int)n, 0);
    for (size_t c = 0; c < n; c++) {
        /* sized to the fields it gets (most columns: role, style,
         * style_basis, header): rules ask for the columns of every table */
        int period = table_column_period(t, c);
        lua_createtable(L, 0, 4 + (table_column_unit(t, c)[0] != '\0') + (period ? 3 : 0) +
                                  (table_column_year(t, c) != 0) + table_has_colnum_row(t));
        set_string(L, "role", col_role_name(table_column_role(t, c)));
        set_string(L, "style", table_column_number_style(t, c) == NUMBER_STYLE_EN ? "en" : "id");
        set_string(L, "style_basis", style_basis_name(table_column_style_basis(t, c)));
        if (table_column_unit(t, c)[0]) set_string(L, "unit", table_column_unit(t, c));
        if (period) {
            int p = period % TABLE_CUMULATIVE;
            set_integer(L, "period", p > TABLE_QUARTER ? p - TABLE_QUARTER : p);
            set_string(L, "period_kind", p > TABLE_QUARTER ? "triwulan" : "bulan");
            if (period >= TABLE_CUMULATIVE) set_boolean(L, "cumulative", 1);
        }
        set_string(L, "header", table_column_header(t, c));
        if (table_column_year(t, c)) set_integer(L, "year", table_column_year(t, c));
        if (table_has_colnum_row(t)) set_string(L, "colnum", table_colnum_text(t, c));
        lua_pushvalue(L, read_only);
        lua_setmetatable(L, -2);
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    lua_pushvalue(L, read_only);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, 1, 1);
    if (sig.over) return 1;
    lua_getfield(L, cache, "n");
    lua_Integer kept = lua_tointeger(L, -1) + 1;
    lua_pop(L, 1);
    if (kept > COLUMNS_KEPT) {
        open_columns_cache(L);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &COLUMNS_KEY);
        lua_replace(L, cache);
        kept = 1;
    }
    lua_pushinteger(L, kept);
    lua_setfield(L, cache, "n");
    lua_createtable(L, 2, 0);
    lua_pushlstring(L, (const char *)sig.p, sig.n);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, cache, hash);
    return 1;
}

static int f_table_colnum_line(lua_State *L)
{
    const table *t = check_table(L, 1);
    if (!table_has_colnum_row(t)) return 0;
    lua_pushinteger(L, table_colnum_line(t));
    return 1;
}

/* t:col("target") -> 1-based column index or nil.
 * t:col("target", year): of several columns of the role ("Realisasi 2018 |
 * Realisasi 2019"), the one whose header names that year, else the first
 * (nil year: the first). capaian picks its columns so for every table of
 * every report; walking t:columns() in Lua for it cost more than the
 * rule's own work on a table that needs none. */
static int f_table_col(lua_State *L)
{
    const table *t = check_table(L, 1);
    int c;
    if (lua_isnoneornil(L, 3)) {
        c = column_arg(L, t, 2);
    } else {
        enum col_role role = role_arg(L, 2);
        lua_Integer year = luaL_checkinteger(L, 3);
        c = table_find_role(t, role);
        /* a column without a year has 0 (table_column_year): no year names it */
        for (size_t k = (size_t)(c < 0 ? 0 : c); c >= 0 && year != 0 && k < table_column_count(t); k++)
            if (table_column_role(t, k) == role && table_column_year(t, k) == year) {
                c = (int)k;
                break;
            }
    }
    if (c < 0) return 0;
    lua_pushinteger(L, c + 1);
    return 1;
}

/* t:value_columns(year) -> { target=, realisasi=, capaian=, satuan= }:
 * lib.indikator.value_columns(t, year), the columns of an indicator's
 * numbers for the year (its comment says how they are picked; its Lua
 * loop over t:columns() is the specification, and tests/unit/test_script.c
 * compares the two). Every family that compares an indicator's numbers
 * asks it of every table of every report: the Lua loop, a field read and
 * a role compared per column, cost more than most of them spent on a
 * table with nothing to report. year: nil or false for none; a number
 * equal to an integer is compared with the columns' years; anything else
 * names no column's year (as == in Lua). */
static int f_table_value_columns(lua_State *L)
{
    const table *t = check_table(L, 1);
    static const char *const names[] = { "target", "realisasi", "capaian", "satuan" };
    int has_year = lua_toboolean(L, 2), comparable = 0;
    lua_Integer year = lua_type(L, 2) == LUA_TNUMBER ? lua_tointegerx(L, 2, &comparable) : 0;
    int col[4] = { -1, -1, -1, -1 }, exact[4] = { 0, 0, 0, 0 }, has_target = 0;
    for (size_t c = 0; c < table_column_count(t); c++) {
        enum col_role r = table_column_role(t, c);
        int k = r == COL_TARGET ? 0 : r == COL_REALISASI ? 1 : r == COL_CAPAIAN ? 2 : r == COL_SATUAN ? 3 : -1;
        if (k < 0) continue;
        if (k == 0) has_target = 1;
        int cy = table_column_year(t, c);     /* 0: the header names no year (c.year nil) */
        if (cy && has_year && comparable && cy == year) {
            if (!exact[k]) {
                col[k] = (int)c;
                exact[k] = 1;
            }
        } else if (!cy || !has_year) {
            if (col[k] < 0) col[k] = (int)c;
        }
    }
    if (has_target && col[0] < 0) col[2] = -1;  /* a capaian beside another year's target */
    lua_createtable(L, 0, 4);
    for (int k = 0; k < 4; k++) {
        if (col[k] < 0) continue;
        lua_pushinteger(L, col[k] + 1);
        lua_setfield(L, -2, names[k]);
    }
    return 1;
}

static int f_table_row(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > table_row_count(v->t)) return 0;
    push_row(L, v->t, v->index, (size_t)i - 1);
    return 1;
}

static int rows_step(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if ((size_t)i > table_row_count(v->t)) return 0;
    lua_pushinteger(L, i);
    push_row(L, v->t, v->index, (size_t)i - 1);
    return 2;
}

/* for i, row in t:rows() */
static int f_table_rows(lua_State *L)
{
    check_class(L, 1, CLASS_TABLE, TABLE_MT);
    lua_pushcfunction(L, rows_step);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

static const char *const number_kind_names[] = { "empty", "missing", "value", "text", "invalid" };

/* ---- censuses: what a table holds, counted in C --------------------
 * A table-level rule that judges only some cells (the unreadable ones,
 * the bounds and grades, a total row) asks first whether the table has
 * any, instead of building a Lua table per cell to find out. */

/* The row-kind argument at idx: -1 (every row) when absent. */
static int kind_arg(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx)) return -1;
    const char *name = luaL_checkstring(L, idx);
    for (int k = ROW_DATA; k <= ROW_TOTAL; k++)
        if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) return k;
    return luaL_error(L, "unknown row kind '%s'", name);
}

/* Columns of a table whose census buffer is the caller's (on the C
 * stack, which a Lua error unwinds as well): a userdata per census was
 * half of what one cost (an allocation and its collection). */
#define CENSUS_LOCAL 64

/* The columns a census covers, as a 0/1 byte per column (in local, room
 * for CENSUS_LOCAL columns, else a buffer on the Lua stack): nil, every
 * column; a role name or index, that column (the first of a role, as
 * row:cell reads it); a list of role names and indices, every column of
 * one of those roles and each index. NULL when a single named column is
 * absent. */
static unsigned char *census_columns(lua_State *L, const table *t, int idx, unsigned char *local)
{
    size_t n = table_column_count(t);
    idx = lua_absindex(L, idx);
    int every = lua_isnoneornil(L, idx);           /* before a buffer takes the slot */
    unsigned char *want = n <= CENSUS_LOCAL ? local : lua_newuserdatauv(L, n ? n : 1, 0);
    memset(want, every, n ? n : 1);
    if (every) return want;
    if (!lua_istable(L, idx)) {
        int c = column_arg(L, t, idx);
        if (c < 0) return NULL;
        want[c] = 1;
        return want;
    }
    lua_Integer len = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= len; i++) {
        lua_rawgeti(L, idx, i);
        if (lua_type(L, -1) == LUA_TNUMBER) {
            int c = column_arg(L, t, -1);
            if (c >= 0) want[c] = 1;
        } else {
            if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "a list of columns holds role names and 1-based indices");
            enum col_role role = role_arg(L, -1);
            for (size_t c = 0; c < n; c++)
                if (table_column_role(t, c) == role) want[c] = 1;
        }
        lua_pop(L, 1);
    }
    return want;
}

/* The C work of a census, for the instruction budget (the count hook sees
 * none of it): one instruction per cell looked at. */
static void charge_cells(lua_State *L, const table *t, const unsigned char *want)
{
    long long cols = 0;
    for (size_t c = 0; c < table_column_count(t); c++) cols += want[c];
    charge(L, cols * (long long)table_row_count(t) + 1);
}

/* t:row_kinds() -> {data = n, group = n, total = n} */
static int f_table_row_kinds(lua_State *L)
{
    const table *t = check_table(L, 1);
    charge(L, (long long)table_row_count(t) + 1);
    lua_Integer count[ROW_TOTAL + 1] = { 0 };
    for (size_t r = 0; r < table_row_count(t); r++) count[table_row_kind(t, r)]++;
    lua_createtable(L, 0, ROW_TOTAL + 1);
    for (int k = ROW_DATA; k <= ROW_TOTAL; k++) set_integer(L, row_kind_name((enum row_kind)k), count[k]);
    return 1;
}

/* What every census over t:NAME(cols, kind) starts with: the table, the
 * row kind, the columns (census_columns), the cells' cost charged. NULL
 * with nil pushed when a single named column is absent. */
static unsigned char *census_start(lua_State *L, const table **t, int *kind, unsigned char *local)
{
    *t = check_table(L, 1);
    *kind = kind_arg(L, 3);
    unsigned char *want = census_columns(L, *t, 2, local);
    if (!want) {
        lua_pushnil(L);
        return NULL;
    }
    charge_cells(L, *t, want);
    return want;
}

/* t:summary([cols [, kind]]) -> counts over the cells of those columns
 * (census_columns) in rows of that kind: cells; by kind empty, missing,
 * value, text, invalid; of the value cells, those flagged percent,
 * ambiguous, malformed, currency, scientific, those with a unit, and
 * unsettled (ambiguous in a column whose style the file's convention
 * alone decided); filled. Every key is present. nil when a single named
 * column is absent. */
static int f_table_summary(lua_State *L)
{
    enum { PERCENT, AMBIGUOUS, MALFORMED, CURRENCY, SCIENTIFIC, UNIT, UNSETTLED, FILLED, CELLS, NCOUNT };
    static const char *const names[NCOUNT] = {
        "percent", "ambiguous", "malformed", "currency", "scientific", "unit", "unsettled", "filled", "cells",
    };
    /* t:summary(cols, kind, name): that one count, without the table of
     * them all (penomoran asks one count of every table) */
    int only = -1;
    if (!lua_isnoneornil(L, 4)) {
        const char *name = luaL_checkstring(L, 4);
        for (int k = 0; k < NCOUNT && only < 0; k++)
            if (strcmp(name, names[k]) == 0) only = k;
        for (int k = NUMBER_EMPTY; k <= NUMBER_INVALID && only < 0; k++)
            if (strcmp(name, number_kind_names[k]) == 0) only = NCOUNT + k;
        if (only < 0) return luaL_error(L, "t:summary: no count '%s'", name);
    }
    const table *t;
    int kind;
    unsigned char local[CENSUS_LOCAL];
    const unsigned char *want = census_start(L, &t, &kind, local);
    if (!want) return 1;
    lua_Integer by_kind[NUMBER_INVALID + 1] = { 0 }, count[NCOUNT] = { 0 };
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    /* the wanted columns listed (their ambiguous values unsettled or not),
     * then row by row through the row's own cells: a call per cell and a
     * row count per cell were a third of a census, which every family
     * asks of every table */
    size_t local_cols[CENSUS_LOCAL], nwant = 0;
    size_t *cols = ncols <= CENSUS_LOCAL ? local_cols : lua_newuserdatauv(L, ncols * sizeof *cols, 0);
    for (size_t c = 0; c < ncols; c++) {
        if (!want[c]) continue;
        cols[nwant++] = c << 1 | (table_column_style_basis(t, c) == STYLE_BASIS_FILE);
    }
    /* one flag asked (penomoran asks "percent" of every table): that flag only */
    static const unsigned char flag_of[NCOUNT] = { [PERCENT] = NUMBER_PERCENT, [AMBIGUOUS] = NUMBER_AMBIGUOUS,
                                                   [MALFORMED] = NUMBER_MALFORMED, [CURRENCY] = NUMBER_CURRENCY,
                                                   [SCIENTIFIC] = NUMBER_SCIENTIFIC };
    unsigned char flag = only >= 0 && only < NCOUNT ? flag_of[only] : 0;
    if (flag) {
        lua_Integer n = 0;
        for (size_t r = 0; r < nrows; r++) {
            if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
            const cell *cells = table_row_cells(t, r);
            for (size_t i = 0; i < nwant; i++) {
                const cell_number *x = &cells[cols[i] >> 1].num;
                n += x->kind == NUMBER_VALUE && (x->flags & flag);
            }
        }
        lua_pushinteger(L, n);
        return 1;
    }
    for (size_t r = 0; r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *cells = table_row_cells(t, r);
        for (size_t i = 0; i < nwant; i++) {
            const cell *x = &cells[cols[i] >> 1];
            const cell_number *n = &x->num;
            by_kind[n->kind]++;
            if (x->filled) count[FILLED]++;
            if (n->kind != NUMBER_VALUE) continue;
            if (n->flags & NUMBER_PERCENT) count[PERCENT]++;
            if (n->flags & NUMBER_AMBIGUOUS) {
                count[AMBIGUOUS]++;
                if (cols[i] & 1) count[UNSETTLED]++;
            }
            if (n->flags & NUMBER_MALFORMED) count[MALFORMED]++;
            if (n->flags & NUMBER_CURRENCY) count[CURRENCY]++;
            if (n->flags & NUMBER_SCIENTIFIC) count[SCIENTIFIC]++;
            if (n->unit[0]) count[UNIT]++;
        }
    }
    for (int k = NUMBER_EMPTY; k <= NUMBER_INVALID; k++) count[CELLS] += by_kind[k];
    if (only >= 0) {
        lua_pushinteger(L, only < NCOUNT ? count[only] : by_kind[only - NCOUNT]);
        return 1;
    }
    lua_createtable(L, 0, NCOUNT + NUMBER_INVALID + 1);
    for (int k = 0; k < NCOUNT; k++) set_integer(L, names[k], count[k]);
    for (int k = NUMBER_EMPTY; k <= NUMBER_INVALID; k++) set_integer(L, number_kind_names[k], by_kind[k]);
    return 1;
}

/* t:value_types([cols [, kind]]) -> {cells = n, number = n, bound = n,
 * ...}: how many cells read as each typed value (row:value), every type
 * present; nil when a single named column is absent. */
static int f_table_value_types(lua_State *L)
{
    const table *t;
    int kind;
    unsigned char local[CENSUS_LOCAL];
    const unsigned char *want = census_start(L, &t, &kind, local);
    if (!want) return 1;
    lua_Integer count[VALUE_INVALID + 1] = { 0 }, cells = 0;
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    for (size_t c = 0; c < ncols; c++) {
        if (!want[c]) continue;
        enum number_style style = table_column_number_style(t, c);
        for (size_t r = 0; r < nrows; r++) {
            if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
            const cell *x = &table_row_cells(t, r)[c];
            size_t len = strlen(x->text);
            cells++;
            /* the cell was read as a number with this column's style when
             * it loaded: no need to read it again */
            if (x->num.kind == NUMBER_VALUE && value_plain_number_text(x->text, len)) {
                count[VALUE_NUMBER]++;
                continue;
            }
            typed_value tv;
            value_parse(x->text, len, style, &tv);
            count[tv.kind]++;
        }
    }
    lua_createtable(L, 0, VALUE_INVALID + 2);
    set_integer(L, "cells", cells);
    for (int k = VALUE_EMPTY; k <= VALUE_INVALID; k++) set_integer(L, value_kind_name((enum value_kind)k), count[k]);
    return 1;
}

/* A plain row number as a No column writes it: "7", "7.", "(7)", "7)",
 * blanks around (Lua's %s); -1 for anything else (2.1, a., IV) and for a
 * number beyond a Lua integer. */
static long long plain_row_number(const char *s)
{
    /* the usual cell first: a few digits alone ("7"), read at once */
    if (s[0] >= '1' && s[0] <= '9') {
        long long v = s[0] - '0';
        int k = 1;
        while (k < 15 && s[k] >= '0' && s[k] <= '9') v = v * 10 + (s[k++] - '0');
        if (s[k] == '\0') return v;
    }
    while (isspace((unsigned char)*s)) s++;
    if (*s == '(') s++;
    while (isspace((unsigned char)*s)) s++;
    if (!isdigit((unsigned char)*s)) return -1;
    unsigned long long v = 0;
    for (; isdigit((unsigned char)*s); s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > ((unsigned long long)LLONG_MAX - d) / 10) return -1;
        v = v * 10 + d;
    }
    while (isspace((unsigned char)*s)) s++;
    if (*s == '.' || *s == ')') s++;
    while (isspace((unsigned char)*s)) s++;
    return *s ? -1 : (long long)v;
}

/* t:row_numbers(col) -> numbers, rows: the plain row number of each row
 * whose cell in col is one (plain_row_number) and the row's index, in
 * row order; nil when the column is absent. */
static int f_table_row_numbers(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    int c = column_arg(L, v->t, 2);
    if (c < 0) {
        lua_pushnil(L);
        return 1;
    }
    size_t rows = table_row_count(v->t), count = 0;
    charge(L, 2 * (long long)rows + 1);
    for (size_t r = 0; r < rows; r++)
        if (plain_row_number(table_cell(v->t, r, (size_t)c)->text) >= 0) count++;
    lua_createtable(L, (int)count, 0);
    lua_createtable(L, (int)count, 0);
    lua_Integer n = 0;
    for (size_t r = 0; r < rows; r++) {
        long long num = plain_row_number(table_cell(v->t, r, (size_t)c)->text);
        if (num < 0) continue;
        n++;
        lua_pushinteger(L, (lua_Integer)num);
        lua_rawseti(L, -3, n);
        lua_pushinteger(L, (lua_Integer)r + 1);
        lua_rawseti(L, -2, n);
    }
    return 2;
}

/* t:row_number_breaks(col) -> numbers, rows as t:row_numbers, but only
 * when a step of the numbering is neither the next number nor a restart
 * at 1; else nil (nil too when the column is absent). A numbering check
 * on a table numbered 1, 2, 3 ... makes no list: on a long-form export
 * most are, and making the two lists was most of penomoran's cost. */
static int f_table_row_number_breaks(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    int c = column_arg(L, v->t, 2);
    if (c < 0) {
        lua_pushnil(L);
        return 1;
    }
    size_t rows = table_row_count(v->t);
    charge(L, (long long)rows + 1);
    long long prev = -1;
    int breaks = 0;
    for (size_t r = 0; r < rows && !breaks; r++) {
        long long num = plain_row_number(table_cell(v->t, r, (size_t)c)->text);
        if (num < 0) continue;
        if (prev >= 0 && num - 1 != prev && num != 1) breaks = 1;   /* num - 1: no overflow */
        prev = num;
    }
    if (!breaks) {
        lua_pushnil(L);
        return 1;
    }
    lua_settop(L, 2);
    return f_table_row_numbers(L);
}

/* t:texts(col [, kind]) -> { text or false, ... }: the text of the cell
 * in col of every row ("" when empty), false for a row not of that kind;
 * nil when the column is absent. One call for a column a rule reads on
 * every row, instead of a row view and a method call per row. */
static int f_table_texts(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    int c = column_arg(L, v->t, 2);
    int kind = kind_arg(L, 3);
    if (c < 0) {
        lua_pushnil(L);
        return 1;
    }
    size_t n = table_row_count(v->t);
    charge(L, (long long)n + 1);                  /* one per cell, as the censuses */
    int cache = push_run_cache(L);
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t r = 0; r < n; r++) {
        if (kind >= 0 && (int)table_row_kind(v->t, r) != kind) lua_pushboolean(L, 0);
        else push_cell_text(L, cache, table_cell(v->t, r, (size_t)c)->text);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

/* The text a row is known by: indicator, else program, else sasaran. */
const char *row_label(const table *t, size_t row)
{
    static const enum col_role order[] = { COL_INDIKATOR, COL_PROGRAM, COL_SASARAN };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int c = table_find_role(t, order[i]);
        if (c >= 0 && table_cell(t, row, (size_t)c)->text[0]) return table_cell(t, row, (size_t)c)->text;
    }
    return NULL;
}

/* t:labels([kind]) -> { label or false, ... }: row.label of every row,
 * false for a row without one or not of that kind. One call for a rule
 * that looks at every row's label (a lexicon, a share "Persentase …")
 * and makes a row view (t:row(i)) only for the rows it acts on. */
static int f_table_labels(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    int kind = kind_arg(L, 2);
    size_t n = table_row_count(v->t);
    charge(L, (long long)n + 1);                  /* one per row, as t:texts */
    int cache = push_run_cache(L);
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t r = 0; r < n; r++) {
        const char *label = kind >= 0 && (int)table_row_kind(v->t, r) != kind ? NULL : row_label(v->t, r);
        if (label) push_cell_text(L, cache, label);
        else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

enum { WP_LINE, WP_INDEX, WP_KIND, WP_LABEL, WP_GROUP, WP_HIDDEN, WP_TABLE };
static const char *const row_properties[] = { "line", "index", "kind", "label", "group", "hidden", "table", NULL };

static int f_row_index(lua_State *L)
{
    row_view *v = SELF(row_view);                      /* see f_report_index */
    switch (CODE) {
    case WP_LINE: lua_pushinteger(L, table_row_line(v->t, v->row)); break;
    case WP_INDEX: lua_pushinteger(L, (lua_Integer)v->row + 1); break;
    case WP_KIND: lua_pushstring(L, row_kind_name(table_row_kind(v->t, v->row))); break;
    case WP_LABEL: push_cell_text(L, push_run_cache(L), row_label(v->t, v->row)); break;
    case WP_GROUP: lua_pushstring(L, table_row_group(v->t, v->row)); break;
    case WP_HIDDEN: lua_pushboolean(L, table_cell_note(v->t, v->row, -1, "hidden") != NULL); break;
    case WP_TABLE: push_table(L, get_script(L)->rep, v->tindex); break;
    default: lua_pushnil(L); break;
    }
    return 1;
}

static const cell *row_cell(lua_State *L, row_view *v, int idx)
{
    int c = column_arg(L, v->t, idx);
    return c < 0 ? NULL : table_cell(v->t, v->row, (size_t)c);
}

/* row:text(col) -> string ("" when empty) or nil when the column is absent */
static int f_row_text(lua_State *L)
{
    const cell *c = row_cell(L, check_row(L, 1), 2);
    if (!c) return 0;
    push_cell_text(L, push_run_cache(L), c->text);
    return 1;
}

/* row:num(col) -> decimal or nil */
static int f_row_num(lua_State *L)
{
    const cell *c = row_cell(L, check_row(L, 1), 2);
    if (!c || c->num.kind != NUMBER_VALUE) return 0;
    push_decimal(L, c->num.value);
    return 1;
}

/* What a workbook says about the cell (table_cell_note): formula, r1c1,
 * format, hidden as they are; "type" as value_type and the stored "value"
 * as stored, beside the cell's own kind and value. */
static void push_cell_notes(lua_State *L, const table *t, size_t row, int col)
{
    if (!table_has_notes(t)) return;
    size_t first, n = table_cell_notes(t, row, col, &first);
    for (size_t i = first; i < first + n; i++) {
        const char *key, *value;
        table_note_at(t, i, &key, &value);
        if (strcmp(key, "type") == 0) key = "value_type";
        else if (strcmp(key, "value") == 0) key = "stored";
        if (!value) continue;
        lua_pushstring(L, value);           /* the note's own key: not static (push_key) */
        lua_setfield(L, -2, key);
    }
}

/* row:cell(col) -> {text, kind, value, percent, unit, ...} or nil;
 * from a workbook also {formula, r1c1, value_type, format, stored, hidden} */
static int f_row_cell(lua_State *L)
{
    row_view *v = check_row(L, 1);
    int col = column_arg(L, v->t, 2);
    if (col < 0) return 0;
    const cell *c = table_cell(v->t, v->row, (size_t)col);
    const cell_number *n = &c->num;
    /* sized to its fields (text, kind, column, unit and what is present):
     * a smaller table is cheaper to make and to collect */
    int fields = 4 + (n->kind == NUMBER_VALUE) + (c->filled != 0) + (n->note[0] != '\0');
    for (unsigned f = n->flags & (NUMBER_PERCENT | NUMBER_AMBIGUOUS | NUMBER_MALFORMED | NUMBER_CURRENCY | NUMBER_SCIENTIFIC);
         f; f &= f - 1)
        fields++;
    if (table_has_notes(v->t)) fields += 6;
    lua_createtable(L, 0, fields);
    set_string(L, "text", c->text);
    set_string(L, "kind", number_kind_names[n->kind]);
    set_integer(L, "column", col + 1);
    if (n->kind == NUMBER_VALUE) {
        push_key(L, "value");
        push_decimal(L, n->value);
        lua_rawset(L, -3);
    }
    /* flags are set only when true (absent reads as false): this runs for
     * every cell a rule looks at, so fewer fields is faster */
    if (n->flags & NUMBER_PERCENT) set_boolean(L, "percent", 1);
    if (n->flags & NUMBER_AMBIGUOUS) set_boolean(L, "ambiguous", 1);
    if (n->flags & NUMBER_MALFORMED) set_boolean(L, "malformed", 1);
    if (n->flags & NUMBER_CURRENCY) set_boolean(L, "currency", 1);
    if (n->flags & NUMBER_SCIENTIFIC) set_boolean(L, "scientific", 1);
    if (c->filled) set_boolean(L, "filled", 1);
    set_string(L, "unit", n->unit);
    if (n->note[0]) set_string(L, "note", n->note);
    push_cell_notes(L, v->t, v->row, col);
    return 1;
}

/* One number inside a typed value, as a table: {value=, percent=, unit=}. */
static void push_value_number(lua_State *L, const number *n)
{
    lua_createtable(L, 0, 3);
    push_key(L, "value");
    push_decimal(L, n->value);
    lua_rawset(L, -3);
    if (n->flags & NUMBER_PERCENT) set_boolean(L, "percent", 1);
    set_string(L, "unit", n->unit);
}

/* row:value(col) -> the cell as a typed value (model/value.h), read in its
 * column's style: {type=, text=, column=, ...} or nil when the column is
 * absent. type "number": value, percent, unit; "bound": op ("<", "<=",
 * ">", ">="), limit {value, percent, unit}; "range": low, high; "ratio":
 * first, second; "rate": value, base (decimals), base_unit; "grade": word,
 * scale, rank; "missing": word; "text", "invalid", "empty". */
static int f_row_value(lua_State *L)
{
    row_view *v = check_row(L, 1);
    int col = column_arg(L, v->t, 2);
    if (col < 0) return 0;
    const cell *c = table_cell(v->t, v->row, (size_t)col);
    typed_value tv;
    value_parse(c->text, strlen(c->text), table_column_number_style(v->t, (size_t)col), &tv);
    lua_createtable(L, 0, 6);
    set_string(L, "type", value_kind_name(tv.kind));
    set_string(L, "text", c->text);
    set_integer(L, "column", col + 1);
    switch (tv.kind) {
    case VALUE_NUMBER:
        push_decimal(L, tv.a.value);
        lua_setfield(L, -2, "value");
        if (tv.a.flags & NUMBER_PERCENT) set_boolean(L, "percent", 1);
        set_string(L, "unit", tv.a.unit);
        break;
    case VALUE_BOUND:
        set_string(L, "op", bound_op_text(tv.op));
        push_value_number(L, &tv.a);
        lua_setfield(L, -2, "limit");
        break;
    case VALUE_RANGE:
        push_value_number(L, &tv.a);
        lua_setfield(L, -2, "low");
        push_value_number(L, &tv.b);
        lua_setfield(L, -2, "high");
        break;
    case VALUE_RATIO:
        push_decimal(L, tv.a.value);
        lua_setfield(L, -2, "first");
        push_decimal(L, tv.b.value);
        lua_setfield(L, -2, "second");
        break;
    case VALUE_RATE:
        push_decimal(L, tv.a.value);
        lua_setfield(L, -2, "value");
        push_decimal(L, tv.b.value);
        lua_setfield(L, -2, "base");
        set_string(L, "base_unit", tv.word);
        break;
    case VALUE_GRADE:
        set_string(L, "word", tv.word);
        set_string(L, "scale", tv.scale);
        set_integer(L, "rank", tv.rank);
        break;
    case VALUE_MISSING:
        set_string(L, "word", tv.word);
        break;
    default:
        break;
    }
    return 1;
}

static const luaL_Reg report_methods[] = {
    { "table", f_report_table },
    { "tables", f_report_tables },
    { "paragraphs", f_report_paragraphs },
    { "notes", f_report_notes },
    { "inputs", f_report_inputs },
    { NULL, NULL }
};

static const luaL_Reg table_methods[] = {
    { "titles", f_table_titles },
    { "meta", f_table_meta },
    { "columns", f_table_columns },
    { "colnum_line", f_table_colnum_line },
    { "col", f_table_col },
    { "value_columns", f_table_value_columns },
    { "row", f_table_row },
    { "rows", f_table_rows },
    { "row_kinds", f_table_row_kinds },
    { "summary", f_table_summary },
    { "value_types", f_table_value_types },
    { "row_numbers", f_table_row_numbers },
    { "row_number_breaks", f_table_row_number_breaks },
    { "texts", f_table_texts },
    { "labels", f_table_labels },
    { NULL, NULL }
};

static const luaL_Reg row_methods[] = {
    { "text", f_row_text },
    { "num", f_row_num },
    { "cell", f_row_cell },
    { "value", f_row_value },
    { NULL, NULL }
};

/* A new view of r (ctx.previous) */
void push_report(lua_State *L, const report *r)
{
    report_view *v = new_object(L, CLASS_REPORT, 0);
    v->r = r;
}

/* ctx.report: the view of the report being audited, one for all nineteen
 * families (a view has no user value and a locked metatable, so a family
 * cannot leave anything on it for another), kept until the report ends
 * (internal.h: rep_view_ref). A view per family and report was a new
 * userdata and its collection, 9 633 of them on the 20k-row file. */
void push_report_view(lua_State *L)
{
    script *s = get_script(L);
    if (s->rep_view_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->rep_view_ref);
        return;
    }
    push_report(L, s->rep);
    lua_pushvalue(L, -1);
    s->rep_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

void open_views(lua_State *L)
{
    open_roles(L);
    open_read_only(L);
    open_columns_cache(L);
    define_class(L, REPORT_MT, f_report_index, report_properties, report_methods, NULL);
    define_class(L, TABLE_MT, f_table_index, table_properties, table_methods, NULL);
    define_class(L, ROW_MT, f_row_index, row_properties, row_methods, NULL);
    keep_class(L, REPORT_MT, CLASS_REPORT);
    keep_class(L, TABLE_MT, CLASS_TABLE);
    keep_class(L, ROW_MT, CLASS_ROW);
}
