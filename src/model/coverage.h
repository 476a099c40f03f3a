/*
 * coverage.h — what an audit read and what it checked, so that a report
 * never reads as "checked and clean" when nothing was checked.
 *
 * Filled from three sides:
 *   - the loaders note each data file with the encoding of its text
 *     (coverage_note_file), and every file or block that looked like
 *     data but could not be read, with file:line and why
 *     (coverage_note_unread);
 *   - the engine notes, for the rules, each value a rule recomputed from
 *     the report's own numbers (ctx:recomputed), compared with the same
 *     value elsewhere (ctx:compared), or looked at but could not judge
 *     (ctx:not_checkable), by table row, or by file for values in the
 *     narrative (coverage_note_value);
 *   - the tables themselves: coverage_summarise counts tables, recognised
 *     tables (with a header), data rows, numbers read in numeric columns,
 *     and cells of numeric columns that could not be parsed (kind invalid
 *     or text: a typed value such as a bound or a ratio that the number
 *     reader learns to read is not "unparsed" any more, and is counted as
 *     recomputed or not checkable by the rule that judges it).
 *
 * Uses report.h / table.h to summarise. Never touches Lua.
 */
#ifndef LAKIP_COVERAGE_H
#define LAKIP_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>

struct report;
struct table;

typedef struct coverage coverage;

coverage *coverage_new(void);
void coverage_free(coverage *c);

/* ---- loaders ---- */

/* A data file read (settings files are not), with the encoding its text
 * was decoded from: "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252".
 * assumed: guessed, no byte order mark said so. */
void coverage_note_file(coverage *c, const char *file, const char *encoding, bool assumed);
size_t coverage_file_count(const coverage *c);
bool coverage_has_file(const coverage *c, const char *file);
/* The i-th data file, in load order; NULL when out of range. */
const char *coverage_file(const coverage *c, size_t i, const char **encoding, bool *assumed);

enum unread_kind {
    UNREAD_FILE,        /* a file of a folder that could not be loaded at all */
    UNREAD_BLOCK,       /* a block of a document that looks like a table but was not read as one */
    UNREAD_NO_HEADER,   /* a table with numbers but no recognisable header (from the tables; not noted by loaders) */
    UNREAD_PAGE         /* a PDF page not read: a scan, text drawn as shapes, damaged (line 0; the page is in why) */
};
const char *unread_kind_name(enum unread_kind k);   /* "file", "block", "no_header", "page" */

typedef struct {
    enum unread_kind kind;
    const char *file;
    int line;           /* 0: the whole file */
    const char *why;    /* English, one sentence without a final stop */
    const char *why_id; /* the same in Indonesian; may equal why */
} coverage_unread;

/* why_id may be NULL: the English text is used. */
void coverage_note_unread(coverage *c, enum unread_kind kind, const char *file, int line, const char *why, const char *why_id);

/* ---- the engine, for the rules ---- */

enum value_outcome {
    VALUE_RECOMPUTED,   /* recomputed from the report's own numbers (a capaian, a sum, a % in a sentence) */
    VALUE_COMPARED,     /* compared with the same value elsewhere (another table, the Renstra) */
    VALUE_NOT_CHECKABLE /* read, but could not be judged (e.g. a capaian without its target) */
};
#define VALUE_OUTCOMES 3
const char *value_outcome_name(enum value_outcome o);   /* "recomputed", "compared", "not_checkable" */
#define COVERAGE_NO_ROW ((size_t)-1)
/* n values of row `row` (COVERAGE_NO_ROW: of the table as a whole) of
 * table t, or of the narrative of `file` when t is NULL; `by` names the
 * rule family that judged them. Tables are told apart by address: a
 * long-form file's group reports have tables of their own. */
void coverage_note_value(coverage *c, enum value_outcome o, const char *by, const char *file,
                         const struct table *t, size_t row, unsigned n);
/* Per rule family, in order of first note: values counted for each
 * outcome (indexed by enum value_outcome). Returns the family name, NULL
 * when out of range. */
const char *coverage_family(const coverage *c, size_t i, size_t counts[VALUE_OUTCOMES]);

/* A streamed file releases each report when it is done (src/pipeline.c):
 * before it goes, what `part` (the coverage the rules noted for that
 * report alone) and the report's tables give is folded into c — the
 * families' and narrative counts, and the table counts coverage_summarise
 * would read from the tables — so that summaries stay the same. A folded
 * table is never listed by coverage_unread_list: a streamed table has a
 * header. group may be NULL (part holds folded counts of its own). */
void coverage_fold(coverage *c, const coverage *part, const struct report *group);

/* ---- reading ---- */

typedef struct {
    size_t files;               /* data files read (settings files are not counted) */
    size_t files_unread;        /* files of a folder that could not be read */
    size_t tables;              /* tables found */
    size_t tables_recognised;   /* with a header whose columns were recognised */
    size_t tables_checked;      /* with at least one value recomputed or compared */
    size_t rows;                /* data and total rows of recognised tables */
    size_t rows_checked;        /* of those, rows with a value recomputed or compared */
    size_t values_read;         /* numbers read in the numeric columns of recognised tables */
    size_t values_recomputed;   /* in tables and narrative */
    size_t values_compared;
    size_t values_not_checkable;
    size_t cells_unparsed;      /* cells of numeric columns that are not a number */
    size_t unread;              /* files, blocks and tables that looked like data but were not read */
} coverage_summary;

/* The tables counted are those of the reports the rules ran on (the
 * loaded report, or the group reports of a long-form file); files, tables
 * of this file only when file != NULL. */
void coverage_summarise(const coverage *c, const struct report *const *reports, size_t nreports,
                        const char *file, coverage_summary *out);

/* Everything not read, in file and line order: the noted files and blocks
 * and the numeric tables without a header in which no rule recomputed
 * anything. Returns the count; *items is owned by the caller (free it; the
 * strings stay owned by c and the reports). */
size_t coverage_unread_list(const coverage *c, const struct report *const *reports, size_t nreports,
                            coverage_unread **items);

/* True when a table without a header holds numbers in at least two rows:
 * it was meant as data but nothing could be checked in it. */
bool coverage_table_looks_numeric(const struct table *t);

#endif
