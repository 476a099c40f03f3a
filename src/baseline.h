/*
 * baseline.h — the baseline of accepted findings.
 *
 * `lakip-audit baseline -o FILE PATH...` records the current findings in a
 * JSON file (format at the top of baseline.c: one finding per line, with an
 * empty "justification" for the reviewer to fill in by hand).
 * `lakip-audit check --baseline FILE` loads it and marks every finding whose
 * fingerprint is listed as accepted: it is still shown, but no longer
 * counts towards the exit code. Entries that match no finding are stale
 * (the number was corrected, or the table is gone) and are reported.
 *
 * Matching is by fingerprint only (finding.h): it survives edits that move
 * a table to other lines, and stops matching when a reported or expected
 * number changes, so a corrected-then-reverted value is audited again.
 */
#ifndef LAKIP_BASELINE_H
#define LAKIP_BASELINE_H

#include <stddef.h>
#include <stdio.h>
#include "model/catalog.h"
#include "model/finding.h"
#include "output/output.h"

#define BASELINE_SCHEMA 1

/* One recorded finding. Strings are NULL when absent or null in the file,
 * except justification, which is "" when there is none. */
typedef struct {
    char *fingerprint;      /* 16 lowercase hex digits */
    char *rule;
    char *severity;
    char *file;
    char *table;
    char *indicator;
    char *reported;
    char *expected;
    char *message;
    char *justification;
    int line;               /* line in the audited file; 0 when unknown */
    int source_line;        /* line of the entry in the baseline file */
} baseline_entry;

typedef struct baseline baseline;

/* Writes the findings of l as a baseline, messages in lang. A finding's
 * "justification" field (set by baseline_apply from an older baseline) is
 * carried over, so recording again keeps what reviewers wrote. 0, or -1 on
 * a write error. */
int baseline_write(FILE *out, const finding_list *l, const catalog *c, enum lang lang,
                   const char *version);
/* baseline_write over an audit, with the signature of the report writers,
 * for writing the file whole or not at all like any other output. */
int baseline_output(FILE *out, const audit *a);

/* Reads a baseline. NULL with err set to "FILE:LINE: message" (or
 * "FILE: message" when the file cannot be read). */
baseline *baseline_load(const char *path, char *err, size_t errlen);
/* The same from memory; name is used in messages. */
baseline *baseline_parse(const char *text, size_t len, const char *name, char *err, size_t errlen);
void baseline_free(baseline *b);

size_t baseline_count(const baseline *b);
const baseline_entry *baseline_at(const baseline *b, size_t i);     /* file order */
const char *baseline_path(const baseline *b);

/* Marks every finding whose fingerprint is in b as accepted and gives it
 * the entry's justification (field "justification") when there is one.
 * Call after finding_list_finish, which computes the fingerprints. Returns
 * the number of findings accepted. */
size_t baseline_apply(baseline *b, finding_list *l);
/* baseline_apply without bringing the stale entries up to date: for lists
 * given one after another (findings_stream.c), the last through baseline_apply. */
size_t baseline_match(baseline *b, finding_list *l);
/* Forgets every match so far (the findings they were given are gone). */
void baseline_forget_matches(baseline *b);

/* Entries that matched no finding in any baseline_apply so far, in file
 * order (every entry before the first apply). */
size_t baseline_stale_count(const baseline *b);
const baseline_entry *baseline_stale_at(const baseline *b, size_t i);
/* One line per stale entry, "lakip-audit: FILE:LINE: stale baseline entry
 * ...", for standard error. */
void baseline_write_stale(FILE *out, const baseline *b);

#endif
