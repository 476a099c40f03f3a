/*
 * script.h — the rule engine: the only place where C meets Lua.
 *
 * Loads the rule library (the .lua files of rules/lib) and the rule
 * families (the .lua files of rules/, then of user rule folders), copies their declarations into the catalog, and
 * runs their check functions over a loaded report in a sandbox: no io, os,
 * load, require; a strict environment per file; an instruction budget per
 * call and a memory cap for the whole state. A rule that fails to load,
 * errors, runs away or exhausts memory becomes an engine finding, and the
 * other rules still run.
 */
#ifndef LAKIP_SCRIPT_H
#define LAKIP_SCRIPT_H

#include <stddef.h>
#include "model/catalog.h"
#include "model/finding.h"
#include "model/recompute.h"
#include "model/report.h"

typedef struct {
    const char *key;
    const char *value;
} script_setting;

typedef struct {
    const char *builtin_dir;            /* folder holding the shipped rules (with lib/), read as source;
                                           NULL: the rules compiled into the program at build time */
    const char *const *user_dirs;       /* extra rule folders, loaded after the built-in ones */
    size_t nuser_dirs;
    long long instruction_budget;       /* per check call; 0 = default */
    long long run_budget;               /* per rule file over the whole run; 0 = default */
    int rule_seconds;                   /* CPU seconds of each user rule file's process; 0 = default */
    size_t memory_limit;                /* bytes for the whole Lua state; 0 = default */
    const script_setting *settings;     /* visible to rules as ctx.options[key] */
    size_t nsettings;
    /* called before each rule family runs (may be NULL): for progress lines */
    void (*progress)(const char *family, size_t index, size_t count);
    /* An engine that follows another (script_follow): its families are
     * loaded when it first runs them, and their rules are the other
     * engine's (its catalogue: declared, configured). For the extra
     * engines of --jobs, which then load only the families they run.
     * Not with user_dirs (their files run in child processes). */
    int follower;
} script_options;

#define SCRIPT_DEFAULT_INSTRUCTIONS 200000000LL
#define SCRIPT_DEFAULT_RUN_INSTRUCTIONS 20000000000LL
#define SCRIPT_DEFAULT_RULE_SECONDS 60
#define SCRIPT_DEFAULT_MEMORY (512u * 1024u * 1024u)

typedef struct script script;

/* Creates the state and loads every rule. Load problems of single rule
 * files become engine findings in `out`; a missing folder is an error
 * returned as -1 with a message in err. A follower (opt->follower) takes
 * no catalogue (cat NULL) and loads no family yet. */
script *script_new(const script_options *opt, catalog *cat, finding_list *out, char *err, size_t errlen);
/* Makes follower `s` follow `leader`, an engine made with the same options
 * but not a follower, whose rule settings are applied: s finds its rules
 * in leader's catalogue (read only from then on). 0, or -1 when the two
 * do not have the same families in the same order (a family that could
 * not load in one of them): s must not run then. */
int script_follow(script *s, const script *leader);
void script_free(script *s);
/* LAKIP_PROFILE: prints what the engine measured (once; script_free does
 * it if not done), for a program that ends without freeing the engine. */
void script_print_profile(script *s);

/* Keeps what the rules recompute (ctx:recomputed) in `out` during
 * script_run; without it the records are dropped. */
void script_keep_recomputations(script *s, recompute_list *out);
/* Counts what the rules check (ctx:recomputed, ctx:compared,
 * ctx:not_checkable) in `cov` during script_run (model/coverage.h). */
void script_keep_coverage(script *s, coverage *cov);

/* The coverage notes of runs kept in order instead, to be replayed into a
 * coverage later (runner.c: reports audited on several threads are
 * replayed in report order, so the coverage is the same for any --jobs). */
typedef struct coverage_log coverage_log;
coverage_log *coverage_log_new(void);
void coverage_log_free(coverage_log *log);
/* log NULL: back to script_keep_coverage's coverage. */
void script_log_coverage(script *s, coverage_log *log);
/* Notes everything of log in cov, in the order it was noted. The family
 * names it holds belong to the engine that ran: replay before freeing it. */
void coverage_log_replay(const coverage_log *log, coverage *cov);

/* Last year's report of the same agency, shown to rules as ctx.previous
 * (the year-over-year rules); NULL (the default) for none. */
void script_set_previous(script *s, const report *previous);

/* Runs every enabled family over the report; findings go to `out`. */
void script_run(script *s, const report *r);
/* The same over one report of a long-form file (input/groups.h): `part`,
 * with the places of findings looked up in the audited report `whole`. */
void script_run_part(script *s, const report *part, const report *whole);
/* script_run_part in steps, for running the families of one report on
 * several engines (runner.c): begin, any of the families (numbered in the
 * order script_run_part runs them, the same in every engine made with the
 * same options), end. */
void script_begin_report(script *s, const report *part, const report *whole);
size_t script_family_count(const script *s);
const char *script_family_name(const script *s, size_t index);
/* A guess of what family `index` costs against the others: the length of
 * its source text (the longest families are the costly ones on the
 * reports measured, narasi and capaian first). */
size_t script_family_weight(const script *s, size_t index);
void script_run_family(script *s, size_t index);
/* A follower's family `index` loaded now, if it is still to be (as
 * script_run_family would when it first runs it): a thread with nothing
 * else to do can spare the engine's runner that work. 1 when it loaded it
 * now. Whether it is loaded (a leader's families always are). */
int script_load_family(script *s, size_t index);
int script_family_loaded(const script *s, size_t index);
void script_end_report(script *s);
/* Findings of the next runs go to `out` instead. */
void script_set_findings(script *s, finding_list *out);

#endif
