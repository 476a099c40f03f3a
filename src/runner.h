/*
 * runner.h — running the rules over the reports of an audit, on several
 * threads when there are several reports (a long-form file, input/groups.h).
 *
 * Each thread has its own rule engine (its own Lua state; the engines
 * after the first follow it, engine/script.h script_follow: they load a
 * family when they first run it and read the first engine's catalogue);
 * the reports, or the families of a single report, are handed out one at
 * a time, and each report's findings and
 * recomputations are kept apart and then appended in report order, so the
 * output is byte-identical whatever the number of threads.
 */
#ifndef LAKIP_RUNNER_H
#define LAKIP_RUNNER_H

#include <stddef.h>
#include "engine/script.h"
#include "model/finding.h"
#include "model/recompute.h"
#include "model/report.h"

typedef struct {
    int jobs;               /* threads; <= 1: the calling thread only */
    /* Makes one more engine like the first, a follower (no catalogue of
     * its own, *cat NULL), not yet configured: it may run on any thread,
     * and before the report is read (runner_prepare_engine). NULL when it
     * cannot (then fewer threads run). What it meets loading goes to
     * *scratch, not reported: the first engine reported it already. */
    script *(*make_engine)(void *ud, catalog **cat, finding_list **scratch);
    /* Configures an engine make_engine made once the first is configured:
     * it follows the first (its rules, enabled and with their severities)
     * and gets last year's report; -1 when it cannot (the engine is then
     * left out). */
    int (*configure_engine)(void *ud, script *engine, catalog *cat);
    void *ud;
    struct prepared_engine *prepared;   /* runner_prepare_engine's, or NULL */
    /* the process ends after this audit: the engine a single report's
     * families were shared with is not freed (its memory goes back with
     * the process; freeing a Lua state object by object is ~5 M
     * instructions on the sample, on the way to the report) */
    int process_ends;
} runner_options;

/* Starts making, on another thread, the engine o->make_engine makes, so
 * that it is ready when the rules start (loading the rule files is a good
 * part of a one-report audit; it can be started before the report is
 * read): runner_new_engine then hands out that engine first, on whichever
 * thread asks (runner_run, pipeline_run). Nothing when o->jobs <= 1.
 * runner_options_done waits for the thread and frees the engine if no one
 * took it. */
void runner_prepare_engine(runner_options *o);
/* For a thread that would otherwise wait (for the first engine, while the
 * report is read already): loads the rule families of the prepared engine,
 * if it is made, in the order its runner would claim them after the first
 * engine's first, until stop(ud) says to stop (asked between families).
 * That engine then claims those it has loaded first (runner_run). */
void runner_preload(runner_options *o, int (*stop)(void *ud), void *ud);
void runner_options_done(runner_options *o);

/* One more engine, configured: the prepared one first, then new ones;
 * NULL when none can be made or configured. */
script *runner_new_engine(const runner_options *o, catalog **cat, finding_list **scratch);

/* The number of cores, for the default --jobs. */
int runner_cores(void);

/* Runs `engine` over `rep` when ngroups is 0, else over each of the
 * reports `groups` (parts of rep); findings go to `out`, recomputations
 * (in rep's table and row numbers) to `recomputed` and what the rules
 * checked to `cov`, each when not NULL. */
void runner_run(script *engine, const report *rep, report *const *groups, size_t ngroups,
                finding_list *out, recompute_list *recomputed, coverage *cov, const runner_options *o);

#endif
