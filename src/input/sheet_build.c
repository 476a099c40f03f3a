/*
 * sheet_build.c — sheets into tables (see sheet_build.h).
 */
#include "input/sheet_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/formula_ref.h"
#include "input/table_build.h"
#include "util/util.h"

void sheet_grid_init(sheet_grid *g, const char *name, bool hidden)
{
    memset(g, 0, sizeof *g);
    g->name = xstrdup(name ? name : "");
    g->hidden = hidden;
}

void sheet_grid_free(sheet_grid *g)
{
    for (size_t i = 0; i < g->ncells; i++) {
        free(g->cells[i].text);
        free(g->cells[i].formula);
        free(g->cells[i].format);
        free(g->cells[i].value);
    }
    free(g->cells);
    free(g->hidden_rows);
    free(g->hidden_cols);
    free(g->name);
    memset(g, 0, sizeof *g);
}

static bool blank_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

void sheet_grid_add(sheet_grid *g, int row, int col, const char *text, const char *formula,
                    const char *type, const char *format, const char *value)
{
    if (blank_text(text) && !(formula && formula[0])) return;
    grow_array((void **)&g->cells, &g->cap, g->ncells + 1, sizeof *g->cells);
    grid_cell *c = &g->cells[g->ncells++];
    c->row = row;
    c->col = col;
    c->text = xstrdup(text ? text : "");
    c->formula = formula && formula[0] ? xstrdup(formula) : NULL;
    c->type = type ? type : "string";
    c->format = format && format[0] ? xstrdup(format) : NULL;
    c->value = value ? xstrdup(value) : NULL;
    if (row > g->max_row) g->max_row = row;
}

void sheet_grid_hide_row(sheet_grid *g, int row)
{
    grow_array((void **)&g->hidden_rows, &g->hidden_rows_cap, g->nhidden_rows + 1, sizeof *g->hidden_rows);
    g->hidden_rows[g->nhidden_rows++] = row;
}

void sheet_grid_hide_cols(sheet_grid *g, int first, int last)
{
    if (last > 16384) last = 16384;
    for (int c = first; c <= last && c > 0; c++) {
        grow_array((void **)&g->hidden_cols, &g->hidden_cols_cap, g->nhidden_cols + 1, sizeof *g->hidden_cols);
        g->hidden_cols[g->nhidden_cols++] = c;
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static bool has_int(const int *v, size_t n, int x)
{
    return n && bsearch(&x, v, n, sizeof *v, cmp_int) != NULL;
}

static int cmp_cell(const void *a, const void *b)
{
    const grid_cell *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static const grid_cell *find_cell(const sheet_grid *g, int row, int col)
{
    grid_cell key = { .row = row, .col = col };
    return bsearch(&key, g->cells, g->ncells, sizeof *g->cells, cmp_cell);
}

/* Index of the first cell of row `row` or later. */
static size_t first_of_row(const sheet_grid *g, int row)
{
    size_t lo = 0, hi = g->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->cells[mid].row < row) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

typedef struct {
    int first_row, last_row;
} block;

/* Spreadsheet column letters of col (1-based): 1 -> "A", 16384 -> "XFD". */
static void column_name(int col, char *buf)
{
    char tmp[8];
    int n = 0;
    for (; col > 0 && n < 7; col = (col - 1) / 26) tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int k = 0; k < n; k++) buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
}

/* False (with g's error set) when the block as a dense table would be far
 * larger than what is in it (sheet_build.h, SHEET_MAX_SPARSE). */
static bool block_dense_ok(sheet_grid *g, block b, int min_col, int max_col, const char *path)
{
    size_t rows = 0, filled = 0;
    int last = 0;
    for (size_t i = first_of_row(g, b.first_row); i < g->ncells && g->cells[i].row <= b.last_row; i++) {
        if (g->cells[i].row != last) rows++, last = g->cells[i].row;
        filled++;
    }
    size_t dense = rows * (size_t)(max_col - min_col + 1);
    if (dense <= SHEET_DENSE_FREE || dense / SHEET_MAX_SPARSE <= filled) return true;
    if (!g->too_long) {
        char from[8], to[8];
        column_name(min_col, from);
        column_name(max_col, to);
        load_error_set(&g->cell_error, path, 0,
                       "sheet \"%s\": rows %d to %d span columns %s to %s but hold only %zu cells: "
                       "too sparse to read as a table (a stray cell far from the table?)",
                       g->name, b.first_row, b.last_row, from, to, filled);
        g->too_long = true;
    }
    return false;
}

/* The records of sheet rows [b.first_row, b.last_row], columns from
 * min_col to max_col; blank rows are left out. */
static void block_records(const sheet_grid *g, block b, int min_col, int max_col, int first_line, record_list *out)
{
    size_t i = first_of_row(g, b.first_row);
    while (i < g->ncells && g->cells[i].row <= b.last_row) {
        int row = g->cells[i].row;
        size_t n = (size_t)(max_col - min_col + 1);
        char **fields = xcalloc(n, sizeof *fields);
        for (; i < g->ncells && g->cells[i].row == row; i++) {
            const grid_cell *c = &g->cells[i];
            if (c->col < min_col || c->col > max_col) continue;
            free(fields[c->col - min_col]);
            fields[c->col - min_col] = xstrdup(c->text);
        }
        for (size_t k = 0; k < n; k++)
            if (!fields[k]) fields[k] = xstrdup("");
        record_list_push(out, first_line + row - 1, fields, n);
    }
}

static void cols_of(const sheet_grid *g, block b, int *min_col, int *max_col)
{
    *min_col = 16385;
    *max_col = 0;
    for (size_t i = first_of_row(g, b.first_row); i < g->ncells && g->cells[i].row <= b.last_row; i++) {
        if (blank_text(g->cells[i].text)) continue;
        if (g->cells[i].col < *min_col) *min_col = g->cells[i].col;
        if (g->cells[i].col > *max_col) *max_col = g->cells[i].col;
    }
}

/* Notes of the cells of a built table: formula, R1C1, type, format, value,
 * hidden row / column. */
static void add_notes(table *t, const sheet_grid *g, int min_col, int first_line)
{
    size_t ncols = table_column_count(t);
    for (size_t c = 0; c < ncols; c++) table_set_column_source(t, c, min_col + (int)c);
    for (size_t r = 0; r < table_row_count(t); r++) {
        int row = table_row_line(t, r) - first_line + 1;
        if (has_int(g->hidden_rows, g->nhidden_rows, row)) table_add_cell_note(t, r, -1, "hidden", "row");
        for (size_t c = 0; c < ncols; c++) {
            int col = min_col + (int)c;
            const grid_cell *gc = find_cell(g, row, col);
            if (!gc) continue;
            if (gc->formula) {
                table_add_cell_note(t, r, (int)c, "formula", gc->formula);
                char *r1c1 = formula_r1c1(gc->formula, row, col);
                table_add_cell_note(t, r, (int)c, "r1c1", r1c1);
                free(r1c1);
            }
            table_add_cell_note(t, r, (int)c, "type", gc->type);
            if (gc->format) table_add_cell_note(t, r, (int)c, "format", gc->format);
            if (gc->value) table_add_cell_note(t, r, (int)c, "value", gc->value);
            if (has_int(g->hidden_cols, g->nhidden_cols, col) && !blank_text(gc->text))
                table_add_cell_note(t, r, (int)c, "hidden", "column");
        }
    }
}

static bool row_blank(const sheet_grid *g, size_t from, int row)
{
    for (size_t i = from; i < g->ncells && g->cells[i].row == row; i++)
        if (!blank_text(g->cells[i].text)) return false;
    return true;
}

static void build_block(report *r, const char *path, sheet_grid *g, block b, int first_line)
{
    int min_col, max_col;
    cols_of(g, b, &min_col, &max_col);
    if (max_col == 0 || !block_dense_ok(g, b, min_col, max_col, path)) return;
    record_list recs = { 0 };
    block_records(g, b, min_col, max_col, first_line, &recs);
    if (!g->too_long && records_check_cells(&recs, path, &g->cell_error) < 0) g->too_long = true;
    /* the text is rendered by numfmt.c in Indonesian notation */
    build_options o = { .file = path, .style = NUMBER_STYLE_ID, .strict = false,
                        .caption = g->name, .caption_line = 0 };
    load_error ignored;
    table *t = table_build(&recs, &o, &ignored);
    record_list_free(&recs);
    if (!t) return;
    add_notes(t, g, min_col, first_line);
    report_add_table(r, t);
}

int sheet_build(report *r, const char *path, sheet_grid *g, int first_line)
{
    sort_items(g->cells, g->ncells, sizeof *g->cells, cmp_cell);
    sort_items(g->hidden_rows, g->nhidden_rows, sizeof *g->hidden_rows, cmp_int);
    sort_items(g->hidden_cols, g->nhidden_cols, sizeof *g->hidden_cols, cmp_int);
    place start = { .kind = PLACE_SHEET, .sheet = g->name, .row = 1 };
    report_add_place_span(r, path, first_line, &start);
    size_t filled = 0;
    int first_data = 0;
    for (size_t i = 0; i < g->ncells; i++)
        if (!blank_text(g->cells[i].text)) {
            if (!filled) first_data = g->cells[i].row;
            filled++;
        }
    if (g->hidden) {
        if (filled) {
            char detail[64];
            snprintf(detail, sizeof detail, "%zu", filled);
            report_add_note(r, path, first_line + first_data - 1, "hidden-sheet", g->name, detail);
        }
        return g->max_row;
    }
    /* blocks of non-blank rows; a block without a header joins the next */
    block cur = { 0, 0 };
    bool open = false;
    for (size_t i = 0; i < g->ncells && !g->too_long; ) {
        int row = g->cells[i].row;
        bool blank = row_blank(g, i, row);
        while (i < g->ncells && g->cells[i].row == row) i++;
        if (blank) continue;
        if (open && row > cur.last_row + 1) {
            /* a gap: close the block unless it has no header yet */
            record_list probe = { 0 };
            int min_col, max_col;
            cols_of(g, cur, &min_col, &max_col);
            if (!block_dense_ok(g, cur, min_col, max_col, path)) break;
            block_records(g, cur, min_col, max_col, first_line, &probe);
            bool has_header = build_find_header(&probe) >= 0;
            record_list_free(&probe);
            if (has_header) {
                build_block(r, path, g, cur, first_line);
                open = false;
            }
        }
        if (!open) {
            cur.first_row = row;
            open = true;
        }
        cur.last_row = row;
    }
    if (open && !g->too_long) build_block(r, path, g, cur, first_line);
    return g->max_row;
}
