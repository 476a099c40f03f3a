/*
 * test_value.c — typed values of cells that are not plain numbers
 * (src/model/value.c): bounds, ranges, ratios, rates with their base,
 * grades, missing words, plain numbers, and near misses that must stay
 * text or numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/value.h"

#define ID NUMBER_STYLE_ID
#define EN NUMBER_STYLE_EN

static typed_value parse(const char *text, enum number_style style)
{
    typed_value v;
    value_parse(text, strlen(text), style, &v);
    return v;
}

static void assert_num(const number *n, int64_t coef, int scale)
{
    assert_int_equal(n->kind, NUMBER_VALUE);
    assert_int_equal(n->value.coef, coef);
    assert_int_equal(n->value.scale, scale);
}

static void expect_kind(const char *text, enum number_style style, enum value_kind kind)
{
    typed_value v = parse(text, style);
    if (v.kind != kind)
        fail_msg("\"%s\": got %s, want %s", text, value_kind_name(v.kind), value_kind_name(kind));
}

static void test_bounds(void **state)
{
    (void)state;
    typed_value v = parse("<49", ID);
    assert_int_equal(v.kind, VALUE_BOUND);
    assert_int_equal(v.op, BOUND_LT);
    assert_num(&v.a, 49, 0);
    v = parse("\xE2\x89\xA4 10", ID);      /* ≤ 10 */
    assert_int_equal(v.op, BOUND_LE);
    assert_num(&v.a, 10, 0);
    v = parse("maks. 5", ID);
    assert_int_equal(v.op, BOUND_LE);
    v = parse("Minimal 80%", ID);
    assert_int_equal(v.op, BOUND_GE);
    assert_num(&v.a, 80, 0);
    assert_true(v.a.flags & NUMBER_PERCENT);
    v = parse("> 1,5", ID);
    assert_int_equal(v.op, BOUND_GT);
    assert_num(&v.a, 15, 1);
    v = parse("kurang dari 2,5 per 1.000", ID);
    assert_int_equal(v.kind, VALUE_BOUND);
    /* near misses */
    expect_kind("Minggu ke-3", ID, VALUE_TEXT);
    expect_kind("< lima", ID, VALUE_TEXT);
}

static void test_ranges(void **state)
{
    (void)state;
    typed_value v = parse("46\xE2\x80\x93" "50", ID);   /* 46–50 */
    assert_int_equal(v.kind, VALUE_RANGE);
    assert_num(&v.a, 46, 0);
    assert_num(&v.b, 50, 0);
    v = parse("69,1-69,5", ID);
    assert_num(&v.a, 691, 1);
    assert_num(&v.b, 695, 1);
    v = parse("80 - 90%", ID);
    assert_true(v.a.flags & NUMBER_PERCENT);
    assert_true(v.b.flags & NUMBER_PERCENT);
    v = parse("7 s.d. 8 bulan", ID);
    assert_int_equal(v.kind, VALUE_RANGE);
    /* near misses: a sign, no-cents dash, a negative number */
    expect_kind("-1,41%", ID, VALUE_NUMBER);
    expect_kind("2.322.775.000,-", ID, VALUE_NUMBER);
    expect_kind("-", ID, VALUE_MISSING);
    /* a text of digits, ". , %", blanks and a leading sign goes straight to
     * number.h (value.c's plain_number_text); a dash after the first
     * character still makes a range */
    expect_kind("-5-10", ID, VALUE_RANGE);
    expect_kind("5 -10", ID, VALUE_RANGE);
    v = parse(" 117,50 % ", ID);
    assert_int_equal(v.kind, VALUE_NUMBER);
    assert_num(&v.a, 11750, 2);
    assert_true(v.a.flags & NUMBER_PERCENT);
    expect_kind("1.2.3,4,5", ID, VALUE_INVALID);
}

static void test_ratios_and_rates(void **state)
{
    (void)state;
    typed_value v = parse("1:17,9", ID);
    assert_int_equal(v.kind, VALUE_RATIO);
    assert_num(&v.a, 1, 0);
    assert_num(&v.b, 179, 1);
    v = parse("1 : 20", ID);
    assert_num(&v.b, 20, 0);
    v = parse("8,5 per 1.000 KH", ID);
    assert_int_equal(v.kind, VALUE_RATE);
    assert_num(&v.a, 85, 1);
    assert_num(&v.b, 1000, 0);
    assert_string_equal(v.word, "kh");
    v = parse("102/100.000 penduduk", ID);
    assert_int_equal(v.kind, VALUE_RATE);
    assert_num(&v.b, 100000, 0);
    assert_string_equal(v.word, "penduduk");
    v = parse("8.5 per 1,000 KH", EN);
    assert_num(&v.a, 85, 1);
    assert_num(&v.b, 1000, 0);
    /* near misses: a fraction or date, a base that is not a power of ten */
    expect_kind("3/5", ID, VALUE_TEXT);
    expect_kind("12/2019", ID, VALUE_TEXT);
    expect_kind("5 per 7 hari", ID, VALUE_NUMBER);
}

static void test_grades_and_missing(void **state)
{
    (void)state;
    typed_value v = parse("WTP", ID);
    assert_int_equal(v.kind, VALUE_GRADE);
    assert_string_equal(v.scale, "opini");
    assert_int_equal(v.rank, 4);
    v = parse("Opini WDP", ID);
    assert_string_equal(v.word, "wdp");
    v = parse("BB", ID);
    assert_string_equal(v.scale, "sakip");
    assert_int_equal(v.rank, 5);
    v = parse("A", ID);
    assert_int_equal(v.rank, 6);
    v = parse("Tercapai", ID);
    assert_string_equal(v.scale, "status");
    v = parse("Level 3", ID);
    assert_string_equal(v.scale, "level");
    assert_int_equal(v.rank, 3);
    v = parse("belum ada data", ID);
    assert_int_equal(v.kind, VALUE_MISSING);
    assert_string_equal(v.word, "belum ada data");
    expect_kind("n/a", ID, VALUE_MISSING);
    expect_kind("NA", ID, VALUE_MISSING);
    expect_kind("- Orang", ID, VALUE_MISSING);
    expect_kind("BPS tidak melakukan penghitungan", ID, VALUE_MISSING);
    /* near misses */
    expect_kind("Ada 3 desa", ID, VALUE_TEXT);
    expect_kind("WTP 2019", ID, VALUE_TEXT);
    expect_kind("", ID, VALUE_EMPTY);
}

static void test_numbers(void **state)
{
    (void)state;
    typed_value v = parse("89,30 %", ID);
    assert_int_equal(v.kind, VALUE_NUMBER);
    assert_num(&v.a, 8930, 2);
    v = parse("3*", ID);
    assert_int_equal(v.kind, VALUE_NUMBER);
    assert_string_equal(v.a.unit, "*");
    expect_kind("12,3,4", ID, VALUE_INVALID);
    expect_kind("93.6", ID, VALUE_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_ratios_and_rates),
        cmocka_unit_test(test_grades_and_missing),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
