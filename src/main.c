/*
 * main.c — the command line: parses options, loads the inputs, runs the
 * rules, filters and writes the findings, and decides the exit code (the
 * only place that does).
 *
 * Exit codes: 0 nothing reached the --fail-on threshold; 1 findings did
 * (input.nothing-checked and input.unreadable among them); 2 usage or
 * output error, or a PATH that cannot be read at all.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "model/catalog.h"
#include "output/catalog_doc.h"
#include "model/finding.h"
#include "output/output.h"
#include "output/table_export.h"
#include "output/table_list.h"
#include "input/input_rules.h"
#include "output/portfolio_out.h"
#include "input/report_json.h"
#include "model/portfolio.h"
#include "util/utf8.h"
#include "output_file.h"
#include "input/groups.h"
#include "findings_stream.h"
#include "pipeline.h"
#include "runner.h"
#include "rules_test.h"
#include "settings.h"
#include "input/load.h"
#include "model/report.h"
#include "engine/script.h"
#include "util/sanitizer.h"
#include "util/util.h"
#include "util/cpu_apart.h"
#include "util/timeline.h"

#ifndef LAKIP_VERSION
#define LAKIP_VERSION "0.1"
#endif
#ifndef LAKIP_RULES_DIR
#define LAKIP_RULES_DIR "/usr/local/share/lakip-audit/rules"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: lakip-audit check [options] PATH...\n"
    "       lakip-audit baseline [options] -o FILE PATH...\n"
    "       lakip-audit tables [--format text|csv|md] [--lang id|en] [--number-style S] [--explain-settings]\n"
    "                          [-o FILE] PATH...\n"
    "       lakip-audit merge [--format text|json|html] [--lang id|en] [-o FILE] REPORT.json...\n"
    "       lakip-audit rules [--lang id|en] [--format text|md] [--rules DIR] [explain ID]\n"
    "       lakip-audit rules test [--fixtures DIR] [--only RULE|FAMILY] [RULES-DIR]\n"
    "       lakip-audit --help | --version\n"
    "\n"
    "Audits LAKIP / LKjIP performance report data: recomputes every capaian and\n"
    "budget percentage and checks the report against itself.\n"
    "PATH is a report as PDF (.pdf), a report document (.md), a spreadsheet export (.csv, .tsv, .txt) or\n"
    "a folder of them (with an optional lakip-audit.conf); text in UTF-8, UTF-16\n"
    "with BOM or Windows-1252. `tables` shows how the tables were read. A folder that holds only\n"
    "sub-folders, or any folder with --portfolio, is a portfolio: each sub-folder and\n"
    "each file in it is one report (an OPD and year), and the output is a summary\n"
    "(text, json or html) that `merge` also makes from separately written JSON reports.\n"
    "\n"
    "options:\n"
    "  --tahun YEAR          report year, 2000 to 2100 (else the settings file, else\n"
    "                        inferred from the report's title page or table headers)\n"
    "  --instansi NAME       agency name\n"
    "  --config FILE         settings file (default: lakip-audit.conf in a PATH folder)\n"
    "  --explain-settings    print every setting, its value and where it came from\n"
    "                        (command line > settings file > inferred > default), and\n"
    "                        the values it overrode; no audit\n"
    "  --lang id|en          language of the report (default id)\n"
    "  --format FORMAT       text (default), json, html, md, sarif or xlsx (the working\n"
    "                        paper: findings and every checked table with live formulas)\n"
    "  --baseline FILE       accept the findings recorded in FILE by `lakip-audit baseline`:\n"
    "                        shown as accepted, not counted for --fail-on; entries that\n"
    "                        match no finding any more are reported on standard error\n"
    "  -o, --output FILE     write the report to FILE (whole or not at all)\n"
    "  --fail-on LEVEL       error (default), warning, info or never\n"
    "  --number-style S      auto (default), id (1.234,5) or en (1,234.5)\n"
    "  --lower-formula F     lower-is-better formula when the report declares none:\n"
    "                        2t-r (default), t/r or 100-r\n"
    "  --rounding POLICY     strict (default: truncation is a finding) or truncation-ok\n"
    "  --rules DIR           also load the rule files in DIR (repeatable)\n"
    "  --disable RULE        do not run RULE (repeatable)\n"
    "  --only RULE|FAMILY    run only this rule, or every rule of this family\n"
    "                        (e.g. capaian); repeatable\n"
    "  --jobs N              threads for the reports of long-form files (default: the\n"
    "                        cores); the output is the same for any N\n"
    "  --group-by COLS|none  long-form files: the columns that split one table into\n"
    "                        reports (headers, comma-separated; default: recognised\n"
    "                        tahun, instansi/OPD/pemda, tabel, halaman ... columns)\n"
    "  --max-instructions N  instruction budget of one rule call (default 200000000)\n"
    "  --max-run-instructions N\n"
    "                        instruction budget of one rule file over the whole run\n"
    "                        (default 20000000000)\n"
    "  --max-memory MIB      memory of the rules' Lua state, findings included (default 512)\n"
    "  --max-rule-seconds N  CPU seconds of each --rules file's process, and of one\n"
    "                        call of a bundled rule (default 60)\n"
    "  --portfolio           each sub-folder and file of each PATH is a separate report\n"
    "  --previous PATH       last year's report of the same agency: its realisasi and\n"
    "                        Renstra targets are compared with this report's (tahunlalu.*);\n"
    "                        in a portfolio, the report of the year before is used\n"
    "  -h, --help            this help\n"
    "  --version             the version\n"
    "\n"
    "limits (beyond them: exit 2 with the file and line, or an engine finding):\n"
    "  an input file 256 MiB (none for a long-form export that streams);\n"
    "  a table cell 64 KiB\n"
    "  a rule: the instruction budgets above (work done in C library calls and\n"
    "  memory allocated are charged too) and --max-memory; a --rules file runs\n"
    "  in its own process, also limited to --max-rule-seconds of CPU time and\n"
    "  --max-memory + 256 MiB more address space than it starts with, and no\n"
    "  open files\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on, 1 findings at or above it\n"
    "(a file from which nothing could be checked is one: input.nothing-checked;\n"
    "so is a file of a folder that cannot be read: input.unreadable),\n"
    "2 usage or output error, or a PATH that cannot be read at all.\n"
    "`rules test` runs a rule folder's fixtures (docs/RULES.md, Writing fixtures):\n"
    "0 all passed, 1 a fixture failed or a rule file did not load, 2 usage error.\n";

typedef struct {
    settings *cli;              /* the command line's settings (settings.h resolves them with the files') */
    const char *config_file;
    const char *baseline;
    const char *output;
    int portfolio;              /* --portfolio: every entry of each PATH folder is a report */
    int tables_formats;         /* `tables`: --format takes text, csv or md (checked by run_tables) */
    int explain_settings;       /* --explain-settings: print the settings, no audit */
    const char *previous;       /* --previous PATH: last year's report of the same agency */
    int stream;                 /* check, baseline: a long-form export may be audited as it streams */
    int process_ends;           /* check, baseline: the process ends after the audit (memory not freed: run_check) */
    int rules;                  /* the rules run after audit_load: their engines are made while the report loads */
    /* resolved from the settings for the report being audited (audit_load) */
    enum lang lang;
    const char *format;
    enum severity fail_on;
    bool fail_never;
} options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("lakip-audit: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'lakip-audit --help'.\n", stderr);
    return EXIT_USAGE;
}

/* The shipped rules are compiled into the program (engine/bundled.h);
 * $LAKIP_RULES_DIR, when set, names a folder read instead, as source (to
 * try changes to the shipped rules without rebuilding). NULL: the
 * compiled-in rules. */
static const char *bundled_rules_override(void)
{
    const char *env = getenv("LAKIP_RULES_DIR");
    return env && *env ? env : NULL;
}

/* Where the shipped rules' files are (-o may not overwrite them): $LAKIP_RULES_DIR, else rules/ beside the
 * binary (a source checkout), else ../share/lakip-audit/rules from it (an
 * install under any PREFIX), else the compiled-in location. */
static void builtin_rules_dir(char *buf, size_t size)
{
    const char *env = getenv("LAKIP_RULES_DIR");
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const beside[] = { "/rules", "/../share/lakip-audit/rules" };
            for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
                struct stat st;
                if ((size_t)snprintf(buf, size, "%s%s", exe, beside[i]) < size && stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
                    return;
            }
        }
    }
    snprintf(buf, size, "%s", LAKIP_RULES_DIR);
}

/* Progress on stderr, only when it is a terminal: a long run shows where
 * it is, and logs and pipes stay quiet. */
static int show_progress;

static void progress_line(const char *fmt, const char *what, size_t index, size_t count)
{
    if (!show_progress) return;
    fprintf(stderr, "\r\033[K");
    if (fmt) fprintf(stderr, fmt, what, index, count);
    fflush(stderr);
}

static void rule_progress(const char *family, size_t index, size_t count)
{
    progress_line("lakip-audit: aturan %s (%zu/%zu)", family, index, count);
}

static void report_load_error(const load_error *err)
{
    if (err->line) fprintf(stderr, "lakip-audit: %s:%d: %s\n", err->file, err->line, err->message);
    else fprintf(stderr, "lakip-audit: %s: %s\n", err->file, err->message);
}

/* The report on standard output, or through the -o file; always valid
 * UTF-8, control characters escaped in the formats read on a terminal. */
static int write_output(output_file *of, output_fn fn, int escape_controls, const audit *a)
{
    int rc = output_write(of ? output_file_stream(of) : stdout, fn, escape_controls, a);
    if (of) return output_file_commit(of, rc);
    if (fflush(stdout) != 0 || ferror(stdout)) rc = -1;
    if (rc < 0) fprintf(stderr, "lakip-audit: error writing standard output\n");
    return rc;
}

/* Refuses an -o that names an input of this run (data files and settings
 * are the report's inputs; the baseline unless it is being re-recorded;
 * every file of the rule folders), then opens it. NULL on refusal. */
static output_file *open_output(const options *o, const report *rep, const report *previous, int record,
                                const char *rules_dir, const char *const *rule_dirs, size_t nrule_dirs)
{
    size_t nrep = report_input_count(rep), nprev = previous ? report_input_count(previous) : 0, nin = nrep + nprev;
    const char **files = xcalloc(nin + 1, sizeof *files);
    for (size_t i = 0; i < nrep; i++) files[i] = report_input_path(rep, i);
    for (size_t i = 0; i < nprev; i++) files[nrep + i] = report_input_path(previous, i);   /* --previous */
    /* `baseline -o B --baseline B` records B again, keeping its justifications */
    files[nin] = record ? NULL : o->baseline;
    char lib_dir[PATH_MAX + 8];
    snprintf(lib_dir, sizeof lib_dir, "%s/lib", rules_dir);
    const char **folders = xcalloc(nrule_dirs + 2, sizeof *folders);
    folders[0] = rules_dir;
    folders[1] = lib_dir;
    for (size_t i = 0; i < nrule_dirs; i++) folders[2 + i] = rule_dirs[i];
    int clash = output_is_input(o->output, files, nin + 1, folders, nrule_dirs + 2);
    free(files);
    free(folders);
    if (clash) {
        fprintf(stderr, "lakip-audit: %s: refusing to overwrite an input file\n", o->output);
        return NULL;
    }
    return output_file_open(o->output);
}

static void today(char *buf, size_t size)
{
    time_t now = time(NULL);
    const char *fixed = getenv("SOURCE_DATE_EPOCH");   /* reproducible output for tests */
    if (fixed && *fixed) now = (time_t)strtoll(fixed, NULL, 10);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%d", &tm);
}

/* The options; those that are settings go to o->cli, validated there
 * (settings.c: one validator per key). 0, -1 after --help, or EXIT_USAGE. */
static int parse_check_options(int argc, char **argv, options *o)
{
    enum { O_SETTING = 256, O_CONFIG, O_BASELINE, O_PORTFOLIO, O_PREVIOUS, O_EXPLAIN };
    static const struct option longopts[] = {
        { "tahun", required_argument, NULL, O_SETTING },
        { "year", required_argument, NULL, O_SETTING },
        { "instansi", required_argument, NULL, O_SETTING },
        { "config", required_argument, NULL, O_CONFIG },
        { "rounding", required_argument, NULL, O_SETTING },
        { "lang", required_argument, NULL, O_SETTING },
        { "format", required_argument, NULL, O_SETTING },
        { "output", required_argument, NULL, 'o' },
        { "fail-on", required_argument, NULL, O_SETTING },
        { "number-style", required_argument, NULL, O_SETTING },
        { "lower-formula", required_argument, NULL, O_SETTING },
        { "rules", required_argument, NULL, O_SETTING },
        { "disable", required_argument, NULL, O_SETTING },
        { "max-instructions", required_argument, NULL, O_SETTING },
        { "max-run-instructions", required_argument, NULL, O_SETTING },
        { "max-memory", required_argument, NULL, O_SETTING },
        { "max-rule-seconds", required_argument, NULL, O_SETTING },
        { "baseline", required_argument, NULL, O_BASELINE },
        { "only", required_argument, NULL, O_SETTING },
        { "group-by", required_argument, NULL, O_SETTING },
        { "portfolio", no_argument, NULL, O_PORTFOLIO },
        { "previous", required_argument, NULL, O_PREVIOUS },
        { "jobs", required_argument, NULL, O_SETTING },
        { "explain-settings", no_argument, NULL, O_EXPLAIN },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c, index = 0;
    opterr = 0;
    optind = 0;                     /* getopt afresh: `rules test` parses one command line per fixture */
    while ((c = getopt_long(argc, argv, ":o:h", longopts, &index)) != -1) {
        switch (c) {
        case O_SETTING: {
            char option[64], err[1024];
            snprintf(option, sizeof option, "--%s", longopts[index].name);
            int key = settings_option_key(option);
            if (key == SET_FORMAT && o->tables_formats) {   /* `tables`: text, csv or md, checked by run_tables */
                o->format = optarg;
                break;
            }
            if (settings_set_cli(o->cli, (enum setting_key)key, option, optarg, err, sizeof err) < 0)
                return usage_error("%s", err);
            break;
        }
        case O_CONFIG: o->config_file = optarg; break;
        case 'o': o->output = optarg; break;
        case O_BASELINE: o->baseline = optarg; break;
        case O_PORTFOLIO: o->portfolio = 1; break;
        case O_PREVIOUS: o->previous = optarg; break;
        case O_EXPLAIN: o->explain_settings = 1; break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return usage_error("%s: no PATH given", argv[0]);
    /* what a portfolio summary uses; each report resolves its own (audit_load) */
    o->lang = settings_lang(o->cli);
    settings_fail_on(o->cli, &o->fail_on, &o->fail_never);
    const setting_value *format = settings_winner(o->cli, SET_FORMAT);
    if (format) o->format = format->value;
    return 0;
}

/* --only: every rule that is not named (by id or by family) is switched
 * off; the named ones are switched on. The engine's own rules stay on: a
 * rule that cannot load or run is always reported. */
static int apply_only(catalog *cat, const setting_value *const *only, size_t n, int loud)
{
    for (size_t k = 0; k < n; k++) {
        int known = 0;
        for (size_t i = 0; i < catalog_count(cat) && !known; i++) {
            const rule_info *r = catalog_at(cat, i);
            known = strcmp(r->id, only[k]->value) == 0 || strcmp(r->family, only[k]->value) == 0;
        }
        if (!known) {
            if (loud) usage_error("--only: no rule or family '%s' (see lakip-audit rules)", only[k]->value);
            return -1;
        }
    }
    for (size_t i = 0; i < catalog_count(cat); i++) {
        rule_info *r = catalog_at(cat, i);
        /* the engine's rules, and what could not be read, are always reported */
        if (strcmp(r->family, "engine") == 0 || (strcmp(r->family, "input") == 0 && !input_rules_follow_checks(r->id))) continue;
        int named = 0;
        for (size_t k = 0; k < n && !named; k++)
            named = strcmp(r->id, only[k]->value) == 0 || strcmp(r->family, only[k]->value) == 0;
        r->enabled = named;
    }
    return 0;
}

/* The rule settings of the file and the command line applied to a loaded
 * catalog; with loud set, a problem is reported (exit 2), else only -1. */
static int configure_rules(catalog *cat, const settings *set, int loud)
{
    load_error rules_err = { .line = 0 };
    if (settings_apply_rules(set, cat, &rules_err) < 0) {
        if (loud) report_load_error(&rules_err);
        return -1;
    }
    size_t nonly, ndisabled;
    const setting_value **only = settings_list(set, SET_ONLY, &nonly);
    const setting_value **disabled = settings_list(set, SET_DISABLE, &ndisabled);
    int rc = nonly ? apply_only(cat, only, nonly, loud) : 0;
    for (size_t i = 0; i < ndisabled && rc == 0; i++) {
        if (disabled[i]->source != SOURCE_CLI) continue;      /* the settings files' are applied above */
        rule_info *r = catalog_find(cat, disabled[i]->value);
        if (!r) {
            if (loud) usage_error("--disable: unknown rule '%s'", disabled[i]->value);
            rc = -1;
        } else {
            r->enabled = 0;
        }
    }
    free(only);
    free(disabled);
    return rc;
}

typedef struct {
    const script_options *so;
    const settings *set;
    const report *previous;     /* --previous, for year-over-year rules */
    const script *leader;       /* the first engine, configured: the others follow it */
} engine_setup;

/* The rule engines of an audit, made from the settings alone (the
 * settings a report implies are its year and agency, which no engine
 * reads), so on other threads while the report is read: loading the
 * rule files costs as much as reading a report of the sample's size. */
typedef struct {
    script_setting for_rules[5];    /* ctx.options */
    script_options so, worker_so;
    engine_setup setup;
    runner_options ro;              /* the engines of --jobs; one prepared ahead */
    pthread_t thread;               /* making the first engine */
    int started;                    /* the thread runs (or ran) */
    atomic_int first_made;          /* the thread has made it (or failed to) */
    script *engine;                 /* the first, once made */
    char error[1024];               /* why it could not be */
} audit_engines;

/* One more engine for --jobs (runner.h): a follower of the first, which
 * loads a rule family when it first runs it... */
static script *another_engine(void *ud, catalog **cat, finding_list **scratch)
{
    const engine_setup *setup = ud;
    char err[1024];
    *cat = NULL;
    *scratch = finding_list_new();
    return script_new(setup->so, NULL, *scratch, err, sizeof err);
}

/* ... and whose rules are the first's, configured, once it is made and
 * last year's report known. */
static int configure_another_engine(void *ud, script *engine, catalog *cat)
{
    const engine_setup *setup = ud;
    (void)cat;
    if (!setup->leader || script_follow(engine, setup->leader) < 0) return -1;
    script_set_previous(engine, setup->previous);
    return 0;
}

/* Whether check frees the audit before the process ends (see run_check). */
static bool free_at_exit(void)
{
    return UNDER_ASAN || getenv("LAKIP_FREE_AT_EXIT");
}

/* One audit in progress: what was loaded, the rules, what they found. */
typedef struct {
    report *rep;
    catalog *cat;
    finding_list *findings;
    recompute_list *recomputed;
    script *engine;
    settings *set;              /* the command line's, the settings files', what the report implies */
    char *lower_is_better;      /* the settings' indicator lists, ";"-joined, for ctx.options */
    char *higher_is_better;
    const char **rule_dirs;     /* the settings files', then the command line's */
    size_t nrule_dirs;
    char rules_dir[PATH_MAX];
    report **groups;            /* a long-form file split report by report (input/groups.h) */
    report *previous;           /* --previous: last year's report, or NULL */
    size_t ngroups;
    csv_stream *stream;         /* the one PATH, surveyed for streaming (pipeline.h), not loaded yet */
    const char *stream_path;
    enum style_choice stream_style;     /* the number style choice it was surveyed with */
    findings_stream *written_early;     /* -o JSON/SARIF written as the stream's reports are done, or NULL */
    audit_engines *engines;     /* being made while the report loads (engines_start), or NULL */
    char error[1100];           /* the load error, "FILE:LINE: message", for a portfolio entry */
} audit_state;

/* Prints a load error and keeps it in st. */
static int load_failed(audit_state *st, const load_error *err)
{
    report_load_error(err);
    if (err->line) snprintf(st->error, sizeof st->error, "%s:%d: %s", err->file, err->line, err->message);
    else snprintf(st->error, sizeof st->error, "%s: %s", err->file, err->message);
    return EXIT_USAGE;
}

/* The threads of --jobs (default: the cores). */
static int jobs_setting(const settings *set)
{
    return settings_number(set, SET_JOBS) ? (int)settings_number(set, SET_JOBS) : runner_cores();
}

static void *make_first_engine(void *arg)
{
    audit_state *st = arg;
    audit_engines *en = st->engines;
    timeline_mark(+1, "engine", "first");
    en->engine = script_new(&en->so, st->cat, st->findings, en->error, sizeof en->error);
    timeline_mark(-1, "engine", "first");
    atomic_store(&en->first_made, 1);
    return NULL;
}

static int first_engine_made(void *ud)
{
    audit_engines *en = ud;
    return atomic_load(&en->first_made);
}

/* Starts making the audit's engines from its settings (the files' and the
 * command line's, read): the first on a thread of its own, and with --jobs
 * one more ahead (runner_prepare_engine), while the calling thread reads
 * the report. engines_take waits for the first. */
static void engines_start(const options *o, audit_state *st)
{
    audit_engines *en = st->engines = xcalloc(1, sizeof *en);
    const char *lower_formula = settings_text(st->set, SET_LOWER_FORMULA);
    script_setting for_rules[] = {
        { "lang", settings_lang(st->set) == LANG_EN ? "en" : "id" },
        { "lower_formula", lower_formula ? lower_formula : "" },
        { "rounding", settings_text(st->set, SET_ROUNDING) },
        { "lower_is_better", st->lower_is_better },
        { "higher_is_better", st->higher_is_better },
    };
    memcpy(en->for_rules, for_rules, sizeof for_rules);
    en->so = (script_options){
        .builtin_dir = bundled_rules_override(),
        .user_dirs = st->rule_dirs,
        .nuser_dirs = st->nrule_dirs,
        .instruction_budget = settings_number(st->set, SET_MAX_INSTRUCTIONS),
        .run_budget = settings_number(st->set, SET_MAX_RUN_INSTRUCTIONS),
        .memory_limit = (size_t)settings_number(st->set, SET_MAX_MEMORY) << 20,
        .rule_seconds = (int)settings_number(st->set, SET_MAX_RULE_SECONDS),
        .settings = en->for_rules,
        .nsettings = sizeof for_rules / sizeof for_rules[0],
        .progress = rule_progress,
    };
    input_rules_register(st->cat);
    en->worker_so = en->so;
    en->worker_so.progress = NULL;
    en->worker_so.follower = 1;
    en->setup = (engine_setup){ &en->worker_so, st->set, NULL, NULL };
    /* user rule files run in child processes (engine/isolate.c): forked from one thread only */
    en->ro = (runner_options){
        .jobs = st->nrule_dirs ? 1 : jobs_setting(st->set),
        .make_engine = another_engine,
        .configure_engine = configure_another_engine,
        .ud = &en->setup,
        .process_ends = o->process_ends,
    };
    if (en->ro.jobs <= 1) return;   /* made by engines_take, on this thread (isolate.c forks) */
    runner_prepare_engine(&en->ro);
    pthread_attr_t attr;            /* beside the thread reading the report, not taking turns with it */
    pthread_attr_init(&attr);
    cpu_apart(&attr);
    en->started = pthread_create(&en->thread, &attr, make_first_engine, st) == 0;
    pthread_attr_destroy(&attr);
}

/* The first engine, made (NULL with the reason printed); the engines'
 * threads stay for runner_run. */
static script *engines_take(audit_state *st)
{
    audit_engines *en = st->engines;
    if (en->started) {
        /* the report is read: while the first engine is still loading, the
         * rule files the second would load when it first runs them */
        runner_preload(&en->ro, first_engine_made, en);
        pthread_join(en->thread, NULL);
        en->started = 0;
    } else if (!en->engine) {
        make_first_engine(st);
    }
    script *e = en->engine;
    en->engine = NULL;
    if (!e) fprintf(stderr, "lakip-audit: %s\n", en->error);
    return e;
}

/* Waits for what engines_start started and frees what no one took. */
static void engines_free(audit_state *st)
{
    audit_engines *en = st->engines;
    if (!en) return;
    if (en->started) pthread_join(en->thread, NULL);
    script_free(en->engine);
    runner_options_done(&en->ro);
    free(en);
    st->engines = NULL;
}

/* What must be finished before the process ends: the streams (a report
 * written as it goes, the input being read), the engines being made. */
static void audit_state_close(audit_state *st)
{
    engines_free(st);
    script_print_profile(st->engine);
    findings_stream_free(st->written_early);
    st->written_early = NULL;
    load_stream_close(st->stream);
    st->stream = NULL;
}

static void audit_state_free(audit_state *st)
{
    audit_state_close(st);
    script_free(st->engine);
    groups_free(st->groups, st->ngroups);
    report_free(st->previous);
    settings_free(st->set);
    free(st->lower_is_better);
    free(st->higher_is_better);
    free(st->rule_dirs);
    finding_list_free(st->findings);
    recompute_list_free(st->recomputed);
    catalog_free(st->cat);
    report_free(st->rep);
}

/* Reads the paths into a new *out in the number style the settings give
 * (their files read), and resolves the year and agency with what the
 * report implies (settings.c). 0, or -1 with *err. */
static int load_report_paths(settings *set, char *const *paths, int npaths, const char *config_file, report **out,
                             csv_stream **stream, load_error *err)
{
    *out = report_new(settings_number_style(set));
    for (int i = 0; i < npaths; i++) {
        progress_line("lakip-audit: memuat %s (%zu/%zu)", paths[i], (size_t)(i + 1), (size_t)npaths);
        /* one long-form export: surveyed, audited as it streams (pipeline.h) */
        if (stream && npaths == 1 && load_stream(*out, paths[i], jobs_setting(set), stream)) {
            pipeline_infer_metadata(*stream, *out);
            continue;
        }
        if (load_path(*out, paths[i], err) < 0) {
            progress_line(NULL, NULL, 0, 0);
            return -1;
        }
    }
    if (config_file) report_add_input(*out, config_file);
    settings_resolve_report(set, *out);
    return 0;
}

/* The settings files the paths bring (and config_file), then the paths. */
static int load_report(settings *set, char *const *paths, int npaths, const char *config_file, report **out,
                       csv_stream **stream, load_error *err)
{
    *out = NULL;
    if (settings_read_files(set, paths, npaths, config_file, err) < 0) return -1;
    return load_report_paths(set, paths, npaths, config_file, out, stream, err);
}

/* Loads the paths and settles every setting (settings.c: command line >
 * settings file > inferred > default). 0, or EXIT_USAGE (message printed). */
static int audit_load(options *o, char *const *paths, int npaths, audit_state *st)
{
    memset(st, 0, sizeof *st);
    st->cat = catalog_new();
    st->findings = finding_list_new();
    st->recomputed = recompute_list_new();
    st->set = settings_for_report(o->cli, true);
    load_error err = { .line = 0 };
    if (settings_read_files(st->set, paths, npaths, o->config_file, &err) < 0) return load_failed(st, &err);
    timeline_mark(0, "settings read", NULL);
    st->lower_is_better = settings_joined(st->set, SET_LOWER_IS_BETTER);
    st->higher_is_better = settings_joined(st->set, SET_HIGHER_IS_BETTER);
    const setting_value **dirs = settings_list(st->set, SET_RULES, &st->nrule_dirs);
    st->rule_dirs = xcalloc(st->nrule_dirs + 1, sizeof(char *));
    for (size_t i = 0; i < st->nrule_dirs; i++) st->rule_dirs[i] = dirs[i]->value;
    free(dirs);
    if (o->rules && !o->explain_settings) engines_start(o, st);
    timeline_mark(+1, "reading", NULL);
    if (load_report_paths(st->set, paths, npaths, o->config_file, &st->rep, o->stream ? &st->stream : NULL, &err) < 0)
        return load_failed(st, &err);
    timeline_mark(-1, "reading", NULL);
    if (st->stream) {
        st->stream_path = paths[0];
        st->stream_style = report_style_choice(st->rep);
    }
    if (o->previous) {              /* last year's report, with its own settings file */
        settings *prev = settings_for_report(o->cli, false);
        int rc = load_report(prev, (char *const *)&o->previous, 1, NULL, &st->previous, NULL, &err);
        settings_free(prev);
        if (rc < 0) return load_failed(st, &err);
    }
    o->lang = settings_lang(st->set);
    settings_fail_on(st->set, &o->fail_on, &o->fail_never);
    if (!o->format) o->format = settings_text(st->set, SET_FORMAT);
    builtin_rules_dir(st->rules_dir, sizeof st->rules_dir);
    return 0;
}

/* The reports the rules run on: the long-form groups, else the report. */
static const report *const *audited_reports(const audit_state *st)
{
    return st->ngroups ? (const report *const *)st->groups : (const report *const *)&st->rep;
}

static size_t audited_count(const audit_state *st)
{
    return st->ngroups ? st->ngroups : 1;
}

/* Runs the rules over the loaded report and finishes the finding list.
 * 0, or EXIT_USAGE (message printed). */
static int audit_rules(const options *o, audit_state *st)
{
    if (!st->engines) engines_start(o, st);     /* not started by audit_load: o->rules unset */
    audit_engines *en = st->engines;
    en->setup.previous = st->previous;
    timeline_mark(+1, "waiting for the first engine", NULL);
    st->engine = engines_take(st);
    timeline_mark(-1, "waiting for the first engine", NULL);
    if (!st->engine) return EXIT_USAGE;
    if (configure_rules(st->cat, st->set, 1) < 0) return EXIT_USAGE;
    en->setup.leader = st->engine;
    runner_options *ro = &en->ro;      /* its prepared engine: freed by engines_free */
    /* a long-form file is audited report by report */
    char **columns;
    group_options go;
    settings_group_by(st->set, &go.off, &columns, &go.ncolumns, &go.file, &go.line);
    go.columns = (const char *const *)columns;
    script_keep_recomputations(st->engine, st->recomputed);
    script_keep_coverage(st->engine, report_coverage(st->rep));
    script_set_previous(st->engine, st->previous);
    bool streamed = false;
    pipeline_sink sink = st->written_early ? findings_stream_sink(st->written_early) : (pipeline_sink){ 0 };
    if (st->stream) {
        /* the writers of tables (html, xlsx) need them all: loaded whole */
        streamed = strcmp(o->format, "html") && strcmp(o->format, "xlsx")
                   && pipeline_run(st->stream, st->rep, &go, st->engine, st->findings, ro,
                                   st->written_early ? &sink : NULL) == 0;
        load_stream_close(st->stream);
        st->stream = NULL;
        script_keep_recomputations(st->engine, st->recomputed);
        script_keep_coverage(st->engine, report_coverage(st->rep));
        load_error lerr = { .line = 0 };
        if (!streamed && load_stream_whole(st->rep, st->stream_path, st->stream_style, &lerr) < 0) {
            settings_group_by_free(columns, go.ncolumns);
            return load_failed(st, &lerr);
        }
    }
    load_error gerr = { .line = 0 };
    int split = streamed ? 0 : groups_split(st->rep, &go, &st->groups, &st->ngroups, &gerr);
    settings_group_by_free(columns, go.ncolumns);
    if (split < 0) {
        return load_failed(st, &gerr);
    }
    timeline_mark(+1, "rules", NULL);
    if (!streamed)
        runner_run(st->engine, st->rep, st->groups, st->ngroups, st->findings, st->recomputed, report_coverage(st->rep), ro);
    timeline_mark(-1, "rules", NULL);
    recompute_sort(st->recomputed);
    progress_line(NULL, NULL, 0, 0);
    input_rules_findings(st->rep, audited_reports(st), audited_count(st), st->cat, st->findings);  /* needs what the rules checked */
    finding_list_apply_catalog(st->findings, st->cat);
    /* after the reports already written, identical findings numbered on */
    if (st->written_early) finding_list_finish_after(st->findings, findings_stream_occurrences(st->written_early));
    else finding_list_finish(st->findings);
    return 0;
}

static audit make_audit(const options *o, const audit_state *st, const char *date)
{
    return (audit){
        .rep = st->rep, .cat = st->cat, .findings = st->findings, .recomputed = st->recomputed,
        .audited = audited_reports(st), .naudited = audited_count(st), .lang = o->lang,
        .version = LAKIP_VERSION, .date = date, .fail_on = o->fail_on, .fail_never = o->fail_never,
    };
}

/* EXIT_FINDINGS when the counts reach --fail-on, else EXIT_CLEAN. */
static int exit_for(const options *o, const size_t counts[3])
{
    if (!o->fail_never)
        for (int s = (int)o->fail_on; s <= SEV_ERROR; s++)
            if (counts[s]) return EXIT_FINDINGS;
    return EXIT_CLEAN;
}

/* ---- portfolio: many reports, one summary ------------------------------ */

/* Audits one report of a portfolio and reads its JSON report back as the
 * entry, exactly as `merge` would read the file (so both give the same
 * summary). A report that cannot be audited becomes an entry with its
 * error. */
static void audit_member(const options *defaults, const char *path, const char *previous, portfolio *pf)
{
    options o = *defaults;          /* each report's own settings file applies to it alone */
    o.format = "json";
    o.previous = previous;
    o.rules = 1;
    audit_state st;
    portfolio_entry e = { 0 };
    char date[16], err[1024];
    today(date, sizeof date);
    /* stderr carries the load error; the entry keeps a short form */
    if (audit_load(&o, (char *const *)&path, 1, &st) != 0 || audit_rules(&o, &st) != 0) {
        e.source = xstrdup(path);
        e.error = xstrdup(st.error[0] ? st.error : "the rules could not run (see the messages above)");
        e.coverage = (portfolio_coverage){ -1, -1, -1, -1 };
        portfolio_add(pf, &e);
        audit_state_free(&st);
        return;
    }
    audit a = make_audit(&o, &st, date);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int rc = mem ? output_write(mem, output_json, 0, &a) : -1;
    if (mem && fclose(mem) != 0) rc = -1;
    if (rc != 0 || report_json_read(buf, len, path, pf, err, sizeof err) != 0) {
        e.source = xstrdup(path);
        e.error = xstrdup(rc == 0 ? err : "out of memory");
        e.coverage = (portfolio_coverage){ -1, -1, -1, -1 };
        portfolio_add(pf, &e);
    }
    free(buf);
    audit_state_free(&st);
}

/* Writes the summary to -o or standard output; the exit status. */
static int write_portfolio(const options *o, portfolio *pf)
{
    portfolio_finish(pf);
    portfolio_fn fn = portfolio_find(o->format ? o->format : "text");
    if (!fn) return usage_error("a portfolio summary is text, json or html, not '%s'", o->format);
    portfolio_view v = { .p = pf, .lang = o->lang, .version = LAKIP_VERSION };
    output_file *of = NULL;
    if (o->output && !(of = output_file_open(o->output))) return EXIT_USAGE;
    FILE *out = of ? output_file_stream(of) : stdout;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int rc = mem ? fn(mem, &v) : -1;
    if (mem && fclose(mem) != 0) rc = -1;
    if (rc == 0) utf8_write_clean(out, buf, len, fn == portfolio_text);
    free(buf);
    if (of) rc = output_file_commit(of, rc == 0 && !ferror(out) ? 0 : -1);
    else if (fflush(stdout) != 0 || ferror(stdout)) rc = -1;
    if (rc < 0) return EXIT_USAGE;
    size_t counts[3], accepted, unreadable;
    portfolio_totals(pf, counts, &accepted, &unreadable);
    if (unreadable) return EXIT_USAGE;
    return exit_for(o, counts);
}

/* Who and when a portfolio member is (its settings file or title page),
 * to pair it with the same agency's report of the year before. A member
 * that cannot be read has neither; its audit reports why. */
typedef struct {
    char *agency;
    int year;
} member_id;

static void member_identity(const options *o, const char *path, member_id *id)
{
    report *r;
    settings *set = settings_for_report(o->cli, true);
    load_error err = { .line = 0 };
    if (load_report(set, (char *const *)&path, 1, o->config_file, &r, NULL, &err) == 0) {
        const char *source;
        id->year = report_year(r, &source);
        const char *agency = report_agency(r, &source);
        id->agency = agency ? xstrdup(agency) : NULL;
    }
    report_free(r);
    settings_free(set);
}

static int run_portfolio(options *o, char *const *paths, int npaths)
{
    if (o->baseline) return usage_error("%s", "--baseline applies to one report, not to a portfolio");
    /* every member first: -o must not name any of their files */
    char **members = NULL;
    size_t n = 0;
    for (int i = 0; i < npaths; i++) {
        char **some = NULL;
        size_t k = 0;
        load_error err = { .line = 0 };
        if (load_list_reports(paths[i], &some, &k, &err) < 0) {
            report_load_error(&err);
            for (size_t m = 0; m < n; m++) free(members[m]);
            free(members);
            return EXIT_USAGE;
        }
        members = xrealloc(members, (n + k + 1) * sizeof *members);
        memcpy(members + n, some, k * sizeof *some);
        n += k;
        free(some);
    }
    int status = EXIT_CLEAN;
    if (o->output) {
        size_t ndirs;
        const setting_value **dirs = settings_list(o->cli, SET_RULES, &ndirs);
        size_t nfolders = n + (size_t)npaths + ndirs;
        const char **folders = xcalloc(nfolders + 1, sizeof *folders);
        for (size_t k = 0; k < n; k++) folders[k] = members[k];
        for (int i = 0; i < npaths; i++) folders[n + (size_t)i] = paths[i];
        for (size_t k = 0; k < ndirs; k++) folders[n + (size_t)npaths + k] = dirs[k]->value;
        free(dirs);
        const char *files[] = { o->config_file };
        /* a member is a file or a folder: both lists hold it */
        if (output_is_input(o->output, folders, nfolders, folders, nfolders) || output_is_input(o->output, files, 1, NULL, 0)) {
            fprintf(stderr, "lakip-audit: %s: refusing to overwrite an input file\n", o->output);
            status = EXIT_USAGE;
        }
        free(folders);
    }
    /* year over year: a report's previous is the same agency's report of
     * the year before, when the portfolio has it */
    member_id *ids = xcalloc(n ? n : 1, sizeof *ids);
    for (size_t k = 0; k < n && status == EXIT_CLEAN; k++) member_identity(o, members[k], &ids[k]);
    portfolio *pf = portfolio_new();
    for (size_t k = 0; k < n; k++) {
        const char *previous = NULL;
        for (size_t j = 0; j < n && ids[k].agency && ids[k].year; j++)
            if (ids[j].agency && strcmp(ids[j].agency, ids[k].agency) == 0 && ids[j].year == ids[k].year - 1)
                previous = members[j];
        if (status == EXIT_CLEAN) audit_member(o, members[k], previous, pf);
    }
    for (size_t k = 0; k < n; k++) {
        free(members[k]);
        free(ids[k].agency);
    }
    free(ids);
    free(members);
    if (status == EXIT_CLEAN) status = write_portfolio(o, pf);
    portfolio_free(pf);
    return status;
}

/* lakip-audit merge [--format F] [--lang L] [--fail-on L] [-o FILE] REPORT.json... */
static int run_merge(int argc, char **argv)
{
    options o = { .lang = LANG_ID, .fail_on = SEV_ERROR, .format = "text" };
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return usage_error("option '%s' needs a value", a);
        if (strcmp(a, "--format") == 0) {
            if (!portfolio_find(v)) return usage_error("merge --format: expected text, json or html, got '%s'", v);
            o.format = v;
        } else if (strcmp(a, "--lang") == 0 || strcmp(a, "--fail-on") == 0) {
            char why[512], msg[600];
            enum setting_key key = a[2] == 'l' ? SET_LANG : SET_FAIL_ON;
            if (settings_check(key, v, why, sizeof why) < 0) {
                snprintf(msg, sizeof msg, "%s: %s", a, why);
                return usage_error("%s", msg);
            }
            if (key == SET_LANG) o.lang = strcmp(v, "en") == 0 ? LANG_EN : LANG_ID;
            else if (strcmp(v, "never") == 0) o.fail_never = 1;
            else severity_from_name(v, &o.fail_on);
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            o.output = v;
        } else {
            return usage_error("merge: unknown option '%s'", a);
        }
        i++;
    }
    if (i >= argc) return usage_error("%s", "merge: no JSON report given");
    portfolio *pf = portfolio_new();
    int status = EXIT_CLEAN;
    if (o.output && output_is_input(o.output, (const char *const *)argv + i, (size_t)(argc - i), NULL, 0)) {
        fprintf(stderr, "lakip-audit: %s: refusing to overwrite an input file\n", o.output);
        status = EXIT_USAGE;
    }
    for (; i < argc && status == EXIT_CLEAN; i++) {
        char err[1024];
        if (report_json_load(argv[i], pf, err, sizeof err) < 0) {
            fprintf(stderr, "lakip-audit: %s\n", err);
            status = EXIT_USAGE;
            break;
        }
    }
    if (status == EXIT_CLEAN) status = write_portfolio(&o, pf);
    portfolio_free(pf);
    return status;
}

/* check; with record set, baseline: the same audit, written as a baseline. */
static int run_check(int argc, char **argv, int record)
{
    options o = { .cli = settings_new() };
    int rc = parse_check_options(argc, argv, &o);
    if (rc) {
        settings_free(o.cli);
        return rc < 0 ? EXIT_CLEAN : rc;
    }
    show_progress = isatty(STDERR_FILENO);
    /* LAKIP_AUDIT_STREAM=off: load a long-form export whole, as before
     * streaming (to compare the two; the output is the same) */
    const char *stream_env = getenv("LAKIP_AUDIT_STREAM");
    o.stream = !stream_env || strcmp(stream_env, "off") != 0;
    o.process_ends = !free_at_exit();
    o.rules = 1;
    char *const *paths = argv + optind;
    int npaths = argc - optind;
    if (!record && (o.portfolio || (npaths == 1 && load_is_portfolio(paths[0])))) {
        int status = o.explain_settings ? usage_error("%s", "--explain-settings applies to one report, not to a portfolio")
                                        : run_portfolio(&o, paths, npaths);
        settings_free(o.cli);
        return status;
    }

    audit_state st;
    baseline *base = NULL;
    output_file *out = NULL;
    int status = audit_load(&o, paths, npaths, &st);
    if (status) goto done;
    status = EXIT_USAGE;
    if (o.explain_settings) {       /* why the audit would use what it uses */
        settings_explain(stdout, st.set, o.lang);
        status = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN : EXIT_USAGE;
        goto done;
    }
    if (o.output && !(out = open_output(&o, st.rep, st.previous, record, st.rules_dir, st.rule_dirs, st.nrule_dirs)))
        goto done;
    /* re-recording keeps the justifications reviewers wrote in the old file */
    if (record && !o.baseline && o.output && access(o.output, F_OK) == 0) o.baseline = o.output;
    if (o.baseline) {
        char berr[1024];
        base = baseline_load(o.baseline, berr, sizeof berr);
        if (!base) {
            fprintf(stderr, "lakip-audit: %s\n", berr);
            goto done;
        }
    }
    char date[16];
    today(date, sizeof date);
    audit a = make_audit(&o, &st, date);
    /* a long-form file's JSON or SARIF report written as its reports are
     * done, so its findings are not all held until the end (without -o,
     * into a spool that goes to standard output when the audit is done) */
    if (!record && st.stream && output_piecewise(o.format)) {
        /* on standard output through a nameless file, copied there at the
         * end: no findings held, and a run that fails writes nothing */
        if (!out) out = output_file_spool();
        if (out) st.written_early = findings_stream_new(output_piecewise(o.format), out, &a, st.findings, st.cat, base);
    }
    if (audit_rules(&o, &st) != 0) goto done;
    if (base) baseline_apply(base, st.findings);

    a = make_audit(&o, &st, date);  /* the reports the rules ran on are known now */
    timeline_mark(+1, "writing", NULL);
    int written;
    if (st.written_early && findings_stream_started(st.written_early))
        written = output_file_commit(out, findings_stream_end(st.written_early));
    else if (record) written = write_output(out, baseline_output, 0, &a);
    else written = write_output(out, output_find(o.format), output_escapes_controls(o.format), &a);
    timeline_mark(-1, "writing", NULL);
    out = NULL;                     /* committed or removed */
    if (written < 0) goto done;
    if (record) {
        status = EXIT_CLEAN;
        goto done;
    }
    if (base) baseline_write_stale(stderr, base);

    size_t counts[3];
    audit_counts(&a, counts);
    status = exit_for(&o, counts);
done:
    output_file_abort(out);
    baseline_free(base);
    /* The process ends next and its memory goes back with it: freeing the
     * audit object by object (each Lua state alone is ~5 M instructions on
     * the sample, 2 % of the run) is work no one waits for. Built with a
     * sanitizer, or with LAKIP_FREE_AT_EXIT=1 (valgrind), it is freed, so
     * that what leaks is still found. */
    if (!o.process_ends) {
        audit_state_free(&st);
        settings_free(o.cli);
    } else {
        audit_state_close(&st);
    }
    timeline_mark(0, "end", NULL);
    timeline_print(stderr);
    return status;
}

static int tables_output(FILE *out, const audit *a)
{
    return tables_write_text(out, a->rep, a->lang);
}

/* --format csv|md: the cells themselves, to check the reading or fix a table */
static int tables_csv_output(FILE *out, const audit *a)
{
    return tables_write_csv(out, a->rep, a->lang);
}

static int tables_md_output(FILE *out, const audit *a)
{
    return tables_write_md(out, a->rep, a->lang);
}

/* lakip-audit tables [options] PATH...: what was read, no rules run. Takes
 * the options of check; those about rules and findings have no effect. */
static int run_tables(int argc, char **argv)
{
    options o = { .cli = settings_new(), .tables_formats = 1 };
    int rc = parse_check_options(argc, argv, &o);
    int status = rc < 0 ? EXIT_CLEAN : rc;
    output_fn fn = !o.format || strcmp(o.format, "text") == 0 ? tables_output
                 : strcmp(o.format, "csv") == 0 ? tables_csv_output
                 : strcmp(o.format, "md") == 0 ? tables_md_output : NULL;
    if (rc == 0 && !fn)
        status = usage_error("tables: --format: text, csv or md, not '%s'", o.format);
    else if (rc == 0) {
        show_progress = isatty(STDERR_FILENO);
        audit_state st;
        output_file *out = NULL;
        status = audit_load(&o, argv + optind, argc - optind, &st);
        if (status == 0 && o.explain_settings) {
            settings_explain(stdout, st.set, o.lang);
            status = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN : EXIT_USAGE;
        } else if (status == 0) {
            status = EXIT_USAGE;
            if (!o.output || (out = open_output(&o, st.rep, NULL, 0, st.rules_dir, st.rule_dirs, st.nrule_dirs)) != NULL) {
                audit a = { .rep = st.rep, .lang = o.lang, .version = LAKIP_VERSION };
                if (write_output(out, fn, fn != tables_csv_output, &a) == 0) status = EXIT_CLEAN;
            }
        }
        audit_state_free(&st);
    }
    settings_free(o.cli);
    return status;
}

/* `rules test`: one fixture audited as `check ARGV...` would (rules_test.h). */
static int audit_fixture(int argc, char **argv, void (*each)(void *ud, const char *rule, int line), void *ud,
                         char *err, size_t errlen)
{
    options o = { .cli = settings_new(), .rules = 1 };
    audit_state st;
    int status = -1;
    memset(&st, 0, sizeof st);
    if (parse_check_options(argc, argv, &o) != 0) {
        snprintf(err, errlen, "%s", "its options cannot be used (see above)");
    } else if (audit_load(&o, argv + optind, argc - optind, &st) != 0 || audit_rules(&o, &st) != 0) {
        snprintf(err, errlen, "%s", st.error[0] ? st.error : "it could not be audited (see above)");
    } else {
        for (size_t i = 0; i < finding_count(st.findings); i++)
            each(ud, finding_at(st.findings, i)->rule, finding_at(st.findings, i)->line);
        status = 0;
    }
    audit_state_free(&st);
    settings_free(o.cli);
    return status;
}

/* lakip-audit rules [--lang L] [--format text|md] [--rules DIR]... [explain ID]
 * lakip-audit rules test ... (rules_test.h) */
static int run_rules(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "test") == 0) return rules_test_main(argc - 1, argv + 1, bundled_rules_override(), audit_fixture);
    enum lang lang = LANG_ID;
    const char *format = "text", *explain = NULL;
    const char **dirs = NULL;
    size_t ndirs = 0;
    int status = EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--lang") == 0 && v) {
            char why[512];
            if (settings_check(SET_LANG, v, why, sizeof why) < 0) goto bad;
            lang = strcmp(v, "en") == 0 ? LANG_EN : LANG_ID;
            i++;
        } else if (strcmp(a, "--format") == 0 && v && (!strcmp(v, "text") || !strcmp(v, "md"))) {
            format = v;
            i++;
        } else if (strcmp(a, "--rules") == 0 && v) {
            dirs = xrealloc(dirs, (ndirs + 1) * sizeof(char *));
            dirs[ndirs++] = v;
            i++;
        } else if (strcmp(a, "explain") == 0 && v && !explain) {
            explain = v;
            i++;
        } else {
bad:
            usage_error("rules: unexpected argument '%s'", a);
            free(dirs);
            return EXIT_USAGE;
        }
    }
    char rules_dir[PATH_MAX], err[1024];
    builtin_rules_dir(rules_dir, sizeof rules_dir);
    catalog *cat = catalog_new();
    input_rules_register(cat);
    finding_list *load_problems = finding_list_new();
    script_options so = { .builtin_dir = bundled_rules_override(), .user_dirs = dirs, .nuser_dirs = ndirs };
    script *engine = script_new(&so, cat, load_problems, err, sizeof err);
    if (!engine) {
        fprintf(stderr, "lakip-audit: %s\n", err);
        goto done;
    }
    for (size_t i = 0; i < finding_count(load_problems); i++)
        fprintf(stderr, "lakip-audit: %s\n", finding_get(finding_at(load_problems, i), "message"));
    if (explain) {
        if (catalog_write_explain(stdout, cat, explain, lang) < 0) {
            fprintf(stderr, "lakip-audit: rules explain: unknown rule '%s'\n", explain);
            goto done;
        }
    } else if (strcmp(format, "md") == 0) {
        catalog_write_markdown(stdout, cat);
    } else {
        catalog_write_list(stdout, cat, lang);
    }
    status = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN : EXIT_USAGE;
done:
    script_free(engine);
    finding_list_free(load_problems);
    catalog_free(cat);
    free(dirs);
    return status;
}

int main(int argc, char **argv)
{
    timeline_start();
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("lakip-audit %s\n", LAKIP_VERSION);
        return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
    }
    if (strcmp(argv[1], "check") == 0) return run_check(argc - 1, argv + 1, 0);
    if (strcmp(argv[1], "baseline") == 0) return run_check(argc - 1, argv + 1, 1);
    if (strcmp(argv[1], "rules") == 0) return run_rules(argc - 1, argv + 1);
    if (strcmp(argv[1], "merge") == 0) return run_merge(argc - 1, argv + 1);
    if (strcmp(argv[1], "tables") == 0) return run_tables(argc - 1, argv + 1);
    return usage_error("unknown command '%s' (expected check, baseline, tables, merge or rules)", argv[1]);
}
