/*
 * test_decimal.c — cmocka tests for src/decimal.c.
 *
 * Every assertion checks an exact coefficient and scale, or an exact
 * string, so a rounding or overflow slip fails loudly. The capaian cases
 * are taken from real reports (the domain notes on rounding, summarised in docs/RULES.md).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "model/decimal.h"

static decimal D(int64_t coef, int scale)
{
    decimal d = { coef, scale };
    return d;
}

#define assert_dec(d, c, s) do { \
        decimal d_ = (d); \
        assert_int_equal(d_.coef, (c)); \
        assert_int_equal(d_.scale, (s)); \
    } while (0)

/* capaian = realisasi / target * 100, as the rules compute it: multiply
 * first (exact), divide once at the end. */
static int capaian(decimal realisasi, decimal target, int scale,
                   enum decimal_rounding mode, decimal *out)
{
    decimal scaled;
    int st = decimal_mul(realisasi, decimal_from_int(100), &scaled);
    if (st != DECIMAL_OK)
        return st;
    return decimal_div(scaled, target, scale, mode, out);
}

static void test_from_int(void **state)
{
    (void)state;
    assert_dec(decimal_from_int(2019), 2019, 0);
    assert_dec(decimal_from_int(-5), -5, 0);
    assert_dec(decimal_from_int(INT64_MIN), INT64_MIN, 0);
}

static void test_parse_canonical(void **state)
{
    decimal d;
    (void)state;
    assert_int_equal(decimal_parse("-12.340", &d), DECIMAL_OK);
    assert_dec(d, -12340, 3);
    assert_int_equal(decimal_parse("117.50", &d), DECIMAL_OK);
    assert_dec(d, 11750, 2);
    assert_int_equal(decimal_parse("0.006", &d), DECIMAL_OK);
    assert_dec(d, 6, 3);
    assert_int_equal(decimal_parse("-3", &d), DECIMAL_OK);
    assert_dec(d, -3, 0);
    assert_int_equal(decimal_parse("0", &d), DECIMAL_OK);
    assert_dec(d, 0, 0);
    assert_int_equal(decimal_parse("9223372036854775807", &d), DECIMAL_OK);
    assert_dec(d, INT64_MAX, 0);
    assert_int_equal(decimal_parse("-9223372036854775808", &d), DECIMAL_OK);
    assert_dec(d, INT64_MIN, 0);
    assert_int_equal(decimal_parse("0.000000000000000001", &d), DECIMAL_OK);
    assert_dec(d, 1, 18);
}

static void test_parse_rejects(void **state)
{
    static const char *bad[] = {
        "", "-", "+1", " 1", "1 ", "1,5", "1.", ".5", "-.5", "1.2.3",
        "1e5", "--1", "1-", "12.34a", "abc", "1.000,5", "0x10", "−1",
    };
    decimal d = D(77, 1);
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(decimal_parse(bad[i], &d), DECIMAL_SYNTAX);
        assert_dec(d, 77, 1);   /* untouched on error */
    }
    assert_int_equal(decimal_parse(NULL, &d), DECIMAL_SYNTAX);
}

static void test_parse_limits(void **state)
{
    decimal d = D(77, 1);
    (void)state;
    assert_int_equal(decimal_parse("9223372036854775808", &d), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_parse("-9223372036854775809", &d), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_parse("123456789012345678901234567890", &d), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_parse("0.0000000000000000001", &d), DECIMAL_BAD_SCALE);
    assert_dec(d, 77, 1);
    /* syntax is checked over the whole text even after an overflow */
    assert_int_equal(decimal_parse("123456789012345678901234567890x", &d), DECIMAL_SYNTAX);
}

static void test_add_sub(void **state)
{
    decimal r;
    (void)state;
    assert_int_equal(decimal_add(D(15, 1), D(250, 2), &r), DECIMAL_OK);
    assert_dec(r, 400, 2);                      /* 1,5 + 2,50 = 4,00 */
    assert_int_equal(decimal_sub(D(15, 1), D(250, 2), &r), DECIMAL_OK);
    assert_dec(r, -100, 2);
    assert_int_equal(decimal_add(D(-7, 0), D(7, 0), &r), DECIMAL_OK);
    assert_dec(r, 0, 0);
    /* budget totals: 2.322.775.000 - 1.734.050.880 */
    assert_int_equal(decimal_sub(D(2322775000, 0), D(1734050880, 0), &r), DECIMAL_OK);
    assert_dec(r, 588724120, 0);
}

static void test_add_sub_overflow(void **state)
{
    decimal r = D(1, 0);
    (void)state;
    assert_int_equal(decimal_add(D(INT64_MAX, 0), D(1, 0), &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_sub(D(INT64_MIN, 0), D(1, 0), &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_sub(D(0, 0), D(INT64_MIN, 0), &r), DECIMAL_OVERFLOW);
    /* aligning scales overflows: 10^18 at scale 0 needs 10^36 at scale 18 */
    assert_int_equal(decimal_add(D(1000000000000000000, 0), D(1, 18), &r), DECIMAL_OVERFLOW);
    assert_dec(r, 1, 0);    /* untouched on error */
    assert_int_equal(decimal_add(D(INT64_MAX, 0), D(0, 0), &r), DECIMAL_OK);
    assert_dec(r, INT64_MAX, 0);
    assert_int_equal(decimal_sub(D(-1, 0), D(INT64_MAX, 0), &r), DECIMAL_OK);
    assert_dec(r, INT64_MIN, 0);
}

static void test_bad_scale(void **state)
{
    decimal r;
    (void)state;
    assert_int_equal(decimal_add(D(1, 19), D(1, 0), &r), DECIMAL_BAD_SCALE);
    assert_int_equal(decimal_sub(D(1, 0), D(1, -1), &r), DECIMAL_BAD_SCALE);
    assert_int_equal(decimal_mul(D(1, -1), D(1, 0), &r), DECIMAL_BAD_SCALE);
    assert_int_equal(decimal_div(D(1, 0), D(1, 0), 19, DECIMAL_HALF_UP, &r), DECIMAL_BAD_SCALE);
    assert_int_equal(decimal_div(D(1, 0), D(1, 0), -1, DECIMAL_HALF_UP, &r), DECIMAL_BAD_SCALE);
    assert_int_equal(decimal_round(D(1, 0), 19, DECIMAL_TRUNCATE, &r), DECIMAL_BAD_SCALE);
}

static void test_mul(void **state)
{
    decimal r;
    (void)state;
    assert_int_equal(decimal_mul(D(5262, 2), D(100, 0), &r), DECIMAL_OK);
    assert_dec(r, 526200, 2);                   /* scale = sum, not trimmed */
    assert_int_equal(decimal_mul(D(-15, 1), D(15, 1), &r), DECIMAL_OK);
    assert_dec(r, -225, 2);
    assert_int_equal(decimal_mul(D(2256477697, 0), D(100, 0), &r), DECIMAL_OK);
    assert_dec(r, 225647769700, 0);
}

static void test_mul_scale_limit(void **state)
{
    decimal r = D(9, 9);
    (void)state;
    /* scale 10 + 10 = 20 > 18: two trailing zeros can go, exactly enough */
    assert_int_equal(decimal_mul(D(100, 10), D(3, 10), &r), DECIMAL_OK);
    assert_dec(r, 3, 18);
    /* only as many zeros as needed are dropped: 1000 * 3 at 20 -> 30 at 18 */
    assert_int_equal(decimal_mul(D(1000, 10), D(3, 10), &r), DECIMAL_OK);
    assert_dec(r, 30, 18);
    /* a non-zero digit would be lost: refused, never rounded */
    r = D(9, 9);
    assert_int_equal(decimal_mul(D(123, 10), D(7, 10), &r), DECIMAL_OVERFLOW);
    assert_dec(r, 9, 9);
}

static void test_mul_overflow(void **state)
{
    decimal r;
    (void)state;
    assert_int_equal(decimal_mul(D(INT64_MAX, 0), D(2, 0), &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_mul(D(4294967296, 0), D(4294967296, 0), &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_mul(D(INT64_MIN, 0), D(-1, 0), &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_mul(D(INT64_MIN, 0), D(1, 0), &r), DECIMAL_OK);
    assert_dec(r, INT64_MIN, 0);
}

static void test_div_exact_big(void **state)
{
    decimal r;
    (void)state;
    /* 2256477697 * 100 / 2315100000 = 97,467781...: needs 128-bit products */
    assert_int_equal(capaian(D(2256477697, 0), D(2315100000, 0), 4, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 974678, 4);
    assert_int_equal(capaian(D(2256477697, 0), D(2315100000, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 9747, 2);
    assert_int_equal(capaian(D(1734050880, 0), D(2322775000, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 7465, 2);                     /* 74,65 */
    assert_int_equal(capaian(D(1734050880, 0), D(2322775000, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 7465, 2);                     /* 74,6545... truncates to the same */
}

static void test_div_capaian_cases(void **state)
{
    decimal r;
    (void)state;
    /* 52,62 / 50 * 100 = 105,24 exactly, both modes */
    assert_int_equal(capaian(D(5262, 2), D(50, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 10524, 2);
    assert_int_equal(capaian(D(5262, 2), D(50, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 10524, 2);
    /* 190 / 61 * 100 = 311,475...: 311,48 rounded, 311,47 truncated */
    assert_int_equal(capaian(D(190, 0), D(61, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 31148, 2);
    assert_int_equal(capaian(D(190, 0), D(61, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 31147, 2);
    /* 5 / 7 * 100 = 71,428...: 71,43 rounded, 71,42 truncated */
    assert_int_equal(capaian(D(5, 0), D(7, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 7143, 2);
    assert_int_equal(capaian(D(5, 0), D(7, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 7142, 2);
    /* mixed scales: 89,87 / 100,5 at scale 4 = 0,894228... -> 0,8942 */
    assert_int_equal(decimal_div(D(8987, 2), D(1005, 1), 4, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 8942, 4);
    /* result scale 0 */
    assert_int_equal(decimal_div(D(7, 0), D(2, 0), 0, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 4, 0);
    assert_int_equal(decimal_div(D(7, 0), D(2, 0), 0, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 3, 0);
    /* dividend scale above the result's: 1,234567 / 1 at 2 */
    assert_int_equal(decimal_div(D(1234567, 6), D(1, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 123, 2);
}

static void test_div_half_and_negative(void **state)
{
    decimal r;
    (void)state;
    /* exactly half: away from zero on both sides */
    assert_int_equal(decimal_div(D(1, 0), D(8, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 13, 2);                       /* 0,125 -> 0,13 */
    assert_int_equal(decimal_div(D(-1, 0), D(8, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, -13, 2);
    assert_int_equal(decimal_div(D(1, 0), D(-8, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, -12, 2);                      /* toward zero */
    assert_int_equal(decimal_div(D(-190, 0), D(-61, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 311, 2);                      /* 3,114... */
    assert_int_equal(decimal_div(D(-500, 0), D(7, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, -7143, 2);
    assert_int_equal(decimal_div(D(-500, 0), D(7, 0), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, -7142, 2);
    /* just below half stays down */
    assert_int_equal(decimal_div(D(1249, 4), D(1, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 12, 2);
}

static void test_div_zero(void **state)
{
    decimal r = D(42, 1);
    (void)state;
    assert_int_equal(decimal_div(D(5, 0), D(0, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_DIV_ZERO);
    assert_int_equal(decimal_div(D(0, 0), D(0, 3), 2, DECIMAL_TRUNCATE, &r), DECIMAL_DIV_ZERO);
    assert_dec(r, 42, 1);
    assert_int_equal(decimal_div(D(0, 0), D(7, 0), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 0, 2);
}

static void test_div_overflow(void **state)
{
    decimal r = D(42, 1);
    (void)state;
    /* quotient too large for 64 bits */
    assert_int_equal(decimal_div(D(INT64_MAX, 0), D(1, 0), 1, DECIMAL_HALF_UP, &r), DECIMAL_OVERFLOW);
    /* numerator * 10^36 would not even fit in 128 bits */
    assert_int_equal(decimal_div(D(INT64_MAX, 0), D(1, 18), 18, DECIMAL_TRUNCATE, &r), DECIMAL_OVERFLOW);
    /* the largest coefficient divides fine when the result is smaller */
    assert_int_equal(decimal_div(D(INT64_MAX, 1), D(1, 0), 0, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, INT64_MAX / 10, 0);
    assert_int_equal(decimal_div(D(INT64_MIN, 0), D(-1, 0), 0, DECIMAL_TRUNCATE, &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_div(D(INT64_MIN, 0), D(1, 0), 0, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, INT64_MIN, 0);
    assert_int_equal(decimal_div(D(INT64_MAX, 0), D(INT64_MAX, 0), 18, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 1000000000000000000, 18);
}

/* decimal_div in 64 bits where the numbers fit there is the 128-bit
 * division it was (the reference here): every pair of coefficients at the
 * edges (powers of ten and their neighbours, where num * 10^e stops
 * fitting in 64 bits; the extremes; signs) at every scale and precision,
 * both roundings, the status included. */
__extension__ typedef __int128 ref_i128;
__extension__ typedef unsigned __int128 ref_u128;

static int ref_div(decimal a, decimal b, int scale, enum decimal_rounding mode, decimal *out)
{
    if (a.scale < 0 || a.scale > DECIMAL_MAX_SCALE || b.scale < 0 || b.scale > DECIMAL_MAX_SCALE || scale < 0
        || scale > DECIMAL_MAX_SCALE)
        return DECIMAL_BAD_SCALE;
    if (b.coef == 0) return DECIMAL_DIV_ZERO;
    ref_u128 num = a.coef < 0 ? (ref_u128)(-(ref_i128)a.coef) : (ref_u128)a.coef;
    ref_u128 den = b.coef < 0 ? (ref_u128)(-(ref_i128)b.coef) : (ref_u128)b.coef;
    int e = b.scale + scale - a.scale;
    ref_u128 p = 1;
    for (int i = 0; i < (e >= 0 ? e : -e); i++) p *= 10;
    if (e >= 0) {
        if (num != 0 && p > ~(ref_u128)0 / num) return DECIMAL_OVERFLOW;
        num *= p;
    } else {
        den *= p;
    }
    ref_u128 q = num / den, r = num % den;
    if (mode == DECIMAL_HALF_UP && r >= den - r) q++;
    int negative = (a.coef < 0) != (b.coef < 0);
    if (q > (ref_u128)INT64_MAX + (negative ? 1u : 0u)) return DECIMAL_OVERFLOW;
    ref_i128 v = negative ? -(ref_i128)q : (ref_i128)q;
    out->coef = (int64_t)v;
    out->scale = scale;
    return DECIMAL_OK;
}

static void test_div_64_bit_edges(void **state)
{
    (void)state;
    int64_t coefs[96];
    size_t n = 0;
    coefs[n++] = 0;
    coefs[n++] = INT64_MAX;
    coefs[n++] = INT64_MIN;
    coefs[n++] = INT64_MIN + 1;
    coefs[n++] = 1844674407370955161;       /* UINT64_MAX / 10 */
    coefs[n++] = 1844674407370955162;
    coefs[n++] = 922337203685477580;        /* INT64_MAX / 10 */
    for (int k = 0; k <= 18; k++) {
        int64_t p = 1;
        for (int x = 0; x < k; x++) p *= 10;
        coefs[n++] = p;
        coefs[n++] = -(p + 1);
        if (k > 0) coefs[n++] = p - 1;
        coefs[n++] = p * 5;
    }
    assert_true(n <= sizeof coefs / sizeof coefs[0]);
    static const int scales[] = { 0, 1, 2, 4, 9, 17, 18 };
    const size_t ns = sizeof scales / sizeof scales[0];
    size_t checked = 0, overflow = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            for (size_t sa = 0; sa < ns; sa++) {
                for (size_t sb = 0; sb < ns; sb += 2) {
                    for (size_t sc = 0; sc < ns; sc++) {
                        for (int mode = 0; mode < 2; mode++) {
                            decimal a = D(coefs[i], scales[sa]), b = D(coefs[j], scales[sb]);
                            decimal want = D(7, 1), got = D(7, 1);
                            enum decimal_rounding m = mode ? DECIMAL_TRUNCATE : DECIMAL_HALF_UP;
                            int ws = ref_div(a, b, scales[sc], m, &want);
                            int gs = decimal_div(a, b, scales[sc], m, &got);
                            assert_int_equal(gs, ws);
                            if (ws == DECIMAL_OK) assert_dec(got, want.coef, want.scale);
                            overflow += ws == DECIMAL_OVERFLOW;
                            checked++;
                        }
                    }
                }
            }
        }
    }
    assert_true(checked > 100000 && overflow > 1000);
}

static void test_round(void **state)
{
    decimal r;
    (void)state;
    /* 139,738: reports truncate about as often as they round */
    assert_int_equal(decimal_round(D(139738, 3), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 13974, 2);
    assert_int_equal(decimal_round(D(139738, 3), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, 13973, 2);
    assert_int_equal(decimal_round(D(-139738, 3), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, -13974, 2);
    assert_int_equal(decimal_round(D(-139738, 3), 2, DECIMAL_TRUNCATE, &r), DECIMAL_OK);
    assert_dec(r, -13973, 2);
    assert_int_equal(decimal_round(D(2345, 3), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 235, 2);
    assert_int_equal(decimal_round(D(-2345, 3), 2, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, -235, 2);
    assert_int_equal(decimal_round(D(-5, 1), 0, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, -1, 0);
    assert_int_equal(decimal_round(D(-4, 1), 0, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 0, 0);
    /* raising the scale pads zeros */
    assert_int_equal(decimal_round(D(1175, 1), 3, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 117500, 3);
    assert_int_equal(decimal_round(D(INT64_MAX, 0), 1, DECIMAL_HALF_UP, &r), DECIMAL_OVERFLOW);
    assert_int_equal(decimal_round(D(999, 1), 0, DECIMAL_HALF_UP, &r), DECIMAL_OK);
    assert_dec(r, 100, 0);
}

static void test_cmp(void **state)
{
    (void)state;
    assert_int_equal(decimal_cmp(D(15, 1), D(150, 2)), 0);      /* 1,5 == 1,50 */
    assert_int_equal(decimal_cmp(D(150, 2), D(15, 1)), 0);
    assert_int_equal(decimal_cmp(D(15, 1), D(151, 2)), -1);
    assert_int_equal(decimal_cmp(D(151, 2), D(15, 1)), 1);
    assert_int_equal(decimal_cmp(D(-15, 1), D(-149, 2)), -1);
    assert_int_equal(decimal_cmp(D(0, 0), D(0, 18)), 0);
    assert_int_equal(decimal_cmp(D(100, 0), D(10000, 2)), 0);
    assert_int_equal(decimal_cmp(D(INT64_MAX, 0), D(1, 18)), 1);
    assert_int_equal(decimal_cmp(D(INT64_MIN, 0), D(INT64_MAX, 18)), -1);
    assert_int_equal(decimal_cmp(D(INT64_MAX, 0), D(INT64_MAX, 0)), 0);
    /* two values that differ only past 64 bits once aligned */
    assert_int_equal(decimal_cmp(D(INT64_MAX, 18), D(INT64_MAX - 1, 18)), 1);
    assert_int_equal(decimal_cmp(D(9223372036, 0), D(INT64_MAX, 9)), -1);
    assert_int_equal(decimal_cmp(D(9223372037, 0), D(INT64_MAX, 9)), 1);
}

static void test_sign_zero(void **state)
{
    (void)state;
    assert_true(decimal_is_zero(D(0, 5)));
    assert_false(decimal_is_zero(D(1, 18)));
    assert_int_equal(decimal_sign(D(-3, 2)), -1);
    assert_int_equal(decimal_sign(D(0, 2)), 0);
    assert_int_equal(decimal_sign(D(3, 2)), 1);
}

static void check_format(decimal d, char dsep, char gsep, const char *want)
{
    char buf[64];
    int n = decimal_format(d, dsep, gsep, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
}

static void test_format(void **state)
{
    (void)state;
    check_format(D(11750, 2), ',', '.', "117,50");
    check_format(D(2322775000, 0), ',', '.', "2.322.775.000");
    check_format(D(2322775000, 0), ',', 0, "2322775000");
    check_format(D(1004422800, 0), '.', ',', "1,004,422,800");
    check_format(D(-15, 1), ',', '.', "-1,5");
    check_format(D(6, 3), ',', '.', "0,006");
    check_format(D(-6, 3), ',', '.', "-0,006");
    check_format(D(0, 0), ',', '.', "0");
    check_format(D(0, 2), ',', '.', "0,00");
    check_format(D(100, 0), ',', '.', "100");
    check_format(D(1000, 0), ',', '.', "1.000");
    check_format(D(123456, 0), ',', '.', "123.456");
    check_format(D(-1234567, 2), ',', '.', "-12.345,67");
    check_format(D(1, 18), ',', 0, "0,000000000000000001");
    check_format(D(INT64_MAX, 0), ',', '.', "9.223.372.036.854.775.807");
    check_format(D(INT64_MIN, 0), ',', '.', "-9.223.372.036.854.775.808");
    check_format(D(INT64_MIN, 18), '.', 0, "-9.223372036854775808");
}

static void test_format_truncates_like_snprintf(void **state)
{
    char buf[6];
    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(decimal_format(D(2322775000, 0), ',', '.', buf, sizeof buf), 13);
    assert_string_equal(buf, "2.322");
    assert_int_equal(decimal_format(D(11750, 2), ',', '.', NULL, 0), 6);
    buf[0] = 'x';
    assert_int_equal(decimal_format(D(11750, 2), ',', '.', buf, 1), 6);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(decimal_format(D(1, 19), ',', '.', buf, sizeof buf), -1);
    assert_string_equal(buf, "");
}

static void test_to_string(void **state)
{
    char buf[32];
    decimal d;
    (void)state;
    assert_int_equal(decimal_to_string(D(11750, 2), buf, sizeof buf), 6);
    assert_string_equal(buf, "117.50");
    decimal_to_string(D(2322775000, 0), buf, sizeof buf);
    assert_string_equal(buf, "2322775000");
    decimal_to_string(D(-12340, 3), buf, sizeof buf);
    assert_string_equal(buf, "-12.340");
    /* round trip keeps the scale */
    assert_int_equal(decimal_parse(buf, &d), DECIMAL_OK);
    assert_dec(d, -12340, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_int),
        cmocka_unit_test(test_parse_canonical),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_add_sub),
        cmocka_unit_test(test_add_sub_overflow),
        cmocka_unit_test(test_bad_scale),
        cmocka_unit_test(test_mul),
        cmocka_unit_test(test_mul_scale_limit),
        cmocka_unit_test(test_mul_overflow),
        cmocka_unit_test(test_div_exact_big),
        cmocka_unit_test(test_div_capaian_cases),
        cmocka_unit_test(test_div_half_and_negative),
        cmocka_unit_test(test_div_zero),
        cmocka_unit_test(test_div_overflow),
        cmocka_unit_test(test_div_64_bit_edges),
        cmocka_unit_test(test_round),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_sign_zero),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_truncates_like_snprintf),
        cmocka_unit_test(test_to_string),
    };
    return cmocka_run_group_tests(tests, 0, NULL);
}
