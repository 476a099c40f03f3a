/*
 * portfolio.h — many audits side by side: one entry per report (an OPD and
 * year), as read back from that audit's JSON report, and what the summary
 * derives from them (totals, families, the most common defects, a league
 * table).
 *
 * Entries are built only from the JSON report (input/report_json.c), both
 * when `check` audits a folder of reports and when `merge` combines JSON
 * reports made separately, so the two give the same summary byte for byte.
 */
#ifndef LAKIP_PORTFOLIO_H
#define LAKIP_PORTFOLIO_H

#include <stddef.h>

typedef struct {
    char *rule;
    size_t counts[3];           /* findings not accepted, by enum severity */
} portfolio_rule;

/* What the audit says it read and checked (the JSON "coverage" object);
 * -1 where the report does not say. */
typedef struct {
    long long tables, tables_checked, values_recomputed, values_compared;
} portfolio_coverage;

typedef struct {
    char *agency;               /* NULL when unknown */
    int year;                   /* 0 when unknown */
    char *source;               /* the report's folder (common folder of its inputs) or its one file */
    size_t ninputs;
    size_t counts[3];           /* not accepted, by enum severity */
    size_t accepted;
    portfolio_rule *rules;      /* sorted by rule id */
    size_t nrules;
    portfolio_coverage coverage;
    char *error;                /* the report could not be audited: why (then no findings) */
} portfolio_entry;

typedef struct portfolio portfolio;

portfolio *portfolio_new(void);
void portfolio_free(portfolio *p);
/* Takes ownership of the entry's strings and arrays. */
void portfolio_add(portfolio *p, portfolio_entry *e);
/* Adds one finding (rule, severity, accepted) to an entry being built. */
void portfolio_entry_count(portfolio_entry *e, const char *rule, int severity, int accepted);
void portfolio_entry_clear(portfolio_entry *e);
/* Sorts the entries by agency (unknown last), year, source. */
void portfolio_finish(portfolio *p);

size_t portfolio_count(const portfolio *p);
const portfolio_entry *portfolio_at(const portfolio *p, size_t i);

/* A label for an entry: the agency, else the source. */
const char *portfolio_entry_name(const portfolio_entry *e);

/* Totals per rule family ("capaian" of "capaian.arithmetic") over all
 * entries, sorted by family. */
typedef struct {
    char *family;
    size_t counts[3];
    size_t reports;             /* entries with at least one of its findings */
} portfolio_family;
size_t portfolio_families(const portfolio *p, const portfolio_entry *only, portfolio_family **out);
void portfolio_families_free(portfolio_family *f, size_t n);

/* Rules by how many reports have them, then by findings, then by id. */
typedef struct {
    const char *rule;           /* borrowed from an entry */
    size_t reports, findings;
    int severity;               /* the highest severity it was reported at */
} portfolio_defect;
size_t portfolio_defects(const portfolio *p, portfolio_defect **out);

/* Entry indices in league order: fewest errors, then warnings, then info,
 * then name; rank[i] is shared by ties (1, 2, 2, 4). Reports that could
 * not be read, or where nothing was recomputed (coverage 0), come last
 * without a rank (0): no finding there is not a clean report. */
void portfolio_league(const portfolio *p, size_t *order, size_t *rank);

#endif
