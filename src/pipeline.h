/*
 * pipeline.h — auditing a long-form spreadsheet export as it streams:
 * report by report, each released when it is done, on --jobs threads.
 *
 * The file is read by input/csv_stream.h; its rows are cut into reports by
 * input/groups.h (group_cutter: a report is complete when a row of another
 * report arrives — the file is sorted by report, as exports are); each
 * complete report goes to a bounded queue, the engines (one per thread,
 * as runner.h: o->jobs - 1 workers, and the main thread's `engine` while
 * the queue is full) audit the reports in any order, and the main thread,
 * which reads the file meanwhile, takes the results back in file order: the
 * findings appended to the list, what the rules checked folded into the
 * coverage (coverage_fold), then the report and its rows freed. So memory
 * is bounded by the queue's reports (a few of the largest), not the file,
 * and the findings are those — in the same order — that loading the file
 * whole and running runner_run over groups_split's reports gives, for any
 * number of threads. With --jobs 2 or more and a file the survey cut
 * (csv_stream_cut_count), every thread reads its own chunks instead
 * (pipeline_cuts.c), with the same findings in the same order.
 *
 * A file whose number styles csv_stream guessed from its start is checked
 * when it has been read (csv_stream_guess_held): when the votes of all its
 * rows decide other styles, or a reader failed (a line the whole survey
 * would read as Windows-1252, say), nothing of that reading is kept, the
 * file is surveyed whole and read again.
 *
 * A file that is not sorted by report (a report's rows come back after
 * another report), or that csv_stream cannot read as csv_load would, is
 * not audited here: pipeline_run returns 1 having added nothing, and the
 * caller loads the file whole as before (memory then grows with the file).
 * The whole-run instruction budget of each rule file (--max-run-
 * instructions) has then been charged with the reports audited so far.
 */
#ifndef LAKIP_PIPELINE_H
#define LAKIP_PIPELINE_H

#include "engine/script.h"
#include "input/groups.h"
#include "model/finding.h"
#include "model/report.h"
#include "runner.h"

typedef struct csv_stream csv_stream;      /* input/csv_stream.h */

/* Where each report's findings go once its rules have run, in file order
 * on the main thread: the list (its findings marked with the report's
 * part, finding_list_set_part; its notes, which `out` would take named by
 * `group`, the report's group) is the sink's to write and empty; what it
 * leaves in the list is appended to `out` as without a sink. A writer
 * that has started must be able to start again: pipeline_run may still
 * return 1 (a report comes back later in the file), and then the file is
 * audited whole and nothing the sink was given counts. */
typedef struct {
    void (*part_done)(void *ud, finding_list *findings, const char *group);
    void (*restart)(void *ud);      /* called before pipeline_run returns 1 */
    /* a nameless scratch file (open for reading and writing, the taker
     * closes it) for the keys of the reports completed, or NULL: then they
     * are kept in memory. May be NULL. */
    FILE *(*scratch)(void *ud);
    void *ud;
} pipeline_sink;

/* Audits the file of cs as `whole` (its inputs, metadata and coverage;
 * no tables) report by report with engine (and o->jobs - 1 more); the
 * findings go to out, what the rules checked to whole's coverage. 0, or
 * 1: not streamable (nothing added; load the file whole). */
int pipeline_run(csv_stream *cs, report *whole, const group_options *go, script *engine,
                 finding_list *out, const runner_options *o, const pipeline_sink *sink);

/* The year the header of cs's table names (report_inferred_year), noted
 * in whole, which does not hold the table, for the settings to infer the
 * same year from it. */
void pipeline_infer_metadata(csv_stream *cs, report *whole);

#endif
