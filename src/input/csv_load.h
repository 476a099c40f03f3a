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

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

/* Loads path into r as one table. Returns 0, or -1 with *err filled. */
int csv_load(report *r, const char *path, load_error *err);
/* The same with the number style choice given (csv_load: r's). */
int csv_load_styled(report *r, const char *path, enum style_choice choice, load_error *err);

/* The delimiter of the text: ';', ',' or '\t' — the one that splits the
 * first 30 records (quotes respected) into the most rows of equal field
 * count; ties go to the larger count, then to ';', TAB, ','. */
char csv_detect_delimiter(const char *s, size_t len);
/* The same; *records = how many records it looked at (fewer than 30: the
 * text ended first). */
char csv_detect_delimiter_n(const char *s, size_t len, size_t *records);

/* ---- shared with csv_stream.c, which reads the same way in pieces ---- */

/* A line libcsv skips between records: spaces and line ends only. */
bool csv_line_blank(const char *s, size_t n);
/* libcsv's space function: spaces only (TAB may be the delimiter). */
int csv_is_space(unsigned char c);
/* The one byte it takes for a space, for loops that test every byte. */
#define CSV_BLANK_BYTE ' '
/* Where a quoted field that never closes opens: fed the text in pieces
 * that end at line ends (a "\r\n" never split), in order; at the end,
 * quoted set means open_line opened a field that never closed. */
typedef struct {
    int line, open_line;
    bool start, quoted;
} csv_quote_scan;
#define CSV_QUOTE_SCAN_INIT { 1, 0, true, false }
void csv_quote_scan_feed(csv_quote_scan *q, const char *s, size_t len, char delim);
/* What csv_quote_scan_feed does with a whole line that holds no quote and
 * ends with its line end, outside quotes: counts it. */
void csv_quote_scan_plain_line(csv_quote_scan *q);

#endif
