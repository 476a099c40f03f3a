/*
 * settings.h — every setting of an audit, resolved in one place.
 *
 * A setting can come from four sources; the first that gives one wins:
 *   1. the command line (--tahun 2020),
 *   2. a settings file (tahun = 2019 in lakip-audit.conf: a PATH folder's,
 *      a PATH so named, or --config FILE; of two files the later wins),
 *   3. the report itself (the year and the agency its title page or its
 *      table headers name),
 *   4. the default.
 * Each key has one validator, used for every source (an invalid value on
 * the command line is a usage error naming the option, in a settings file
 * an input error naming the file and line; both exit 2), and every value
 * remembers where it came from, so `check --explain-settings` can show
 * why the audit used what it used, and which values lost.
 *
 * A long-form file's groups take their tahun from their own tahun column
 * (input/groups.c): that is the group's identity, not a setting.
 */
#ifndef LAKIP_SETTINGS_H
#define LAKIP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "model/catalog.h"
#include "model/report.h"

enum setting_source { SOURCE_DEFAULT, SOURCE_INFERRED, SOURCE_FILE, SOURCE_CLI };

enum setting_key {
    /* one value: the winner replaces the others */
    SET_TAHUN, SET_INSTANSI, SET_LANG, SET_FAIL_ON, SET_NUMBER_STYLE, SET_LOWER_FORMULA, SET_ROUNDING,
    SET_FORMAT, SET_GROUP_BY, SET_JOBS, SET_MAX_INSTRUCTIONS, SET_MAX_RUN_INSTRUCTIONS, SET_MAX_MEMORY,
    SET_MAX_RULE_SECONDS,
    /* repeatable: every value counts, settings files' before the command line's */
    SET_RULES, SET_DISABLE, SET_ENABLE, SET_SEVERITY, SET_LOWER_IS_BETTER, SET_HIGHER_IS_BETTER, SET_ONLY,
    SET_KEY_COUNT
};

typedef struct {
    char *value;                /* as given; rules: the folder resolved against its settings file */
    enum setting_source source;
    char *file;                 /* SOURCE_FILE: the settings file; SOURCE_INFERRED: "inferred from FILE:LINE" */
    int line;                   /* SOURCE_FILE: its line */
    char *rule;                 /* SET_SEVERITY: the rule id of severity.RULE */
    unsigned order;             /* when it was given, among all values */
} setting_value;

typedef struct settings settings;

settings *settings_new(void);
void settings_free(settings *s);
/* A copy with the command line's values only; with identity false
 * without tahun and instansi (for last year's report, --previous). */
settings *settings_for_report(const settings *s, bool identity);

/* The key a command-line option ("--tahun", "--year") sets, or -1. */
int settings_option_key(const char *option);
/* Validates value for key (the one validator of the key); 0, or -1 with
 * why ("expected id or en, got 'xx'"). */
int settings_check(enum setting_key key, const char *value, char *why, size_t size);
/* A command-line value; 0, or -1 with err ("--lang: expected id or en,
 * got 'xx'"), a usage error. */
int settings_set_cli(settings *s, enum setting_key key, const char *option, const char *value, char *err, size_t size);
/* Reads and validates every line of a settings file; 0, or -1 with *err
 * (file and line). */
int settings_read_file(settings *s, const char *path, load_error *err);
/* The settings files that PATHs bring (a folder's lakip-audit.conf, a
 * PATH so named), then --config FILE (may be NULL), read in that order. */
int settings_read_files(settings *s, char *const *paths, int npaths, const char *config_file, load_error *err);
/* Adds what the loaded report implies (year and agency from its title
 * page or table headers), then sets the winners of tahun and instansi
 * on it with their source ("command line", "lakip-audit.conf:2",
 * "inferred from laporan.md:3": the strings the outputs show). */
void settings_resolve_report(settings *s, report *r);

/* The value that wins for a single-valued key, NULL when only the default
 * applies. */
const setting_value *settings_winner(const settings *s, enum setting_key key);
/* The winner's text, else the default's (NULL when the key has none). */
const char *settings_text(const settings *s, enum setting_key key);
/* Every value of a key in the order they apply: the settings files' (in
 * reading order), then the command line's; *count of them. Free the
 * array (not the values). */
const setting_value **settings_list(const settings *s, enum setting_key key, size_t *count);

/* Typed winners. */
enum lang settings_lang(const settings *s);
/* fail_on: *never set for "never", else *level. */
void settings_fail_on(const settings *s, enum severity *level, bool *never);
enum style_choice settings_number_style(const settings *s);
long long settings_number(const settings *s, enum setting_key key);   /* 0 when unset */
/* The values of a ;-list key (lower_is_better, higher_is_better) joined
 * by ';'; "" when none. Free it. */
char *settings_joined(const settings *s, enum setting_key key);
/* group_by: *off for "none"; else the headers (free with
 * settings_group_by_free), none when unset; *file and *line where it was set
 * ("--group-by", 0 from the command line). */
void settings_group_by(const settings *s, bool *off, char ***columns, size_t *ncolumns, const char **file, int *line);
void settings_group_by_free(char **columns, size_t ncolumns);

/* Applies enable, disable and severity.RULE of the settings files to the
 * loaded catalog (--only and --disable are main.c's, after these); an
 * unknown rule id is an error naming the file and line. 0, or -1 with *err. */
int settings_apply_rules(const settings *s, catalog *cat, load_error *err);

/* Writes every setting, its value and where it came from, and the values
 * it overrode, for `check --explain-settings`. */
void settings_explain(FILE *out, const settings *s, enum lang lang);

#endif
