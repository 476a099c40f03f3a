/*
 * pipeline_parts.c — what the two ways of reading a long-form file share
 * (see pipeline_parts.h): a report's part, made, audited, settled and
 * taken back in file order, and the engines' threads.
 */
#include "pipeline_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

part part_new(group_cutter *cut, table *t, bool with_key)
{
    const char *key = with_key ? group_cutter_key(cut) : NULL;
    part p = { .key = key ? xstrdup(key) : NULL, .first_line = table_row_count(t) ? table_row_line(t, 0) : 0 };
    p.rep = group_cutter_report(cut, &t);
    p.rows = t;             /* NULL when the report took it */
    p.findings = finding_list_new();
    p.log = coverage_log_new();
    return p;
}

void part_audit(script *engine, part *p, const report *whole)
{
    script_set_findings(engine, p->findings);
    script_keep_recomputations(engine, NULL);
    script_log_coverage(engine, p->log);
    script_run_part(engine, p->rep, whole);
}

void part_free(part *p)
{
    finding_list_free(p->findings);
    coverage_log_free(p->log);
    report_free(p->rep);
    table_free(p->rows);
    free(p->key);
    coverage_free(p->cov);
    free(p->group);
    memset(p, 0, sizeof *p);
}

/* The report's coverage: what its rules checked (the log), with its
 * tables summarised, folded into c. */
static void fold_coverage(coverage *c, const part *p)
{
    coverage *checked = coverage_new();
    coverage_log_replay(p->log, checked);
    coverage_fold(c, checked, p->rep);
    coverage_free(checked);
}

void part_settle(part *p)
{
    const char *group = report_group(p->rep);
    p->group = group ? xstrdup(group) : NULL;
    p->cov = coverage_new();
    fold_coverage(p->cov, p);
    coverage_log_free(p->log);
    report_free(p->rep);
    table_free(p->rows);
    p->log = NULL;
    p->rep = NULL;
    p->rows = NULL;
}

void part_take_back(part_results *res, part *p)
{
    size_t n = ++res->parts;
    const char *group = p->cov ? p->group : report_group(p->rep);
    finding_list_set_part(p->findings, 0, n);
    finding_list_name_group(p->findings, 0, group);
    if (res->sink) res->sink->part_done(res->sink->ud, p->findings, group);
    size_t before = finding_count(res->findings);
    finding_list_move(res->findings, p->findings);
    finding_list_compact(res->findings, before);
    finding_list_take_notes(res->findings, p->findings, group);
    if (p->cov) coverage_fold(res->cov, p->cov, NULL);
    else fold_coverage(res->cov, p);
    part_free(p);
}

void part_results_finish(part_results *res, int rc, finding_list *out)
{
    if (rc == 0) {
        finding_list_move(out, res->findings);
        finding_list_take_notes(out, res->findings, NULL);
        coverage_fold(report_coverage(res->whole), res->cov, NULL);
    }
    if (rc != 0 && res->sink) res->sink->restart(res->sink->ud);
    finding_list_free(res->findings);
    coverage_free(res->cov);
}

void part_crew_start(part_crew *c, size_t n, const runner_options *o, void *shared, void *(*loop)(void *))
{
    size_t room = n ? n : 1;
    *c = (part_crew){ .workers = xcalloc(room, sizeof *c->workers), .cats = xcalloc(room, sizeof *c->cats),
                      .scratch = xcalloc(room, sizeof *c->scratch), .threads = xcalloc(room, sizeof *c->threads),
                      .wanted = n };
    for (size_t k = 0; k < n; k++) {
        script *e = runner_new_engine(o, &c->cats[k], &c->scratch[k]);
        if (!e) break;
        c->workers[k] = (part_worker){ shared, e };
        if (pthread_create(&c->threads[k], NULL, loop, &c->workers[k]) != 0) {
            script_free(e);
            break;
        }
        c->started++;
    }
}

void part_crew_join(part_crew *c)
{
    for (size_t k = 0; k < c->started; k++) pthread_join(c->threads[k], NULL);
}

void part_crew_end(part_crew *c)
{
    for (size_t k = 0; k < c->started; k++) script_free(c->workers[k].engine);
    for (size_t k = 0; k < c->wanted; k++) {
        catalog_free(c->cats[k]);
        finding_list_free(c->scratch[k]);
    }
    free(c->workers);
    free(c->cats);
    free(c->scratch);
    free(c->threads);
}

int part_guess_checked(const csv_stream *cs, int rc, bool came_back)
{
    if (!csv_stream_guessed(cs)) return rc;
    if (rc == 0 && !csv_stream_guess_held(cs)) return 2;
    return rc == 1 && !came_back ? 2 : rc;
}

void part_say_came_back(const char *file, int line)
{
    fprintf(stderr, "lakip-audit: %s:%d: rows of a report come back after another report's: "
            "the file is audited whole, with memory that grows with it (sort it by its report "
            "columns to audit it report by report)\n", file, line);
}
