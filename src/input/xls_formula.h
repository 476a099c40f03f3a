/*
 * xls_formula.h — a BIFF8 parsed formula (its "rgce" tokens, reverse
 * Polish) written back as the A1 text a spreadsheet shows: "E7/D7*100",
 * "ROUND(F7/E7*100,2)", "SUM(D4:D8)".
 *
 * Covers what report workbooks hold: operators, numbers, strings,
 * booleans, errors, cell and area references (absolute or relative,
 * relative ones of shared formulas resolved at the cell), references to
 * other sheets, and the built-in functions by their Excel function number.
 * Anything else (defined names, add-in functions, array constants) makes
 * the result NULL: the caller then knows the formula is unknown rather
 * than guessing.
 */
#ifndef LAKIP_XLS_FORMULA_H
#define LAKIP_XLS_FORMULA_H

#include <stddef.h>

/* Sheet names for 3-D references: the index of an EXTERNSHEET entry
 * gives a sheet of this workbook, or -1. */
typedef struct {
    const char *const *sheet_names;     /* by sheet index */
    size_t nsheets;
    const int *xti_sheet;               /* EXTERNSHEET entry -> sheet index or -1 */
    size_t nxti;
} xls_names;

/* "#DIV/0!" for a BIFF8 error code (cells and formula constants), or NULL
 * for a code that is not one. */
const char *xls_error_text(unsigned code);

/* Decompiles rgce[0..len) of the cell at (row, col) (0-based). Returns a
 * malloc'ed formula without the leading "=", or NULL when a token is not
 * known or the tokens are malformed. */
char *xls_formula_text(const unsigned char *rgce, size_t len, int row, int col, const xls_names *names);

#endif
