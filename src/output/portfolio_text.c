/*
 * portfolio_text.c — the portfolio summary as plain text, for a terminal or
 * a CI log: totals, one line per report, the most common defects and the
 * league table.
 */
#include "output/portfolio_out.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

enum tkey {
    T_TITLE, T_UNREADABLE, T_PER_REPORT, T_NOT_AUDITED, T_COVERAGE, T_NO_COVERAGE,
    T_DEFECTS, T_DEFECT_LINE, T_NONE, T_LEAGUE, T_LEAGUE_LINE, T_UNKNOWN_YEAR, T_FAMILIES, T_COUNT
};

static const char *const texts[2][T_COUNT] = {
    [LANG_ID] = {
        "Portofolio: %zu laporan — %zu galat, %zu peringatan, %zu info",
        " (%zu tidak dapat diperiksa)",
        "== Per laporan",
        "tidak dapat diperiksa: ",
        "cakupan: %s nilai dihitung ulang, %s dari %s tabel diperiksa",
        "cakupan: tidak dilaporkan",
        "== Cacat paling umum",
        "  %-34s %3zu laporan  %4zu temuan  (%s)\n",
        "  (tidak ada temuan)\n",
        "== Peringkat (paling sedikit galat, lalu peringatan, lalu info; \"-\": tidak dapat dibaca atau tidak ada nilai yang dihitung ulang)",
        "  %4s %s (%s) — %zu galat, %zu peringatan, %zu info\n",
        "tahun ?",
        "kelompok: ",
    },
    [LANG_EN] = {
        "Portfolio: %zu reports — %zu errors, %zu warnings, %zu info",
        " (%zu could not be audited)",
        "== Per report",
        "could not be audited: ",
        "coverage: %s values recomputed, %s of %s tables checked",
        "coverage: not reported",
        "== Most common defects",
        "  %-34s %3zu reports  %4zu findings  (%s)\n",
        "  (no findings)\n",
        "== League table (fewest errors, then warnings, then info; \"-\": unreadable or nothing recomputed)",
        "  %4s %s (%s) — %zu errors, %zu warnings, %zu info\n",
        "year ?",
        "families: ",
    },
};

#define TT(v, k) texts[(v)->lang][k]

static const char *num_or_q(long long v, char buf[24])
{
    if (v < 0) return "?";
    snprintf(buf, 24, "%lld", v);
    return buf;
}

static void write_entry(FILE *out, const portfolio_view *v, const portfolio_entry *e)
{
    char year[16];
    if (e->year) snprintf(year, sizeof year, "%d", e->year);
    else snprintf(year, sizeof year, "%s", TT(v, T_UNKNOWN_YEAR));
    fprintf(out, "\n%s — %s\n    %s\n", portfolio_entry_name(e), year, e->source ? e->source : "");
    if (e->error) {
        fprintf(out, "    %s%s\n", TT(v, T_NOT_AUDITED), e->error);
        return;
    }
    fprintf(out, "    %s %zu · %s %zu · %s %zu\n", severity_label(SEV_ERROR, v->lang), e->counts[SEV_ERROR],
            severity_label(SEV_WARNING, v->lang), e->counts[SEV_WARNING], severity_label(SEV_INFO, v->lang),
            e->counts[SEV_INFO]);
    portfolio_family *fam;
    size_t nf = portfolio_families(v->p, e, &fam);
    if (nf) {
        fprintf(out, "    %s", TT(v, T_FAMILIES));
        for (size_t i = 0; i < nf; i++)
            fprintf(out, "%s%s %zu", i ? ", " : "", fam[i].family, fam[i].counts[0] + fam[i].counts[1] + fam[i].counts[2]);
        fputc('\n', out);
    }
    portfolio_families_free(fam, nf);
    const portfolio_coverage *c = &e->coverage;
    if (c->values_recomputed < 0 && c->tables < 0) {
        fprintf(out, "    %s\n", TT(v, T_NO_COVERAGE));
    } else {
        char a[24], b[24], d[24];
        fputs("    ", out);
        fprintf(out, TT(v, T_COVERAGE), num_or_q(c->values_recomputed, a), num_or_q(c->tables_checked, b),
                num_or_q(c->tables, d));
        fputc('\n', out);
    }
}

int portfolio_text(FILE *out, const portfolio_view *v)
{
    const portfolio *p = v->p;
    size_t n = portfolio_count(p), counts[3], accepted, unreadable;
    portfolio_totals(p, counts, &accepted, &unreadable);
    fprintf(out, TT(v, T_TITLE), n, counts[SEV_ERROR], counts[SEV_WARNING], counts[SEV_INFO]);
    if (unreadable) fprintf(out, TT(v, T_UNREADABLE), unreadable);
    fprintf(out, "\n\n%s\n", TT(v, T_PER_REPORT));
    for (size_t i = 0; i < n; i++) write_entry(out, v, portfolio_at(p, i));

    fprintf(out, "\n%s\n", TT(v, T_DEFECTS));
    portfolio_defect *d;
    size_t nd = portfolio_defects(p, &d);
    if (!nd) fputs(TT(v, T_NONE), out);
    for (size_t i = 0; i < nd && i < 10; i++)
        fprintf(out, TT(v, T_DEFECT_LINE), d[i].rule, d[i].reports, d[i].findings,
                severity_label((enum severity)d[i].severity, v->lang));
    free(d);

    fprintf(out, "\n%s\n", TT(v, T_LEAGUE));
    size_t *order = xcalloc(n ? n : 1, sizeof *order), *rank = xcalloc(n ? n : 1, sizeof *rank);
    portfolio_league(p, order, rank);
    for (size_t i = 0; i < n; i++) {
        const portfolio_entry *e = portfolio_at(p, order[i]);
        char r[24], year[16];
        snprintf(r, sizeof r, "%s", rank[i] ? "" : "-");
        if (rank[i]) snprintf(r, sizeof r, "%zu.", rank[i]);
        if (e->year) snprintf(year, sizeof year, "%d", e->year);
        else snprintf(year, sizeof year, "%s", TT(v, T_UNKNOWN_YEAR));
        fprintf(out, TT(v, T_LEAGUE_LINE), r, portfolio_entry_name(e), year, e->counts[SEV_ERROR],
                e->counts[SEV_WARNING], e->counts[SEV_INFO]);
    }
    free(order);
    free(rank);
    return ferror(out) ? -1 : 0;
}
