/*
 * number.c — reads one table cell as Indonesian (or English) reports
 * write numbers; see number.h and docs/FORMAT.md.
 *
 * Provides number_parse and number_style_evidence. Uses decimal.h only:
 * the cell is rewritten into the canonical "-1234.50" form and handed to
 * decimal_parse, so there is one place that turns digits into a value and
 * checks it for overflow. No floating point, no locale, no Lua.
 *
 * The input is text[0..len), not necessarily NUL-terminated, and may hold
 * any bytes: every read goes through a pointer compared with `end`.
 *
 * Shape of a cell, in order (blanks = ASCII white space and the Unicode
 * spaces listed in blank_at):
 *   [sign] ["Rp" ["."]] [sign] number [",-"] [blanks] ["%" | "persen"] [unit]
 * or a placeholder: "-", "–", "—", "n/a" (any case), optionally followed by
 * a unit ("- Orang"). The number part is digits with '.' and ','; which is
 * the decimal separator depends on the style:
 *
 *   Ambiguity rule. In NUMBER_STYLE_ID the comma is always the decimal
 *   separator and the dot only groups thousands; NUMBER_STYLE_EN swaps
 *   them. Grouping must be well formed: a first group of 1-3 digits not
 *   starting with 0, then groups of exactly three digits; anything else
 *   ("1.2.3", "93.6" in ID, "2,99" in EN) is NUMBER_INVALID with a note,
 *   never a guess. A number is AMBIGUOUS when it has exactly one separator
 *   (one '.' or one ','), exactly three digits after it, and 1-3 digits
 *   before it not starting with 0 ("4.179", "4,179", "5.350"): only then
 *   is it well formed in both styles, with values a factor 1000 apart. It
 *   is read in the requested style and flagged. Everything else reads the
 *   same in both styles or is valid in only one, which is what
 *   number_style_evidence reports for the per-document vote.
 */
#include "model/number.h"

#include <string.h>

/* Longest canonical text we build: sign, 19 integer digits, point and 18
 * decimals is 39 bytes; a cell with more digits is refused as too long. */
#define CANON_MAX 48

/* A bare number this short (digits and separators together) never meets
 * read_core's limits: under 10^18, so no overflow; at most 17 decimals;
 * a canonical form far under CANON_MAX. */
#define BARE_SHORT 18

static void note_add(number *out, const char *msg)
{
    size_t have = strlen(out->note), room;
    if (have > 0) {
        /* Several oddities in one cell: keep them all, "a; b". */
        if (have + 2 >= NUMBER_NOTE_MAX)
            return;
        memcpy(out->note + have, "; ", 2);
        have += 2;
    }
    room = NUMBER_NOTE_MAX - 1 - have;
    size_t n = strlen(msg);
    if (n > room)
        n = room;       /* notes are ASCII, so any byte is a boundary */
    memcpy(out->note + have, msg, n);
    out->note[have + n] = '\0';
}

/* Bytes of the blank character starting at p (0 if none): ASCII white
 * space, U+00A0 no-break space, U+2000..U+200B (en/em/thin/hair/zero-width
 * spaces), U+202F narrow no-break space, U+205F, U+3000 and the U+FEFF byte
 * order mark that spreadsheets put at the start of a CSV cell. */
static size_t blank_at(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t n = (size_t)(end - p);

    if (n == 0)
        return 0;
    if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r' ||
        u[0] == '\v' || u[0] == '\f')
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n >= 3) {
        if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF))
            return 3;
        if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
            return 3;
        if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
            return 3;
        if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
            return 3;
    }
    return 0;
}

/* Bytes of the blank character that ends just before `end` (0 if none). */
static size_t blank_before(const char *start, const char *end)
{
    size_t n = (size_t)(end - start);
    if (n >= 1 && blank_at(end - 1, end) == 1)
        return 1;
    if (n >= 2 && blank_at(end - 2, end) == 2)
        return 2;
    if (n >= 3 && blank_at(end - 3, end) == 3)
        return 3;
    return 0;
}

static const char *skip_blanks(const char *p, const char *end)
{
    size_t b;
    while ((b = blank_at(p, end)) > 0)
        p += b;
    return p;
}

/* Bytes of a dash at p: '-', U+2013 en dash, U+2014 em dash, U+2212 minus. */
static size_t dash_at(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t n = (size_t)(end - p);

    if (n >= 1 && u[0] == '-')
        return 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
        return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
        return 3;
    return 0;
}

/* Bytes of a minus sign at p: a dash other than the em dash, which word
 * processors use for "nothing", never for a negative number. */
static size_t minus_at(const char *p, const char *end)
{
    size_t d = dash_at(p, end);
    if (d == 3 && (unsigned char)p[2] == 0x94)
        return 0;
    return d;
}

static int is_digit_at(const char *p, const char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

static char lower_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* 1 if text at p starts with the ASCII word w, ignoring case. */
static int starts_with_ci(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower_ascii(p[i]) != w[i])
            return 0;
    return 1;
}

static int is_alpha_ascii(char c)
{
    c = lower_ascii(c);
    return c >= 'a' && c <= 'z';
}

/* Copies text[p..end) into out->unit: ASCII lower-cased, blank runs
 * collapsed to one space, trimmed, cut to fit without splitting a UTF-8
 * sequence (a lead byte and its continuation bytes move together, even in
 * malformed input). */
static void set_unit(number *out, const char *p, const char *end)
{
    size_t len = 0;
    int pending_space = 0;

    p = skip_blanks(p, end);
    while (p < end) {
        size_t b = blank_at(p, end), clen = 1;
        if (b > 0) {
            pending_space = 1;
            p += b;
            continue;
        }
        while (p + clen < end && clen < 4 && ((unsigned char)p[clen] & 0xC0) == 0x80)
            clen++;
        if (len + pending_space + clen > NUMBER_UNIT_MAX - 1)
            break;
        if (pending_space)
            out->unit[len++] = ' ';
        pending_space = 0;
        for (size_t i = 0; i < clen; i++)
            out->unit[len++] = lower_ascii(p[i]);
        p += clen;
    }
    out->unit[len] = '\0';
}

/* Reads what follows a number or placeholder: '%' / "persen" set the
 * percent flag (a second '%' is a typo worth reporting), the rest is the
 * unit. */
static void parse_suffix(number *out, const char *p, const char *end)
{
    p = skip_blanks(p, end);
    if (p < end && *p == '%') {
        out->flags |= NUMBER_PERCENT;
        p++;
        const char *q = skip_blanks(p, end);
        if (q < end && *q == '%') {
            out->flags |= NUMBER_MALFORMED;
            note_add(out, "doubled percent sign");
            p = q + 1;
            while (p < end && *p == '%')
                p++;
        }
    } else if (starts_with_ci(p, end, "persen") &&
               (p + 6 == end || !is_alpha_ascii(p[6]))) {
        out->flags |= NUMBER_PERCENT;
        p += 6;
    }
    set_unit(out, p, end);
}

/* What follows a number and makes the cell something other than one
 * number: a ratio "1:17,9", a range "69,1–69,5" / "69,1 s.d. 69,5", a
 * fraction or date "3/5". Returns the note, or NULL. */
static const char *compound_after(const char *p, const char *end)
{
    size_t d;

    p = skip_blanks(p, end);
    if (p >= end)
        return NULL;
    if (*p == ':' && is_digit_at(skip_blanks(p + 1, end), end))
        return "ratio";
    if ((d = dash_at(p, end)) > 0 && is_digit_at(skip_blanks(p + d, end), end))
        return "range";
    if (starts_with_ci(p, end, "s.d.") && is_digit_at(skip_blanks(p + 4, end), end))
        return "range";
    if ((starts_with_ci(p, end, "s.d") || starts_with_ci(p, end, "s/d")) &&
        is_digit_at(skip_blanks(p + 3, end), end))
        return "range";
    if (*p == '/' && is_digit_at(p + 1, end))
        return "fraction or date";
    return NULL;
}

/* Bytes of a spreadsheet exponent at p ("E+09", "e-3", "E5") followed by
 * the end, a blank or '%'; 0 if none. */
static size_t exponent_at(const char *p, const char *end)
{
    const char *q = p;
    if (q >= end || (*q != 'E' && *q != 'e'))
        return 0;
    q++;
    if (q < end && (*q == '+' || *q == '-'))
        q++;
    const char *digits = q;
    while (q < end && *q >= '0' && *q <= '9')
        q++;
    if (q == digits || q - digits > 3)
        return 0;
    if (q < end && *q != '%' && !blank_at(q, end))
        return 0;
    return (size_t)(q - p);
}

/* Scientific notation as spreadsheets display a number too wide for its
 * cell: "2,32278E+09", "1.5E-3". The mantissa is never grouped, so its one
 * separator is the decimal one; it must be the style's (a decimal point in
 * a decimal-comma column is a finding, not a guess). The value is exact:
 * the mantissa's digits shifted by the exponent, never a unit "e+09". */
static void read_scientific(const char *core, size_t n, const char *p, const char *end,
                            enum number_style style, int negative, number *out)
{
    const char dec = style == NUMBER_STYLE_EN ? '.' : ',';
    char digits[CANON_MAX], canon[CANON_MAX + 24];
    size_t nd = 0, after = 0, seps = 0;
    const char *why = NULL;

    out->flags |= NUMBER_SCIENTIFIC;
    for (size_t i = 0; i < n; i++) {
        if (core[i] == '.' || core[i] == ',') {
            seps++;
            if (core[i] != dec)
                why = style == NUMBER_STYLE_EN ? "decimal comma in scientific notation where point expected"
                                               : "decimal point in scientific notation where comma expected";
            continue;
        }
        if (nd + 1 >= sizeof digits) {
            why = "number too long";
            break;
        }
        digits[nd++] = core[i];
        if (seps)
            after++;
    }
    if (!why && (seps > 1 || nd == 0 || (after == 0 && seps)))
        why = "malformed scientific notation";

    size_t e = exponent_at(p, end);
    const char *q = p + 1;
    int eneg = *q == '-';
    if (*q == '+' || *q == '-')
        q++;
    long exp = 0;
    while (q < p + e)
        exp = exp * 10 + (*q++ - '0');
    if (eneg)
        exp = -exp;
    long shift = exp - (long)after;     /* value = digits x 10^shift */

    if (!why) {
        size_t len = 0;
        if (negative)
            canon[len++] = '-';
        if (shift >= 0) {
            if (nd + (size_t)shift + 2 > sizeof canon) {
                why = "number too large";
            } else {
                memcpy(canon + len, digits, nd);
                len += nd;
                memset(canon + len, '0', (size_t)shift);
                len += (size_t)shift;
            }
        } else {
            size_t scale = (size_t)-shift;
            if (scale > DECIMAL_MAX_SCALE) {
                why = "too many decimal digits";
            } else {
                size_t lead = nd > scale ? nd - scale : 0;
                memcpy(canon + len, digits, lead);
                len += lead;
                if (!lead)
                    canon[len++] = '0';
                canon[len++] = '.';
                for (size_t z = nd; z < scale; z++)
                    canon[len++] = '0';
                memcpy(canon + len, digits + lead, nd - lead);
                len += nd - lead;
            }
        }
        canon[len] = '\0';
    }
    parse_suffix(out, p + e, end);
    if (!why) {
        int rc = decimal_parse(canon, &out->value);
        if (rc == DECIMAL_OK) {
            out->kind = NUMBER_VALUE;
            note_add(out, "scientific notation");
            return;
        }
        why = rc == DECIMAL_BAD_SCALE ? "too many decimal digits" : "number too large";
    }
    out->kind = NUMBER_INVALID;
    out->value = decimal_from_int(0);
    out->note[0] = '\0';
    note_add(out, why);
}

/* Checks the digit run core[0..n) in the given style and reads its value
 * into *value. `negative` gives the sign. Returns NULL when the run is
 * well formed and its value fits, else the note for INVALID. Sets
 * MALFORMED / AMBIGUOUS on out as it finds them.
 *
 * The value is what decimal_parse gives for the canonical form ("-1234.50":
 * group separators dropped, the decimal one a point unless it ends the
 * run), read here without writing that form: the same limits (too many
 * decimals first, then a magnitude over 64 bits) and the same refusal of
 * a form longer than CANON_MAX would allow. */
static const char *read_core(const char *core, size_t n, enum number_style style,
                             int negative, int no_cents, number *out, decimal *value)
{
    const char dec = style == NUMBER_STYLE_EN ? '.' : ',';
    const char grp = style == NUMBER_STYLE_EN ? ',' : '.';
    size_t ndec = 0, ngrp = 0, decpos = n, firstsep = n, lastgrp = 0, i;
    /* One pass: where the separators are, and the value as if the run
     * were well formed (used only once the checks below pass). `written`
     * counts what the canonical form holds: digits, and the point when a
     * digit follows it. */
    uint64_t mag = 0;
    int over = 0;
    size_t scale = 0, written = 0;
    for (i = 0; i < n; i++) {
        char ch = core[i];
        if (ch == dec) {
            if (firstsep == n)
                firstsep = i;
            if (ndec++ == 0)
                decpos = i;
            if (i + 1 < n)
                written++;
        } else if (ch == grp) {
            if (firstsep == n)
                firstsep = i;
            ngrp++;
            lastgrp = i;
        } else {
            written++;
            unsigned digit = (unsigned)(ch - '0');
            /* mag * 10 + digit > UINT64_MAX, without a division */
            if (mag > UINT64_MAX / 10 || (mag == UINT64_MAX / 10 && digit > UINT64_MAX % 10))
                over = 1;
            else
                mag = mag * 10 + digit;
            scale += ndec != 0;
        }
    }
    if (ndec > 1)
        return style == NUMBER_STYLE_EN ? "more than one decimal point" : "more than one decimal comma";
    if (ngrp > 0 && decpos < n && lastgrp > decpos)
        return style == NUMBER_STYLE_EN ? "thousands comma after decimal point"
                                        : "thousands dot after decimal comma";
    if (decpos == 0 || (ngrp > 0 && core[0] == grp))
        return "no digit before separator";
    if (no_cents && ndec > 0)
        /* ",-" says "whole rupiah"; decimals before it contradict that. */
        return "decimals before ,-";

    /* Integer part core[0..decpos): groups separated by grp. */
    if (ngrp > 0) {
        size_t start = 0, group = 0;
        int bad = 0;
        for (i = 0; i <= decpos; i++) {
            if (i == decpos || core[i] == grp) {
                size_t glen = i - start;
                if (group == 0 ? (glen < 1 || glen > 3 || core[0] == '0') : glen != 3)
                    bad = 1;
                group++;
                start = i + 1;
            }
        }
        if (bad) {
            if (core[decpos - 1] == grp)
                return "separator without digits";
            if (ngrp == 1 && ndec == 0)
                /* One lone separator that cannot group thousands: it is
                 * the other convention's decimal separator. */
                return style == NUMBER_STYLE_EN ? "decimal comma where decimal point expected"
                                                : "decimal point where decimal comma expected";
            return "bad digit grouping";
        }
    }

    if (ndec == 1 && decpos == n - 1) {
        /* "94,%": the value is still read, the typo is reported. */
        out->flags |= NUMBER_MALFORMED;
        note_add(out, style == NUMBER_STYLE_EN ? "decimal point without digits"
                                               : "decimal comma without digits");
    }

    /* The one shape valid in both styles: see the rule at the top. With
     * ",-" the comma is already spoken for, so the dot can only group. */
    if (ndec + ngrp == 1 && !no_cents) {
        if (n - firstsep - 1 == 3 && firstsep >= 1 && firstsep <= 3 && core[0] != '0') {
            out->flags |= NUMBER_AMBIGUOUS;
            if (style == NUMBER_STYLE_EN)
                note_add(out, ndec ? "point before three digits: read as decimal"
                                   : "comma before three digits: read as thousands");
            else
                note_add(out, ndec ? "comma before three digits: read as decimal"
                                   : "dot before three digits: read as thousands");
        }
    }

    /* the canonical form, sign included, must leave room in CANON_MAX at
     * its last character (what is written before it: all but a last digit) */
    size_t written_before_last = written - (n && core[n - 1] >= '0' && core[n - 1] <= '9');
    if ((size_t)(negative != 0) + written_before_last + 2 >= CANON_MAX)
        return "number too long";
    if (scale > DECIMAL_MAX_SCALE)
        return "too many decimal digits";
    /* decimal_parse's range: -2^63 .. 2^63 - 1 */
    if (over || mag > (uint64_t)INT64_MAX + (negative ? 1u : 0u))
        return "number too large";
    value->coef = !negative ? (int64_t)mag : mag ? -(int64_t)(mag - 1) - 1 : 0;
    value->scale = (int)scale;
    return NULL;
}

/* A bare number core[0..n) of at most BARE_SHORT bytes that read_core
 * reads as a value with no flag and no note (well grouped, one decimal
 * separator at most with digits after it, not the ambiguous shape): 1 and
 * *value, as read_core gives it. 0 for anything else, which read_core
 * then reads. The first `from` bytes are digits whose value is mag. One
 * pass, the grouping checked as the separators come: the value cells of
 * a data file are mostly such. */
static int bare_short_value(const char *core, size_t n, enum number_style style, size_t from, uint64_t mag,
                            decimal *value)
{
    const char dec = style == NUMBER_STYLE_EN ? '.' : ',';
    const char grp = style == NUMBER_STYLE_EN ? ',' : '.';
    size_t ndec = 0, ngrp = 0, firstsep = n, run = from, scale = 0;
    if (from == 0 || n > BARE_SHORT)
        return 0;
    for (size_t i = from; i < n; i++) {
        char ch = core[i];
        if (ch >= '0' && ch <= '9') {
            mag = mag * 10 + (unsigned)(ch - '0');
            scale += ndec;
            run++;
        } else if (ch == grp) {
            /* a group ends: the first of 1-3 digits not starting with 0,
             * the others of 3; none after the decimal separator */
            if (ndec || (ngrp == 0 ? run > 3 || core[0] == '0' : run != 3))
                return 0;
            if (firstsep == n)
                firstsep = i;
            ngrp++;
            run = 0;
        } else if (ch == dec) {
            if (ndec || (ngrp && run != 3))
                return 0;
            if (firstsep == n)
                firstsep = i;
            ndec = 1;
            run = 0;
        } else {
            return 0;
        }
    }
    if (ngrp && !ndec && run != 3)
        return 0;                   /* the last group */
    if (ndec && run == 0)
        return 0;                   /* "decimal ... without digits" */
    if (ndec + ngrp == 1 && n - firstsep - 1 == 3 && firstsep <= 3 && core[0] != '0')
        return 0;                   /* ambiguous: flagged, with a note */
    value->coef = (int64_t)mag;
    value->scale = (int)scale;
    return 1;
}

/* A bare number: digits, '.' and ',' only, a digit first. */
static int is_bare(const char *text, size_t len)
{
    if (!len || text[0] < '0' || text[0] > '9')
        return 0;
    for (size_t i = 1; i < len; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || text[i] == '.' || text[i] == ','))
            return 0;
    return 1;
}

/* number_parse_plain, and in *vote what number_style_evidence gives the
 * same text when the short ways settle it (NUMBER_VOTE_UNKNOWN when they
 * do not). Only the separators decide a vote, and what the short ways
 * read says enough of them: no separator (digits only, or empty) votes
 * nothing; a word (a letter first, not n or r) is text in both styles;
 * and a bare number bare_short_value reads with a separator is well
 * formed and not the ambiguous shape in its style, so never in the other
 * (its grouping is the mirror image, which only the ambiguous shape
 * meets), nor "without digits" there (it ends with a digit): it votes
 * for its style. tests/unit/test_number.c checks it against the
 * definition. */
static inline int plain_core(const char *text, size_t len, enum number_style style, decimal *value, int *vote)
{
    if (!text || !len) {
        *vote = text ? 0 : NUMBER_VOTE_UNKNOWN;
        return -1;
    }
    /* Most cells of a data file are a bare number: digits, '.' and ','
     * only, a digit first. The commonest of them, digits only (a year, a
     * row number, a count), is a value as it stands when it has at most
     * BARE_SHORT digits: no separator for read_core to check, under every
     * limit it has. */
    if (len <= BARE_SHORT) {
        uint64_t mag = 0;
        size_t i = 0;
        for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) mag = mag * 10 + (unsigned)(text[i] - '0');
        if (i == len) {
            *value = decimal_from_int((int64_t)mag);
            *vote = 0;
            return NUMBER_VALUE;
        }
        /* and, with separators, the well-formed ones with nothing to note */
        if (bare_short_value(text, len, style, i, mag, value)) {
            *vote = style == NUMBER_STYLE_EN ? -1 : 1;
            return NUMBER_VALUE;
        }
    }
    /* A word (a letter first, but not the n of "n/a" or the r of "Rp"):
     * text, as number_parse's steps would find (instansi, tabel columns). */
    if (is_alpha_ascii(*text) && lower_ascii(*text) != 'n' && lower_ascii(*text) != 'r') {
        *value = decimal_from_int(0);
        *vote = 0;
        return NUMBER_TEXT;
    }
    *vote = NUMBER_VOTE_UNKNOWN;
    return -1;
}

int number_parse_plain(const char *text, size_t len, enum number_style style, decimal *value)
{
    int vote;
    return plain_core(text, len, style, value, &vote);
}

int number_parse_plain_vote(const char *text, size_t len, enum number_style style, decimal *value, int *vote)
{
    return plain_core(text, len, style, value, vote);
}

void number_parse(const char *text, size_t len, enum number_style style, number *out)
{
    const char *p, *end, *core;
    const char *why;
    size_t b, d, ncore;
    int negative = 0;

    memset(out, 0, sizeof *out);
    out->kind = NUMBER_EMPTY;
    out->value = decimal_from_int(0);
    if (!text)
        return;
    p = text;
    end = text + len;

    /* the short ways first (number_parse_plain); the result is the same */
    decimal value;
    int kind = number_parse_plain(text, len, style, &value);
    if (kind >= 0) {
        out->kind = (enum number_kind)kind;
        out->value = value;
        return;
    }
    /* Any other bare number: every step below up to read_core finds
     * nothing (no blank, sign, currency, dash, exponent, compound or
     * suffix), so it goes straight to it. */
    if (is_bare(text, len)) {
        core = p;
        ncore = len;
        p = end;
        goto read_number;
    }

    while ((b = blank_at(p, end)) > 0)
        p += b;
    while (end > p && (b = blank_before(p, end)) > 0)
        end -= b;
    if (p == end)
        return;

    /* Column-number markers "(1)", "(2)" head many tables: not data. */
    if (*p == '(') {
        out->kind = NUMBER_TEXT;
        return;
    }

    if (starts_with_ci(p, end, "n/a") && (p + 3 == end || blank_at(p + 3, end))) {
        out->kind = NUMBER_MISSING;
        parse_suffix(out, p + 3, end);
        return;
    }

    /* Sign may come before or after the currency: "-Rp5", "Rp -5". */
    if ((d = minus_at(p, end)) > 0 &&
        (is_digit_at(p + d, end) || starts_with_ci(p + d, end, "rp"))) {
        negative = 1;
        p += d;
    } else if (*p == '+' && is_digit_at(p + 1, end)) {
        p++;
    }
    if (starts_with_ci(p, end, "rp")) {
        const char *q = p + 2;
        if (q == end || *q == '.' || blank_at(q, end) || is_digit_at(q, end) || dash_at(q, end)) {
            out->flags |= NUMBER_CURRENCY;
            if (q < end && *q == '.')
                q++;
            p = skip_blanks(q, end);
            if (!negative && (d = minus_at(p, end)) > 0 && is_digit_at(p + d, end)) {
                negative = 1;
                p += d;
            }
        }
    }

    if (!negative && (d = dash_at(p, end)) > 0) {
        /* A dash that is not a minus sign: "-", "- Orang", "Rp -,-". */
        const char *q = skip_blanks(p + d, end);
        if (is_digit_at(q, end)) {
            /* "- 5" is a bullet or a detached sign, "—5" a dash used as a
             * sign: refuse to guess the value. */
            out->kind = NUMBER_INVALID;
            note_add(out, q > p + d ? "space after minus sign" : "dash before number");
            return;
        }
        q = p;
        while (q < end) {
            if ((d = dash_at(q, end)) > 0)
                q += d;
            else if (*q == ',' || *q == '.')
                q++;
            else
                break;
        }
        out->kind = NUMBER_MISSING;
        parse_suffix(out, q, end);
        return;
    }

    if (p == end || (!is_digit_at(p, end) &&
                     !((*p == ',' || *p == '.') && is_digit_at(p + 1, end)))) {
        out->kind = NUMBER_TEXT;
        out->flags = 0;
        return;
    }

    core = p;
    while (p < end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == ','))
        p++;
    ncore = (size_t)(p - core);
    /* ",-" after rupiah: no cents. Strip the comma so the number reads as
     * an integer in either style. */
    if (ncore > 0 && core[ncore - 1] == ',' && (d = dash_at(p, end)) > 0) {
        out->flags |= NUMBER_NO_CENTS;
        ncore--;
        p += d;
        while ((d = dash_at(p, end)) > 0)
            p += d;
    }

    if (exponent_at(p, end)) {
        if (negative)
            out->flags |= NUMBER_NEGATIVE;
        read_scientific(core, ncore, p, end, style, negative, out);
        return;
    }
    if ((why = compound_after(p, end)) != NULL) {
        out->kind = NUMBER_TEXT;
        out->flags = 0;
        note_add(out, why);
        return;
    }
    if (blank_at(p, end) && is_digit_at(skip_blanks(p, end), end)) {
        /* "1 234": grouping by spaces is not a convention these reports
         * use, and reading "1" with unit "234" would be silently wrong. */
        out->kind = NUMBER_INVALID;
        note_add(out, "space inside number");
        return;
    }

read_number:
    if (negative)
        out->flags |= NUMBER_NEGATIVE;
    /* Number first, then suffix, so notes come in reading order. */
    why = read_core(core, ncore, style, negative, (out->flags & NUMBER_NO_CENTS) != 0, out, &value);
    if (p < end)        /* nothing after the number: parse_suffix would find nothing */
        parse_suffix(out, p, end);
    if (!why) {
        out->value = value;
        out->kind = NUMBER_VALUE;
        return;
    }
    out->kind = NUMBER_INVALID;
    out->value = decimal_from_int(0);
    out->flags &= ~(unsigned)(NUMBER_AMBIGUOUS | NUMBER_MALFORMED);
    out->note[0] = '\0';
    note_add(out, why);
}

/* Where one separator character stands in a bare number. */
typedef struct {
    size_t count, first, last;
} sep_places;

/* What read_core says of a bare number core[0..n) of at most BARE_SHORT
 * bytes whose decimal separator stands at dec and group separator (the
 * character grp) at g, without reading its value: 1 valid, 0 invalid, -1
 * a note or refusal that says "without digits" (the separator ends the
 * run, or a group separator ends the integer part), which
 * number_style_evidence takes as no vote. The same checks in the same
 * order; the survey of a streamed file asks this twice for most of its
 * cells, from one scan (bare_short_vote). */
static int bare_short_reading(const char *core, size_t n, const sep_places *dec, const sep_places *g, char grp)
{
    size_t ndec = dec->count, ngrp = g->count, decpos = ndec ? dec->first : n, lastgrp = g->last;
    if (ndec > 1)
        return 0;
    if (ngrp > 0 && decpos < n && lastgrp > decpos)
        return 0;
    /* a digit first: never "no digit before separator" */
    if (ngrp > 0) {
        size_t start = 0, group = 0;
        for (size_t i = 0; i <= decpos; i++) {
            if (i == decpos || core[i] == grp) {
                size_t glen = i - start;
                if (group == 0 ? (glen < 1 || glen > 3 || core[0] == '0') : glen != 3)
                    return core[decpos - 1] == grp ? -1 : 0;
                group++;
                start = i + 1;
            }
        }
    }
    if (ndec == 1 && decpos == n - 1)
        return -1;
    return 1;
}

/* The vote of a short bare number whose separators are dot and comma:
 * each style judged from them (0: no separator, or read alike or by
 * neither). */
static int separators_vote(const char *text, size_t len, const sep_places *dot, const sep_places *comma)
{
    if (!dot->count && !comma->count)
        return 0;
    /* The commonest shapes, worked out from bare_short_reading without
     * walking the groups (the survey of a streamed file asks this of
     * every value cell). One separator at p, k digits after it: read as
     * a decimal separator it is valid unless it ends the number (-1, "without
     * digits"); as a group separator, valid only when p is 1-3 without a
     * leading 0 and k is 3 (the ambiguous shape), else invalid (-1 when
     * it ends the number). */
    if (dot->count + comma->count == 1) {
        size_t p = dot->count ? dot->first : comma->first, k = len - p - 1;
        if (k == 0 || (p >= 1 && p <= 3 && text[0] != '0' && k == 3))
            return 0;
        return dot->count ? -1 : 1;
    }
    /* One of each: the later one can only be the decimal separator (read
     * the other way, a group after the decimal one: invalid, 0), and the
     * number is valid that way when the earlier one ends a first group of
     * 1-3 digits without a leading 0, three digits follow it, and the
     * decimal separator does not end the number; else 0 or -1, no vote. */
    if (dot->count == 1 && comma->count == 1) {
        int comma_decimal = dot->first < comma->first;
        size_t g = comma_decimal ? dot->first : comma->first, d = comma_decimal ? comma->first : dot->first;
        if (g < 1 || g > 3 || text[0] == '0' || d - g - 1 != 3 || d == len - 1)
            return 0;
        return comma_decimal ? 1 : -1;
    }
    int id = bare_short_reading(text, len, comma, dot, '.'), en = bare_short_reading(text, len, dot, comma, ',');
    if (id < 0 || en < 0)
        return 0;
    return id == en ? 0 : (id ? 1 : -1);
}

/* number_style_evidence of a bare number of at most BARE_SHORT bytes: the
 * separators found in one scan, each style judged from them. */
static int bare_short_vote(const char *text, size_t len)
{
    sep_places dot = { 0, 0, 0 }, comma = { 0, 0, 0 };
    for (size_t i = 0; i < len; i++) {
        sep_places *p = text[i] == '.' ? &dot : text[i] == ',' ? &comma : NULL;
        if (!p)
            continue;
        if (p->count++ == 0)
            p->first = i;
        p->last = i;
    }
    return separators_vote(text, len, &dot, &comma);
}

int number_style_evidence_bare(const char *text, size_t len)
{
    return len <= BARE_SHORT ? bare_short_vote(text, len) : number_style_evidence(text, len);
}

int number_style_vote_short(const char *text)
{
    /* one scan: bare, short, and where its separators stand */
    sep_places dot = { 0, 0, 0 }, comma = { 0, 0, 0 };
    size_t len = 0;
    if (text[0] < '0' || text[0] > '9')
        return NUMBER_VOTE_UNKNOWN;
    for (; text[len]; len++) {
        char c = text[len];
        if (len >= BARE_SHORT)
            return NUMBER_VOTE_UNKNOWN;
        if (c >= '0' && c <= '9')
            continue;
        sep_places *p = c == '.' ? &dot : c == ',' ? &comma : NULL;
        if (!p)
            return NUMBER_VOTE_UNKNOWN;
        if (p->count++ == 0)
            p->first = len;
        p->last = len;
    }
    return separators_vote(text, len, &dot, &comma);
}

int number_style_evidence(const char *text, size_t len)
{
    /* A cell is evidence for a style when it reads as a number in that
     * style only. Readable in both means either no separator or the
     * ambiguous shape: no evidence. The style decides only what '.' and
     * ',' mean, so a cell with neither reads the same in both. */
    if (!memchr(text, '.', len) && !memchr(text, ',', len)) return 0;
    if (len <= BARE_SHORT && is_bare(text, len))
        return bare_short_vote(text, len);
    if (is_bare(text, len)) {
        /* what number_parse would give, from read_core alone (it is all
         * number_parse does with a bare number): the kind, and the notes
         * (or the reason it is invalid) */
        int valid[2];
        for (int st = 0; st < 2; st++) {
            number n;
            decimal value;
            n.flags = 0;
            n.note[0] = '\0';
            const char *why = read_core(text, len, st ? NUMBER_STYLE_EN : NUMBER_STYLE_ID, 0, 0, &n, &value);
            if (strstr(why ? why : n.note, "without digits"))
                return 0;
            valid[st] = why == NULL;
        }
        return valid[0] == valid[1] ? 0 : (valid[0] ? 1 : -1);
    }
    number id, en;
    number_parse(text, len, NUMBER_STYLE_ID, &id);
    number_parse(text, len, NUMBER_STYLE_EN, &en);
    /* A separator with no digit after it ("1.", "94,%", "1.Sub Kegiatan")
     * is a typo or a list number, not a decimal separator: no vote. */
    if (strstr(id.note, "without digits") || strstr(en.note, "without digits"))
        return 0;
    int in_id = id.kind == NUMBER_VALUE, in_en = en.kind == NUMBER_VALUE;
    return in_id == in_en ? 0 : (in_id ? 1 : -1);
}
