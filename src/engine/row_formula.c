/*
 * row_formula.c — expressions of declared per-row checks, compiled to a
 * small stack program and evaluated with exact decimals (row_formula.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

struct row_expr {
    instr code[MAX_CODE];
    size_t n;
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

row_expr *row_expr_compile(const char *text, const char *const *names, size_t nnames, char *err, size_t errlen)
{
    row_expr *e = xcalloc(1, sizeof *e);
    parser ps = { .p = text, .names = names, .nnames = nnames, .e = e, .err = err, .errlen = errlen };
    parse_sum(&ps);
    skip_space(&ps);
    if (!ps.failed && *ps.p) fail(&ps, "unexpected text", ps.p);
    if (ps.failed) {
        free(e);
        return NULL;
    }
    return e;
}

void row_expr_free(row_expr *e)
{
    free(e);
}

int row_expr_eval(const row_expr *e, const decimal *vars, decimal *out)
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
        case OP_ADD: top--; st = decimal_add(stack[top - 1], stack[top], &stack[top - 1]); break;
        case OP_SUB: top--; st = decimal_sub(stack[top - 1], stack[top], &stack[top - 1]); break;
        case OP_MUL: top--; st = decimal_mul(stack[top - 1], stack[top], &stack[top - 1]); break;
        }
        if (st != DECIMAL_OK) return st;
    }
    *out = stack[0];
    return DECIMAL_OK;
}

int row_parts(const row_expr *num, const row_expr *den, const decimal *vars, decimal *n, decimal *d)
{
    int st = row_expr_eval(num, vars, n);
    if (st == DECIMAL_OK) st = row_expr_eval(den, vars, d);
    if (st != DECIMAL_OK) return st;
    return decimal_is_zero(*d) ? DECIMAL_DIV_ZERO : DECIMAL_OK;
}

int row_quotient(const row_expr *num, const row_expr *den, const decimal *vars, int scale,
                 enum decimal_rounding mode, decimal *out)
{
    decimal n, d;
    int st = row_parts(num, den, vars, &n, &d);
    return st != DECIMAL_OK ? st : decimal_div(n, d, scale, mode, out);
}
