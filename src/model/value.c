/*
 * value.c — typed values of cells that are not plain numbers (see value.h
 * and docs/FORMAT.md, "Values that are not plain numbers").
 *
 * The cell is copied into a matching form (ASCII lower-cased, blanks
 * collapsed, trimmed, "≤"/"≥" kept as written) and tried in order: missing
 * words, grades, bounds, ratios, ranges, rates, then a plain number. Every
 * number inside goes through number_parse in the column's style, so "<49"
 * has the precision of "49" and "46–50" reads like "46" and "50" would.
 * A shape that half fits (a bound without a readable number) is text, never
 * a guess.
 */
#include "model/value.h"

#include <string.h>

#define MATCH_MAX 160

static const char *const kind_names[] = {
    "empty", "number", "bound", "range", "ratio", "rate", "grade", "missing", "text", "invalid",
};

const char *value_kind_name(enum value_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "text";
}

const char *bound_op_text(enum bound_op op)
{
    switch (op) {
    case BOUND_LT: return "<";
    case BOUND_LE: return "<=";
    case BOUND_GT: return ">";
    case BOUND_GE: return ">=";
    }
    return "<=";
}

/* Lower-cases ASCII, turns tabs, newlines and U+00A0 into spaces, collapses
 * and trims them. Returns the length, or 0 when the text does not fit. */
static size_t matching_form(const char *text, size_t len, char *out)
{
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] == 0xA0) {
            i++;
            c = ' ';
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = n > 0;
            continue;
        }
        if (n + 2 >= MATCH_MAX) return 0;
        if (space) out[n++] = ' ';
        space = 0;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[n] = '\0';
    return n;
}

static void set_word(typed_value *v, const char *w)
{
    size_t n = strlen(w);
    if (n >= VALUE_WORD_MAX) n = VALUE_WORD_MAX - 1;
    memcpy(v->word, w, n);
    v->word[n] = '\0';
}

static int starts_with(const char *s, const char *w)
{
    return strncmp(s, w, strlen(w)) == 0;
}

/* ---- words ---- */

static const char *const missing_words[] = {
    "n/a", "na", "n.a", "n.a.", "belum ada data", "tidak ada data", "data belum tersedia", "data tidak tersedia",
    "belum tersedia", "tidak tersedia", "tidak dihitung", "tidak diukur", "belum diukur", "belum dapat diukur",
    "tidak dapat diukur", "bps tidak melakukan penghitungan", "tad", "t.a.d", "t.a.d.", "belum ada",
};

struct grade {
    const char *word, *canonical, *scale;
    int rank;
};

/* Higher rank is better on every scale. */
static const struct grade grades[] = {
    { "wtp", "wtp", "opini", 4 }, { "wajar tanpa pengecualian", "wtp", "opini", 4 },
    { "wdp", "wdp", "opini", 3 }, { "wajar dengan pengecualian", "wdp", "opini", 3 },
    { "tw", "tw", "opini", 2 }, { "tidak wajar", "tw", "opini", 2 },
    { "tmp", "tmp", "opini", 1 }, { "tidak memberikan pendapat", "tmp", "opini", 1 }, { "disclaimer", "tmp", "opini", 1 },
    { "aa", "aa", "sakip", 7 }, { "a", "a", "sakip", 6 }, { "bb", "bb", "sakip", 5 }, { "b", "b", "sakip", 4 },
    { "cc", "cc", "sakip", 3 }, { "c", "c", "sakip", 2 }, { "d", "d", "sakip", 1 },
    { "tercapai", "tercapai", "status", 2 }, { "tidak tercapai", "tidak tercapai", "status", 1 },
    { "belum tercapai", "tidak tercapai", "status", 1 },
    { "ada", "ada", "ada", 2 }, { "tidak ada", "tidak ada", "ada", 1 },
};

static int read_grade(const char *s, typed_value *v)
{
    static const char *const lead[] = { "opini ", "predikat ", "nilai " };
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (starts_with(s, lead[i])) s += strlen(lead[i]);
    for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++)
        if (strcmp(s, grades[i].word) == 0) {
            v->kind = VALUE_GRADE;
            set_word(v, grades[i].canonical);
            v->scale = grades[i].scale;
            v->rank = grades[i].rank;
            return 1;
        }
    /* "Level 3", "level 3*": an ordinal maturity level (IACM, SPIP) */
    if (starts_with(s, "level ") && s[6] >= '1' && s[6] <= '9' &&
        (s[7] == '\0' || (s[7] == '*' && s[8] == '\0'))) {
        v->kind = VALUE_GRADE;
        set_word(v, "level");
        v->scale = "level";
        v->rank = s[6] - '0';
        return 1;
    }
    return 0;
}

/* ---- numbers inside ---- */

static int read_number(const char *s, size_t len, enum number_style style, number *out)
{
    number_parse(s, len, style, out);
    return out->kind == NUMBER_VALUE;
}

struct prefix {
    const char *text;
    enum bound_op op;
};

static const struct prefix bound_prefixes[] = {
    { "<=", BOUND_LE }, { "=<", BOUND_LE }, { "\xE2\x89\xA4", BOUND_LE }, { "<", BOUND_LT },
    { ">=", BOUND_GE }, { "=>", BOUND_GE }, { "\xE2\x89\xA5", BOUND_GE }, { ">", BOUND_GT },
    { "maksimal", BOUND_LE }, { "maksimum", BOUND_LE }, { "maks.", BOUND_LE }, { "maks", BOUND_LE },
    { "max.", BOUND_LE }, { "max", BOUND_LE }, { "paling tinggi", BOUND_LE }, { "paling banyak", BOUND_LE },
    { "setinggi-tingginya", BOUND_LE }, { "minimal", BOUND_GE }, { "minimum", BOUND_GE }, { "min.", BOUND_GE },
    { "min", BOUND_GE }, { "paling rendah", BOUND_GE }, { "paling sedikit", BOUND_GE },
    { "sekurang-kurangnya", BOUND_GE }, { "kurang dari", BOUND_LT }, { "di bawah", BOUND_LT },
    { "dibawah", BOUND_LT }, { "lebih dari", BOUND_GT }, { "di atas", BOUND_GT }, { "diatas", BOUND_GT },
};

static int read_bound(const char *s, size_t n, enum number_style style, typed_value *v)
{
    for (size_t i = 0; i < sizeof bound_prefixes / sizeof bound_prefixes[0]; i++) {
        const char *p = bound_prefixes[i].text;
        size_t k = strlen(p);
        if (strncmp(s, p, k) != 0) continue;
        /* a word prefix must end there: "minggu" is not "min" */
        char next = s[k];
        if (p[k - 1] >= 'a' && p[k - 1] <= 'z' && next >= 'a' && next <= 'z') continue;
        const char *q = s + k;
        while (*q == ' ') q++;
        if (!read_number(q, n - (size_t)(q - s), style, &v->a)) return 0;
        v->kind = VALUE_BOUND;
        v->op = bound_prefixes[i].op;
        return 1;
    }
    return 0;
}

/* "1:17,9", "1 : 20" */
static int read_ratio(const char *s, size_t n, enum number_style style, typed_value *v)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s) return 0;
    if (!read_number(s, (size_t)(colon - s), style, &v->a)) return 0;
    if (!read_number(colon + 1, n - (size_t)(colon + 1 - s), style, &v->b)) return 0;
    v->kind = VALUE_RATIO;
    return 1;
}

/* Bytes of a range separator at p: "-", "–", "—", "s.d.", "s.d", "s/d",
 * "sampai", "hingga" (blanks around it are skipped by the caller). */
static size_t range_sep(const char *p)
{
    static const char *const seps[] = { "s.d.", "s.d", "s/d", "sampai dengan", "sampai", "hingga", "-",
                                        "\xE2\x80\x93", "\xE2\x80\x94" };
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (starts_with(p, seps[i])) return strlen(seps[i]);
    return 0;
}

static int read_range(const char *s, size_t n, enum number_style style, typed_value *v)
{
    /* the separator comes after a digit or a % (a leading "-" is a sign) */
    for (size_t i = 1; i < n; i++) {
        size_t k = range_sep(s + i);
        if (!k) continue;
        size_t j = i;
        while (j > 0 && s[j - 1] == ' ') j--;
        if (j == 0 || !((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '%')) continue;
        if (!read_number(s, j, style, &v->a)) return 0;
        const char *q = s + i + k;
        while (*q == ' ') q++;
        if (!read_number(q, n - (size_t)(q - s), style, &v->b)) return 0;
        /* "80 - 90%": the % belongs to both ends */
        if ((v->b.flags & NUMBER_PERCENT) && !(v->a.flags & NUMBER_PERCENT) && !v->a.unit[0])
            v->a.flags |= NUMBER_PERCENT;
        v->kind = VALUE_RANGE;
        return 1;
    }
    return 0;
}

/* The base of a rate: "1.000", "100.000", "1000", "10 ribu" is not read.
 * Grouping is by dots or commas of three digits whatever the style: a base
 * is a whole power of ten. Returns 1 and the base as a number. */
static int read_base(const char *p, size_t n, number *base)
{
    char digits[24];
    size_t nd = 0, i = 0;
    for (; i < n && nd + 1 < sizeof digits; i++) {
        if (p[i] >= '0' && p[i] <= '9') digits[nd++] = p[i];
        else if ((p[i] == '.' || p[i] == ',') && i + 3 < n + 1 && i > 0) continue;
        else break;
    }
    if (nd < 2 || digits[0] != '1') return 0;
    for (size_t k = 1; k < nd; k++)
        if (digits[k] != '0') return 0;
    digits[nd] = '\0';
    number_parse(digits, nd, NUMBER_STYLE_ID, base);
    /* the unit after the base: "KH", "penduduk" */
    const char *u = p + i;
    while (u < p + n && *u == ' ') u++;
    size_t ul = (size_t)(p + n - u);
    if (ul >= NUMBER_UNIT_MAX) ul = NUMBER_UNIT_MAX - 1;
    memcpy(base->unit, u, ul);
    base->unit[ul] = '\0';
    return base->kind == NUMBER_VALUE;
}

/* "8,5 per 1.000 KH", "102/100.000 penduduk", "0,5 /1000" */
static int read_rate(const char *s, size_t n, enum number_style style, typed_value *v)
{
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        if (s[i] == '/') k = 1;
        else if (starts_with(s + i, "per ") && s[i - 1] == ' ') k = 4;
        if (!k) continue;
        size_t j = i;
        while (j > 0 && s[j - 1] == ' ') j--;
        const char *q = s + i + k;
        while (*q == ' ') q++;
        if (!read_number(s, j, style, &v->a) || v->a.unit[0]) return 0;
        if (!read_base(q, n - (size_t)(q - s), &v->b)) return 0;
        v->kind = VALUE_RATE;
        set_word(v, v->b.unit);
        return 1;
    }
    return 0;
}

/* True when text can only read as a plain number (or an unreadable one):
 * digits with ". , %" and blanks, at most a leading "-", short enough for
 * matching_form. No missing word, grade, bound prefix, ratio colon, range
 * separator or rate can match such a text, so value_parse goes straight to
 * number_parse: most cells of a table are such numbers. (value.h) */
int value_plain_number_text(const char *text, size_t len)
{
    if (len + 2 >= MATCH_MAX) return 0;
    int digit = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') digit = 1;
        else if (c == '-') {
            if (i != 0) return 0;
        } else if (c != '.' && c != ',' && c != '%' && c != ' ') return 0;
    }
    return digit;
}

void value_parse(const char *text, size_t len, enum number_style style, typed_value *out)
{
    char s[MATCH_MAX];
    memset(out, 0, sizeof *out);
    out->kind = VALUE_EMPTY;
    out->scale = "";
    size_t n = text ? matching_form(text, len, s) : 0;
    if (text && n == 0) {
        /* blank, or longer than any value: read as a plain cell */
        number_parse(text, len, style, &out->a);
        out->kind = out->a.kind == NUMBER_EMPTY ? VALUE_EMPTY : VALUE_TEXT;
        return;
    }
    if (!text) return;

    if (!value_plain_number_text(text, len)) {
        char trimmed[MATCH_MAX];
        memcpy(trimmed, s, n + 1);
        while (n > 1 && trimmed[n - 1] == '.' && trimmed[n - 2] != '.' && strcmp(trimmed, "n.a.") != 0 &&
               strcmp(trimmed, "t.a.d.") != 0)
            trimmed[--n] = '\0';
        for (size_t i = 0; i < sizeof missing_words / sizeof missing_words[0]; i++)
            if (strcmp(trimmed, missing_words[i]) == 0) {
                out->kind = VALUE_MISSING;
                set_word(out, missing_words[i]);
                return;
            }
        if (read_grade(trimmed, out)) return;
        n = strlen(s);
        if (read_bound(s, n, style, out)) return;
        if (read_ratio(s, n, style, out)) return;
        if (read_range(s, n, style, out)) return;
        if (read_rate(s, n, style, out)) return;
    }
    n = strlen(s);
    memset(&out->a, 0, sizeof out->a);

    number_parse(text, len, style, &out->a);
    switch (out->a.kind) {
    case NUMBER_VALUE: {
        /* "8,5 per 1.000 kh" reads as a number with a unit: a rate */
        typed_value r;
        memset(&r, 0, sizeof r);
        if ((starts_with(out->a.unit, "per ") || out->a.unit[0] == '/') && read_rate(s, n, style, &r)) {
            *out = r;
            out->scale = "";
            return;
        }
        out->kind = VALUE_NUMBER;
        return;
    }
    case NUMBER_MISSING:
        out->kind = VALUE_MISSING;
        set_word(out, "-");
        return;
    case NUMBER_INVALID:
        out->kind = VALUE_INVALID;
        return;
    case NUMBER_EMPTY:
        out->kind = VALUE_EMPTY;
        return;
    default:
        out->kind = VALUE_TEXT;
        return;
    }
}
