/*
 * xls_load.c — .xls workbooks through libfreexl (see xls_load.h).
 */
#include "input/xls_load.h"

#include <freexl.h>
#include <stdio.h>
#include <string.h>

static const char *freexl_reason(int rc)
{
    switch (rc) {
    case FREEXL_FILE_NOT_FOUND: return "cannot read the file";
    case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory to open it";
    case FREEXL_INVALID_CFBF_HEADER: return "is not an Excel 97-2003 workbook (no compound file header)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "holds no workbook stream (a Word or other OLE file?)";
    default: return "is a damaged or unsupported Excel 97-2003 workbook";
    }
}

int xls_load(report *r, const char *path, load_error *err)
{
    (void)r;
    const void *h = NULL;
    int rc = freexl_open_info(path, &h);
    if (rc != FREEXL_OK) {
        load_error_set(err, path, 0, "%s", freexl_reason(rc));
        if (h) freexl_close(h);
        return -1;
    }
    unsigned int nsheets = 0, password = 0;
    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets);
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED)
        load_error_set(err, path, 0, "is encrypted (password-protected): save it without a password as .xlsx and try again");
    else
        load_error_set(err, path, 0,
                       "an Excel 97-2003 workbook (%u sheets): its number formats and formulas cannot be read, so the "
                       "published values cannot be known; save it as .xlsx (or .ods) and audit that", nsheets);
    freexl_close(h);
    return -1;
}
