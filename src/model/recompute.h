/*
 * recompute.h — what the rules recomputed, cell by cell.
 *
 * A finding says where a number is wrong; a recomputation says how a number
 * was checked, right or wrong: the cell holding the reported value, the
 * formula, its operands (columns of the same row, or rows of the same
 * column) and the tool's exact value at the reported precision. Rules
 * record them with ctx:recomputed (docs/RULES.md); the working paper
 * (output_xlsx.c) turns each into a live spreadsheet formula so that a
 * supervisor can verify every number without the tool.
 */
#ifndef LAKIP_RECOMPUTE_H
#define LAKIP_RECOMPUTE_H

#include <stddef.h>
#include "model/decimal.h"
#include "model/report.h"

enum recompute_formula {
    RECOMPUTE_HIGHER,       /* realisasi / target × 100 */
    RECOMPUTE_2T_R,         /* (2 × target − realisasi) / target × 100 */
    RECOMPUTE_T_R,          /* target / realisasi × 100 */
    RECOMPUTE_100_R,        /* (100 − realisasi) / (100 − target) × 100 */
    RECOMPUTE_SUM           /* the sum of rows of the same column */
};

/* "higher", "2t-r", "t/r", "100-r", "sum" (the keys of rules/lib/formula.lua). */
int recompute_formula_from_name(const char *name, enum recompute_formula *out);
const char *recompute_formula_name(enum recompute_formula f);

typedef struct {
    const table *t;             /* the table recomputed */
    size_t table;               /* its index in the report the rules ran over (with long-form
                                 * grouping, a group's report of its own) */
    size_t row, col;            /* the cell with the reported value */
    enum recompute_formula formula;
    size_t target_col, realisasi_col;   /* ratio formulas */
    int from_sums;              /* ratio of the recomputed sums of target/realisasi in this row */
    size_t *rows;               /* RECOMPUTE_SUM: the rows added, ascending */
    size_t nrows;
    int scale;                  /* decimals the value is judged at */
    decimal expected;           /* the tool's value at that scale */
    size_t seq;                 /* insertion order (set by recompute_add) */
} recomputation;

typedef struct recompute_list recompute_list;

recompute_list *recompute_list_new(void);
void recompute_list_free(recompute_list *l);
/* Appends a copy (rows copied). A later record of the same cell replaces
 * an earlier one (at recompute_sort): the last rule to judge a cell wins. */
void recompute_add(recompute_list *l, const recomputation *r);
size_t recompute_count(const recompute_list *l);
const recomputation *recompute_at(const recompute_list *l, size_t i);
/* Sorts by table, row, column and drops replaced records: writers walk
 * tables in order. */
void recompute_sort(recompute_list *l);
/* The record for a cell of table t (index ti in its report), or NULL
 * (after recompute_sort). A long-form file is audited group by group, each
 * group a report of its own whose tables share indices with the others':
 * the table itself tells them apart. */
const recomputation *recompute_find(const recompute_list *l, const table *t, size_t ti, size_t row, size_t col);

#endif
