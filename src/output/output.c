/*
 * output.c — the table of report writers and what they share.
 */
#define _GNU_SOURCE     /* fopencookie: the cleaning stream of output_write */
#include "output/output.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/utf8.h"
#include "util/util.h"

static const struct {
    const char *name;
    output_fn fn;
    int escape_controls;
    int binary;                     /* not text: written as it is */
    int clean;                      /* valid UTF-8 as written: no cleaning stream */
} writers[] = {
    { "text", output_text, 1, 0, 0 },
    /* json_string escapes them; and every text of the JSON report is a
     * JSON string, valid UTF-8 as util/json.c writes it */
    { "json", output_json, 0, 0, 1 },
    { "html", output_html, 0, 0, 0 },
    { "md", output_md, 1, 0, 0 },
    { "sarif", output_sarif, 0, 0, 0 },
    { "xlsx", output_xlsx, 0, 1, 0 },  /* a zip; output_xlsx.c cleans every cell text itself */
};

static const piecewise_writer json_pieces = { output_json_head, output_json_findings, output_json_tail,
                                              output_json_note };
static const piecewise_writer sarif_pieces = { output_sarif_head, output_sarif_findings, output_sarif_tail, NULL };

void output_array_items(FILE *out, const audit *a, const finding_list *l, size_t *written,
                        void (*write_one)(FILE *out, const audit *a, const finding *f))
{
    for (size_t i = 0; i < finding_count(l); i++) {
        if ((*written)++) fputs(",\n", out);
        write_one(out, a, finding_at(l, i));
    }
}

const piecewise_writer *output_piecewise(const char *format)
{
    if (strcmp(format, "json") == 0) return &json_pieces;
    if (strcmp(format, "sarif") == 0) return &sarif_pieces;
    return NULL;
}

output_fn output_find(const char *format)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (strcmp(writers[i].name, format) == 0) return writers[i].fn;
    return NULL;
}

int output_escapes_controls(const char *format)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (strcmp(writers[i].name, format) == 0) return writers[i].escape_controls;
    return 0;
}

static int is_binary(output_fn fn)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (writers[i].fn == fn) return writers[i].binary;
    return 0;
}

static int writes_clean(output_fn fn)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (writers[i].fn == fn) return writers[i].clean;
    return 0;
}

/* A stream that passes what is written to it through utf8_write_clean to
 * `out` as it comes, so a report of a million findings is not held in
 * memory first; a sequence split between two writes waits in `held`. */
typedef struct {
    FILE *out;
    int escape_controls;
    char held[4];
    size_t nheld;
} clean_stream;

static ssize_t clean_write(void *cookie, const char *buf, size_t size)
{
    clean_stream *c = cookie;
    size_t from = 0;
    while (c->nheld && from < size) {   /* complete the held sequence first */
        c->held[c->nheld++] = buf[from++];
        size_t took = utf8_write_clean_part(c->out, c->held, c->nheld, c->escape_controls, 0);
        memmove(c->held, c->held + took, c->nheld - took);
        c->nheld -= took;
    }
    size_t took = utf8_write_clean_part(c->out, buf + from, size - from, c->escape_controls, 0);
    memcpy(c->held, buf + from + took, size - from - took);
    c->nheld = size - from - took;
    return ferror(c->out) ? -1 : (ssize_t)size;
}

static int clean_close(void *cookie)
{
    clean_stream *c = cookie;
    utf8_write_clean(c->out, c->held, c->nheld, c->escape_controls);
    c->nheld = 0;
    return ferror(c->out) ? EOF : 0;
}

struct output_pieces {
    clean_stream c;
    FILE *cleaned;
};

output_pieces *output_pieces_open(FILE *out, int escape_controls)
{
    output_pieces *p = xcalloc(1, sizeof *p);
    p->c = (clean_stream){ .out = out, .escape_controls = escape_controls };
    p->cleaned = fopencookie(&p->c, "w", (cookie_io_functions_t){ .write = clean_write, .close = clean_close });
    if (!p->cleaned) {
        free(p);
        return NULL;
    }
    return p;
}

FILE *output_pieces_file(output_pieces *p)
{
    return p->cleaned;
}

int output_pieces_close(output_pieces *p)
{
    if (!p) return 0;
    int rc = fclose(p->cleaned) != 0 ? -1 : 0;
    if (ferror(p->c.out)) rc = -1;
    free(p);
    return rc;
}

int output_write(FILE *out, output_fn fn, int escape_controls, const audit *a)
{
    if (is_binary(fn)) {
        if (isatty(fileno(out))) {
            fprintf(stderr, "lakip-audit: this format is a binary file: give -o FILE\n");
            return -1;
        }
        int rc = fn(out, a);
        return rc == 0 && !ferror(out) ? 0 : -1;
    }
    if (writes_clean(fn) && !escape_controls) {     /* the cleaning would change nothing: straight out */
        int rc = fn(out, a);
        return rc == 0 && !ferror(out) ? 0 : -1;
    }
    output_pieces *p = output_pieces_open(out, escape_controls);
    if (!p) return -1;
    int rc = fn(output_pieces_file(p), a);
    if (output_pieces_close(p) != 0) rc = -1;
    return rc;
}

const char *output_names(void)
{
    return "text, json, html, md, sarif, xlsx";
}

const char *finding_location(const audit *a, const finding *f, char *buf, size_t size)
{
    if (f->where.kind != PLACE_NONE) return place_format(&f->where, a->lang, buf, size);
    if (f->line > 0) snprintf(buf, size, "%d", f->line);
    else if (size) buf[0] = '\0';
    return buf;
}

const char *finding_table_location(const audit *a, const finding *f, char *buf, size_t size)
{
    if (f->table_where.kind != PLACE_NONE) return place_format(&f->table_where, a->lang, buf, size);
    if (f->table_line > 0) snprintf(buf, size, "%d", f->table_line);
    else if (size) buf[0] = '\0';
    return buf;
}

void audit_coverage(const audit *a, const char *file, coverage_summary *out)
{
    const report *self = a->rep;
    coverage_summarise(report_coverage(a->rep), a->audited ? a->audited : &self, a->audited ? a->naudited : 1, file, out);
}

size_t audit_unread(const audit *a, coverage_unread **items)
{
    const report *self = a->rep;
    return coverage_unread_list(report_coverage(a->rep), a->audited ? a->audited : &self, a->audited ? a->naudited : 1, items);
}

const char *cell_formula_label(enum lang lang)
{
    return lang == LANG_EN ? "Formula in the cell" : "Rumus di sel";
}

size_t audit_total(const audit *a)
{
    return finding_count(a->findings) + a->streamed_total;
}

void audit_counts(const audit *a, size_t counts[3])
{
    for (int s = 0; s < 3; s++) counts[s] = a->streamed_counts[s];
    for (size_t i = 0; i < finding_count(a->findings); i++) {
        const finding *f = finding_at(a->findings, i);
        if (!f->accepted) counts[f->severity]++;
    }
}

int findings_same_group(const finding *a, const finding *b)
{
    if (!a || !b) return 0;
    if ((a->table == NULL) != (b->table == NULL)) return 0;
    if (a->table && (strcmp(a->table, b->table) || a->table_line != b->table_line)) return 0;
    if ((a->file == NULL) != (b->file == NULL)) return 0;
    if (a->file && strcmp(a->file, b->file)) return 0;
    const char *ga = finding_get(a, "report_group"), *gb = finding_get(b, "report_group");
    return (ga == NULL) == (gb == NULL) && (!ga || strcmp(ga, gb) == 0);
}

/* The reports the rules ran on: a long-form file's groups, else rep. */
static size_t audited_count(const audit *a)
{
    return a->naudited ? a->naudited : 1;
}

static const report *audited_at(const audit *a, size_t g)
{
    return a->naudited ? a->audited[g] : a->rep;
}

size_t audit_table_count(const audit *a)
{
    size_t n = 0;
    for (size_t g = 0; g < audited_count(a); g++) n += report_table_count(audited_at(a, g));
    return n;
}

const table *audit_table(const audit *a, size_t k, size_t *index)
{
    for (size_t g = 0; g < audited_count(a); g++) {
        const report *r = audited_at(a, g);
        if (k < report_table_count(r)) {
            *index = k;
            return report_table(r, k);
        }
        k -= report_table_count(r);
    }
    return NULL;
}

const table *finding_table(const audit *a, const finding *f, size_t *index)
{
    if (!f->table || !f->file) return NULL;
    for (size_t k = 0; k < audit_table_count(a); k++) {
        const table *t = audit_table(a, k, index);
        if (table_first_line(t) == f->table_line && strcmp(table_file(t), f->file) == 0
            && strcmp(table_caption(t), f->table) == 0)
            return t;
    }
    return NULL;
}

long table_row_at_line(const table *t, int line)
{
    for (size_t i = 0; i < table_row_count(t); i++)
        if (table_row_line(t, i) == line) return (long)i;
    return -1;
}

const char *output_notes_label(enum lang lang)
{
    return lang == LANG_EN ? "Notes" : "Catatan";
}
