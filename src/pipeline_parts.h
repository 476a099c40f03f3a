/*
 * pipeline_parts.h — what the two ways of pipeline.h share: a report of
 * the file with what its audit gave (a part), and taking parts back in
 * file order. pipeline.c cuts reports on the main thread and hands them
 * to the engines (one reader); pipeline_cuts.c reads the file on every
 * thread at once, from cuts the survey found (csv_stream_fork), and
 * takes the threads' reports back in file order. pipeline_parts.c
 * implements what is declared here, apart from pipeline_run_cuts.
 */
#ifndef LAKIP_PIPELINE_PARTS_H
#define LAKIP_PIPELINE_PARTS_H

#include <pthread.h>

#include "engine/script.h"
#include "input/csv_stream.h"
#include "input/groups.h"
#include "model/coverage.h"
#include "model/finding.h"
#include "pipeline.h"

typedef struct {
    report *rep;                /* one report of the file */
    table *rows;                /* the table its tables take their rows from */
    finding_list *findings;
    coverage_log *log;
    char *key;                  /* its report key (pipeline_cuts.c), or NULL */
    int first_line;             /* the line of its first row */
    /* once settled (part_settle): what taking it back needs of the report */
    coverage *cov;              /* what its rules checked, its tables summarised */
    char *group;                /* its group */
} part;

/* What the parts taken back gave, in file order. */
typedef struct {
    report *whole;
    finding_list *findings;
    coverage *cov;
    size_t parts;               /* parts taken back */
    const pipeline_sink *sink;
} part_results;

/* The part of the rows of t (one report's), cut by cut; not audited.
 * with_key: its report key kept, for pipeline_cuts.c to see a report that
 * comes back as parts are taken back (one reader's cutter sees it itself). */
part part_new(group_cutter *cut, table *t, bool with_key);
/* Audits p with engine. */
void part_audit(script *engine, part *p, const report *whole);
/* Keeps of an audited p what taking it back needs and frees its report
 * and rows: done on the thread that built them, they are freed there,
 * and a part waiting to be taken back holds its findings, not its rows. */
void part_settle(part *p);
/* p's results kept, in file order (the sink's first); p released. */
void part_take_back(part_results *res, part *p);
void part_free(part *p);
/* The end: with rc 0 the results go to out and whole's coverage, else
 * the sink starts again; res is freed. */
void part_results_finish(part_results *res, int rc, finding_list *out);

/* The threads of a pipeline beside the main thread, each with an engine
 * of its own (runner_new_engine): part_crew_start starts up to n of them
 * running loop on a part_worker { shared, its engine }; fewer when an
 * engine cannot be made or a thread started (c->started says how many).
 * part_crew_end joins them and frees their engines: after the last part
 * is taken back, as the coverage logs name families by the engines'
 * strings. */
typedef struct {
    void *shared;
    script *engine;
} part_worker;

typedef struct {
    part_worker *workers;
    catalog **cats;
    finding_list **scratch;
    pthread_t *threads;
    size_t wanted, started;
} part_crew;

void part_crew_start(part_crew *c, size_t n, const runner_options *o, void *shared, void *(*loop)(void *));
void part_crew_join(part_crew *c);
void part_crew_end(part_crew *c);

/* The message of a file that is not sorted by report: its line is the
 * first row of the report that comes back. */
void part_say_came_back(const char *file, int line);

/* A reading's answer (0, or 1: not streamable) once cs's readers are
 * done with (csv_stream_count_done), for a file whose number styles were
 * guessed (csv_stream.h): 2 when the styles the votes decide are not the
 * guessed ones, or when a reader failed — which may be a line the whole
 * survey reads as Windows-1252 — rather than a report that came back:
 * then pipeline_run surveys the file whole and reads it again. */
int part_guess_checked(const csv_stream *cs, int rc, bool came_back);

/* pipeline_run with the rows read on o->jobs threads from cs's cuts
 * (pipeline_cuts.c). 0, 1: not streamable (nothing added), 2: read again
 * (part_guess_checked), -1: cs has no cut, nothing done (read it as
 * pipeline.c does). */
int pipeline_run_cuts(csv_stream *cs, report *whole, const group_options *go, script *engine, finding_list *out,
                      const runner_options *o, const pipeline_sink *sink);

#endif
