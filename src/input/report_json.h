/*
 * report_json.h — reading back a JSON report of lakip-audit (docs/JSON.md)
 * as a portfolio entry: the report's agency, year and inputs, its findings
 * counted by rule and severity, and its coverage. A portfolio summary in
 * JSON (itself made by check or merge) gives its entries back as they are,
 * so summaries of batches merge too.
 */
#ifndef LAKIP_REPORT_JSON_H
#define LAKIP_REPORT_JSON_H

#include <stddef.h>
#include "model/portfolio.h"

/* Adds the entries of a JSON report (or summary) to pf; `name` is used in
 * messages. 0, or -1 with "NAME:LINE: message" in err (nothing added from
 * a report; a summary's entries before the bad one stay). */
int report_json_read(const char *text, size_t len, const char *name, portfolio *pf, char *err, size_t errlen);
/* The same from a file. */
int report_json_load(const char *path, portfolio *pf, char *err, size_t errlen);

#endif
