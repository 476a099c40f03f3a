/*
 * pipeline.c — a long-form file audited as it streams (see pipeline.h).
 *
 * The queue is a ring of jobs in file order: `done` is the oldest job not
 * yet taken back, `next` the next one to hand to an engine, `end` the
 * next free place. The main thread reads rows and cuts reports; when the
 * ring is full it takes back the finished jobs at its start, and while the
 * oldest is not finished it audits the next job no engine has taken with
 * an engine of its own (waiting only when every job is taken). So --jobs N
 * is N threads (the main thread and N - 1 workers), not N + 1 sharing N
 * cores, and no core waits while the main thread has reading to do. With
 * one thread there is no queue: each report is audited as soon as it is
 * complete.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_stream.h"
#include "pipeline_parts.h"
#include "util/util.h"

typedef struct {
    part p;
    int finished;
} job;

typedef struct {
    job *ring;
    size_t cap;
    size_t done, next, end;     /* counters; the place of job k is k % cap */
    bool closing;
    pthread_mutex_t lock;
    pthread_cond_t work, finished;
    const report *whole;
    part_results res;           /* what the jobs taken back gave */
    script *helper;             /* the main thread's engine, for the jobs it audits */
} queue;


/* Runs the next job no engine has taken, with engine; the lock is held
 * on entry and on return. false: every job is taken. */
static bool run_next(queue *q, script *engine)
{
    if (q->next == q->end) return false;
    job *j = &q->ring[q->next++ % q->cap];
    pthread_mutex_unlock(&q->lock);
    part_audit(engine, &j->p, q->whole);
    pthread_mutex_lock(&q->lock);
    j->finished = 1;
    pthread_cond_broadcast(&q->finished);
    return true;
}

static void *work_loop(void *arg)
{
    part_worker *w = arg;
    queue *q = w->shared;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (q->next == q->end && !q->closing) pthread_cond_wait(&q->work, &q->lock);
        if (!run_next(q, w->engine)) break;
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

/* Takes back finished jobs from the start of the ring; with wait, at least
 * one (the ring is full), auditing jobs no engine has taken meanwhile. The
 * caller holds no lock. */
static void take_back_finished(queue *q, bool wait)
{
    pthread_mutex_lock(&q->lock);
    for (;;) {
        if (q->done == q->end) break;
        job *j = &q->ring[q->done % q->cap];
        if (!j->finished) {
            if (!wait) break;
            if (!run_next(q, q->helper)) pthread_cond_wait(&q->finished, &q->lock);
            continue;
        }
        pthread_mutex_unlock(&q->lock);
        part_take_back(&q->res, &j->p);
        pthread_mutex_lock(&q->lock);
        q->done++;
        wait = false;
    }
    pthread_mutex_unlock(&q->lock);
}

/* Queues (or, without workers, runs) the report of the rows of t. */
static void submit(queue *q, script *inline_engine, group_cutter *cut, table *t)
{
    job j = { .p = part_new(cut, t, false) };
    if (inline_engine) {
        part_audit(inline_engine, &j.p, q->whole);
        part_take_back(&q->res, &j.p);
        return;
    }
    if (q->end - q->done == q->cap) take_back_finished(q, true);
    pthread_mutex_lock(&q->lock);
    q->ring[q->end++ % q->cap] = j;
    pthread_cond_signal(&q->work);
    pthread_mutex_unlock(&q->lock);
    take_back_finished(q, false);
}

/* Reads the rows and submits each complete report. 0, or 1 when the file
 * cannot be streamed after all (*came_back: a report came back). */
static int read_reports(csv_stream *cs, group_cutter *cut, queue *q, script *inline_engine, bool *came_back)
{
    table_builder *b = csv_stream_builder(cs);
    for (;;) {
        size_t row;
        int rc = csv_stream_next(cs, &row);
        if (rc < 0) return 1;
        if (rc == 2) break;
        if (rc == 0) continue;
        bool again;
        bool same = group_cutter_same(cut, table_builder_table(b), row, &again);
        if (again) {                    /* not sorted by report: said, for whoever watches the memory */
            const table *t = table_builder_table(b);
            part_say_came_back(table_file(t), table_row_line(t, row));
            *came_back = true;
            return 1;
        }
        if (!same) submit(q, inline_engine, cut, table_builder_cut(b, row));
    }
    table *last = table_builder_cut(b, table_row_count(table_builder_table(b)));
    if (table_row_count(last)) submit(q, inline_engine, cut, last);
    else table_free(last);
    return 0;
}

/* The one reader: reads the rows on this thread, the reports audited on
 * o->jobs threads. */
static int run_one_reader(csv_stream *cs, report *whole, const group_options *go, script *engine,
                          finding_list *out, const runner_options *o, const pipeline_sink *sink)
{
    group_cutter *cut = group_cutter_new(whole, table_builder_table(csv_stream_builder(cs)), go);
    if (!cut) return 1;
    FILE *keys = sink && sink->scratch ? sink->scratch(sink->ud) : NULL;
    if (keys) group_cutter_spool(cut, keys);        /* a key per report: not in memory */
    /* --jobs N: N - 1 workers and the main thread (queue.helper) */
    size_t nworkers = o && o->jobs > 1 ? (size_t)o->jobs - 1 : 0;
    queue q = { .whole = whole, .res = { whole, finding_list_new(), coverage_new(), 0, sink }, .helper = engine };
    q.cap = nworkers ? 4 * (nworkers + 1) : 1;
    q.ring = xcalloc(q.cap, sizeof *q.ring);
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.work, NULL);
    pthread_cond_init(&q.finished, NULL);

    part_crew crew;
    part_crew_start(&crew, nworkers, o, &q, work_loop);
    size_t started = crew.started;
    script *inline_engine = started ? NULL : engine;
    bool came_back = false;
    int rc = read_reports(cs, cut, &q, inline_engine, &came_back);

    pthread_mutex_lock(&q.lock);
    if (rc) q.next = q.end;             /* what is not running yet is not needed */
    else if (started)
        while (run_next(&q, engine)) {}    /* the main thread's share of the last jobs */
    q.closing = true;
    pthread_cond_broadcast(&q.work);
    pthread_mutex_unlock(&q.lock);
    part_crew_join(&crew);
    /* in file order; the coverage logs name families by the engines'
     * strings, so before the engines go */
    for (; q.done < q.end; q.done++) {
        job *j = &q.ring[q.done % q.cap];
        if (rc == 0) part_take_back(&q.res, &j->p);
        else part_free(&j->p);
    }
    part_crew_end(&crew);
    csv_stream_count_done(cs);
    rc = part_guess_checked(cs, rc, came_back);
    script_set_findings(engine, out);
    script_log_coverage(engine, NULL);
    part_results_finish(&q.res, rc, out);
    group_cutter_free(cut);
    free(q.ring);
    pthread_cond_destroy(&q.work);
    pthread_cond_destroy(&q.finished);
    pthread_mutex_destroy(&q.lock);
    return rc;
}

static int run_once(csv_stream *cs, report *whole, const group_options *go, script *engine,
                    finding_list *out, const runner_options *o, const pipeline_sink *sink)
{
    if (o && o->jobs > 1) {
        int rc = pipeline_run_cuts(cs, whole, go, engine, out, o, sink);
        if (rc >= 0) return rc;
    }
    return run_one_reader(cs, whole, go, engine, out, o, sink);
}

int pipeline_run(csv_stream *cs, report *whole, const group_options *go, script *engine,
                 finding_list *out, const runner_options *o, const pipeline_sink *sink)
{
    bool guessed = csv_stream_guessed(cs);
    int rc = run_once(cs, whole, go, engine, out, o, sink);
    const char *profile = getenv("LAKIP_PROFILE");
    if (guessed && rc != 1 && profile && strcmp(profile, "1") == 0)
        fprintf(stderr, "profile: number styles guessed from the file's start: %s\n",
                rc == 2 ? "not confirmed, the file surveyed whole and read again" : "confirmed");
    if (rc != 2) return rc;
    /* nothing of the first reading was kept (part_results_finish, the
     * sink started again): the whole file's styles, and read again */
    if (csv_stream_survey_whole(cs) != 1) return 1;
    /* the encoding may be another now (Windows-1252 found past the guess):
     * noted again where load_stream noted it */
    bool assumed;
    const char *encoding = csv_stream_encoding(cs, &assumed);
    coverage_note_file(report_coverage(whole), table_file(table_builder_table(csv_stream_builder(cs))), encoding,
                       assumed);
    return run_once(cs, whole, go, engine, out, o, sink);
}

void pipeline_infer_metadata(csv_stream *cs, report *whole)
{
    report *probe = report_new(report_style_choice(whole));
    report_add_table(probe, table_subset(table_builder_table(csv_stream_builder(cs)), NULL, 0, NULL));
    char where[700];
    int year = report_inferred_year(probe, where, sizeof where);
    /* noted where report_inferred_year looks first, with the same line
     * (the header's), so it gives what it would give with the table */
    if (year) report_note_title_page(whole, table_file(report_table(probe, 0)), year,
                                     table_header_line(report_table(probe, 0)), NULL, 0);
    report_free(probe);
}
