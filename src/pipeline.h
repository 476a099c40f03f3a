/*
 * pipeline.h — auditing a long-form spreadsheet export as it streams:
 * report by report, each released when it is done, on --jobs threads.
 *
 * The file is read by input/csv_stream.h; its rows are cut into reports by
 * input/groups.h (group_cutter: a report is complete when a row of another
 * report arrives — the file is sorted by report, as exports are); each
 * complete report goes to a bounded queue, the engines (one per thread,
 * as runner.h) audit the reports in any order, and the main thread, which
 * reads the file meanwhile, takes the results back in file order: the
 * findings appended to the list, what the rules checked folded into the
 * coverage (coverage_fold), then the report and its rows freed. So memory
 * is bounded by the queue's reports (a few of the largest), not the file,
 * and the findings are those — in the same order — that loading the file
 * whole and running runner_run over groups_split's reports gives, for any
 * number of threads.
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

/* Audits the file of cs as `whole` (its inputs, metadata and coverage;
 * no tables) report by report with engine (and o->jobs - 1 more); the
 * findings go to out, what the rules checked to whole's coverage. 0, or
 * 1: not streamable (nothing added; load the file whole). */
int pipeline_run(csv_stream *cs, report *whole, const group_options *go, script *engine,
                 finding_list *out, const runner_options *o);

/* The year the header of cs's table names (report_inferred_year), noted
 * in whole, which does not hold the table, for the settings to infer the
 * same year from it. */
void pipeline_infer_metadata(csv_stream *cs, report *whole);

#endif
