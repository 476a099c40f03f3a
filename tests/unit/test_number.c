/*
 * test_number.c — cmocka tests for src/number.c.
 *
 * Each case states the whole result: kind, exact coefficient and scale,
 * the exact flag set, unit and note. Inputs are passed as text + length
 * and copied into a heap buffer without a terminating NUL, so a read past
 * the end shows up under -fsanitize=address.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/number.h"

#define ID NUMBER_STYLE_ID
#define EN NUMBER_STYLE_EN
#define PCT NUMBER_PERCENT
#define AMB NUMBER_AMBIGUOUS
#define MAL NUMBER_MALFORMED
#define CUR NUMBER_CURRENCY
#define NOC NUMBER_NO_CENTS
#define NEG NUMBER_NEGATIVE

/* Parses text[0..len) from an exact-size heap copy (no NUL after it). */
static number parse_n(const char *text, size_t len, enum number_style style)
{
    number n;
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    memset(&n, 0x5A, sizeof n);     /* garbage in: every field must be set */
    number_parse(copy, len, style, &n);
    free(copy);
    return n;
}

static number parse(const char *text, enum number_style style)
{
    return parse_n(text, strlen(text), style);
}

/* One full expectation; `line` makes a failure point at its table row. */
static void expect(int line, const char *text, enum number_style style,
                   enum number_kind kind, int64_t coef, int scale,
                   unsigned flags, const char *unit, const char *note)
{
    number n = parse(text, style);
    if (n.kind != kind || n.value.coef != coef || n.value.scale != scale ||
        n.flags != flags || strcmp(n.unit, unit) != 0 || strcmp(n.note, note) != 0) {
        print_error("line %d: \"%s\" (%s): got kind %d value %lld/%d flags 0x%x unit \"%s\" note \"%s\"\n",
                    line, text, style == ID ? "ID" : "EN", (int)n.kind,
                    (long long)n.value.coef, n.value.scale, n.flags, n.unit, n.note);
        fail();
    }
}

#define VAL(text, style, coef, scale, flags, unit, note) \
    expect(__LINE__, text, style, NUMBER_VALUE, coef, scale, flags, unit, note)
#define KIND(text, style, kind, flags, unit, note) \
    expect(__LINE__, text, style, kind, 0, 0, flags, unit, note)

static void test_id_plain(void **state)
{
    (void)state;
    VAL("2019", ID, 2019, 0, 0, "", "");
    VAL("0", ID, 0, 0, 0, "", "");
    VAL("14.896", ID, 14896, 0, AMB, "", "dot before three digits: read as thousands");
    VAL("4.223.000", ID, 4223000, 0, 0, "", "");
    VAL("2.322.775.000", ID, 2322775000, 0, 0, "", "");
    VAL("2,99", ID, 299, 2, 0, "", "");
    VAL("85,38", ID, 8538, 2, 0, "", "");
    VAL("0,006", ID, 6, 3, 0, "", "");          /* comma is always decimal in ID */
    VAL("0,5", ID, 5, 1, 0, "", "");
    VAL("1.234,5", ID, 12345, 1, 0, "", "");
    VAL("1.234.567,89", ID, 123456789, 2, 0, "", "");
    VAL("007", ID, 7, 0, 0, "", "");
    VAL("117,50", ID, 11750, 2, 0, "", "");
    VAL("+5", ID, 5, 0, 0, "", "");
}

static void test_id_currency(void **state)
{
    (void)state;
    VAL("2.322.775.000,-", ID, 2322775000, 0, NOC, "", "");
    VAL("Rp.3.218.842.549,-", ID, 3218842549, 0, CUR | NOC, "", "");
    VAL("Rp 3.218.842.549", ID, 3218842549, 0, CUR, "", "");
    VAL("Rp3.218.842.549,00", ID, 321884254900, 2, CUR, "", "");
    VAL("Rp.105.370.538.000", ID, 105370538000, 0, CUR, "", "");
    VAL("Rp. 3.218.842.549,-", ID, 3218842549, 0, CUR | NOC, "", "");
    VAL("RP 1.000,-", ID, 1000, 0, CUR | NOC, "", "");  /* ",-" settles the dot */
    VAL("rp500", ID, 500, 0, CUR, "", "");
    VAL("-Rp5.000", ID, -5000, 0, CUR | NEG | AMB, "", "dot before three digits: read as thousands");
    VAL("Rp -5", ID, -5, 0, CUR | NEG, "", "");
    KIND("Rp -", ID, NUMBER_MISSING, CUR, "", "");
    KIND("Rp. -,-", ID, NUMBER_MISSING, CUR, "", "");
    KIND("1,5,-", ID, NUMBER_INVALID, NOC, "", "decimals before ,-");
    /* "RPJMD" is a plan, not rupiah */
    KIND("RPJMD 2016-2021", ID, NUMBER_TEXT, 0, "", "");
}

static void test_id_percent(void **state)
{
    (void)state;
    VAL("89,87%", ID, 8987, 2, PCT, "", "");
    VAL("117,50 %", ID, 11750, 2, PCT, "", "");
    VAL("111%", ID, 111, 0, PCT, "", "");
    VAL("20%", ID, 20, 0, PCT, "", "");
    VAL("84,29%", ID, 8429, 2, PCT, "", "");
    VAL("50 persen", ID, 50, 0, PCT, "", "");
    VAL("50 Persen", ID, 50, 0, PCT, "", "");
    VAL("50persen", ID, 50, 0, PCT, "", "");
    VAL("12 persentase", ID, 12, 0, 0, "persentase", "");
    VAL("20% penduduk", ID, 20, 0, PCT, "penduduk", "");
    VAL("100%%", ID, 100, 0, PCT | MAL, "", "doubled percent sign");
    VAL("100 % %", ID, 100, 0, PCT | MAL, "", "doubled percent sign");
    VAL("94,%", ID, 94, 0, PCT | MAL, "", "decimal comma without digits");
    VAL("94,%%", ID, 94, 0, PCT | MAL, "", "decimal comma without digits; doubled percent sign");
    VAL("-5%", ID, -5, 0, PCT | NEG, "", "");
    KIND("- %", ID, NUMBER_MISSING, PCT, "", "");
}

static void test_units(void **state)
{
    (void)state;
    VAL("100 kk", ID, 100, 0, 0, "kk", "");
    VAL("4.179 orang", ID, 4179, 0, AMB, "orang", "dot before three digits: read as thousands");
    VAL("4.223.000 orang", ID, 4223000, 0, 0, "orang", "");
    VAL("1 Dokumen", ID, 1, 0, 0, "dokumen", "");
    VAL("14 Kejadian", ID, 14, 0, 0, "kejadian", "");
    VAL("2 Draf Perbub", ID, 2, 0, 0, "draf perbub", "");
    VAL("2  Draf \t Perbub ", ID, 2, 0, 0, "draf perbub", "");
    VAL("12 BUMDes", ID, 12, 0, 0, "bumdes", "");
    VAL("100kk", ID, 100, 0, 0, "kk", "");
    VAL("12 per 1.000 penduduk", ID, 12, 0, 0, "per 1.000 penduduk", "");
    VAL("3 (tiga) dokumen", ID, 3, 0, 0, "(tiga) dokumen", "");
    /* unit cut at NUMBER_UNIT_MAX - 1 bytes, at a word's letter */
    VAL("7 abcdefghij abcdefghij abcdefghij", ID, 7, 0, 0, "abcdefghij abcdefghij abcdefghi", "");
}

static void test_unit_utf8_truncation(void **state)
{
    /* 30 ASCII bytes then "é" (2 bytes): 32 > 31, so the é must go whole. */
    const char *t = "5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9";
    number n = parse(t, ID);
    (void)state;
    assert_int_equal(n.kind, NUMBER_VALUE);
    assert_string_equal(n.unit, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    /* 29 ASCII bytes then "é": fits exactly in 31 */
    n = parse("5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9x", ID);
    assert_string_equal(n.unit, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9");
    /* non-ASCII letters are kept, not lower-cased byte by byte */
    n = parse("3 \xC3\x89TAPE", ID);
    assert_string_equal(n.unit, "\xC3\x89tape");
    /* nor is a three-byte character (the euro sign) */
    n = parse("5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xE2\x82\xAC", ID);
    assert_string_equal(n.unit, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_true(strlen(n.unit) < NUMBER_UNIT_MAX);
}

static void test_missing_empty_text(void **state)
{
    (void)state;
    KIND("-", ID, NUMBER_MISSING, 0, "", "");
    KIND("\xE2\x80\x93", ID, NUMBER_MISSING, 0, "", "");            /* – */
    KIND("\xE2\x80\x94", ID, NUMBER_MISSING, 0, "", "");            /* — */
    KIND("\xE2\x88\x92", ID, NUMBER_MISSING, 0, "", "");            /* − */
    KIND("--", ID, NUMBER_MISSING, 0, "", "");
    KIND("n/a", ID, NUMBER_MISSING, 0, "", "");
    KIND("N/A", ID, NUMBER_MISSING, 0, "", "");
    KIND(" N/A orang", ID, NUMBER_MISSING, 0, "orang", "");
    KIND("- Orang", ID, NUMBER_MISSING, 0, "orang", "");
    KIND("-  orang", ID, NUMBER_MISSING, 0, "orang", "");
    KIND("-orang", ID, NUMBER_MISSING, 0, "orang", "");
    KIND("- Orang", EN, NUMBER_MISSING, 0, "orang", "");
    KIND("", ID, NUMBER_EMPTY, 0, "", "");
    KIND("   ", ID, NUMBER_EMPTY, 0, "", "");
    KIND("\t\xC2\xA0 \r\n", ID, NUMBER_EMPTY, 0, "", "");
    KIND("\xEF\xBB\xBF", ID, NUMBER_EMPTY, 0, "", "");
    KIND("URUSAN SOSIAL", ID, NUMBER_TEXT, 0, "", "");
    KIND("Tercapai", ID, NUMBER_TEXT, 0, "", "");
    KIND("n/ab", ID, NUMBER_TEXT, 0, "", "");
    KIND("(1)", ID, NUMBER_TEXT, 0, "", "");
    KIND("(12)", EN, NUMBER_TEXT, 0, "", "");
    KIND("Rp", ID, NUMBER_TEXT, 0, "", "");
    KIND(". Tercapai", ID, NUMBER_TEXT, 0, "", "");
    KIND("%", ID, NUMBER_TEXT, 0, "", "");
}

static void test_compound_is_text(void **state)
{
    (void)state;
    KIND("1:17,9", ID, NUMBER_TEXT, 0, "", "ratio");
    KIND("1 : 17,9", ID, NUMBER_TEXT, 0, "", "ratio");
    KIND("69,1\xE2\x80\x93" "69,5", ID, NUMBER_TEXT, 0, "", "range");
    KIND("69,1 - 69,5", ID, NUMBER_TEXT, 0, "", "range");
    KIND("69,1 s.d. 69,5", ID, NUMBER_TEXT, 0, "", "range");
    KIND("69,1 s/d 69,5", ID, NUMBER_TEXT, 0, "", "range");
    KIND("3/5", ID, NUMBER_TEXT, 0, "", "fraction or date");
    KIND("12/05/2019", ID, NUMBER_TEXT, 0, "", "fraction or date");
    /* a ratio colon without a number after it is just a unit */
    VAL("12:", ID, 12, 0, 0, ":", "");
}

static void test_signs(void **state)
{
    (void)state;
    VAL("-5", ID, -5, 0, NEG, "", "");
    VAL("\xE2\x88\x92" "5", ID, -5, 0, NEG, "", "");               /* U+2212 */
    VAL("\xE2\x80\x93" "5", ID, -5, 0, NEG, "", "");               /* U+2013 */
    VAL("-2,5 poin", ID, -25, 1, NEG, "poin", "");
    VAL("-0", ID, 0, 0, NEG, "", "");
    VAL("-1.234.567", ID, -1234567, 0, NEG, "", "");
    KIND("- 5", ID, NUMBER_INVALID, 0, "", "space after minus sign");
    KIND("\xE2\x80\x94" "5", ID, NUMBER_INVALID, 0, "", "dash before number");
}

static void test_invalid(void **state)
{
    (void)state;
    KIND("12,3,4", ID, NUMBER_INVALID, 0, "", "more than one decimal comma");
    KIND("1.2.3", ID, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND("1.2.3,4", ID, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND("1.23,5", ID, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND("1234.567,5", ID, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND("93.6", ID, NUMBER_INVALID, 0, "", "decimal point where decimal comma expected");
    KIND("23.03%", ID, NUMBER_INVALID, PCT, "", "decimal point where decimal comma expected");
    KIND("0.006", ID, NUMBER_INVALID, 0, "", "decimal point where decimal comma expected");
    KIND("1234.567", ID, NUMBER_INVALID, 0, "", "decimal point where decimal comma expected");
    KIND("1,234.5", ID, NUMBER_INVALID, 0, "", "thousands dot after decimal comma");
    KIND("1.234.", ID, NUMBER_INVALID, 0, "", "separator without digits");
    KIND("12.", ID, NUMBER_INVALID, 0, "", "separator without digits");
    KIND("1..234", ID, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND(",5", ID, NUMBER_INVALID, 0, "", "no digit before separator");
    KIND(".234", ID, NUMBER_INVALID, 0, "", "no digit before separator");
    KIND("1 234", ID, NUMBER_INVALID, 0, "", "space inside number");
    KIND("1\xE2\x80\x89" "234", ID, NUMBER_INVALID, 0, "", "space inside number");  /* thin space */
    KIND("1\xC2\xA0" "234", ID, NUMBER_INVALID, 0, "", "space inside number");
    KIND("12 2019", ID, NUMBER_INVALID, 0, "", "space inside number");
    KIND("9.223.372.036.854.775.808", ID, NUMBER_INVALID, 0, "", "number too large");
    KIND("0,0000000000000000001", ID, NUMBER_INVALID, 0, "", "too many decimal digits");
    KIND("000000000000000000000000000000000000000000000000000000000001", ID, NUMBER_INVALID, 0, "", "number too long");
    /* flags that describe the cell survive, value flags do not */
    KIND("12,3,4 %", ID, NUMBER_INVALID, PCT, "", "more than one decimal comma");
    KIND("1.2.3 orang", ID, NUMBER_INVALID, 0, "orang", "bad digit grouping");
}

static void test_limits(void **state)
{
    (void)state;
    VAL("9223372036854775807", ID, INT64_MAX, 0, 0, "", "");
    VAL("-9223372036854775808", ID, INT64_MIN, 0, NEG, "", "");
    KIND("9223372036854775808", ID, NUMBER_INVALID, 0, "", "number too large");
    KIND("-9223372036854775809", ID, NUMBER_INVALID, NEG, "", "number too large");
    KIND("18446744073709551616", ID, NUMBER_INVALID, 0, "", "number too large");
    KIND("1,0000000000000000001", ID, NUMBER_INVALID, 0, "", "too many decimal digits");
    VAL("-0", ID, 0, 0, NEG, "", "");
    VAL("9.223.372.036.854.775.807", ID, INT64_MAX, 0, 0, "", "");
    VAL("-9.223.372.036.854.775.808", ID, INT64_MIN, 0, NEG, "", "");
    VAL("0,000000000000000001", ID, 1, 18, 0, "", "");
}

static void test_blanks(void **state)
{
    (void)state;
    VAL("  14.896  ", ID, 14896, 0, AMB, "", "dot before three digits: read as thousands");
    VAL("\xC2\xA0" "85,38\xC2\xA0", ID, 8538, 2, 0, "", "");
    VAL("\xE2\x80\xAF" "85,38 %\xE2\x80\x89", ID, 8538, 2, PCT, "", "");
    VAL("\xEF\xBB\xBF" "2019", ID, 2019, 0, 0, "", "");
    VAL("117,50\xC2\xA0%", ID, 11750, 2, PCT, "", "");
    VAL("4.179\xC2\xA0orang", ID, 4179, 0, AMB, "orang", "dot before three digits: read as thousands");
    VAL("12\r\n", ID, 12, 0, 0, "", "");
}

static void test_ambiguity_both_styles(void **state)
{
    (void)state;
    /* exactly one separator, three digits after, 1-3 digits before */
    VAL("5.350", ID, 5350, 0, AMB, "", "dot before three digits: read as thousands");
    VAL("5.350", EN, 5350, 3, AMB, "", "point before three digits: read as decimal");
    VAL("4,179", ID, 4179, 3, AMB, "", "comma before three digits: read as decimal");
    VAL("4,179", EN, 4179, 0, AMB, "", "comma before three digits: read as thousands");
    VAL("999.999", ID, 999999, 0, AMB, "", "dot before three digits: read as thousands");
    /* not ambiguous: leading zero, more groups, other digit counts */
    VAL("0,179", ID, 179, 3, 0, "", "");
    VAL("4.179,5", ID, 41795, 1, 0, "", "");
    VAL("4,1795", ID, 41795, 4, 0, "", "");
    VAL("4.179.000", ID, 4179000, 0, 0, "", "");
}

static void test_en(void **state)
{
    (void)state;
    VAL("1,004,422,800", EN, 1004422800, 0, 0, "", "");
    VAL("99.66", EN, 9966, 2, 0, "", "");
    VAL("93.6%", EN, 936, 1, PCT, "", "");
    VAL("4,179", EN, 4179, 0, AMB, "", "comma before three digits: read as thousands");
    VAL("4,179 orang", EN, 4179, 0, AMB, "orang", "comma before three digits: read as thousands");
    VAL("1,234.5", EN, 12345, 1, 0, "", "");
    VAL("0.5", EN, 5, 1, 0, "", "");
    VAL("0.006", EN, 6, 3, 0, "", "");
    VAL("2019", EN, 2019, 0, 0, "", "");
    VAL("Rp 1,000,000", EN, 1000000, 0, CUR, "", "");
    VAL("1,000,-", EN, 1000, 0, NOC, "", "");
    VAL("94.%", EN, 94, 0, PCT | MAL, "", "decimal point without digits");
    VAL("-1,234.56", EN, -123456, 2, NEG, "", "");
    KIND("2,99", EN, NUMBER_INVALID, 0, "", "decimal comma where decimal point expected");
    KIND("0,006", EN, NUMBER_INVALID, 0, "", "decimal comma where decimal point expected");
    KIND("1.234,5", EN, NUMBER_INVALID, 0, "", "thousands comma after decimal point");
    KIND("4.223.000", EN, NUMBER_INVALID, 0, "", "more than one decimal point");
    KIND("1,00,000", EN, NUMBER_INVALID, 0, "", "bad digit grouping");
    KIND("94,%", EN, NUMBER_INVALID, PCT, "", "separator without digits");
    KIND("1.000,-", EN, NUMBER_INVALID, NOC, "", "decimals before ,-");
}

static void test_not_nul_terminated(void **state)
{
    /* The length, not a NUL, ends the cell: only "12" of "123" is read. */
    number n;
    (void)state;
    n = parse_n("123", 2, ID);
    assert_int_equal(n.kind, NUMBER_VALUE);
    assert_int_equal(n.value.coef, 12);
    n = parse_n("4.1799", 5, ID);
    assert_int_equal(n.value.coef, 4179);
    assert_int_equal(n.flags, AMB);
    n = parse_n("n/a", 2, ID);
    assert_int_equal(n.kind, NUMBER_TEXT);
    n = parse_n("Rp", 1, ID);
    assert_int_equal(n.kind, NUMBER_TEXT);
    n = parse_n("\xE2\x80\x93", 2, ID);           /* half a dash */
    assert_int_equal(n.kind, NUMBER_TEXT);
    n = parse_n("5 \xC2\xA0", 3, ID);              /* half a no-break space */
    assert_int_equal(n.kind, NUMBER_VALUE);
    assert_string_equal(n.unit, "\xC2");
    n = parse_n("12\0 orang", 9, ID);             /* embedded NUL is just a byte */
    assert_int_equal(n.kind, NUMBER_VALUE);
    assert_int_equal(n.value.coef, 12);
    n = parse_n("", 0, ID);
    assert_int_equal(n.kind, NUMBER_EMPTY);
    number_parse(NULL, 0, ID, &n);
    assert_int_equal(n.kind, NUMBER_EMPTY);
}

static void test_every_prefix_is_safe(void **state)
{
    /* Each prefix of tricky cells, parsed from an exact-size buffer: under
     * ASan any read past the end fails the test. */
    static const char *cells[] = {
        "Rp.3.218.842.549,-", "\xE2\x80\x93 Orang", "117,50\xC2\xA0%", "100%%",
        "69,1 s.d. 69,5", "1:17,9", "N/A orang", "\xEF\xBB\xBF" "2019",
        "5 \xE2\x80\xAF" "kk", "-Rp 5", "94,%", "4.179 orang",
    };
    (void)state;
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        size_t len = strlen(cells[i]);
        for (size_t k = 0; k <= len; k++) {
            number n = parse_n(cells[i], k, ID);
            assert_true(n.kind >= NUMBER_EMPTY && n.kind <= NUMBER_INVALID);
            assert_true(strlen(n.unit) < NUMBER_UNIT_MAX);
            assert_true(strlen(n.note) < NUMBER_NOTE_MAX);
            n = parse_n(cells[i], k, EN);
            assert_true(strlen(n.unit) < NUMBER_UNIT_MAX);
            (void)number_style_evidence(cells[i], k);
        }
    }
}

static void test_two_notes(void **state)
{
    /* Two oddities in one cell are both reported, in reading order. */
    number n = parse("94,%%", ID);
    (void)state;
    assert_true(strlen(n.note) < NUMBER_NOTE_MAX);
    assert_string_equal(n.note, "decimal comma without digits; doubled percent sign");
}

static int evidence(const char *s)
{
    return number_style_evidence(s, strlen(s));
}

/* Scientific notation as spreadsheets display it: read exactly in the
 * style its mantissa's separator shows, a finding when that is not the
 * column's style, never a number with unit "e+09". */
static void test_scientific(void **state)
{
    (void)state;
    const unsigned SCI = NUMBER_SCIENTIFIC;
    VAL("2,32278E+09", ID, 2322780000, 0, SCI, "", "scientific notation");
    VAL("2.32278E+09", EN, 2322780000, 0, SCI, "", "scientific notation");
    VAL("1.5E-3", EN, 15, 4, SCI, "", "scientific notation");
    VAL("1,5e-3", ID, 15, 4, SCI, "", "scientific notation");
    VAL("1E+10", ID, 10000000000, 0, SCI, "", "scientific notation");
    VAL("-4,5E+02", ID, -450, 0, SCI | NEG, "", "scientific notation");
    VAL("1,25E+01%", ID, 125, 1, SCI | PCT, "", "scientific notation");
    VAL("7,1E-1", ID, 71, 2, SCI, "", "scientific notation");
    /* the mantissa's separator is not the column's */
    KIND("2.32278E+09", ID, NUMBER_INVALID, SCI, "", "decimal point in scientific notation where comma expected");
    KIND("1,5E-3", EN, NUMBER_INVALID, SCI, "", "decimal comma in scientific notation where point expected");
    KIND("1,2,3E+2", ID, NUMBER_INVALID, SCI, "", "malformed scientific notation");
    KIND("1E+99", ID, NUMBER_INVALID, SCI, "", "number too large");
    /* near misses: not an exponent */
    VAL("5 Eks", ID, 5, 0, 0, "eks", "");
    VAL("12E", ID, 12, 0, 0, "e", "");
    VAL("3 E+2", ID, 3, 0, 0, "e+2", "");
    VAL("2Eselon", ID, 2, 0, 0, "eselon", "");
    /* evidence follows the mantissa */
    assert_int_equal(number_style_evidence("2,32278E+09", 11), 1);
    assert_int_equal(number_style_evidence("1.5E-3", 6), -1);
    assert_int_equal(number_style_evidence("1E+10", 5), 0);
}

static void test_style_evidence(void **state)
{
    (void)state;
    /* only Indonesian */
    assert_int_equal(evidence("2,99"), 1);
    assert_int_equal(evidence("1.234,5"), 1);
    assert_int_equal(evidence("1.234.567"), 1);
    assert_int_equal(evidence("0,006"), 1);
    assert_int_equal(evidence("89,87%"), 1);
    assert_int_equal(evidence("Rp.3.218.842.549,-"), 1);
    /* only English */
    assert_int_equal(evidence("93.6"), -1);
    assert_int_equal(evidence("1,004,422,800"), -1);
    assert_int_equal(evidence("1,234.5"), -1);
    assert_int_equal(evidence("0.5"), -1);
    assert_int_equal(evidence("23.03%"), -1);
    assert_int_equal(evidence("0.006"), -1);
    /* neutral */
    assert_int_equal(evidence("12"), 0);
    assert_int_equal(evidence("4.179"), 0);
    assert_int_equal(evidence("4,179"), 0);
    /* a separator with no digit after it is a typo or a list number */
    assert_int_equal(evidence("94,%"), 0);
    assert_int_equal(evidence("1."), 0);
    assert_int_equal(evidence("1.Sub Kegiatan"), 0);
    assert_int_equal(evidence("4.179 orang"), 0);
    assert_int_equal(evidence("text"), 0);
    assert_int_equal(evidence(""), 0);
    assert_int_equal(evidence("-"), 0);
    assert_int_equal(evidence("1:17,9"), 0);
    assert_int_equal(evidence("12,3,4"), 0);
    assert_int_equal(evidence("Rp 500,-"), 0);
    assert_int_equal(number_style_evidence("2,99", 1), 0);   /* only "2" */
}

/* A bare number (digits, '.' and ',', a digit first) takes a short way to
 * the digits (number_parse); a blank around it takes the long way, which
 * trims the blank: both must give the same result, field for field. Every
 * such text of up to six characters from "0159.," and long random ones. */
static void assert_same_number(const number *a, const number *b, const char *text)
{
    if (a->kind != b->kind || a->flags != b->flags || a->value.coef != b->value.coef ||
        a->value.scale != b->value.scale || strcmp(a->unit, b->unit) != 0 || strcmp(a->note, b->note) != 0)
        fail_msg("\"%s\": short way kind %d flags %u note \"%s\", long way kind %d flags %u note \"%s\"", text,
                 (int)a->kind, (unsigned)a->flags, a->note, (int)b->kind, (unsigned)b->flags, b->note);
}

/* The value read (number_parse, text[0..len) with `sign` before it) is
 * the one decimal_parse gives for the canonical form: the group separators
 * dropped, the decimal one a point unless it ends the text; a form it
 * refuses for its decimals or size is a number refused with that note. */
static void check_value(const char *text, size_t len, const char *sign, enum number_style style)
{
    char canon[80], with_sign[80];
    size_t k = 0, s = strlen(sign);
    const char dec = style == EN ? '.' : ',';
    for (size_t i = 0; i < strlen(sign); i++) canon[k++] = sign[i];
    for (size_t i = 0; i < len; i++) {
        if (text[i] >= '0' && text[i] <= '9') canon[k++] = text[i];
        else if (text[i] == dec && i + 1 < len) canon[k++] = '.';
    }
    canon[k] = '\0';
    memcpy(with_sign, sign, s);
    memcpy(with_sign + s, text, len);
    number n = parse_n(with_sign, s + len, style);
    decimal want;
    int rc = decimal_parse(canon, &want);
    if (n.kind == NUMBER_VALUE && (rc != DECIMAL_OK || want.coef != n.value.coef || want.scale != n.value.scale))
        fail_msg("\"%s%.*s\": read %lld scale %d, decimal_parse(\"%s\") %d: %lld scale %d", sign, (int)len, text,
                 (long long)n.value.coef, n.value.scale, canon, rc, (long long)want.coef, want.scale);
    if (rc != DECIMAL_OK) assert_int_not_equal(n.kind, NUMBER_VALUE);
    if (n.kind == NUMBER_INVALID && strcmp(n.note, "too many decimal digits") == 0) assert_int_equal(rc, DECIMAL_BAD_SCALE);
    if (n.kind == NUMBER_INVALID && strcmp(n.note, "number too large") == 0) assert_int_equal(rc, DECIMAL_OVERFLOW);
}

/* number_parse_plain, when it answers, answers as number_parse does:
 * the kind and value, and nothing flagged or noted. */
static void check_plain(const char *text, size_t len, enum number_style style)
{
    decimal v, w;
    int k = number_parse_plain(text, len, style, &v);
    /* the same reading with its vote: the text's number_style_evidence
     * whenever the short ways settle it */
    int vote, kv = number_parse_plain_vote(text, len, style, &w, &vote);
    assert_int_equal(kv, k);
    if (k >= 0) assert_true(v.coef == w.coef && v.scale == w.scale);
    if (k >= 0 && vote != number_style_evidence(text, len))
        fail_msg("\"%.*s\": vote from the reading %d, number_style_evidence %d", (int)len, text, vote,
                 number_style_evidence(text, len));
    if (k < 0 && len) assert_int_equal(vote, NUMBER_VOTE_UNKNOWN);
    if (k < 0) return;
    number n = parse_n(text, len, style);
    if ((int)n.kind != k || n.value.coef != v.coef || n.value.scale != v.scale || n.flags || n.note[0] || n.unit[0])
        fail_msg("\"%.*s\": plain kind %d %lld scale %d, number_parse kind %d %lld scale %d flags %u note \"%s\"",
                 (int)len, text, k, (long long)v.coef, v.scale, (int)n.kind, (long long)n.value.coef,
                 n.value.scale, n.flags, n.note);
}

static void check_bare(const char *text, size_t len)
{
    char padded[64];
    padded[0] = ' ';
    memcpy(padded + 1, text, len);
    padded[len + 1] = '\t';
    for (int st = 0; st < 2; st++) {
        enum number_style style = st ? EN : ID;
        number a = parse_n(text, len, style), b = parse_n(padded, len + 2, style);
        char shown[64];
        memcpy(shown, text, len);
        shown[len] = '\0';
        assert_same_number(&a, &b, shown);
        check_plain(text, len, style);
        check_value(text, len, "", style);
        check_value(text, len, "-", style);
    }
    /* the style vote of a bare number is read from read_core alone, and
     * the same when the caller knows the text is bare */
    assert_int_equal(number_style_evidence_bare(text, len), number_style_evidence(text, len));
    char z[64];
    memcpy(z, text, len);
    z[len] = '\0';
    int v = number_style_vote_short(z);
    if (len <= 18) assert_int_equal(v, number_style_evidence(text, len));
    else assert_int_equal(v, NUMBER_VOTE_UNKNOWN);
    /* the numbered texts among bare numbers, digits and a final '.' ("12."),
     * vote nothing of themselves (table_build.c's field_evidence counts on it) */
    size_t digits = 0;
    while (digits < len && text[digits] >= '0' && text[digits] <= '9') digits++;
    if (digits + 1 == len && text[digits] == '.') assert_int_equal(number_style_evidence(text, len), 0);
    if (number_style_evidence(text, len) != number_style_evidence(padded, len + 2))
        fail_msg("\"%.*s\": vote %d, with blanks around %d", (int)len, text, number_style_evidence(text, len),
                 number_style_evidence(padded, len + 2));
}

/* A word takes a short way to NUMBER_TEXT; with a blank before it, the
 * long way: the same, for words of letters, digits, signs and units. */
static void test_word_short_way(void **state)
{
    (void)state;
    static const char alphabet[] = "aAnNrRpPzZ/%-.,0159 ";
    char text[16], padded[20];
    unsigned seed = 3;
    for (int n = 0; n < 50000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = 1 + (seed >> 16) % 10;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        text[0] = alphabet[(seed >> 8) % 10];          /* a letter first */
        padded[0] = ' ';
        memcpy(padded + 1, text, len);
        text[len] = '\0';
        for (int st = 0; st < 2; st++) {
            number a = parse_n(text, len, st ? EN : ID), b = parse_n(padded, len + 1, st ? EN : ID);
            assert_same_number(&a, &b, text);
            check_plain(text, len, st ? EN : ID);
        }
        assert_int_equal(number_style_vote_short(text), NUMBER_VOTE_UNKNOWN);     /* not a bare number */
    }
}

/* A bare number's style vote from its definition: number_parse in both
 * styles (a value in one style only; a separator "without digits" votes
 * nothing), none of the short ways of number.c's votes. */
static int vote_by_parsing(const char *text, size_t len)
{
    if (!memchr(text, '.', len) && !memchr(text, ',', len)) return 0;
    number id = parse_n(text, len, ID), en = parse_n(text, len, EN);
    if (strstr(id.note, "without digits") || strstr(en.note, "without digits")) return 0;
    int in_id = id.kind == NUMBER_VALUE, in_en = en.kind == NUMBER_VALUE;
    return in_id == in_en ? 0 : (in_id ? 1 : -1);
}

/* number_style_vote_short (separators_vote's shapes of one separator and
 * of one of each) against the definition, for every bare number of up
 * to ten bytes over "01.,": leading zeros, groups of every length, the
 * separators anywhere. */
static void test_vote_short_by_definition(void **state)
{
    (void)state;
    static const char alphabet[] = "01.,";
    char text[16];
    for (size_t len = 1; len <= 10; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++) total *= 4;
        for (size_t k = 0; k < total; k++) {
            size_t v = k;
            for (size_t i = 0; i < len; i++, v /= 4) text[i] = alphabet[v % 4];
            if (text[0] != '0' && text[0] != '1') continue;
            text[len] = '\0';
            int want = vote_by_parsing(text, len), got = number_style_vote_short(text);
            if (got != want) fail_msg("\"%s\": vote %d, by parsing %d", text, got, want);
            /* and the vote number_parse_plain_vote finds reading it, in either style */
            for (int st = 0; st < 2; st++) {
                decimal value;
                int vote;
                if (number_parse_plain_vote(text, len, st ? EN : ID, &value, &vote) >= 0 && vote != want)
                    fail_msg("\"%s\": vote read in style %d %d, by parsing %d", text, st, vote, want);
            }
        }
    }
}

static void test_bare_number_short_way(void **state)
{
    (void)state;
    static const char alphabet[] = "0159.,";
    char text[40];
    for (size_t len = 1; len <= 6; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++) total *= 6;
        for (size_t k = 0; k < total; k++) {
            size_t v = k;
            for (size_t i = 0; i < len; i++, v /= 6) text[i] = alphabet[v % 6];
            if (text[0] < '0' || text[0] > '9') continue;
            check_bare(text, len);
        }
    }
    unsigned seed = 11;
    for (int n = 0; n < 20000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = 1 + (seed >> 16) % 38;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 14;
            text[i] = r < 10 ? (char)('0' + r) : r < 12 ? '.' : ',';
        }
        text[0] = (char)('1' + (seed >> 20) % 9);
        check_bare(text, len);
    }
    /* well-formed numbers as exports write them, grouped or not, with 0-4
     * decimals, in both styles, with a separator or a group slipped now
     * and then: mostly the shapes number_parse reads in one pass */
    for (int k = 0; k < 20000; k++) {
        seed = seed * 1103515245u + 12345u;
        unsigned long long v = seed >> 4;
        seed = seed * 1103515245u + 12345u;
        v = v * 1000003u + (seed >> 8) % 1000000u;
        v %= (unsigned long long)1e15 / (1u + (seed >> 28));
        char digits[32];
        int nd = snprintf(digits, sizeof digits, "%llu", v);
        bool en = (seed >> 3) & 1, grouped = (seed >> 5) & 1;
        size_t len = 0;
        for (int i = 0; i < nd; i++) {
            if (grouped && i > 0 && (nd - i) % 3 == 0) text[len++] = en ? ',' : '.';
            text[len++] = digits[i];
        }
        int decimals = (int)((seed >> 7) % 5);
        if (decimals) text[len++] = en ? '.' : ',';
        for (int i = 0; i < decimals; i++) text[len++] = (char)('0' + (seed >> (9 + i)) % 10);
        if ((seed >> 14) % 16 == 0 && len > 1) {            /* a slip: a separator moved or doubled */
            size_t at = 1 + (seed >> 18) % (len - 1);
            text[at] = text[at] == '.' ? ',' : text[at] == ',' ? '.' : text[at];
        }
        check_bare(text, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_plain),
        cmocka_unit_test(test_id_currency),
        cmocka_unit_test(test_id_percent),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_unit_utf8_truncation),
        cmocka_unit_test(test_missing_empty_text),
        cmocka_unit_test(test_compound_is_text),
        cmocka_unit_test(test_signs),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_blanks),
        cmocka_unit_test(test_ambiguity_both_styles),
        cmocka_unit_test(test_en),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_every_prefix_is_safe),
        cmocka_unit_test(test_two_notes),
        cmocka_unit_test(test_style_evidence),
        cmocka_unit_test(test_scientific),
        cmocka_unit_test(test_bare_number_short_way),
        cmocka_unit_test(test_vote_short_by_definition),
        cmocka_unit_test(test_word_short_way),
    };
    return cmocka_run_group_tests(tests, 0, NULL);
}
