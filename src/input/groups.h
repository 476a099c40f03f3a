/*
 * groups.h — long-form files: one table that holds many reports.
 *
 * A report data repository exports the indicators of many agencies and
 * years into one sheet (tahun; instansi; tabel; no; indikator; target;
 * ...). Audited as one table, every indicator that recurs across agencies
 * and years looks like a duplicate, the numbering restarts hundreds of
 * times, and a total sums the wrong rows. Grouping columns split such a
 * table back into its reports:
 *   report columns  tahun, instansi / OPD / perangkat daerah / pemda /
 *                   satker / unit kerja / kabupaten/kota / provinsi ...
 *   table columns   tabel / jenis tabel / dokumen, halaman / page / sheet
 * Rows with the same report-column values form one report (its year from
 * the tahun column, its agency from the agency column); within it, rows
 * with the same table-column values form one table, captioned with the
 * group's values so that every finding names its group. Rules then run
 * report by report: duplicates, totals, numbering and cross-table rules
 * see one report at a time.
 *
 * The columns are recognised by their header (see groups.c for the list)
 * or named by the setting group_by (header texts, comma-separated;
 * "none" turns grouping off).
 */
#ifndef LAKIP_GROUPS_H
#define LAKIP_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "model/report.h"

typedef struct {
    bool off;                       /* group_by = none */
    const char *const *columns;     /* header texts from group_by; NULL = recognise */
    size_t ncolumns;
    const char *file;               /* where group_by was set, for errors */
    int line;
} group_options;

/* Splits r into reports when at least one of its tables has grouping
 * columns: *out gets n reports (first, when r has other tables or any
 * narrative, one report with those; then one per group, in the order the
 * groups first appear), each borrowing r's cells, so free them with
 * groups_free before r. *n = 0 when no table is long-form: audit r as it
 * is. Returns 0, or -1 with err when group_by names a column that no
 * table has. */
int groups_split(const report *r, const group_options *o, report ***out, size_t *n, load_error *err);
void groups_free(report **groups, size_t n);

/* Where row `row` of table `table` of a group report came from in r:
 * *src_table = the index of its table in r, returns its row there. */
size_t groups_source_row(const report *r, const report *part, size_t table, size_t row, size_t *src_table);

/* Streaming (src/pipeline.c): a long-form file read in file order is cut
 * into its reports as the rows come. A report is complete when a row of
 * another report arrives (the file is sorted by report, as exports are);
 * a row of a report that was already complete means the file is not
 * sorted, and the caller must audit it whole instead (groups_split).
 * group_cutter_new: NULL when t (its header; rows are not needed) is not
 * long-form under o, or group_by names a column t lacks (groups_split
 * reports that). group_cutter_same: whether row `row` of t belongs to
 * the report of the rows before it (true for the first); *again when its
 * report was completed before. group_cutter_report: the report of all of
 * *t's rows (one report's), made as groups_split makes a group's; that
 * report counts as complete from then on. When its rows make one table
 * the report takes *t as that table (*t is then NULL); else its tables
 * are copies of *t's rows and *t must outlive it. */
typedef struct group_cutter group_cutter;
group_cutter *group_cutter_new(const report *whole, const table *t, const group_options *o);
bool group_cutter_same(group_cutter *c, const table *t, size_t row, bool *again);
report *group_cutter_report(group_cutter *c, table **t);
void group_cutter_free(group_cutter *c);
/* From now on the keys of the reports completed are kept in f (an empty
 * file open for reading and writing, which c closes) behind a filter of
 * fixed size, not in memory: a key per report grows with a long-form
 * file. *again stays exact where it matters: a report that comes back is
 * always seen (a hash shared by two keys, or a file that cannot be read,
 * can only make one look as if it came back: the file is then audited
 * whole, with the same findings). */
void group_cutter_spool(group_cutter *c, FILE *f);
/* For reports cut by other cutters (a rows' pass on several threads, in
 * parts): the key of the report group_cutter_report would make now (NULL
 * before the first row; valid until then); whether a report of that key
 * was completed here, with the same exactness as *again; and marking one
 * completed. */
const char *group_cutter_key(const group_cutter *c);
/* This cutter keeps no finished keys and *again stays false: another
 * cutter sees the reports that come back (a chunk's, pipeline_cuts.c). */
void group_cutter_keys_elsewhere(group_cutter *c);
bool group_cutter_came_back(group_cutter *c, const char *key);
void group_cutter_complete(group_cutter *c, const char *key);

#endif
