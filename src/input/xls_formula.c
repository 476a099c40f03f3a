/*
 * xls_formula.c — BIFF8 formula tokens back to A1 text (see xls_formula.h).
 *
 * The tokens are reverse Polish with explicit parentheses (ptgParen), so a
 * stack of strings is enough: an operand pushes its text, an operator pops
 * its operands and pushes the joined text.
 */
#include "input/xls_formula.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/place.h"
#include "util/util.h"

#define STACK_MAX 64

typedef struct {
    char *items[STACK_MAX];
    int n;
    int bad;
} stack;

static unsigned u16(const unsigned char *p) { return p[0] | p[1] << 8; }

static void push(stack *s, char *text)
{
    if (s->n >= STACK_MAX) {
        free(text);
        s->bad = 1;
        return;
    }
    s->items[s->n++] = text;
}

static char *pop(stack *s)
{
    if (s->n == 0) {
        s->bad = 1;
        return NULL;
    }
    return s->items[--s->n];
}

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *out = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

/* The built-in functions report workbooks use, by Excel function number;
 * argc -1: variable (ptgFuncVar gives the count). */
static const struct {
    int number;
    const char *name;
    int argc;
} functions[] = {
    { 0, "COUNT", -1 }, { 1, "IF", -1 }, { 2, "ISNA", 1 }, { 3, "ISERROR", 1 }, { 4, "SUM", -1 },
    { 5, "AVERAGE", -1 }, { 6, "MIN", -1 }, { 7, "MAX", -1 }, { 8, "ROW", -1 }, { 9, "COLUMN", -1 },
    { 10, "NA", 0 }, { 19, "PI", 0 }, { 20, "SQRT", 1 }, { 21, "EXP", 1 }, { 22, "LN", 1 }, { 23, "LOG10", 1 },
    { 24, "ABS", 1 }, { 25, "INT", 1 }, { 26, "SIGN", 1 }, { 27, "ROUND", 2 }, { 28, "LOOKUP", -1 },
    { 29, "INDEX", -1 }, { 31, "MID", 3 }, { 32, "LEN", 1 }, { 33, "VALUE", 1 }, { 34, "TRUE", 0 },
    { 35, "FALSE", 0 }, { 36, "AND", -1 }, { 37, "OR", -1 }, { 38, "NOT", 1 }, { 39, "MOD", 2 },
    { 48, "TEXT", 2 }, { 63, "RAND", 0 }, { 65, "DATE", 3 }, { 66, "TIME", 3 }, { 67, "DAY", 1 },
    { 68, "MONTH", 1 }, { 69, "YEAR", 1 }, { 74, "NOW", 0 }, { 76, "ROWS", 1 }, { 77, "COLUMNS", 1 },
    { 100, "CHOOSE", -1 }, { 101, "HLOOKUP", -1 }, { 102, "VLOOKUP", -1 }, { 109, "LOG", -1 },
    { 111, "CHAR", 1 }, { 112, "LOWER", 1 }, { 113, "UPPER", 1 }, { 115, "LEFT", -1 }, { 116, "RIGHT", -1 },
    { 117, "EXACT", 2 }, { 118, "TRIM", 1 }, { 124, "FIND", -1 }, { 127, "ISTEXT", 1 }, { 128, "ISNUMBER", 1 },
    { 129, "ISBLANK", 1 }, { 130, "T", 1 }, { 131, "N", 1 }, { 148, "INDIRECT", -1 }, { 162, "CLEAN", 1 },
    { 169, "COUNTA", -1 }, { 183, "PRODUCT", -1 }, { 184, "FACT", 1 }, { 190, "ISNONTEXT", 1 },
    { 197, "TRUNC", -1 }, { 198, "ISLOGICAL", 1 }, { 212, "ROUNDUP", 2 }, { 213, "ROUNDDOWN", 2 },
    { 221, "TODAY", 0 }, { 227, "MEDIAN", -1 }, { 228, "SUMPRODUCT", -1 }, { 285, "FLOOR", 2 },
    { 288, "CEILING", 2 }, { 336, "CONCATENATE", -1 }, { 337, "POWER", 2 }, { 344, "SUBTOTAL", -1 },
    { 345, "SUMIF", -1 }, { 346, "COUNTIF", 2 }, { 347, "COUNTBLANK", 1 }, { 361, "AVERAGEA", -1 },
    { 362, "MAXA", -1 }, { 363, "MINA", -1 },
};

static int function_index(unsigned number)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if ((unsigned)functions[i].number == number) return (int)i;
    return -1;
}

const char *xls_error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return NULL;
    }
}

/* "A1", "$A$1": a cell at (row, col), 0-based, with its absolute marks. */
static void cell_text(char *buf, size_t size, int row, int col, int row_rel, int col_rel)
{
    char letters[8];
    place_column_letters(col + 1, letters);
    snprintf(buf, size, "%s%s%s%d", col_rel ? "" : "$", letters, row_rel ? "" : "$", row + 1);
}

/* A reference's row and column. `field` holds the row (2 bytes) then the
 * column word (14 bits, relative flags in bits 14 and 15). In the tokens
 * of a shared formula (relative = 1) a relative row is a signed offset
 * from the cell and a relative column a signed 8-bit offset. */
static int locate(const unsigned char *p, int relative, int at_row, int at_col, int *row, int *col, int *row_rel,
                  int *col_rel)
{
    unsigned rw = u16(p), cw = u16(p + 2);
    *row_rel = (cw >> 15) & 1;
    *col_rel = (cw >> 14) & 1;
    int r = (int)rw, c = (int)(cw & 0x3FFF);
    if (relative) {
        if (*row_rel) r = at_row + (int16_t)rw;
        if (*col_rel) c = at_col + (int8_t)(cw & 0xFF);
    }
    if (r < 0 || r > 65535 || c < 0 || c > 255) return -1;
    *row = r;
    *col = c;
    return 0;
}

/* A sheet name as a formula writes it: 'PK 2019' when it holds anything
 * but letters, digits and underscores. */
static char *sheet_prefix(const xls_names *names, unsigned ixti)
{
    if (!names || ixti >= names->nxti) return NULL;
    int sheet = names->xti_sheet[ixti];
    if (sheet < 0 || (size_t)sheet >= names->nsheets) return NULL;
    const char *name = names->sheet_names[sheet];
    int plain = name[0] != '\0';
    for (const char *c = name; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) plain = 0;
    if (plain) return format("%s!", name);
    size_t len = strlen(name);
    char *out = xmalloc(2 * len + 4), *o = out;
    *o++ = '\'';
    for (const char *c = name; *c; c++) {
        if (*c == '\'') *o++ = '\'';
        *o++ = *c;
    }
    *o++ = '\'';
    *o++ = '!';
    *o = '\0';
    return out;
}

static const char *binary_operator(unsigned ptg)
{
    static const char *ops[] = { "+", "-", "*", "/", "^", "&", "<", "<=", "=", ">=", ">", "<>", " ", ",", ":" };
    return ptg >= 0x03 && ptg <= 0x11 ? ops[ptg - 0x03] : NULL;
}

char *xls_formula_text(const unsigned char *rgce, size_t len, int row, int col, const xls_names *names)
{
    stack s = { .n = 0 };
    size_t i = 0;
    while (i < len && !s.bad) {
        unsigned ptg = rgce[i++];
        size_t left = len - i;
        const unsigned char *p = rgce + i;
        const char *op = binary_operator(ptg);
        if (op) {
            char *b = pop(&s), *a = pop(&s);
            if (a && b) push(&s, format("%s%s%s", a, op, b));
            free(a);
            free(b);
            continue;
        }
        if (ptg < 0x20) {
            switch (ptg) {
            case 0x12: case 0x13: case 0x14: case 0x15: {     /* unary plus, minus, percent, parentheses */
                char *a = pop(&s);
                if (a) push(&s, ptg == 0x12 ? format("+%s", a) : ptg == 0x13 ? format("-%s", a)
                                : ptg == 0x14 ? format("%s%%", a) : format("(%s)", a));
                free(a);
                break;
            }
            case 0x16: push(&s, xstrdup("")); break;            /* missing argument */
            case 0x17: {                                        /* string constant */
                if (left < 2) { s.bad = 1; break; }
                size_t cch = p[0], wide = p[1] & 1, bytes = 2 + cch * (wide ? 2 : 1);
                if (left < bytes) { s.bad = 1; break; }
                char *out = xmalloc(cch * 6 + 3), *o = out;     /* quotes doubled; UTF-8 up to 3 bytes */
                *o++ = '"';
                for (size_t k = 0; k < cch; k++) {
                    unsigned ch = wide ? u16(p + 2 + 2 * k) : p[2 + k];
                    if (ch == '"') *o++ = '"';
                    if (ch < 0x80) *o++ = (char)ch;
                    else if (ch < 0x800) { *o++ = (char)(0xC0 | ch >> 6); *o++ = (char)(0x80 | (ch & 0x3F)); }
                    else { *o++ = (char)(0xE0 | ch >> 12); *o++ = (char)(0x80 | ((ch >> 6) & 0x3F)); *o++ = (char)(0x80 | (ch & 0x3F)); }
                }
                *o++ = '"';
                *o = '\0';
                push(&s, out);
                i += bytes;
                break;
            }
            case 0x19: {                                        /* attributes: SUM(x), spaces, jumps */
                if (left < 3) { s.bad = 1; break; }
                unsigned grbit = p[0], data = u16(p + 1);
                i += 3;
                if (grbit & 0x04) i += ((size_t)data + 1) * 2;  /* CHOOSE's jump table */
                if (grbit & 0x10) {
                    char *a = pop(&s);
                    if (a) push(&s, format("SUM(%s)", a));
                    free(a);
                }
                break;
            }
            case 0x1C: {
                const char *e = left >= 1 ? xls_error_text(p[0]) : NULL;
                if (!e) { s.bad = 1; break; }
                push(&s, xstrdup(e));
                i += 1;
                break;
            }
            case 0x1D:
                if (left < 1) { s.bad = 1; break; }
                push(&s, xstrdup(p[0] ? "TRUE" : "FALSE"));
                i += 1;
                break;
            case 0x1E:
                if (left < 2) { s.bad = 1; break; }
                push(&s, format("%u", u16(p)));
                i += 2;
                break;
            case 0x1F: {
                if (left < 8) { s.bad = 1; break; }
                double d;
                memcpy(&d, p, 8);   /* little-endian host, as everywhere this builds */
                push(&s, format("%.15g", d));
                i += 8;
                break;
            }
            default: s.bad = 1;     /* array constants, ptgExp outside a cell, extended tokens */
            }
            continue;
        }
        unsigned base = ptg & 0x1F;
        switch (base) {
        case 0x01: case 0x02: {                                 /* function: fixed or variable argument count */
            size_t need = base == 0x01 ? 2 : 3;
            if (left < need) { s.bad = 1; break; }
            int argc = base == 0x02 ? p[0] & 0x7F : -1;
            unsigned number = u16(p + (base == 0x02 ? 1 : 0)) & 0x7FFF;
            int f = function_index(number);
            if (f < 0) { s.bad = 1; break; }
            if (argc < 0) argc = functions[f].argc;
            if (argc < 0 || argc > s.n) { s.bad = 1; break; }
            size_t total = strlen(functions[f].name) + 3;
            for (int k = s.n - argc; k < s.n; k++) total += strlen(s.items[k]) + 1;
            char *out = xmalloc(total), *o = out;
            o += sprintf(o, "%s(", functions[f].name);
            for (int k = s.n - argc; k < s.n; k++) {
                o += sprintf(o, "%s%s", k > s.n - argc ? "," : "", s.items[k]);
                free(s.items[k]);
            }
            strcpy(o, ")");
            s.n -= argc;
            push(&s, out);
            i += need;
            break;
        }
        case 0x04: case 0x0C: {                                 /* cell reference (RefN: in a shared formula) */
            int r, c, rr, cr;
            if (left < 4 || locate(p, base == 0x0C, row, col, &r, &c, &rr, &cr) < 0) { s.bad = 1; break; }
            char buf[24];
            cell_text(buf, sizeof buf, r, c, rr, cr);
            push(&s, xstrdup(buf));
            i += 4;
            break;
        }
        case 0x05: case 0x0D: {                                 /* area (AreaN: in a shared formula) */
            if (left < 8) { s.bad = 1; break; }
            unsigned char first[4] = { p[0], p[1], p[4], p[5] }, last[4] = { p[2], p[3], p[6], p[7] };
            int r1, c1, rr1, cr1, r2, c2, rr2, cr2;
            if (locate(first, base == 0x0D, row, col, &r1, &c1, &rr1, &cr1) < 0 ||
                locate(last, base == 0x0D, row, col, &r2, &c2, &rr2, &cr2) < 0) { s.bad = 1; break; }
            char a[24], b[24];
            cell_text(a, sizeof a, r1, c1, rr1, cr1);
            cell_text(b, sizeof b, r2, c2, rr2, cr2);
            push(&s, format("%s:%s", a, b));
            i += 8;
            break;
        }
        case 0x1A: case 0x1B: {                                 /* the same on another sheet */
            size_t need = base == 0x1A ? 6 : 10;
            if (left < need) { s.bad = 1; break; }
            char *sheet = sheet_prefix(names, u16(p));
            if (!sheet) { s.bad = 1; break; }
            int r1, c1, rr1, cr1, r2, c2, rr2, cr2;
            char a[24], b[24];
            if (base == 0x1A) {
                if (locate(p + 2, 0, row, col, &r1, &c1, &rr1, &cr1) < 0) { free(sheet); s.bad = 1; break; }
                cell_text(a, sizeof a, r1, c1, rr1, cr1);
                push(&s, format("%s%s", sheet, a));
            } else {
                unsigned char first[4] = { p[2], p[3], p[6], p[7] }, last[4] = { p[4], p[5], p[8], p[9] };
                if (locate(first, 0, row, col, &r1, &c1, &rr1, &cr1) < 0 ||
                    locate(last, 0, row, col, &r2, &c2, &rr2, &cr2) < 0) { free(sheet); s.bad = 1; break; }
                cell_text(a, sizeof a, r1, c1, rr1, cr1);
                cell_text(b, sizeof b, r2, c2, rr2, cr2);
                push(&s, format("%s%s:%s", sheet, a, b));
            }
            free(sheet);
            i += need;
            break;
        }
        case 0x0A: push(&s, xstrdup("#REF!")); i += 4; break;   /* a reference to a deleted cell */
        case 0x0B: push(&s, xstrdup("#REF!")); i += 8; break;
        case 0x1C: push(&s, xstrdup("#REF!")); i += 6; break;
        case 0x1D: push(&s, xstrdup("#REF!")); i += 10; break;
        case 0x06: case 0x07: case 0x08: i += 6; break;         /* memory areas: their sub-expression follows */
        case 0x09: i += 2; break;
        default: s.bad = 1;                                     /* defined names, add-ins, arrays */
        }
    }
    char *out = NULL;
    if (!s.bad && s.n == 1 && i == len) {
        out = s.items[0];
        s.n = 0;
    }
    for (int k = 0; k < s.n; k++) free(s.items[k]);
    return out;
}
