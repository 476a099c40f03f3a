/*
 * test_formula_ref.c — cmocka tests for input/formula_ref.c: shifting
 * shared formulas, relative R1C1 forms (equal along a filled-down column,
 * different for a formula pointing at another row or an absolute cell),
 * OpenDocument formulas in A1 form, and what is not a reference (function
 * names, strings, sheet names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "input/formula_ref.h"

static void check(char *got, const char *want)
{
    if (strcmp(got, want)) fail_msg("got \"%s\", want \"%s\"", got, want);
    free(got);
}

static void test_shift(void **state)
{
    (void)state;
    check(formula_shift("E5/D5*100", 2, 0), "E7/D7*100");
    check(formula_shift("ROUNDDOWN(E5/D5*100,2)", 1, 1), "ROUNDDOWN(F6/E6*100,2)");
    check(formula_shift("$E$5/D$5+$C5", 3, 1), "$E$5/E$5+$C8");
    check(formula_shift("SUM(D4:D10)", 1, 0), "SUM(D5:D11)");
    check(formula_shift("LOG10(A1)+\"B2\"", 1, 0), "LOG10(A2)+\"B2\"");
    check(formula_shift("'PK 2019'!A1+Sheet2!B2", 1, 0), "'PK 2019'!A2+Sheet2!B3");
    check(formula_shift("A1", -1, 0), "#REF!");
}

static void test_r1c1(void **state)
{
    (void)state;
    check(formula_r1c1("=E7/D7*100", 7, 6), "=RC[-1]/RC[-2]*100");
    check(formula_r1c1("=E8/D8*100", 8, 6), "=RC[-1]/RC[-2]*100");      /* same pattern, next row */
    check(formula_r1c1("=E9/D8*100", 8, 6), "=R[1]C[-1]/RC[-2]*100");  /* points at the next row */
    check(formula_r1c1("=D7/$C$7", 7, 5), "=RC[-1]/R7C3");
    check(formula_r1c1("=ROUNDDOWN(D7/C7,4)", 7, 5), "=ROUNDDOWN(RC[-1]/RC[-2],4)");
    check(formula_r1c1("=1.0124", 6, 5), "=1.0124");
    check(formula_r1c1("=NA()", 6, 5), "=NA()");
}

static void test_odf(void **state)
{
    (void)state;
    check(formula_from_odf("of:=[.D9]/[.C9]"), "=D9/C9");
    check(formula_from_odf("of:=SUM([.D4:.D10])"), "=SUM(D4:D10)");
    check(formula_from_odf("of:=[$Renstra.B4]*100"), "=Renstra!B4*100");
    check(formula_from_odf("of:=[.$C$7]"), "=$C$7");
    check(formula_from_odf("of:=IF([.C5]=0;\"[.x]\";[.D5]/[.C5])"), "=IF(C5=0;\"[.x]\";D5/C5)");
}

static void test_cell_name(void **state)
{
    (void)state;
    int row, col;
    assert_int_equal(cell_name_parse("F12", &row, &col), 0);
    assert_int_equal(row, 12);
    assert_int_equal(col, 6);
    assert_int_equal(cell_name_parse("XFD1048576", &row, &col), 0);
    assert_int_equal(col, 16384);
    assert_int_equal(cell_name_parse("F0", &row, &col), -1);
    assert_int_equal(cell_name_parse("$F$1", &row, &col), -1);
    assert_int_equal(cell_name_parse("F12x", &row, &col), -1);
    assert_int_equal(cell_name_parse("XFE1", &row, &col), -1);
    assert_int_equal(cell_name_parse("", &row, &col), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shift),
        cmocka_unit_test(test_r1c1),
        cmocka_unit_test(test_odf),
        cmocka_unit_test(test_cell_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
