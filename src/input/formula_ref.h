/*
 * formula_ref.h — cell references inside spreadsheet formulas.
 *
 * Two uses: a shared formula of Office Open XML is stored once, in its
 * first cell, and must be shifted to each cell that shares it
 * (formula_shift); and a column of formulas is compared in relative R1C1
 * notation (formula_r1c1), where "=E7/D7*100" in row 7 and "=E8/D8*100"
 * in row 8 are both "=RC[-1]/RC[-2]*100", so a formula pointing at the
 * wrong row or column stands out.
 *
 * References are recognised outside string literals: A1, $A$1, A$1,
 * ranges (A1:B2), and sheet-qualified ones (Sheet1!A1, 'PK 2019'!A1: the
 * sheet part is kept as written). Function names such as LOG10( are not
 * references.
 */
#ifndef LAKIP_FORMULA_REF_H
#define LAKIP_FORMULA_REF_H

/* The formula with every relative reference moved by (drow, dcol);
 * absolute parts ($) stay. New string. */
char *formula_shift(const char *formula, int drow, int dcol);

/* The formula, written in cell (row, col) (1-based), in R1C1 notation:
 * R[-1]C[2] relative, R3C5 absolute. New string. */
char *formula_r1c1(const char *formula, int row, int col);

/* "of:=[.E7]/[.D7]*100" (OpenDocument) -> "=E7/D7*100": brackets and dots
 * of references removed, sheet names written Sheet!A1. New string. */
char *formula_from_odf(const char *formula);

/* Parses "F12" (an A1 cell name, no $) into row and column; 0 on success. */
int cell_name_parse(const char *name, int *row, int *col);

#endif
