/*
 * style_votes.h — the number style votes of a streamed file, counted as
 * its rows are read, to check the styles it was read with.
 *
 * A long-form file's number styles (each column's and the file's:
 * table_build.h) are majorities over all its records, and they decide how
 * the first row is read. csv_stream used to count them in a pass of its
 * own over the whole file before reading any row: about a tenth of the
 * audit's instructions, the file parsed twice. Now it decides them from
 * the file's head and its first megabyte (the guess), the readers count
 * the votes of the records they read anyway, and when the file is read
 * the counts are added up: if the styles they decide are the guessed
 * ones, the audit stands; if not, the file is surveyed whole and audited
 * again (pipeline.h), so the styles are always the whole file's.
 *
 * Several readers read a file at once (pipeline_cuts.c), and a reader
 * reads past its chunk's end into the next chunk. So the votes are counted
 * per range, a range being the records between two cuts (a record start
 * the survey's quick pass found): a reader counts each range it reads
 * separately, a range it read from its first record to its last is
 * complete, and the file's count takes one complete count of each range.
 * Every reader of a range parses it the same way when the cuts are record
 * starts, so any complete count will do; a reader that finds a record
 * starting past a cut's line (the cut fell inside a quoted field, or on a
 * line that is no record) says so, and then nothing is trusted.
 *
 * Plain counting: no I/O, no threads (the callers keep one reader's
 * counts to one thread at a time). Never touches Lua.
 */
#ifndef LAKIP_STYLE_VOTES_H
#define LAKIP_STYLE_VOTES_H

#include <stdbool.h>
#include <stddef.h>

/* The votes of some records: each column's (id, en) and the file's. */
typedef struct {
    long *id, *en;
    long file;
    bool complete;      /* a range's: counted from its first record to its last */
} vote_count;

/* One reader's counts, from range `from` on. */
typedef struct {
    size_t ncols;
    size_t from;
    vote_count *ranges;
    size_t n, cap;
    bool ran_over;      /* a record started past a range's end line: a cut was no record start */
} reader_votes;

/* A file's: the votes of its head, those the styles were guessed from,
 * and one complete count per range as the readers are done. */
typedef struct {
    size_t ncols;
    bool forced;        /* the style was given (--number-style): nothing to check */
    vote_count head, guess;
    vote_count *ranges;
    size_t nranges;
    bool broken;        /* a reader ran over a cut */
} file_votes;

/* A count of ncols columns, all zero. */
vote_count vote_count_new(size_t ncols);
void vote_count_free(vote_count *c);

/* Starts r counting ranges from `from` (range `from` open). */
void reader_votes_start(reader_votes *r, size_t ncols, size_t from);
/* The count of the open range. */
vote_count *reader_votes_open(reader_votes *r);
/* The open range is complete (the reader read its last record, or the
 * end of the file); with more, the next range is opened. */
void reader_votes_close(reader_votes *r, bool more);
void reader_votes_free(reader_votes *r);

/* Starts f for a file of nranges ranges (taken over: head and guess). */
void file_votes_start(file_votes *f, size_t ncols, bool forced, vote_count head, vote_count guess, size_t nranges);
/* Keeps r's complete ranges that f has no count of yet, and whether it
 * ran over a cut; r is left empty. */
void file_votes_keep(file_votes *f, reader_votes *r);
/* Whether every range was counted whole and the styles the sums decide
 * are the guessed ones (the signs of each column's id - en and of the
 * file's vote: all that table_builder_set_styles and the file style read). */
bool file_votes_held(const file_votes *f);
void file_votes_free(file_votes *f);

#endif
