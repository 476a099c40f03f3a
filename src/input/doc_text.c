/*
 * doc_text.c — documents as doc_load text (see doc_text.h).
 */
#include "input/doc_text.h"

#include <stdlib.h>
#include <string.h>
#include "input/doc_load.h"
#include "util/util.h"

typedef struct {
    char *s;
    size_t len, cap;
} buf_t;

static void add(buf_t *b, const char *s, size_t n)
{
    grow_array((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void add_str(buf_t *b, const char *s) { add(b, s, strlen(s)); }

typedef struct {
    int line;
    place at;
} text_span;

struct doc_text {
    buf_t out;          /* the document text */
    int line;           /* lines written so far */
    text_span *spans;
    size_t nspans, spans_cap;
    int paragraphs, tables;
    /* the paragraph being collected */
    buf_t para;         /* lines joined by '\n' */
    buf_t run_line;     /* the current line's text */
    bool line_bold, line_plain;     /* a bold / a non-bold run with text on the current line */
    buf_t lines_done;   /* finished lines of the paragraph, "\n" after each */
    int level;
    /* tables */
    int depth;          /* table nesting; > 1 is flattened */
    int row;
    buf_t row_text;     /* the row being collected, cells TAB-separated */
    buf_t cell;         /* the cell being collected */
    bool cell_bold, cell_plain;
    int ncells;
    int pending_span;
};

doc_text *doc_text_new(void)
{
    doc_text *d = xcalloc(1, sizeof *d);
    add_str(&d->out, "");
    return d;
}

void doc_text_free(doc_text *d)
{
    if (!d) return;
    free(d->out.s);
    free(d->spans);
    free(d->para.s);
    free(d->run_line.s);
    free(d->lines_done.s);
    free(d->row_text.s);
    free(d->cell.s);
    free(d);
}

size_t doc_text_size(const doc_text *d) { return d->out.len; }

static void add_span(doc_text *d, int line, place at)
{
    grow_array((void **)&d->spans, &d->spans_cap, d->nspans + 1, sizeof *d->spans);
    d->spans[d->nspans].line = line;
    d->spans[d->nspans].at = at;
    d->nspans++;
}

/* One output line (no newline inside). */
static void emit_line(doc_text *d, const char *s)
{
    add_str(&d->out, s);
    add_str(&d->out, "\n");
    d->line++;
}

void doc_text_para_begin(doc_text *d, int level)
{
    if (d->depth > 0) return;       /* a paragraph inside a cell: its text goes to the cell */
    d->level = level;
    d->lines_done.len = 0;
    d->run_line.len = 0;
    d->line_bold = d->line_plain = false;
    add_str(&d->lines_done, "");
    add_str(&d->run_line, "");
}

/* Text without TAB and newline: they carry structure in the output. */
static void add_clean(buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        add(b, c == '\t' || c == '\n' || c == '\r' ? " " : &s[i], 1);
    }
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') return false;
    return true;
}

void doc_text_run(doc_text *d, const char *s, size_t n, bool bold)
{
    if (d->depth > 0) {
        add_clean(&d->cell, s, n);
        if (!blank(s, n)) {
            if (bold) d->cell_bold = true;
            else d->cell_plain = true;
        }
        return;
    }
    add_clean(&d->run_line, s, n);
    if (!blank(s, n)) {
        if (bold) d->line_bold = true;
        else d->line_plain = true;
    }
}

/* Trimmed copy of b's text. */
static char *trimmed(const buf_t *b)
{
    const char *s = b->s ? b->s : "";
    while (*s == ' ') s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') n--;
    return xstrndup(s, n);
}

static void finish_line(doc_text *d)
{
    char *t = trimmed(&d->run_line);
    if (t[0]) {
        /* a wholly bold line reads as a heading, as in the converted document */
        if (d->line_bold && !d->line_plain && d->level == 0) {
            add_str(&d->lines_done, "**");
            add_str(&d->lines_done, t);
            add_str(&d->lines_done, "**");
        } else {
            add_str(&d->lines_done, t);
        }
        add_str(&d->lines_done, "\n");
    }
    free(t);
    d->run_line.len = 0;
    d->run_line.s[0] = '\0';
    d->line_bold = d->line_plain = false;
}

void doc_text_break(doc_text *d)
{
    if (d->depth > 0) {
        add_str(&d->cell, " ");
        return;
    }
    finish_line(d);
}

void doc_text_para_end(doc_text *d)
{
    if (d->depth > 0) {
        add_str(&d->cell, " ");
        return;
    }
    finish_line(d);
    if (d->lines_done.len == 0) return;     /* an empty paragraph: nothing */
    d->paragraphs++;
    place at = { .kind = PLACE_DOCUMENT, .paragraph = d->paragraphs };
    char *p = d->lines_done.s, *nl;
    bool first = true;
    while ((nl = strchr(p, '\n')) != NULL) {
        *nl = '\0';
        add_span(d, d->line + 1, at);      /* every line of the paragraph is in it */
        if (first && d->level > 0) {
            char hashes[16];
            int lv = d->level > 6 ? 6 : d->level;
            memset(hashes, '#', (size_t)lv);
            hashes[lv] = ' ';
            hashes[lv + 1] = '\0';
            add_str(&d->out, hashes);
        }
        emit_line(d, p);
        first = false;
        p = nl + 1;
    }
    emit_line(d, "");       /* a blank line ends the paragraph */
    d->lines_done.len = 0;
    d->lines_done.s[0] = '\0';
}

void doc_text_table_begin(doc_text *d)
{
    if (d->depth++ > 0) return;
    d->tables++;
    d->row = 0;
}

void doc_text_row_begin(doc_text *d)
{
    if (d->depth > 1) return;
    d->row_text.len = 0;
    add_str(&d->row_text, "");
    d->ncells = 0;
}

void doc_text_cell_begin(doc_text *d, int span, bool merged_continue)
{
    if (d->depth > 1) return;
    d->cell.len = 0;
    add_str(&d->cell, "");
    d->cell_bold = d->cell_plain = false;
    d->pending_span = span < 1 ? 1 : span > 1000 ? 1000 : span;
    if (merged_continue) d->pending_span = -d->pending_span;     /* written empty */
}

void doc_text_cell_end(doc_text *d)
{
    if (d->depth > 1) return;
    int span = d->pending_span < 0 ? -d->pending_span : d->pending_span;
    char *t = d->pending_span < 0 ? xstrdup("") : trimmed(&d->cell);
    for (int i = 0; i < span; i++) {
        if (d->ncells++) add_str(&d->row_text, "\t");
        if (i == 0 && t[0]) {
            bool bold = d->cell_bold && !d->cell_plain;
            if (bold) add_str(&d->row_text, "<b>");
            add_str(&d->row_text, t);
            if (bold) add_str(&d->row_text, "</b>");
        }
    }
    free(t);
}

void doc_text_row_end(doc_text *d)
{
    if (d->depth > 1) return;
    /* a row of one cell still needs a TAB to be a table line */
    if (d->ncells < 2) add_str(&d->row_text, "\t");
    d->row++;
    if (d->row == 1) {
        place at = { .kind = PLACE_DOCUMENT, .table = d->tables, .row = 1 };
        add_span(d, d->line + 1, at);
    }
    emit_line(d, d->row_text.s);
}

void doc_text_table_end(doc_text *d)
{
    if (d->depth == 0) return;
    if (--d->depth > 0) return;
    if (d->row > 0) emit_line(d, "");
}

int doc_text_load(doc_text *d, report *r, const char *path, load_error *err)
{
    for (size_t i = 0; i < d->nspans; i++) report_add_place_span(r, path, d->spans[i].line, &d->spans[i].at);
    return doc_load_text(r, path, d->out.s, err);
}
