/*
 * test_numfmt.c — cmocka tests for input/numfmt.c: stored values shown
 * through number formats exactly (no binary floating point: values that a
 * double would misround are rounded as written), sections, literals,
 * grouping, percent, dates, General.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "input/numfmt.h"

static void test_render(void **state)
{
    (void)state;
    static const struct { const char *value, *code, *want; } cases[] = {
        { "1.0524", "0.00%", "105,24%" },
        { "1.0524000000000001", "0.00%", "105,24%" },
        { "1.05236", "0.00%", "105,24%" },
        { "0.0625", "0%", "6%" },
        { "0.065", "0%", "7%" },                    /* half up */
        { "105.24", "0.00", "105,24" },
        { "105.245", "0.00", "105,25" },            /* a double would give 105,24 */
        { "1.005", "0.00", "1,01" },                /* a double would give 1,00 */
        { "63.933403533", "0.00", "63,93" },
        { "2322775000", "#,##0\",-\"", "2.322.775.000,-" },
        { "4179", "#,##0 \"orang\"", "4.179 orang" },
        { "100", "0 \"org\"", "100 org" },
        { "2.99", "0.00", "2,99" },
        { "50", "0", "50" },
        { "3.7", "0.00", "3,70" },
        { "117.5", "0.00", "117,50" },
        { "0.16", "#,##0.00", "0,16" },
        { "1234.5", "#,##0.##", "1.234,5" },
        { "-1234.5", "#,##0.00;(#,##0.00)", "(1.234,50)" },
        { "-5", "0", "-5" },
        { "0", "#,##0;-#,##0;\"-\"", "-" },
        { "1500000", "#,##0,", "1.500" },
        { "150000", "[$Rp-421]#,##0", "Rp150.000" },
        { "12", "_(* #,##0_)", " 12 " },
        { "1.0524", "General", "1,0524" },
        { "0.10524000000000001", "General", "0,10524" },
        { "63.933403533", "General", "63,93340353" },
        { "105.24", NULL, "105,24" },
        { "43830", "dd/mm/yyyy", "31/12/2019" },
        { "43830", "d mmmm yyyy", "31 Desember 2019" },
        { "6.25E-2", "0.00%", "6,25%" },
        { "1E3", "#,##0", "1.000" },
        { "0.999", "0.00", "1,00" },
        { "99.995", "0.00", "100,00" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(numfmt_render(cases[i].value, cases[i].code, false, buf, sizeof buf));
        if (strcmp(buf, cases[i].want))
            fail_msg("%s through %s: got \"%s\", want \"%s\"", cases[i].value, cases[i].code ? cases[i].code : "(null)", buf, cases[i].want);
    }
    assert_false(numfmt_render("abc", "0.00", false, buf, sizeof buf));
    assert_string_equal(buf, "abc");
    char small[4];
    numfmt_render("123456", "#,##0", false, small, sizeof small);   /* cut, terminated */
    assert_int_equal(strlen(small), 3);
}

static void test_builtin_and_dates(void **state)
{
    (void)state;
    assert_string_equal(numfmt_builtin(10), "0.00%");
    assert_string_equal(numfmt_builtin(3), "#,##0");
    assert_null(numfmt_builtin(5));
    assert_null(numfmt_builtin(200));
    assert_true(numfmt_is_date("dd/mm/yyyy"));
    assert_true(numfmt_is_date("[$-421]d mmmm yyyy"));
    assert_false(numfmt_is_date("0.00%"));
    assert_false(numfmt_is_date("#,##0 \"orang\""));
    assert_false(numfmt_is_date("[$Rp-421]#,##0"));
    assert_false(numfmt_is_date("General"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_builtin_and_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
