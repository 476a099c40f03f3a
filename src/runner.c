/*
 * runner.c — the rules over the reports of an audit, on --jobs threads
 * (see runner.h).
 *
 * The reports of a long-form file are independent: each gets a fresh
 * begin/finish in its engine, and families that fail on one report run
 * again on the next (script_run_part). So any engine may run any report;
 * the threads take the next report from a shared counter, write into that
 * report's own finding and recomputation lists, and the lists are joined
 * in report order at the end: the same order one engine running the
 * reports one by one gives.
 */
#include "runner.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "input/groups.h"
#include "util/util.h"

typedef struct {
    report *const *groups;
    const report *whole;
    size_t ngroups;
    finding_list **findings;        /* per report */
    recompute_list **recomputed;    /* per report, or NULL */
    coverage_log **coverage;        /* per report, or NULL */
    size_t next;                    /* the next report to run */
    pthread_mutex_t lock;
} shared_work;

typedef struct {
    shared_work *work;
    script *engine;
} worker;

static void *work_loop(void *arg)
{
    worker *w = arg;
    shared_work *sw = w->work;
    for (;;) {
        pthread_mutex_lock(&sw->lock);
        size_t i = sw->next++;
        pthread_mutex_unlock(&sw->lock);
        if (i >= sw->ngroups) break;
        script_set_findings(w->engine, sw->findings[i]);
        script_keep_recomputations(w->engine, sw->recomputed ? sw->recomputed[i] : NULL);
        script_log_coverage(w->engine, sw->coverage ? sw->coverage[i] : NULL);
        script_run_part(w->engine, sw->groups[i], sw->whole);
    }
    return NULL;
}

int runner_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Appends a report's recomputations to `out`, in the audited report's
 * table and row numbers. */
static void add_recomputations(recompute_list *out, const report *whole, const report *part, const recompute_list *in)
{
    for (size_t i = 0; i < recompute_count(in); i++) {
        recomputation r = *recompute_at(in, i);
        size_t src_table, *rows = NULL;
        r.row = groups_source_row(whole, part, r.table, r.row, &src_table);
        if (r.nrows) {
            rows = xmalloc(r.nrows * sizeof *rows);
            for (size_t k = 0; k < r.nrows; k++) rows[k] = groups_source_row(whole, part, r.table, r.rows[k], &src_table);
            r.rows = rows;
        }
        r.table = src_table;
        recompute_add(out, &r);
        free(rows);
    }
}

void runner_run(script *engine, const report *rep, report *const *groups, size_t ngroups,
                finding_list *out, recompute_list *recomputed, coverage *cov, const runner_options *o)
{
    if (ngroups == 0) {
        script_run(engine, rep);
        return;
    }
    shared_work sw = { .groups = groups, .whole = rep, .ngroups = ngroups };
    pthread_mutex_init(&sw.lock, NULL);
    sw.findings = xcalloc(ngroups, sizeof *sw.findings);
    if (recomputed) sw.recomputed = xcalloc(ngroups, sizeof *sw.recomputed);
    if (cov) sw.coverage = xcalloc(ngroups, sizeof *sw.coverage);
    for (size_t i = 0; i < ngroups; i++) {
        sw.findings[i] = finding_list_new();
        if (recomputed) sw.recomputed[i] = recompute_list_new();
        if (cov) sw.coverage[i] = coverage_log_new();
    }

    size_t nworkers = o && o->jobs > 1 ? (size_t)o->jobs : 1;
    if (nworkers > ngroups) nworkers = ngroups;
    worker *workers = xcalloc(nworkers, sizeof *workers);
    catalog **cats = xcalloc(nworkers, sizeof *cats);
    finding_list **scratch = xcalloc(nworkers, sizeof *scratch);
    pthread_t *threads = xcalloc(nworkers, sizeof *threads);
    workers[0] = (worker){ &sw, engine };
    size_t started = 1;
    /* one profiling timer per process: with several threads the CPU watch
     * of the bundled rules is off, the instruction budgets remain */
    if (nworkers > 1) script_watch_cpu(engine, 0);
    for (size_t k = 1; k < nworkers; k++) {
        script *e = o->new_engine ? o->new_engine(o->ud, &cats[k], &scratch[k]) : NULL;
        if (!e) break;
        script_watch_cpu(e, 0);
        workers[k] = (worker){ &sw, e };
        if (pthread_create(&threads[k], NULL, work_loop, &workers[k]) != 0) {
            script_free(e);
            break;
        }
        started++;
    }
    work_loop(&workers[0]);
    for (size_t k = 1; k < started; k++) pthread_join(threads[k], NULL);
    /* in report order; the logs name families by the engines' strings, so
     * before the engines go */
    for (size_t i = 0; i < ngroups && cov; i++) {
        coverage_log_replay(sw.coverage[i], cov);
        coverage_log_free(sw.coverage[i]);
    }
    for (size_t k = 1; k < started; k++) script_free(workers[k].engine);
    for (size_t k = 1; k < nworkers; k++) {
        catalog_free(cats[k]);
        finding_list_free(scratch[k]);
    }
    script_set_findings(engine, out);
    script_keep_recomputations(engine, recomputed);
    script_log_coverage(engine, NULL);
    script_watch_cpu(engine, 1);

    for (size_t i = 0; i < ngroups; i++) {
        size_t before = finding_count(out);
        finding_list_move(out, sw.findings[i]);
        finding_list_set_part(out, before, i + 1);      /* kept together, in report order */
        finding_list_free(sw.findings[i]);
        if (recomputed) {
            add_recomputations(recomputed, rep, groups[i], sw.recomputed[i]);
            recompute_list_free(sw.recomputed[i]);
        }
    }
    free(sw.findings);
    free(sw.recomputed);
    free(sw.coverage);
    free(workers);
    free(cats);
    free(scratch);
    free(threads);
    pthread_mutex_destroy(&sw.lock);
}
