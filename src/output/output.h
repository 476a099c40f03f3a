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
#include "model/report.h"

typedef struct {
    const report *rep;
    const catalog *cat;
    const finding_list *findings;
    enum lang lang;
    const char *version;
    const char *date;               /* YYYY-MM-DD of the run */
    enum severity fail_on;          /* for the summary line */
    int fail_never;
} audit;

typedef int (*output_fn)(FILE *out, const audit *a);

int output_text(FILE *out, const audit *a);
int output_json(FILE *out, const audit *a);
int output_html(FILE *out, const audit *a);
int output_md(FILE *out, const audit *a);
int output_sarif(FILE *out, const audit *a);

/* The writer for a --format name, or NULL. */
output_fn output_find(const char *format);
/* True for the formats people read in a terminal or editor (text, md):
 * output_write escapes control characters for them. */
int output_escapes_controls(const char *format);
/* Runs fn into memory, then copies what it wrote to out through
 * utf8_write_clean: whatever the strings came from (rule messages, file
 * names, cells), every output is valid UTF-8, and with escape_controls no
 * terminal control sequence gets through. 0, or -1 on a write error. */
int output_write(FILE *out, output_fn fn, int escape_controls, const audit *a);
/* "text, json, ..." for messages. */
const char *output_names(void);

/* True when b belongs under the same heading as a: the same table of the
 * same file, or both outside tables in the same file. Every writer groups
 * findings this way (the list is sorted by file, table, line). */
int findings_same_group(const finding *a, const finding *b);

/* Counts per severity (index enum severity), accepted findings excluded. */
void audit_counts(const audit *a, size_t counts[3]);

#endif
