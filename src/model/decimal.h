/*
 * decimal.h — exact decimal numbers at their written precision.
 *
 * A value is coef / 10^scale. The scale is the number of digits written
 * after the decimal separator, so "117,50" is {11750, 2} and keeps its
 * precision; every verdict in lakip-audit compares these values exactly and
 * never goes through binary floating point.
 *
 * The struct is a small value type passed by value, so it is not opaque:
 * callers may read coef/scale but should build values through these
 * functions. Arithmetic reports overflow instead of wrapping.
 */
#ifndef LAKIP_DECIMAL_H
#define LAKIP_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#define DECIMAL_MAX_SCALE 18

typedef struct {
    int64_t coef;
    int scale;          /* 0 .. DECIMAL_MAX_SCALE */
} decimal;

enum decimal_status {
    DECIMAL_OK = 0,
    DECIMAL_OVERFLOW = -1,      /* result does not fit in 64-bit coefficient */
    DECIMAL_DIV_ZERO = -2,
    DECIMAL_BAD_SCALE = -3,
    DECIMAL_SYNTAX = -4
};

enum decimal_rounding {
    DECIMAL_HALF_UP,    /* half away from zero: 2,345 -> 2,35 ; -2,345 -> -2,35 */
    DECIMAL_TRUNCATE    /* toward zero: 139,738 -> 139,73 */
};

decimal decimal_from_int(int64_t v);

/* Parses a canonical plain number: optional '-', digits, optional '.' and
 * digits ("117.50", "-3", "0.006"). No grouping, no locale. */
int decimal_parse(const char *s, decimal *out);

int decimal_add(decimal a, decimal b, decimal *out);   /* scale = max */
int decimal_sub(decimal a, decimal b, decimal *out);   /* scale = max */
int decimal_mul(decimal a, decimal b, decimal *out);   /* scale = sum, trailing zeros trimmed only if scale would exceed the max */

/* a / b rounded to `scale` digits with `mode`. */
int decimal_div(decimal a, decimal b, int scale, enum decimal_rounding mode, decimal *out);

/* a rounded (or truncated) to `scale` digits; a scale above a's own pads zeros. */
int decimal_round(decimal a, int scale, enum decimal_rounding mode, decimal *out);

/* -1, 0, 1; compares values, so 1,5 == 1,50. */
int decimal_cmp(decimal a, decimal b);

int decimal_is_zero(decimal a);
int decimal_sign(decimal a);

/* Formats with the given decimal separator and optional group separator
 * (0 for none), keeping the value's scale: {11750,2}, ',', '.' -> "117,50";
 * {2322775000,0}, ',', '.' -> "2.322.775.000". Returns the length written
 * (snprintf semantics). */
int decimal_format(decimal a, char decimal_sep, char group_sep, char *buf, size_t size);

/* Canonical form for machines: '.' separator, no grouping ("117.50"). */
int decimal_to_string(decimal a, char *buf, size_t size);

#endif
