/*
 * declare.c — loading rule folders: rules/lib modules are read (and run
 * per rule file by the sandbox), each rule file is run once and the table
 * it returns is checked (known keys, hooks are functions, every rule
 * declaration complete) and copied into the catalog. A file that fails
 * becomes an engine.rule-load finding; the others still load.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/bundled.h"
#include "engine/internal.h"
#include "util/input_file.h"
#include "util/utf8.h"
#include "util/util.h"

/* Through utf8_read_file: a FIFO or device in a rule folder is refused by
 * type, and a rule file has the input size limit. */
char *read_rule_file(const char *path, size_t *len, char *err, size_t errlen)
{
    char *buf;
    int e = utf8_read_file(path, &buf, len);
    if (e) {
        snprintf(err, errlen, "%s: %s", path, input_error_text(e));
        return NULL;
    }
    return buf;
}

/* Runs one rule file (its source, or its embedded bytecode) in a fresh
 * env; leaves its return value on the stack. Returns 0, or -1 with an
 * error message on the stack. */
static int run_file(script *s, const chunk_source *c)
{
    lua_State *L = s->L;
    push_rule_env(s);
    int st = run_chunk(s, c, lua_gettop(L));
    lua_remove(L, -2);                              /* env */
    return st;
}

typedef struct {
    char **names;
    size_t count;
} name_list;

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.lua files of a folder, sorted; -1 if the folder cannot be read. */
static int list_lua_files(const char *dir, name_list *out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    size_t cap = 0;
    out->names = NULL;
    out->count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0 || e->d_name[0] == '.') continue;
        grow_array((void **)&out->names, &cap, out->count + 1, sizeof(char *));
        out->names[out->count++] = xstrdup(e->d_name);
    }
    closedir(d);
    sort_items(out->names, out->count, sizeof(char *), compare_names);
    return 0;
}

static void free_names(name_list *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->names[i]);
    free(l->names);
}

/* dir/name into buf; a path too long for buf is cut, and then fails to open. */
static void join_path(char *buf, size_t size, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    int len = snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    if (len < 0 || (size_t)len >= size) buf[size - 1] = '\0';
}

static lib_source *add_lib(script *s, const char *name, const char *display)
{
    s->libs = xrealloc(s->libs, (s->nlibs + 1) * sizeof(lib_source));
    lib_source *m = &s->libs[s->nlibs++];
    memset(m, 0, sizeof *m);
    m->name = xstrdup(name);
    m->display = xstrdup(display);
    return m;
}

/* Library modules: DIR/lib/NAME.lua returns a table, visible as lib.NAME
 * to the bundled rule files (scope NULL) or to the files of the user
 * folder `scope`. Only read here; push_rule_env runs them. A user module
 * may not take the name of a bundled one: lib.NAME means one thing. */
static void load_lib_dir(script *s, const char *dir, const char *display_dir, const char *scope)
{
    name_list files;
    if (list_lua_files(dir, &files) < 0) return;
    for (size_t i = 0; i < files.count; i++) {
        char path[1024], display[1024], err[1200];
        join_path(path, sizeof path, dir, files.names[i]);
        join_path(display, sizeof display, display_dir, files.names[i]);
        size_t len;
        char *text = read_rule_file(path, &len, err, sizeof err);
        if (!text) {
            engine_finding(s, "engine.rule-load", display, err, NULL);
            continue;
        }
        char *name = xstrndup(files.names[i], strlen(files.names[i]) - 4);
        const lib_source *clash = NULL;
        for (size_t k = 0; scope && k < s->nlibs && !clash; k++)
            if (!s->libs[k].scope && strcmp(s->libs[k].name, name) == 0) clash = &s->libs[k];
        if (clash) {
            char msg[2200];
            snprintf(msg, sizeof msg, "%s:1: library module '%s' has the name of the bundled %s (lib.%s): rename it",
                     display, name, clash->display, name);
            engine_finding_at(s, "engine.rule-load", display, 1, msg, NULL);
            free(text);
        } else {
            lib_source *m = add_lib(s, name, display);
            m->text = text;
            m->len = len;
            m->scope = scope ? xstrdup(scope) : NULL;
        }
        free(name);
    }
    free_names(&files);
}

/* Reads a {id=..., en=...} text pair from field `key` of the table at -1.
 * Returns an error message or NULL. */
static const char *read_texts(lua_State *L, const char *key, char *texts[2], int required, char *err, size_t errlen)
{
    texts[0] = texts[1] = NULL;
    int t = lua_getfield(L, -1, key);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        if (!required) return NULL;
        snprintf(err, errlen, "missing '%s' (a table {id = \"...\", en = \"...\"})", key);
        return err;
    }
    if (t == LUA_TSTRING) {                         /* one text for both languages */
        texts[0] = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        snprintf(err, errlen, "'%s' must be a table {id = ..., en = ...}", key);
        return err;
    }
    static const char *const langs[2] = { "id", "en" };
    for (int i = 0; i < 2; i++) {
        int lt = lua_getfield(L, -1, langs[i]);
        if (lt == LUA_TSTRING) texts[i] = xstrdup(lua_tostring(L, -1));
        else if (lt != LUA_TNIL || i == 0) {
            lua_pop(L, 2);
            free(texts[0]);
            free(texts[1]);
            texts[0] = texts[1] = NULL;
            snprintf(err, errlen, "'%s.%s' must be a string", key, langs[i]);
            return err;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return NULL;
}

static const char *const family_keys[] = { "name", "rules", "rows", "needs", "begin", "check_table", "check_row", "finish", NULL };
static const char *const rule_keys[] = { "id", "severity", "title", "explanation", "message", "fields", "fix", "example", NULL };

/* Placeholders every finding can fill without a field (model/finding.c). */
static const char *const slot_names[] = { "indicator", "table", "file", "line", NULL };

size_t placeholder_length(const char *brace)
{
    size_t n = 0;
    while (brace[1 + n] == '_' || (brace[1 + n] >= 'a' && brace[1 + n] <= 'z') || (brace[1 + n] >= 'A' && brace[1 + n] <= 'Z')
           || (n && brace[1 + n] >= '0' && brace[1 + n] <= '9'))
        n++;
    return n && brace[1 + n] == '}' ? n : 0;
}

/* Checks the `fields` list of the rule declaration at -1 (strings, each a
 * placeholder name) and that every {name} of its message and fix is one
 * of them or a slot every finding has. A brace not followed by a name and
 * a closing brace is plain text. Returns an error message or NULL. */
static const char *check_placeholders(lua_State *L, const rule_info *r, char *err, size_t errlen)
{
    int t = lua_getfield(L, -1, "fields");
    if (t != LUA_TNIL && t != LUA_TTABLE) {
        lua_pop(L, 1);
        return "'fields' must be a list of the names its message uses, e.g. { \"column\", \"value\" }";
    }
    lua_Integer nfields = t == LUA_TTABLE ? luaL_len(L, -1) : 0;
    /* the names read once (the list keeps the strings alive while it is
     * on the stack), not again for every {name} of the four texts */
    enum { KEPT = 64 };
    const char *kept[KEPT];
    size_t kept_len[KEPT];
    for (lua_Integer i = 1; i <= nfields; i++) {
        int ok = lua_rawgeti(L, -1, i) == LUA_TSTRING;
        if (ok && i <= KEPT) kept[i - 1] = lua_tolstring(L, -1, &kept_len[i - 1]);
        lua_pop(L, 1);
        if (!ok) {
            lua_pop(L, 1);
            return "'fields' must be a list of strings";
        }
    }
    const char *texts[4] = { r->message[0], r->message[1], r->fix[0], r->fix[1] };
    static const char *const where[4] = { "message", "message.en", "fix", "fix.en" };
    for (int k = 0; k < 4; k++) {
        for (const char *p = texts[k]; p && (p = strchr(p, '{')); p++) {
            size_t n = placeholder_length(p);
            if (!n) continue;
            int known = 0;
            for (const char *const *slot = slot_names; *slot && !known; slot++)
                known = strlen(*slot) == n && memcmp(*slot, p + 1, n) == 0;
            for (lua_Integer i = 1; i <= nfields && i <= KEPT && !known; i++)
                known = kept_len[i - 1] == n && memcmp(kept[i - 1], p + 1, n) == 0;
            for (lua_Integer i = KEPT + 1; i <= nfields && !known; i++) {
                lua_rawgeti(L, -1, i);
                size_t len;
                const char *f = lua_tolstring(L, -1, &len);
                known = len == n && memcmp(f, p + 1, n) == 0;
                lua_pop(L, 1);
            }
            if (!known) {
                lua_pop(L, 1);
                snprintf(err, errlen, "'{%.*s}' in its %s is not one of its 'fields' (list it there, or correct the name)",
                         (int)n, p + 1, where[k]);
                return err;
            }
        }
    }
    lua_pop(L, 1);
    return NULL;
}

/* A rule's id is its file's family, a dot and a name: capaian.lua
 * declares capaian.*, so an id says where its rule is written. */
static int id_in_family(const char *id, const char *family_name)
{
    size_t n = strlen(family_name);
    return strncmp(id, family_name, n) == 0 && id[n] == '.' && id[n + 1];
}

/* Error message naming the first key of the table at -1 not in `allowed`. */
static const char *unknown_key(lua_State *L, const char *const *allowed, const char *what, char *err, size_t errlen)
{
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        int ok = 0;
        if (lua_type(L, -1) == LUA_TSTRING) {
            /* (the key read once; its first byte before strcmp: every key
             * of every rule declaration, when each engine loads) */
            const char *key = lua_tostring(L, -1);
            for (const char *const *k = allowed; *k && !ok; k++)
                ok = (*k)[0] == key[0] && strcmp(*k, key) == 0;
        }
        if (!ok) {
            snprintf(err, errlen, "unknown key '%s' in %s", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1), what);
            lua_pop(L, 1);
            return err;
        }
    }
    return NULL;
}

static void free_rule_texts(rule_info *r)
{
    for (int i = 0; i < 2; i++) {
        free(r->title[i]);
        free(r->explanation[i]);
        free(r->message[i]);
        free(r->fix[i]);
    }
    free(r->example);
}

/* Validates one rule declaration (table at -1) and adds it to the catalog. */
static const char *declare_rule(script *s, family *fam, char *err, size_t errlen)
{
    lua_State *L = s->L;
    if (!lua_istable(L, -1)) return "each entry of 'rules' must be a table";
    if (unknown_key(L, rule_keys, "rule declaration", err, errlen)) return err;
    rule_info r = { 0 };
    if (lua_getfield(L, -1, "id") != LUA_TSTRING) {
        lua_pop(L, 1);
        return "rule 'id' must be a string";
    }
    r.id = (char *)lua_tostring(L, -1);
    lua_pop(L, 1);                                  /* the family table keeps the string alive */
    if (strncmp(r.id, "engine.", 7) == 0) {
        snprintf(err, errlen, "rule id '%s': the prefix 'engine.' is reserved", r.id);
        return err;
    }
    if (!id_in_family(r.id, fam->name)) {
        snprintf(err, errlen, "rule id '%s' must start with its file's family: %s.lua declares %s.NAME",
                 r.id, fam->name, fam->name);
        return err;
    }
    lua_getfield(L, -1, "severity");
    if (!lua_isstring(L, -1) || severity_from_name(lua_tostring(L, -1), &r.severity) < 0) {
        lua_pop(L, 1);
        snprintf(err, errlen, "rule '%s': 'severity' must be \"error\", \"warning\" or \"info\"", r.id);
        return err;
    }
    lua_pop(L, 1);
    r.default_severity = r.severity;
    r.enabled = 1;
    r.family = fam->name;
    r.source = fam->source;
    char sub[256];
    const char *e = read_texts(L, "title", r.title, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "explanation", r.explanation, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "message", r.message, 1, sub, sizeof sub);
    if (!e) e = read_texts(L, "fix", r.fix, 0, sub, sizeof sub);
    if (!e) e = check_placeholders(L, &r, sub, sizeof sub);
    if (!e) {
        int t = lua_getfield(L, -1, "example");
        if (t == LUA_TSTRING) r.example = xstrdup(lua_tostring(L, -1));
        else if (t != LUA_TNIL) e = "'example' must be a string";
        lua_pop(L, 1);
    }
    const char *id = r.id;
    if (!e && !s->follower && !catalog_add(s->cat, &r)) {
        snprintf(sub, sizeof sub, "duplicate rule id (already declared by %s)", catalog_find(s->cat, id)->source);
        e = sub;
    }
    free_rule_texts(&r);
    if (e) {
        snprintf(err, errlen, "rule '%s': %s", id, e);
        return err;
    }
    fam->rule_ids = xrealloc(fam->rule_ids, (fam->nrules + 1) * sizeof(char *));
    fam->rule_ids[fam->nrules++] = xstrdup(id);
    return NULL;
}

/* One hook's entry of `needs` (the table at -1, of hook h named `hook`):
 * counts (paragraphs, tables, notes; finish: row_calls — a whole number
 * >= 1, the least there must be) and flags (previous, year; check_table:
 * has_notes — true). Returns an error message or NULL. */
static const char *read_hook_needs(lua_State *L, enum hook h, const char *hook, hook_needs *n, char *err, size_t errlen)
{
    static const char *const counts[] = { "paragraphs", "tables", "notes", "row_calls", NULL };
    static const char *const flags[] = { "previous", "year", "has_notes", NULL };
    unsigned *count_at[] = { &n->paragraphs, &n->tables, &n->notes, &n->row_calls };
    int *flag_at[] = { &n->previous, &n->year, &n->has_notes };
    int top = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, top)) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        /* row_calls only for finish, has_notes only for check_table */
        if (k && ((h != HOOK_FINISH && strcmp(k, "row_calls") == 0) || (h != HOOK_CHECK_TABLE && strcmp(k, "has_notes") == 0))) {
            snprintf(err, errlen, "'needs' of %s: '%s' is a condition of %s only", hook, k,
                     k[0] == 'r' ? "finish" : "check_table");
            lua_settop(L, top);
            return err;
        }
        int known = 0;
        for (int i = 0; k && counts[i] && !known; i++) {
            if (strcmp(k, counts[i]) != 0) continue;
            known = 1;
            lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
            if (v < 1 || v > 1000000) {
                lua_settop(L, top);
                snprintf(err, errlen, "'needs' of %s: '%s' must be a whole number of at least 1 (the least the report has)", hook, k);
                return err;
            }
            *count_at[i] = (unsigned)v;
        }
        for (int i = 0; k && flags[i] && !known; i++) {
            if (strcmp(k, flags[i]) != 0) continue;
            known = 1;
            if (lua_type(L, -1) != LUA_TBOOLEAN || !lua_toboolean(L, -1)) {
                lua_settop(L, top);
                snprintf(err, errlen, "'needs' of %s: '%s' must be true", hook, k);
                return err;
            }
            *flag_at[i] = 1;
        }
        if (!known) {
            snprintf(err, errlen, "unknown key '%s' in 'needs' of %s (paragraphs, tables, notes, previous, year; "
                     "row_calls for finish, has_notes for check_table)",
                     k ? k : luaL_typename(L, -2), hook);
            lua_settop(L, top);
            return err;
        }
        lua_pop(L, 1);
    }
    return NULL;
}

/* The family's `needs` (docs/RULES.md): for begin, check_table and
 * finish, what the report (and the table) must have for the hook to be called — the engine tests it in C,
 * without a call, so a hook that could find nothing costs nothing (a
 * long-form file is hundreds of reports without paragraphs or notes). */
static const char *declare_needs(lua_State *L, family *fam, char *err, size_t errlen)
{
    int t = lua_getfield(L, -1, "needs");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    int top = lua_gettop(L);
    const char *e = NULL;
    if (t != LUA_TTABLE) e = "'needs' must be a table {finish = {paragraphs = 1}, ...}";
    lua_pushnil(L);
    while (!e && lua_next(L, top)) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        enum hook h = k && strcmp(k, "begin") == 0 ? HOOK_BEGIN : k && strcmp(k, "finish") == 0 ? HOOK_FINISH
                      : k && strcmp(k, "check_table") == 0 ? HOOK_CHECK_TABLE : HOOK_COUNT;
        if (h == HOOK_COUNT) {
            snprintf(err, errlen, "'needs' has the key '%s': only begin, check_table and finish can be declared",
                     k ? k : luaL_typename(L, -2));
            e = err;
        } else if (lua_type(L, -1) != LUA_TTABLE) {
            snprintf(err, errlen, "'needs': '%s' must be a table, e.g. {paragraphs = 1}", k);
            e = err;
        } else if (lua_getfield(L, top - 1, k) != LUA_TFUNCTION) {
            snprintf(err, errlen, "'needs' names '%s', a hook the file does not have", k);
            e = err;
        } else {
            lua_pop(L, 1);
            e = read_hook_needs(L, h, k, &fam->needs[h], err, errlen);
        }
        lua_settop(L, e ? top : top + 1);           /* the key, for lua_next */
    }
    lua_settop(L, top - 1);
    if (e) memset(fam->needs, 0, sizeof fam->needs);
    return e;
}

/* Validates the family table at -1; on success keeps a registry ref. */
static const char *declare_family(script *s, family *fam, char *err, size_t errlen)
{
    lua_State *L = s->L;
    if (!lua_istable(L, -1)) return "a rule file must return a table {rules = {...}, check_row = function ... end}";
    if (unknown_key(L, family_keys, "rule file", err, errlen)) return err;
    static const char *const hooks[] = { "begin", "check_table", "check_row", "finish", NULL };
    int nhooks = 0;
    for (const char *const *h = hooks; *h; h++) {
        int t = lua_getfield(L, -1, *h);
        lua_pop(L, 1);
        if (t == LUA_TNIL) continue;
        if (t != LUA_TFUNCTION) {
            snprintf(err, errlen, "'%s' must be a function", *h);
            return err;
        }
        nhooks++;
    }
    if (!nhooks) return "a rule file needs at least one of begin, check_table, check_row, finish";
    if (lua_getfield(L, -1, "rules") != LUA_TTABLE || luaL_len(L, -1) == 0) {
        lua_pop(L, 1);
        return "'rules' must be a non-empty list of rule declarations";
    }
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *e = declare_rule(s, fam, err, errlen);
        lua_pop(L, 1);
        if (e) {
            lua_pop(L, 1);
            return e;
        }
    }
    lua_pop(L, 1);
    const char *e = declare_needs(L, fam, err, errlen);
    if (!e) e = declare_row_checks(s, fam, err, errlen);
    if (e) return e;
    /* looked up here once, not by name for every report and table */
    for (int h = 0; h < HOOK_COUNT; h++) {
        lua_getfield(L, -1, hooks[h]);
        fam->hook_refs[h] = lua_isfunction(L, -1) ? luaL_ref(L, LUA_REGISTRYINDEX) : (lua_pop(L, 1), LUA_NOREF);
    }
    fam->ref = luaL_ref(L, LUA_REGISTRYINDEX);      /* pops the family table */
    return NULL;
}

/* Where `needle` (n bytes) first occurs in text at or after from; NULL if nowhere. */
static const char *find_text(const char *text, size_t len, const char *from, const char *needle, size_t n)
{
    for (const char *p = from; n && p + n <= text + len; p++)
        if (memcmp(p, needle, n) == 0) return p;
    return NULL;
}

/* The line of a declaration error: where the first '...' name of the
 * message (a rule id, a key) is written in the file — or, when the message
 * quotes a second name (a key of that rule, a {placeholder}), where that
 * is written after the first — else the last line holding "return" (the
 * declaration table), else 1. */
static int declaration_line(const char *text, size_t len, const char *message)
{
    const char *q = strchr(message, '\''), *q2 = q ? strchr(q + 1, '\'') : NULL;
    const char *hit = NULL;
    if (q && q2 && q2 > q + 1) hit = find_text(text, len, text, q + 1, (size_t)(q2 - q - 1));
    const char *r = hit && q2 ? strchr(q2 + 1, '\'') : NULL, *r2 = r ? strchr(r + 1, '\'') : NULL;
    if (r && r2 && r2 > r + 1) {
        const char *second = find_text(text, len, hit, r + 1, (size_t)(r2 - r - 1));
        if (second) hit = second;
    }
    for (const char *p = text; !hit && p + 6 <= text + len; p++)
        if (memcmp(p, "return", 6) == 0) hit = p;   /* keeps the last one */
    if (!hit) return 1;
    int line = 1;
    for (const char *p = text; p < hit; p++) line += *p == '\n';
    return line;
}

/* Runs a rule file (bytecode when code is given, else text) and declares
 * its family; text is kept for the line of a declaration error. */
static family *declare_file(script *s, const unsigned char *code, size_t code_len, const char *text, size_t len,
                            const char *display)
{
    chunk_source c = { code, code_len, text, len, display };
    int st = run_file(s, &c);
    if (st < 0) {
        engine_finding(s, "engine.rule-load", display, lua_tostring(s->L, -1), NULL);
        lua_pop(s->L, 1);
        return NULL;
    }
    grow_array((void **)&s->families, &s->cap, s->nfamilies + 1, sizeof(family));
    family *fam = &s->families[s->nfamilies];
    memset(fam, 0, sizeof *fam);
    fam->source = xstrdup(display);
    fam->text_len = len;
    const char *base = path_basename(display);
    size_t n = strlen(base);
    fam->name = xstrndup(base, n > 4 && strcmp(base + n - 4, ".lua") == 0 ? n - 4 : n);
    char err[512], msg[1100];
    const char *e = declare_family(s, fam, err, sizeof err);
    if (e) {
        int line = declaration_line(text, len, e);
        snprintf(msg, sizeof msg, "%s:%d: %s", display, line, e);
        engine_finding_at(s, "engine.rule-load", display, line, msg, NULL);
        lua_pop(s->L, 1);
        /* rules it declared before the bad one stay in the catalog but never fire */
        for (size_t k = 0; k < fam->nrules; k++) free(fam->rule_ids[k]);
        free(fam->rule_ids);
        free(fam->source);
        free(fam->name);
        return NULL;
    }
    return &s->families[s->nfamilies++];
}

family *declare_text(script *s, const char *text, size_t len, const char *display)
{
    return declare_file(s, NULL, 0, text, len, display);
}

/* A follower's family, to be loaded when first run (declare_pending):
 * bundled (b), else the file at path. */
static void add_pending(script *s, const bundled_file *b, const char *path, size_t text_len, const char *display)
{
    grow_array((void **)&s->families, &s->cap, s->nfamilies + 1, sizeof(family));
    family *fam = &s->families[s->nfamilies++];
    memset(fam, 0, sizeof *fam);
    fam->source = xstrdup(display);
    const char *base = path_basename(display);
    size_t n = strlen(base);
    fam->name = xstrndup(base, n > 4 && strcmp(base + n - 4, ".lua") == 0 ? n - 4 : n);
    fam->text_len = text_len;
    fam->pending = 1;
    fam->bundled = b;
    fam->path = path ? xstrdup(path) : NULL;
}

void declare_pending(script *s, family *fam)
{
    fam->pending = 0;
    size_t len = 0;
    char err[1200], *text = NULL;
    chunk_source c = { NULL, 0, NULL, 0, fam->source };
    if (fam->bundled) {
        c = (chunk_source){ fam->bundled->code, fam->bundled->code_len, fam->bundled->text, fam->bundled->text_len, fam->source };
    } else if ((text = read_rule_file(fam->path, &len, err, sizeof err)) != NULL) {
        c.text = text;
        c.len = len;
    } else {
        fam->load_failed = 1;
        return;
    }
    if (run_file(s, &c) < 0 || declare_family(s, fam, err, sizeof err) != NULL) {
        lua_pop(s->L, 1);                           /* the message, or the family table */
        fam->load_failed = 1;
    }
    free(text);
}

/* The shipped rules, compiled into the program (bundled.h). */
static void load_bundled(script *s)
{
    for (size_t i = 0; i < bundled_file_count; i++) {
        const bundled_file *b = &bundled_files[i];
        if (b->lib) {
            lib_source *m = add_lib(s, b->name, b->display);
            m->bundled = b;
        } else if (s->follower) {
            add_pending(s, b, NULL, b->text_len, b->display);
        } else {
            declare_file(s, b->code, b->code_len, b->text, b->text_len, b->display);
        }
    }
}

/* Every rule file of a folder: in this state, or (user folders) each in a
 * child process of its own. */
static void load_rule_dir(script *s, const char *dir, const char *display_dir, int isolated)
{
    name_list files;
    if (list_lua_files(dir, &files) < 0) return;
    for (size_t i = 0; i < files.count; i++) {
        char path[1024], display[1024], err[1200];
        join_path(path, sizeof path, dir, files.names[i]);
        join_path(display, sizeof display, display_dir, files.names[i]);
        if (isolated) {
            isolate_declare(s, path, display, dir);
            continue;
        }
        if (s->follower) {
            struct stat st;
            add_pending(s, NULL, path, stat(path, &st) == 0 ? (size_t)st.st_size : 0, display);
            continue;
        }
        size_t len;
        char *text = read_rule_file(path, &len, err, sizeof err);
        if (!text) {
            engine_finding(s, "engine.rule-load", display, err, NULL);
            continue;
        }
        declare_text(s, text, len, display);
        free(text);
    }
    free_names(&files);
}

/* The library, the built-in rule families (embedded, or from the folder
 * builtin_dir), then each user folder's library and families. */
void load_rules(script *s, const script_options *opt)
{
    /* what loading makes (functions, their constants, the declarations)
     * stays: the collector waits (internal.h, gc_resume_at) */
    lua_gc(s->L, LUA_GCSTOP);
    char libdir[1024];
    if (opt->builtin_dir) {
        join_path(libdir, sizeof libdir, opt->builtin_dir, "lib");
        load_lib_dir(s, libdir, "rules/lib", NULL);
        load_rule_dir(s, opt->builtin_dir, "rules", 0);
    } else {
        load_bundled(s);
    }
    for (size_t i = 0; i < opt->nuser_dirs; i++) {
        char display[1024];
        join_path(libdir, sizeof libdir, opt->user_dirs[i], "lib");
        join_path(display, sizeof display, opt->user_dirs[i], "lib");
        load_lib_dir(s, libdir, display, opt->user_dirs[i]);
        load_rule_dir(s, opt->user_dirs[i], opt->user_dirs[i], 1);
    }
    s->gc_resume_at = s->mem_used + GC_DEFERRED_BYTES;
}
