/*
 * csv_plain.c — a quote-free line split into fields (see csv_plain.h).
 *
 * libcsv's rules for an unquoted field, which this mirrors: blanks before
 * the first other byte are skipped, blanks after the last are dropped, a
 * delimiter ends the field, the line end ends the field and the record.
 * A line holding blanks and its end only is no record at all in libcsv;
 * such lines are left to it (csv_line_blank decides the same elsewhere).
 */
#include "input/csv_plain.h"

#include <string.h>

#include "input/csv_load.h"

bool csv_plain_split(const char *line, size_t n, char delim,
                     void (*on_field)(void *text, size_t len, void *ctx), void *ctx)
{
    if (csv_is_space((unsigned char)delim) || delim == '"') return false;
    /* the line's end: what libcsv takes as the end of the record */
    size_t end = n;
    if (end && line[end - 1] == '\n') end--;
    if (end && line[end - 1] == '\r') end--;
    if (end == n) return false;                     /* no end yet: the last line of the file */
    if (memchr(line, '"', end) || memchr(line, '\r', end) || memchr(line, '\n', end)) return false;
    if (csv_line_blank(line, end)) return false;
    size_t start = 0;
    for (;;) {
        const char *d = memchr(line + start, delim, end - start);
        size_t stop = d ? (size_t)(d - line) : end;
        size_t a = start, b = stop;
        while (a < b && line[a] == CSV_BLANK_BYTE) a++;             /* csv_is_space, without a call per byte */
        while (b > a && line[b - 1] == CSV_BLANK_BYTE) b--;
        on_field((void *)(line + a), b - a, ctx);
        if (!d) return true;
        start = stop + 1;
    }
}
