/*
 * xlsx_lib.h — libxlsxwriter, opened when the first workbook is written
 * (util/lazy_lib.h says why). output_xlsx.c calls its functions by their
 * own names (xlsxwriter.h); xlsx_lib.c defines them to go through the
 * library opened by xlsx_lib_load, which must have succeeded first.
 */
#ifndef LAKIP_XLSX_LIB_H
#define LAKIP_XLSX_LIB_H

#include <stddef.h>

/* 0, or -1 with the reason in err (libxlsxwriter is not installed). */
int xlsx_lib_load(char *err, size_t errlen);

#endif
