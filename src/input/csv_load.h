/*
 * csv_load.h — spreadsheet exports (.csv, .tsv, .txt).
 *
 * One file is one table. The delimiter (';', ',' or TAB) is detected, a
 * UTF-8 byte order mark is skipped, CRLF and quoted fields with embedded
 * delimiters and newlines are read by libcsv; each record keeps the line
 * it starts on. The rows then go through table_build (title and metadata
 * rows, header, column-number row, group / total / data rows, merged and
 * wrapped cells); in a spreadsheet the header is required and every row
 * must have the header's width.
 *
 * Uses libcsv, table_build.h, utf8.h, report.h. Never touches Lua.
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
