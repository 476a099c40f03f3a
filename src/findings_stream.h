/*
 * findings_stream.h — a long-form file's report written report by report,
 * as each report's findings become final, instead of holding a million
 * findings until the end: memory stays that of the reports in flight, not
 * of what they found. For the formats that can be written in pieces
 * (output_piecewise: JSON, SARIF) to an -o file.
 *
 * Each report's list (pipeline_sink) is made final as the whole list would
 * be at the end — rules disabled or re-ranked by the settings applied,
 * sorted, fingerprinted with identical findings numbered across reports
 * (finding_occurrences), matched against the baseline — and written with
 * the format's findings step, then emptied. The findings that are known
 * only at the end (input.*: what the rules could not check) follow,
 * finished with the same numbering; the order rule (finding.h: reports in
 * file order, the audit's own findings after them) is what makes that the
 * order writing everything at the end gives, byte for byte.
 *
 * Each report's notes (finding_list_take_notes, named by its group) go to
 * the audit's list as without a stream, but that list keeps them in a file
 * beside the output (output_file_scratch, finding_list_spool_notes) until
 * the tail writes them: a note per report would otherwise be the memory
 * that grows with the file. So does the numbering of identical findings
 * (finding_occurrences_spool): the identities of the reports written wait
 * in a file too; and the sink gives the pipeline a file for the keys of
 * the reports cut off so far (group_cutter_spool), to notice one that
 * comes back.
 *
 * When the file turns out not to be streamable after all (a report comes
 * back later), the pipeline calls restart: the temporary output file is
 * emptied, the counts and numbering forgotten, the baseline's matches
 * undone, the notes' file dropped, and the audit is written at the end as
 * without a stream.
 */
#ifndef LAKIP_FINDINGS_STREAM_H
#define LAKIP_FINDINGS_STREAM_H

#include <stdbool.h>

#include "baseline.h"
#include "output/output.h"
#include "output_file.h"
#include "pipeline.h"

typedef struct findings_stream findings_stream;

/* A stream of the format `w` into the -o file `of` for the audit `a`
 * (whose findings list, `findings`, will hold the rest), with its catalog
 * and baseline (may be NULL). */
findings_stream *findings_stream_new(const piecewise_writer *w, output_file *of, audit *a,
                                     finding_list *findings, const catalog *cat, baseline *base);
pipeline_sink findings_stream_sink(findings_stream *fs);
/* The numbering of identical findings so far, to finish the rest with. */
finding_occurrences *findings_stream_occurrences(findings_stream *fs);
/* True when findings were written: then findings_stream_end writes the rest. */
bool findings_stream_started(const findings_stream *fs);
/* Writes a->findings (finished, baseline applied) and the tail; sets
 * a->streamed_*. 0, or -1 on a write error (of the notes' file too, errno
 * set to its cause). */
int findings_stream_end(findings_stream *fs);
void findings_stream_free(findings_stream *fs);

#endif
