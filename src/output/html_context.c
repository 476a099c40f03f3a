/*
 * html_context.c — a finding shown where it is (see html_context.h).
 *
 * The table comes from the loaded report (the finding's file and first
 * table line), the row from its line; the flagged cells are those whose
 * recomputation (recompute.h) differs from the reported value, else the
 * cell that holds the finding's reported text. Marking does not rely on
 * colour alone: the flagged row and cell are bold and outlined, and carry
 * a text mark for screen readers and black-and-white print.
 */
#include "output/html_context.h"

#include <stdlib.h>
#include <string.h>

#include "model/recompute.h"
#include "util/util.h"

#define ROWS_AROUND 2

static const char *const texts[2][4] = {
    [LANG_ID] = { "Konteks", "Hitung ulang", "dilaporkan", "baris" },
    [LANG_EN] = { "Context", "Recomputed", "reported", "line" },
};

/* The tool's value of a recomputation as the report writes numbers. */
static void format_expected(char *buf, size_t size, const table *t, const recomputation *rc)
{
    const cell *c = table_cell(t, rc->row, rc->col);
    int en = table_column_number_style(t, rc->col) == NUMBER_STYLE_EN;
    int n = decimal_format(rc->expected, en ? '.' : ',', en ? ',' : '.', buf, size);
    if (n > 0 && (size_t)n + 2 < size && (c->num.flags & NUMBER_PERCENT)) strcat(buf, "%");
}

static int differs(const table *t, const recomputation *rc)
{
    const cell *c = table_cell(t, rc->row, rc->col);
    return c->num.kind != NUMBER_VALUE || decimal_cmp(c->num.value, rc->expected) != 0;
}

/* The record of a cell of this report's table, or NULL. */
static const recomputation *find(const audit *a, const table *t, size_t ti, size_t row, size_t col)
{
    return recompute_find(a->recomputed, t, ti, row, col);
}

/* Is column col of the flagged row a flagged cell? */
static int flagged_cell(const audit *a, size_t ti, const table *t, size_t row, size_t col, const char *reported,
                        int any_recomputed_differs)
{
    const recomputation *rc = find(a, t, ti, row, col);
    if (any_recomputed_differs) return rc && differs(t, rc);
    return reported && strcmp(table_cell(t, row, col)->text, reported) == 0;
}

static void write_table_context(FILE *out, const audit *a, const finding *f, const table *t, size_t ti)
{
    long fr = table_row_at_line(t, f->line);
    if (fr < 0) return;
    size_t row = (size_t)fr, nc = table_column_count(t), nr = table_row_count(t);
    size_t first = row > ROWS_AROUND ? row - ROWS_AROUND : 0;
    size_t last = row + ROWS_AROUND < nr ? row + ROWS_AROUND : nr - 1;
    const char *reported = finding_get(f, "reported");
    int any_differs = 0;
    for (size_t c = 0; c < nc; c++) {
        const recomputation *rc = find(a, t, ti, row, c);
        if (rc && differs(t, rc)) any_differs = 1;
    }
    fprintf(out, "<div class=\"context\"><table class=\"context\" aria-label=\"%s\">\n<thead><tr><th class=\"n\">%s</th>",
            texts[a->lang][0], texts[a->lang][3]);
    for (size_t c = 0; c < nc; c++) {
        fputs("<th>", out);
        html_text(out, table_column_header(t, c));
        fputs("</th>", out);
    }
    fprintf(out, "<th class=\"recomputed\">%s</th></tr></thead>\n<tbody>\n", texts[a->lang][1]);
    for (size_t r = first; r <= last; r++) {
        int is_flagged = r == row;
        fprintf(out, "<tr%s><td class=\"n\">%d</td>", is_flagged ? " class=\"flagged\"" : "", table_row_line(t, r));
        for (size_t c = 0; c < nc; c++) {
            int mark = is_flagged && flagged_cell(a, ti, t, r, c, reported, any_differs);
            fputs(mark ? "<td class=\"cell-flagged\"><b>" : "<td>", out);
            html_text(out, table_cell(t, r, c)->text);
            fputs(mark ? "</b> <span class=\"flag\">\xe2\x9a\xa0</span></td>" : "</td>", out);
        }
        /* the tool's value of every recomputed cell of the row */
        fputs("<td class=\"recomputed\">", out);
        int shown = 0;
        for (size_t c = 0; c < nc; c++) {
            const recomputation *rc = find(a, t, ti, r, c);
            if (!rc) continue;
            char buf[64];
            format_expected(buf, sizeof buf, t, rc);
            if (shown++) fputs("; ", out);
            int wrong = differs(t, rc);
            fputs(wrong ? "<b>" : "", out);
            html_text(out, buf);
            if (wrong) {
                fprintf(out, "</b> (%s ", texts[a->lang][2]);
                html_text(out, table_cell(t, r, c)->text);
                fputs(")", out);
            }
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Marks every occurrence of v in s (not inside a longer number) as kind. */
static void mark_value(const char *s, unsigned char *marks, const char *v, unsigned char kind)
{
    size_t n = strlen(v), len = strlen(s);
    if (!n || !strpbrk(v, "0123456789")) return;
    for (const char *p = strstr(s, v); p; p = strstr(p + 1, v)) {
        size_t at = (size_t)(p - s);
        if (at > 0 && (is_digit(s[at - 1]) || ((s[at - 1] == ',' || s[at - 1] == '.') && at > 1 && is_digit(s[at - 2]))))
            continue;
        if (at + n < len && is_digit(s[at + n])) continue;
        for (size_t k = at; k < at + n; k++)
            if (marks[k] < kind) marks[k] = kind;
    }
}

/* The sentence of a narrative finding with its numbers marked: the
 * reported number as wrong, the others it was computed from as numbers. */
static void write_sentence_context(FILE *out, const audit *a, const finding *f)
{
    const char *s = finding_get(f, "sentence");
    if (!s) s = finding_get(f, "quote");
    if (!s || !*s) return;
    size_t len = strlen(s);
    unsigned char *marks = xcalloc(len + 1, 1);
    /* the fields rules use for the numbers a sentence states (operands of
     * its computation, a year, a claim); other fields hold table values */
    static const char *const operands[] = { "first", "second", "stated", "year", "claim_id" };
    for (size_t i = 0; i < sizeof operands / sizeof operands[0]; i++) {
        const char *v = finding_get(f, operands[i]);
        if (v) mark_value(s, marks, v, 1);
    }
    const char *reported = finding_get(f, "reported");
    if (reported) mark_value(s, marks, reported, 2);
    fprintf(out, "<blockquote class=\"context sentence\" aria-label=\"%s\">", texts[a->lang][0]);
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && marks[j] == marks[i]) j++;
        char *part = xstrndup(s + i, j - i);
        if (marks[i]) fprintf(out, "<mark class=\"%s\">", marks[i] == 2 ? "wrong" : "num");
        html_text(out, part);
        if (marks[i]) fputs("</mark>", out);
        free(part);
        i = j;
    }
    fputs("</blockquote>\n", out);
    free(marks);
}

void html_write_context(FILE *out, const audit *a, const finding *f)
{
    size_t ti;
    const table *t = finding_table(a, f, &ti);
    if (t && f->line > 0) write_table_context(out, a, f, t, ti);
    else write_sentence_context(out, a, f);
}
