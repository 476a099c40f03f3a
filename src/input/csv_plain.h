/*
 * csv_plain.h — the common line of a spreadsheet export split without
 * libcsv: no quote in it, a record of its own.
 *
 * libcsv walks a line byte by byte through a state machine and a callback
 * per byte class; for a line with no quote character every field is just
 * the text between delimiters, blanks (csv_is_space) trimmed at both ends.
 * That is most lines of a long-form file, and splitting them with memchr
 * halves the time of a pass over the file (the in-place split, which
 * both passes of a streamed file use, finds the delimiters of sixteen
 * bytes at once with SSE2 where the compiler targets it). Any other line (a quote, blank
 * only, no line end yet, a space delimiter) is left to libcsv, so the
 * fields are exactly libcsv's either way (tests/unit/test_csv_plain.c
 * compares the two on generated lines).
 *
 * Uses csv_load.h (blanks) and util.h (grow_array). Never touches Lua.
 */
#ifndef LAKIP_CSV_PLAIN_H
#define LAKIP_CSV_PLAIN_H

#include <stdbool.h>
#include <stddef.h>

/* line[0..n) is one physical line with its end ("\n", "\r\n" or "\r"),
 * read when libcsv stands at the start of a record. When the line is
 * plain, calls on_field(text, len, ctx) for each field, as libcsv's field
 * callback would be called, and returns true: the caller closes the
 * record as libcsv's record callback would. Otherwise returns false and
 * calls nothing. text points into line, and text[len] is a byte of
 * line[0..n) that the split has passed (the delimiter, a blank, or the
 * first byte of the line end): a caller that owns the line may write a
 * NUL there and keep the field in place. */
bool csv_plain_split(const char *line, size_t n, char delim,
                     void (*on_field)(void *text, size_t len, void *ctx), void *ctx);

/* The same split with the fields left in the line, for a caller that owns
 * it, reads it no more, and cut it at its first '\r' or '\n' (none before
 * its end, as csv_stream reads lines; not looked for again): each field
 * ended in place with a NUL (written over the byte after it, as above),
 * (*fields)[0..count) pointing at them, *fields grown with grow_array
 * (*cap its size), *longest the length of the longest, *packed true when
 * no field had a blank trimmed: then the fields lie one after the other,
 * each right after the previous one's NUL (the delimiter it replaced), so
 * (*fields)[i + 1] == (*fields)[i] + strlen((*fields)[i]) + 1. Returns
 * count (a plain line has at least one field), or 0 when the line is not
 * plain: then nothing is written. One loop without a call per field: a
 * streamed file splits every line twice. */
size_t csv_plain_split_in_place(char *line, size_t n, char delim, char ***fields, size_t *cap, size_t *longest,
                                bool *packed);

/* Whether csv_plain_split_in_place would split line[0..n) (a line as it
 * reads them), without splitting it: a record of its own when read outside
 * quotes. For a pass that only looks for record starts. */
bool csv_plain_line(const char *line, size_t n, char delim);

#endif
