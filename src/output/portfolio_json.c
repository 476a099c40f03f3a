/*
 * portfolio_json.c — the portfolio summary as JSON (docs/JSON.md,
 * "Portfolio"): totals, families, the most common defects, the league
 * table, then one line per report.
 */
#include "output/portfolio_out.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/util.h"

#define PORTFOLIO_SCHEMA 1

static void severity_counts(FILE *out, const size_t counts[3], int comma)
{
    json_kv_int(out, "error", (long long)counts[SEV_ERROR], 1);
    json_kv_int(out, "warning", (long long)counts[SEV_WARNING], 1);
    json_kv_int(out, "info", (long long)counts[SEV_INFO], comma);
}

static void write_entry(FILE *out, const portfolio *p, const portfolio_entry *e)
{
    fputs("{", out);
    json_kv_string(out, "agency", e->agency, 1);
    json_key(out, "year");
    if (e->year) fprintf(out, "%d,", e->year); else fputs("null,", out);
    json_kv_string(out, "source", e->source, 1);
    json_kv_int(out, "inputs", (long long)e->ninputs, 1);
    json_kv_string(out, "error", e->error, 1);
    json_key(out, "summary");
    fputs("{", out);
    severity_counts(out, e->counts, 1);
    json_kv_int(out, "accepted", (long long)e->accepted, 0);
    fputs("},", out);
    json_key(out, "families");
    fputs("{", out);
    portfolio_family *fam;
    size_t nf = portfolio_families(p, e, &fam);
    for (size_t i = 0; i < nf; i++) {
        json_key(out, fam[i].family);
        fputs("{", out);
        severity_counts(out, fam[i].counts, 0);
        fputs(i + 1 < nf ? "}," : "}", out);
    }
    portfolio_families_free(fam, nf);
    fputs("},", out);
    json_key(out, "rules");
    fputs("{", out);
    for (size_t i = 0; i < e->nrules; i++) {
        json_key(out, e->rules[i].rule);
        fputs("{", out);
        severity_counts(out, e->rules[i].counts, 0);
        fputs(i + 1 < e->nrules ? "}," : "}", out);
    }
    fputs("},", out);
    json_key(out, "coverage");
    const portfolio_coverage *c = &e->coverage;
    if (c->tables < 0 && c->tables_checked < 0 && c->values_recomputed < 0 && c->values_compared < 0) {
        fputs("null}", out);
        return;
    }
    fputs("{", out);
    const long long vals[4] = { c->tables, c->tables_checked, c->values_recomputed, c->values_compared };
    static const char *const keys[4] = { "tables", "tables_checked", "values_recomputed", "values_compared" };
    for (int k = 0; k < 4; k++) {
        json_key(out, keys[k]);
        if (vals[k] < 0) fputs("null", out); else fprintf(out, "%lld", vals[k]);
        fputs(k < 3 ? "," : "", out);
    }
    fputs("}}", out);
}

int portfolio_json(FILE *out, const portfolio_view *v)
{
    const portfolio *p = v->p;
    size_t n = portfolio_count(p), counts[3], accepted, unreadable;
    portfolio_totals(p, counts, &accepted, &unreadable);

    json_document_start(out, PORTFOLIO_SCHEMA, v->version);
    json_key(out, "portfolio");
    fputs("{", out);
    json_kv_int(out, "reports", (long long)n, 1);
    json_kv_int(out, "unreadable", (long long)unreadable, 1);
    severity_counts(out, counts, 1);
    json_kv_int(out, "accepted", (long long)accepted, 0);
    fputs("},\n", out);

    json_key(out, "families");
    fputs("[", out);
    portfolio_family *fam;
    size_t nf = portfolio_families(p, NULL, &fam);
    for (size_t i = 0; i < nf; i++) {
        fputs("{", out);
        json_kv_string(out, "family", fam[i].family, 1);
        json_kv_int(out, "reports", (long long)fam[i].reports, 1);
        severity_counts(out, fam[i].counts, 0);
        fputs(i + 1 < nf ? "}," : "}", out);
    }
    portfolio_families_free(fam, nf);
    fputs("],\n", out);

    json_key(out, "common_defects");
    fputs("[", out);
    portfolio_defect *d;
    size_t nd = portfolio_defects(p, &d);
    for (size_t i = 0; i < nd; i++) {
        fputs("{", out);
        json_kv_string(out, "rule", d[i].rule, 1);
        json_kv_string(out, "severity", severity_name((enum severity)d[i].severity), 1);
        json_kv_int(out, "reports", (long long)d[i].reports, 1);
        json_kv_int(out, "findings", (long long)d[i].findings, 0);
        fputs(i + 1 < nd ? "}," : "}", out);
    }
    free(d);
    fputs("],\n", out);

    json_key(out, "league");
    fputs("[", out);
    size_t *order = xcalloc(n ? n : 1, sizeof *order), *rank = xcalloc(n ? n : 1, sizeof *rank);
    portfolio_league(p, order, rank);
    for (size_t i = 0; i < n; i++) {
        const portfolio_entry *e = portfolio_at(p, order[i]);
        fputs("{", out);
        json_key(out, "rank");
        if (rank[i]) fprintf(out, "%zu,", rank[i]); else fputs("null,", out);
        json_kv_string(out, "agency", e->agency, 1);
        json_key(out, "year");
        if (e->year) fprintf(out, "%d,", e->year); else fputs("null,", out);
        json_kv_string(out, "source", e->source, 0);
        fputs(i + 1 < n ? "}," : "}", out);
    }
    free(order);
    free(rank);
    fputs("],\n", out);

    json_key(out, "reports");
    fputs("[\n", out);
    for (size_t i = 0; i < n; i++) {
        write_entry(out, p, portfolio_at(p, i));
        fputs(i + 1 < n ? ",\n" : "\n", out);
    }
    fputs("]}\n", out);
    return ferror(out) ? -1 : 0;
}
