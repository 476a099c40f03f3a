/*
 * xls_load.h — Excel 97-2003 workbooks (.xls, BIFF8), opened with libfreexl.
 *
 * libfreexl reads each cell's type and stored value but neither its number
 * format nor its formula. A published value cannot be known without its
 * format (a capaian stored as 0.8987 was printed 89,87%; 105.236 may have
 * been printed 105,24), and every verdict of lakip-audit is about the
 * published value at its published precision. Judging stored values would
 * report right percentages as wrong, so an .xls workbook is opened and
 * checked (damaged, encrypted, too large: each its own message) and then
 * refused with the way out: save it as .xlsx or .ods, which keep formats
 * and formulas, and audit that.
 */
#ifndef LAKIP_XLS_LOAD_H
#define LAKIP_XLS_LOAD_H

#include "model/report.h"

/* Always -1 with *err filled: why the file cannot be read, or that it must
 * be saved as .xlsx/.ods first (with its sheet count). */
int xls_load(report *r, const char *path, load_error *err);

#endif
