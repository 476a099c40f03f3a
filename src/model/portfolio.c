/*
 * portfolio.c — entries of many audits and what a summary derives from
 * them (see portfolio.h).
 */
#include "model/portfolio.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct portfolio {
    portfolio_entry *entries;
    size_t n, cap;
};

portfolio *portfolio_new(void)
{
    return xcalloc(1, sizeof(portfolio));
}

void portfolio_entry_clear(portfolio_entry *e)
{
    free(e->agency);
    free(e->source);
    free(e->error);
    for (size_t i = 0; i < e->nrules; i++) free(e->rules[i].rule);
    free(e->rules);
    memset(e, 0, sizeof *e);
}

void portfolio_free(portfolio *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) portfolio_entry_clear(&p->entries[i]);
    free(p->entries);
    free(p);
}

void portfolio_add(portfolio *p, portfolio_entry *e)
{
    grow_array((void **)&p->entries, &p->cap, p->n + 1, sizeof *p->entries);
    p->entries[p->n++] = *e;
    memset(e, 0, sizeof *e);
}

void portfolio_entry_count(portfolio_entry *e, const char *rule, int severity, int accepted)
{
    if (accepted) {
        e->accepted++;
        return;
    }
    e->counts[severity]++;
    size_t lo = 0, hi = e->nrules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(e->rules[mid].rule, rule);
        if (c == 0) {
            e->rules[mid].counts[severity]++;
            return;
        }
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    e->rules = xrealloc(e->rules, (e->nrules + 1) * sizeof *e->rules);
    memmove(&e->rules[lo + 1], &e->rules[lo], (e->nrules - lo) * sizeof *e->rules);
    e->rules[lo] = (portfolio_rule){ xstrdup(rule), { 0, 0, 0 } };
    e->rules[lo].counts[severity] = 1;
    e->nrules++;
}

static int cmp_str_null_last(const char *a, const char *b)
{
    if (!a || !b) return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

static int cmp_entries(const void *pa, const void *pb)
{
    const portfolio_entry *a = pa, *b = pb;
    int c = cmp_str_null_last(a->agency, b->agency);
    if (c) return c;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    return cmp_str_null_last(a->source, b->source);
}

void portfolio_finish(portfolio *p)
{
    sort_items(p->entries, p->n, sizeof *p->entries, cmp_entries);
}

size_t portfolio_count(const portfolio *p)
{
    return p->n;
}

const portfolio_entry *portfolio_at(const portfolio *p, size_t i)
{
    return &p->entries[i];
}

const char *portfolio_entry_name(const portfolio_entry *e)
{
    return e->agency ? e->agency : e->source ? e->source : "?";
}

/* ---- families ---------------------------------------------------------- */

static size_t family_len(const char *rule)
{
    const char *dot = strchr(rule, '.');
    return dot ? (size_t)(dot - rule) : strlen(rule);
}

static int cmp_family(const void *a, const void *b)
{
    return strcmp(((const portfolio_family *)a)->family, ((const portfolio_family *)b)->family);
}

size_t portfolio_families(const portfolio *p, const portfolio_entry *only, portfolio_family **out)
{
    portfolio_family *f = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < p->n; i++) {
        const portfolio_entry *e = &p->entries[i];
        if (only && e != only) continue;
        for (size_t r = 0; r < e->nrules; r++) {
            const char *rule = e->rules[r].rule;
            size_t len = family_len(rule), k = 0;
            while (k < n && !(strlen(f[k].family) == len && memcmp(f[k].family, rule, len) == 0)) k++;
            if (k == n) {
                grow_array((void **)&f, &cap, n + 1, sizeof *f);
                f[n++] = (portfolio_family){ xstrndup(rule, len), { 0, 0, 0 }, 0 };
            }
            for (int s = 0; s < 3; s++) f[k].counts[s] += e->rules[r].counts[s];
        }
        /* reports per family: count each family once per entry */
        for (size_t k = 0; k < n; k++) {
            size_t len = strlen(f[k].family);
            for (size_t r = 0; r < e->nrules; r++)
                if (family_len(e->rules[r].rule) == len && memcmp(e->rules[r].rule, f[k].family, len) == 0) {
                    f[k].reports++;
                    break;
                }
        }
    }
    sort_items(f, n, sizeof *f, cmp_family);
    *out = f;
    return n;
}

void portfolio_families_free(portfolio_family *f, size_t n)
{
    for (size_t i = 0; i < n; i++) free(f[i].family);
    free(f);
}

/* ---- most common defects ----------------------------------------------- */

static int cmp_defect(const void *pa, const void *pb)
{
    const portfolio_defect *a = pa, *b = pb;
    if (a->reports != b->reports) return a->reports > b->reports ? -1 : 1;
    if (a->findings != b->findings) return a->findings > b->findings ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

size_t portfolio_defects(const portfolio *p, portfolio_defect **out)
{
    portfolio_defect *d = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < p->n; i++) {
        const portfolio_entry *e = &p->entries[i];
        for (size_t r = 0; r < e->nrules; r++) {
            const portfolio_rule *pr = &e->rules[r];
            size_t k = 0;
            while (k < n && strcmp(d[k].rule, pr->rule) != 0) k++;
            if (k == n) {
                grow_array((void **)&d, &cap, n + 1, sizeof *d);
                d[n++] = (portfolio_defect){ pr->rule, 0, 0, 0 };
            }
            d[k].reports++;
            for (int s = 0; s < 3; s++) {
                d[k].findings += pr->counts[s];
                if (pr->counts[s] && s > d[k].severity) d[k].severity = s;
            }
        }
    }
    sort_items(d, n, sizeof *d, cmp_defect);
    *out = d;
    return n;
}

/* ---- league table ------------------------------------------------------ */

static const portfolio *league_of;   /* qsort has no context argument */

/* Not ranked: unreadable, or nothing recomputed (no finding there means
 * nothing was checked, not a clean report). */
static int unranked(const portfolio_entry *e)
{
    return e->error != NULL || e->coverage.values_recomputed == 0;
}

static int league_cmp(const portfolio_entry *a, const portfolio_entry *b)
{
    if (unranked(a) != unranked(b)) return unranked(a) ? 1 : -1;
    for (int s = 2; s >= 0; s--)
        if (a->counts[s] != b->counts[s]) return a->counts[s] < b->counts[s] ? -1 : 1;
    return 0;
}

static int cmp_league(const void *pa, const void *pb)
{
    const portfolio_entry *a = &league_of->entries[*(const size_t *)pa], *b = &league_of->entries[*(const size_t *)pb];
    int c = league_cmp(a, b);
    if (c) return c;
    return cmp_entries(a, b);
}

void portfolio_league(const portfolio *p, size_t *order, size_t *rank)
{
    for (size_t i = 0; i < p->n; i++) order[i] = i;
    league_of = p;
    sort_items(order, p->n, sizeof *order, cmp_league);
    league_of = NULL;
    for (size_t i = 0; i < p->n; i++) {
        const portfolio_entry *e = &p->entries[order[i]];
        if (unranked(e)) rank[i] = 0;
        else if (i > 0 && league_cmp(&p->entries[order[i - 1]], e) == 0) rank[i] = rank[i - 1];
        else rank[i] = i + 1;
    }
}
