/*
 * xlsx_load.h — Excel workbooks in Office Open XML (.xlsx, .xlsm).
 *
 * Reads the workbook's sheets in order (names, hidden state, the 1904 date
 * system), shared strings, the number formats of styles.xml, and each
 * sheet's cells: the displayed text of numbers through their number format
 * (numfmt.h), shared and inline strings, booleans, error values (#DIV/0!,
 * kept as text: rules report them), dates; formulas with their cached
 * value (the published one: nothing is recalculated), shared formulas
 * shifted to each cell; hidden rows and columns. Each sheet then becomes
 * tables through sheet_build.h. Every XML part is streamed and bounded
 * (package.h); malformed packages are errors naming file and part.
 */
#ifndef LAKIP_XLSX_LOAD_H
#define LAKIP_XLSX_LOAD_H

#include "model/report.h"

int xlsx_load(report *r, const char *path, load_error *err);

#endif
