/*
 * output.h — the report writers. Every format has the same signature over
 * the same audit: the loaded report, the rule catalog and the final finding
 * list (filtered, sorted, fingerprinted). Writers never touch Lua.
 */
#ifndef LAKIP_OUTPUT_H
#define LAKIP_OUTPUT_H

#include <stdio.h>
#include "model/catalog.h"
#include "model/finding.h"
#include "model/recompute.h"
#include "model/report.h"

typedef struct {
    const report *rep;
    const catalog *cat;
    const finding_list *findings;
    const recompute_list *recomputed;   /* what the rules recomputed, sorted; may be NULL */
    const report *const *audited;       /* the reports the rules ran on (a long-form file's */
    size_t naudited;                    /* groups); NULL, 0: rep itself */
    enum lang lang;
    const char *version;
    const char *date;               /* YYYY-MM-DD of the run */
    enum severity fail_on;          /* for the summary line */
    int fail_never;
    /* findings written already as they became final (a long-form file's
     * JSON or SARIF, output_piecewise) and no longer in `findings`: how
     * many, and those not accepted by severity */
    size_t streamed_total;
    size_t streamed_counts[3];
    /* the notes of `findings` as the tail writes them, written as they
     * were taken (a piecewise writer's note step, findings_stream.c): the
     * tail copies the file instead; NULL: the tail writes them */
    FILE *notes_written;
} audit;

typedef int (*output_fn)(FILE *out, const audit *a);

int output_text(FILE *out, const audit *a);
int output_json(FILE *out, const audit *a);
/* A format written in three steps, for findings written as they become
 * final: head; findings for each finished list in turn (*written counts
 * what all calls wrote, from 0); tail once the rest is known — notes from
 * a->findings (or a->notes_written), counts from audit_counts and
 * audit_total, which include a->streamed_*. The format's output_fn is the
 * three over a->findings. A format may also write each note as the tail
 * would (note: the i-th note, from 0; NULL: the tail writes them), into a
 * file of its own that the tail then copies: a long-form file has a note
 * per report, and written at the end they were the longest step after the
 * audit (about 30 ms of the bench file's run, on one thread). */
typedef struct {
    void (*head)(FILE *out, const audit *a);
    void (*findings)(FILE *out, const audit *a, const finding_list *l, size_t *written);
    int (*tail)(FILE *out, const audit *a, size_t written);
    void (*note)(FILE *out, const audit *a, size_t i, const char *rule, const char *group, const char *text_id,
                 const char *text_en);
} piecewise_writer;
void output_json_head(FILE *out, const audit *a);
void output_json_findings(FILE *out, const audit *a, const finding_list *l, size_t *written);
int output_json_tail(FILE *out, const audit *a, size_t written);
void output_json_note(FILE *out, const audit *a, size_t i, const char *rule, const char *group, const char *text_id,
                      const char *text_en);
void output_sarif_head(FILE *out, const audit *a);
void output_sarif_findings(FILE *out, const audit *a, const finding_list *l, size_t *written);
int output_sarif_tail(FILE *out, const audit *a, size_t written);
/* The findings step of a piecewise JSON-like writer: each finding of l by
 * write_one, ",\n" between it and the one written before (*written counts
 * them across calls). */
void output_array_items(FILE *out, const audit *a, const finding_list *l, size_t *written,
                        void (*write_one)(FILE *out, const audit *a, const finding *f));
/* The piecewise form of a --format, or NULL when the format needs every
 * finding before it can write the first (text, md: counts first; html,
 * xlsx: the tables). */
const piecewise_writer *output_piecewise(const char *format);
int output_html(FILE *out, const audit *a);
/* For other HTML pages (the portfolio summary): the report's stylesheet,
 * and text escaped for HTML (invalid UTF-8 and control characters shown
 * as U+FFFD). */
extern const char html_stylesheet[];
void html_text(FILE *out, const char *s);
int output_md(FILE *out, const audit *a);
int output_sarif(FILE *out, const audit *a);
int output_xlsx(FILE *out, const audit *a);

/* The writer for a --format name, or NULL. */
output_fn output_find(const char *format);
/* True for the formats people read in a terminal or editor (text, md):
 * output_write escapes control characters for them. */
int output_escapes_controls(const char *format);
/* Runs fn with a stream that passes what it writes to out through
 * utf8_write_clean as it comes (not held in memory: a long-form file's
 * report may have a million findings): whatever the strings came from
 * (rule messages, file names, cells), every output is valid UTF-8, and
 * with escape_controls no terminal control sequence gets through. The
 * JSON report goes to out as it is: util/json.c writes every text of it
 * valid already (U+FFFD where the cleaning puts one). A binary
 * format (xlsx) is written as it is, and refused on a terminal. 0, or -1
 * on a write error (what was written stays: -o files are committed whole
 * or removed by output_file.h). */
int output_write(FILE *out, output_fn fn, int escape_controls, const audit *a);
/* output_write's cleaning stream held open for a writer called in pieces
 * (output_json_head, ...): write to output_pieces_file, then close: 0, or
 * -1 on a write error. */
typedef struct output_pieces output_pieces;
output_pieces *output_pieces_open(FILE *out, int escape_controls);
FILE *output_pieces_file(output_pieces *p);
int output_pieces_close(output_pieces *p);
/* The label of the header's notes (finding_list_add_note): "Catatan", "Notes". */
const char *output_notes_label(enum lang lang);

/* "text, json, ..." for messages. */
const char *output_names(void);

/* True when b belongs under the same heading as a: the same table of the
 * same file, or both outside tables in the same file. Every writer groups
 * findings this way (the list is sorted by file, table, line). */
int findings_same_group(const finding *a, const finding *b);

/* Where f is inside its file, as every writer shows it after "file:":
 * its place in a workbook or document ("PK 2019!F12", "tabel 3, baris 4"),
 * else its line ("477"), else "". The table's place likewise ("PK
 * 2019!A3", "tabel 3", else the table's first line). Return buf. */
const char *finding_location(const audit *a, const finding *f, char *buf, size_t size);
const char *finding_table_location(const audit *a, const finding *f, char *buf, size_t size);

/* Every table the rules saw (the tables of the audited reports: a long-form
 * file's groups, else rep's), k < audit_table_count(a); *index is its
 * index in its own report. */
size_t audit_table_count(const audit *a);
const table *audit_table(const audit *a, size_t k, size_t *index);
/* The table a finding is in (by its file and first line), or NULL; the
 * row of a table on a source line, or -1. */
const table *finding_table(const audit *a, const finding *f, size_t *index);
long table_row_at_line(const table *t, int line);

/* "Rumus di sel" / "Formula in the cell": the label every writer puts
 * before a workbook finding's cell_formula (the formula that produced the
 * value the finding is about). */
const char *cell_formula_label(enum lang lang);

/* Counts per severity (index enum severity), accepted findings excluded;
 * and all findings. Both include those streamed already (streamed_*). */
void audit_counts(const audit *a, size_t counts[3]);
size_t audit_total(const audit *a);

/* The audit's coverage (model/coverage.h) over the reports the rules ran
 * on: of everything (file NULL) or of one file; and what was not read
 * (free *items). */
void audit_coverage(const audit *a, const char *file, coverage_summary *out);
size_t audit_unread(const audit *a, coverage_unread **items);

#endif
