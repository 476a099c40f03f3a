/*
 * cell_lines.c — tables written one cell per line (see cell_lines.h and
 * docs/FORMAT.md, "Report documents").
 *
 * Reading order: the non-blank lines from i on (blank lines between cells
 * are skipped) are tried as K header lines plus the K column numbers, K
 * from 2 up to CELL_LINES_MAX_COLS; the header lines must be short and
 * form a header (columns_is_header). Then rows of K lines follow while
 * each row fits: no line in it is a table line, a heading or prose, and
 * every cell of a value column is empty or reads as a value. A repeated
 * column-number run (after a page break) is passed through as a record,
 * which the row builder skips.
 */
#include "input/cell_lines.h"

#include <stdlib.h>
#include <string.h>
#include "input/columns.h"
#include "model/value.h"
#include "util/util.h"

#define CELL_LINES_MAX_COLS 16
#define CELL_LINES_HEADER_MAX 80    /* longer lines are not header cells */
#define CELL_LINES_CELL_MAX 200     /* longer lines are prose, not cells */

/* The line with leading and trailing blanks cut, as a new string. */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\t')) n--;
    return xstrndup(s, n);
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r') return false;
    return true;
}

/* "3", "(3)", "3." -> 3; -1 otherwise. */
static long colnum(const char *raw)
{
    char *s = trimmed(raw);
    const char *p = s;
    long v = 0;
    size_t digits = 0;
    if (*p == '(') p++;
    while (*p >= '0' && *p <= '9' && digits < 3) v = v * 10 + (*p++ - '0'), digits++;
    if (*p == ')' || *p == '.') p++;
    long out = digits && *p == '\0' ? v : -1;
    free(s);
    return out;
}

/* A line that cannot be a cell: part of a TAB or pipe table, a Markdown
 * heading or rule, or prose. */
static bool not_a_cell(const char *s)
{
    if (strchr(s, '\t')) return true;
    while (*s == ' ') s++;
    if (*s == '#' || *s == '|' || strncmp(s, "---", 3) == 0) return true;
    size_t n = strlen(s);
    if (n > CELL_LINES_CELL_MAX) return true;
    return n > 60 && s[n - 1] == '.';
}

static bool is_text_role(enum col_role r)
{
    switch (r) {
    case COL_NONE: case COL_NO: case COL_SASARAN: case COL_PROGRAM: case COL_INDIKATOR:
    case COL_SATUAN: case COL_ARAH: case COL_KATEGORI: case COL_KETERANGAN:
        return true;
    default:
        return false;
    }
}

/* A value column's cell: empty or a value of some type (not words). */
static bool reads_as_value(const char *s)
{
    typed_value v;
    value_parse(s, strlen(s), NUMBER_STYLE_ID, &v);
    if (v.kind == VALUE_TEXT) value_parse(s, strlen(s), NUMBER_STYLE_EN, &v);
    return v.kind != VALUE_TEXT;
}

static void push(record_list *out, int line, char *const *cells, size_t k)
{
    char **fields = xmalloc(k * sizeof *fields);
    for (size_t c = 0; c < k; c++) fields[c] = trimmed(cells[c]);
    record_list_push(out, line, fields, k);
}

size_t cell_lines_table(char *const *lines, size_t i, size_t nlines, record_list *out)
{
    /* the next non-blank lines, enough for a header and its numbers */
    size_t idx[2 * CELL_LINES_MAX_COLS];
    size_t n = 0;
    for (size_t j = i; j < nlines && n < 2 * CELL_LINES_MAX_COLS; j++) {
        if (is_blank(lines[j])) continue;
        if (not_a_cell(lines[j])) break;
        idx[n++] = j;
    }
    if (n < 4 || colnum(lines[idx[0]]) >= 0) return 0;

    size_t k = 0;
    for (size_t cand = 2; cand <= CELL_LINES_MAX_COLS && 2 * cand <= n; cand++) {
        bool numbers = true;
        for (size_t c = 0; c < cand && numbers; c++) numbers = colnum(lines[idx[cand + c]]) == (long)c + 1;
        if (!numbers) continue;
        /* "1" … "K" must end there: a "K+1" would make it a wider table */
        k = cand;
        break;
    }
    if (!k) return 0;
    enum col_role roles[CELL_LINES_MAX_COLS];
    char *cells[CELL_LINES_MAX_COLS];
    for (size_t c = 0; c < k; c++) {
        if (strlen(lines[idx[c]]) > CELL_LINES_HEADER_MAX || colnum(lines[idx[c]]) >= 0) return 0;
        roles[c] = columns_recognise(lines[idx[c]], NULL);
    }
    if (!columns_is_header(roles, k)) return 0;

    for (size_t c = 0; c < k; c++) cells[c] = lines[idx[c]];
    push(out, (int)idx[0] + 1, cells, k);
    for (size_t c = 0; c < k; c++) cells[c] = lines[idx[k + c]];
    push(out, (int)idx[k] + 1, cells, k);
    size_t used_to = idx[2 * k - 1] + 1;

    /* rows, k lines at a time */
    size_t j = used_to;
    for (;;) {
        size_t got = 0, first = 0, end = j;
        bool fits = true;
        while (end < nlines && got < k) {
            if (is_blank(lines[end])) {
                end++;
                continue;
            }
            if (not_a_cell(lines[end])) {
                fits = false;
                break;
            }
            if (!got) first = end;
            cells[got++] = lines[end++];
        }
        if (!fits || got < k) break;
        bool colnums = true;
        for (size_t c = 0; c < k && colnums; c++) colnums = colnum(cells[c]) == (long)c + 1;
        for (size_t c = 0; c < k && fits && !colnums; c++) {
            char *s = trimmed(cells[c]);
            fits = is_text_role(roles[c]) || !s[0] || reads_as_value(s);
            free(s);
        }
        if (!fits) break;
        push(out, (int)first + 1, cells, k);
        j = used_to = end;
    }
    return used_to - i;
}
