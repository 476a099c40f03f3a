/*
 * test_row_formula.c — the arithmetic of checks declared as data
 * (src/engine/row_formula.c): parsing, the order of operations Lua would
 * use, rounding half-up (away from zero) or truncating at the written
 * precision, zero denominators, negative values and digit strings too
 * long for the decimal type. Every expectation is an exact coefficient
 * and scale.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engine/row_formula.h"

static const char *const names[] = { "realisasi", "target" };

static decimal D(int64_t coef, int scale)
{
    decimal d = { coef, scale };
    return d;
}

static row_expr *compile(const char *text)
{
    char err[200] = "";
    row_expr *e = row_expr_compile(text, names, 2, err, sizeof err);
    if (!e) fail_msg("'%s' did not compile: %s", text, err);
    return e;
}

/* num / den with realisasi r and target t at `scale`: status, value in *out */
static int quotient(const char *num, const char *den, decimal r, decimal t, int scale,
                    enum decimal_rounding mode, decimal *out)
{
    row_expr *n = compile(num), *d = compile(den);
    decimal vars[2] = { r, t };
    int st = row_quotient(n, d, vars, scale, mode, out);
    row_expr_free(n);
    row_expr_free(d);
    return st;
}

#define assert_dec(d, c, s) do { \
        decimal d_ = (d); \
        assert_int_equal(d_.coef, (c)); \
        assert_int_equal(d_.scale, (s)); \
    } while (0)

static void test_higher_at_written_precision(void **state)
{
    (void)state;
    decimal v;
    /* 52,62 / 50 × 100 = 105,24 exactly */
    assert_int_equal(quotient("realisasi * 100", "target", D(5262, 2), D(50, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 10524, 2);
    /* 2 / 3 × 100 = 66,666…: 67 at 0 decimals, 66,67 at 2, 66,66 truncated */
    assert_int_equal(quotient("realisasi * 100", "target", D(2, 0), D(3, 0), 0, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 67, 0);
    assert_int_equal(quotient("realisasi * 100", "target", D(2, 0), D(3, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 6667, 2);
    assert_int_equal(quotient("realisasi * 100", "target", D(2, 0), D(3, 0), 2, DECIMAL_TRUNCATE, &v), DECIMAL_OK);
    assert_dec(v, 6666, 2);
    /* 4,99 / 6,50 × 100 = 76,769…: 76,77 rounded, 76,76 truncated */
    assert_int_equal(quotient("realisasi * 100", "target", D(499, 2), D(650, 2), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 7677, 2);
}

/* exactly half a unit: rounded up (away from zero), at any precision */
static void test_half_up(void **state)
{
    (void)state;
    decimal v;
    /* 1 / 8 × 100 = 12,5 -> 13 at 0 decimals; 12,5 at 1 */
    assert_int_equal(quotient("realisasi * 100", "target", D(1, 0), D(8, 0), 0, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 13, 0);
    assert_int_equal(quotient("realisasi * 100", "target", D(1, 0), D(8, 0), 1, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 125, 1);
    /* 1 / 16 × 100 = 6,25 -> 6,3 at 1 decimal, 6,2 truncated */
    assert_int_equal(quotient("realisasi * 100", "target", D(1, 0), D(16, 0), 1, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 63, 1);
    assert_int_equal(quotient("realisasi * 100", "target", D(1, 0), D(16, 0), 1, DECIMAL_TRUNCATE, &v), DECIMAL_OK);
    assert_dec(v, 62, 1);
    /* -1 / 8 × 100 = -12,5 -> -13 (half away from zero, as the decimal type) */
    assert_int_equal(quotient("realisasi * 100", "target", D(-1, 0), D(8, 0), 0, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, -13, 0);
}

static void test_zero_denominator(void **state)
{
    (void)state;
    decimal v = D(7, 0);
    assert_int_equal(quotient("realisasi * 100", "target", D(5, 0), D(0, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_DIV_ZERO);
    assert_int_equal(quotient("realisasi * 100", "target", D(5, 0), D(0, 2), 2, DECIMAL_HALF_UP, &v), DECIMAL_DIV_ZERO);
    /* (100 − realisasi) / (100 − target) with a target of 100,00 */
    assert_int_equal(quotient("(100 - realisasi) * 100", "100 - target", D(90, 0), D(10000, 2), 2, DECIMAL_HALF_UP, &v),
                     DECIMAL_DIV_ZERO);
    /* a zero numerator is fine */
    assert_int_equal(quotient("realisasi * 100", "target", D(0, 0), D(5, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 0, 2);
}

static void test_negative_values(void **state)
{
    (void)state;
    decimal v;
    /* realisasi −50 of 1.000: −5,00 */
    assert_int_equal(quotient("realisasi * 100", "target", D(-50, 0), D(1000, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, -500, 2);
    /* both parts negative: (100 − 130) / (100 − 120) × 100 = 150 */
    assert_int_equal(quotient("(100 - realisasi) * 100", "100 - target", D(130, 0), D(120, 0), 0, DECIMAL_HALF_UP, &v),
                     DECIMAL_OK);
    assert_dec(v, 150, 0);
    /* a negative denominator alone: 1 / −3 × 100 = −33,33… -> −33,33 */
    assert_int_equal(quotient("realisasi * 100", "target", D(1, 0), D(-3, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, -3333, 2);
    /* unary minus */
    assert_int_equal(quotient("-realisasi * 100", "-target", D(2, 0), D(3, 0), 1, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 667, 1);
}

/* operator precedence, parentheses, literals with decimals */
static void test_expressions(void **state)
{
    (void)state;
    decimal v;
    /* (2 × 10 − 9) / 10 × 100 = 110 */
    assert_int_equal(quotient("(target * 2 - realisasi) * 100", "target", D(9, 0), D(10, 0), 2, DECIMAL_HALF_UP, &v),
                     DECIMAL_OK);
    assert_dec(v, 11000, 2);
    /* without the parentheses: 2 × 10 − 9 × 100 = −880, / 10 = −88 */
    assert_int_equal(quotient("target * 2 - realisasi * 100", "target", D(9, 0), D(10, 0), 0, DECIMAL_HALF_UP, &v),
                     DECIMAL_OK);
    assert_dec(v, -88, 0);
    /* a decimal literal and a sum: (r + t × 0.5) / t at 1 decimal = (3 + 2) / 4 = 1,25 -> 1,3 */
    assert_int_equal(quotient("realisasi + target * 0.5", "target", D(3, 0), D(4, 0), 1, DECIMAL_HALF_UP, &v),
                     DECIMAL_OK);
    assert_dec(v, 13, 1);
    /* spaces do not matter */
    assert_int_equal(quotient("  realisasi*100 ", "target", D(1, 0), D(4, 0), 0, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 25, 0);
}

/* Long digit strings: 18 digits fit the decimal type, the × 100 does not;
 * the overflow is reported (the row goes to the rule's Lua, which raises
 * the same error at the same step), never wrapped. */
static void test_long_digit_strings(void **state)
{
    (void)state;
    decimal v, big;
    assert_int_equal(decimal_parse("123456789012345678", &big), DECIMAL_OK);
    assert_int_equal(quotient("realisasi * 100", "target", big, D(1, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OVERFLOW);
    /* the numerator overflows before a zero denominator is seen, as in Lua */
    assert_int_equal(quotient("realisasi * 100", "target", big, D(0, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OVERFLOW);
    /* 12 digits each side are fine: 123456789013 / 123456789012 × 100 = 100,00 */
    assert_int_equal(quotient("realisasi * 100", "target", D(123456789013LL, 0), D(123456789012LL, 0), 2,
                              DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 10000, 2);
    /* 18 decimals: the coefficient × 100 does not fit either */
    decimal third;
    assert_int_equal(decimal_parse("0.333333333333333333", &third), DECIMAL_OK);
    assert_int_equal(quotient("realisasi * 100", "target", third, D(1, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OVERFLOW);
    /* 16 decimals do: 0,3333333333333333 × 100 / 1 = 33,33 */
    assert_int_equal(decimal_parse("0.3333333333333333", &third), DECIMAL_OK);
    assert_int_equal(quotient("realisasi * 100", "target", third, D(1, 0), 2, DECIMAL_HALF_UP, &v), DECIMAL_OK);
    assert_dec(v, 3333, 2);
    /* a literal with more digits than the type holds does not compile */
    char err[200];
    assert_null(row_expr_compile("realisasi * 1234567890123456789012", names, 2, err, sizeof err));
    assert_non_null(strstr(err, "not a decimal number"));
}

static void assert_refused(const char *text, const char *why)
{
    char err[200] = "";
    row_expr *e = row_expr_compile(text, names, 2, err, sizeof err);
    if (e) fail_msg("'%s' compiled", text);
    if (!strstr(err, why)) fail_msg("'%s': message '%s' lacks '%s'", text, err, why);
}

static void test_compile_errors(void **state)
{
    (void)state;
    assert_refused("realisasi / target * 100", "no '/'");
    assert_refused("capaian * 100", "unknown name");
    assert_refused("(realisasi * 100", "missing ')'");
    assert_refused("realisasi * 100 )", "unexpected text");
    assert_refused("realisasi *", "expression ends early");
    assert_refused("", "expression ends early");
    assert_refused("realisasi % 2", "unexpected text");
    assert_refused("((realisasi))) + 1", "unexpected text");
    char deep[512] = "";
    for (int i = 0; i < 20; i++) strcat(deep, "realisasi + (");
    strcat(deep, "1");
    for (int i = 0; i < 20; i++) strcat(deep, ")");
    assert_refused(deep, "nested too deeply");
}

/* The 64-bit paths (row_divide, and + - * inside expressions) give what
 * model/decimal.h gives, status and value, on values at and around the
 * edges: zero, signs, INT64_MIN/MAX, powers of ten, every scale. */
static const int64_t edge_coefs[] = {
    0, 1, -1, 2, -2, 5, 9, 10, -10, 99, 100, 101, 12345, -67890, 999999999, 1000000000,
    INT32_MAX, (int64_t)INT32_MIN, 4611686018427387904LL, -4611686018427387904LL,
    999999999999999999LL, 1000000000000000000LL, INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1,
};
static const int edge_scales[] = { 0, 1, 2, 3, 9, 17, 18, 19, -1 };
#define NCOEF (sizeof edge_coefs / sizeof edge_coefs[0])
#define NSCALE (sizeof edge_scales / sizeof edge_scales[0])

static void assert_same(int st, decimal v, int want_st, decimal want)
{
    assert_int_equal(st, want_st);
    if (st == DECIMAL_OK) {
        assert_true(v.coef == want.coef);
        assert_int_equal(v.scale, want.scale);
    }
}

static void test_fast_paths_match_decimal(void **state)
{
    (void)state;
    static const char *const one[] = { "a", "b" };
    char err[200];
    row_expr *add = row_expr_compile("a + b", one, 2, err, sizeof err);
    row_expr *sub = row_expr_compile("a - b", one, 2, err, sizeof err);
    row_expr *mul = row_expr_compile("a * b", one, 2, err, sizeof err);
    assert_non_null(add);
    assert_non_null(sub);
    assert_non_null(mul);
    for (size_t i = 0; i < NCOEF; i++)
        for (size_t j = 0; j < NCOEF; j++)
            for (size_t si = 0; si < NSCALE; si++)
                for (size_t sj = 0; sj < NSCALE; sj++) {
                    decimal a = D(edge_coefs[i], edge_scales[si]), b = D(edge_coefs[j], edge_scales[sj]);
                    decimal vars[2] = { a, b }, v, w;
                    int st = row_expr_eval(add, vars, &v);
                    assert_same(st, v, decimal_add(a, b, &w), w);
                    st = row_expr_eval(sub, vars, &v);
                    assert_same(st, v, decimal_sub(a, b, &w), w);
                    st = row_expr_eval(mul, vars, &v);
                    assert_same(st, v, decimal_mul(a, b, &w), w);
                    for (int scale = -1; scale <= 19; scale++) {
                        decimal h, t, wh, wt;
                        int hst, tst;
                        row_divide(a, b, scale, &h, &hst, &t, &tst);
                        assert_same(hst, h, decimal_div(a, b, scale, DECIMAL_HALF_UP, &wh), wh);
                        assert_same(tst, t, decimal_div(a, b, scale, DECIMAL_TRUNCATE, &wt), wt);
                        assert_int_equal(row_decimal_equal(a, b), decimal_cmp(a, b) == 0);
                    }
                }
    /* and values as reports write them: a few digits, scales 0 to 4 */
    uint64_t x = 88172645463325252u;
    for (int k = 0; k < 200000; k++) {
        int64_t c[2];
        int sc[3];
        for (int m = 0; m < 3; m++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if (m < 2) c[m] = (int64_t)(x % 2000000) - 1000000;
            sc[m] = (int)(x >> 40) % 5;
        }
        decimal a = D(c[0], sc[0]), b = D(c[1], sc[1]), h, t, wh, wt;
        int hst, tst;
        row_divide(a, b, sc[2], &h, &hst, &t, &tst);
        assert_same(hst, h, decimal_div(a, b, sc[2], DECIMAL_HALF_UP, &wh), wh);
        assert_same(tst, t, decimal_div(a, b, sc[2], DECIMAL_TRUNCATE, &wt), wt);
    }
    row_expr_free(add);
    row_expr_free(sub);
    row_expr_free(mul);
}

/* The forms evaluated without the program (row_formula.c, eval_shape):
 * the value, scale and status of each are those of the decimal type's
 * operations done one by one in the order written, at the edges of
 * every coefficient and scale, with whole and decimal constants. */
static int by_steps(int form, decimal a, decimal b, decimal k1, decimal k2, decimal *out)
{
    decimal x;
    int st;
    switch (form) {
    case 0: *out = a; return DECIMAL_OK;
    case 1: return decimal_mul(a, k1, out);
    case 2: return decimal_sub(k1, a, out);
    case 3: return (st = decimal_sub(k1, a, &x)) != DECIMAL_OK ? st : decimal_mul(x, k2, out);
    default:
        if ((st = decimal_mul(a, k1, &x)) != DECIMAL_OK) return st;
        if ((st = decimal_sub(x, b, &x)) != DECIMAL_OK) return st;
        return decimal_mul(x, k2, out);
    }
}

static void test_shapes_match_decimal(void **state)
{
    (void)state;
    static const char *const ab[] = { "a", "b" };
    static const char *const consts[][2] = { { "100", "100" }, { "2", "100" }, { "0.5", "1.25" },
                                             { "1000000000000000000", "3" } };
    char err[200], text[160];
    for (size_t k = 0; k < sizeof consts / sizeof consts[0]; k++) {
        decimal k1, k2;
        assert_int_equal(decimal_parse(consts[k][0], &k1), DECIMAL_OK);
        assert_int_equal(decimal_parse(consts[k][1], &k2), DECIMAL_OK);
        for (int form = 0; form < 5; form++) {
            static const char *const forms[] = { "a", "a * %s", "%s - a", "(%s - a) * %s", "(a * %s - b) * %s" };
            snprintf(text, sizeof text, forms[form], consts[k][0], consts[k][1]);
            row_expr *e = row_expr_compile(text, ab, 2, err, sizeof err);
            assert_non_null(e);
            for (size_t i = 0; i < NCOEF; i++)
                for (size_t j = 0; j < NCOEF; j++)
                    for (size_t si = 0; si < NSCALE; si++)
                        for (size_t sj = 0; sj < NSCALE; sj++) {
                            decimal a = D(edge_coefs[i], edge_scales[si]), b = D(edge_coefs[j], edge_scales[sj]);
                            decimal vars[2] = { a, b }, v, w;
                            int st = row_expr_eval(e, vars, &v);
                            assert_same(st, v, by_steps(form, a, b, k1, k2, &w), w);
                        }
            row_expr_free(e);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_higher_at_written_precision),
        cmocka_unit_test(test_half_up),
        cmocka_unit_test(test_zero_denominator),
        cmocka_unit_test(test_negative_values),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_long_digit_strings),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_fast_paths_match_decimal),
        cmocka_unit_test(test_shapes_match_decimal),
    };
    return cmocka_run_group_tests(tests, 0, NULL);
}
