/*
 * pdf_layout.c — one page as text lines and tables (see pdf_layout.h).
 *
 * Steps: (1) ruling lines that touch are grouped (union-find) into grids;
 * a grid with at least two rows and two columns is a ruled table and takes
 * the words whose centre lies inside it; (2) the other words are grouped
 * into lines by baseline; (3) runs of lines cut by wide gaps into the same
 * columns become tables without rules; (4) lines and tables are sorted top
 * to bottom.
 *
 * Tolerances are in points and scale with nothing: PDF pages of reports
 * are A4 or F4 printed at 100 %.
 */
#include "input/pdf_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

#define SNAP 2.0f           /* ruling lines closer than this meet */
#define MAX_GRID_RULES 20000 /* more ruling lines on a page: no ruled tables (quadratic grouping) */
#define COLUMN_GAP 1.2f     /* a gap wider than this many font sizes separates columns */

/* ---- text joining ---- */

static bool is_lower_start(const char *s)
{
    return *s >= 'a' && *s <= 'z';
}

void pdf_join_wrapped(char **buf, const char *next)
{
    if (!*next) return;
    if (!*buf || !**buf) {
        free(*buf);
        *buf = xstrdup(next);
        return;
    }
    size_t n = strlen(*buf), k = strlen(next);
    char *b = *buf;
    bool space = true;
    if (n >= 2 && b[n - 1] == '-' && b[n - 2] != ' ' && b[n - 2] != '-') {
        space = false;
        /* the word part before the hyphen */
        size_t s = n - 1;
        while (s > 0 && b[s - 1] != ' ') s--;
        size_t part = n - 1 - s;
        bool letters = b[n - 2] >= 'a' && b[n - 2] <= 'z';
        bool redup = part > 0 && strncmp(b + s, next, part) == 0;   /* anak-anak, rata-rata */
        if (letters && is_lower_start(next) && !redup) b[--n] = '\0';   /* a hyphenated word */
    } else if ((next[0] == '%' || next[0] == ')' || next[0] == ',' || next[0] == ';' || next[0] == ':' || next[0] == '.')
               && (next[1] == '\0' || next[1] == ' ' || next[0] == '%' || next[0] == ')')) {
        space = false;
    } else if ((b[n - 1] == ',' || b[n - 1] == '.') && n >= 2 && b[n - 2] >= '0' && b[n - 2] <= '9' &&
               (next[0] == '-' || (next[0] >= '0' && next[0] <= '9'))) {
        space = false;      /* a number broken inside its cell: "2.322.775.000," + "-" */
    } else if (b[n - 1] == '(' || b[n - 1] == '/') {
        space = false;
    }
    b = xrealloc(b, n + k + 2);
    if (space) b[n++] = ' ';
    memcpy(b + n, next, k + 1);
    *buf = b;
}

/* ---- grouping words into lines ---- */

typedef struct {
    const pdf_word *w;
    int line;
} word_ref;

static int by_baseline(const void *a, const void *b)
{
    const pdf_word *x = ((const word_ref *)a)->w, *y = ((const word_ref *)b)->w;
    if (x->baseline != y->baseline) return x->baseline < y->baseline ? -1 : 1;
    if (x->box.x0 != y->box.x0) return x->box.x0 < y->box.x0 ? -1 : 1;
    return 0;
}

static int by_x(const void *a, const void *b)
{
    const pdf_word *x = *(const pdf_word *const *)a, *y = *(const pdf_word *const *)b;
    return x->box.x0 < y->box.x0 ? -1 : x->box.x0 > y->box.x0;
}

/* A group of words on one baseline, sorted by x. */
typedef struct {
    const pdf_word **w;
    size_t n, cap;
    float baseline;
} word_line;

typedef struct {
    word_line *items;
    size_t count, cap;
} word_lines;

/* Groups words into lines: sorted by baseline, a word joins the current
 * line when its baseline is within a third of its size. */
static void group_lines(const pdf_word **words, size_t n, word_lines *out)
{
    memset(out, 0, sizeof *out);
    if (!n) return;
    word_ref *refs = xmalloc(n * sizeof *refs);
    for (size_t i = 0; i < n; i++) refs[i] = (word_ref){ words[i], 0 };
    sort_items(refs, n, sizeof *refs, by_baseline);
    word_line *cur = NULL;
    for (size_t i = 0; i < n; i++) {
        const pdf_word *w = refs[i].w;
        float tol = 0.35f * (w->size > 0 ? w->size : 10);
        if (!cur || fabsf(w->baseline - cur->baseline) > tol) {
            grow_array((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items);
            cur = &out->items[out->count++];
            memset(cur, 0, sizeof *cur);
            cur->baseline = w->baseline;
        }
        grow_array((void **)&cur->w, &cur->cap, cur->n + 1, sizeof *cur->w);
        cur->w[cur->n++] = w;
    }
    for (size_t i = 0; i < out->count; i++)
        sort_items(out->items[i].w, out->items[i].n, sizeof *out->items[i].w, by_x);
    free(refs);
}

static void word_lines_free(word_lines *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->items[i].w);
    free(l->items);
}

static bool gap_splits(const pdf_word *a, const pdf_word *b)
{
    float size = a->size > b->size ? a->size : b->size;
    return b->box.x0 - a->box.x1 > COLUMN_GAP * size;
}

/* Words [from, to) of a line joined by spaces. */
static char *join_words(const word_line *l, size_t from, size_t to)
{
    size_t len = 0;
    for (size_t i = from; i < to; i++) len += strlen(l->w[i]->text) + 1;
    char *s = xmalloc(len + 1), *p = s;
    for (size_t i = from; i < to; i++) {
        size_t k = strlen(l->w[i]->text);
        if (p != s) *p++ = ' ';
        memcpy(p, l->w[i]->text, k);
        p += k;
    }
    *p = '\0';
    return s;
}

static pdf_box words_box(const word_line *l, size_t from, size_t to)
{
    pdf_box b = l->w[from]->box;
    for (size_t i = from + 1; i < to; i++) {
        const pdf_box *c = &l->w[i]->box;
        if (c->x0 < b.x0) b.x0 = c->x0;
        if (c->y0 < b.y0) b.y0 = c->y0;
        if (c->x1 > b.x1) b.x1 = c->x1;
        if (c->y1 > b.y1) b.y1 = c->y1;
    }
    return b;
}

static bool words_bold(const word_line *l, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!l->w[i]->bold) return false;
    return to > from;
}

/* ---- items ---- */

static pdf_item *add_item(pdf_layout *out, bool is_table, float top)
{
    grow_array((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items);
    pdf_item *it = &out->items[out->count++];
    memset(it, 0, sizeof *it);
    it->is_table = is_table;
    it->order = out->count - 1;
    it->top = top;
    return it;
}

static pdf_row *table_add_row_cells(pdf_table *t, pdf_box box)
{
    grow_array((void **)&t->rows, &t->rows_cap, t->nrows + 1, sizeof *t->rows);
    pdf_row *r = &t->rows[t->nrows++];
    r->box = box;
    r->cells = xcalloc(t->ncols, sizeof *r->cells);
    return r;
}

/* Wraps a cell's text in <b></b> (the table builder reads bold cells as
 * group labels, as in converted documents). */
static char *bold_cell(char *text)
{
    size_t n = strlen(text);
    char *s = xmalloc(n + 8);
    memcpy(s, "<b>", 3);
    memcpy(s + 3, text, n);
    memcpy(s + 3 + n, "</b>", 5);
    free(text);
    return s;
}

/* ---- ruled tables ---- */

typedef struct {
    size_t *parent;
} uf;

static size_t uf_find(uf *u, size_t i)
{
    while (u->parent[i] != i) {
        u->parent[i] = u->parent[u->parent[i]];
        i = u->parent[i];
    }
    return i;
}

static bool is_h(const pdf_rule *r)
{
    return r->y0 == r->y1;
}

static bool rules_touch(const pdf_rule *a, const pdf_rule *b)
{
    return a->x0 <= b->x1 + SNAP && b->x0 <= a->x1 + SNAP && a->y0 <= b->y1 + SNAP && b->y0 <= a->y1 + SNAP;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* Sorted distinct positions (closer than SNAP merged). */
static size_t distinct(float *v, size_t n)
{
    if (!n) return 0;
    sort_items(v, n, sizeof *v, cmp_float);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] - v[k - 1] > SNAP) v[k++] = v[i];
    return k;
}

/* Adds lo and hi to the sorted edges v[0..*n) (room for two more) when
 * they lie outside them. */
static void add_edges(float *v, size_t *n, float lo, float hi)
{
    if (*n == 0) return;
    if (lo < v[0] - SNAP) {
        memmove(v + 1, v, *n * sizeof *v);
        v[0] = lo;
        (*n)++;
    }
    if (hi > v[*n - 1] + SNAP) v[(*n)++] = hi;
}

typedef struct {
    const pdf_rule **h, **v;
    size_t nh, nv;
    float *xs, *ys;
    size_t nx, ny;
    pdf_box box;
} grid;

static bool v_covers(const grid *g, float x, float y)
{
    for (size_t i = 0; i < g->nv; i++)
        if (fabsf(g->v[i]->x0 - x) <= SNAP && y >= g->v[i]->y0 - SNAP && y <= g->v[i]->y1 + SNAP) return true;
    return false;
}

static bool h_covers(const grid *g, float y, float x)
{
    for (size_t i = 0; i < g->nh; i++)
        if (fabsf(g->h[i]->y0 - y) <= SNAP && x >= g->h[i]->x0 - SNAP && x <= g->h[i]->x1 + SNAP) return true;
    return false;
}

static size_t band_of(const float *edges, size_t n, float v)
{
    size_t k = 0;
    while (k + 2 < n && v >= edges[k + 1]) k++;
    return k;
}

static bool in_box(const pdf_box *b, float x, float y)
{
    return x >= b->x0 - 1 && x <= b->x1 + 1 && y >= b->y0 - 1 && y <= b->y1 + 1;
}

/* Digits, dots and commas only, starting with a digit. */
static bool is_number_part(const char *s)
{
    if (*s < '0' || *s > '9') return false;
    for (; *s; s++)
        if (!strchr("0123456789.,", *s)) return false;
    return true;
}

/* Words of one cell, in lines, joined. */
static char *cell_text(const pdf_word **words, size_t n)
{
    word_lines lines;
    group_lines(words, n, &lines);
    char *text = NULL;
    bool bold = n > 0;
    for (size_t i = 0; i < lines.count; i++) {
        char *s = join_words(&lines.items[i], 0, lines.items[i].n);
        if (i > 0 && lines.items[i - 1].n == 1 && is_number_part(lines.items[i - 1].w[0]->text) &&
            strchr("0123456789.,-", s[0])) {
            /* a number too wide for its column, broken between two digits:
             * "2.322.775.00" + "0,-" */
            size_t a = strlen(text), k = strlen(s);
            text = xrealloc(text, a + k + 1);
            memcpy(text + a, s, k + 1);
        } else {
            pdf_join_wrapped(&text, s);
        }
        free(s);
        bold = bold && words_bold(&lines.items[i], 0, lines.items[i].n);
    }
    word_lines_free(&lines);
    if (!text) return xstrdup("");
    return bold ? bold_cell(text) : text;
}

/* Builds the table of grid g from the words inside it (taken: marked used). */
static void build_ruled(const grid *g, const pdf_page *page, bool *used, pdf_layout *out)
{
    size_t nrows = g->ny - 1, ncols = g->nx - 1;
    /* words per cell */
    size_t ncell = nrows * ncols;
    const pdf_word ***cw = xcalloc(ncell, sizeof *cw);
    size_t *cn = xcalloc(ncell, sizeof *cn), *cc = xcalloc(ncell, sizeof *cc);
    for (size_t i = 0; i < page->nwords; i++) {
        if (used[i]) continue;
        const pdf_word *w = &page->words[i];
        float cx = (w->box.x0 + w->box.x1) / 2, cy = (w->box.y0 + w->box.y1) / 2;
        if (!in_box(&g->box, cx, cy)) continue;
        used[i] = true;
        size_t c = band_of(g->xs, g->nx, cx), r = band_of(g->ys, g->ny, cy);
        while (c > 0 && !v_covers(g, g->xs[c], cy)) c--;    /* merged with the cell on the left */
        while (r > 0 && !h_covers(g, g->ys[r], cx)) r--;    /* merged with the cell above */
        size_t k = r * ncols + c;
        grow_array((void **)&cw[k], &cc[k], cn[k] + 1, sizeof *cw[k]);
        cw[k][cn[k]++] = w;
    }
    pdf_item *it = add_item(out, true, g->box.y0);
    pdf_table *t = &it->table;
    t->box = g->box;
    t->ruled = true;
    t->ncols = ncols;
    for (size_t r = 0; r < nrows; r++) {
        bool any = false;
        for (size_t c = 0; c < ncols; c++) any = any || cn[r * ncols + c] > 0;
        if (!any) continue;
        pdf_row *row = table_add_row_cells(t, (pdf_box){ g->box.x0, g->ys[r], g->box.x1, g->ys[r + 1] });
        for (size_t c = 0; c < ncols; c++) row->cells[c] = cell_text(cw[r * ncols + c], cn[r * ncols + c]);
    }
    for (size_t k = 0; k < ncell; k++) free(cw[k]);
    free(cw);
    free(cn);
    free(cc);
    if (t->nrows == 0) {    /* an empty frame */
        free(t->rows);
        out->count--;
    }
}

static void find_grids(const pdf_page *page, bool *used, pdf_layout *out)
{
    size_t n = page->nrules;
    if (n < 4 || n > MAX_GRID_RULES) return;
    uf u = { xmalloc(n * sizeof *u.parent) };
    for (size_t i = 0; i < n; i++) u.parent[i] = i;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (rules_touch(&page->rules[i], &page->rules[j])) {
                size_t a = uf_find(&u, i), b = uf_find(&u, j);
                if (a != b) u.parent[a] = b;
            }
    bool *done = xcalloc(n, sizeof *done);
    for (size_t i = 0; i < n; i++) {
        size_t root = uf_find(&u, i);
        if (done[root]) continue;
        done[root] = true;
        grid g = { 0 };
        g.h = xmalloc(n * sizeof *g.h);
        g.v = xmalloc(n * sizeof *g.v);
        g.xs = xmalloc((n + 2) * sizeof *g.xs);
        g.ys = xmalloc((n + 2) * sizeof *g.ys);
        g.box = (pdf_box){ 1e9f, 1e9f, -1e9f, -1e9f };
        for (size_t j = 0; j < n; j++) {
            if (uf_find(&u, j) != root) continue;
            const pdf_rule *r = &page->rules[j];
            if (is_h(r)) {
                g.h[g.nh++] = r;
                g.ys[g.ny++] = r->y0;
            } else {
                g.v[g.nv++] = r;
                g.xs[g.nx++] = r->x0;
            }
            if (r->x0 < g.box.x0) g.box.x0 = r->x0;
            if (r->y0 < g.box.y0) g.box.y0 = r->y0;
            if (r->x1 > g.box.x1) g.box.x1 = r->x1;
            if (r->y1 > g.box.y1) g.box.y1 = r->y1;
        }
        g.nx = distinct(g.xs, g.nx);
        g.ny = distinct(g.ys, g.ny);
        /* a table drawn without its outer borders (horizontal rules reaching
         * past the first and last vertical ones, or the other way round):
         * the box's edges bound the outer cells */
        add_edges(g.xs, &g.nx, g.box.x0, g.box.x1);
        add_edges(g.ys, &g.ny, g.box.y0, g.box.y1);
        /* a grid, not a frame around a paragraph or an underline */
        if (g.nx >= 2 && g.ny >= 2 && (g.nx >= 3 || g.ny >= 3) && g.nx + g.ny >= 5)
            build_ruled(&g, page, used, out);
        free(g.h);
        free(g.v);
        free(g.xs);
        free(g.ys);
    }
    free(done);
    free(u.parent);
}

/* ---- lines and tables without rules ---- */

/* Number of column gaps in a line. */
static size_t line_gaps(const word_line *l)
{
    size_t g = 0;
    for (size_t i = 1; i < l->n; i++) g += gap_splits(l->w[i - 1], l->w[i]);
    return g;
}

/* Spans of a line: [start, end) word indexes cut at column gaps. */
static size_t line_spans(const word_line *l, size_t *starts, size_t *ends, size_t max)
{
    size_t n = 0, s = 0;
    for (size_t j = 1; j <= l->n && n < max; j++)
        if (j == l->n || gap_splits(l->w[j - 1], l->w[j])) {
            starts[n] = s;
            ends[n++] = j;
            s = j;
        }
    return n;
}

typedef struct {
    float x0, x1;
} interval;

static int by_x0(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* A value in a cell: a number first ("6.305", "20%", "0,16", "-"), with
 * at most two words after it ("50 satuan", "2 Draf Perbub"); not a list
 * number ("1. Persentase ...", "2)"). */
static bool is_value(const word_line *l, size_t from, size_t to)
{
    const char *s = l->w[from]->text;
    if (to - from > 3) return false;
    if (strcmp(s, "-") == 0) return to - from == 1;
    if (!(s[0] >= '0' && s[0] <= '9')) return false;
    size_t n = strlen(s);
    return s[n - 1] != '.' && s[n - 1] != ')';
}

static bool is_year(const word_line *l, size_t from, size_t to)
{
    const char *s = l->w[from]->text;
    return to - from == 1 && strlen(s) == 4 && (strncmp(s, "19", 2) == 0 || strncmp(s, "20", 2) == 0) &&
           s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* "(1) (2) (3)" or "1 2 3": the row numbering the columns under a header. */
static bool is_column_number(const word_line *l, size_t from, size_t to)
{
    const char *s = l->w[from]->text;
    if (to - from != 1) return false;
    if (*s == '(') s++;
    size_t k = 0;
    while (s[k] >= '0' && s[k] <= '9') k++;
    return k >= 1 && k <= 2 && (s[k] == '\0' || (s[k] == ')' && s[k + 1] == '\0'));
}

typedef enum { LINE_TEXT, LINE_VALUES, LINE_YEARS, LINE_COLUMN_NUMBERS } line_kind;

/* What a line of a table without rules holds: values (a data row's
 * anchor), only years (a header's second row), column numbers, or text. */
static line_kind kind_of(const word_line *l, size_t *nspans)
{
    size_t st[64], en[64];
    size_t n = line_spans(l, st, en, 64), values = 0, years = 0, colnums = 0;
    for (size_t k = 0; k < n; k++) {
        years += is_year(l, st[k], en[k]);
        colnums += is_column_number(l, st[k], en[k]);
        values += k > 0 && is_value(l, st[k], en[k]) && !is_year(l, st[k], en[k]);
    }
    *nspans = n;
    if (n >= 3 && colnums == n) return LINE_COLUMN_NUMBERS;
    if (years >= 2 && years == n) return LINE_YEARS;
    return values ? LINE_VALUES : LINE_TEXT;
}

/* Which lines [a, b) of a table without rules start a row (starts[i - a]).
 * When the gaps between lines are of two kinds, the tight one (the line
 * pitch inside a cell) joins a line to the row above; between rows the
 * cell padding widens the gap. With one kind of gap (cells without
 * padding, as Word prints them):
 *   - leading lines without values form the header when one of them has
 *     three or more spans or all are bold: joined into one row, a line of
 *     years under it (a two-row header) and a line of column numbers each
 *     a row of their own;
 *   - a line with values anchors a data row; a bold line without values
 *     is a row of its own (a group label);
 *   - when every text line between anchors can go to the nearest anchor
 *     and each row so built is centred on its anchor (cells centred
 *     vertically: the numbers on the middle line of a wrapped name), rows
 *     are built so;
 *   - otherwise each line is a row (cells aligned at the top: the row
 *     builder joins a wrapped name to its row) — unless text lines come
 *     between the header and the first anchor, which neither reading
 *     explains: the table is not read, and the reason is returned. */
static const char *row_starts(const word_lines *ls, size_t a, size_t b, bool *starts, const char **why_id)
{
    /* the line pitch: gaps under 0.9 font sizes are half lines (a cell
     * centred beside one of an even number of lines), not a pitch */
    float pitch = 0, widest = 0;
    for (size_t i = a + 1; i < b; i++) {
        float g = ls->items[i].baseline - ls->items[i - 1].baseline;
        float size = ls->items[i].w[0]->size > 0 ? ls->items[i].w[0]->size : 10;
        if (g < 0.9f * size) continue;
        if (pitch == 0 || g < pitch) pitch = g;
        if (g > widest) widest = g;
    }
    starts[0] = true;
    if (pitch > 0 && widest > 1.25f * pitch) {
        for (size_t i = a + 1; i < b; i++)
            starts[i - a] = ls->items[i].baseline - ls->items[i - 1].baseline > 1.12f * pitch;
        return NULL;
    }
    for (size_t i = a; i < b; i++) starts[i - a] = true;
    size_t n = b - a;
    line_kind *kind = xmalloc(n * sizeof *kind);
    bool wide = false, all_bold = true;
    size_t h = 0;       /* lines [0, h) of the block are the header */
    for (size_t i = 0; i < n; i++) {
        size_t spans;
        kind[i] = kind_of(&ls->items[a + i], &spans);
        if (kind[i] == LINE_VALUES) break;
        if (h == i) {
            bool bold = words_bold(&ls->items[a + i], 0, ls->items[a + i].n);
            if (i > 0 && bold != words_bold(&ls->items[a], 0, ls->items[a].n)) break;  /* a header has one weight */
            if (spans >= 3) wide = true;
            if (!words_bold(&ls->items[a + i], 0, ls->items[a + i].n)) all_bold = false;
            h = i + 1;
            if (kind[i] == LINE_COLUMN_NUMBERS) break;
        }
    }
    for (size_t i = h; i < n; i++) {
        size_t spans;
        kind[i] = kind_of(&ls->items[a + i], &spans);
    }
    if (h > 0 && (wide || all_bold) && h < n) {
        for (size_t i = 1; i < h; i++)
            starts[i] = kind[i] != kind[i - 1] || kind[i] == LINE_COLUMN_NUMBERS;
    } else {
        h = 0;
    }
    /* the data rows: anchors, and text lines to the nearest one */
    const char *why = NULL;
    size_t first_anchor = n;
    for (size_t i = h; i < n && first_anchor == n; i++)
        if (kind[i] == LINE_VALUES) first_anchor = i;
    bool orphans = false;
    for (size_t i = h; i < first_anchor; i++)
        if (!words_bold(&ls->items[a + i], 0, ls->items[a + i].n)) orphans = true;
    /* centred cells: going down, each anchor takes the text lines above
     * it not yet taken, and as many below as make its row centred on it
     * (the last one taken as far below as the first is above) */
    int *owner = xmalloc(n * sizeof *owner);
    bool centred = first_anchor < n, above = false;
    size_t cur = h;
    while (centred && cur < n) {
        if (words_bold(&ls->items[a + cur], 0, ls->items[a + cur].n) && kind[cur] != LINE_VALUES) {
            owner[cur] = (int)cur;      /* a group label: a row of its own */
            cur++;
            continue;
        }
        size_t anchor = cur;
        while (anchor < n && kind[anchor] != LINE_VALUES &&
               !words_bold(&ls->items[a + anchor], 0, ls->items[a + anchor].n))
            anchor++;
        if (anchor == n || kind[anchor] != LINE_VALUES) {
            centred = false;    /* text lines with no numbers beside them */
            break;
        }
        if (anchor > cur) above = true;
        float y = ls->items[a + anchor].baseline;
        float size = ls->items[a + anchor].w[0]->size > 0 ? ls->items[a + anchor].w[0]->size : 10;
        float bottom = 2 * y - ls->items[a + cur].baseline, last = y;
        size_t end = anchor + 1;
        while (end < n && kind[end] != LINE_VALUES &&
               !words_bold(&ls->items[a + end], 0, ls->items[a + end].n) &&
               ls->items[a + end].baseline <= bottom + 0.3f * size)
            last = ls->items[a + end++].baseline;
        if (fabsf(last - bottom) > 0.3f * size) centred = false;
        for (size_t k = cur; k < end; k++) owner[k] = (int)anchor;
        cur = end;
    }
    if (centred && above) {
        for (size_t i = h; i < n; i++)
            starts[i] = i == h || owner[i] != owner[i - 1];
    } else if (h > 0 && orphans) {
        why = "a table without rules whose rows cannot be told apart (text between its header and its first row of numbers)";
        *why_id = "tabel tanpa garis yang barisnya tidak dapat dipisahkan (ada teks di antara kepala tabel dan baris angka pertama)";
    }
    free(owner);
    free(kind);
    return why;
}

/* Sorts and merges intervals that overlap or nearly touch; returns how
 * many are left. */
static size_t merge_intervals(interval *iv, size_t k)
{
    sort_items(iv, k, sizeof *iv, by_x0);
    size_t n = 0;
    for (size_t i = 0; i < k; i++) {
        if (n && iv[i].x0 <= iv[n - 1].x1 + 2) {
            if (iv[i].x1 > iv[n - 1].x1) iv[n - 1].x1 = iv[i].x1;
        } else {
            iv[n++] = iv[i];
        }
    }
    return n;
}

/* Builds a table from lines [a, b) cut into spans at wide gaps: columns
 * are the merged x-extents of the spans. */
static void build_unruled(const word_lines *ls, size_t a, size_t b, pdf_layout *out)
{
    size_t nspans = 0;
    for (size_t i = a; i < b; i++) nspans += line_gaps(&ls->items[i]) + 1;
    interval *iv = xmalloc(nspans * sizeof *iv), *other = xmalloc(nspans * sizeof *other);
    /* columns from the lines with values or years first; the spans of the
     * other lines then widen a column but never join two (a header cell
     * over several columns: "Target Capaian Setiap Tahun" over the years) */
    size_t data_lines = 0;
    for (size_t i = a; i < b; i++) {
        size_t spans;
        line_kind k = kind_of(&ls->items[i], &spans);
        data_lines += k == LINE_VALUES || k == LINE_YEARS;
    }
    size_t k = 0, nother = 0;
    for (size_t i = a; i < b; i++) {
        const word_line *l = &ls->items[i];
        size_t spans;
        line_kind kind = kind_of(l, &spans);
        bool first_pass = data_lines < 2 || kind == LINE_VALUES || kind == LINE_YEARS;
        size_t s = 0;
        for (size_t j = 1; j <= l->n; j++)
            if (j == l->n || gap_splits(l->w[j - 1], l->w[j])) {
                interval x = { l->w[s]->box.x0, l->w[j - 1]->box.x1 };
                if (first_pass) iv[k++] = x;
                else other[nother++] = x;
                s = j;
            }
    }
    size_t ncols = merge_intervals(iv, k);
    for (size_t o = 0; o < nother; o++) {
        size_t hits = 0;
        for (size_t c = 0; c < ncols; c++)
            hits += other[o].x0 <= iv[c].x1 + 2 && other[o].x1 >= iv[c].x0 - 2;
        if (hits < 2) iv[ncols++] = other[o];
    }
    ncols = merge_intervals(iv, ncols);
    free(other);
    const word_line *first = &ls->items[a], *last = &ls->items[b - 1];
    pdf_item *it = add_item(out, true, words_box(first, 0, first->n).y0);
    pdf_table *t = &it->table;
    t->ncols = ncols;
    t->box = (pdf_box){ iv[0].x0, words_box(first, 0, first->n).y0, iv[ncols - 1].x1, words_box(last, 0, last->n).y1 };
    t->col_left = xmalloc(ncols * sizeof *t->col_left);
    t->col_right = xmalloc(ncols * sizeof *t->col_right);
    for (size_t c = 0; c < ncols; c++) {
        t->col_left[c] = iv[c].x0;
        t->col_right[c] = iv[c].x1;
    }
    bool *starts = xcalloc(b - a, sizeof *starts);
    t->unread = row_starts(ls, a, b, starts, &t->unread_id);
    pdf_row *row = NULL;
    for (size_t i = a; i < b; i++) {
        const word_line *l = &ls->items[i];
        if (row && !starts[i - a]) {
            pdf_box lb = words_box(l, 0, l->n);
            if (lb.y1 > row->box.y1) row->box.y1 = lb.y1;
        } else {
            row = table_add_row_cells(t, words_box(l, 0, l->n));
        }
        size_t s = 0;
        for (size_t j = 1; j <= l->n; j++) {
            if (j < l->n && !gap_splits(l->w[j - 1], l->w[j])) continue;
            float x = l->w[s]->box.x0;
            size_t c = 0;
            while (c + 1 < ncols && x > iv[c].x1) c++;
            char *text = join_words(l, s, j);
            if (words_bold(l, s, j)) text = bold_cell(text);
            if (row->cells[c]) {
                pdf_join_wrapped(&row->cells[c], text);
                free(text);
            } else {
                row->cells[c] = text;
            }
            s = j;
        }
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < ncols; c++)
            if (!t->rows[r].cells[c]) t->rows[r].cells[c] = xstrdup("");
    free(starts);
    free(iv);
}

static void add_text_line(const word_line *l, pdf_layout *out)
{
    pdf_box box = words_box(l, 0, l->n);
    pdf_item *it = add_item(out, false, box.y0);
    it->line.box = box;
    it->line.baseline = l->baseline;
    it->line.bold = words_bold(l, 0, l->n);
    it->line.text = join_words(l, 0, l->n);
    for (size_t i = 0; i < l->n; i++)
        if (l->w[i]->size > it->line.size) it->line.size = l->w[i]->size;
}

/* True when a span of a starts or ends where a span of b does, other than
 * the two lines' first spans: the lines share a column. Lines of justified
 * text stretched by a forced break have wide gaps too, but not at the same
 * places (and every line starts at the margin, hence not the first spans). */
static bool columns_align(const word_line *a, const word_line *b)
{
    size_t sa[64], ea[64], sb[64], eb[64];
    size_t na = line_spans(a, sa, ea, 64), nb = line_spans(b, sb, eb, 64);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            if (i == 0 && j == 0) continue;
            if (fabsf(a->w[sa[i]]->box.x0 - b->w[sb[j]]->box.x0) < 3 ||
                fabsf(a->w[ea[i] - 1]->box.x1 - b->w[eb[j] - 1]->box.x1) < 3)
                return true;
        }
    return false;
}

/* The columns of a block so far: the merged x-extents of the spans of its
 * lines with column gaps (single lines are left out: a group label or a
 * title may run over several columns). */
typedef struct {
    interval *iv;
    size_t n, cap;
} col_model;

static void model_add_line(col_model *m, const word_line *l)
{
    size_t st[64], en[64];
    size_t ns = line_spans(l, st, en, 64);
    for (size_t k = 0; k < ns; k++) {
        interval s = { l->w[st[k]]->box.x0, l->w[en[k] - 1]->box.x1 };
        grow_array((void **)&m->iv, &m->cap, m->n + 1, sizeof *m->iv);
        m->iv[m->n++] = s;
    }
    m->n = merge_intervals(m->iv, m->n);
}

/* True when a line without column gaps is text wrapped inside one column
 * of the block: it starts where the column starts (or inside it) and ends
 * before the next column starts. A line of a paragraph below the table
 * runs across the columns. */
static bool fits_column(const col_model *m, const word_line *l)
{
    pdf_box b = words_box(l, 0, l->n);
    for (size_t k = 0; k < m->n; k++) {
        float end = k + 1 < m->n ? m->iv[k + 1].x0 - 2 : b.x1;     /* the last column may run to the margin */
        if (b.x0 >= m->iv[k].x0 - 3 && b.x0 <= m->iv[k].x1 && b.x1 <= end) return true;
    }
    return false;
}

/* True when line j shares a column with one of the last lines with column
 * gaps of the block starting at line `from` (the line right above may be a
 * row whose cells fill other columns). */
static bool aligns_recent(const word_lines *ls, size_t from, size_t j)
{
    size_t seen = 0;
    for (size_t k = j; k-- > from && seen < 8;) {
        if (line_gaps(&ls->items[k]) == 0) continue;
        if (columns_align(&ls->items[k], &ls->items[j])) return true;
        seen++;
    }
    return false;
}

/* Lines in order; runs of at least two lines with column gaps at the same
 * places become tables, with the lines between and right under them that
 * are text wrapped inside one column (a cell's second line), or a single
 * line between two table lines (a group label across columns). */
/* True when line l, right above the first line of a table with columns m,
 * is a row of it with one cell filled: a title row or a group label
 * starting where the first column starts, inside that column or in bold. */
static bool leads_into(const col_model *m, const word_line *l, const word_line *next)
{
    float size = l->w[0]->size > 0 ? l->w[0]->size : 10;
    if (line_gaps(l) > 0 || next->baseline - l->baseline > 1.8f * size) return false;
    pdf_box b = words_box(l, 0, l->n);
    if (fabsf(b.x0 - m->iv[0].x0) > 1.5f) return false;
    return words_bold(l, 0, l->n) || (m->n > 1 && b.x1 < m->iv[1].x0 - 2);
}

/* Lines in order; runs of at least two lines with column gaps at the same
 * places become tables, with the lines between and right under them that
 * are text wrapped inside one column (a cell's second line), a single
 * line between two table lines (a group label across columns), and lines
 * right above that are rows of the table (see leads_into). */
static void lines_and_unruled(const word_lines *ls, pdf_layout *out)
{
    size_t i = 0, emitted = 0;      /* lines [emitted, i) are text not yet written */
    while (i < ls->count) {
        if (line_gaps(&ls->items[i]) == 0) {
            i++;
            continue;
        }
        col_model m = { 0 };
        model_add_line(&m, &ls->items[i]);
        size_t end = i + 1, multi = 1;
        for (size_t j = i + 1; j < ls->count; j++) {
            const word_line *l = &ls->items[j], *prev = &ls->items[j - 1];
            float size = l->w[0]->size > 0 ? l->w[0]->size : 10;
            float gap = l->baseline - prev->baseline;
            if (gap > 3.0f * size) break;  /* a wide vertical gap ends the table */
            if (line_gaps(l) > 0) {
                if (!aligns_recent(ls, i, j)) break;
                multi++;
                end = j + 1;
                model_add_line(&m, l);
            } else if (gap <= 1.8f * size && fits_column(&m, l)) {
                end = j + 1;    /* wrapped in a cell, or a row with one cell filled */
            } else if (gap <= 1.8f * size && j + 1 < ls->count && line_gaps(&ls->items[j + 1]) > 0 &&
                       ls->items[j + 1].baseline - l->baseline <= 1.8f * size) {
                continue;   /* a line between two table lines */
            } else {
                break;
            }
        }
        if (multi >= 2) {
            size_t start = i;
            while (start > emitted && leads_into(&m, &ls->items[start - 1], &ls->items[start])) start--;
            for (; emitted < start; emitted++) add_text_line(&ls->items[emitted], out);
            build_unruled(ls, start, end, out);
            i = emitted = end;
        } else {
            i++;
        }
        free(m.iv);
    }
    for (; emitted < ls->count; emitted++) add_text_line(&ls->items[emitted], out);
}

static int by_top(const void *a, const void *b)
{
    const pdf_item *x = a, *y = b;
    if (x->top != y->top) return x->top < y->top ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

void pdf_layout_page(const pdf_page *page, pdf_layout *out)
{
    memset(out, 0, sizeof *out);
    out->width = page->width;
    out->height = page->height;
    bool *used = xcalloc(page->nwords ? page->nwords : 1, sizeof *used);
    find_grids(page, used, out);

    size_t n = 0;
    const pdf_word **rest = xmalloc((page->nwords ? page->nwords : 1) * sizeof *rest);
    for (size_t i = 0; i < page->nwords; i++)
        if (!used[i]) rest[n++] = &page->words[i];
    word_lines ls;
    group_lines(rest, n, &ls);
    lines_and_unruled(&ls, out);
    word_lines_free(&ls);
    free(rest);
    free(used);

    /* the most common font size, in half points */
    size_t counts[200] = { 0 }, best = 0;
    for (size_t i = 0; i < page->nwords; i++) {
        long k = lroundf(page->words[i].size * 2);
        if (k > 0 && k < 200) counts[k] += strlen(page->words[i].text);
    }
    for (size_t k = 1; k < 200; k++)
        if (counts[k] > counts[best]) best = k;
    out->body_size = best / 2.0f;
    sort_items(out->items, out->count, sizeof *out->items, by_top);
}

void pdf_layout_free(pdf_layout *l)
{
    for (size_t i = 0; i < l->count; i++) {
        pdf_item *it = &l->items[i];
        if (it->is_table) {
            for (size_t r = 0; r < it->table.nrows; r++) {
                for (size_t c = 0; c < it->table.ncols; c++) free(it->table.rows[r].cells[c]);
                free(it->table.rows[r].cells);
            }
            free(it->table.rows);
            free(it->table.col_left);
            free(it->table.col_right);
        } else {
            free(it->line.text);
        }
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}
