/*
 * pdf_load.c — published reports as PDF (see pdf_load.h).
 *
 * Pages are read and laid out one at a time (pdf_read streams them; only
 * the layouts are kept), then written as text, each line with its place
 * (page, paragraph on the page, or table and row), recorded in the report
 * as place spans so that findings cite the page:
 *   - running headers and footers: a line in the top or bottom eighth of
 *     its page whose text, digits aside, is found in that band on at least
 *     a third of the pages (and on three or more); page numbers alone
 *     ("12", "- 12 -", "Halaman 12", "Hal. 12 dari 40", "iv") in those
 *     bands on any page;
 *   - paragraphs: consecutive lines of one weight and size, closer than
 *     1.45 line heights, not starting a list item, the previous one not a
 *     short line ending a sentence; a paragraph whose last line on a page
 *     does not end a sentence continues on the next page when that line
 *     reaches the right margin or the next page starts in lower case or
 *     with a digit;
 *   - a paragraph wholly in bold is a heading ("**...**"); one ending in
 *     "x 100%" is a formula ("$$...$$"); a bullet becomes "- ";
 *   - tables: one TAB-separated line per row, a blank line before and
 *     after, so that doc_parse joins the parts of a table broken over
 *     pages by its usual rule (repeated header, or no header and no wider).
 */
#include "input/pdf_load.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "input/doc_load.h"
#include "input/pdf_read.h"
#include "model/coverage.h"
#include "util/util.h"

#define BAND 0.125f         /* running headers and footers live in the top and bottom eighth */
#define PDF_BLANK_PATHS 20  /* more paths than this on a page without text: something was drawn */

/* ---- text ---- */

static const place no_place = { PLACE_NONE, NULL, 0, 0, 0, 0, 0 };

static void text_push(pdf_text *t, char *line, place at)
{
    grow_array((void **)&t->lines, &t->cap, t->count + 1, sizeof *t->lines);
    t->places = xrealloc(t->places, t->cap * sizeof *t->places);
    t->lines[t->count] = line;
    t->places[t->count] = at;
    t->count++;
}

static void text_blank(pdf_text *t)
{
    if (t->count && t->lines[t->count - 1][0] != '\0') text_push(t, xstrdup(""), no_place);
}

void pdf_text_free(pdf_text *t)
{
    for (size_t i = 0; i < t->count; i++) free(t->lines[i]);
    free(t->lines);
    free(t->places);
    free(t->unread);
    memset(t, 0, sizeof *t);
}

/* ---- running headers, footers, page numbers ---- */

/* The text with every digit run as "#", lower case: "Halaman 12" and
 * "Halaman 13" are the same running footer. */
static char *running_key(const char *s)
{
    char *k = xmalloc(strlen(s) + 1), *p = k;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) {
            if (p == k || p[-1] != '#') *p++ = '#';
        } else {
            *p++ = (char)tolower((unsigned char)*s);
        }
    }
    *p = '\0';
    return k;
}

static bool is_roman(const char *s, size_t n)
{
    if (n == 0 || n > 6) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("ivxlcIVXLC", s[i])) return false;
    return true;
}

/* "12", "- 12 -", "Halaman 12", "Hal. 12", "Page 3 of 40", "12 dari 40", "iv". */
static bool is_page_number(const char *s)
{
    while (*s == ' ' || *s == '-' || *s == '|' || *s == '[' || *s == '(') s++;
    static const char *const words[] = { "halaman", "hal.", "hal", "page" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]);
        if (strncasecmp(s, words[i], n) == 0 && s[n] == ' ') {
            s += n + 1;
            break;
        }
    }
    const char *p = s;
    while (isdigit((unsigned char)*p)) p++;
    if (p == s) {
        while (isalpha((unsigned char)*p)) p++;
        if (!is_roman(s, (size_t)(p - s))) return false;
    }
    while (*p == ' ') p++;
    if (strncasecmp(p, "dari ", 5) == 0 || strncasecmp(p, "of ", 3) == 0) {
        p = strchr(p, ' ') + 1;
        while (isdigit((unsigned char)*p)) p++;
    }
    while (*p == ' ' || *p == '-' || *p == '|' || *p == ']' || *p == ')') p++;
    return *p == '\0';
}

static bool in_band(const pdf_layout *l, const pdf_item *it)
{
    if (it->is_table || l->height <= 0) return false;
    return it->line.box.y1 <= l->height * BAND || it->line.box.y0 >= l->height * (1 - BAND);
}

typedef struct {
    char *key;
    size_t pages;
} key_count;

/* Marks the running lines of every page in drop[page][item]. */
static bool **find_running(const pdf_layout *layouts, size_t n)
{
    bool **drop = xcalloc(n ? n : 1, sizeof *drop);
    key_count *keys = NULL;
    size_t nkeys = 0, cap = 0, text_pages = 0;
    for (size_t p = 0; p < n; p++) {
        drop[p] = xcalloc(layouts[p].count ? layouts[p].count : 1, sizeof **drop);
        if (layouts[p].count) text_pages++;
        size_t first_key = nkeys;
        for (size_t i = 0; i < layouts[p].count; i++) {
            const pdf_item *it = &layouts[p].items[i];
            if (!in_band(&layouts[p], it)) continue;
            char *k = running_key(it->line.text);
            size_t j = 0;
            while (j < nkeys && strcmp(keys[j].key, k) != 0) j++;
            if (j == nkeys) {
                grow_array((void **)&keys, &cap, nkeys + 1, sizeof *keys);
                keys[nkeys++] = (key_count){ k, 1 };
            } else {
                if (j < first_key) keys[j].pages++;     /* once per page */
                free(k);
            }
        }
    }
    size_t need = text_pages / 3 > 3 ? text_pages / 3 : 3;
    for (size_t p = 0; p < n; p++)
        for (size_t i = 0; i < layouts[p].count; i++) {
            const pdf_item *it = &layouts[p].items[i];
            if (!in_band(&layouts[p], it)) continue;
            if (is_page_number(it->line.text)) {
                drop[p][i] = true;
                continue;
            }
            char *k = running_key(it->line.text);
            for (size_t j = 0; j < nkeys; j++)
                if (strcmp(keys[j].key, k) == 0 && keys[j].pages >= need) drop[p][i] = true;
            free(k);
        }
    for (size_t j = 0; j < nkeys; j++) free(keys[j].key);
    free(keys);
    return drop;
}

/* ---- paragraphs ---- */

typedef struct {
    char *text;
    int page, paragraph;    /* where it starts: page, paragraph on that page */
    bool bold;
    float size, baseline, x0, x1;
    bool open;
} para_state;

/* Bullets of Word and browsers: •, the Symbol font's private-use bullet,
 * ●, ▪ — each followed by a space. */
static const char *const bullets[] = { "\xE2\x80\xA2 ", "\xEF\x82\xB7 ", "\xE2\x97\x8F ", "\xE2\x96\xAA " };

/* Length of the bullet and its space starting s, 0 if none. */
static size_t bullet_len(const char *s)
{
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++)
        if (strncmp(s, bullets[i], strlen(bullets[i])) == 0) return strlen(bullets[i]);
    return 0;
}

/* pre + text + post; frees text. */
static char *surround(const char *pre, char *text, const char *post)
{
    size_t a = strlen(pre), n = strlen(text), b = strlen(post);
    char *s = xmalloc(a + n + b + 1);
    memcpy(s, pre, a);
    memcpy(s + a, text, n);
    memcpy(s + a + n, post, b + 1);
    free(text);
    return s;
}

/* A formula set as text: "(Realisasi) / (Rencana) × 100%", "... x 100 %".
 * Written as "$$...$$" so that it is read as a formula, not as prose
 * whose "100%" would be a claim. */
static bool looks_like_formula(const char *s)
{
    size_t n = strlen(s);
    if (n > 400) return false;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ')')) n--;
    if (n < 4 || s[n - 1] != '%') return false;
    n--;
    while (n > 0 && s[n - 1] == ' ') n--;
    if (n < 3 || strncmp(s + n - 3, "100", 3) != 0) return false;
    n -= 3;
    while (n > 0 && s[n - 1] == ' ') n--;
    if (n >= 2 && strncmp(s + n - 2, "\xC3\x97", 2) == 0) return true;   /* × */
    return n >= 1 && (s[n - 1] == 'x' || s[n - 1] == 'X' || s[n - 1] == '*');
}

static void para_flush(pdf_text *t, para_state *ps)
{
    if (!ps->open) return;
    ps->open = false;
    if (!ps->text || !ps->text[0]) {
        free(ps->text);
        ps->text = NULL;
        return;
    }
    text_blank(t);
    size_t k = bullet_len(ps->text);
    if (k) {    /* a bullet as converted documents write it */
        memmove(ps->text + 2, ps->text + k, strlen(ps->text + k) + 1);
        memcpy(ps->text, "- ", 2);
    }
    place at = { .kind = PLACE_PAGE, .page = ps->page, .paragraph = ps->paragraph };
    if (looks_like_formula(ps->text)) text_push(t, surround("$$", ps->text, "$$"), at);
    else if (ps->bold) text_push(t, surround("**", ps->text, "**"), at);
    else text_push(t, ps->text, at);
    ps->text = NULL;
    text_push(t, xstrdup(""), no_place);
}

/* "- x", "• x" (see bullets), "1. x", "a. x", "(1) x", "1) x": a list item starts. */
static bool starts_list_item(const char *s)
{
    if ((s[0] == '-' || s[0] == '*') && s[1] == ' ') return true;
    if (bullet_len(s)) return true;
    const char *p = s;
    bool paren = *p == '(';
    if (paren) p++;
    if (isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p)) p++;
    } else if (isalpha((unsigned char)*p) && !isalpha((unsigned char)p[1])) {
        p++;
    } else {
        return false;
    }
    if (paren ? *p != ')' : (*p != '.' && *p != ')')) return false;
    return p[1] == ' ';
}

static bool ends_sentence(const char *s)
{
    size_t n = strlen(s);
    return n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ';' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* The right edge of the page's text: the widest line's end. */
static float right_margin(const pdf_layout *l)
{
    float r = 0;
    for (size_t i = 0; i < l->count; i++)
        if (!l->items[i].is_table && l->items[i].line.box.x1 > r) r = l->items[i].line.box.x1;
    return r;
}

/* Does line `ln` (on a page whose text ends at `right`) continue the open
 * paragraph? `same_page` false: the paragraph ended the previous page. */
static bool continues(const para_state *ps, const pdf_line *ln, bool same_page, float prev_right)
{
    if (!ps->open) return false;
    float size = ps->size > ln->size ? ps->size : ln->size;
    if (ln->bold != ps->bold || fabsf(ln->size - ps->size) > 0.6f) return false;
    if (starts_list_item(ln->text)) return false;
    bool full = ps->x1 >= prev_right - 2.5f * size;
    if (ends_sentence(ps->text) && !full) return false;
    if (!same_page)     /* over a page break: a sentence left open goes on */
        return !ends_sentence(ps->text) && !ps->bold &&
               (full || (ln->text[0] >= 'a' && ln->text[0] <= 'z') || (ln->text[0] >= '0' && ln->text[0] <= '9'));
    return ln->baseline - ps->baseline <= 1.45f * size && ln->baseline > ps->baseline;
}

static void para_add(para_state *ps, const pdf_line *ln, int page, int nth)
{
    if (!ps->open) {
        ps->open = true;
        ps->text = NULL;
        ps->page = page;
        ps->paragraph = nth;
        ps->bold = ln->bold;
        ps->size = ln->size;
        ps->x0 = ln->box.x0;
    }
    pdf_join_wrapped(&ps->text, ln->text);
    ps->baseline = ln->baseline;
    ps->x1 = ln->box.x1;
}

/* ---- tables ---- */

/* Writes the rows of tb; `at` is the place of its first row. */
static void emit_table(pdf_text *t, const pdf_table *tb, place at)
{
    text_blank(t);
    for (size_t r = 0; r < tb->nrows; r++) {
        size_t len = 1;
        for (size_t c = 0; c < tb->ncols; c++) len += strlen(tb->rows[r].cells[c]) + 1;
        char *s = xmalloc(len), *p = s;
        for (size_t c = 0; c < tb->ncols; c++) {
            const char *text = tb->rows[r].cells[c];
            /* a TAB inside a cell would split it: PDF text has none, but be sure */
            for (const char *q = text; *q; q++) *p++ = *q == '\t' ? ' ' : *q;
            if (c + 1 < tb->ncols) *p++ = '\t';
        }
        *p = '\0';
        if (tb->ncols == 1) {   /* one column: still a table row for doc_parse */
            s = xrealloc(s, strlen(s) + 2);
            strcat(s, "\t");
        }
        text_push(t, s, at);
        at.row++;
    }
    text_push(t, xstrdup(""), no_place);
}

static void note_unread_block(pdf_text *t, int page, const pdf_table *tb)
{
    grow_array((void **)&t->unread, &t->unread_cap, t->nunread + 1, sizeof *t->unread);
    pdf_unread_page *u = &t->unread[t->nunread++];
    u->page = page;
    u->block = true;
    snprintf(u->why, sizeof u->why, "page %d: %s", page, tb->unread);
    snprintf(u->why_id, sizeof u->why_id, "halaman %d: %s", page, tb->unread_id);
}

/* A table without rules continued at the top of the next page without its
 * header may lack a column that is empty on that page: its cells are
 * moved to the columns of the part before that they overlap (each to a
 * different one), written to *moved. False when nothing is to move or
 * the columns do not match one to one (then the part is written as it
 * is). */
static bool same_columns(const pdf_table *before, const pdf_table *part, pdf_table *moved)
{
    if (!before || !before->col_left || !part->col_left || part->ncols >= before->ncols) return false;
    size_t *to = xmalloc(part->ncols * sizeof *to);
    bool ok = true;
    for (size_t c = 0; c < part->ncols && ok; c++) {
        float best = 0;
        to[c] = before->ncols;
        for (size_t k = 0; k < before->ncols; k++) {
            float lo = fmaxf(part->col_left[c], before->col_left[k]);
            float hi = fminf(part->col_right[c], before->col_right[k]);
            if (hi - lo > best) {
                best = hi - lo;
                to[c] = k;
            }
        }
        if (to[c] == before->ncols || (c > 0 && to[c] <= to[c - 1])) ok = false;
    }
    if (ok) {
        memset(moved, 0, sizeof *moved);
        moved->ncols = before->ncols;
        moved->nrows = part->nrows;
        moved->rows = xcalloc(part->nrows ? part->nrows : 1, sizeof *moved->rows);
        for (size_t r = 0; r < part->nrows; r++) {
            moved->rows[r].cells = xcalloc(before->ncols, sizeof *moved->rows[r].cells);
            for (size_t k = 0; k < before->ncols; k++) moved->rows[r].cells[k] = (char *)"";
            for (size_t c = 0; c < part->ncols; c++) moved->rows[r].cells[to[c]] = part->rows[r].cells[c];
        }
    }
    free(to);
    return ok;
}

/* Frees what same_columns allocated (the cells are the part's). */
static void free_moved(pdf_table *moved)
{
    for (size_t r = 0; r < moved->nrows; r++) free(moved->rows[r].cells);
    free(moved->rows);
}

/* A row of a table without rules broken by the page break: the page
 * starts (after its running header) with up to four text lines each
 * inside one column of the table without rules that follows, other than
 * its first, the last of them close above it, and the last page ended
 * with a table. Those lines are the rest of that row's wrapped cells:
 * returned as a table `lead` holding them in one row and then the rows of
 * the page's table (cells shared), and marked dropped. False when the
 * page does not start so. */
static bool split_row(const pdf_layout *l, bool *drop, pdf_table *lead, size_t *at)
{
    size_t lines[4], k = 0, i = 0;
    for (; i < l->count; i++) {
        if (drop[i]) continue;
        if (l->items[i].is_table) break;
        if (k == 4) return false;
        lines[k++] = i;
    }
    if (k == 0 || i == l->count) return false;
    const pdf_table *t = &l->items[i].table;
    if (!t->col_left || t->unread) return false;
    const pdf_line *last = &l->items[lines[k - 1]].line;
    if (t->box.y0 - last->box.y1 > 1.2f * last->size) return false;
    size_t *col = xmalloc(k * sizeof *col);
    bool ok = true;
    for (size_t j = 0; j < k && ok; j++) {
        const pdf_line *ln = &l->items[lines[j]].line;
        col[j] = t->ncols;
        for (size_t c = 1; c < t->ncols; c++) {
            float end = c + 1 < t->ncols ? t->col_left[c + 1] - 2 : ln->box.x1;
            if (ln->box.x0 >= t->col_left[c] - 3 && ln->box.x0 <= t->col_right[c] && ln->box.x1 <= end) col[j] = c;
        }
        ok = col[j] < t->ncols && !ln->bold;
    }
    if (ok) {
        *lead = *t;
        lead->nrows = t->nrows + 1;
        lead->rows = xmalloc(lead->nrows * sizeof *lead->rows);
        memcpy(lead->rows + 1, t->rows, t->nrows * sizeof *t->rows);
        lead->rows[0].box = t->box;
        lead->rows[0].cells = xcalloc(t->ncols, sizeof *lead->rows[0].cells);
        for (size_t j = 0; j < k; j++) {
            pdf_join_wrapped(&lead->rows[0].cells[col[j]], l->items[lines[j]].line.text);
            drop[lines[j]] = true;
        }
        for (size_t c = 0; c < t->ncols; c++)
            if (!lead->rows[0].cells[c]) lead->rows[0].cells[c] = xstrdup("");
        *at = i;
    }
    free(col);
    return ok;
}

static void free_split_row(pdf_table *lead)
{
    for (size_t c = 0; c < lead->ncols; c++) free(lead->rows[0].cells[c]);
    free(lead->rows[0].cells);
    free(lead->rows);
}

void pdf_text_build(const pdf_layout *layouts, const int *numbers, size_t n, pdf_text *out)
{
    memset(out, 0, sizeof *out);
    bool **drop = find_running(layouts, n);
    para_state ps = { 0 };
    float prev_right = 0;
    int tables = 0, next_row = 1;
    bool table_ended_page = false;     /* the previous page's last item was a table */
    const pdf_table *prev_part = NULL; /* the table written last */
    for (size_t p = 0; p < n; p++) {
        const pdf_layout *l = &layouts[p];
        float right = right_margin(l);
        bool first = true, last_was_table = false;
        int paragraphs = 0;
        pdf_table lead;
        size_t lead_at = SIZE_MAX;
        if (!(table_ended_page && split_row(l, drop[p], &lead, &lead_at))) lead_at = SIZE_MAX;
        for (size_t i = 0; i < l->count; i++) {
            if (drop[p][i]) continue;
            const pdf_item *it = &l->items[i];
            const pdf_table *tb = i == lead_at ? &lead : &it->table;
            if (it->is_table && it->table.unread) {
                /* left out rather than read wrong: said in the coverage */
                para_flush(out, &ps);
                note_unread_block(out, numbers[p], &it->table);
                first = false;
                last_was_table = false;
                continue;
            }
            if (it->is_table) {
                para_flush(out, &ps);
                if (!(first && table_ended_page)) {     /* else: the table goes on from the last page */
                    tables++;
                    next_row = 1;
                }
                place at = { .kind = PLACE_PAGE, .page = numbers[p], .table = tables, .row = next_row };
                pdf_table moved;
                if (first && table_ended_page && same_columns(prev_part, tb, &moved)) {
                    emit_table(out, &moved, at);
                    free_moved(&moved);
                } else {
                    emit_table(out, tb, at);
                }
                prev_part = &it->table;
                next_row += (int)tb->nrows;
            } else {
                bool cont = first ? continues(&ps, &it->line, false, prev_right)
                                  : continues(&ps, &it->line, true, right);
                if (!cont) para_flush(out, &ps);
                if (!cont || first) paragraphs++;   /* a paragraph from the last page counts on this one too */
                para_add(&ps, &it->line, numbers[p], paragraphs);
            }
            first = false;
            last_was_table = it->is_table;
        }
        if (lead_at != SIZE_MAX) free_split_row(&lead);
        table_ended_page = last_was_table;
        prev_right = right;
        free(drop[p]);
    }
    para_flush(out, &ps);
    free(drop);
}

/* ---- reading ---- */

typedef struct {
    pdf_layout *layouts;
    int *numbers;
    size_t count, cap;
    pdf_unread_page *unread;    /* noted in the coverage once the file has loaded */
    size_t nunread, unread_cap;
    size_t scanned;
    char warning[PDF_WARNING_MAX];
} read_state;

static void note_unread(read_state *s, int page, const char *why, const char *why_id)
{
    grow_array((void **)&s->unread, &s->unread_cap, s->nunread + 1, sizeof *s->unread);
    pdf_unread_page *u = &s->unread[s->nunread++];
    u->page = page;
    u->block = false;
    snprintf(u->why, sizeof u->why, "page %d: %s", page, why);
    snprintf(u->why_id, sizeof u->why_id, "halaman %d: %s", page, why_id);
}

static int on_page(void *arg, const pdf_page *page, const char *problem, const char *warning)
{
    read_state *s = arg;
    snprintf(s->warning, sizeof s->warning, "%s", warning);
    if (problem) {
        note_unread(s, page->number, problem, problem);     /* MuPDF's words, in English */
        return 0;
    }
    /* a page without text that draws something: a scan, or text drawn
     * as outlines (some "print to PDF" drivers); a few paths alone are a
     * blank page's rule or frame */
    if (page->nwords == 0 && page->images > 0) {
        note_unread(s, page->number, "scanned page, no text", "halaman pindaian, tanpa teks");
        s->scanned++;
        return 0;
    }
    if (page->nwords == 0 && page->paths > PDF_BLANK_PATHS) {
        note_unread(s, page->number, "no text, drawn as shapes (text converted to outlines?)",
                    "tanpa teks, digambar sebagai bentuk (teks diubah menjadi kurva?)");
        s->scanned++;
        return 0;
    }
    if (page->nwords == 0) return 0;    /* a blank page */
    grow_array((void **)&s->layouts, &s->cap, s->count + 1, sizeof *s->layouts);
    s->numbers = xrealloc(s->numbers, s->cap * sizeof *s->numbers);
    pdf_layout_page(page, &s->layouts[s->count]);
    s->numbers[s->count] = page->number;
    s->count++;
    return 0;
}

int pdf_to_text(const char *path, pdf_text *out, load_error *err)
{
    read_state s = { 0 };
    memset(out, 0, sizeof *out);
    int rc = pdf_read(path, on_page, &s, err);
    if (rc == 0 && s.count == 0) {
        if (s.scanned)
            load_error_set(err, path, 0, "no page of the PDF has text (%zu scanned or drawn page%s): run OCR on it first", s.scanned, s.scanned == 1 ? "" : "s");
        else if (s.warning[0])
            load_error_set(err, path, 0, "no page of the PDF has text; the file is damaged (%s)", s.warning);
        else
            load_error_set(err, path, 0, "no page of the PDF has text");
        rc = -1;
    }
    if (rc == 0) {
        pdf_text_build(s.layouts, s.numbers, s.count, out);
        for (size_t i = 0; i < s.nunread; i++) {      /* pages after the blocks, both in order */
            grow_array((void **)&out->unread, &out->unread_cap, out->nunread + 1, sizeof *out->unread);
            out->unread[out->nunread++] = s.unread[i];
        }
    }
    for (size_t i = 0; i < s.count; i++) pdf_layout_free(&s.layouts[i]);
    free(s.layouts);
    free(s.numbers);
    free(s.unread);
    return rc;
}

int pdf_load(report *r, const char *path, load_error *err)
{
    pdf_text t;
    if (pdf_to_text(path, &t, err) != 0) return -1;
    int rc = doc_parse(r, path, t.lines, t.count, err);
    /* every written line knows its place; a span covers the lines whose
     * place follows by counting (the rows of a table part on one page) */
    size_t span = 0;
    bool any = false;
    for (size_t i = 0; rc == 0 && i < t.count; i++) {
        if (t.places[i].kind == PLACE_NONE) continue;
        place next = any ? place_advance(&t.places[span], (int)(i - span)) : t.places[i];
        if (!any || memcmp(&next, &t.places[i], sizeof next) != 0 || t.places[span].row == 0) {
            report_add_place_span(r, path, (int)i + 1, &t.places[i]);
            span = i;
            any = true;
        }
    }
    /* never skipped in silence: input.unread-page in every format */
    for (size_t i = 0; rc == 0 && i < t.nunread; i++)
        coverage_note_unread(report_coverage(r), t.unread[i].block ? UNREAD_BLOCK : UNREAD_PAGE, path, 0,
                             t.unread[i].why, t.unread[i].why_id);
    if (rc == 0) coverage_note_file(report_coverage(r), path, "PDF", false);
    pdf_text_free(&t);
    return rc;
}
