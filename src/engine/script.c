/*
 * script.c — creating and freeing the rule engine, and the engine's own
 * findings (a rule that fails to load, errors, runs away or exhausts
 * memory). The pieces are listed in internal.h; src/engine/ is the only
 * folder that includes lua.h.
 */
#include "engine/script.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"
#include "engine/lua_pool.h"
#include "util/timeline.h"
#include "util/util.h"

static const struct {
    const char *id;
    enum severity severity;
    const char *title_id, *title_en;
    const char *explanation_id, *explanation_en;
} engine_rules[] = {
    { "engine.rule-load", SEV_ERROR,
      "Aturan tidak dapat dimuat", "Rule could not be loaded",
      "Berkas aturan Lua gagal dimuat atau deklarasinya tidak sah; aturan di dalamnya tidak dijalankan, aturan lain tetap berjalan.",
      "A Lua rule file failed to load or its declaration is invalid; its rules did not run, the other rules still ran." },
    { "engine.rule-error", SEV_ERROR,
      "Aturan berhenti karena galat", "Rule stopped with an error",
      "Fungsi pemeriksaan sebuah aturan menimbulkan galat; temuan yang sudah dihasilkannya tetap dilaporkan, sisa pemeriksaannya dilewati.",
      "A rule's check function raised an error; findings it had already emitted are kept, the rest of its checks were skipped." },
    { "engine.rule-timeout", SEV_ERROR,
      "Aturan melampaui batas instruksi", "Rule exceeded its instruction budget",
      "Sebuah aturan berjalan terlalu lama (kemungkinan perulangan tanpa akhir) dan dihentikan.",
      "A rule ran too long (probably an endless loop) and was stopped." },
    { "engine.rule-memory", SEV_ERROR,
      "Aturan melampaui batas memori", "Rule exceeded the memory limit",
      "Sebuah aturan memakai memori melebihi batas dan dihentikan.",
      "A rule used more memory than allowed and was stopped." },
};

static void register_engine_rules(catalog *cat)
{
    for (size_t i = 0; i < sizeof engine_rules / sizeof engine_rules[0]; i++) {
        rule_info r = { 0 };
        r.id = (char *)engine_rules[i].id;
        r.family = "engine";
        r.source = "src/engine/script.c";
        r.severity = r.default_severity = engine_rules[i].severity;
        r.enabled = 1;
        r.title[LANG_ID] = (char *)engine_rules[i].title_id;
        r.title[LANG_EN] = (char *)engine_rules[i].title_en;
        r.explanation[LANG_ID] = (char *)engine_rules[i].explanation_id;
        r.explanation[LANG_EN] = (char *)engine_rules[i].explanation_en;
        catalog_add(cat, &r);
    }
}

/* The line: given, else from a "rules/x.lua:12: message" of that file,
 * else from the first frame of that file in the traceback (detail). */
void engine_finding_at(script *s, const char *rule, const char *source, int line, const char *message, const char *detail)
{
    if (!s->cat) return;        /* a follower not following yet: its leader reports what loading met */
    char file[512];
    snprintf(file, sizeof file, "%s", source);
    size_t n = strlen(source);
    if (!line && strncmp(message, source, n) == 0 && message[n] == ':') line = atoi(message + n + 1);
    for (const char *p = detail ? strstr(detail, "\n\t") : NULL; !line && p; p = strstr(p + 2, "\n\t"))
        if (strncmp(p + 2, source, n) == 0 && p[2 + n] == ':') line = atoi(p + 3 + n);
    finding *f = finding_add(s->out, rule, catalog_find(s->cat, rule)->severity, file, line, NULL, 0, NULL);
    finding_set(f, "message", message);
    if (detail) finding_set(f, "traceback", detail);
}

void engine_finding(script *s, const char *rule, const char *source, const char *message, const char *detail)
{
    engine_finding_at(s, rule, source, 0, message, detail);
}

/* A Lua state with the sandbox and the settings, and no rules yet. */
static script *new_state(catalog *cat, finding_list *out, size_t memory_limit, long long budget, long long run_budget,
                         const script_setting *settings, size_t nsettings)
{
    script *s = xcalloc(1, sizeof *s);
    s->cat = cat;
    s->out = out;
    s->mem_limit = memory_limit ? memory_limit : SCRIPT_DEFAULT_MEMORY;
    s->budget = budget > 0 ? budget : SCRIPT_DEFAULT_INSTRUCTIONS;
    s->run_budget = run_budget > 0 ? run_budget : SCRIPT_DEFAULT_RUN_INSTRUCTIONS;
    if (s->run_budget < s->budget) s->run_budget = s->budget;
    s->exact_budget = s->budget != SCRIPT_DEFAULT_INSTRUCTIONS || s->run_budget != SCRIPT_DEFAULT_RUN_INSTRUCTIONS;
    s->settings = settings;
    s->nsettings = nsettings;
    /* for tests: every row to check_row, as if no rule declared row checks */
    const char *off = getenv("LAKIP_NO_ROW_CHECKS");
    s->no_row_checks = off && strcmp(off, "1") == 0;
    const char *profile = getenv("LAKIP_PROFILE");
    s->profile = !profile ? 0 : strcmp(profile, "1") == 0 ? 1 : strcmp(profile, "lines") == 0 ? 2 : 0;
    s->lib_cache_ref = s->upvalue_maker_ref = s->rep_cache_ref = s->rep_view_ref = LUA_NOREF;
    s->pool = lua_pool_new();
    s->L = s->pool ? lua_newstate(bounded_alloc, s) : NULL;
    if (!s->L) {
        lua_pool_free(s->pool);
        free(s);
        return NULL;
    }
    *(script **)lua_getextraspace(s->L) = s;        /* get_script */
    open_sandbox(s);
    lua_newtable(s->L);
    for (size_t i = 0; i < nsettings; i++) {
        lua_pushstring(s->L, settings[i].value);
        lua_setfield(s->L, -2, settings[i].key);
    }
    s->settings_ref = luaL_ref(s->L, LUA_REGISTRYINDEX);
    return s;
}

script *script_child_state(const script *parent, catalog *cat, finding_list *out)
{
    script *s = new_state(cat, out, parent->mem_limit, parent->budget, parent->run_budget, parent->settings, parent->nsettings);
    if (!s) return NULL;
    s->libs = parent->libs;     /* the parent's copy, read only */
    s->nlibs = parent->nlibs;
    s->lib_scope = parent->lib_scope;
    s->rule_seconds = parent->rule_seconds;
    register_engine_rules(cat);
    return s;
}

script *script_new(const script_options *opt, catalog *cat, finding_list *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < opt->nuser_dirs; i++) {
        DIR *d = opendir(opt->user_dirs[i]);
        if (!d) {
            snprintf(err, errlen, "rule folder %s: %s", opt->user_dirs[i], strerror(errno));
            return NULL;
        }
        closedir(d);
    }
    DIR *d = opt->builtin_dir ? opendir(opt->builtin_dir) : NULL;
    if (opt->builtin_dir && !d) {
        snprintf(err, errlen, "built-in rule folder %s: %s", opt->builtin_dir, strerror(errno));
        return NULL;
    }
    if (d) closedir(d);

    script *s = new_state(cat, out, opt->memory_limit, opt->instruction_budget, opt->run_budget, opt->settings, opt->nsettings);
    if (!s) {
        snprintf(err, errlen, "cannot create the Lua state");
        return NULL;
    }
    s->progress = opt->progress;
    s->rule_seconds = opt->rule_seconds > 0 ? opt->rule_seconds : SCRIPT_DEFAULT_RULE_SECONDS;
    s->follower = opt->follower && !opt->nuser_dirs;
    if (!s->follower) register_engine_rules(cat);
    load_rules(s, opt);
    return s;
}

int script_follow(script *s, const script *leader)
{
    if (!s->follower || leader->follower || s->nfamilies != leader->nfamilies) return -1;
    for (size_t i = 0; i < s->nfamilies; i++)
        if (strcmp(s->families[i].name, leader->families[i].name) != 0) return -1;
    s->cat = leader->cat;
    return 0;
}

int script_load_family(script *s, size_t i)
{
    family *fam = &s->families[i];
    if (!fam->pending) return 0;
    timeline_mark(+1, "loading family ahead", fam->name);
    declare_pending(s, fam);
    timeline_mark(-1, "loading family ahead", fam->name);
    return 1;
}

int script_family_loaded(const script *s, size_t i)
{
    return !s->families[i].pending;
}

/* LAKIP_PROFILE=1: where a rule writer's (or the engine's) time went, one
 * line per family on stderr when the engine ends — a developer's aid, not a
 * report, so it is neither translated nor part of any output format. */
static void print_profile(const script *s)
{
    for (size_t i = 0; i < s->nfamilies; i++) {
        const family *f = &s->families[i];
        if (f->runs) fprintf(stderr, "profile: %-12s %9.3f s CPU over %lu reports\n", f->name, f->cpu_seconds, f->runs);
    }
}

void script_print_profile(script *s)
{
    if (!s) return;
    if (s->profile) print_profile(s);
    s->profile = 0;
    profile_print_free(s);
}

void script_free(script *s)
{
    if (!s) return;
    script_print_profile(s);
    forget_cpu_timer(s);
    lua_close(s->L);
    lua_pool_free(s->pool);
    for (size_t i = 0; i < s->nfamilies; i++) {
        for (size_t k = 0; k < s->families[i].nrules; k++) {
            free(s->families[i].rule_ids[k]);
            if (s->families[i].placeholders) free(s->families[i].placeholders[k]);
        }
        free(s->families[i].rule_ids);
        free(s->families[i].placeholders);
        free(s->families[i].placeholders_len);
        free(s->families[i].rules);
        free(s->families[i].name);
        free(s->families[i].source);
        free(s->families[i].path);
        row_checks_free(s->families[i].checks);
        free(s->families[i].dir);
    }
    free(s->families);
    for (size_t i = 0; i < s->nlibs; i++) {
        free(s->libs[i].name);
        free(s->libs[i].display);
        free(s->libs[i].text);
        free(s->libs[i].scope);
    }
    free(s->libs);
    free(s);
}
