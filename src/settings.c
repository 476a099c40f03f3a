/*
 * settings.c — the one resolution of the audit's settings (see settings.h).
 *
 * KEYS below is the whole story of a key: its name in a settings file, its
 * command-line option, its validator and its default. Nothing else in the
 * program validates a setting or decides which source wins.
 */
#include "settings.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/script.h"
#include "input/settings_file.h"
#include "model/year.h"
#include "output/output.h"
#include "util/util.h"

#define YEAR_TEXT_(a, b) "a year from " #a " to " #b
#define YEAR_TEXT(a, b) YEAR_TEXT_(a, b)

typedef struct key_def key_def;
/* 0 when value is valid; else -1, with *detail possibly set to why (a
 * folder's strerror). file: the settings file the value is in, or NULL. */
typedef int (*validator)(const key_def *k, const char *value, const char *file, const char **detail);

struct key_def {
    const char *name;               /* in a settings file; "severity" stands for severity.RULE */
    const char *option;             /* on the command line, or NULL */
    bool in_file;                   /* may be written in a settings file */
    bool repeat;
    validator check;
    const char *const *choices;     /* valid values, for one_of */
    long long max;                  /* for positive: the largest */
    const char *expected;           /* what a valid value is, for messages */
    const char *default_value;      /* NULL: none */
    const char *default_note[2];    /* what the default means, by enum lang, for --explain-settings */
    const char *value_note[2];      /* what a value given means, when it is not simply used */
};

static int one_of(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)file, (void)detail;
    for (const char *const *c = k->choices; *c; c++)
        if (strcmp(v, *c) == 0) return 0;
    return -1;
}

static int a_year(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k, (void)file, (void)detail;
    return year_parse(v) ? 0 : -1;
}

static int some_text(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k, (void)file, (void)detail;
    return v[0] ? 0 : -1;
}

static int a_format(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k, (void)file, (void)detail;
    return output_find(v) ? 0 : -1;
}

/* "a, b" -> the blank-trimmed pieces between sep characters, empty ones
 * dropped; *n of them (free with free_pieces). */
static char **pieces(const char *value, const char *sep, size_t *n)
{
    char **out = NULL;
    *n = 0;
    for (const char *p = value; *p; ) {
        size_t len = strcspn(p, sep);
        const char *q = p;
        size_t m = len;
        while (m && (*q == ' ' || *q == '\t')) q++, m--;
        while (m && (q[m - 1] == ' ' || q[m - 1] == '\t')) m--;
        if (m) {
            out = xrealloc(out, (*n + 1) * sizeof *out);
            out[(*n)++] = xstrndup(q, m);
        }
        p += len;
        if (*p) p++;
    }
    return out;
}

static void free_pieces(char **p, size_t n)
{
    for (size_t i = 0; i < n; i++) free(p[i]);
    free(p);
}

static int columns(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k, (void)file, (void)detail;
    if (strcmp(v, "none") == 0) return 0;
    size_t n;
    char **p = pieces(v, ",", &n);
    free_pieces(p, n);
    return n ? 0 : -1;
}

static int rule_ids(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k, (void)file, (void)detail;
    size_t n;
    char **p = pieces(v, ", \t", &n);
    free_pieces(p, n);
    return n ? 0 : -1;
}

static int positive(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)file, (void)detail;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    return v[0] >= '0' && v[0] <= '9' && !*end && !errno && n > 0 && n <= k->max ? 0 : -1;
}

/* A folder relative to the settings file it is written in (the command
 * line's: to the working directory). */
static char *resolve(const char *file, const char *path)
{
    const char *slash = file ? strrchr(file, '/') : NULL;
    if (path[0] == '/' || !slash) return xstrdup(path);
    size_t n = (size_t)(slash - file);
    char *out = xmalloc(n + strlen(path) + 2);
    memcpy(out, file, n);
    out[n] = '/';
    strcpy(out + n + 1, path);
    return out;
}

static int a_folder(const key_def *k, const char *v, const char *file, const char **detail)
{
    (void)k;
    if (!v[0]) return -1;
    char *dir = resolve(file, v);
    struct stat st;
    int rc = stat(dir, &st), saved = errno;
    free(dir);
    if (rc == 0 && S_ISDIR(st.st_mode)) return 0;
    *detail = rc != 0 ? strerror(saved) : "not a folder";
    return -1;
}

static const char *const langs[] = { "id", "en", NULL };
static const char *const fail_levels[] = { "error", "warning", "info", "never", NULL };
static const char *const levels[] = { "error", "warning", "info", NULL };
static const char *const styles[] = { "auto", "id", "en", NULL };
static const char *const formulas[] = { "2t-r", "t/r", "100-r", NULL };
static const char *const roundings[] = { "strict", "truncation-ok", NULL };

static const key_def KEYS[SET_KEY_COUNT] = {
    [SET_TAHUN] = { "tahun", "--tahun", true, false, a_year, NULL, 0, YEAR_TEXT(YEAR_FIRST, YEAR_LAST), NULL,
                    { "tidak diketahui", "unknown" } },
    [SET_INSTANSI] = { "instansi", "--instansi", true, false, some_text, NULL, 0, "an agency name", NULL,
                       { "tidak diketahui", "unknown" } },
    [SET_LANG] = { "lang", "--lang", true, false, one_of, langs, 0, "id or en", "id", { NULL, NULL } },
    [SET_FAIL_ON] = { "fail_on", "--fail-on", true, false, one_of, fail_levels, 0, "error, warning, info or never",
                      "error", { NULL, NULL } },
    [SET_NUMBER_STYLE] = { "number_style", "--number-style", true, false, one_of, styles, 0, "auto, id or en", "auto",
                           { "gaya angka tiap kolom dibaca dari angkanya", "each column's style read from its numbers" } },
    [SET_LOWER_FORMULA] = { "lower_formula", "--lower-formula", true, false, one_of, formulas, 0, "2t-r, t/r or 100-r",
                            NULL, { "rumus yang dinyatakan laporan, selain itu 2t-r (lihat catatan capaian.policy)",
                                    "the formula the report declares, else 2t-r (see the capaian.policy note)" },
                            /* the report is judged by its own formula: a declared or applied one wins (capaian.lua) */
                            { "dipakai bila laporan tidak menyatakan rumus (lihat catatan capaian.policy)",
                              "used when the report declares no formula (see the capaian.policy note)" } },
    [SET_ROUNDING] = { "rounding", "--rounding", true, false, one_of, roundings, 0, "strict or truncation-ok", "strict",
                       { NULL, NULL } },
    [SET_FORMAT] = { "format", "--format", true, false, a_format, NULL, 0, NULL, "text", { NULL, NULL } },
    [SET_GROUP_BY] = { "group_by", "--group-by", true, false, columns, NULL, 0,
                       "column headers separated by commas, or none", NULL,
                       { "kolom pengelompokan yang dikenali (tahun, instansi/OPD/pemda, tabel, halaman ...)",
                         "the recognised grouping columns (tahun, instansi/OPD/pemda, tabel, halaman ...)" } },
    [SET_JOBS] = { "jobs", "--jobs", false, false, positive, NULL, 256, "a number of threads from 1 to 256", NULL,
                   { "jumlah inti prosesor", "the number of cores" } },
    [SET_MAX_INSTRUCTIONS] = { "max_instructions", "--max-instructions", false, false, positive, NULL, LLONG_MAX,
                               "a positive number", "200000000", { NULL, NULL } },
    [SET_MAX_RUN_INSTRUCTIONS] = { "max_run_instructions", "--max-run-instructions", false, false, positive, NULL,
                                   LLONG_MAX, "a positive number", "20000000000", { NULL, NULL } },
    [SET_MAX_MEMORY] = { "max_memory", "--max-memory", false, false, positive, NULL, 1LL << 20,
                         "a number of MiB from 1 to 1048576", "512", { NULL, NULL } },
    [SET_MAX_RULE_SECONDS] = { "max_rule_seconds", "--max-rule-seconds", false, false, positive, NULL, 86400,
                               "a number of seconds from 1 to 86400", "60", { NULL, NULL } },
    [SET_RULES] = { "rules", "--rules", true, true, a_folder, NULL, 0, "a folder", NULL, { NULL, NULL } },
    [SET_DISABLE] = { "disable", "--disable", true, true, rule_ids, NULL, 0, "rule ids separated by commas", NULL,
                      { NULL, NULL } },
    [SET_ENABLE] = { "enable", NULL, true, true, rule_ids, NULL, 0, "rule ids separated by commas", NULL, { NULL, NULL } },
    [SET_SEVERITY] = { "severity", NULL, true, true, one_of, levels, 0, "error, warning or info", NULL, { NULL, NULL } },
    [SET_LOWER_IS_BETTER] = { "lower_is_better", NULL, true, true, some_text, NULL, 0,
                              "indicator names separated by ;", NULL, { NULL, NULL } },
    [SET_HIGHER_IS_BETTER] = { "higher_is_better", NULL, true, true, some_text, NULL, 0,
                               "indicator names separated by ;", NULL, { NULL, NULL } },
    [SET_ONLY] = { "only", "--only", false, true, some_text, NULL, 0, "a rule id or family", NULL, { NULL, NULL } },
};

/* the limits' defaults are written as text above for --explain-settings;
 * the engine's constants are the definition, so a change there fails here */
_Static_assert(SCRIPT_DEFAULT_INSTRUCTIONS == 200000000LL, "KEYS[SET_MAX_INSTRUCTIONS] default");
_Static_assert(SCRIPT_DEFAULT_RUN_INSTRUCTIONS == 20000000000LL, "KEYS[SET_MAX_RUN_INSTRUCTIONS] default");
_Static_assert(SCRIPT_DEFAULT_MEMORY == 512u * 1024u * 1024u, "KEYS[SET_MAX_MEMORY] default");
_Static_assert(SCRIPT_DEFAULT_RULE_SECONDS == 60, "KEYS[SET_MAX_RULE_SECONDS] default");

struct settings {
    setting_value **values[SET_KEY_COUNT];  /* in the order given */
    size_t count[SET_KEY_COUNT];
    unsigned given;                         /* values added so far */
};

settings *settings_new(void)
{
    return xcalloc(1, sizeof(settings));
}

static void free_value(setting_value *v)
{
    free(v->value);
    free(v->file);
    free(v->rule);
    free(v);
}

void settings_free(settings *s)
{
    if (!s) return;
    for (int k = 0; k < SET_KEY_COUNT; k++) {
        for (size_t i = 0; i < s->count[k]; i++) free_value(s->values[k][i]);
        free(s->values[k]);
    }
    free(s);
}

static void add(settings *s, enum setting_key k, const char *value, enum setting_source source, const char *file,
                int line, const char *rule)
{
    setting_value *v = xcalloc(1, sizeof *v);
    v->value = xstrdup(value);
    v->source = source;
    v->file = file ? xstrdup(file) : NULL;
    v->line = line;
    v->rule = rule ? xstrdup(rule) : NULL;
    v->order = s->given++;
    s->values[k] = xrealloc(s->values[k], (s->count[k] + 1) * sizeof *s->values[k]);
    s->values[k][s->count[k]++] = v;
}

settings *settings_for_report(const settings *s, bool identity)
{
    settings *copy = settings_new();
    for (int k = 0; k < SET_KEY_COUNT; k++) {
        if (!identity && (k == SET_TAHUN || k == SET_INSTANSI)) continue;
        for (size_t i = 0; i < s->count[k]; i++) {
            const setting_value *v = s->values[k][i];
            if (v->source == SOURCE_CLI) add(copy, (enum setting_key)k, v->value, v->source, v->file, v->line, v->rule);
        }
    }
    return copy;
}

int settings_option_key(const char *option)
{
    if (strcmp(option, "--year") == 0) return SET_TAHUN;
    for (int k = 0; k < SET_KEY_COUNT; k++)
        if (KEYS[k].option && strcmp(KEYS[k].option, option) == 0) return k;
    return -1;
}

/* What a valid value of k is; buf for the list of output formats. */
static const char *expected(const key_def *k, char *buf, size_t size)
{
    if (k->expected) return k->expected;
    snprintf(buf, size, "one of %s", output_names());
    return buf;
}

int settings_check(enum setting_key key, const char *value, char *why, size_t size)
{
    const key_def *k = &KEYS[key];
    const char *detail = NULL;
    if (k->check(k, value, NULL, &detail) == 0) return 0;
    char buf[256];
    if (detail) snprintf(why, size, "'%s': %s", value, detail);     /* "'rules': No such file or directory" */
    else snprintf(why, size, "expected %s, got '%s'", expected(k, buf, sizeof buf), value);
    return -1;
}

int settings_set_cli(settings *s, enum setting_key key, const char *option, const char *value, char *err, size_t size)
{
    char why[512];
    if (settings_check(key, value, why, sizeof why) < 0) {
        snprintf(err, size, "%s: %s", option, why);
        return -1;
    }
    add(s, key, value, SOURCE_CLI, NULL, 0, NULL);
    return 0;
}

/* The key of a settings-file line; SET_KEY_COUNT when unknown. */
static enum setting_key file_key(const char *name)
{
    if (strncmp(name, "severity.", 9) == 0) return name[9] ? SET_SEVERITY : SET_KEY_COUNT;
    for (int k = 0; k < SET_KEY_COUNT; k++)
        if (KEYS[k].in_file && KEYS[k].name && strcmp(KEYS[k].name, name) == 0 && k != SET_SEVERITY)
            return (enum setting_key)k;
    return SET_KEY_COUNT;
}

int settings_read_file(settings *s, const char *path, load_error *err)
{
    settings_line *lines;
    size_t n;
    if (settings_file_read(path, &lines, &n, err) < 0) return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const settings_line *l = &lines[i];
        enum setting_key key = file_key(l->key);
        if (key == SET_KEY_COUNT) {
            char known[512] = "";
            for (int k = 0; k < SET_KEY_COUNT; k++) {
                if (!KEYS[k].in_file) continue;
                size_t have = strlen(known);
                snprintf(known + have, sizeof known - have, "%s%s%s", have ? ", " : "", KEYS[k].name,
                         k == SET_SEVERITY ? ".RULE" : "");
            }
            load_error_set(err, path, l->line, "unknown setting \"%s\" (known: %s)", l->key, known);
            rc = -1;
            break;
        }
        const key_def *k = &KEYS[key];
        const char *detail = NULL;
        if (k->check(k, l->value, path, &detail) < 0) {
            char buf[256];
            if (detail)             /* "rules = x: No such file or directory" */
                load_error_set(err, path, l->line, "%s = %s: %s", l->key, l->value, detail);
            else
                load_error_set(err, path, l->line, "%s must be %s, not \"%s\"", l->key, expected(k, buf, sizeof buf),
                               l->value);
            rc = -1;
            break;
        }
        if (key == SET_RULES) {
            char *dir = resolve(path, l->value);
            add(s, key, dir, SOURCE_FILE, path, l->line, NULL);
            free(dir);
        } else {
            add(s, key, l->value, SOURCE_FILE, path, l->line, key == SET_SEVERITY ? l->key + 9 : NULL);
        }
    }
    settings_lines_free(lines, n);
    return rc;
}

int settings_read_files(settings *s, char *const *paths, int npaths, const char *config_file, load_error *err)
{
    for (int i = 0; i < npaths; i++) {
        char *conf = settings_file_of(paths[i]);
        int rc = conf ? settings_read_file(s, conf, err) : 0;
        free(conf);
        if (rc < 0) return -1;
    }
    return config_file ? settings_read_file(s, config_file, err) : 0;
}

const setting_value *settings_winner(const settings *s, enum setting_key key)
{
    const setting_value *best = NULL;
    for (size_t i = 0; i < s->count[key]; i++)
        if (!best || s->values[key][i]->source >= best->source) best = s->values[key][i];
    return best;
}

const char *settings_text(const settings *s, enum setting_key key)
{
    const setting_value *v = settings_winner(s, key);
    return v ? v->value : KEYS[key].default_value;
}

/* Where a value came from, as the outputs show a year's or an agency's
 * source: "command line", "lakip-audit.conf:2", "inferred from F:L". */
static void source_text(const setting_value *v, char *buf, size_t size)
{
    switch (v->source) {
    case SOURCE_CLI: snprintf(buf, size, "command line"); break;
    case SOURCE_FILE: snprintf(buf, size, "%s:%d", path_basename(v->file), v->line); break;
    case SOURCE_INFERRED: snprintf(buf, size, "%s", v->file); break;
    case SOURCE_DEFAULT: snprintf(buf, size, "default"); break;
    }
}

void settings_resolve_report(settings *s, report *r)
{
    char where[700], source[800];
    int year = report_inferred_year(r, where, sizeof where);
    if (year) {
        char text[16];
        snprintf(text, sizeof text, "%d", year);
        add(s, SET_TAHUN, text, SOURCE_INFERRED, where, 0, NULL);
    }
    const char *agency = report_inferred_agency(r, where, sizeof where);
    if (agency) add(s, SET_INSTANSI, agency, SOURCE_INFERRED, where, 0, NULL);
    const setting_value *v = settings_winner(s, SET_TAHUN);
    if (v) {
        source_text(v, source, sizeof source);
        report_set_year(r, year_parse(v->value), source);
    }
    if ((v = settings_winner(s, SET_INSTANSI)) != NULL) {
        source_text(v, source, sizeof source);
        report_set_agency(r, v->value, source);
    }
}

enum lang settings_lang(const settings *s)
{
    return strcmp(settings_text(s, SET_LANG), "en") == 0 ? LANG_EN : LANG_ID;
}

void settings_fail_on(const settings *s, enum severity *level, bool *never)
{
    const char *v = settings_text(s, SET_FAIL_ON);
    *never = strcmp(v, "never") == 0;
    *level = SEV_ERROR;
    if (!*never) severity_from_name(v, level);
}

enum style_choice settings_number_style(const settings *s)
{
    const char *v = settings_text(s, SET_NUMBER_STYLE);
    return strcmp(v, "id") == 0 ? STYLE_FORCE_ID : strcmp(v, "en") == 0 ? STYLE_FORCE_EN : STYLE_AUTO;
}

long long settings_number(const settings *s, enum setting_key key)
{
    const char *v = settings_text(s, key);
    return v ? strtoll(v, NULL, 10) : 0;
}

const setting_value **settings_list(const settings *s, enum setting_key key, size_t *n)
{
    const setting_value **out = xcalloc(s->count[key] + 1, sizeof *out);
    *n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->count[key]; i++)
            if ((s->values[key][i]->source == SOURCE_CLI) == (pass == 1)) out[(*n)++] = s->values[key][i];
    return out;
}

char *settings_joined(const settings *s, enum setting_key key)
{
    size_t n, len = 0;
    const setting_value **vals = settings_list(s, key, &n);
    for (size_t i = 0; i < n; i++) len += strlen(vals[i]->value) + 1;
    char *out = xmalloc(len + 1), *w = out;
    for (size_t i = 0; i < n; i++) {
        if (i) *w++ = ';';
        size_t m = strlen(vals[i]->value);
        memcpy(w, vals[i]->value, m);
        w += m;
    }
    *w = '\0';
    free(vals);
    return out;
}

void settings_group_by(const settings *s, bool *off, char ***cols, size_t *ncols, const char **file, int *line)
{
    const setting_value *v = settings_winner(s, SET_GROUP_BY);
    *off = v && strcmp(v->value, "none") == 0;
    *cols = NULL;
    *ncols = 0;
    *file = NULL;
    *line = 0;
    if (!v) return;
    *file = v->source == SOURCE_CLI ? KEYS[SET_GROUP_BY].option : v->file;
    *line = v->line;
    if (!*off) *cols = pieces(v->value, ",", ncols);
}

void settings_group_by_free(char **cols, size_t ncols)
{
    free_pieces(cols, ncols);
}

/* Applies the settings files' enable, disable and severity.RULE lines in
 * the order they were read: a later line about the same rule wins. */
int settings_apply_rules(const settings *s, catalog *cat, load_error *err)
{
    static const enum setting_key keys[] = { SET_ENABLE, SET_DISABLE, SET_SEVERITY };
    size_t at[3] = { 0, 0, 0 };
    for (;;) {
        int next = -1;              /* the key whose next value was read first */
        for (int k = 0; k < 3; k++) {
            size_t i = at[k];
            while (i < s->count[keys[k]] && s->values[keys[k]][i]->source != SOURCE_FILE) i++;
            at[k] = i;
            if (i < s->count[keys[k]] &&
                (next < 0 || s->values[keys[k]][i]->order < s->values[keys[next]][at[next]]->order))
                next = k;
        }
        if (next < 0) return 0;
        const setting_value *v = s->values[keys[next]][at[next]++];
        size_t nids = 1;
        char *one = v->rule, **ids = keys[next] == SET_SEVERITY ? &one : pieces(v->value, ", \t", &nids);
        int rc = 0;
        for (size_t j = 0; j < nids && rc == 0; j++) {
            rule_info *r = catalog_find(cat, ids[j]);
            if (!r) {
                load_error_set(err, v->file, v->line, "unknown rule \"%s\" (see lakip-audit rules)", ids[j]);
                rc = -1;
            } else if (keys[next] == SET_SEVERITY) {
                severity_from_name(v->value, &r->severity);
            } else {
                r->enabled = keys[next] == SET_ENABLE;
            }
        }
        if (ids != &one) free_pieces(ids, nids);
        if (rc < 0) return -1;
    }
}

/* ---- --explain-settings ---- */

/* "name  value  source", the source on a line of its own under a long value */
static void explain_line(FILE *out, const char *name, const char *value, const char *source)
{
    enum { NAME = 22, VALUE = 24 };
    size_t width = 0;
    for (const char *p = value; *p; p++) width += ((unsigned char)*p & 0xC0) != 0x80;   /* UTF-8 characters */
    if (width > VALUE) fprintf(out, "%-*s %s\n%*s%s\n", NAME, name, value, NAME + VALUE + 2, "", source);
    else fprintf(out, "%-*s %s%*s %s\n", NAME, name, value, (int)(VALUE - width), "", source);
}

static void explain_source(const key_def *d, const setting_value *v, bool lost, enum lang lang, char *buf, size_t size)
{
    bool en = lang == LANG_EN;
    if (v->source == SOURCE_CLI)
        snprintf(buf, size, "%s (%s)", en ? "command line" : "baris perintah", d->option);
    else if (v->source == SOURCE_FILE)
        snprintf(buf, size, "%s %s:%d", en ? "settings file" : "berkas pengaturan", v->file, v->line);
    else if (en)
        snprintf(buf, size, "%s", v->file);
    else
        snprintf(buf, size, "disimpulkan dari %s", v->file + strlen("inferred from "));
    size_t have = strlen(buf);
    if (lost) snprintf(buf + have, size - have, " — %s", en ? "overridden" : "dikalahkan");
}

void settings_explain(FILE *out, const settings *s, enum lang lang)
{
    bool en = lang == LANG_EN;
    fprintf(out, "%s\n\n", en ? "Settings (the first source that gives a value wins: command line > settings file > "
                                "inferred from the report > default)"
                              : "Pengaturan (sumber pertama yang memberi nilai menang: baris perintah > berkas "
                                "pengaturan > disimpulkan dari laporan > bawaan)");
    char name[200], source[900];
    for (int k = 0; k < SET_KEY_COUNT; k++) {
        const key_def *d = &KEYS[k];
        size_t n;
        const setting_value **vals = settings_list(s, (enum setting_key)k, &n);
        if (d->repeat) {            /* every value applies, in this order */
            for (size_t i = 0; i < n; i++) {
                snprintf(name, sizeof name, "%s%s%s", d->name, vals[i]->rule ? "." : "", vals[i]->rule ? vals[i]->rule : "");
                explain_source(d, vals[i], false, lang, source, sizeof source);
                explain_line(out, name, vals[i]->value, source);
            }
            free(vals);
            continue;
        }
        const setting_value *win = settings_winner(s, (enum setting_key)k);
        if (win) {
            explain_source(d, win, false, lang, source, sizeof source);
            if (d->value_note[lang]) {
                size_t have = strlen(source);
                snprintf(source + have, sizeof source - have, "; %s", d->value_note[lang]);
            }
            explain_line(out, d->name, win->value, source);
        } else {
            const char *note = d->default_note[lang];
            snprintf(source, sizeof source, "%s%s%s", en ? "default" : "bawaan", note ? ": " : "", note ? note : "");
            explain_line(out, d->name, d->default_value ? d->default_value : "-", source);
        }
        /* what the winner overrode: the stronger sources first, the later value first */
        for (int src = SOURCE_CLI; src >= SOURCE_INFERRED; src--)
            for (size_t i = s->count[k]; i-- > 0; ) {
                const setting_value *v = s->values[k][i];
                if ((int)v->source != src || v == win) continue;
                explain_source(d, v, true, lang, source, sizeof source);
                explain_line(out, "", v->value, source);
            }
        free(vals);
    }
}
