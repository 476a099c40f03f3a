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
 *
 * One report alone (the usual case: an agency's own report) is shared by
 * family instead: the first engine starts on the families at once while a
 * second is made on another thread (loading the rule files takes a few
 * milliseconds) and joins in; each family's findings, recomputations and
 * coverage are kept apart and joined in family order, as one engine
 * running the families one by one gives them. The second loads a family
 * when it first runs it — or before, when the thread that read the report
 * would otherwise wait for the first engine (runner_preload); it then
 * claims the families it has loaded first.
 */
#include "runner.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "input/groups.h"
#include "util/util.h"
#include "util/cpu_apart.h"
#include "util/timeline.h"

/* The units of work engines share (the reports of a long-form file, or
 * the families of one report): claimed one at a time, each unit's
 * findings, recomputations and coverage kept apart, to be joined in unit
 * order whichever engine ran it. */
typedef struct {
    size_t count;
    finding_list **findings;        /* per unit */
    recompute_list **recomputed;    /* per unit, or NULL */
    coverage_log **coverage;        /* per unit, or NULL */
    size_t next;                    /* the next unit to claim (in `order`) */
    size_t *order;                  /* the units in the order they are claimed, or NULL: 0, 1, ... */
    /* the families of one report: which are claimed (by unit), for an
     * engine that claims the families it has loaded first; NULL: in order */
    unsigned char *taken;
    pthread_mutex_t lock;
} unit_outputs;

static void outputs_init(unit_outputs *u, size_t count, bool recomputed, bool cov)
{
    *u = (unit_outputs){ .count = count };
    pthread_mutex_init(&u->lock, NULL);
    u->findings = xcalloc(count, sizeof *u->findings);
    if (recomputed) u->recomputed = xcalloc(count, sizeof *u->recomputed);
    if (cov) u->coverage = xcalloc(count, sizeof *u->coverage);
    for (size_t i = 0; i < count; i++) {
        u->findings[i] = finding_list_new();
        if (recomputed) u->recomputed[i] = recompute_list_new();
        if (cov) u->coverage[i] = coverage_log_new();
    }
}

/* The next unit, with engine's findings, recomputations and coverage
 * going to that unit's own; SIZE_MAX when every unit is taken. */
static size_t outputs_claim(unit_outputs *u, script *engine)
{
    pthread_mutex_lock(&u->lock);
    size_t i;
    if (u->taken) {
        /* the first family in order not claimed yet that this engine has
         * loaded, else the first not claimed: an engine given families
         * loaded ahead (runner_preload) runs those, not load others; the
         * first engine has them all */
        size_t pick = SIZE_MAX;
        while (u->next < u->count && u->taken[u->order[u->next]]) u->next++;
        for (size_t k = u->next; k < u->count && pick == SIZE_MAX; k++)
            if (!u->taken[u->order[k]] && script_family_loaded(engine, u->order[k])) pick = k;
        if (pick == SIZE_MAX) pick = u->next;
        i = pick < u->count ? u->order[pick] : SIZE_MAX;
        if (i != SIZE_MAX) u->taken[i] = 1;
        pthread_mutex_unlock(&u->lock);
        if (i == SIZE_MAX) return SIZE_MAX;
    } else {
        i = u->next++;
        pthread_mutex_unlock(&u->lock);
        if (i >= u->count) return SIZE_MAX;
        if (u->order) i = u->order[i];
    }
    script_set_findings(engine, u->findings[i]);
    script_keep_recomputations(engine, u->recomputed ? u->recomputed[i] : NULL);
    script_log_coverage(engine, u->coverage ? u->coverage[i] : NULL);
    return i;
}

/* The coverage of every unit into cov, in unit order; the logs name
 * families by the engines' strings, so before any engine goes. */
static void outputs_replay_coverage(unit_outputs *u, coverage *cov)
{
    for (size_t i = 0; cov && i < u->count; i++) {
        coverage_log_replay(u->coverage[i], cov);
        coverage_log_free(u->coverage[i]);
    }
}

/* Frees what is left once each unit's lists have been joined (and freed). */
static void outputs_free(unit_outputs *u)
{
    free(u->findings);
    free(u->recomputed);
    free(u->coverage);
    free(u->order);
    free(u->taken);
    pthread_mutex_destroy(&u->lock);
}

/* engine's output back to the audit's own lists */
static void route_to_audit(script *engine, finding_list *out, recompute_list *recomputed)
{
    script_set_findings(engine, out);
    script_keep_recomputations(engine, recomputed);
    script_log_coverage(engine, NULL);
}

typedef struct {
    unit_outputs units;             /* one per report */
    report *const *groups;
    const report *whole;
} shared_work;

typedef struct {
    shared_work *work;
    script *engine;
} worker;

static void *work_loop(void *arg)
{
    worker *w = arg;
    shared_work *sw = w->work;
    for (size_t i; (i = outputs_claim(&sw->units, w->engine)) != SIZE_MAX;)
        script_run_part(w->engine, sw->groups[i], sw->whole);
    return NULL;
}

/* ---- an engine made ahead, on another thread ---- */
struct prepared_engine {
    pthread_t thread;
    int joined;                     /* the thread is joined (its engine is ours) */
    atomic_int made;                /* the thread has made it (or failed to) */
    int taken;                      /* handed out (or given up) */
    pthread_mutex_t lock;
    script *engine;                 /* what the thread made */
    catalog *cat;
    finding_list *scratch;
};

static void *make_prepared(void *arg)
{
    const runner_options *o = arg;
    struct prepared_engine *p = o->prepared;
    timeline_mark(+1, "engine", "second");
    p->engine = o->make_engine(o->ud, &p->cat, &p->scratch);
    timeline_mark(-1, "engine", "second");
    atomic_store(&p->made, 1);
    return NULL;
}

static void join_prepared(struct prepared_engine *p)
{
    if (!p->joined) pthread_join(p->thread, NULL);
    p->joined = 1;
}

/* The prepared engine, once, when it is still there (the thread joined);
 * NULL after. */
static script *take_prepared(struct prepared_engine *p, catalog **cat, finding_list **scratch)
{
    if (!p) return NULL;
    pthread_mutex_lock(&p->lock);
    int first = !p->taken;
    p->taken = 1;
    pthread_mutex_unlock(&p->lock);
    if (!first) return NULL;
    join_prepared(p);
    *cat = p->cat;
    *scratch = p->scratch;
    return p->engine;
}

script *runner_new_engine(const runner_options *o, catalog **cat, finding_list **scratch)
{
    *cat = NULL;
    *scratch = NULL;
    script *e = take_prepared(o->prepared, cat, scratch);
    if (!e && o->make_engine) e = o->make_engine(o->ud, cat, scratch);
    if (e && o->configure_engine && o->configure_engine(o->ud, e, *cat) < 0) {
        script_free(e);
        e = NULL;
    }
    return e;
}

void runner_prepare_engine(runner_options *o)
{
    if (o->jobs <= 1 || !o->make_engine || o->prepared) return;
    struct prepared_engine *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    o->prepared = p;
    /* the thread reads o: it must stay where it is until runner_options_done */
    if (pthread_create(&p->thread, NULL, make_prepared, o) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        o->prepared = NULL;
    }
}

void runner_options_done(runner_options *o)
{
    struct prepared_engine *p = o->prepared;
    if (!p) return;
    if (!p->taken) {
        join_prepared(p);
        script_free(p->engine);
        catalog_free(p->cat);
        finding_list_free(p->scratch);
    }
    pthread_mutex_destroy(&p->lock);
    free(p);
    o->prepared = NULL;
}

/* ---- one report, its families on several engines ---- */
typedef struct {
    unit_outputs units;             /* one per family */
    const report *rep;
} family_work;

typedef struct {
    family_work *work;
    const runner_options *o;
    script *engine;                 /* made by the thread (NULL: could not) */
    catalog *cat;
    finding_list *scratch;
} family_helper;

static void run_claimed_families(family_work *fw, script *engine)
{
    script_begin_report(engine, fw->rep, fw->rep);
    for (size_t i; (i = outputs_claim(&fw->units, engine)) != SIZE_MAX;) script_run_family(engine, i);
    script_end_report(engine);
}

static void *family_helper_loop(void *arg)
{
    family_helper *h = arg;
    h->engine = runner_new_engine(h->o, &h->cat, &h->scratch);
    if (!h->engine) return NULL;
    /* made with the same options, it has the same families in the same
     * order; were it otherwise it stays out rather than run the wrong ones */
    if (script_family_count(h->engine) == h->work->units.count) run_claimed_families(h->work, h->engine);
    return NULL;
}

/* The families of `engine`, longest first (script_family_weight), so that
 * the engines end together: the last ones claimed are the short ones. */
typedef struct {
    size_t weight, index;
} weighed;

static int heavier_first(const void *a, const void *b)
{
    const weighed *x = a, *y = b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

static size_t *claim_order(const script *engine, size_t count)
{
    weighed *w = xcalloc(count ? count : 1, sizeof *w);
    for (size_t i = 0; i < count; i++) w[i] = (weighed){ script_family_weight(engine, i), i };
    qsort(w, count, sizeof *w, heavier_first);
    size_t *order = xcalloc(count ? count : 1, sizeof *order);
    for (size_t i = 0; i < count; i++) order[i] = w[i].index;
    free(w);
    return order;
}

void runner_preload(runner_options *o, int (*stop)(void *ud), void *ud)
{
    struct prepared_engine *p = o->prepared;
    /* only an engine made already, and not handed out: nothing to wait for */
    if (!p || !atomic_load(&p->made) || stop(ud)) return;
    pthread_mutex_lock(&p->lock);
    int taken = p->taken;
    pthread_mutex_unlock(&p->lock);
    if (taken) return;
    join_prepared(p);
    script *e = p->engine;
    if (!e) return;
    size_t n = script_family_count(e);
    size_t *order = claim_order(e, n);
    /* the first engine starts on the first of the order (run_families_shared) */
    for (size_t k = 1; k < n && !stop(ud); k++) script_load_family(e, order[k]);
    free(order);
}

static void run_families_shared(script *engine, const report *rep, finding_list *out,
                                recompute_list *recomputed, coverage *cov, const runner_options *o)
{
    family_work fw = { .rep = rep };
    outputs_init(&fw.units, script_family_count(engine), recomputed, cov);
    fw.units.order = claim_order(engine, fw.units.count);
    fw.units.taken = xcalloc(fw.units.count ? fw.units.count : 1, 1);
    family_helper helper = { .work = &fw, .o = o };
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    cpu_apart(&attr);               /* the two engines on two processors from the start */
    int started = pthread_create(&thread, &attr, family_helper_loop, &helper) == 0;
    pthread_attr_destroy(&attr);
    run_claimed_families(&fw, engine);
    if (started) pthread_join(thread, NULL);
    route_to_audit(engine, out, recomputed);
    outputs_replay_coverage(&fw.units, cov);
    if (o->process_ends) {
        script_print_profile(helper.engine);
    } else {
        script_free(helper.engine);
        catalog_free(helper.cat);
        finding_list_free(helper.scratch);
    }
    for (size_t i = 0; i < fw.units.count; i++) {
        finding_list_move(out, fw.units.findings[i]);
        finding_list_take_notes(out, fw.units.findings[i], NULL);
        finding_list_free(fw.units.findings[i]);
        for (size_t k = 0; recomputed && k < recompute_count(fw.units.recomputed[i]); k++)
            recompute_add(recomputed, recompute_at(fw.units.recomputed[i], k));
        if (recomputed) recompute_list_free(fw.units.recomputed[i]);
    }
    outputs_free(&fw.units);
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
        if (o && o->jobs > 1 && (o->make_engine || o->prepared)) run_families_shared(engine, rep, out, recomputed, cov, o);
        else script_run(engine, rep);
        return;
    }
    shared_work sw = { .groups = groups, .whole = rep };
    outputs_init(&sw.units, ngroups, recomputed, cov);

    size_t nworkers = o && o->jobs > 1 ? (size_t)o->jobs : 1;
    if (nworkers > ngroups) nworkers = ngroups;
    worker *workers = xcalloc(nworkers, sizeof *workers);
    catalog **cats = xcalloc(nworkers, sizeof *cats);
    finding_list **scratch = xcalloc(nworkers, sizeof *scratch);
    pthread_t *threads = xcalloc(nworkers, sizeof *threads);
    workers[0] = (worker){ &sw, engine };
    size_t started = 1;
    for (size_t k = 1; k < nworkers; k++) {
        script *e = runner_new_engine(o, &cats[k], &scratch[k]);
        if (!e) break;
        workers[k] = (worker){ &sw, e };
        if (pthread_create(&threads[k], NULL, work_loop, &workers[k]) != 0) {
            script_free(e);
            break;
        }
        started++;
    }
    work_loop(&workers[0]);
    for (size_t k = 1; k < started; k++) pthread_join(threads[k], NULL);
    outputs_replay_coverage(&sw.units, cov);
    for (size_t k = 1; k < started; k++) script_free(workers[k].engine);
    for (size_t k = 1; k < nworkers; k++) {
        catalog_free(cats[k]);
        finding_list_free(scratch[k]);
    }
    route_to_audit(engine, out, recomputed);

    for (size_t i = 0; i < ngroups; i++) {
        size_t before = finding_count(out);
        finding_list_name_group(sw.units.findings[i], 0, report_group(groups[i]));
        finding_list_move(out, sw.units.findings[i]);
        finding_list_set_part(out, before, i + 1);      /* kept together, in report order */
        finding_list_take_notes(out, sw.units.findings[i], report_group(groups[i]));
        finding_list_free(sw.units.findings[i]);
        if (recomputed) {
            add_recomputations(recomputed, rep, groups[i], sw.units.recomputed[i]);
            recompute_list_free(sw.units.recomputed[i]);
        }
    }
    outputs_free(&sw.units);
    free(workers);
    free(cats);
    free(scratch);
    free(threads);
}
