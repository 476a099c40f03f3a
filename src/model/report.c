/*
 * report.c — the inputs of one audit (see report.h).
 *
 * Provides the store of tables, paragraphs and input paths, the report
 * metadata (year, agency) with where each value came from, and what the
 * documents themselves imply about it (report_inferred_*). Which source
 * wins is settings.c's decision; loading files is input/load.c's job.
 *
 * Uses util.h for memory. Never touches Lua.
 */
#include "model/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/year.h"
#include "util/util.h"

typedef struct {
    char *file;
    int year, year_line;
    char *agency;
    int agency_line;
} title_note;

typedef struct {
    char *file;
    int first_line;
    place start;                /* start.sheet owned */
} place_span;

struct report {
    enum style_choice style;
    table **tables;
    size_t ntables, tables_cap;
    paragraph *paras;           /* strings owned */
    size_t nparas, paras_cap;
    char **inputs;
    size_t ninputs, inputs_cap;
    title_note *notes;
    size_t nnotes, notes_cap;
    place_span *spans;
    size_t nspans, spans_cap;
    source_note *snotes;        /* strings owned */
    size_t nsnotes, snotes_cap;
    int year;
    char *year_source;
    char *agency;
    char *agency_source;
    char *group;                /* report_set_group */
    coverage *cov;
};

coverage *report_coverage(const report *r)
{
    return r->cov;
}

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
    r->cov = coverage_new();
    return r;
}

void report_free(report *r)
{
    if (!r) return;
    coverage_free(r->cov);
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
    for (size_t i = 0; i < r->nnotes; i++) {
        free(r->notes[i].file);
        free(r->notes[i].agency);
    }
    free(r->notes);
    for (size_t i = 0; i < r->nspans; i++) {
        free(r->spans[i].file);
        free((char *)r->spans[i].start.sheet);
    }
    free(r->spans);
    for (size_t i = 0; i < r->nsnotes; i++) {
        free((char *)r->snotes[i].file);
        free((char *)r->snotes[i].kind);
        free((char *)r->snotes[i].text);
        free((char *)r->snotes[i].detail);
    }
    free(r->snotes);
    free(r->year_source);
    free(r->agency);
    free(r->agency_source);
    free(r->group);
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

size_t report_note_count(const report *r) { return r->nsnotes; }

const source_note *report_note(const report *r, size_t i)
{
    return i < r->nsnotes ? &r->snotes[i] : NULL;
}

void report_add_note(report *r, const char *file, int line, const char *kind, const char *text, const char *detail)
{
    grow_array((void **)&r->snotes, &r->snotes_cap, r->nsnotes + 1, sizeof *r->snotes);
    source_note *n = &r->snotes[r->nsnotes++];
    n->file = xstrdup(file ? file : "");
    n->line = line;
    n->kind = xstrdup(kind ? kind : "");
    n->text = xstrdup(text ? text : "");
    n->detail = xstrdup(detail ? detail : "");
}

void report_add_place_span(report *r, const char *file, int first_line, const place *start)
{
    grow_array((void **)&r->spans, &r->spans_cap, r->nspans + 1, sizeof *r->spans);
    place_span *s = &r->spans[r->nspans++];
    s->file = xstrdup(file ? file : "");
    s->first_line = first_line;
    s->start = *start;
    s->start.sheet = start->sheet ? xstrdup(start->sheet) : NULL;
}

place report_place_at(const report *r, const char *file, int line)
{
    place none = { .kind = PLACE_NONE };
    if (!file) return none;
    const place_span *best = NULL;
    /* spans of one file are in line order; files interleave only by folder order */
    for (size_t i = 0; i < r->nspans; i++) {
        const place_span *s = &r->spans[i];
        if (s->first_line <= line && strcmp(s->file, file) == 0) best = s;
    }
    return best ? place_advance(&best->start, line - best->first_line) : none;
}

char *report_where(const report *r, const char *file, int line, enum lang lang, char *buf, size_t size)
{
    place p = report_place_at(r, file, line);
    if (p.kind != PLACE_NONE) place_format(&p, lang, buf, size);
    else snprintf(buf, size, "%s %d", lang == LANG_EN ? "line" : "baris", line);
    return buf;
}

static bool has_spans(const report *r, const char *file)
{
    for (size_t i = 0; i < r->nspans; i++)
        if (strcmp(r->spans[i].file, file) == 0) return true;
    return false;
}

static void append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
    grow_array((void **)out, cap, *len + n + 1, 1);
    memcpy(*out + *len, s, n);
    *len += n;
    (*out)[*len] = '\0';
}

/* The row a line stands for, short when it is in the same sheet/table as here. */
static void short_place(const place *p, const place *here, char *buf, size_t size)
{
    if (p->kind == PLACE_SHEET && here->kind == PLACE_SHEET && p->sheet && here->sheet && strcmp(p->sheet, here->sheet) == 0)
        snprintf(buf, size, "%d", p->row);
    else if (p->kind != PLACE_SHEET && p->table > 0 && p->table == here->table)
        snprintf(buf, size, "%d", p->row);
    else
        place_format(p, LANG_ID, buf, size);
}

/* Length of the word naming a line ("baris ", "line ", "lines ") that ends
 * right before p in value, else 0. Rules write "sesudah nomor 1 (baris 88)"
 * inside sentences: that 88 is a line of the loaded text, which means
 * nothing to a reader of a workbook or a PDF. */
static size_t line_word_before(const char *value, const char *p)
{
    static const char *words[] = { "baris ", "Baris ", "lines ", "line ", "Line " };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(p - value) >= n && strncmp(p - n, words[i], n) == 0 &&
            (p - n == value || !((p[-(long)n - 1] >= 'a' && p[-(long)n - 1] <= 'z') || (p[-(long)n - 1] >= 'A' && p[-(long)n - 1] <= 'Z'))))
            return n;
    }
    return 0;
}

/* True when p follows a line already localized and a list separator
 * (", ", " dan ", " and ", "–", "-"): the next number of "baris 12, 15 dan
 * 20" or "baris 12–15" is a line too. */
static bool continues_lines(const char *value, const char *p, const char *last_end)
{
    if (!last_end) return false;
    if (strncmp(last_end, " (", 2) == 0) {         /* "baris 637 (14 Kasus), 638" */
        const char *close = strchr(last_end, ')');
        if (close && close < p) last_end = close + 1;
    }
    size_t gap = (size_t)(p - last_end);
    static const char *seps[] = { ", ", " dan ", " and ", "\u2013", "-", " s.d. " };
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (gap == strlen(seps[i]) && strncmp(last_end, seps[i], gap) == 0) return true;
    (void)value;
    return false;
}

char *report_localize_field(const report *r, const char *file, const place *here, const char *key, const char *value)
{
    if (!file || !value || !has_spans(r, file)) return NULL;
    size_t klen = strlen(key);
    bool line_key = strcmp(key, "lines") == 0 || (klen > 5 && strcmp(key + klen - 5, "_line") == 0)
                 || (klen > 6 && strcmp(key + klen - 6, "_lines") == 0);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t blen = strlen(base);
    char *out = NULL;
    size_t len = 0, cap = 0;
    bool changed = false;
    const char *last_end = NULL;    /* where the last localized line number ended */
    append(&out, &len, &cap, "", 0);
    for (const char *p = value; *p; ) {
        bool after_name = p - value >= (long)blen + 1 && p[-1] == ':' && strncmp(p - blen - 1, base, blen) == 0;
        bool token_start = p == value || !((p[-1] >= '0' && p[-1] <= '9') || p[-1] == ',' || p[-1] == '.');
        size_t word = token_start ? line_word_before(value, p) : 0;
        bool in_text = word > 0 || (token_start && continues_lines(value, p, last_end));
        if (*p >= '0' && *p <= '9' && ((line_key && token_start) || after_name || in_text)) {
            const char *q = p;
            long n = 0;
            while (*q >= '0' && *q <= '9' && n < 100000000) n = n * 10 + (*q++ - '0');
            place pl = report_place_at(r, file, (int)n);
            bool is_decimal = (*q == ',' || *q == '.') && q[1] >= '0' && q[1] <= '9';    /* 12,5: a value */
            if (pl.kind != PLACE_NONE && !(*q >= '0' && *q <= '9') && !(in_text && !line_key && is_decimal)) {
                char buf[160];
                if (after_name) place_format(&pl, LANG_ID, buf, sizeof buf);
                else short_place(&pl, here, buf, sizeof buf);
                /* "baris 88" becomes "baris 4" on the same sheet or table, and
                 * the whole place elsewhere ("Anggaran!4:4", "hlm. 5, tabel 2, baris 3") */
                bool bare = buf[0] >= '0' && buf[0] <= '9';
                if (word && !bare) len -= word;
                append(&out, &len, &cap, buf, strlen(buf));
                changed = true;
                p = q;
                last_end = q;
                continue;
            }
            append(&out, &len, &cap, p, (size_t)(q - p));
            p = q;
            continue;
        }
        append(&out, &len, &cap, p, 1);
        p++;
    }
    if (!changed) {
        free(out);
        return NULL;
    }
    out[len] = '\0';
    return out;
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

void report_set_group(report *r, const char *label)
{
    free(r->group);
    r->group = label && label[0] ? xstrdup(label) : NULL;
}

const char *report_group(const report *r)
{
    return r->group;
}

const char *report_agency(const report *r, const char **source)
{
    if (source) *source = r->agency ? r->agency_source : NULL;
    return r->agency;
}

/* The year most table headers name ("Target 2019", Renstra "2019"), 0 when
 * none or when two years tie (a Renstra table alone names each year once
 * and says nothing about the report year). *where gets the first header
 * that names it. */
static int header_year(const report *r, const table **where)
{
    enum { FIRST = YEAR_FIRST, LAST = YEAR_LAST };
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

int report_inferred_year(const report *r, char *source, size_t size)
{
    for (size_t i = 0; i < r->nnotes; i++) {
        if (!r->notes[i].year) continue;
        snprintf(source, size, "inferred from %s:%d", r->notes[i].file, r->notes[i].year_line);
        return r->notes[i].year;
    }
    const table *t = NULL;
    int y = header_year(r, &t);
    if (y) snprintf(source, size, "inferred from %s:%d", table_file(t), table_header_line(t));
    return y;
}

const char *report_inferred_agency(const report *r, char *source, size_t size)
{
    for (size_t i = 0; i < r->nnotes; i++) {
        if (!r->notes[i].agency) continue;
        snprintf(source, size, "inferred from %s:%d", r->notes[i].file, r->notes[i].agency_line);
        return r->notes[i].agency;
    }
    return NULL;
}

void report_infer_metadata(report *r)
{
    char source[700];
    if (!r->year) {
        int y = report_inferred_year(r, source, sizeof source);
        if (y) report_set_year(r, y, source);
    }
    if (!r->agency) {
        const char *agency = report_inferred_agency(r, source, sizeof source);
        if (agency) report_set_agency(r, agency, source);
    }
}
