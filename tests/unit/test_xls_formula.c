/*
 * test_xls_formula.c — cmocka tests for input/xls_formula.c: BIFF8 formula
 * tokens written back as A1 text (operators and parentheses, constants,
 * absolute and relative references, shared-formula offsets, other sheets,
 * functions with fixed and variable argument counts, SUM by attribute),
 * and NULL — never a guess — for tokens it does not know or cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "input/xls_formula.h"

static void check(const unsigned char *rgce, size_t len, int row, int col, const xls_names *names, const char *want)
{
    char *got = xls_formula_text(rgce, len, row, col, names);
    if (!want) {
        if (got) fail_msg("got \"%s\", want NULL", got);
        return;
    }
    if (!got) fail_msg("got NULL, want \"%s\"", want);
    if (strcmp(got, want)) fail_msg("got \"%s\", want \"%s\"", got, want);
    free(got);
}

/* ptgRefV to a cell, relative or absolute (0-based row and column) */
#define REF(r, c, rel) 0x44, (r) & 0xFF, (r) >> 8, (c), (rel) ? 0xC0 : 0x00

static void test_operators(void **state)
{
    (void)state;
    const unsigned char ratio[] = { REF(6, 4, 1), REF(6, 3, 1), 0x06, 0x1E, 100, 0, 0x05 };     /* E7/D7*100 */
    check(ratio, sizeof ratio, 6, 5, NULL, "E7/D7*100");
    const unsigned char lower[] = { 0x1E, 100, 0, REF(19, 3, 1), 0x04, 0x15, 0x1E, 100, 0, REF(19, 2, 1), 0x04,
                                    0x15, 0x06 };                                              /* (100-D20)/(100-C20) */
    check(lower, sizeof lower, 19, 4, NULL, "(100-D20)/(100-C20)");
    const unsigned char absolute[] = { REF(4, 1, 0), 0x13, 0x14 };                            /* -$B$5% */
    check(absolute, sizeof absolute, 0, 0, NULL, "-$B$5%");
    const unsigned char num[] = { 0x1F, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x17, 2, 0, 'o', '"' , 0x08 };   /* 1.5&"o""" */
    check(num, sizeof num, 0, 0, NULL, "1.5&\"o\"\"\"");
    const unsigned char boolerr[] = { 0x1D, 1, 0x1C, 0x07, 0x0B };
    check(boolerr, sizeof boolerr, 0, 0, NULL, "TRUE=#DIV/0!");
}

static void test_functions(void **state)
{
    (void)state;
    /* ROUNDDOWN(E7/D7*100,2): ptgFuncV 213 takes two arguments */
    const unsigned char rounddown[] = { REF(6, 4, 1), REF(6, 3, 1), 0x06, 0x1E, 100, 0, 0x05, 0x1E, 2, 0, 0x41, 213, 0 };
    check(rounddown, sizeof rounddown, 6, 5, NULL, "ROUNDDOWN(E7/D7*100,2)");
    /* SUM(D4:D8) by ptgFuncVarV (4 = SUM, one argument) and by tAttrSum */
    const unsigned char area[] = { 0x25, 3, 0, 7, 0, 3, 0xC0, 3, 0xC0 };
    unsigned char sum[sizeof area + 4];
    memcpy(sum, area, sizeof area);
    memcpy(sum + sizeof area, (unsigned char[]){ 0x42, 1, 4, 0 }, 4);
    check(sum, sizeof sum, 8, 3, NULL, "SUM(D4:D8)");
    unsigned char attr[sizeof area + 4];
    memcpy(attr, area, sizeof area);
    memcpy(attr + sizeof area, (unsigned char[]){ 0x19, 0x10, 0, 0 }, 4);
    check(attr, sizeof attr, 8, 3, NULL, "SUM(D4:D8)");
    /* MIN(1,E7/D7): variable count 2 */
    const unsigned char min[] = { 0x1E, 1, 0, REF(6, 4, 1), REF(6, 3, 1), 0x06, 0x42, 2, 6, 0 };
    check(min, sizeof min, 6, 5, NULL, "MIN(1,E7/D7)");
}

static void test_shared_and_sheets(void **state)
{
    (void)state;
    /* a shared formula: ptgRefNV offsets (0 rows, -1 and -2 columns) at F10 */
    const unsigned char shared[] = { 0x4C, 0, 0, 0xFF, 0xC0, 0x4C, 0, 0, 0xFE, 0xC0, 0x06 };
    check(shared, sizeof shared, 9, 5, NULL, "E10/D10");
    check(shared, sizeof shared, 3, 5, NULL, "E4/D4");
    /* 'PK 2019'!E7 through EXTERNSHEET entry 0 */
    const char *sheets[] = { "Renstra", "PK 2019" };
    int xti[] = { 1 };
    xls_names names = { sheets, 2, xti, 1 };
    const unsigned char other[] = { 0x5A, 0, 0, 6, 0, 4, 0xC0 };
    check(other, sizeof other, 0, 0, &names, "'PK 2019'!E7");
    check(other, sizeof other, 0, 0, NULL, NULL);       /* no sheet names: unknown */
}

static void test_unknown(void **state)
{
    (void)state;
    const unsigned char name[] = { 0x43, 1, 0, 0, 0 };                 /* a defined name */
    check(name, sizeof name, 0, 0, NULL, NULL);
    const unsigned char addin[] = { 0x1E, 1, 0, 0x42, 1, 255, 0 };      /* an add-in function */
    check(addin, sizeof addin, 0, 0, NULL, NULL);
    const unsigned char cut[] = { 0x44, 1, 0 };                         /* a reference cut short */
    check(cut, sizeof cut, 0, 0, NULL, NULL);
    const unsigned char two[] = { 0x1E, 1, 0, 0x1E, 2, 0 };             /* two operands, no operator */
    check(two, sizeof two, 0, 0, NULL, NULL);
    const unsigned char underflow[] = { 0x03 };                          /* an operator without operands */
    check(underflow, sizeof underflow, 0, 0, NULL, NULL);
    check(NULL, 0, 0, 0, NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_shared_and_sheets),
        cmocka_unit_test(test_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
