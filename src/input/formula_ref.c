/*
 * formula_ref.c — references in formulas (see formula_ref.h). One scanner
 * walks the formula and hands each cell reference to a rewriter.
 */
#include "input/formula_ref.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/place.h"
#include "util/util.h"

typedef struct {
    char *buf;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    grow_array((void **)&b->buf, &b->cap, b->len + n + 1, 1);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_dig(char c) { return c >= '0' && c <= '9'; }
static bool is_name_char(char c) { return is_upper(c) || is_lower(c) || is_dig(c) || c == '_' || c == '.'; }

typedef struct {
    bool col_abs, row_abs;
    int col, row;
} ref;

/* Length of a reference at s ($A$1 forms), 0 if none; s must not follow a
 * name character. */
static size_t scan_ref(const char *s, ref *r)
{
    const char *p = s;
    r->col_abs = *p == '$';
    if (r->col_abs) p++;
    int col = 0, n = 0;
    while ((is_upper(*p) || is_lower(*p)) && n < 3) {
        col = col * 26 + ((*p | 0x20) - 'a' + 1);
        p++;
        n++;
    }
    if (n == 0) return 0;
    r->row_abs = *p == '$';
    if (r->row_abs) p++;
    if (!is_dig(*p) || *p == '0') return 0;
    long row = 0;
    while (is_dig(*p) && row < 10000000) row = row * 10 + (*p++ - '0');
    /* LOG10( is a function, A1B is a name, Sheet1! is a sheet */
    if (is_name_char(*p) || *p == '(' || *p == '!') return 0;
    if (col > 16384 || row > 1048576) return 0;
    r->col = col;
    r->row = (int)row;
    return (size_t)(p - s);
}

typedef void (*ref_fn)(sbuf *out, const ref *r, void *ctx);

static char *rewrite(const char *f, ref_fn fn, void *ctx)
{
    sbuf out = { 0 };
    sb_str(&out, "");
    const char *p = f;
    while (*p) {
        if (*p == '"') {                    /* string literal, "" inside */
            const char *q = p + 1;
            while (*q && !(*q == '"' && q[1] != '"')) q += *q == '"' ? 2 : 1;
            if (*q) q++;
            sb_add(&out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        if (*p == '\'') {                   /* quoted sheet name */
            const char *q = p + 1;
            while (*q && !(*q == '\'' && q[1] != '\'')) q += *q == '\'' ? 2 : 1;
            if (*q) q++;
            sb_add(&out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        ref r;
        size_t n = (p == f || !is_name_char(p[-1])) ? scan_ref(p, &r) : 0;
        if (n) {
            fn(&out, &r, ctx);
            p += n;
            continue;
        }
        /* copy a whole name at once, so its tail is not read as a reference */
        if (is_name_char(*p) || *p == '$') {
            const char *q = p + 1;
            while (is_name_char(*q)) q++;
            sb_add(&out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        sb_add(&out, p, 1);
        p++;
    }
    return out.buf;
}

static void put_col(sbuf *out, int col)
{
    char letters[8];
    sb_str(out, place_column_letters(col, letters));
}

typedef struct { int drow, dcol; } shift_ctx;

static void shift_ref(sbuf *out, const ref *r, void *vctx)
{
    const shift_ctx *c = vctx;
    int col = r->col_abs ? r->col : r->col + c->dcol;
    int row = r->row_abs ? r->row : r->row + c->drow;
    if (col < 1 || row < 1) {
        sb_str(out, "#REF!");
        return;
    }
    char num[16];
    if (r->col_abs) sb_str(out, "$");
    put_col(out, col);
    if (r->row_abs) sb_str(out, "$");
    snprintf(num, sizeof num, "%d", row);
    sb_str(out, num);
}

char *formula_shift(const char *formula, int drow, int dcol)
{
    shift_ctx c = { drow, dcol };
    return rewrite(formula ? formula : "", shift_ref, &c);
}

typedef struct { int row, col; } at_ctx;

static void r1c1_part(sbuf *out, char letter, bool abs, int value, int here)
{
    char num[24];
    if (abs) snprintf(num, sizeof num, "%c%d", letter, value);
    else if (value == here) snprintf(num, sizeof num, "%c", letter);
    else snprintf(num, sizeof num, "%c[%d]", letter, value - here);
    sb_str(out, num);
}

static void r1c1_ref(sbuf *out, const ref *r, void *vctx)
{
    const at_ctx *c = vctx;
    r1c1_part(out, 'R', r->row_abs, r->row, c->row);
    r1c1_part(out, 'C', r->col_abs, r->col, c->col);
}

char *formula_r1c1(const char *formula, int row, int col)
{
    at_ctx c = { row, col };
    return rewrite(formula ? formula : "", r1c1_ref, &c);
}

char *formula_from_odf(const char *f)
{
    sbuf out = { 0 };
    sb_str(&out, "");
    if (!f) return out.buf;
    const char *colon = strchr(f, ':');
    if (colon && colon < f + 6 && colon[1] == '=') f = colon + 1;    /* "of:" namespace */
    for (const char *p = f; *p; p++) {
        if (*p == '"') {
            const char *q = p + 1;
            while (*q && !(*q == '"' && q[1] != '"')) q += *q == '"' ? 2 : 1;
            sb_add(&out, p, (size_t)(q - p) + (*q ? 1 : 0));
            p = *q ? q : q - 1;
            continue;
        }
        if (*p == '[') {
            /* [.E7], [.D7:.D9], [$Sheet2.A1], ['PK 2019'.A1] */
            const char *q = strchr(p, ']');
            if (!q) {
                sb_str(&out, p);
                break;
            }
            for (const char *s = p + 1; s < q; s++) {
                if (*s == '\'') {           /* copy a quoted sheet name whole, then '!' */
                    const char *e = s + 1;
                    while (e < q && !(*e == '\'' && e[1] != '\'')) e += *e == '\'' ? 2 : 1;
                    sb_add(&out, s, (size_t)(e - s) + 1);
                    s = e;
                    if (s + 1 < q && s[1] == '.') {
                        sb_str(&out, "!");
                        s++;
                    }
                    continue;
                }
                if (*s == '.' && (s == p + 1 || s[-1] == ':')) continue;   /* current-sheet dot */
                if (*s == '.') {            /* Sheet.A1 */
                    sb_str(&out, "!");
                    continue;
                }
                if (*s == '$' && (s == p + 1 || s[-1] == ':')) {
                    /* $Sheet.A1 (absolute sheet) vs $A$1 */
                    const char *dot = memchr(s, '.', (size_t)(q - s));
                    if (dot) continue;
                }
                sb_add(&out, s, 1);
            }
            p = q;
            continue;
        }
        sb_add(&out, p, 1);
    }
    return out.buf;
}

int cell_name_parse(const char *name, int *row, int *col)
{
    ref r;
    size_t n = name ? scan_ref(name, &r) : 0;
    if (!n || name[n] || r.col_abs || r.row_abs) return -1;
    *row = r.row;
    *col = r.col;
    return 0;
}
