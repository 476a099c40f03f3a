/*
 * numfmt.h — a spreadsheet cell's stored number shown through its number
 * format, the way the published table shows it.
 *
 * The stored value is the decimal text the file holds ("1.0524000000000001",
 * "6.25E-2"); it is never converted to binary floating point. It is first
 * cut to 15 significant digits (what a spreadsheet shows at most), then
 * rounded half away from zero to the decimals of the format, so the
 * displayed precision — which decides the rounding check — is the
 * format's: 1.05236 through "0.00%" is "105,24%".
 *
 * Output is always in Indonesian notation (decimal comma, '.' grouping),
 * whatever the locale of the spreadsheet program: the tables built from a
 * workbook are read in that style. Supported: General (as a standard-width
 * column shows it: at most 11 characters), 0 # ? placeholders, grouping,
 * trailing-comma scaling, %, literal text ("orang", \x, [$Rp-421]), up to
 * four sections (positive;negative;zero;text), date formats (d m y, month
 * names in Bahasa Indonesia). Scientific and fraction formats fall back to
 * General. Built-in format ids 0-49 of Office Open XML are known.
 */
#ifndef LAKIP_NUMFMT_H
#define LAKIP_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

/* The format code of a built-in numFmtId, or NULL when the id is not built in. */
const char *numfmt_builtin(int id);

/* True when the format shows a date or time. */
bool numfmt_is_date(const char *code);

/* Renders the stored value `value` (decimal text, optional exponent)
 * through `code` (NULL or "" = General) into buf. date1904: the workbook's
 * date system. Returns false (buf = value as written) when value is not a
 * number. */
bool numfmt_render(const char *value, const char *code, bool date1904, char *buf, size_t size);

#endif
