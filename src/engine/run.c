/*
 * run.c — the run loop: for each enabled family, begin(ctx, report), then
 * check_table and check_row over every table and row, then finish; each
 * call guarded (budget, memory, errors become engine findings and stop
 * that family only); ctx:emit() turns a rule's call into a finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/internal.h"
#include "util/timeline.h"
#include "util/util.h"

static int family_declares(const family *fam, const char *id)
{
    for (size_t i = 0; i < fam->nrules; i++)
        if (strcmp(fam->rule_ids[i], id) == 0) return 1;
    return 0;
}

/* The place of rule id among the family's rules, or -1: not declared there. */
static long family_rule_index(const family *fam, const char *id)
{
    for (size_t i = 0; i < fam->nrules; i++)
        if (strcmp(fam->rule_ids[i], id) == 0) return (long)i;
    return -1;
}

/* The longest {name} of a message checked for a value (longer ones are text). */
#define PLACEHOLDER_MAX 64

/* A field value as text: decimals in the table's (Indonesian) style.
 * The type first: nearly every field is a string, which needs no decimal
 * class check (to_class: a metatable lookup per field of every finding). */
static const char *field_text(lua_State *L, int idx, char *buf, size_t size)
{
    int type = lua_type(L, idx);
    if (type == LUA_TSTRING) return lua_tostring(L, idx);
    /* a decimal is a full userdata; any other value is not one */
    decimal *d = type == LUA_TUSERDATA ? to_class(L, idx, CLASS_DECIMAL) : NULL;
    if (d) {
        decimal_format(*d, ',', 0, buf, size);
        return buf;
    }
    switch (type) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            snprintf(buf, size, "%lld", (long long)lua_tointeger(L, idx));
            return buf;
        }
        luaL_error(L, "finding fields must not be floating point numbers (use decimal)");
        return NULL;
    case LUA_TBOOLEAN: return lua_toboolean(L, idx) ? "true" : "false";
    default:
        luaL_error(L, "finding field of type %s (expected string, integer or decimal)", luaL_typename(L, idx));
        return NULL;
    }
}

/* The places (place.h) of a finding at line `line` of file, in the table
 * t (may be NULL) whose first line is table_line, in a workbook or
 * document: of its line, or of the cell of column `col` of row `row`
 * (-1: none); and of its table. Returns the cell's formula, if any, for
 * the field cell_formula. */
static const char *finding_places(const report *rep, const char *file, int line, int table_line, const table *t,
                                  long row, int col, place *where, place *table_where)
{
    *where = report_place_at(rep, file, line);
    *table_where = report_place_at(rep, file, table_line);
    if (t && col >= 0 && where->kind != PLACE_NONE) where->col = table_column_source(t, (size_t)col);
    /* a table is named by its top-left cell in a sheet, by its number in a document */
    if (table_where->kind == PLACE_SHEET) table_where->col = t && table_column_source(t, 0) > 0 ? table_column_source(t, 0) : 1;
    else if (table_where->table > 0) table_where->row = table_where->col = 0;
    /* the formula behind the value the finding is about: evidence for the fix */
    return t && row >= 0 && col >= 0 ? table_cell_note(t, (size_t)row, col, "formula") : NULL;
}

/* The distinct {names} the message and fix of rule `info` use (both
 * languages), in the order they first appear, each ended by a NUL byte (a
 * name is never empty); made at the rule's first finding and kept with
 * its family, by the rule's place among the family's rules (k): the names
 * are read in C for every finding, with no Lua call (they were kept in a
 * registry table, looked up by the id string for every finding). Returns
 * them, their length in *len. */
static const char *rule_placeholders(family *fam, size_t k, const rule_info *info, size_t *len)
{
    if (!fam->placeholders) {
        fam->placeholders = xcalloc(fam->nrules ? fam->nrules : 1, sizeof *fam->placeholders);
        fam->placeholders_len = xcalloc(fam->nrules ? fam->nrules : 1, sizeof *fam->placeholders_len);
    }
    if (!fam->placeholders[k]) {
        size_t used = 0, cap = 16;
        char *names = xmalloc(cap);
        const char *texts[4] = { info->message[0], info->message[1], info->fix[0], info->fix[1] };
        for (int t = 0; t < 4; t++) {
            for (const char *p = texts[t]; p && (p = strchr(p, '{')); p++) {
                size_t n = placeholder_length(p);
                if (!n || n >= PLACEHOLDER_MAX) continue;
                int dup = 0;
                for (size_t at = 0; at < used && !dup; at += strlen(names + at) + 1)
                    dup = strlen(names + at) == n && memcmp(names + at, p + 1, n) == 0;
                if (dup) continue;
                if (used + n + 1 > cap) {
                    while (used + n + 1 > cap) cap *= 2;
                    names = xrealloc(names, cap);
                }
                memcpy(names + used, p + 1, n);
                names[used + n] = '\0';
                used += n + 1;
            }
        }
        fam->placeholders[k] = names;
        fam->placeholders_len[k] = used;
    }
    *len = fam->placeholders_len[k];
    return fam->placeholders[k];
}

/* A field of a finding: its name and its text (field_text), both alive
 * until ctx:emit returns (the strings are the fields table's, or the
 * finding's own copy below). */
typedef struct {
    const char *key, *value;
    size_t key_len;             /* the Lua string's (it may hold a NUL byte) */
    size_t key_c_len, value_c_len;  /* their strlen: what the finding copies */
    bool place;                 /* a place key (place_key): not a field of the finding */
} emit_field;

/* The first {name} of the rule's message or fix (either language) that this
 * finding would have no value for — neither among its fields (the `nkept`
 * kept ones when they are all of them, nfields <= nkept; else looked
 * up in the table at index `fields`; 0: none) nor a slot it has
 * (indicator, table, file; line always) — copied into name
 * (PLACEHOLDER_MAX bytes); false when there is none. Such a message would
 * reach the reader with "{name}" in it. A name is looked up once however
 * often the texts use it. */
static bool missing_placeholder(lua_State *L, family *fam, size_t k, const rule_info *info, int fields,
                                const emit_field *kept, size_t nkept, size_t nfields, bool has_indicator,
                                bool has_table, bool has_file, char *name)
{
    size_t len;
    const char *names = rule_placeholders(fam, k, info, &len);
    for (const char *at = names, *end = names + len; at < end; at += strlen(at) + 1) {
        /* (the first byte before strcmp: up to four per name of every finding) */
        bool given;
        switch (at[0]) {
        case 'l': given = strcmp(at, "line") == 0; break;
        case 'i': given = has_indicator && strcmp(at, "indicator") == 0; break;
        case 't': given = has_table && strcmp(at, "table") == 0; break;
        case 'f': given = has_file && strcmp(at, "file") == 0; break;
        default: given = false; break;
        }
        if (!given && fields && nfields <= nkept) {
            /* every field the table has (lua_next gave each non-nil one) */
            size_t n = strlen(at);
            for (size_t i = 0; i < nfields && !given; i++)
                given = kept[i].key_len == n && memcmp(kept[i].key, at, n) == 0;
        } else if (!given && fields) {
            lua_pushstring(L, at);
            given = lua_rawget(L, fields) != LUA_TNIL;
            lua_pop(L, 1);
        }
        if (!given) {
            strcpy(name, at);
            return true;
        }
    }
    return false;
}

/* Whether field key names the place (line, indicator, cell): not a field of the finding. */
static int place_key(const char *key)
{
    /* (the first byte before strcmp: this runs for every field of every finding) */
    switch (key[0]) {
    case 'l': return strcmp(key, "line") == 0;
    case 'i': return strcmp(key, "indicator") == 0;
    case 'c': return strcmp(key, "cell") == 0;
    default: return 0;
    }
}

/* The value of field key as a finding in file at place `where` shows
 * it: line numbers in fields name rows of the sheet or document
 * (report_localize_field); NULL when unchanged, else a copy for the
 * caller to free. */
static char *localized(script *s, const char *file, const place *where, const char *key, const char *value)
{
    return where->kind != PLACE_NONE || file ? report_localize_field(s->rep, file, where, key, value) : NULL;
}

/* ctx:emit(rule_id, where, fields)
 *   where: a row, a table, or {file=, line=, table=, indicator=}
 *   fields: string keys -> string | integer | decimal | boolean;
 *           `line` and `indicator` override the place, `cell` (a column role
 *           or number) names the cell of a row the finding is about */
static int f_emit(lua_State *L)
{
    script *s = get_script(L);
    const char *id = luaL_checkstring(L, 2);
    family *fam = s->current;
    long k = fam ? family_rule_index(fam, id) : -1;
    if (k < 0) return luaL_error(L, "rule id '%s' is not declared in this rule file", id);
    if (!lua_isnoneornil(L, 4)) luaL_checktype(L, 4, LUA_TTABLE);
    /* the family's rules as family_enabled found them, while they are good */
    const rule_info *info = fam->rules && fam->rules_cat == s->cat && fam->rules_n == fam->nrules
                                    && fam->rules_ncat == catalog_count(s->cat)
                                ? fam->rules[k]
                                : catalog_find(s->cat, id);
    if (!info->enabled) return 0;

    const char *file = NULL, *caption = NULL, *indicator = NULL;
    int line = 0, table_line = 0;
    row_view *rv = to_class(L, 3, CLASS_ROW);
    table_view *tv = rv ? NULL : to_class(L, 3, CLASS_TABLE);
    if (rv) {
        file = table_file(rv->t);
        line = table_row_line(rv->t, rv->row);
        caption = table_caption(rv->t);
        table_line = table_first_line(rv->t);
        indicator = row_label(rv->t, rv->row);
    } else if (tv) {
        file = table_file(tv->t);
        line = table_first_line(tv->t);
        caption = table_caption(tv->t);
        table_line = table_first_line(tv->t);
    } else if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "file") == LUA_TSTRING) file = lua_tostring(L, -1);
        if (lua_getfield(L, 3, "line") == LUA_TNUMBER) line = (int)lua_tointeger(L, -1);
        if (lua_getfield(L, 3, "table") == LUA_TSTRING) caption = lua_tostring(L, -1);
        if (lua_getfield(L, 3, "table_line") == LUA_TNUMBER) table_line = (int)lua_tointeger(L, -1);
        if (lua_getfield(L, 3, "indicator") == LUA_TSTRING) indicator = lua_tostring(L, -1);
        /* the strings stay referenced by the `where` table until we return */
        lua_pop(L, 5);
    } else {
        return luaL_typeerror(L, 3, "row, table or location {file=, line=}");
    }
    int cell_col = -1;      /* fields.cell: the column the finding is about, for its place */
    /* read fields before creating the finding, so a bad field leaves nothing
     * half made; what the finding will copy counts against the memory limit.
     * Each field's text is made once and kept (up to EMIT_KEPT fields; the
     * fields of a finding with more are read again below). The place keys
     * (line, indicator, cell) are seen on the way: no lookup of their own. */
    enum { EMIT_KEPT = 48 };
    emit_field kept[EMIT_KEPT];
    char texts[EMIT_KEPT][64];
    size_t nfields = 0, bytes = 0;
    if (!lua_isnoneornil(L, 4)) {
        char buf[64];
        lua_pushnil(L);
        while (lua_next(L, 4)) {
            if (lua_type(L, -2) != LUA_TSTRING) return luaL_error(L, "finding field names must be strings");
            size_t key_len;
            const char *key = lua_tolstring(L, -2, &key_len);
            bool at_place = place_key(key);
            if (at_place) {
                int type = lua_type(L, -1);
                if (key[0] == 'l' && type == LUA_TNUMBER) line = (int)lua_tointeger(L, -1);
                else if (key[0] == 'i' && type == LUA_TSTRING) indicator = lua_tostring(L, -1);    /* the table's */
                else if (key[0] == 'c' && rv) cell_col = column_arg(L, rv->t, lua_gettop(L));
            }
            if (key[0] == 'j' && strcmp(key, "justification") == 0)
                return luaL_error(L, "finding field 'justification' is reserved: only a reviewer writes it, in the baseline");
            if (key[0] == 'r' && strcmp(key, "report_group") == 0)
                return luaL_error(L, "finding field 'report_group' is reserved: the engine names a long-form report's group with it");
            /* a string value is the fields table's, alive until we return */
            const char *value = field_text(L, -1, nfields < EMIT_KEPT ? texts[nfields] : buf, sizeof buf);
            size_t key_c_len = strlen(key), value_c_len = strlen(value);
            bytes += sizeof(finding_field) + key_c_len + value_c_len + 2;
            if (nfields < EMIT_KEPT) kept[nfields] = (emit_field){ key, value, key_len, key_c_len, value_c_len, at_place };
            nfields++;
            lua_pop(L, 1);
        }
    }
    bytes += sizeof(finding) + strlen(id) + (file ? strlen(file) : 0) + (caption ? strlen(caption) : 0)
             + (indicator ? strlen(indicator) : 0);
    char missing[PLACEHOLDER_MAX];
    if (missing_placeholder(L, fam, (size_t)k, info, lua_isnoneornil(L, 4) ? 0 : 4, kept, EMIT_KEPT, nfields,
                            indicator != NULL, caption != NULL, file != NULL, missing))
        return luaL_error(L, "%s: its message or fix uses {%s}, and this finding has no value for it (give it in the fields)",
                          id, missing);
    if (s->mem_used + s->emitted + bytes > s->mem_limit) {
        s->mem_exhausted = 1;
        return luaL_error(L, "memory limit reached by findings (%I bytes emitted by this rule file)", (lua_Integer)s->emitted);
    }
    s->emitted += bytes;
    place where, table_where;
    const table *t = rv ? rv->t : tv ? tv->t : NULL;
    const char *formula = finding_places(s->whole, file, line, table_line, t, rv ? (long)rv->row : -1, cell_col,
                                         &where, &table_where);
    if (nfields <= EMIT_KEPT) {
        /* the finding made whole at once (the cell's formula first, the
         * place keys left out): one allocation for it all */
        finding_field_in in[EMIT_KEPT + 1];
        char *local[EMIT_KEPT];
        size_t n = 0, nlocal = 0;
        if (formula) in[n++] = (finding_field_in){ "cell_formula", formula, sizeof "cell_formula" - 1, strlen(formula) };
        for (size_t i = 0; i < nfields; i++) {
            if (kept[i].place) continue;
            char *l = localized(s, file, &where, kept[i].key, kept[i].value);
            if (l) local[nlocal++] = l;
            in[n++] = (finding_field_in){ kept[i].key, l ? l : kept[i].value, kept[i].key_c_len,
                                          l ? strlen(l) : kept[i].value_c_len };
        }
        finding_head h = { id, info->severity, file, line, caption, table_line, indicator, &where, &table_where };
        finding_add_whole(s->out, &h, in, n);
        for (size_t i = 0; i < nlocal; i++) free(local[i]);
    } else {
        finding *f = finding_add(s->out, id, info->severity, file, line, caption, table_line, indicator);
        finding_set_place(f, &where, &table_where);
        if (formula) finding_set(f, "cell_formula", formula);
        char buf[64];
        lua_pushnil(L);
        while (lua_next(L, 4)) {
            const char *key = lua_tostring(L, -2), *value = field_text(L, -1, buf, sizeof buf);
            if (!place_key(key)) {
                char *l = localized(s, file, &where, key, value);
                finding_set(f, key, l ? l : value);
                free(l);
            }
            lua_pop(L, 1);
        }
    }
    return 0;
}

/* ctx:note(rule_id, {id = "...", en = "..."}): a note about the whole
 * audit for the report header (finding_list_add_note), in both languages.
 * The rule must be declared in this file; a disabled rule states nothing. */
static int f_note(lua_State *L)
{
    script *s = get_script(L);
    const char *id = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    if (!s->current || !family_declares(s->current, id))
        return luaL_error(L, "rule id '%s' is not declared in this rule file", id);
    if (!catalog_find(s->cat, id)->enabled) return 0;
    lua_getfield(L, 3, "id");
    lua_getfield(L, 3, "en");
    const char *text_id = lua_tostring(L, -2), *text_en = lua_tostring(L, -1);
    if (!text_id || !text_en) return luaL_error(L, "a note needs its text in both languages: {id = ..., en = ...}");
    size_t bytes = strlen(id) + strlen(text_id) + strlen(text_en) + 64;
    if (s->mem_used + s->emitted + bytes > s->mem_limit) {
        s->mem_exhausted = 1;
        return luaL_error(L, "memory limit reached by findings (%I bytes emitted by this rule file)", (lua_Integer)s->emitted);
    }
    s->emitted += bytes;
    finding_list_add_note(s->out, id, text_id, text_en);
    return 0;
}

static int options_newindex(lua_State *L)
{
    return luaL_error(L, "ctx.options is read-only");
}

/* next over the settings (upvalue), for pairs(ctx.options) */
static int options_next(lua_State *L)
{
    lua_settop(L, 2);
    return lua_next(L, lua_upvalueindex(1)) ? 2 : (lua_pushnil(L), 1);
}

static int options_pairs(lua_State *L)
{
    lua_getiuservalue(L, 1, 1);
    lua_pushcclosure(L, options_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int options_index(lua_State *L)
{
    lua_getiuservalue(L, 1, 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    return 1;
}

/* ctx.options: a userdata over the settings — read-only (no rawset
 * either), so no rule file changes what a later one sees. The settings
 * are strings set once per engine, so every ctx shares the one userdata
 * (a ctx is set up per family and report: thousands on a long-form file). */
static const char OPTIONS_KEY = 0;

static void push_options(script *s)
{
    lua_State *L = s->L;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &OPTIONS_KEY) == LUA_TUSERDATA) return;
    lua_pop(L, 1);
    lua_newuserdatauv(L, 0, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->settings_ref);
    lua_setiuservalue(L, -2, 1);
    if (luaL_newmetatable(L, "lakip.options")) {
        lock_metatable(L, options_index, options_newindex);
        lua_pushcfunction(L, options_pairs);
        lua_setfield(L, -2, "__pairs");
    }
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &OPTIONS_KEY);
}

/* ctx:NAME(...) for every rule hook (docs/RULES.md) */
static const luaL_Reg ctx_functions[] = {
    { "emit", f_emit },
    { "note", f_note },
    { "recomputed", f_recomputed },
    { "compared", f_compared },
    { "not_checkable", f_not_checkable },
    { "passed", f_passed },
    { "deferred", f_deferred },
    { "settle", f_settle },
    { "classify", f_classify },
    { NULL, NULL }
};

/* What every ctx of a family shares — its functions, ctx.options,
 * ctx.family — in one table made on the family's first run, reached
 * through the ctx's metatable (__index; the metatable itself is locked).
 * A ctx is set up per family and report: on a long-form file of single-row
 * reports, filling 13 fields into each was an eighth of all instructions
 * (callgrind). */
static void push_ctx_shared(script *s, family *fam)
{
    lua_State *L = s->L;
    if (fam->ctx_meta_ref > 0) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, fam->ctx_meta_ref);
        return;
    }
    lua_createtable(L, 0, 2);
    lua_createtable(L, 0, 11);
    push_options(s);
    lua_setfield(L, -2, "options");
    lua_pushstring(L, fam->name);
    lua_setfield(L, -2, "family");
    luaL_setfuncs(L, ctx_functions, 0);
    lua_setfield(L, -2, "__index");
    lock_metatable(L, NULL, NULL);
    lua_pushvalue(L, -1);
    fam->ctx_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* The family's ctx for this report, with ctx.report (and ctx.previous)
 * set. The table of the family's last report is used again when that
 * report left it as it was made (ctx_left_alone): a new table per family
 * and report, and its collection, was half of what the run loop spent on
 * a family with nothing to check (callgrind). A rule that set anything on
 * ctx gets a new one next time, so nothing it stored reaches a later
 * report; each family has its own, so none reaches another family. */
static void push_ctx(script *s, family *fam)
{
    lua_State *L = s->L;
    int previous = s->previous != NULL;
    if (fam->ctx_ref > 0) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, fam->ctx_ref);
        if (fam->ctx_previous == previous) {
            /* the keys are there (ctx_left_alone) and the metatable has no
             * __newindex: lua_setfield is a raw set of the existing entry */
            push_report_view(L);
            lua_setfield(L, -2, "report");
            if (previous) {
                push_report(L, s->previous);
                lua_setfield(L, -2, "previous");
            }
            return;
        }
        lua_pop(L, 1);
        luaL_unref(L, LUA_REGISTRYINDEX, fam->ctx_ref);
        fam->ctx_ref = 0;
    }
    lua_createtable(L, 0, 1 + previous);        /* what the rules set on it: nothing */
    push_key(L, "report");      /* raw: no metatable yet */
    push_report_view(L);
    lua_rawset(L, -3);
    if (previous) {             /* last year's report, for the year-over-year rules */
        push_key(L, "previous");
        push_report(L, s->previous);
        lua_rawset(L, -3);
    }
    push_ctx_shared(s, fam);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    fam->ctx_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    fam->ctx_previous = previous;
}

/* Whether the ctx at idx holds nothing but the fields push_ctx set: its
 * keys are "report", and "previous" when it has one (a rule may have
 * given them other values, which the next push_ctx sets again). Its
 * metatable is locked, so no rule changed that. Keys are compared by
 * their text: a table's keys are distinct, so these are those. */
static int ctx_left_alone(lua_State *L, int idx, int previous)
{
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t len;
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &len) : NULL;
        int known = key && ((len == 6 && memcmp(key, "report", 6) == 0) ||
                            (previous && len == 8 && memcmp(key, "previous", 8) == 0));
        lua_pop(L, 1);
        if (!known || ++n > 1 + previous) {
            lua_pop(L, 1);      /* the key */
            return 0;
        }
    }
    return n == 1 + previous;
}

void script_set_previous(script *s, const report *previous)
{
    s->previous = previous;
}

/* Calls the function below its nargs arguments under the budget, with
 * the message handler (error_handler) at index handler; on failure
 * records the engine finding and stops the family. */
static int guarded_call(script *s, family *fam, int nargs, int handler)
{
    lua_State *L = s->L;
    gc_checkpoint(s);
    s->mem_exhausted = 0;
    arm_budget(s);
    int st = lua_pcall(L, nargs, 0, handler);
    disarm_budget(s);
    if (st == LUA_OK) return 0;
    int memory = st == LUA_ERRMEM || s->mem_exhausted;
    const char *rule = s->killed ? "engine.rule-timeout" : memory ? "engine.rule-memory" : "engine.rule-error";
    const char *msg = lua_tostring(L, -1);
    char first[1024];
    snprintf(first, sizeof first, "%s", msg ? msg : "error object is not a string");
    char *nl = strstr(first, "\nstack traceback:");
    if (nl) *nl = '\0';
    /* a timeout or memory error names the rule's line where it was stopped
     * (its message may carry no position, or a library's) */
    int line = (s->killed || memory) && strcmp(s->where.source, fam->source) == 0 ? s->where.line : 0;
    if (memory && !s->killed && !strstr(first, "memory")) {
        size_t len = strlen(first);
        snprintf(first + len, sizeof first - len, " (memory limit %zu MiB)", s->mem_limit >> 20);
    }
    engine_finding_at(s, rule, fam->source, line, first, msg);
    lua_pop(L, 1);                                  /* the message */
    fam->failed = 1;
    s->killed = 0;
    lua_gc(L, LUA_GCCOLLECT);
    return -1;
}

/* Pushes the family's hook h and returns 1, or returns 0 when the rule
 * file has none. */
static int push_hook(lua_State *L, const family *fam, enum hook h)
{
    if (fam->hook_refs[h] == LUA_NOREF) return 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, fam->hook_refs[h]);
    return 1;
}

/* Whether the report being audited has what the family's hook h needs
 * to be called (its `needs`, declare.c): tested here, without a call.
 * (The rest — finish's row_calls, check_table's has_notes — run_family
 * tests where it knows them.) */
static int needs_met(const script *s, const family *fam, enum hook h)
{
    const hook_needs *n = &fam->needs[h];
    const report *r = s->rep;
    return (!n->paragraphs || report_paragraph_count(r) >= n->paragraphs)
        && (!n->tables || report_table_count(r) >= n->tables)
        && (!n->notes || report_note_count(r) >= n->notes)
        && (!n->previous || s->previous)
        && (!n->year || report_year(r, NULL));
}

/* Which of the family's begin and finish hooks to call on this report:
 * bit 1 begin, bit 2 finish (present, and their needs met). The report
 * and ctx.previous stay as they are for the family's run, so this is
 * asked once. */
static int ends_called(const script *s, const family *fam)
{
    return (fam->hook_refs[HOOK_BEGIN] != LUA_NOREF && needs_met(s, fam, HOOK_BEGIN))
         | (fam->hook_refs[HOOK_FINISH] != LUA_NOREF && needs_met(s, fam, HOOK_FINISH)) << 1;
}

/* Whether the family calls no hook on this report: begin and finish
 * absent or not needed (ends), and no table for check_table or
 * check_row. Then it is not set up either (push_ctx): on a long-form
 * file of reports without paragraphs, most narrative families. */
static int family_idle(const script *s, const family *fam, int ends)
{
    return !ends && (report_table_count(s->rep) == 0
                     || (fam->hook_refs[HOOK_CHECK_TABLE] == LUA_NOREF && fam->hook_refs[HOOK_CHECK_ROW] == LUA_NOREF));
}

/* The family's ctx at index ctx and the message handler below it, made
 * before its first hook call of the report (until then both slots hold
 * nil): a family whose rows all pass its declared checks in C, and
 * whose begin and finish are not needed, is not set up at all. */
static void ensure_ctx(script *s, family *fam, int ctx)
{
    lua_State *L = s->L;
    if (lua_type(L, ctx) != LUA_TNIL) return;
    /* one message handler under every call of the run (pushed and moved
     * below each call's function, it was a tenth of what a call cost the
     * engine) */
    lua_pushcfunction(L, error_handler);
    lua_replace(L, ctx - 1);
    push_ctx(s, fam);
    lua_replace(L, ctx);
}

/* The family's hooks over the report, with ctx at index ctx and the
 * message handler of every call at index handler (ensure_ctx), begin
 * and finish as ends_called says. */
static void run_family(script *s, family *fam, int ctx, int handler, int ends)
{
    lua_State *L = s->L;
    const report *r = s->rep;
    s->run_spent = 0;
    s->emitted = 0;
    row_checks *checks = s->no_row_checks ? NULL : fam->checks;
    if (fam->checks) row_checks_reset(fam->checks);
    if (ends & 1) {
        ensure_ctx(s, fam, ctx);
        push_hook(L, fam, HOOK_BEGIN);
        lua_pushvalue(L, ctx);
        push_report_view(L);            /* ctx.report, just set (push_ctx) */
        if (guarded_call(s, fam, 2, handler) < 0) return;
    }
    int has_table = fam->hook_refs[HOOK_CHECK_TABLE] != LUA_NOREF && needs_met(s, fam, HOOK_CHECK_TABLE);
    int notes_only = fam->needs[HOOK_CHECK_TABLE].has_notes;
    size_t row_calls = 0;               /* for finish's needs */
    int has_row = push_hook(L, fam, HOOK_CHECK_ROW);
    int row_fn = lua_gettop(L);
    for (size_t ti = 0; ti < report_table_count(r) && !fam->failed; ti++) {
        const table *t = report_table(r, ti);
        if (has_table && (!notes_only || table_has_notes(t))) {
            ensure_ctx(s, fam, ctx);
            push_hook(L, fam, HOOK_CHECK_TABLE);
            lua_pushvalue(L, ctx);
            push_table(L, r, (int)ti + 1);
            if (guarded_call(s, fam, 2, handler) < 0) break;
        }
        if (!has_row) continue;
        /* the declared row checks, planned once for the table: the rows
         * they pass never reach check_row */
        table_plan *plan = checks ? row_checks_plan(s, checks, t) : NULL;
        if (plan && row_checks_skip_table(checks, plan)) {
            row_checks_plan_free(plan);
            continue;
        }
        push_table(L, r, (int)ti + 1);
        int tab = lua_gettop(L);
        for (size_t ri = 0, nrows = table_row_count(t); ri < nrows; ri++) {
            if (plan && row_checks_row(s, fam, plan, t, ti, ri)) continue;
            ensure_ctx(s, fam, ctx);
            row_calls++;
            lua_pushvalue(L, row_fn);
            lua_pushvalue(L, ctx);
            lua_pushvalue(L, tab);
            push_row(L, t, (int)ti + 1, ri);
            if (guarded_call(s, fam, 3, handler) < 0) break;
        }
        row_checks_plan_free(plan);
        lua_pop(L, 1);
    }
    if (has_row) lua_pop(L, 1);
    if (!fam->failed && (ends & 2) && row_calls >= fam->needs[HOOK_FINISH].row_calls) {
        ensure_ctx(s, fam, ctx);
        push_hook(L, fam, HOOK_FINISH);
        lua_pushvalue(L, ctx);
        push_key(L, "report");          /* ctx.report as it is now: raw, as __index has none */
        lua_rawget(L, ctx);
        guarded_call(s, fam, 2, handler);
    }
}

static double thread_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A family runs when at least one of its rules is enabled. Whether one
 * is can change between reports (settings.c, main.c and isolate.c set
 * `enabled` through the entry), so it is read each time; the entries are
 * found once, while the catalogue holds the same ones (internal.h). */
static int family_enabled(const script *s, family *fam)
{
    size_t ncat = catalog_count(s->cat);
    if (fam->rules_cat != s->cat || fam->rules_ncat != ncat || fam->rules_n != fam->nrules) {
        rule_info **rules = realloc(fam->rules, (fam->nrules ? fam->nrules : 1) * sizeof *rules);
        if (!rules) {           /* no room to keep them: found this time */
            for (size_t i = 0; i < fam->nrules; i++)
                if (catalog_find(s->cat, fam->rule_ids[i])->enabled) return 1;
            return 0;
        }
        fam->rules = rules;
        for (size_t i = 0; i < fam->nrules; i++) rules[i] = catalog_find(s->cat, fam->rule_ids[i]);
        fam->rules_cat = s->cat;
        fam->rules_ncat = ncat;
        fam->rules_n = fam->nrules;
    }
    for (size_t i = 0; i < fam->nrules; i++)
        if (fam->rules[i]->enabled) return 1;
    return 0;
}

void run_one_family(script *s, family *fam)
{
    int ends = ends_called(s, fam);
    if (family_idle(s, fam, ends)) return;
    s->current = fam;
    lua_pushnil(s->L);                  /* the message handler and the ctx: ensure_ctx */
    lua_pushnil(s->L);
    int ctx = lua_gettop(s->L);
    run_family(s, fam, ctx, ctx - 1, ends);
    /* (no ctx made: no hook was called, nothing was set on one) */
    if (lua_type(s->L, ctx) != LUA_TNIL && !ctx_left_alone(s->L, ctx, fam->ctx_previous)) {
        luaL_unref(s->L, LUA_REGISTRYINDEX, fam->ctx_ref);
        fam->ctx_ref = 0;
    }
    lua_pop(s->L, 2);
    s->current = NULL;
}

void script_run(script *s, const report *r)
{
    script_run_part(s, r, r);
}

void script_set_findings(script *s, finding_list *out)
{
    s->out = out;
}


/* A family that failed on one report runs again on the next: what a report
 * gets must not depend on which reports the same engine ran before (--jobs). */
void script_begin_report(script *s, const report *r, const report *whole)
{
    s->rep = r;
    s->whole = whole;
    watch_cpu(s);
}

size_t script_family_count(const script *s)
{
    return s->nfamilies;
}

const char *script_family_name(const script *s, size_t i)
{
    return s->families[i].name;
}

size_t script_family_weight(const script *s, size_t i)
{
    return s->families[i].text_len;
}

void script_run_family(script *s, size_t i)
{
    family *fam = &s->families[i];
    gc_checkpoint(s);
    fam->failed = 0;
    if (fam->pending) {
        timeline_mark(+1, "loading family", fam->name);
        declare_pending(s, fam);
        timeline_mark(-1, "loading family", fam->name);
    }
    if (fam->load_failed) return;
    if (!family_enabled(s, fam)) return;
    if (s->progress) s->progress(fam->name, i + 1, s->nfamilies);
    timeline_mark(+1, "family", fam->name);
    if (fam->isolated) isolate_run(s, fam);
    else if (s->profile) {
        double start = thread_cpu_seconds();
        run_one_family(s, fam);
        fam->cpu_seconds += thread_cpu_seconds() - start;
        fam->runs++;
    } else run_one_family(s, fam);
    timeline_mark(-1, "family", fam->name);
}

void script_end_report(script *s)
{
    unwatch_cpu();
    if (s->gc_resume_at) {                  /* the next report's garbage is the first's */
        lua_gc(s->L, LUA_GCRESTART);
        s->gc_resume_at = 0;
    }
    /* forget the report's table views: a long-form file runs one report
     * after another, and a later one may be allocated at the same address */
    lua_pushnil(s->L);
    lua_rawsetp(s->L, LUA_REGISTRYINDEX, s->rep);
    luaL_unref(s->L, LUA_REGISTRYINDEX, s->rep_cache_ref);
    luaL_unref(s->L, LUA_REGISTRYINDEX, s->rep_view_ref);
    s->rep_cache_ref = s->rep_view_ref = LUA_NOREF;
    s->rep = s->whole = NULL;
}

void script_run_part(script *s, const report *r, const report *whole)
{
    script_begin_report(s, r, whole);
    for (size_t i = 0; i < s->nfamilies; i++) script_run_family(s, i);
    script_end_report(s);
}
