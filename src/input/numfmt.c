/*
 * numfmt.c — number formats (see numfmt.h). All arithmetic is on decimal
 * digit strings: shifting the exponent for %, rounding half up by adding
 * one at the cut digit.
 */
#include "input/numfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 15           /* significant digits a spreadsheet keeps */
#define BIG 400                 /* digit buffer: 15 digits shifted by any sane exponent */

static const char *const builtin[50] = {
    [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
    [9] = "0%", [10] = "0.00%", [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ?\?/?\?",
    [14] = "dd/mm/yyyy", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy",
    [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss", [22] = "dd/mm/yyyy h:mm",
    [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)",
    [40] = "#,##0.00;[Red](#,##0.00)", [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mmss.0",
    [48] = "##0.0E+0", [49] = "@",
};

const char *numfmt_builtin(int id)
{
    return id >= 0 && id < 50 ? builtin[id] : NULL;
}

/* A number as digits × 10^exp, sign apart; digits without leading zeros. */
typedef struct {
    bool neg;
    char digits[BIG];
    int ndigits;
    int exp;
} dnum;

static bool parse_value(const char *s, dnum *d)
{
    memset(d, 0, sizeof *d);
    while (*s == ' ') s++;
    if (*s == '-' || *s == '+') d->neg = *s++ == '-';
    bool any = false, point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            any = true;
            if (d->ndigits == 0 && *s == '0') {
                if (point) d->exp--;
                continue;
            }
            if (d->ndigits < MAX_DIGITS + 3) {
                d->digits[d->ndigits++] = *s;
                if (point) d->exp--;
            } else if (!point) {
                d->exp++;       /* digits past what we keep still scale the integer */
            }
        } else if (*s == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any) return false;
    if (*s == 'e' || *s == 'E') {
        char *end;
        long e = strtol(s + 1, &end, 10);
        if (end == s + 1 || e > 300 || e < -300) return false;
        d->exp += (int)e;
        s = end;
    }
    while (*s == ' ') s++;
    return *s == '\0';
}

/* Keeps the digits down to 10^at (exp becomes at when cutting), rounding
 * half up; digits above are kept whole. */
static void round_at(dnum *d, int at)
{
    if (d->ndigits == 0 || d->exp >= at) return;
    int keep = d->ndigits - (at - d->exp);     /* digits that stay */
    if (keep < 0) {
        d->ndigits = 0;
        d->exp = at;
        return;
    }
    bool up = d->digits[keep] >= '5';
    d->ndigits = keep;
    d->exp = at;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && d->digits[i] == '9') d->digits[i--] = '0';
        if (i >= 0) {
            d->digits[i]++;
        } else {
            memmove(d->digits + 1, d->digits, (size_t)keep);
            d->digits[0] = '1';
            d->ndigits++;
        }
    }
    /* strip leading zeros left by a cut to nothing */
    int lead = 0;
    while (lead < d->ndigits && d->digits[lead] == '0') lead++;
    if (lead == d->ndigits) d->ndigits = 0;
}

static void round_significant(dnum *d, int sig)
{
    if (d->ndigits > sig) round_at(d, d->exp + d->ndigits - sig);
}

/* Digit at 10^pos (0 when absent). */
static char digit_at(const dnum *d, int pos)
{
    int i = d->ndigits - 1 - (pos - d->exp);
    return i >= 0 && i < d->ndigits ? d->digits[i] : '0';
}

static int top_pos(const dnum *d)
{
    return d->ndigits ? d->exp + d->ndigits - 1 : 0;
}

typedef struct {
    char *buf;
    size_t size, len;
} out_t;

static void put(out_t *o, char c)
{
    if (o->len + 1 < o->size) o->buf[o->len++] = c;
    o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

static void puts_(out_t *o, const char *s)
{
    while (*s) put(o, *s++);
}

/* The integer digits and `decimals` fraction digits, Indonesian style,
 * with min_int integer digits, grouping, and optional trailing decimals
 * (beyond min_dec) dropped when zero. */
static void put_number(out_t *o, const dnum *d, int min_int, bool group, int decimals, int min_dec)
{
    int top = top_pos(d);
    int nint = top >= 0 && d->ndigits ? top + 1 : 0;
    if (nint < min_int) nint = min_int;
    for (int p = nint - 1; p >= 0; p--) {
        put(o, digit_at(d, p));
        if (group && p > 0 && p % 3 == 0) put(o, '.');
    }
    int shown = decimals;
    while (shown > min_dec && digit_at(d, -shown) == '0') shown--;
    if (shown > 0) {
        put(o, ',');
        for (int p = 1; p <= shown; p++) put(o, digit_at(d, -p));
    }
}

static void render_general(out_t *o, dnum d)
{
    /* a standard-width column: 11 characters, sign and comma included */
    round_significant(&d, 10);
    int top = top_pos(&d);
    if (d.ndigits && (top >= 11 || top < -9)) {
        /* scientific, as the spreadsheet shows very large or small numbers */
        dnum m = d;
        round_significant(&m, 6);
        char mant[32];
        out_t mo = { mant, sizeof mant, 0 };
        dnum one = m;
        one.exp = m.exp - top_pos(&m);
        put_number(&mo, &one, 1, false, 5, 0);
        if (m.neg) put(o, '-');
        puts_(o, mant);
        char e[16];
        snprintf(e, sizeof e, "E%+03d", top_pos(&m));
        puts_(o, e);
        return;
    }
    int intdigits = top >= 0 ? top + 1 : 1;
    int decimals = 10 - intdigits - (d.neg ? 1 : 0);
    if (decimals < 0) decimals = 0;
    round_at(&d, -decimals);
    if (d.neg && d.ndigits) put(o, '-');
    put_number(o, &d, 1, false, decimals, 0);
}

/* ---- format sections ---- */

/* Splits code into sections at ';' outside quotes and brackets. */
static int split_sections(const char *code, const char *sec[4], size_t len[4])
{
    int n = 0;
    const char *start = code;
    bool quoted = false;
    int bracket = 0;
    for (const char *p = code;; p++) {
        if (*p == '\0' || (*p == ';' && !quoted && !bracket)) {
            if (n < 4) {
                sec[n] = start;
                len[n] = (size_t)(p - start);
                n++;
            }
            if (!*p) break;
            start = p + 1;
        } else if (*p == '\\' && p[1] && !quoted) {
            p++;
        } else if (*p == '"') {
            quoted = !quoted;
        } else if (*p == '[' && !quoted) {
            bracket++;
        } else if (*p == ']' && !quoted && bracket) {
            bracket--;
        }
    }
    return n;
}

static bool is_date_letter(char c)
{
    c = (char)(c | 0x20);
    return c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's';
}

/* Walks one section: literal text to out (prefix/suffix as met), and the
 * digit pattern's properties. */
typedef struct {
    int min_int, decimals, min_dec, percent, scale_thousands;
    bool group, has_digits, date, text_at;
    char prefix[128], suffix[128];
} section;

static void add_literal(section *s, bool after, const char *t, size_t n)
{
    char *dst = after ? s->suffix : s->prefix;
    size_t have = strlen(dst);
    if (have + n >= sizeof s->prefix) n = sizeof s->prefix - 1 - have;
    memcpy(dst + have, t, n);
    dst[have + n] = '\0';
}

static void parse_section(const char *p, size_t n, section *s)
{
    memset(s, 0, sizeof *s);
    bool in_frac = false, after = false;
    int pending_commas = 0;
    const char *end = p + n;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            const char *q = p + 1;
            while (q < end && *q != '"') q++;
            add_literal(s, after || s->has_digits, p + 1, (size_t)(q - p - 1));
            p = q < end ? q + 1 : q;
            continue;
        }
        if (c == '\\' && p + 1 < end) {
            add_literal(s, s->has_digits, p + 1, 1);
            p += 2;
            continue;
        }
        if (c == '_' && p + 1 < end) {     /* width of a character: a space */
            add_literal(s, s->has_digits, " ", 1);
            p += 2;
            continue;
        }
        if (c == '*' && p + 1 < end) {     /* fill: nothing in a text rendering */
            p += 2;
            continue;
        }
        if (c == '[') {
            const char *q = memchr(p, ']', (size_t)(end - p));
            if (!q) break;
            if (p[1] == '$') {             /* [$Rp-421]: currency text before '-' */
                const char *t = p + 2, *dash = t;
                while (dash < q && *dash != '-') dash++;
                add_literal(s, s->has_digits, t, (size_t)(dash - t));
            } else if ((p[1] | 0x20) == 'h' || (p[1] | 0x20) == 'm' || (p[1] | 0x20) == 's') {
                s->date = true;            /* [h]:mm elapsed time */
            }
            p = q + 1;
            continue;
        }
        if (c == '0' || c == '#' || c == '?') {
            if (pending_commas) {          /* commas between digits: grouping */
                s->group = true;
                pending_commas = 0;
            }
            s->has_digits = true;
            if (in_frac) {
                s->decimals++;
                if (c == '0') s->min_dec = s->decimals;
            } else if (c == '0') {
                s->min_int++;
            }
            p++;
            continue;
        }
        if (c == '.' && !in_frac && (s->has_digits || (p + 1 < end && (p[1] == '0' || p[1] == '#' || p[1] == '?')))) {
            in_frac = true;
            s->has_digits = true;
            p++;
            continue;
        }
        if (c == ',' && s->has_digits) {
            pending_commas++;
            p++;
            continue;
        }
        if (c == '%') {
            s->percent++;
            add_literal(s, s->has_digits, "%", 1);
            p++;
            continue;
        }
        if (c == '@') {
            s->text_at = true;
            p++;
            continue;
        }
        if ((c == 'E' || c == 'e') && s->has_digits && p + 1 < end && (p[1] == '+' || p[1] == '-')) {
            s->date = false;
            s->has_digits = false;         /* scientific: General instead */
            s->decimals = -1;
            return;
        }
        if (is_date_letter(c) && !s->has_digits) {
            s->date = true;
            p++;
            continue;
        }
        if (c == '/' && s->has_digits) {   /* fraction: General instead */
            s->has_digits = false;
            s->decimals = -1;
            return;
        }
        if (pending_commas) {              /* commas after the digits scale by 1000 each */
            s->scale_thousands += pending_commas;
            pending_commas = 0;
        }
        after = s->has_digits;
        add_literal(s, s->has_digits, p, 1);
        p++;
    }
    s->scale_thousands += pending_commas;
}

bool numfmt_is_date(const char *code)
{
    if (!code || !code[0]) return false;
    const char *sec[4];
    size_t len[4];
    split_sections(code, sec, len);
    section s;
    parse_section(sec[0], len[0], &s);
    if (s.has_digits) return false;
    /* a date letter outside quotes and brackets */
    bool quoted = false;
    for (size_t i = 0; i < len[0]; i++) {
        char c = sec[0][i];
        if (c == '"') quoted = !quoted;
        else if (c == '\\') i++;
        else if (c == '[') {
            if (sec[0][i + 1] == '$') {
                while (i < len[0] && sec[0][i] != ']') i++;
            } else {
                return true;
            }
        } else if (!quoted && is_date_letter(c)) return true;
    }
    return false;
}

/* ---- dates ---- */

static const char *const months[12] = { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                        "Agustus", "September", "Oktober", "November", "Desember" };
static const char *const months_short[12] = { "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul",
                                              "Agu", "Sep", "Okt", "Nov", "Des" };

/* Serial day -> civil date (proleptic Gregorian), 1900 or 1904 system. */
static void serial_to_date(long serial, bool date1904, int *y, int *m, int *d)
{
    /* days since 1970-01-01 */
    long days = date1904 ? serial - 24107 : serial - 25569;
    if (!date1904 && serial < 60) days++;          /* the 1900 leap-year bug */
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void render_date(out_t *o, const dnum *v, const char *p, size_t n, bool date1904)
{
    dnum whole = *v;
    round_at(&whole, 0);
    long serial = 0;
    for (int pos = top_pos(&whole); pos >= 0 && whole.ndigits; pos--) serial = serial * 10 + (digit_at(&whole, pos) - '0');
    int y, m, d;
    serial_to_date(serial, date1904, &y, &m, &d);
    const char *end = p + n;
    char tmp[32];
    while (p < end) {
        char c = (char)(*p | 0x20);
        size_t run = 1;
        while (p + run < end && (char)(p[run] | 0x20) == c) run++;
        if (*p == '"') {
            const char *q = p + 1;
            while (q < end && *q != '"') put(o, *q++);
            p = q < end ? q + 1 : q;
            continue;
        }
        if (*p == '[') {
            const char *q = memchr(p, ']', (size_t)(end - p));
            p = q ? q + 1 : end;
            continue;
        }
        if (*p == '\\' && p + 1 < end) {
            put(o, p[1]);
            p += 2;
            continue;
        }
        if (c == 'y') {
            snprintf(tmp, sizeof tmp, run <= 2 ? "%02d" : "%04d", run <= 2 ? y % 100 : y);
            puts_(o, tmp);
        } else if (c == 'd') {
            snprintf(tmp, sizeof tmp, run == 1 ? "%d" : "%02d", d);
            if (run <= 2) puts_(o, tmp);
        } else if (c == 'm') {
            if (run >= 4) puts_(o, months[m - 1]);
            else if (run == 3) puts_(o, months_short[m - 1]);
            else {
                snprintf(tmp, sizeof tmp, run == 1 ? "%d" : "%02d", m);
                puts_(o, tmp);
            }
        } else if (c == 'h' || c == 's') {
            for (size_t k = 0; k < run; k++) put(o, '0');
        } else {
            for (size_t k = 0; k < run; k++) put(o, p[k]);
        }
        p += run;
    }
}

bool numfmt_render(const char *value, const char *code, bool date1904, char *buf, size_t size)
{
    out_t o = { buf, size, 0 };
    if (size) buf[0] = '\0';
    dnum d;
    if (!value || !parse_value(value, &d)) {
        snprintf(buf, size, "%s", value ? value : "");
        return false;
    }
    round_significant(&d, MAX_DIGITS);
    if (!code || !code[0] || strncmp(code, "General", 7) == 0 || strcmp(code, "@") == 0) {
        render_general(&o, d);
        return true;
    }
    const char *sec[4];
    size_t len[4];
    int nsec = split_sections(code, sec, len);
    bool zero = d.ndigits == 0;
    int which = 0;
    if (d.neg && !zero && nsec >= 2) which = 1;
    else if (zero && nsec >= 3) which = 2;
    section s;
    parse_section(sec[which], len[which], &s);
    if (s.date || (!s.has_digits && s.decimals == 0 && numfmt_is_date(code))) {
        render_date(&o, &d, sec[which], len[which], date1904);
        return true;
    }
    if (!s.has_digits) {
        if (s.decimals < 0) {               /* scientific or fraction */
            render_general(&o, d);
            return true;
        }
        /* only literal text: the section shows it (e.g. "-" for zero) */
        puts_(&o, s.prefix);
        puts_(&o, s.suffix);
        return true;
    }
    d.exp += 2 * s.percent - 3 * s.scale_thousands;
    round_at(&d, -s.decimals);
    bool neg = d.neg && d.ndigits > 0;
    if (neg && which == 0) put(&o, '-');    /* one section: the sign comes with the number */
    puts_(&o, s.prefix);
    put_number(&o, &d, s.min_int, s.group, s.decimals, s.min_dec);
    puts_(&o, s.suffix);
    /* a "-" section for zero etc. leaves the number out */
    return true;
}
