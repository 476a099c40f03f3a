/*
 * table_build.h — turning rows of text into a table.
 *
 * Both loaders produce records (one source row: its line and its raw
 * fields) — csv_load.c with libcsv, doc_load.c by splitting a document's
 * table block on TAB — and hand them to table_build, which holds the one
 * copy of the row rules: title and metadata rows above the header, the
 * header (one or two rows), the column-number row, repeated headers after
 * a page break, group / total / data rows, wrapped indicator lines and
 * merged (blank = same as above) sasaran and program cells. The rules are
 * documented in docs/FORMAT.md.
 *
 * Uses columns.h, table.h, number.h, report.h (load_error). No Lua.
 */
#ifndef LAKIP_TABLE_BUILD_H
#define LAKIP_TABLE_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"
#include "model/table.h"

/* How many non-blank records may precede the header (title, metadata). */
#define BUILD_HEADER_SEARCH 30

typedef struct {
    int line;           /* source line where the record starts */
    size_t nfields;
    char **fields;      /* owned raw texts, markup not stripped */
    bool clean;         /* every field clean as it stands (build_clean_text would give it back
                           unchanged), as its loader found for the whole line (build_line_clean);
                           false: not known, each field is checked */
    bool packed;        /* the fields lie one after the other, each right after the previous
                           one's NUL (fields[i + 1] == fields[i] + strlen(fields[i]) + 1), as a
                           plain line split in place leaves them (csv_plain.h); false: not known */
} record;

typedef struct {
    record *items;
    size_t count, cap;
} record_list;

/* Appends a record; takes ownership of fields (array and strings). */
void record_list_push(record_list *l, int line, char **fields, size_t nfields);
/* Moves the records of src from index `from` on to the end of dst;
 * frees the ones before `from`; src ends empty. */
void record_list_move(record_list *dst, record_list *src, size_t from);
void record_list_free(record_list *l);

/* 0, or -1 with *err filled (file:line of the record) when a field is
 * longer than INPUT_MAX_CELL. */
int records_check_cells(const record_list *l, const char *file, load_error *err);

bool record_is_blank(const record *r);
/* A "--\t-----\t--" rule line of a converted PDF: only dashes (and ':'),
 * at least one field with two or more dashes. */
bool record_is_separator(const record *r);
/* Index of the last non-empty field + 1 (trailing empty fields do not count). */
size_t record_width(const record *r);

/* The file-wide vote of a table's records: number_style_evidence summed
 * over the value columns under the header (every field of a block without
 * one): > 0 Indonesian, < 0 English. */
long records_style_evidence(const record_list *l);
/* The same with the header already found: h = build_find_header(l). */
long records_style_evidence_under(const record_list *l, long h);
/* One record's part of that vote; header NULL for a block without one,
 * text_col the header's word columns (style_text_columns; free it). */
bool *style_text_columns(const record *header);
long record_style_evidence(const record *header, const bool *text_col, const record *r);

/* Index of the header record among the first BUILD_HEADER_SEARCH non-blank
 * records of l, or -1. */
long build_find_header(const record_list *l);
/* True when two header records have the same cells (normalised, trailing
 * empty fields ignored). */
bool build_same_header(const record *a, const record *b);

/* A cell's text: markup (<b>..</b>, **) stripped, blanks collapsed, trimmed.
 * Returns a new string. */
char *build_clean_text(const char *raw);
/* True when every field of the plain line s[0..n) (csv_plain.h: no quote,
 * no '\r' or '\n', fields trimmed of blanks; its end left out and s[n] a
 * NUL in its place) is clean as it stands: no byte build_clean_text acts
 * on, no two blanks in a row. False says nothing: some field may be clean
 * or not. */
bool build_line_clean(const char *s, size_t n);

typedef struct {
    const char *file;           /* as given on the command line */
    enum number_style style;    /* the file's style: the fallback of a column without evidence */
    bool style_forced;          /* --number-style / settings: every column in `style` */
    bool strict;                /* spreadsheet export: rows wider or narrower than the header are errors */
    const char *caption;        /* when there is no title row; NULL: the file name */
    int caption_line;
    bool header_known;          /* header is build_find_header(l) of the records built: not searched again */
    long header;
} build_options;

/* Builds a table from the records. Returns NULL with *err filled (an
 * empty file; in strict mode a ragged row); a block without a header
 * becomes a table whose columns are all COL_NONE (header line 0). */
table *table_build(const record_list *l, const build_options *o, load_error *err);

/* The same, record by record, for a file read as it streams (csv_stream.h);
 * table_build is exactly these steps over a whole list:
 *   table_builder_start  the table's head from the first records of the
 *                        file, which must hold the first BUILD_HEADER_SEARCH
 *                        non-blank records and the one after the header
 *                        (or the whole file); *next = the first record
 *                        after the head. `l` must outlive the builder.
 *   table_builder_vote   each record from *next on votes for the column
 *                        number styles (id, en: one count per column)
 *   table_builder_set_styles  once, with the votes of all of them
 *   table_builder_add    then each record from *next on, in order
 *   table_builder_finish the table (or table_builder_free on an error)
 * table_builder_cut hands over the rows before `from` as a table of their
 * own (see table_split_tail) and goes on with the rest: a streamed file
 * releases a finished report's rows this way. */
typedef struct table_builder table_builder;
table_builder *table_builder_start(const record_list *l, const build_options *o, size_t *next, load_error *err);
size_t table_builder_columns(const table_builder *b);
void table_builder_vote(const table_builder *b, const record *r, long *id, long *en);
/* table_builder_vote and record_style_evidence(hr, text_col, r) at once,
 * each field read once, with the modes table_builder_vote_modes made of
 * b, hr and text_col (n of them; free them): the file's vote of r is
 * returned. A mode is VOTE_FILE and / or VOTE_COLUMN: which of the two
 * votes the column's fields take part in. */
#define VOTE_FILE 1
#define VOTE_COLUMN 2
unsigned char *table_builder_vote_modes(const table_builder *b, const record *hr, const bool *text_col, size_t *n);
long table_builder_vote_both(const unsigned char *modes, size_t n, const record *r, long *id, long *en);
void table_builder_set_styles(table_builder *b, const long *id, const long *en);
int table_builder_add(table_builder *b, const record *r, load_error *err);
/* table_builder_add and table_builder_vote_both at once (r's file vote
 * added to *file): a cell read as a number has its vote from that
 * reading (table_add_row_packed_votes), the others from their field as
 * table_builder_vote_both finds it. The counts are those of the two
 * apart; a streamed file's reader counts the rows it reads this way. */
int table_builder_add_voting(table_builder *b, const record *r, const unsigned char *modes, size_t n, long *id,
                             long *en, long *file, load_error *err);
/* False when table_builder_add would refuse r: in strict mode, a row
 * wider or narrower than the header. */
bool table_builder_fits(const table_builder *b, const record *r);
table *table_builder_table(table_builder *b);
table *table_builder_cut(table_builder *b, size_t from);
table *table_builder_finish(table_builder *b);
void table_builder_free(table_builder *b);

/* Everything that decides how the builder goes on, as bytes (*len of
 * them; free them): the merged cells it fills in, the row a wrapped line
 * would extend, whether a header's second row may follow, the column-
 * number row, the group row, and the rows of its table (their lines,
 * kinds, groups, texts, filled marks). Two builders of one file with the
 * same state and the same records to come add the same rows: a rows'
 * pass started at a cut (csv_stream_fork) is checked this way against
 * the one that read up to there. */
char *table_builder_state(const table_builder *b, size_t *len);

/* The builder goes on from the middle of a table (a rows' pass started at
 * a cut): a wrapped line before its first row extends a row above that it
 * does not hold, and is dropped — not made a row of its own, which would
 * keep the two readers from meeting at the next report. */
void table_builder_assume_row_above(table_builder *b);

#endif
