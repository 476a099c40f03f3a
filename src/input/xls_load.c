/*
 * xls_load.c — Excel 97-2003 workbooks from their BIFF8 records (see
 * xls_load.h). Record layouts: [MS-XLS] 2.4.
 */
#include "input/xls_load.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/cfb.h"
#include "input/formula_ref.h"
#include "input/numfmt.h"
#include "input/sheet_build.h"
#include "input/xls_formula.h"
#include "util/input_file.h"
#include "util/utf8.h"
#include "util/util.h"

enum {
    R_FORMULA = 0x0006, R_EOF = 0x000A, R_EXTERNSHEET = 0x0017, R_DATEMODE = 0x0022, R_FILEPASS = 0x002F,
    R_CONTINUE = 0x003C, R_COLINFO = 0x007D, R_BOUNDSHEET = 0x0085, R_MULRK = 0x00BD, R_XF = 0x00E0,
    R_SST = 0x00FC, R_LABELSST = 0x00FD, R_SUPBOOK = 0x01AE, R_NUMBER = 0x0203, R_LABEL = 0x0204,
    R_BOOLERR = 0x0205, R_STRING = 0x0207, R_ROW = 0x0208, R_RK = 0x027E, R_FORMAT = 0x041E,
    R_SHRFMLA = 0x04BC, R_BOF = 0x0809,
};

static unsigned u16(const unsigned char *p) { return p[0] | p[1] << 8; }
static uint32_t u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* ---- records ---- */

typedef struct {
    const unsigned char *data;
    size_t size, pos;
} stream;

typedef struct {
    unsigned type;
    size_t len;
    const unsigned char *body;
} record;

/* The next record, or 0 at the end (a record cut short ends the stream). */
static int next_record(stream *s, record *r)
{
    if (s->pos + 4 > s->size) return 0;
    r->type = u16(s->data + s->pos);
    r->len = u16(s->data + s->pos + 2);
    if (s->pos + 4 + r->len > s->size) return 0;
    r->body = s->data + s->pos + 4;
    s->pos += 4 + r->len;
    return 1;
}

/* Appends code point ch as UTF-8 (BIFF strings are UTF-16, or its low
 * bytes when "compressed"; surrogate pairs joined by the caller). */
static void put_utf8(char **out, size_t *len, size_t *cap, unsigned ch)
{
    grow_array((void **)out, cap, *len + 5, 1);
    char *o = *out + *len;
    if (ch < 0x80) { *o++ = (char)ch; }
    else if (ch < 0x800) { *o++ = (char)(0xC0 | ch >> 6); *o++ = (char)(0x80 | (ch & 0x3F)); }
    else if (ch < 0x10000) { *o++ = (char)(0xE0 | ch >> 12); *o++ = (char)(0x80 | ((ch >> 6) & 0x3F)); *o++ = (char)(0x80 | (ch & 0x3F)); }
    else { *o++ = (char)(0xF0 | ch >> 18); *o++ = (char)(0x80 | ((ch >> 12) & 0x3F)); *o++ = (char)(0x80 | ((ch >> 6) & 0x3F)); *o++ = (char)(0x80 | (ch & 0x3F)); }
    *len = (size_t)(o - *out);
    (*out)[*len] = '\0';
}

/* Reads bytes that may continue into CONTINUE records: the SST, whose
 * strings are split at record boundaries with a fresh "high byte" flag at
 * the start of each continuation of characters. */
typedef struct {
    const unsigned char **segs;
    size_t *lens;
    size_t nseg, seg, pos;
} spanning;

static int span_byte(spanning *sp, unsigned *b)
{
    while (sp->seg < sp->nseg && sp->pos >= sp->lens[sp->seg]) {
        sp->seg++;
        sp->pos = 0;
    }
    if (sp->seg >= sp->nseg) return -1;
    *b = sp->segs[sp->seg][sp->pos++];
    return 0;
}

static int span_u16(spanning *sp, unsigned *v)
{
    unsigned a, b;
    if (span_byte(sp, &a) < 0 || span_byte(sp, &b) < 0) return -1;
    *v = a | b << 8;
    return 0;
}

static int span_skip(spanning *sp, size_t n)
{
    unsigned b;
    for (size_t i = 0; i < n; i++)
        if (span_byte(sp, &b) < 0) return -1;
    return 0;
}

/* One XLUnicodeRichExtendedString of the SST. */
static char *span_string(spanning *sp)
{
    unsigned cch, flags, lo, hi;
    if (span_u16(sp, &cch) < 0 || span_byte(sp, &flags) < 0) return NULL;
    unsigned runs = 0;
    uint32_t ext = 0;
    if (flags & 0x08 && span_u16(sp, &runs) < 0) return NULL;
    if (flags & 0x04) {
        unsigned a, b;
        if (span_u16(sp, &a) < 0 || span_u16(sp, &b) < 0) return NULL;
        ext = a | (uint32_t)b << 16;
    }
    int wide = flags & 1;
    char *out = xstrdup("");
    size_t len = 0, cap = 1;
    unsigned pending_high = 0;
    for (unsigned k = 0; k < cch; k++) {
        if (sp->seg < sp->nseg && sp->pos >= sp->lens[sp->seg] && sp->seg + 1 < sp->nseg) {
            /* characters continue in the next record, after their own flag */
            sp->seg++;
            sp->pos = 0;
            unsigned f;
            if (span_byte(sp, &f) < 0) break;
            wide = f & 1;
        }
        unsigned ch;
        if (wide) {
            if (span_byte(sp, &lo) < 0 || span_byte(sp, &hi) < 0) break;
            ch = lo | hi << 8;
        } else {
            if (span_byte(sp, &lo) < 0) break;
            ch = lo;
        }
        if (ch >= 0xD800 && ch < 0xDC00) {
            pending_high = ch;
            continue;
        }
        if (ch >= 0xDC00 && ch < 0xE000 && pending_high) ch = 0x10000 + ((pending_high - 0xD800) << 10) + (ch - 0xDC00);
        else if (ch >= 0xD800 && ch < 0xE000) ch = 0xFFFD;
        pending_high = 0;
        put_utf8(&out, &len, &cap, ch);
    }
    if (span_skip(sp, (size_t)runs * 4 + ext) < 0 && (runs || ext)) {
        /* formatting runs cut short at the end of the table: the text is whole */
    }
    return out;
}

/* An XLUnicodeString (2-byte count) or ShortXLUnicodeString (1-byte count)
 * inside one record; *used gets the bytes it took. NULL when cut short. */
static char *record_string(const unsigned char *p, size_t left, int short_count, size_t *used)
{
    size_t head = short_count ? 2 : 3;
    if (left < head) return NULL;
    size_t cch = short_count ? p[0] : u16(p);
    unsigned flags = p[head - 1];
    size_t bytes = cch * ((flags & 1) ? 2 : 1);
    size_t at = head;
    if (flags & 0x08) at += 2;      /* rich text runs (LABEL in BIFF8 has none; tolerate) */
    if (flags & 0x04) at += 4;
    if (at + bytes > left) bytes = (left - (at < left ? at : left)) / ((flags & 1) ? 2 : 1) * ((flags & 1) ? 2 : 1);
    char *out = xstrdup("");
    size_t len = 0, cap = 1;
    for (size_t k = 0; k < bytes;) {
        unsigned ch = (flags & 1) ? u16(p + at + k) : p[at + k];
        k += (flags & 1) ? 2 : 1;
        if (ch >= 0xD800 && ch < 0xDC00 && (flags & 1) && k + 2 <= bytes) {
            unsigned lo = u16(p + at + k);
            if (lo >= 0xDC00 && lo < 0xE000) {
                ch = 0x10000 + ((ch - 0xD800) << 10) + (lo - 0xDC00);
                k += 2;
            }
        }
        if (ch >= 0xD800 && ch < 0xE000) ch = 0xFFFD;
        put_utf8(&out, &len, &cap, ch);
    }
    *used = at + bytes;
    return out;
}

/* ---- the workbook globals ---- */

typedef struct {
    char *name;
    uint32_t offset;
    int hidden;
    int is_worksheet;
} sheet_entry;

typedef struct {
    int date1904;
    /* number formats: custom FORMAT records by id, then each XF's format id */
    int *format_ids;
    char **format_codes;
    size_t nformats, formats_cap;
    int *xf_format;
    size_t nxf, xf_cap;
    char **sst;
    size_t nsst;
    sheet_entry *sheets;
    size_t nsheets, sheets_cap;
    int *supbook_internal;
    size_t nsupbook, supbook_cap;
    int *xti_sheet;
    size_t nxti;
    const char *why;        /* a damaged globals substream */
} workbook;

static const char *format_of(const workbook *w, unsigned xf)
{
    if (xf >= w->nxf) return NULL;
    int id = w->xf_format[xf];
    for (size_t i = 0; i < w->nformats; i++)
        if (w->format_ids[i] == id) return w->format_codes[i];
    return numfmt_builtin(id);
}

static void read_sst(workbook *w, stream *s, const record *first)
{
    /* the SST and the CONTINUE records right after it */
    size_t nseg = 1, cap = 0;
    const unsigned char **segs = NULL;
    size_t *lens = NULL, lcap = 0;
    grow_array((void **)&segs, &cap, 1, sizeof *segs);
    grow_array((void **)&lens, &lcap, 1, sizeof *lens);
    if (first->len < 8) {
        free(segs);
        free(lens);
        return;
    }
    segs[0] = first->body + 8;
    lens[0] = first->len - 8;
    uint32_t unique = u32(first->body + 4);
    record r;
    size_t mark = s->pos;
    while (next_record(s, &r) && r.type == R_CONTINUE) {
        grow_array((void **)&segs, &cap, nseg + 1, sizeof *segs);
        grow_array((void **)&lens, &lcap, nseg + 1, sizeof *lens);
        segs[nseg] = r.body;
        lens[nseg++] = r.len;
        mark = s->pos;
    }
    s->pos = mark;
    spanning sp = { segs, lens, nseg, 0, 0 };
    /* each string takes at least 3 bytes: a count beyond that is a lie */
    size_t total = 0;
    for (size_t i = 0; i < nseg; i++) total += lens[i];
    if (unique > total / 3 + 1) unique = (uint32_t)(total / 3 + 1);
    w->sst = xcalloc(unique ? unique : 1, sizeof *w->sst);
    for (uint32_t i = 0; i < unique; i++) {
        char *str = span_string(&sp);
        if (!str) break;
        w->sst[w->nsst++] = str;
    }
    free(segs);
    free(lens);
}

static int read_globals(workbook *w, stream *s)
{
    record r;
    if (!next_record(s, &r) || r.type != R_BOF || r.len < 4) {
        w->why = "its workbook stream does not start with a BOF record";
        return -1;
    }
    if (u16(r.body) != 0x0600) {
        w->why = "is an Excel 5.0/95 (BIFF5) or older workbook; only Excel 97-2003 (BIFF8) is read: save it as .xlsx";
        return -1;
    }
    while (next_record(s, &r)) {
        const unsigned char *b = r.body;
        switch (r.type) {
        case R_EOF: return 0;
        case R_FILEPASS:
            w->why = "is encrypted (password-protected): save it without a password as .xlsx and try again";
            return -1;
        case R_DATEMODE:
            if (r.len >= 2) w->date1904 = u16(b) == 1;
            break;
        case R_FORMAT: {
            size_t used;
            char *code = r.len >= 2 ? record_string(b + 2, r.len - 2, 0, &used) : NULL;
            if (!code) break;
            grow_array((void **)&w->format_ids, &w->formats_cap, w->nformats + 1, sizeof *w->format_ids);
            size_t cap2 = w->formats_cap;
            w->format_codes = xrealloc(w->format_codes, cap2 * sizeof *w->format_codes);
            w->format_ids[w->nformats] = (int)u16(b);
            w->format_codes[w->nformats++] = code;
            break;
        }
        case R_XF:
            if (r.len >= 4) {
                grow_array((void **)&w->xf_format, &w->xf_cap, w->nxf + 1, sizeof *w->xf_format);
                w->xf_format[w->nxf++] = (int)u16(b + 2);
            }
            break;
        case R_SST:
            if (!w->sst) read_sst(w, s, &r);
            break;
        case R_BOUNDSHEET: {
            size_t used;
            char *name = r.len >= 6 ? record_string(b + 6, r.len - 6, 1, &used) : NULL;
            if (!name) break;
            grow_array((void **)&w->sheets, &w->sheets_cap, w->nsheets + 1, sizeof *w->sheets);
            sheet_entry *e = &w->sheets[w->nsheets++];
            e->name = name;
            e->offset = u32(b);
            e->hidden = (b[4] & 3) != 0;
            e->is_worksheet = b[5] == 0;
            break;
        }
        case R_SUPBOOK:
            grow_array((void **)&w->supbook_internal, &w->supbook_cap, w->nsupbook + 1, sizeof *w->supbook_internal);
            w->supbook_internal[w->nsupbook++] = r.len == 4 && u16(b + 2) == 0x0401;
            break;
        case R_EXTERNSHEET:
            if (r.len >= 2 && !w->xti_sheet) {
                size_t n = u16(b);
                if (2 + n * 6 > r.len) n = (r.len - 2) / 6;
                w->xti_sheet = xcalloc(n ? n : 1, sizeof *w->xti_sheet);
                w->nxti = n;
                for (size_t i = 0; i < n; i++) {
                    unsigned book = u16(b + 2 + 6 * i), first = u16(b + 4 + 6 * i);
                    w->xti_sheet[i] = book < w->nsupbook && w->supbook_internal[book] ? (int)first : -1;
                }
            }
            break;
        default: break;
        }
    }
    w->why = "its workbook stream ends before the end of the workbook globals";
    return -1;
}

/* ---- one worksheet ---- */

typedef struct {
    unsigned row, col;          /* first cell of the range: what ptgExp names */
    const unsigned char *rgce;
    size_t len;
} shared_formula;

typedef struct {
    const workbook *w;
    const xls_names *names;
    sheet_grid *g;
    size_t *cells_total;
    shared_formula *shared;
    size_t nshared, shared_cap;
    int formulas_unknown;       /* cells whose formula could not be written back */
    const char *fail;           /* a limit reached */
    /* a formula whose string result is in the next STRING record */
    int pending;
    unsigned p_row, p_col;
    char *p_formula;
} sheet_state;

/* The decimal text of a stored double: its 17 significant digits, the
 * text an .xlsx holds for the same cell (numfmt.h takes it from there). */
static void double_text(double d, char *buf, size_t size)
{
    snprintf(buf, size, "%.17g", d);
}

/* An RK number: an integer or the top 30 bits of a double, optionally
 * divided by 100. Integers are written exactly, the /100 included. */
static void rk_text(uint32_t rk, char *buf, size_t size)
{
    if (rk & 2) {
        int32_t v = (int32_t)rk >> 2;
        if (rk & 1) {
            long long a = v < 0 ? -(long long)v : v;
            int n = snprintf(buf, size, "%s%lld.%02lld", v < 0 ? "-" : "", a / 100, a % 100);
            while (n > 0 && buf[n - 1] == '0') buf[--n] = '\0';
            if (n > 0 && buf[n - 1] == '.') buf[--n] = '\0';
        } else {
            snprintf(buf, size, "%ld", (long)v);
        }
        return;
    }
    uint64_t bits = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
    double d;
    memcpy(&d, &bits, sizeof d);
    if (rk & 1) d /= 100;
    double_text(d, buf, size);
}

static int add_cell(sheet_state *s, unsigned row, unsigned col, const char *text, const char *formula,
                    const char *type, const char *format, const char *value)
{
    if (++*s->cells_total > WORKBOOK_MAX_CELLS) {
        s->fail = "the workbook has more cells than lakip-audit reads (5,000,000)";
        return -1;
    }
    if (row + 1 > SHEET_MAX_ROWS) {
        s->fail = "a sheet has more rows than lakip-audit reads (100,000)";
        return -1;
    }
    if (col > 255) {                /* an Excel 97-2003 sheet has 256 columns, A to IV */
        s->fail = "a cell lies beyond column IV, the last of an Excel 97-2003 sheet (damaged file)";
        return -1;
    }
    sheet_grid_add(s->g, (int)row + 1, (int)col + 1, text, formula, type, format, value);
    return 0;
}

static int add_number(sheet_state *s, unsigned row, unsigned col, unsigned xf, const char *value, const char *formula)
{
    const char *format = format_of(s->w, xf);
    char shown[256];
    numfmt_render(value, format, s->w->date1904, shown, sizeof shown);
    return add_cell(s, row, col, shown, formula, numfmt_is_date(format) ? "date" : "number", format, value);
}

/* The formula of a FORMULA record as "=..." (NULL when unknown). */
static char *formula_of(sheet_state *s, const unsigned char *b, size_t len, unsigned row, unsigned col)
{
    if (len < 22) return NULL;
    size_t cce = u16(b + 20);
    if (22 + cce > len) cce = len - 22;
    const unsigned char *rgce = b + 22;
    char *text = NULL;
    if (cce == 5 && rgce[0] == 0x01) {          /* ptgExp: a shared (or array) formula */
        unsigned r0 = u16(rgce + 1), c0 = u16(rgce + 3);
        for (size_t i = 0; i < s->nshared; i++) {
            const shared_formula *f = &s->shared[i];
            if (f->row == r0 && f->col == c0) {
                text = xls_formula_text(f->rgce, f->len, (int)row, (int)col, s->names);
                break;
            }
        }
    } else {
        text = xls_formula_text(rgce, cce, (int)row, (int)col, s->names);
    }
    if (!text) {
        s->formulas_unknown++;
        return NULL;
    }
    char *out = xmalloc(strlen(text) + 2);
    out[0] = '=';
    strcpy(out + 1, text);
    free(text);
    return out;
}

/* A cell's error value; an unknown code is shown as #N/A, still an error. */
static const char *error_text(unsigned code)
{
    const char *e = xls_error_text(code);
    return e ? e : "#N/A";
}

static void flush_pending(sheet_state *s, const char *text)
{
    if (!s->pending) return;
    s->pending = 0;
    add_cell(s, s->p_row, s->p_col, text, s->p_formula, "string", NULL, NULL);
    free(s->p_formula);
    s->p_formula = NULL;
}

static void sheet_record(sheet_state *s, const record *r)
{
    const unsigned char *b = r->body;
    size_t len = r->len;
    if (r->type == R_STRING) {
        size_t used;
        char *text = record_string(b, len, 0, &used);
        flush_pending(s, text ? text : "");
        free(text);
        return;
    }
    if (r->type != R_SHRFMLA && r->type != R_CONTINUE) flush_pending(s, "");
    char value[64];
    switch (r->type) {
    case R_ROW:
        if (len >= 16 && (u16(b + 12) & 0x20)) sheet_grid_hide_row(s->g, (int)u16(b) + 1);
        break;
    case R_COLINFO:
        if (len >= 10 && (u16(b + 8) & 1)) sheet_grid_hide_cols(s->g, (int)u16(b) + 1, (int)(u16(b + 2) > 255 ? 256 : u16(b + 2) + 1));
        break;
    case R_NUMBER:
        if (len >= 14) {
            double d;
            memcpy(&d, b + 6, 8);
            double_text(d, value, sizeof value);
            add_number(s, u16(b), u16(b + 2), u16(b + 4), value, NULL);
        }
        break;
    case R_RK:
        if (len >= 10) {
            rk_text(u32(b + 6), value, sizeof value);
            add_number(s, u16(b), u16(b + 2), u16(b + 4), value, NULL);
        }
        break;
    case R_MULRK:
        if (len >= 6) {
            unsigned row = u16(b), col = u16(b + 2);
            for (size_t at = 4; at + 6 <= len - 2 && !s->fail; at += 6, col++) {
                rk_text(u32(b + at + 2), value, sizeof value);
                add_number(s, row, col, u16(b + at), value, NULL);
            }
        }
        break;
    case R_LABELSST:
        if (len >= 10) {
            uint32_t i = u32(b + 6);
            add_cell(s, u16(b), u16(b + 2), i < s->w->nsst ? s->w->sst[i] : "", NULL, "string", NULL, NULL);
        }
        break;
    case R_LABEL:
        if (len >= 6) {
            size_t used;
            char *text = record_string(b + 6, len - 6, 0, &used);
            if (text) add_cell(s, u16(b), u16(b + 2), text, NULL, "string", NULL, NULL);
            free(text);
        }
        break;
    case R_BOOLERR:
        if (len >= 8) {
            if (b[7]) add_cell(s, u16(b), u16(b + 2), error_text(b[6]), NULL, "error", NULL, NULL);
            else add_cell(s, u16(b), u16(b + 2), b[6] ? "TRUE" : "FALSE", NULL, "boolean", NULL, b[6] ? "1" : "0");
        }
        break;
    case R_FORMULA:
        if (len >= 20) {
            unsigned row = u16(b), col = u16(b + 2), xf = u16(b + 4);
            char *formula = formula_of(s, b, len, row, col);
            const unsigned char *v = b + 6;
            if (v[6] == 0xFF && v[7] == 0xFF) {
                if (v[0] == 0) {                    /* a string: in the STRING record that follows */
                    s->pending = 1;
                    s->p_row = row;
                    s->p_col = col;
                    s->p_formula = formula;
                    formula = NULL;
                } else if (v[0] == 1) {
                    add_cell(s, row, col, v[2] ? "TRUE" : "FALSE", formula, "boolean", NULL, v[2] ? "1" : "0");
                } else if (v[0] == 2) {
                    add_cell(s, row, col, error_text(v[2]), formula, "error", NULL, NULL);
                } else {
                    add_cell(s, row, col, "", formula, "string", NULL, NULL);
                }
            } else {
                double d;
                memcpy(&d, v, 8);
                double_text(d, value, sizeof value);
                add_number(s, row, col, xf, value, formula);
            }
            free(formula);
        }
        break;
    default: break;
    }
}

/* Shared formulas are declared right after the first cell that uses
 * them: collected in a first pass so every cell finds its own. */
static void collect_shared(sheet_state *s, stream st)
{
    record r;
    int depth = 0;
    while (next_record(&st, &r)) {
        if (r.type == R_BOF) depth++;
        else if (r.type == R_EOF && --depth <= 0) break;
        else if (r.type == R_SHRFMLA && depth == 1 && r.len >= 10) {
            grow_array((void **)&s->shared, &s->shared_cap, s->nshared + 1, sizeof *s->shared);
            shared_formula *f = &s->shared[s->nshared++];
            f->row = u16(r.body);
            f->col = r.body[4];
            f->len = u16(r.body + 8);
            if (10 + f->len > r.len) f->len = r.len - 10;
            f->rgce = r.body + 10;
        }
    }
}

static int read_sheet(report *r, const char *path, const workbook *w, const xls_names *names, size_t k,
                      stream whole, size_t *cells_total, int *first_line, load_error *err)
{
    const sheet_entry *e = &w->sheets[k];
    if (!e->is_worksheet) return 0;                 /* charts, macro sheets */
    stream st = { whole.data, whole.size, e->offset };
    record bof;
    if (e->offset >= whole.size || !next_record(&st, &bof) || bof.type != R_BOF) {
        load_error_set(err, path, 0, "sheet \"%s\": its records are not where the workbook says (damaged file)", e->name);
        return -1;
    }
    st.pos = e->offset;
    sheet_grid g;
    sheet_grid_init(&g, e->name, e->hidden);
    sheet_state s = { .w = w, .names = names, .g = &g, .cells_total = cells_total };
    collect_shared(&s, st);
    record rec;
    int depth = 0;
    while (!s.fail && next_record(&st, &rec)) {
        if (rec.type == R_BOF) depth++;
        else if (rec.type == R_EOF && --depth <= 0) break;
        else if (depth == 1) sheet_record(&s, &rec);
    }
    flush_pending(&s, "");
    int rc = 0;
    if (s.fail) {
        load_error_set(err, path, 0, "sheet \"%s\": %s", e->name, s.fail);
        rc = -1;
    } else {
        if (s.formulas_unknown) {
            /* one unreadable formula makes the sheet's formulas no evidence:
             * a cell without its formula would pass for a typed number */
            for (size_t i = 0; i < g.ncells; i++) {
                free(g.cells[i].formula);
                g.cells[i].formula = NULL;
            }
            char detail[32];
            snprintf(detail, sizeof detail, "%d", s.formulas_unknown);
            report_add_note(r, path, *first_line, "formula-unread", e->name, detail);
        }
        *first_line += sheet_build(r, path, &g, *first_line);
        if (g.too_long) {
            *err = g.cell_error;
            rc = -1;
        }
    }
    sheet_grid_free(&g);
    free(s.shared);
    free(s.p_formula);
    return rc;
}

int xls_load(report *r, const char *path, load_error *err)
{
    char *file = NULL;
    size_t size = 0;
    int e = utf8_read_file(path, &file, &size);
    if (e) {
        load_error_set(err, path, 0, "%s", input_error_text(e));
        return -1;
    }
    unsigned char *book = NULL;
    size_t book_size = 0;
    const char *why = NULL;
    int rc = cfb_read_stream((const unsigned char *)file, size, "Workbook", "Book", &book, &book_size, &why);
    free(file);
    if (rc != 0) {
        if (rc > 0) load_error_set(err, path, 0, "holds no workbook stream (a Word or other OLE file?)");
        else load_error_set(err, path, 0, "is not a readable Excel 97-2003 workbook: %s", why);
        free(book);
        return -1;
    }
    workbook w = { 0 };
    stream s = { book, book_size, 0 };
    rc = read_globals(&w, &s);
    if (rc < 0) {
        load_error_set(err, path, 0, "%s", w.why);
    } else if (w.nsheets == 0) {
        load_error_set(err, path, 0, "the workbook has no sheets");
        rc = -1;
    } else {
        const char **names = xmalloc(w.nsheets * sizeof *names);
        for (size_t i = 0; i < w.nsheets; i++) names[i] = w.sheets[i].name;
        xls_names xn = { names, w.nsheets, w.xti_sheet, w.nxti };
        size_t cells_total = 0;
        int first_line = 1;
        for (size_t i = 0; i < w.nsheets && rc == 0; i++)
            rc = read_sheet(r, path, &w, &xn, i, s, &cells_total, &first_line, err);
        free(names);
    }
    for (size_t i = 0; i < w.nformats; i++) free(w.format_codes[i]);
    free(w.format_codes);
    free(w.format_ids);
    free(w.xf_format);
    for (size_t i = 0; i < w.nsst; i++) free(w.sst[i]);
    free(w.sst);
    for (size_t i = 0; i < w.nsheets; i++) free(w.sheets[i].name);
    free(w.sheets);
    free(w.supbook_internal);
    free(w.xti_sheet);
    free(book);
    return rc < 0 ? -1 : 0;
}
