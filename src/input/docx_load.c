/*
 * docx_load.c — Word documents (see docx_load.h): one expat pass over the
 * main part, feeding doc_text.
 */
#include "input/docx_load.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "input/doc_text.h"
#include "input/package.h"
#include "util/util.h"

/* Text of a document at most: far above any report, and a bound for memory. */
#define DOC_TEXT_MAX (64u * 1024u * 1024u)

typedef struct {
    package *pkg;
    doc_text *d;
    bool in_p, p_begun, in_rpr, in_t, bold;
    int level;
    int skip;               /* inside elements whose text is not the document's (deleted, field codes) */
    /* the table cell whose properties are being read */
    bool cell_pending;
    int cell_span;
    bool cell_continue;
    char *main_part;        /* from _rels/.rels */
} docx_state;

static bool on_value(const char **attrs)
{
    const char *v = xml_attr(attrs, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 || strcmp(v, "none") == 0);
}

/* "Heading1", "heading 2", "Judul3", "Title" -> 1..9; 0 otherwise. */
static int heading_level(const char *style)
{
    if (!style) return 0;
    if (strcmp(style, "Title") == 0) return 1;
    const char *prefixes[] = { "Heading", "heading", "Judul", "judul" };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(style, prefixes[i], n) == 0) {
            const char *p = style + n;
            while (*p == ' ') p++;
            if (*p >= '1' && *p <= '9' && p[1] == '\0') return *p - '0';
        }
    }
    return 0;
}

static void begin_cell_if_pending(docx_state *s)
{
    if (!s->cell_pending) return;
    doc_text_cell_begin(s->d, s->cell_span, s->cell_continue);
    s->cell_pending = false;
}

static void begin_para_if_needed(docx_state *s)
{
    if (s->in_p && !s->p_begun) {
        begin_cell_if_pending(s);
        doc_text_para_begin(s->d, s->level);
        s->p_begun = true;
    }
}

static void docx_start(void *ud, const char *name, const char **attrs)
{
    docx_state *s = ud;
    if (strcmp(name, "delText") == 0 || strcmp(name, "instrText") == 0 || strcmp(name, "del") == 0) {
        s->skip++;
        return;
    }
    if (strcmp(name, "p") == 0) {
        begin_cell_if_pending(s);
        s->in_p = true;
        s->p_begun = false;
        s->level = 0;
    } else if (strcmp(name, "pStyle") == 0 && s->in_p) {
        s->level = heading_level(xml_attr(attrs, "val"));
    } else if (strcmp(name, "outlineLvl") == 0 && s->in_p) {
        const char *v = xml_attr(attrs, "val");
        if (v && v[0] >= '0' && v[0] <= '8' && !v[1]) s->level = v[0] - '0' + 1;
    } else if (strcmp(name, "r") == 0) {
        s->bold = false;
    } else if (strcmp(name, "rPr") == 0) {
        s->in_rpr = true;
    } else if ((strcmp(name, "b") == 0 || strcmp(name, "bCs") == 0) && s->in_rpr) {
        if (strcmp(name, "b") == 0) s->bold = on_value(attrs);
    } else if (strcmp(name, "rStyle") == 0 && s->in_rpr) {
        const char *v = xml_attr(attrs, "val");
        if (v && (strcmp(v, "Strong") == 0 || strcmp(v, "Bold") == 0)) s->bold = true;
    } else if (strcmp(name, "t") == 0 && s->in_p && !s->skip) {
        begin_para_if_needed(s);
        s->in_t = true;
    } else if ((strcmp(name, "tab") == 0 && !s->in_rpr) && s->in_p && !s->skip) {
        begin_para_if_needed(s);
        doc_text_run(s->d, " ", 1, s->bold);
    } else if ((strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) && s->in_p && !s->skip) {
        begin_para_if_needed(s);
        doc_text_break(s->d);
    } else if (strcmp(name, "tbl") == 0) {
        begin_cell_if_pending(s);
        doc_text_table_begin(s->d);
    } else if (strcmp(name, "tr") == 0) {
        doc_text_row_begin(s->d);
    } else if (strcmp(name, "tc") == 0) {
        s->cell_pending = true;
        s->cell_span = 1;
        s->cell_continue = false;
    } else if (strcmp(name, "gridSpan") == 0 && s->cell_pending) {
        const char *v = xml_attr(attrs, "val");
        s->cell_span = v ? atoi(v) : 1;
    } else if (strcmp(name, "vMerge") == 0 && s->cell_pending) {
        const char *v = xml_attr(attrs, "val");
        s->cell_continue = !v || strcmp(v, "continue") == 0;
    }
}

static void docx_end(void *ud, const char *name)
{
    docx_state *s = ud;
    if (strcmp(name, "delText") == 0 || strcmp(name, "instrText") == 0 || strcmp(name, "del") == 0) {
        if (s->skip) s->skip--;
        return;
    }
    if (strcmp(name, "t") == 0) {
        s->in_t = false;
    } else if (strcmp(name, "rPr") == 0) {
        s->in_rpr = false;
    } else if (strcmp(name, "p") == 0 && s->in_p) {
        begin_para_if_needed(s);
        doc_text_para_end(s->d);
        s->in_p = false;
    } else if (strcmp(name, "tc") == 0) {
        begin_cell_if_pending(s);
        doc_text_cell_end(s->d);
    } else if (strcmp(name, "tr") == 0) {
        doc_text_row_end(s->d);
    } else if (strcmp(name, "tbl") == 0) {
        doc_text_table_end(s->d);
    }
    if (doc_text_size(s->d) > DOC_TEXT_MAX)
        package_fail(s->pkg, "the document's text is larger than %u MiB", DOC_TEXT_MAX >> 20);
}

static void docx_text(void *ud, const char *t, int n)
{
    docx_state *s = ud;
    if (s->in_t && !s->skip) doc_text_run(s->d, t, (size_t)n, s->bold);
}

static void rels_start(void *ud, const char *name, const char **attrs)
{
    docx_state *s = ud;
    if (strcmp(name, "Relationship") || s->main_part) return;
    const char *type = xml_attr(attrs, "Type"), *target = xml_attr(attrs, "Target");
    const char *want = "/officeDocument";
    size_t n = type ? strlen(type) : 0, k = strlen(want);
    if (target && n >= k && strcmp(type + n - k, want) == 0)
        s->main_part = xstrdup(target[0] == '/' ? target + 1 : target);
}

int docx_load(report *r, const char *path, load_error *err)
{
    package *pkg = package_open(path, err);
    if (!pkg) return -1;
    docx_state s = { .pkg = pkg, .d = doc_text_new() };
    int rc = 0;
    xml_handlers rh = { rels_start, NULL, NULL };
    if (package_has(pkg, "_rels/.rels")) rc = package_parse(pkg, "_rels/.rels", &rh, &s, err);
    const char *part = s.main_part ? s.main_part : "word/document.xml";
    if (rc == 0 && !package_has(pkg, part)) {
        load_error_set(err, path, 0, "%s: part missing from the package (is this a Word document?)", part);
        rc = -1;
    }
    xml_handlers h = { docx_start, docx_end, docx_text };
    if (rc == 0) rc = package_parse(pkg, part, &h, &s, err);
    if (rc == 0) rc = doc_text_load(s.d, r, path, err);
    doc_text_free(s.d);
    free(s.main_part);
    package_close(pkg);
    return rc;
}
