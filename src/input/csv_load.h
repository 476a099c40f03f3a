/*
 * csv_load.h — spreadsheet exports (.csv, .tsv, .txt).
 *
 * One file is one table. The text is UTF-8, UTF-16 with a byte order mark
 * or Windows-1252 (read_text.h). The delimiter (';', ',' or TAB) is
 * detected, CRLF and quoted fields with embedded delimiters and newlines
 * are read by libcsv; each record keeps the line it starts on. The rows
 * then go through table_build (title and metadata rows, header,
 * column-number row, group / total / data rows, merged and wrapped cells);
 * in a spreadsheet every row must have the header's width. A sheet without
 * a recognisable header is kept as a table whose columns have no role
 * (reported as input.no-header when it holds numbers).
 *
 * Uses libcsv, table_build.h, read_text.h, report.h. Never touches Lua.
 */
#ifndef LAKIP_CSV_LOAD_H
#define LAKIP_CSV_LOAD_H

#include "model/report.h"

/* Loads path into r as one table. Returns 0, or -1 with *err filled. */
int csv_load(report *r, const char *path, load_error *err);

/* The delimiter of the text: ';', ',' or '\t' — the one that splits the
 * first 30 records (quotes respected) into the most rows of equal field
 * count; ties go to the larger count, then to ';', TAB, ','. */
char csv_detect_delimiter(const char *s, size_t len);

#endif
