/*
 * pipeline_cuts.c — a long-form file read and audited on every thread at
 * once (see pipeline_parts.h).
 *
 * With one reader (pipeline.c) a report's rows are built on the main
 * thread and checked on another: measured on the bench file, --jobs 2
 * then took 41 % more CPU than --jobs 1, half of it rows built on one
 * core and read on the other (and freed across threads). Here the file
 * is cut into chunks at the survey's cuts (csv_stream_fork: about a
 * megabyte each, each a record start); a thread takes the next chunk,
 * reads it with a reader and builder of its own, cuts its reports, and
 * audits them where they were built. Only the findings cross threads,
 * taken back in file order by whichever thread finishes the next chunk.
 *
 * Chunk k's reports are those whose first row lies in it. A cut falls
 * inside a report, so:
 *   - a chunk reads past its end up to the first report that starts at
 *     or after its end (its stop), as the one reader would;
 *   - a chunk after the first does not know whether its first row starts
 *     a report: the rows up to its first report boundary (its first
 *     report) are kept but not audited, and its own reports follow.
 * When chunk k - 1 is taken back its stop says where chunk k's reports
 * begin: at chunk k's first row (its first report is one: audited then),
 * or at its first boundary. A reader started at a cut builds rows as the
 * one reader would only if the builder's state (merged cells carried
 * down, the row a wrapped line extends, ...) is the same: so the state
 * after the row where the two meet is compared, byte for byte
 * (table_builder_state). When they do not meet, or their states differ,
 * the rest of the file is read on from chunk k - 1's stop, on one thread,
 * exactly as the one reader does. A report whose key was completed before
 * is seen as reports are taken back, in file order, as pipeline.c sees it
 * when its first row is read. So the findings are the one reader's, in
 * its order, whatever the threads and the cuts.
 *
 * A chunk whose first report runs past its end stops there (open): a
 * report longer than a chunk is read by the chunk it starts in and by
 * each chunk it covers up to that chunk's end (twice in all), not by each
 * of them to the report's end. A chunk's audited reports keep only their
 * findings and coverage until they are taken back: their rows and tables
 * are freed on the thread that built them (part_settle).
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_parts.h"
#include "util/util.h"

enum stop {
    STOP_NONE,          /* not run */
    STOP_AT,            /* at a row that starts a report at or after the chunk's end */
    STOP_EOF,           /* at the end of the file: every report complete */
    STOP_OPEN,          /* its first report runs past its end */
    STOP_FAILED,        /* the file cannot be streamed after all (csv_stream_next -1) */
};

/* A builder state and the line of the row it was taken after. */
typedef struct {
    int line;           /* 0: none */
    char *state;
    size_t len;
} meeting;

typedef struct {
    int end_line;               /* the line of the next cut; INT_MAX for the last chunk */
    bool first_unknown;         /* k > 0: whether its first row starts a report is not known */
    csv_stream *cs;             /* its reader (chunk 0: the caller's) */
    group_cutter *cut;
    /* what reading it gave */
    part first;                 /* first_unknown: its first report, not audited */
    bool has_first;
    meeting at_first;           /* after its first row */
    meeting at_second;          /* after the row that ended its first report */
    part *parts;                /* its reports after those, audited */
    size_t nparts, parts_cap;
    enum stop stop;
    meeting at_stop;            /* STOP_AT: after the stop row */
    bool finished;
} chunk;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    chunk *chunks;
    size_t n;
    size_t next_run;            /* the next chunk to read */
    size_t next_take;           /* the next chunk to take back */
    size_t window;              /* chunks read ahead of the one taken back, at most */
    bool taking;                /* a thread is taking a chunk back */
    bool over;                  /* nothing more to read: the end, a failure, or the rest read on one thread */
    /* the taker's (one thread at a time) */
    int rc;
    bool done;                  /* nothing more to take back */
    chunk *last;                /* the chunk taken back last whose stop the next must meet */
    group_cutter *keys;         /* the keys of the reports taken back */
    part_results res;
    report *whole;
    const group_options *go;
    csv_stream *cs;
    char *file;                 /* the file's name, as its tables give it */
    /* for LAKIP_PROFILE=1: how the chunks met */
    size_t met_first, met_second, inside;
    int alone_from;             /* the line the rest was read on alone from, 0: never */
    bool came_back;             /* rc 1 because a report came back (not a reader that failed) */
} cut_run;

static void meeting_take(meeting *m, table_builder *b, int line)
{
    free(m->state);
    m->line = line;
    m->state = table_builder_state(b, &m->len);
}

static bool meetings_agree(const meeting *a, const meeting *b)
{
    return a->line && a->line == b->line && a->len == b->len && memcmp(a->state, b->state, a->len) == 0;
}

static void meeting_free(meeting *m)
{
    free(m->state);
    *m = (meeting){ 0 };
}

/* The reader and cutter of chunk k go (chunk 0's reader is the caller's). */
static void chunk_close(cut_run *r, chunk *c)
{
    if (c->cs) csv_stream_count_done(c->cs);       /* the votes it counted, to the file's */
    if (c != &r->chunks[0]) csv_stream_free(c->cs);
    c->cs = NULL;
    group_cutter_free(c->cut);
    c->cut = NULL;
}

static void chunk_free(cut_run *r, chunk *c)
{
    chunk_close(r, c);
    if (c->has_first) part_free(&c->first);
    c->has_first = false;
    for (size_t i = 0; i < c->nparts; i++) part_free(&c->parts[i]);
    free(c->parts);
    c->parts = NULL;
    c->nparts = c->parts_cap = 0;
    meeting_free(&c->at_first);
    meeting_free(&c->at_second);
    meeting_free(&c->at_stop);
}

static bool take_back_part(cut_run *r, part *p);

/* Reads on in c from where it is, cutting reports, up to its stop (see
 * the top). engine audits each report; with alone (the rest of the file
 * read on one thread) each is also taken back at once. */
static void read_chunk(cut_run *r, chunk *c, script *engine, bool alone)
{
    table_builder *b = csv_stream_builder(c->cs);
    for (;;) {
        size_t row;
        int rc = csv_stream_next(c->cs, &row);
        if (rc < 0) {
            c->stop = STOP_FAILED;
            return;
        }
        bool end = rc == 2;
        if (rc == 0) continue;
        const table *t = table_builder_table(b);
        int line = 0;
        bool same = true;
        if (!end) {
            line = table_row_line(t, row);
            bool again;         /* never set: seen as reports are taken back (take_back_part) */
            same = group_cutter_same(c->cut, t, row, &again);
            if (c->first_unknown && !c->at_first.line) meeting_take(&c->at_first, b, line);
            if (same) {
                if (c->first_unknown && !c->at_second.line && line >= c->end_line) {
                    c->stop = STOP_OPEN;
                    return;
                }
                continue;
            }
        }
        /* the rows before row (all at the end) are a complete report */
        table *rows = table_builder_cut(b, end ? table_row_count(t) : row);
        if (!table_row_count(rows)) {
            table_free(rows);
        } else if (c->first_unknown && !c->has_first) {
            c->first = part_new(c->cut, rows, true);
            c->has_first = true;
        } else {
            part p = part_new(c->cut, rows, true);
            part_audit(engine, &p, r->whole);
            part_settle(&p);
            if (alone) {
                if (!take_back_part(r, &p)) return;
            } else {
                grow_array((void **)&c->parts, &c->parts_cap, c->nparts + 1, sizeof *c->parts);
                c->parts[c->nparts++] = p;
            }
        }
        if (end) {
            c->stop = STOP_EOF;
            return;
        }
        if (c->first_unknown && !c->at_second.line) meeting_take(&c->at_second, b, line);
        if (line >= c->end_line) {
            meeting_take(&c->at_stop, b, line);
            c->stop = STOP_AT;
            return;
        }
    }
}

/* Takes p back unless its report came back after another: then the file
 * is not streamed (said once). false: stop taking back. p is freed. */
static bool take_back_part(cut_run *r, part *p)
{
    if (r->rc) {
        part_free(p);
        return false;
    }
    if (p->key && group_cutter_came_back(r->keys, p->key)) {
        part_say_came_back(r->file, p->first_line);
        part_free(p);
        r->rc = 1;
        r->came_back = true;
        return false;
    }
    if (p->key) group_cutter_complete(r->keys, p->key);
    part_take_back(&r->res, p);
    return true;
}

/* Reads the rest of the file on this thread from where chunk c stopped
 * (STOP_AT), as the one reader would, each report taken back at once. */
static void read_rest_alone(cut_run *r, chunk *c, script *engine)
{
    c->end_line = INT_MAX;
    c->first_unknown = false;
    read_chunk(r, c, engine, true);
    if (c->stop == STOP_FAILED && !r->rc) r->rc = 1;
}

/* Takes chunk c (k) back when the one before was (see the top). false:
 * nothing more to take back. */
static bool take_back_in_turn(cut_run *r, chunk *c, size_t k, script *engine)
{
    chunk *last = r->last;
    if (k > 0) {
        /* where do the two meet? */
        if (c->stop == STOP_OPEN && last->at_stop.line >= c->end_line) {
            chunk_free(r, c);           /* inside the last one's report: nothing of its own */
            r->inside++;
            return true;
        }
        bool at_first = meetings_agree(&last->at_stop, &c->at_first);
        bool at_second = !at_first && meetings_agree(&last->at_stop, &c->at_second);
        if (!at_first && !at_second) {
            /* the reader that cut here does not build what the one reader
             * builds from here: the rest is read on from the last stop */
            chunk_free(r, c);
            r->alone_from = last->at_stop.line;
            read_rest_alone(r, last, engine);
            chunk_free(r, last);
            r->last = NULL;
            return false;
        }
        r->met_first += at_first;
        r->met_second += at_second;
        if (at_first && c->has_first) {
            part_audit(engine, &c->first, r->whole);
            part_settle(&c->first);
            c->has_first = false;
            if (!take_back_part(r, &c->first)) {
                chunk_free(r, c);
                return false;
            }
        }
        if (at_first && c->stop == STOP_OPEN) {
            /* its first report runs on: read on here to the chunk's stop */
            c->first_unknown = false;
            c->stop = STOP_NONE;
            read_chunk(r, c, engine, false);
        }
        chunk_free(r, last);
        r->last = NULL;
    }
    for (size_t i = 0; i < c->nparts; i++) {
        if (!take_back_part(r, &c->parts[i])) break;
    }
    if (c->stop == STOP_FAILED && !r->rc) r->rc = 1;
    if (r->rc || c->stop == STOP_EOF) {
        chunk_free(r, c);
        return false;
    }
    /* its reader waits at its stop: the next chunk is checked against it */
    for (size_t i = 0; i < c->nparts; i++) part_free(&c->parts[i]);
    c->nparts = 0;
    if (c->has_first) part_free(&c->first);
    c->has_first = false;
    r->last = c;
    return true;
}

/* Takes chunk k back. false: nothing more to take back, nor to read. */
static bool take_back_chunk(cut_run *r, size_t k, script *engine)
{
    chunk *c = &r->chunks[k];
    if (r->done) {
        chunk_free(r, c);
        return false;
    }
    bool go_on = take_back_in_turn(r, c, k, engine);
    if (!go_on) r->done = true;
    return go_on;
}

static void read_next_chunk(cut_run *r, size_t k, script *engine)
{
    chunk *c = &r->chunks[k];
    if (k > 0) c->cs = csv_stream_fork(r->cs, k - 1);
    c->cut = c->cs ? group_cutter_new(r->whole, table_builder_table(csv_stream_builder(c->cs)), r->go) : NULL;
    if (c->cut) group_cutter_keys_elsewhere(c->cut);     /* r->keys, as parts are taken back */
    if (!c->cut) {
        c->stop = STOP_FAILED;          /* cannot be: forks are made as the first reader was */
        return;
    }
    read_chunk(r, c, engine, false);
}

/* A thread's loop: take back the next chunk when it is read, else read
 * the next chunk, else wait. */
static void *reader_loop(void *arg)
{
    part_worker *w = arg;
    cut_run *r = w->shared;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        if (!r->taking && r->next_take < r->next_run && r->chunks[r->next_take].finished) {
            size_t k = r->next_take;
            r->taking = true;
            pthread_mutex_unlock(&r->lock);
            bool go_on = take_back_chunk(r, k, w->engine);
            pthread_mutex_lock(&r->lock);
            r->next_take++;
            r->taking = false;
            if (!go_on) r->over = true;
            pthread_cond_broadcast(&r->changed);
            continue;
        }
        if (!r->over && r->next_run < r->n && r->next_run < r->next_take + r->window) {
            size_t k = r->next_run++;
            pthread_mutex_unlock(&r->lock);
            read_next_chunk(r, k, w->engine);
            pthread_mutex_lock(&r->lock);
            r->chunks[k].finished = true;
            pthread_cond_broadcast(&r->changed);
            continue;
        }
        if ((r->over || r->next_run == r->n) && r->next_take == r->next_run) break;
        pthread_cond_wait(&r->changed, &r->lock);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

int pipeline_run_cuts(csv_stream *cs, report *whole, const group_options *go, script *engine, finding_list *out,
                      const runner_options *o, const pipeline_sink *sink)
{
    size_t ncuts = csv_stream_cut_count(cs);
    if (!ncuts) return -1;
    group_cutter *keys = group_cutter_new(whole, table_builder_table(csv_stream_builder(cs)), go);
    if (!keys) return 1;
    FILE *spool = sink && sink->scratch ? sink->scratch(sink->ud) : NULL;
    if (spool) group_cutter_spool(keys, spool);     /* a key per report: not in memory */
    size_t nthreads = (size_t)o->jobs;
    cut_run r = { .n = ncuts + 1, .window = 2 * nthreads, .keys = keys, .whole = whole, .go = go, .cs = cs,
                  .res = { whole, finding_list_new(), coverage_new(), 0, sink } };
    r.chunks = xcalloc(r.n, sizeof *r.chunks);
    for (size_t k = 0; k < r.n; k++)
        r.chunks[k] = (chunk){ .end_line = k < ncuts ? csv_stream_cut_line(cs, k) : INT_MAX, .first_unknown = k > 0 };
    r.chunks[0].cs = cs;
    r.file = xstrdup(table_file(table_builder_table(csv_stream_builder(cs))));
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.changed, NULL);

    /* the main thread reads too: nthreads - 1 more */
    part_crew crew;
    part_crew_start(&crew, nthreads - 1, o, &r, reader_loop);
    part_worker main_reader = { &r, engine };
    reader_loop(&main_reader);
    part_crew_join(&crew);
    /* every chunk read was taken back (freed when not needed); the last
     * stop's reader is still open */
    if (r.last) chunk_free(&r, r.last);
    for (size_t k = 0; k < r.n; k++) chunk_free(&r, &r.chunks[k]);
    int rc = part_guess_checked(cs, r.rc, r.came_back);
    const char *profile = getenv("LAKIP_PROFILE");
    if (profile && strcmp(profile, "1") == 0)
        fprintf(stderr, "profile: long form read in %zu chunks on %zu threads: %zu met at a chunk's first row, %zu at "
                "its first report's end, %zu inside a report, read on alone from line %d\n", r.n, crew.started + 1,
                r.met_first, r.met_second, r.inside, r.alone_from);
    part_crew_end(&crew);
    script_set_findings(engine, out);
    script_log_coverage(engine, NULL);
    part_results_finish(&r.res, rc, out);
    group_cutter_free(keys);
    free(r.chunks);
    free(r.file);
    pthread_cond_destroy(&r.changed);
    pthread_mutex_destroy(&r.lock);
    return rc;
}
