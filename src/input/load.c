/*
 * load.c — reading the inputs of an audit into a report (see load.h).
 *
 * Dispatches a file by its extension to its loader (csv_load.c,
 * doc_load.c, pdf_load.c), a folder by its supported files in name order.
 * A folder's settings file lakip-audit.conf is listed among the report's
 * inputs but not read here: settings.c reads and resolves every setting
 * before the tables load (input/settings_file.h finds it).
 */
#include "input/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "input/csv_load.h"
#include "input/csv_stream.h"
#include "input/doc_load.h"
#include "input/read_text.h"
#include "input/settings_file.h"
#include "input/docx_load.h"
#include "input/odt_load.h"
#include "input/ods_load.h"
#include "input/xls_load.h"
#include "input/xlsx_load.h"
#include "input/pdf_load.h"
#include "util/input_file.h"
#include "util/util.h"

#define CONFIG_NAME SETTINGS_FILE_NAME
/* every extension kind_of knows, for messages */
#define SUPPORTED_TYPES ".csv, .tsv, .txt, .md, .markdown, .pdf, .xlsx, .xlsm, .xls, .ods, .docx, .docm or .odt"

/* ---- dispatch ---- */

enum kind { KIND_NONE, KIND_CSV, KIND_DOC, KIND_PDF, KIND_XLSX, KIND_DOCX, KIND_ODT, KIND_ODS, KIND_XLS, KIND_CONFIG,
             KIND_UNSUPPORTED };

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
    if (ends_with_ci(path, ".pdf")) return KIND_PDF;
    if (ends_with_ci(path, ".xlsx") || ends_with_ci(path, ".xlsm")) return KIND_XLSX;
    if (ends_with_ci(path, ".docx") || ends_with_ci(path, ".docm")) return KIND_DOCX;
    if (ends_with_ci(path, ".odt")) return KIND_ODT;
    if (ends_with_ci(path, ".ods")) return KIND_ODS;
    /* opened, then refused with why (no number formats): a finding in a folder */
    if (ends_with_ci(path, ".xls")) return KIND_XLS;
    /* report files this build cannot read: in a folder they are findings,
     * not silently skipped (other files, e.g. a report written there, are) */
    static const char *const report_like[] = { ".doc", ".rtf" };
    for (size_t i = 0; i < sizeof report_like / sizeof report_like[0]; i++)
        if (ends_with_ci(path, report_like[i])) return KIND_UNSUPPORTED;
    return KIND_NONE;
}

static int load_file(report *r, const char *path, load_error *err)
{
    /* by type and size before any loader opens it: a FIFO would block a
     * loader that opens files its own way (MuPDF), a device may act */
    int e = input_check(path);
    if (e) {
        load_error_set(err, path, 0, "cannot read: %s", input_error_text(e));
        return -1;
    }
    int rc;
    switch (kind_of(path)) {
    case KIND_CSV: rc = csv_load(r, path, err); break;
    case KIND_DOC: rc = doc_load(r, path, err); break;
    case KIND_PDF: rc = pdf_load(r, path, err); break;
    case KIND_XLSX: rc = xlsx_load(r, path, err); break;
    case KIND_DOCX: rc = docx_load(r, path, err); break;
    case KIND_ODT: rc = odt_load(r, path, err); break;
    case KIND_ODS: rc = ods_load(r, path, err); break;
    case KIND_XLS: rc = xls_load(r, path, err); break;
    case KIND_CONFIG:               /* read by settings.c; an input all the same */
        report_add_input(r, path);
        return 0;
    default:        /* KIND_UNSUPPORTED, KIND_NONE */
        load_error_set(err, path, 0, "unsupported file type: expected " SUPPORTED_TYPES);
        return -1;
    }
    if (rc == 0) report_add_input(r, path);
    /* a loader of a binary format notes no text encoding; the file is a
     * data file of the coverage all the same */
    if (rc == 0 && !coverage_has_file(report_coverage(r), path))
        coverage_note_file(report_coverage(r), path, "binary", false);
    return rc;
}

int load_stream(report *r, const char *path, int threads, csv_stream **out)
{
    *out = NULL;
    if (kind_of(path) != KIND_CSV || input_check(path) == ENODEV) return 0;
    if (csv_stream_open(path, report_style_choice(r), threads, out) != 1) return 0;
    /* what load_file notes, in its order: the file's encoding, the input */
    bool assumed;
    const char *encoding = csv_stream_encoding(*out, &assumed);
    coverage_note_file(report_coverage(r), path, encoding, assumed);
    report_add_input(r, path);
    return 1;
}

int load_stream_whole(report *r, const char *path, enum style_choice choice, load_error *err)
{
    return csv_load_styled(r, path, choice, err);
}

void load_stream_close(csv_stream *s)
{
    csv_stream_free(s);
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

/* A folder entry to load: not a sub-folder (and not a dangling link);
 * FIFOs and devices are kept, for load_file to refuse them by name. */
static bool is_loadable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* The metadata file first, then every supported file, by name. A file
 * that fails to load, or a report file of a type this build cannot read,
 * is noted in the coverage (an input.unreadable finding) and the others
 * are still loaded; a bad settings file, or a folder without one data file
 * that loads, stops the audit (the first file's error). */
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
    sort_items(names, n, sizeof *names, by_name);

    int rc = 0;
    char *conf = join_path(dir, CONFIG_NAME);
    if (is_loadable(conf)) report_add_input(r, conf);   /* read by settings.c */
    free(conf);
    size_t loaded = 0, failed = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = join_path(dir, names[i]);
        if (is_loadable(path)) {
            load_error file_err = { .line = 0 };
            if (load_file(r, path, &file_err) == 0) {
                loaded++;
            } else {
                coverage_note_unread(report_coverage(r), UNREAD_FILE, file_err.file, file_err.line, file_err.message, NULL);
                if (failed++ == 0) *err = file_err;     /* a folder of bad files cannot be read at all */
            }
        }
        free(path);
    }
    if (rc == 0 && loaded == 0 && failed > 0) rc = -1;
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (rc == 0 && loaded == 0) {
        load_error_set(err, dir, 0, "no " SUPPORTED_TYPES " files in this folder");
        rc = -1;
    }
    return rc;
}

int load_path(report *r, const char *path, load_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        load_error_set(err, path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) return load_folder(r, path, err);
    return load_file(r, path, err);
}

/* ---- portfolios ---- */

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool load_is_portfolio(const char *dir)
{
    DIR *d = is_folder(dir) ? opendir(dir) : NULL;
    if (!d) return false;
    bool files = false, folders = false;
    for (struct dirent *e; (e = readdir(d)) != NULL; ) {
        if (e->d_name[0] == '.') continue;
        char *path = join_path(dir, e->d_name);
        if (is_folder(path)) folders = true;
        else if (kind_of(e->d_name) == KIND_CSV || kind_of(e->d_name) == KIND_DOC) files = true;
        free(path);
    }
    closedir(d);
    return folders && !files;
}

int load_list_reports(const char *dir, char ***out, size_t *count, load_error *err)
{
    *out = NULL;
    *count = 0;
    DIR *d = is_folder(dir) ? opendir(dir) : NULL;
    if (!d) {
        load_error_set(err, dir, 0, "a portfolio must be a folder of reports (one sub-folder or file per OPD and year)");
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL; ) {
        if (e->d_name[0] == '.') continue;
        char *path = join_path(dir, e->d_name);
        enum kind k = kind_of(e->d_name);
        if (is_folder(path) || k == KIND_CSV || k == KIND_DOC) {
            grow_array((void **)&names, &cap, n + 1, sizeof *names);
            names[n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
    sort_items(names, n, sizeof *names, by_name);
    if (n == 0) {
        load_error_set(err, dir, 0, "no reports in this folder (expected one sub-folder or file per OPD and year)");
        return -1;
    }
    *out = names;
    *count = n;
    return 0;
}
