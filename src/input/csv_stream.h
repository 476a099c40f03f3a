/*
 * csv_stream.h — a spreadsheet export read as it streams, row by row,
 * into the same table csv_load.c would build, without holding the file.
 *
 * Two passes over the file, neither keeping more than a block of text and
 * one record:
 *   1. the survey (csv_stream_open): the byte order mark and UTF-8, the
 *      delimiter, quotes that never close, the header (from the first
 *      records, kept), and the number style votes of every record — the
 *      file-wide vote and each column's (table_build.h) — which decide how
 *      the first row's numbers are read, so they must be counted first;
 *      with threads, a large file's records in two parts at once (split
 *      at a line start, the sums added; one part when a quoted field runs
 *      over the split). A file over a megabyte is surveyed for its votes
 *      only that far, the styles guessed from them, and the rest looked
 *      through for its cuts and its quotes alone; the rows' readers count
 *      the rest's votes and the caller checks the guess (below);
 *   2. the rows (csv_stream_next): split again, each record through
 *      table_builder_add into the table, which the caller empties as it
 *      goes (table_builder_cut).
 * Windows-1252 is read as csv_load reads it (read_text): when a line is not
 * UTF-8 and the file has no UTF-8 byte order mark, the survey starts again
 * decoding every line. Anything csv_load would read differently or refuse —
 * UTF-16, no header, a cell over the limit, an unclosed quote, a parse
 * error, a ragged row — makes the file not streamable: csv_stream_open returns 0 or
 * csv_stream_next -1, and the caller loads the file whole with csv_load,
 * which reads it or reports the error exactly as before. The 256 MiB input
 * limit does not apply to a streamed file: it is never held.
 *
 * Uses libcsv, csv_load.h (shared pieces), table_build.h. Never touches Lua.
 */
#ifndef LAKIP_CSV_STREAM_H
#define LAKIP_CSV_STREAM_H

#include "input/table_build.h"
#include "model/report.h"

typedef struct csv_stream csv_stream;

/* Surveys path for streaming with the number style choice csv_load would
 * use, on up to `threads` threads (two at most: a large file's records are
 * surveyed in two parts at once). 1 and *out, or 0: load it whole. */
int csv_stream_open(const char *path, enum style_choice choice, int threads, csv_stream **out);

/* The file's encoding as read_text names it ("UTF-8", or "Windows-1252",
 * *assumed true: bytes that are not UTF-8 in a file without a UTF-8
 * byte order mark, each line decoded). */
const char *csv_stream_encoding(const csv_stream *s, bool *assumed);

/* The builder: its table holds the header (and no row before the first
 * csv_stream_next), then the rows added and not yet cut off. */
table_builder *csv_stream_builder(csv_stream *s);

/* Adds the next record. 1: one more row in the table (*row its index); 0:
 * the record added no row (a blank or repeated header line, a wrapped
 * line); -1: not streamable after all (load it whole); 2: the end. */
int csv_stream_next(csv_stream *s, size_t *row);

/* The cuts the survey found: places where the rows' pass may start on
 * another thread, each a record start (a whole line outside quotes, the
 * head behind it) about a megabyte after the one before, in file order;
 * csv_stream_cut_line: the line of cut k. A fork reads from cut k with a
 * builder started as s's was (its head, its number styles) and passes
 * records on as csv_stream_next does, to the end of the file; s must
 * outlive it. Its rows are those s would add from there only when the
 * builder's state is the same (table_builder_state): the caller checks.
 * NULL when k is not a cut. */
size_t csv_stream_cut_count(const csv_stream *s);
int csv_stream_cut_line(const csv_stream *s, size_t k);
csv_stream *csv_stream_fork(const csv_stream *s, size_t k);

void csv_stream_free(csv_stream *s);

/* The number styles guessed (style_votes.h): a file longer than a
 * megabyte (LAKIP_GUESS_BYTES) is surveyed only that far for its votes,
 * and to its end for its cuts alone. Every reader (s and its forks)
 * counts the votes of the records it reads; the caller says when it has
 * done with a reader (csv_stream_count_done, before freeing a fork; s
 * last), and when the whole file has been read, whether the styles the
 * counts decide are those it was read with (csv_stream_guess_held). When
 * they are not — or a reader failed, which may be a line the survey would
 * have read as Windows-1252 — csv_stream_survey_whole surveys the whole
 * file as before (1, or 0: not streamable), and the file is read again. */
bool csv_stream_guessed(const csv_stream *s);
void csv_stream_count_done(csv_stream *s);
bool csv_stream_guess_held(const csv_stream *s);
int csv_stream_survey_whole(csv_stream *s);

#endif
