/*
 * row_filter.h — `rows.only` of a rule file (docs/RULES.md, "Checks
 * declared as data"): conditions on a row, read once and tested in C,
 * under which the rule's check_row can do something; the engine calls
 * check_row only for rows where one of them holds. No Lua here but the
 * reading of the declaration.
 */
#ifndef LAKIP_ROW_FILTER_H
#define LAKIP_ROW_FILTER_H

#include <stddef.h>
#include <lua.h>

#include "model/table.h"

typedef struct row_filters row_filters;
typedef struct filter_plan filter_plan;

/* Reads the list of conditions at idx; NULL, or the error (in err). */
const char *row_filters_read(lua_State *L, int idx, row_filters **out, char *err, size_t errlen);
void row_filters_free(row_filters *f);

/* The conditions' columns in table t (free() it); *any: one can hold here. */
filter_plan *row_filters_plan(const row_filters *f, const table *t, int *any);
/* True when one of the conditions holds for the row, of kind `kind` with
 * cells `cells` (table_row_kind, table_row_cells: the caller has them). */
int row_filters_hold(const row_filters *f, const filter_plan *p, const table *t, size_t row, enum row_kind kind,
                     const cell *cells);

/* row_filters_hold for every row of t, in one pass: may[r] = 1 where one
 * of the conditions holds for row r and its kind is not in skip_kinds
 * (bits 1 << enum row_kind), else 0; may has a byte per row. Returns how
 * many rows have 1. */
size_t row_filters_scan(const row_filters *f, const filter_plan *p, const table *t, unsigned skip_kinds,
                        unsigned char *may);

#endif
