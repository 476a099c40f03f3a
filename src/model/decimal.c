/*
 * decimal.c — exact decimal arithmetic for decimal.h.
 *
 * Provides parsing of the canonical form, add/sub/mul/div/round, exact
 * comparison and formatting with locale separators. A value is
 * coef / 10^scale with a 64-bit coefficient; every intermediate result is
 * computed in 128-bit integers (gcc/clang __int128), so a product such as
 * 2256477697 * 100 * 10^4 is exact before it is divided, and every result
 * is range-checked before it is narrowed back to 64 bits: an operation
 * that does not fit returns DECIMAL_OVERFLOW and leaves *out untouched,
 * it never wraps and never rounds silently.
 *
 * Uses only the C library; no floating point anywhere, because a verdict
 * such as "139,73 is truncated, 139,74 is right" must not depend on binary
 * approximations.
 *
 * Invalid input scales (outside 0..DECIMAL_MAX_SCALE), and an unknown
 * rounding mode, make the arithmetic functions return DECIMAL_BAD_SCALE; decimal_cmp, which cannot report an
 * error, clamps them into range, and decimal_format returns -1.
 */
#include "model/decimal.h"

#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* Largest power of ten that fits in an unsigned 128-bit integer is 10^38. */
#define POW10_MAX 38

/* 10^n for 0 <= n <= 38, as constants: every addition, comparison and
 * division at two scales looks one up (a loop of 128-bit products
 * before). */
#define P19 ((u128)10000000000000000000u)
static const u128 POW10[POW10_MAX + 1] = {
    (u128)1u, (u128)10u, (u128)100u, (u128)1000u,
    (u128)10000u, (u128)100000u, (u128)1000000u, (u128)10000000u,
    (u128)100000000u, (u128)1000000000u, (u128)10000000000u, (u128)100000000000u,
    (u128)1000000000000u, (u128)10000000000000u, (u128)100000000000000u, (u128)1000000000000000u,
    (u128)10000000000000000u, (u128)100000000000000000u, (u128)1000000000000000000u, (u128)10000000000000000000u,
    P19 * 10u, P19 * 100u, P19 * 1000u, P19 * 10000u,
    P19 * 100000u, P19 * 1000000u, P19 * 10000000u, P19 * 100000000u,
    P19 * 1000000000u, P19 * 10000000000u, P19 * 100000000000u, P19 * 1000000000000u,
    P19 * 10000000000000u, P19 * 100000000000000u, P19 * 1000000000000000u, P19 * 10000000000000000u,
    P19 * 100000000000000000u, P19 * 1000000000000000000u, P19 * 10000000000000000000u,
};

/* 10^n for 0 <= n <= 38; 0 outside that range so a caller bug cannot
 * index out of bounds (every caller checks the range first). */
static u128 pow10_u128(int n)
{
    if (n < 0 || n > POW10_MAX)
        return 0;
    return POW10[n];
}

static int scale_ok(int scale)
{
    return scale >= 0 && scale <= DECIMAL_MAX_SCALE;
}

/* Narrows a 128-bit coefficient into *out, or reports overflow. */
static int store(i128 v, int scale, decimal *out)
{
    if (v > (i128)INT64_MAX || v < (i128)INT64_MIN)
        return DECIMAL_OVERFLOW;
    out->coef = (int64_t)v;
    out->scale = scale;
    return DECIMAL_OK;
}

/* |v| as unsigned; correct for INT64_MIN too. */
static u128 magnitude(int64_t v)
{
    return v < 0 ? (u128)(-(i128)v) : (u128)v;
}

decimal decimal_from_int(int64_t v)
{
    decimal d = { v, 0 };
    return d;
}

int decimal_parse(const char *s, decimal *out)
{
    /* Canonical form only: -?[0-9]+(\.[0-9]+)? . Anything else is a
     * syntax error; a canonical number that has too many decimals is
     * DECIMAL_BAD_SCALE and one too large for 64 bits DECIMAL_OVERFLOW,
     * so the caller can tell "not a number" from "number we cannot hold". */
    const char *p = s;
    int neg = 0, scale = 0, seen_point = 0, ndigits = 0;
    u128 mag = 0;

    if (!s || !out)
        return DECIMAL_SYNTAX;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            /* Stop growing once past 2^64: the value already overflows,
             * but keep scanning so a later syntax error still wins. */
            if (mag <= (u128)UINT64_MAX)
                mag = mag * 10 + (u128)(*p - '0');
            ndigits++;
            if (seen_point)
                scale++;
        } else if (*p == '.' && !seen_point && ndigits > 0) {
            seen_point = 1;
            ndigits = 0;    /* at least one digit must follow the point */
        } else {
            return DECIMAL_SYNTAX;
        }
    }
    if (ndigits == 0)
        return DECIMAL_SYNTAX;
    if (scale > DECIMAL_MAX_SCALE)
        return DECIMAL_BAD_SCALE;
    if (mag > (u128)UINT64_MAX)
        return DECIMAL_OVERFLOW;
    return store(neg ? -(i128)mag : (i128)mag, scale, out);
}

/* Shared body of add and sub: b's coefficient is negated for sub. */
static int add_signed(decimal a, decimal b, int negate_b, decimal *out)
{
    int scale;
    i128 x, y;

    if (!scale_ok(a.scale) || !scale_ok(b.scale))
        return DECIMAL_BAD_SCALE;
    scale = a.scale > b.scale ? a.scale : b.scale;
    /* |coef| < 2^63 and 10^18 < 2^60, so the aligned values stay below
     * 2^123 and their sum below 2^124: no 128-bit overflow possible. */
    x = (i128)a.coef * (i128)pow10_u128(scale - a.scale);
    y = (i128)b.coef * (i128)pow10_u128(scale - b.scale);
    return store(negate_b ? x - y : x + y, scale, out);
}

int decimal_add(decimal a, decimal b, decimal *out)
{
    return add_signed(a, b, 0, out);
}

int decimal_sub(decimal a, decimal b, decimal *out)
{
    return add_signed(a, b, 1, out);
}

int decimal_mul(decimal a, decimal b, decimal *out)
{
    /* The exact product has scale a.scale + b.scale (up to 36). When that
     * is above DECIMAL_MAX_SCALE, trailing zeros are dropped only until the
     * scale reaches the maximum, because the written precision is
     * information; if a non-zero digit would have to go, the exact product
     * cannot be represented and we return DECIMAL_OVERFLOW rather than
     * round behind the caller's back (use decimal_div or decimal_round to
     * choose a precision explicitly). */
    int scale;
    i128 v;

    if (!scale_ok(a.scale) || !scale_ok(b.scale))
        return DECIMAL_BAD_SCALE;
    scale = a.scale + b.scale;
    v = (i128)a.coef * (i128)b.coef;    /* |v| <= 2^126: fits */
    while (scale > DECIMAL_MAX_SCALE) {
        if (v % 10 != 0)
            return DECIMAL_OVERFLOW;
        v /= 10;
        scale--;
    }
    return store(v, scale, out);
}

int decimal_div(decimal a, decimal b, int scale, enum decimal_rounding mode, decimal *out)
{
    /* coef = a.coef * 10^(b.scale + scale - a.scale) / b.coef, computed on
     * magnitudes so the rounding rule is symmetric around zero (half away
     * from zero, truncation toward zero), then the sign is applied. */
    int e, negative;
    u128 num, den, q, r, p;

    if (!scale_ok(a.scale) || !scale_ok(b.scale) || !scale_ok(scale))
        return DECIMAL_BAD_SCALE;
    if (mode != DECIMAL_HALF_UP && mode != DECIMAL_TRUNCATE)
        return DECIMAL_BAD_SCALE;
    if (b.coef == 0)
        return DECIMAL_DIV_ZERO;

    e = b.scale + scale - a.scale;      /* -18 .. 36 */
    negative = (a.coef < 0) != (b.coef < 0);
    {
        /* the same in 64 bits when num * 10^e (or den * 10^-e) fits there:
         * one machine division, not a 128-bit one in a library call (most
         * of the program's divisions: numbers of a few digits at a scale
         * of two or four). q + 1 cannot wrap: with den 1 the remainder is
         * 0 and half-up adds nothing, with den >= 2 q is at most half the
         * range. */
        uint64_t n64 = a.coef < 0 ? 0u - (uint64_t)a.coef : (uint64_t)a.coef;
        uint64_t d64 = b.coef < 0 ? 0u - (uint64_t)b.coef : (uint64_t)b.coef;
        int fits = e >= 0 ? e <= 19 && !__builtin_mul_overflow(n64, (uint64_t)POW10[e], &n64)
                          : -e <= 19 && !__builtin_mul_overflow(d64, (uint64_t)POW10[-e], &d64);
        if (fits) {
            uint64_t q64 = n64 / d64, r64 = n64 % d64;
            if (mode == DECIMAL_HALF_UP && r64 >= d64 - r64)
                q64++;
            if (q64 > (uint64_t)INT64_MAX + (negative ? 1u : 0u))
                return DECIMAL_OVERFLOW;
            out->coef = negative ? (int64_t)(0u - q64) : (int64_t)q64;
            out->scale = scale;
            return DECIMAL_OK;
        }
    }
    num = magnitude(a.coef);
    den = magnitude(b.coef);
    if (e >= 0) {
        p = pow10_u128(e);
        /* If num * 10^e does not fit in 128 bits, it is >= 2^128 while
         * den < 2^64, so the quotient is >= 2^64: certainly an overflow. */
        if (num != 0 && p > ~(u128)0 / num)
            return DECIMAL_OVERFLOW;
        num *= p;
    } else {
        den *= pow10_u128(-e);          /* < 2^64 * 10^18 < 2^124 */
    }
    q = num / den;
    r = num % den;
    if (mode == DECIMAL_HALF_UP && r >= den - r)    /* 2r >= den, without overflow */
        q++;

    if (q > (u128)INT64_MAX + (negative ? 1u : 0u))
        return DECIMAL_OVERFLOW;
    return store(negative ? -(i128)q : (i128)q, scale, out);
}

int decimal_round(decimal a, int scale, enum decimal_rounding mode, decimal *out)
{
    /* Dividing by exactly 1 at the requested scale is rounding: one code
     * path for the rounding rule. */
    return decimal_div(a, decimal_from_int(1), scale, mode, out);
}

static int clamp_scale(int scale)
{
    if (scale < 0)
        return 0;
    if (scale > DECIMAL_MAX_SCALE)
        return DECIMAL_MAX_SCALE;
    return scale;
}

int decimal_cmp(decimal a, decimal b)
{
    int sa = clamp_scale(a.scale), sb = clamp_scale(b.scale);
    if (sa == sb)                       /* one scale: the coefficients compare as the values do */
        return (a.coef > b.coef) - (a.coef < b.coef);
    int s = sa > sb ? sa : sb;
    i128 x = (i128)a.coef * (i128)pow10_u128(s - sa);
    i128 y = (i128)b.coef * (i128)pow10_u128(s - sb);
    return (x > y) - (x < y);
}

int decimal_is_zero(decimal a)
{
    return a.coef == 0;
}

int decimal_sign(decimal a)
{
    return (a.coef > 0) - (a.coef < 0);
}

int decimal_format(decimal a, char decimal_sep, char group_sep, char *buf, size_t size)
{
    /* Longest output: '-' + 19 integer digits + 6 group separators, or
     * "0" + separator + 18 decimals: well under 64 bytes. */
    char digits[24], text[64];
    size_t nd = 0, len = 0, intlen, i;
    /* |coef| fits in 64 bits (INT64_MIN's too): digits by 64-bit division,
     * which the compiler turns into a multiplication (a 128-bit one is a
     * library call per digit; every number of every message is written
     * here) */
    uint64_t mag;

    if (!scale_ok(a.scale)) {
        if (buf && size > 0)
            buf[0] = '\0';
        return -1;
    }
    mag = a.coef < 0 ? 0u - (uint64_t)a.coef : (uint64_t)a.coef;
    do {
        digits[nd++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag != 0);
    /* Pad so at least one digit stands before the separator: 6 at scale 3
     * is "0,006". digits[] is least significant first. */
    while (nd < (size_t)a.scale + 1)
        digits[nd++] = '0';

    if (a.coef < 0)
        text[len++] = '-';
    intlen = nd - (size_t)a.scale;
    for (i = 0; i < intlen; i++) {
        if (group_sep && i > 0 && (intlen - i) % 3 == 0)
            text[len++] = group_sep;
        text[len++] = digits[nd - 1 - i];
    }
    if (a.scale > 0) {
        text[len++] = decimal_sep;
        for (i = intlen; i < nd; i++)
            text[len++] = digits[nd - 1 - i];
    }

    /* snprintf semantics: write what fits, always terminate, return the
     * full length. */
    if (buf && size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    return (int)len;
}

int decimal_to_string(decimal a, char *buf, size_t size)
{
    return decimal_format(a, '.', 0, buf, size);
}
