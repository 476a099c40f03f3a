/*
 * report.c — the inputs of one audit (see report.h).
 *
 * Provides loading by path (a file by its extension, a folder by its
 * supported files in name order plus its metadata file lakip-audit.conf),
 * the store of tables, paragraphs and input paths, and the report
 * metadata (year, agency) with where each value came from: the command
 * line beats lakip-audit.conf, which beats inference from the documents.
 *
 * Uses csv_load.h and doc_load.h for the files, utf8.h to read the
 * metadata file, util.h for memory. Never touches Lua.
 */
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "csv_load.h"
#include "doc_load.h"
#include "utf8.h"
#include "util.h"

#define CONFIG_NAME "lakip-audit.conf"
#define CLI_SOURCE "command line"

typedef struct {
    char *file;
    int year, year_line;
    char *agency;
    int agency_line;
} title_note;

struct report {
    enum style_choice style;
    bool style_forced_by_cli;   /* --number-style given: the settings file may not change it */
    table **tables;
    size_t ntables, tables_cap;
    paragraph *paras;           /* strings owned */
    size_t nparas, paras_cap;
    char **inputs;
    size_t ninputs, inputs_cap;
    config_entry *config;       /* strings owned */
    size_t nconfig, config_cap;
    title_note *notes;
    size_t nnotes, notes_cap;
    int year;
    char *year_source;
    char *agency;
    char *agency_source;
};

void load_error_set(load_error *err, const char *file, int line, const char *fmt, ...)
{
    if (!err) return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

report *report_new(enum style_choice style)
{
    report *r = xcalloc(1, sizeof *r);
    r->style = style;
    r->style_forced_by_cli = style != STYLE_AUTO;
    return r;
}

void report_free(report *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->ntables; i++) table_free(r->tables[i]);
    free(r->tables);
    for (size_t i = 0; i < r->nparas; i++) {
        free((char *)r->paras[i].file);
        free((char *)r->paras[i].text);
        free((char *)r->paras[i].heading);
    }
    free(r->paras);
    for (size_t i = 0; i < r->ninputs; i++) free(r->inputs[i]);
    free(r->inputs);
    for (size_t i = 0; i < r->nconfig; i++) {
        free((char *)r->config[i].key);
        free((char *)r->config[i].value);
        free((char *)r->config[i].file);
    }
    free(r->config);
    for (size_t i = 0; i < r->nnotes; i++) {
        free(r->notes[i].file);
        free(r->notes[i].agency);
    }
    free(r->notes);
    free(r->year_source);
    free(r->agency);
    free(r->agency_source);
    free(r);
}

/* ---- store ---- */

size_t report_table_count(const report *r) { return r->ntables; }

const table *report_table(const report *r, size_t i)
{
    return i < r->ntables ? r->tables[i] : NULL;
}

size_t report_paragraph_count(const report *r) { return r->nparas; }

const paragraph *report_paragraph(const report *r, size_t i)
{
    return i < r->nparas ? &r->paras[i] : NULL;
}

size_t report_input_count(const report *r) { return r->ninputs; }

const char *report_input_path(const report *r, size_t i)
{
    return i < r->ninputs ? r->inputs[i] : NULL;
}

size_t report_config_count(const report *r) { return r->nconfig; }

const config_entry *report_config(const report *r, size_t i)
{
    return i < r->nconfig ? &r->config[i] : NULL;
}

enum style_choice report_style_choice(const report *r) { return r->style; }

void report_add_table(report *r, table *t)
{
    grow_array((void **)&r->tables, &r->tables_cap, r->ntables + 1, sizeof *r->tables);
    r->tables[r->ntables++] = t;
}

void report_add_paragraph(report *r, const char *file, int line, const char *text, const char *heading)
{
    grow_array((void **)&r->paras, &r->paras_cap, r->nparas + 1, sizeof *r->paras);
    paragraph *p = &r->paras[r->nparas++];
    p->file = xstrdup(file ? file : "");
    p->line = line;
    p->text = xstrdup(text ? text : "");
    p->heading = xstrdup(heading ? heading : "");
}

void report_add_input(report *r, const char *path)
{
    grow_array((void **)&r->inputs, &r->inputs_cap, r->ninputs + 1, sizeof *r->inputs);
    r->inputs[r->ninputs++] = xstrdup(path);
}

void report_note_title_page(report *r, const char *file, int year, int year_line,
                            const char *agency, int agency_line)
{
    grow_array((void **)&r->notes, &r->notes_cap, r->nnotes + 1, sizeof *r->notes);
    title_note *n = &r->notes[r->nnotes++];
    n->file = xstrdup(file ? file : "");
    n->year = year;
    n->year_line = year_line;
    n->agency = agency && agency[0] ? xstrdup(agency) : NULL;
    n->agency_line = agency_line;
}

/* ---- metadata ---- */

void report_set_year(report *r, int year, const char *source)
{
    r->year = year;
    free(r->year_source);
    r->year_source = xstrdup(source ? source : "");
}

void report_set_agency(report *r, const char *agency, const char *source)
{
    free(r->agency);
    free(r->agency_source);
    r->agency = agency ? xstrdup(agency) : NULL;
    r->agency_source = xstrdup(source ? source : "");
}

int report_year(const report *r, const char **source)
{
    if (source) *source = r->year ? r->year_source : NULL;
    return r->year;
}

const char *report_agency(const report *r, const char **source)
{
    if (source) *source = r->agency ? r->agency_source : NULL;
    return r->agency;
}

static bool from_cli(const char *source)
{
    return source && strcmp(source, CLI_SOURCE) == 0;
}

/* The year most table headers name ("Target 2019", Renstra "2019"), 0 when
 * none or when two years tie (a Renstra table alone names each year once
 * and says nothing about the report year). *where gets the first header
 * that names it. */
static int header_year(const report *r, const table **where)
{
    enum { FIRST = 2000, LAST = 2100 };
    size_t counts[LAST - FIRST + 1] = { 0 };
    const table *first[LAST - FIRST + 1] = { NULL };
    for (size_t i = 0; i < r->ntables; i++)
        for (size_t c = 0; c < table_column_count(r->tables[i]); c++) {
            int y = table_column_year(r->tables[i], c);
            if (y < FIRST || y > LAST) continue;
            if (!counts[y - FIRST]++) first[y - FIRST] = r->tables[i];
        }
    int best = 0;
    size_t best_count = 0;
    bool tie = false;
    for (int y = FIRST; y <= LAST; y++) {
        size_t n = counts[y - FIRST];
        if (n == 0 || n < best_count) continue;
        tie = n == best_count;
        if (n > best_count) best = y, best_count = n;
    }
    if (!best || tie) return 0;
    *where = first[best - FIRST];
    return best;
}

void report_infer_metadata(report *r)
{
    char source[700];
    if (!r->year) {
        for (size_t i = 0; i < r->nnotes; i++) {
            if (!r->notes[i].year) continue;
            snprintf(source, sizeof source, "inferred from %s:%d", r->notes[i].file, r->notes[i].year_line);
            report_set_year(r, r->notes[i].year, source);
            break;
        }
    }
    if (!r->year) {
        const table *t = NULL;
        int y = header_year(r, &t);
        if (y) {
            snprintf(source, sizeof source, "inferred from %s:%d", table_file(t), table_header_line(t));
            report_set_year(r, y, source);
        }
    }
    if (!r->agency) {
        for (size_t i = 0; i < r->nnotes; i++) {
            if (!r->notes[i].agency) continue;
            snprintf(source, sizeof source, "inferred from %s:%d", r->notes[i].file, r->notes[i].agency_line);
            report_set_agency(r, r->notes[i].agency, source);
            break;
        }
    }
}

/* ---- metadata file ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

static void keep_entry(report *r, const char *key, const char *value, const char *path, int lineno)
{
    grow_array((void **)&r->config, &r->config_cap, r->nconfig + 1, sizeof *r->config);
    config_entry *c = &r->config[r->nconfig++];
    c->key = xstrdup(key);
    c->value = xstrdup(value);
    c->file = xstrdup(path);
    c->line = lineno;
}

/* Reads lakip-audit.conf: "key = value" lines, "#" comment lines. tahun
 * and instansi set the metadata unless the command line did; other keys
 * are kept for validation by later code. */
static int load_config(report *r, const char *path, load_error *err)
{
    char *data;
    size_t len, off;
    int e = utf8_read_file(path, &data, &len);
    if (e) {
        load_error_set(err, path, 0, "cannot read: %s", strerror(e));
        return -1;
    }
    size_t bom = utf8_bom_len(data, len);
    const char *bad = utf8_check_text(data + bom, len - bom, &off);
    if (bad) {
        load_error_set(err, path, utf8_line_of(data + bom, off), "%s", bad);
        free(data);
        return -1;
    }
    int rc = 0, lineno = 0;
    char *save = NULL;
    for (char *p = data + bom; p && rc == 0; p = save) {
        char *nl = strchr(p, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        lineno++;
        char *line = trim(p);
        if (!line[0] || line[0] == '#') continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            load_error_set(err, path, lineno, "expected \"key = value\"");
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(line), *value = trim(eq + 1);
        size_t vn = strlen(value);
        if (vn >= 2 && value[0] == '"' && value[vn - 1] == '"') {
            value[vn - 1] = '\0';
            value++;
        }
        char source[64];
        snprintf(source, sizeof source, CONFIG_NAME ":%d", lineno);
        if (strcmp(key, "tahun") == 0) {
            char *end;
            long y = strtol(value, &end, 10);
            if (!value[0] || *end || y < 2000 || y > 2100) {
                load_error_set(err, path, lineno, "tahun must be a year between 2000 and 2100, not \"%s\"", value);
                rc = -1;
            } else if (!from_cli(r->year_source)) {
                report_set_year(r, (int)y, source);
            }
        } else if (strcmp(key, "number_style") == 0) {
            /* applied here because it matters while the tables load */
            if (strcmp(value, "auto") && strcmp(value, "id") && strcmp(value, "en")) {
                load_error_set(err, path, lineno, "number_style must be auto, id or en, not \"%s\"", value);
                rc = -1;
            } else if (!r->style_forced_by_cli) {
                r->style = strcmp(value, "id") == 0 ? STYLE_FORCE_ID : strcmp(value, "en") == 0 ? STYLE_FORCE_EN : STYLE_AUTO;
            }
            keep_entry(r, key, value, path, lineno);
        } else if (strcmp(key, "instansi") == 0) {
            if (!value[0]) {
                load_error_set(err, path, lineno, "instansi is empty");
                rc = -1;
            } else if (!from_cli(r->agency_source)) {
                report_set_agency(r, value, source);
            }
        } else {
            keep_entry(r, key, value, path, lineno);
        }
    }
    free(data);
    if (rc == 0) report_add_input(r, path);
    return rc;
}

/* ---- dispatch ---- */

enum kind { KIND_NONE, KIND_CSV, KIND_DOC, KIND_CONFIG };

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

static enum kind kind_of(const char *path)
{
    if (strcmp(path_basename(path), CONFIG_NAME) == 0) return KIND_CONFIG;
    if (ends_with_ci(path, ".csv") || ends_with_ci(path, ".tsv") || ends_with_ci(path, ".txt")) return KIND_CSV;
    if (ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown")) return KIND_DOC;
    return KIND_NONE;
}

static int load_file(report *r, const char *path, load_error *err)
{
    int rc;
    switch (kind_of(path)) {
    case KIND_CSV: rc = csv_load(r, path, err); break;
    case KIND_DOC: rc = doc_load(r, path, err); break;
    case KIND_CONFIG: return load_config(r, path, err);
    default:
        load_error_set(err, path, 0, "unsupported file type: expected .csv, .tsv, .txt, .md or .markdown");
        return -1;
    }
    if (rc == 0) report_add_input(r, path);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    bool slash = a > 0 && dir[a - 1] == '/';
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    if (!slash) p[a++] = '/';
    memcpy(p + a, name, b + 1);
    return p;
}

static bool is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The metadata file first, then every supported file, by name. */
static int load_folder(report *r, const char *dir, load_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        load_error_set(err, dir, 0, "cannot open folder: %s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL; ) {
        enum kind k = kind_of(e->d_name);
        if (e->d_name[0] == '.' || k == KIND_NONE || k == KIND_CONFIG) continue;
        grow_array((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, by_name);

    int rc = 0;
    char *conf = join_path(dir, CONFIG_NAME);
    if (is_regular(conf)) rc = load_config(r, conf, err);
    free(conf);
    size_t loaded = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = join_path(dir, names[i]);
        if (is_regular(path)) {
            rc = load_file(r, path, err);
            loaded++;
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (rc == 0 && loaded == 0) {
        load_error_set(err, dir, 0, "no .csv, .tsv, .txt, .md or .markdown files in this folder");
        rc = -1;
    }
    return rc;
}

int report_load(report *r, const char *path, load_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        load_error_set(err, path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) return load_folder(r, path, err);
    return load_file(r, path, err);
}

int report_load_config(report *r, const char *path, load_error *err)
{
    return load_config(r, path, err);
}
