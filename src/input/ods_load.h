/*
 * ods_load.h — OpenDocument spreadsheets (.ods).
 *
 * Reads content.xml (and the number styles of styles.xml): each table
 * (sheet) with its hidden state, rows and columns with their repeat counts
 * and visibility, and each cell's value type and stored value, shown
 * through its number style translated to a number format code (numfmt.h),
 * so that the displayed value is computed exactly as for .xlsx — the text
 * LibreOffice stored beside it is in the saving machine's locale and is
 * used only for strings; formulas (of:=[.E7]/[.D7]) are written in A1
 * form. Sheets become tables through sheet_build.h.
 */
#ifndef LAKIP_ODS_LOAD_H
#define LAKIP_ODS_LOAD_H

#include "model/report.h"

int ods_load(report *r, const char *path, load_error *err);

#endif
