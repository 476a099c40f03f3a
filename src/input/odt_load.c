/*
 * odt_load.c — OpenDocument text (see odt_load.h): styles.xml for named
 * bold styles, then content.xml (its automatic styles, then the body) in
 * one expat pass each, feeding doc_text.
 */
#include "input/odt_load.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "input/doc_text.h"
#include "input/package.h"
#include "util/util.h"

#define DOC_TEXT_MAX (64u * 1024u * 1024u)
#define SPAN_DEPTH 32

typedef struct {
    package *pkg;
    doc_text *d;
    char **bold_styles;         /* names of text/paragraph styles that are bold */
    size_t nbold, bold_cap;
    char *style;                /* style being defined */
    int skip;                   /* inside notes, annotations */
    int p_depth;                /* paragraphs inside frames inside paragraphs */
    bool span_bold[SPAN_DEPTH];
    int span_depth;
} odt_state;

static bool is_bold_style(const odt_state *s, const char *name)
{
    if (!name) return false;
    for (size_t i = 0; i < s->nbold; i++)
        if (strcmp(s->bold_styles[i], name) == 0) return true;
    return false;
}

static bool bold_now(const odt_state *s)
{
    return s->span_depth > 0 && s->span_bold[(s->span_depth > SPAN_DEPTH ? SPAN_DEPTH : s->span_depth) - 1];
}

static void push_bold(odt_state *s, bool bold)
{
    if (s->span_depth < SPAN_DEPTH) s->span_bold[s->span_depth] = bold || bold_now(s);
    s->span_depth++;
}

static void pop_bold(odt_state *s)
{
    if (s->span_depth > 0) s->span_depth--;
}

static bool skipped(const char *name)
{
    return strcmp(name, "note") == 0 || strcmp(name, "annotation") == 0 || strcmp(name, "tracked-changes") == 0;
}

static void odt_start(void *ud, const char *name, const char **attrs)
{
    odt_state *s = ud;
    if (skipped(name)) {
        s->skip++;
        return;
    }
    if (s->skip) return;
    if (strcmp(name, "style") == 0) {
        free(s->style);
        const char *n = xml_attr(attrs, "name"), *parent = xml_attr(attrs, "parent-style-name");
        s->style = n ? xstrdup(n) : NULL;
        if (s->style && is_bold_style(s, parent)) {
            grow_array((void **)&s->bold_styles, &s->bold_cap, s->nbold + 1, sizeof *s->bold_styles);
            s->bold_styles[s->nbold++] = xstrdup(s->style);
        }
    } else if (strcmp(name, "text-properties") == 0 && s->style) {
        const char *w = xml_attr(attrs, "font-weight");
        if (w && (strcmp(w, "bold") == 0 || atoi(w) >= 600) && !is_bold_style(s, s->style)) {
            grow_array((void **)&s->bold_styles, &s->bold_cap, s->nbold + 1, sizeof *s->bold_styles);
            s->bold_styles[s->nbold++] = xstrdup(s->style);
        }
    } else if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
        if (s->p_depth++ == 0) {
            int level = 0;
            if (strcmp(name, "h") == 0) {
                const char *lv = xml_attr(attrs, "outline-level");
                level = lv ? atoi(lv) : 1;
                if (level < 1) level = 1;
                if (level > 9) level = 9;
            }
            doc_text_para_begin(s->d, level);
            s->span_depth = 0;
        }
        push_bold(s, is_bold_style(s, xml_attr(attrs, "style-name")));
    } else if (strcmp(name, "span") == 0 && s->p_depth) {
        push_bold(s, is_bold_style(s, xml_attr(attrs, "style-name")));
    } else if (strcmp(name, "line-break") == 0 && s->p_depth) {
        doc_text_break(s->d);
    } else if (strcmp(name, "tab") == 0 && s->p_depth) {
        doc_text_run(s->d, " ", 1, bold_now(s));
    } else if (strcmp(name, "s") == 0 && s->p_depth) {
        const char *c = xml_attr(attrs, "c");
        int n = c ? atoi(c) : 1;
        for (int i = 0; i < n && i < 100; i++) doc_text_run(s->d, " ", 1, bold_now(s));
    } else if (strcmp(name, "table") == 0) {
        doc_text_table_begin(s->d);
    } else if (strcmp(name, "table-row") == 0) {
        doc_text_row_begin(s->d);
    } else if (strcmp(name, "table-cell") == 0) {
        doc_text_cell_begin(s->d, 1, false);
    } else if (strcmp(name, "covered-table-cell") == 0) {
        doc_text_cell_begin(s->d, 1, true);
    }
}

static void odt_end(void *ud, const char *name)
{
    odt_state *s = ud;
    if (skipped(name)) {
        if (s->skip) s->skip--;
        return;
    }
    if (s->skip) return;
    if (strcmp(name, "style") == 0) {
        free(s->style);
        s->style = NULL;
    } else if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
        pop_bold(s);
        if (s->p_depth > 0 && --s->p_depth == 0) doc_text_para_end(s->d);
        else doc_text_run(s->d, " ", 1, false);
    } else if (strcmp(name, "span") == 0 && s->p_depth) {
        pop_bold(s);
    } else if (strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) {
        doc_text_cell_end(s->d);
    } else if (strcmp(name, "table-row") == 0) {
        doc_text_row_end(s->d);
    } else if (strcmp(name, "table") == 0) {
        doc_text_table_end(s->d);
    }
    if (doc_text_size(s->d) > DOC_TEXT_MAX)
        package_fail(s->pkg, "the document's text is larger than %u MiB", DOC_TEXT_MAX >> 20);
}

static void odt_text(void *ud, const char *t, int n)
{
    odt_state *s = ud;
    if (s->p_depth && !s->skip) doc_text_run(s->d, t, (size_t)n, bold_now(s));
}

int odt_load(report *r, const char *path, load_error *err)
{
    package *pkg = package_open(path, err);
    if (!pkg) return -1;
    odt_state s = { .pkg = pkg, .d = doc_text_new() };
    int rc = 0;
    xml_handlers h = { odt_start, odt_end, odt_text };
    if (package_has(pkg, "styles.xml")) rc = package_parse(pkg, "styles.xml", &h, &s, err);
    /* styles.xml has no body text: drop what its header/footer paragraphs wrote */
    doc_text_free(s.d);
    s.d = doc_text_new();
    s.p_depth = s.skip = 0;
    if (rc == 0) rc = package_parse(pkg, "content.xml", &h, &s, err);
    if (rc == 0) rc = doc_text_load(s.d, r, path, err);
    doc_text_free(s.d);
    for (size_t i = 0; i < s.nbold; i++) free(s.bold_styles[i]);
    free(s.bold_styles);
    free(s.style);
    package_close(pkg);
    return rc;
}
