/*
 * report.h — everything read from the inputs of one audit: the tables, the
 * narrative paragraphs of report documents, the list of input files, and the
 * report metadata (year, agency) with where each came from.
 *
 * Filled by the loaders (input/load.h); read by the engine and the writers.
 */
#ifndef LAKIP_REPORT_H
#define LAKIP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "model/coverage.h"
#include "model/place.h"
#include "model/table.h"

#define LOAD_MESSAGE_MAX 512

/* An input error: the audit cannot go on (exit code 2). */
typedef struct {
    char file[512];
    int line;                       /* 0 when it concerns the whole file */
    char message[LOAD_MESSAGE_MAX]; /* English, one sentence, no trailing newline */
} load_error;

enum style_choice { STYLE_AUTO, STYLE_FORCE_ID, STYLE_FORCE_EN };

typedef struct {
    const char *file;
    int line;           /* first line of the paragraph */
    const char *text;   /* the paragraph, markdown emphasis stripped, lines joined by one space */
    const char *heading;/* nearest heading above, or "" */
} paragraph;

/* Something a loader saw that is not a table or paragraph but a reviewer
 * should hear of: a hidden sheet holding data ("hidden-sheet"), ... Rules
 * read them (report:notes()) and decide what to report. */
typedef struct {
    const char *file;
    int line;           /* where it is (its place via report_place_at); 0 for the whole file */
    const char *kind;   /* "hidden-sheet" */
    const char *text;   /* what, e.g. the sheet's name */
    const char *detail; /* e.g. "3 rows with data" */
} source_note;

typedef struct report report;

report *report_new(enum style_choice style);
void report_free(report *r);


size_t report_table_count(const report *r);
const table *report_table(const report *r, size_t i);
size_t report_paragraph_count(const report *r);
const paragraph *report_paragraph(const report *r, size_t i);

/* What the audit read and checked. Mutable through a const report: it is
 * bookkeeping about the audit (the engine notes what rules recomputed),
 * not the report's content. */
coverage *report_coverage(const report *r);
size_t report_note_count(const report *r);
const source_note *report_note(const report *r, size_t i);   /* NULL when out of range */

size_t report_input_count(const report *r);
const char *report_input_path(const report *r, size_t i);

/* Metadata. year 0 / agency NULL when unknown. source says where it came
 * from: "command line", "lakip-audit.conf:2" (a settings file's name and
 * line), "inferred from <file>:<line>"; settings.c decides which wins. */
void report_set_year(report *r, int year, const char *source);
void report_set_agency(report *r, const char *agency, const char *source);
int report_year(const report *r, const char **source);
const char *report_agency(const report *r, const char **source);
/* The group a report of a long-form file is ("2019 · Dinas Sosial"): the
 * values of its report columns, as its tables' captions begin; NULL for a
 * report that is a whole file. What a rule states about such a report
 * (a note) is prefixed with it in the audit's header. */
void report_set_group(report *r, const char *label);
const char *report_group(const report *r);
/* What the documents say the year is: the title page ("TAHUN 2019"),
 * else the year most table headers name (model/year.h's range); 0 when
 * nothing does. source gets "inferred from FILE:LINE". */
int report_inferred_year(const report *r, char *source, size_t size);
/* The agency the title page names, or NULL; source as above. */
const char *report_inferred_agency(const report *r, char *source, size_t size);
/* Fills year/agency from the documents when not set (the two above). The
 * audit resolves them with the other settings instead (settings.c); this
 * is for reports read without settings (tests, fuzzing). */
void report_infer_metadata(report *r);

/* The place of a line of a non-text input (see place.h): kind PLACE_NONE
 * when the file has no places (text files) or the line is before the
 * first span. The sheet string lives as long as the report. */
place report_place_at(const report *r, const char *file, int line);

/* Rules write line numbers into finding fields ("baris {first_line}",
 * "file.md:489"). In a workbook or document those are ordinals, so this
 * rewrites a field value of a finding at `here` in `file`: for keys
 * "lines" and "*_line(s)" every number becomes the row it stands for
 * (just "19" in the same sheet or document table, else "IKU!19:19" or
 * "tabel 3, baris 4"), and any "name.xlsx:NN" becomes "name.xlsx:PLACE".
 * Returns a new string, or NULL when nothing changes. Documents' places
 * are written in Bahasa Indonesia (fields have no language). */
char *report_localize_field(const report *r, const char *file, const place *here, const char *key, const char *value);

/* Where line `line` of file is, as text in lang: its place (place_format:
 * "hlm. 15, tabel 5, baris 3"), or "baris 512" / "line 512" in a text file.
 * Returns buf. */
char *report_where(const report *r, const char *file, int line, enum lang lang, char *buf, size_t size);

/* Fills *err and returns nothing; for loaders and report.c. */
void load_error_set(load_error *err, const char *file, int line, const char *fmt, ...);

/* ---- used by the loaders ---- */
void report_add_table(report *r, table *t);       /* takes ownership */
void report_add_paragraph(report *r, const char *file, int line, const char *text, const char *heading);
void report_add_input(report *r, const char *path);
void report_add_note(report *r, const char *file, int line, const char *kind, const char *text, const char *detail);
/* From first_line on (until the next span of the file), line first_line +
 * k of file is at place_advance(start, k). Spans of a file are added in
 * line order. start->sheet is copied. */
void report_add_place_span(report *r, const char *file, int first_line, const place *start);
enum style_choice report_style_choice(const report *r);
/* What a document's title page says: year (0 if none) on year_line, agency
 * (NULL if none) starting on agency_line. report_infer_metadata uses the
 * first note that has each. */
void report_note_title_page(report *r, const char *file, int year, int year_line,
                            const char *agency, int agency_line);

#endif
