/*
 * json_stream.h — --format json of a long-form file written report by
 * report, as each report's findings become final, instead of holding a
 * million findings until the end: memory stays that of the reports in
 * flight, not of what they found.
 *
 * Each report's list (pipeline_sink) is made final as the whole list would
 * be at the end — rules disabled or re-ranked by the settings applied,
 * sorted, fingerprinted with identical findings numbered across reports
 * (finding_occurrences), matched against the baseline — and written with
 * output_json_findings, then emptied. The findings that are known only at
 * the end (input.*: what the rules could not check) follow, finished with
 * the same numbering; the JSON order rule (finding.h: reports in file
 * order, the audit's own findings after them) is what makes that the
 * order writing everything at the end gives, byte for byte.
 *
 * When the file turns out not to be streamable after all (a report comes
 * back later), the pipeline calls restart: the temporary output file is
 * emptied, the counts and numbering forgotten, the baseline's matches
 * undone, and the audit is written at the end as without a stream.
 */
#ifndef LAKIP_JSON_STREAM_H
#define LAKIP_JSON_STREAM_H

#include <stdbool.h>

#include "baseline.h"
#include "output/output.h"
#include "output_file.h"
#include "pipeline.h"

typedef struct json_stream json_stream;

/* A stream into the -o file `of` for the audit `a` (whose findings list
 * will hold the rest), with its catalog and baseline (may be NULL). */
json_stream *json_stream_new(output_file *of, audit *a, const catalog *cat, baseline *base);
pipeline_sink json_stream_sink(json_stream *js);
/* The numbering of identical findings so far, to finish the rest with. */
finding_occurrences *json_stream_occurrences(json_stream *js);
/* True when findings were written: then json_stream_end writes the rest. */
bool json_stream_started(const json_stream *js);
/* Writes a->findings (finished, baseline applied) and the tail; sets
 * a->streamed_*. 0, or -1 on a write error. */
int json_stream_end(json_stream *js);
void json_stream_free(json_stream *js);

#endif
