/*
 * row_formula.h — the arithmetic of a declared per-row check (docs/RULES.md,
 * "Checks declared as data"): expressions over a row's numbers, compiled
 * once and evaluated exactly with model/decimal.h, no Lua and no binary
 * floating point.
 *
 * An expression is written like Lua arithmetic on decimals:
 *   realisasi * 100      (100 - realisasi) * 100      (target * 2 - realisasi) * 100
 * names (bound to columns by the caller), canonical decimal literals ("100",
 * "0.5"), + - * and unary minus, parentheses; no division — a check's value
 * is one exact division num / den, rounded at a given precision. The
 * operations run in the order Lua would run them on the `decimal` type, so
 * an overflow happens at the same step in both.
 */
#ifndef LAKIP_ROW_FORMULA_H
#define LAKIP_ROW_FORMULA_H

#include <stddef.h>
#include "model/decimal.h"

typedef struct row_expr row_expr;

/* Compiles text; names[i] is variable i. NULL with a message in err. */
row_expr *row_expr_compile(const char *text, const char *const *names, size_t nnames, char *err, size_t errlen);
void row_expr_free(row_expr *e);

/* The same into memory the caller owns (row_expr_size() bytes, suitably
 * aligned; nothing else to free): mem, or NULL with a message in err. A
 * compiled expression holds no pointers, so it may live in a Lua userdata
 * and be counted against the state's memory limit. */
size_t row_expr_size(void);
row_expr *row_expr_compile_in(void *mem, const char *text, const char *const *names, size_t nnames, char *err,
                              size_t errlen);

/* The value with vars[i] for name i: DECIMAL_OK or DECIMAL_OVERFLOW. */
int row_expr_eval(const row_expr *e, const decimal *vars, decimal *out);

/* The values of num and den: DECIMAL_OK, DECIMAL_DIV_ZERO (den is 0) or
 * DECIMAL_OVERFLOW; for dividing them more than once (half-up and truncated). */
int row_parts(const row_expr *num, const row_expr *den, const decimal *vars, decimal *n, decimal *d);

/* num / den rounded to `scale` digits with `mode`: DECIMAL_OK,
 * DECIMAL_DIV_ZERO (den is 0) or DECIMAL_OVERFLOW / DECIMAL_BAD_SCALE. */
int row_quotient(const row_expr *num, const row_expr *den, const decimal *vars, int scale,
                 enum decimal_rounding mode, decimal *out);

/* a / b at `scale` digits both rounded half-up and truncated, each with
 * its status as decimal_div gives it: one division where the numbers fit
 * in 64 bits. */
void row_divide(decimal a, decimal b, int scale, decimal *half_up, int *half_up_st, decimal *truncated,
                int *truncated_st);

/* decimal_cmp(a, b) == 0: at one scale the coefficients compare as the
 * values do (decimal_cmp brings both to the larger scale). Inline: the
 * row checks compare every row's value with it. */
static inline int row_decimal_equal(decimal a, decimal b)
{
    return a.scale == b.scale ? a.coef == b.coef : decimal_cmp(a, b) == 0;
}

#endif
