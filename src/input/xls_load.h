/*
 * xls_load.h — Excel 97-2003 workbooks (.xls: BIFF8 records in a compound
 * file), read into the same sheets as .xlsx and .ods.
 *
 * What decides a verdict is the published value: the stored number shown
 * through the cell's number format. libfreexl (the Debian library for .xls)
 * gives the stored numbers but neither the format nor the formula, and a
 * capaian stored as 0.8987 was printed 89,87%, so this reader walks the
 * BIFF8 records itself (FORMAT, XF, SST, BOUNDSHEET, and per sheet ROW,
 * COLINFO, NUMBER, RK, MULRK, LABELSST, LABEL, BOOLERR, FORMULA, STRING,
 * SHRFMLA): each cell's number format comes from its XF record, numbers
 * are written as the 17 significant digits of the stored double (the
 * decimal text an .xlsx holds for the same cell) and rendered through the
 * format exactly like an .xlsx cell (numfmt.h), formulas are written back
 * in A1 notation from their parsed tokens (xls_formula.h).
 *
 * Older files (BIFF5 and before: Excel 95), encrypted workbooks and
 * damaged containers are refused with their reason. A formula with a token
 * the decompiler does not know keeps its cached value; the sheet's
 * formulas are then not used as evidence, and a note says so.
 */
#ifndef LAKIP_XLS_LOAD_H
#define LAKIP_XLS_LOAD_H

#include "model/report.h"

/* 0, or -1 with *err filled (file and why). */
int xls_load(report *r, const char *path, load_error *err);

#endif
