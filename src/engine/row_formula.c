/*
 * row_formula.c — expressions of declared per-row checks, compiled to a
 * small stack program and evaluated with exact decimals (row_formula.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "engine/row_formula.h"
#include "util/util.h"

enum op { OP_CONST, OP_VAR, OP_ADD, OP_SUB, OP_MUL, OP_NEG };

typedef struct {
    enum op op;
    decimal value;      /* OP_CONST */
    size_t var;         /* OP_VAR */
} instr;

#define MAX_CODE 64
#define MAX_DEPTH 16

/* The forms of the expressions checks declare in practice (rules/lib/
 * formula.lua), recognised when compiled and evaluated without going
 * through the program: SHAPE_NONE is any other. */
enum shape {
    SHAPE_NONE,
    SHAPE_V,            /* a                      target */
    SHAPE_VK,           /* a * k1                 realisasi * 100 */
    SHAPE_KV,           /* k1 - a                 100 - target */
    SHAPE_KVK,          /* (k1 - a) * k2          (100 - realisasi) * 100 */
    SHAPE_VKVK,         /* (a * k1 - b) * k2      (target * 2 - realisasi) * 100 */
};

struct row_expr {
    instr code[MAX_CODE];
    size_t n;
    enum shape shape;
    size_t a, b;        /* the variables of the shape */
    decimal k1, k2;     /* its constants */
};

typedef struct {
    const char *p;
    const char *const *names;
    size_t nnames;
    row_expr *e;
    int depth;          /* of the evaluation stack, to refuse what would overflow it */
    int max_depth;
    char *err;
    size_t errlen;
    int failed;
} parser;

static void fail(parser *ps, const char *msg, const char *detail)
{
    if (ps->failed) return;
    ps->failed = 1;
    snprintf(ps->err, ps->errlen, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
}

static void skip_space(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t') ps->p++;
}

static void emit(parser *ps, instr in)
{
    if (ps->failed) return;
    if (ps->e->n >= MAX_CODE) {
        fail(ps, "expression too long", NULL);
        return;
    }
    ps->e->code[ps->e->n++] = in;
    if (in.op == OP_CONST || in.op == OP_VAR) ps->depth++;
    else if (in.op != OP_NEG) ps->depth--;
    if (ps->depth > ps->max_depth) ps->max_depth = ps->depth;
    if (ps->max_depth > MAX_DEPTH) fail(ps, "expression nested too deeply", NULL);
}

static void parse_sum(parser *ps);

static void parse_primary(parser *ps)
{
    skip_space(ps);
    const char *start = ps->p;
    if (*ps->p == '(') {
        ps->p++;
        parse_sum(ps);
        skip_space(ps);
        if (*ps->p != ')') fail(ps, "missing ')'", NULL);
        else ps->p++;
    } else if (isdigit((unsigned char)*ps->p)) {
        while (isdigit((unsigned char)*ps->p) || *ps->p == '.') ps->p++;
        char num[64];
        size_t len = (size_t)(ps->p - start);
        decimal d;
        if (len >= sizeof num) { fail(ps, "number too long", NULL); return; }
        memcpy(num, start, len);
        num[len] = '\0';
        if (decimal_parse(num, &d) != DECIMAL_OK) { fail(ps, "not a decimal number", num); return; }
        emit(ps, (instr){ .op = OP_CONST, .value = d });
    } else if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
        while (isalnum((unsigned char)*ps->p) || *ps->p == '_') ps->p++;
        size_t len = (size_t)(ps->p - start);
        for (size_t i = 0; i < ps->nnames; i++)
            if (strlen(ps->names[i]) == len && memcmp(ps->names[i], start, len) == 0) {
                emit(ps, (instr){ .op = OP_VAR, .var = i });
                return;
            }
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), start);
        fail(ps, "unknown name (not one of the check's columns)", name);
    } else {
        fail(ps, *ps->p ? "unexpected character" : "expression ends early", *ps->p ? (char[]){ *ps->p, 0 } : NULL);
    }
}

static void parse_unary(parser *ps)
{
    skip_space(ps);
    if (*ps->p == '-') {
        ps->p++;
        parse_unary(ps);
        emit(ps, (instr){ .op = OP_NEG });
    } else {
        parse_primary(ps);
    }
}

static void parse_product(parser *ps)
{
    parse_unary(ps);
    for (;;) {
        skip_space(ps);
        if (*ps->p == '/') { fail(ps, "no '/' inside an expression: a check's value is num / den", NULL); return; }
        if (*ps->p != '*' || ps->failed) return;
        ps->p++;
        parse_unary(ps);
        emit(ps, (instr){ .op = OP_MUL });
    }
}

static void parse_sum(parser *ps)
{
    parse_product(ps);
    for (;;) {
        skip_space(ps);
        if ((*ps->p != '+' && *ps->p != '-') || ps->failed) return;
        enum op op = *ps->p == '+' ? OP_ADD : OP_SUB;
        ps->p++;
        parse_product(ps);
        emit(ps, (instr){ .op = op });
    }
}

/* The shape of a compiled program, and its variables and constants. */
static void find_shape(row_expr *e)
{
    const instr *c = e->code;
#define IS(i, o) (e->n > (i) && c[i].op == (o))
    e->shape = SHAPE_NONE;
    if (e->n == 1 && IS(0, OP_VAR)) {
        e->shape = SHAPE_V;
        e->a = c[0].var;
    } else if (e->n == 3 && IS(0, OP_VAR) && IS(1, OP_CONST) && IS(2, OP_MUL)) {
        e->shape = SHAPE_VK;
        e->a = c[0].var, e->k1 = c[1].value;
    } else if (e->n == 3 && IS(0, OP_CONST) && IS(1, OP_VAR) && IS(2, OP_SUB)) {
        e->shape = SHAPE_KV;
        e->k1 = c[0].value, e->a = c[1].var;
    } else if (e->n == 5 && IS(0, OP_CONST) && IS(1, OP_VAR) && IS(2, OP_SUB) && IS(3, OP_CONST) && IS(4, OP_MUL)) {
        e->shape = SHAPE_KVK;
        e->k1 = c[0].value, e->a = c[1].var, e->k2 = c[3].value;
    } else if (e->n == 7 && IS(0, OP_VAR) && IS(1, OP_CONST) && IS(2, OP_MUL) && IS(3, OP_VAR) && IS(4, OP_SUB)
               && IS(5, OP_CONST) && IS(6, OP_MUL)) {
        e->shape = SHAPE_VKVK;
        e->a = c[0].var, e->k1 = c[1].value, e->b = c[3].var, e->k2 = c[5].value;
    }
#undef IS
}

size_t row_expr_size(void)
{
    return sizeof(row_expr);
}

row_expr *row_expr_compile_in(void *mem, const char *text, const char *const *names, size_t nnames, char *err,
                              size_t errlen)
{
    row_expr *e = mem;
    memset(e, 0, sizeof *e);
    parser ps = { .p = text, .names = names, .nnames = nnames, .e = e, .err = err, .errlen = errlen };
    parse_sum(&ps);
    skip_space(&ps);
    if (!ps.failed && *ps.p) fail(&ps, "unexpected text", ps.p);
    if (!ps.failed) find_shape(e);
    return ps.failed ? NULL : e;
}

row_expr *row_expr_compile(const char *text, const char *const *names, size_t nnames, char *err, size_t errlen)
{
    row_expr *e = xcalloc(1, sizeof *e);
    if (!row_expr_compile_in(e, text, names, nnames, err, errlen)) {
        free(e);
        return NULL;
    }
    return e;
}

void row_expr_free(row_expr *e)
{
    free(e);
}

/* The operations of model/decimal.h with their common case done here: a
 * result that fits in 64 bits at a scale within the maximum is what
 * decimal_add / sub / mul give (they widen to 128 bits only to detect the
 * overflow); anything else goes to them. A declared check evaluates these
 * for most rows of a table. */
static int scale_in_range(int scale)
{
    return scale >= 0 && scale <= DECIMAL_MAX_SCALE;
}

/* 10^n for 0 <= n <= 18 (an int64_t) */
static const int64_t POW10_I64[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
    100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
    10000000000000000, 100000000000000000, 1000000000000000000,
};

static int add_sub(decimal a, decimal b, int sub, decimal *out)
{
    /* both brought to the larger scale, as decimal_add does */
    int64_t x = a.coef, y = b.coef, r;
    if (scale_in_range(a.scale) && scale_in_range(b.scale)
        && (a.scale >= b.scale ? !__builtin_mul_overflow(y, POW10_I64[a.scale - b.scale], &y)
                               : !__builtin_mul_overflow(x, POW10_I64[b.scale - a.scale], &x))
        && !(sub ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r))) {
        out->coef = r;
        out->scale = a.scale >= b.scale ? a.scale : b.scale;
        return DECIMAL_OK;
    }
    return sub ? decimal_sub(a, b, out) : decimal_add(a, b, out);
}

static int mul(decimal a, decimal b, decimal *out)
{
    int64_t r;
    if (scale_in_range(a.scale) && scale_in_range(b.scale) && a.scale + b.scale <= DECIMAL_MAX_SCALE
        && !__builtin_mul_overflow(a.coef, b.coef, &r)) {
        out->coef = r;
        out->scale = a.scale + b.scale;
        return DECIMAL_OK;
    }
    return decimal_mul(a, b, out);
}

/* The general evaluation: every operation as the decimal type does it,
 * with decimal_add / sub / mul when 64 bits do not hold the result. */
static int eval_general(const row_expr *e, const decimal *vars, decimal *out)
{
    decimal stack[MAX_DEPTH + 1];
    size_t top = 0;
    for (size_t i = 0; i < e->n; i++) {
        const instr *in = &e->code[i];
        int st = DECIMAL_OK;
        switch (in->op) {
        case OP_CONST: stack[top++] = in->value; break;
        case OP_VAR: stack[top++] = vars[in->var]; break;
        /* unary minus as the decimal type does it: 0 - x */
        case OP_NEG: st = decimal_sub(decimal_from_int(0), stack[top - 1], &stack[top - 1]); break;
        case OP_ADD: top--; st = add_sub(stack[top - 1], stack[top], 0, &stack[top - 1]); break;
        case OP_SUB: top--; st = add_sub(stack[top - 1], stack[top], 1, &stack[top - 1]); break;
        case OP_MUL: top--; st = mul(stack[top - 1], stack[top], &stack[top - 1]); break;
        }
        if (st != DECIMAL_OK) return st;
    }
    *out = stack[0];
    return DECIMAL_OK;
}

/* One operation of eval_general when it fits in 64 bits at a scale
 * within the maximum (its common case, the same test and the same
 * result); 0 when it does not, and then eval_general does the whole
 * expression again as before. */
static inline int fast_mul(decimal *x, decimal y)
{
    if (!scale_in_range(x->scale) || !scale_in_range(y.scale) || x->scale + y.scale > DECIMAL_MAX_SCALE
        || __builtin_mul_overflow(x->coef, y.coef, &x->coef))
        return 0;
    x->scale += y.scale;
    return 1;
}

static inline int fast_sub(decimal *x, decimal y)
{
    int64_t a = x->coef, b = y.coef;
    if (!scale_in_range(x->scale) || !scale_in_range(y.scale)) return 0;
    if (x->scale >= y.scale ? __builtin_mul_overflow(b, POW10_I64[x->scale - y.scale], &b)
                            : __builtin_mul_overflow(a, POW10_I64[y.scale - x->scale], &a))
        return 0;
    if (__builtin_sub_overflow(a, b, &x->coef)) return 0;
    if (y.scale > x->scale) x->scale = y.scale;
    return 1;
}

/* The value of a recognised shape with the operations of the program, in
 * its order (so overflow at the same step, as Lua's decimals would); 0
 * when a step does not fit (eval_general then) or the shape is none. A
 * declared check evaluates two to eight expressions for most rows of a
 * table: no dispatch per operation here. A failed step leaves *out
 * half-made; eval_general overwrites it. */
static int eval_shape(const row_expr *e, const decimal *vars, decimal *out)
{
    switch (e->shape) {
    case SHAPE_V:
        *out = vars[e->a];
        return 1;
    case SHAPE_VK:
        *out = vars[e->a];
        return fast_mul(out, e->k1);
    case SHAPE_KV:
        *out = e->k1;
        return fast_sub(out, vars[e->a]);
    case SHAPE_KVK:
        *out = e->k1;
        return fast_sub(out, vars[e->a]) && fast_mul(out, e->k2);
    case SHAPE_VKVK:
        *out = vars[e->a];
        return fast_mul(out, e->k1) && fast_sub(out, vars[e->b]) && fast_mul(out, e->k2);
    case SHAPE_NONE:
        break;
    }
    return 0;
}

int row_expr_eval(const row_expr *e, const decimal *vars, decimal *out)
{
    if (eval_shape(e, vars, out)) return DECIMAL_OK;
    return eval_general(e, vars, out);
}

/* 10^n for 0 <= n <= 19 */
static const uint64_t POW10_64[] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u,
};

static uint64_t magnitude64(int64_t v)
{
    return v < 0 ? 0u - (uint64_t)v : (uint64_t)v;
}

void row_divide(decimal a, decimal b, int scale, decimal *half_up, int *half_up_st, decimal *truncated,
                int *truncated_st)
{
    /* as decimal_div: coef = |a| * 10^(b.scale + scale - a.scale) / |b|,
     * half away from zero or toward zero, then the sign; here only when
     * the numerator and denominator fit in 64 bits and so does the result */
    if (scale_in_range(a.scale) && scale_in_range(b.scale) && scale_in_range(scale) && b.coef != 0) {
        uint64_t num = magnitude64(a.coef), den = magnitude64(b.coef);
        int e = b.scale + scale - a.scale;
        int fits = 1;
        if (e >= 0) {
            if (e > 19 || (num != 0 && POW10_64[e] > UINT64_MAX / num)) fits = 0;
            else num *= POW10_64[e];
        } else {
            if (-e > 19 || POW10_64[-e] > UINT64_MAX / den) fits = 0;
            else den *= POW10_64[-e];
        }
        if (fits) {
            uint64_t q = num / den, r = num % den;
            uint64_t h = q + (r >= den - r);         /* 2r >= den, without overflow */
            int negative = (a.coef < 0) != (b.coef < 0);
            if (h <= (uint64_t)INT64_MAX) {          /* then q fits too */
                truncated->coef = negative ? -(int64_t)q : (int64_t)q;
                half_up->coef = negative ? -(int64_t)h : (int64_t)h;
                truncated->scale = half_up->scale = scale;
                *half_up_st = *truncated_st = DECIMAL_OK;
                return;
            }
        }
    }
    *half_up_st = decimal_div(a, b, scale, DECIMAL_HALF_UP, half_up);
    *truncated_st = decimal_div(a, b, scale, DECIMAL_TRUNCATE, truncated);
}

int row_parts(const row_expr *num, const row_expr *den, const decimal *vars, decimal *n, decimal *d)
{
    int st = row_expr_eval(num, vars, n);
    if (st == DECIMAL_OK) st = row_expr_eval(den, vars, d);
    if (st != DECIMAL_OK) return st;
    return d->coef == 0 ? DECIMAL_DIV_ZERO : DECIMAL_OK;     /* decimal_is_zero */
}

int row_quotient(const row_expr *num, const row_expr *den, const decimal *vars, int scale,
                 enum decimal_rounding mode, decimal *out)
{
    decimal n, d;
    int st = row_parts(num, den, vars, &n, &d);
    return st != DECIMAL_OK ? st : decimal_div(n, d, scale, mode, out);
}
