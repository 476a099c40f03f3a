/*
 * output_text.c — the findings report for people (--format text, the
 * default): a header with the report's year, agency and inputs, a summary,
 * then the findings grouped by table, each with its line, indicator, the
 * rendered message (numbers as written, the recomputation) and the rule id.
 */
#include "output/output.h"

#include <stdlib.h>
#include <string.h>

#include "output/coverage_text.h"
#include "util/util.h"

enum text_key {
    T_TITLE, T_AGENCY, T_YEAR, T_INPUTS, T_SUMMARY, T_NONE_FOUND, T_TABLE, T_OTHER,
    T_LINE, T_RULE, T_UNKNOWN, T_ACCEPTED, T_COUNT
};

static const char *const texts[2][T_COUNT] = {
    [LANG_ID] = {
        "LAPORAN HASIL AUDIT LAKIP", "Instansi", "Tahun", "Berkas",
        "Ringkasan: %zu galat, %zu peringatan, %zu info", "Tidak ada temuan.",
        "Tabel", "Di luar tabel", "baris", "aturan", "tidak diketahui", "diterima (baseline)",
    },
    [LANG_EN] = {
        "LAKIP AUDIT FINDINGS", "Agency", "Year", "Inputs",
        "Summary: %zu errors, %zu warnings, %zu info", "No findings.",
        "Table", "Outside tables", "line", "rule", "unknown", "accepted (baseline)",
    },
};

#define TX(a, k) texts[(a)->lang][k]

static void write_meta_line(FILE *out, const char *label, const char *value, const char *source)
{
    fprintf(out, "%-9s: %s", label, value);
    if (source) fprintf(out, " (%s)", source);
    fputc('\n', out);
}

/* What was read and checked, and what was not read: no findings must not
 * read as "checked and clean" when nothing was checked. */
static void write_coverage(FILE *out, const audit *a)
{
    coverage_summary s;
    audit_coverage(a, NULL, &s);
    char tables[512], values[512];
    coverage_sentences(&s, a->lang, tables, values);
    fprintf(out, "%s\n%s\n", tables, values);
    coverage_unread *items;
    size_t n = audit_unread(a, &items);
    if (n) fprintf(out, "%s:\n", coverage_unread_heading(a->lang));
    for (size_t i = 0; i < n; i++) {
        char line[1200];
        coverage_unread_text(&items[i], a->lang, line, sizeof line);
        fprintf(out, "  %s\n", line);
    }
    free(items);
}

static void write_header(FILE *out, const audit *a)
{
    const char *year_source = NULL, *agency_source = NULL;
    int year = report_year(a->rep, &year_source);
    const char *agency = report_agency(a->rep, &agency_source);
    char year_text[16];
    snprintf(year_text, sizeof year_text, "%d", year);

    fprintf(out, "%s — lakip-audit %s, %s\n", TX(a, T_TITLE), a->version, a->date);
    write_meta_line(out, TX(a, T_AGENCY), agency ? agency : TX(a, T_UNKNOWN), agency ? agency_source : NULL);
    write_meta_line(out, TX(a, T_YEAR), year ? year_text : TX(a, T_UNKNOWN), year ? year_source : NULL);
    for (size_t i = 0; i < report_input_count(a->rep); i++)
        fprintf(out, "%-9s%s %s\n", i ? "" : TX(a, T_INPUTS), i ? " " : ":", report_input_path(a->rep, i));
    for (size_t i = 0; i < finding_note_count(a->findings); i++)
        fprintf(out, "%-9s%s %s\n", i ? "" : output_notes_label(a->lang), i ? " " : ":",
                finding_note_text(a->findings, i, a->lang));
    size_t counts[3];
    audit_counts(a, counts);
    fputc('\n', out);
    fprintf(out, TX(a, T_SUMMARY), counts[SEV_ERROR], counts[SEV_WARNING], counts[SEV_INFO]);
    fputc('\n', out);
    write_coverage(out, a);
}

static void write_group_heading(FILE *out, const audit *a, const finding *f)
{
    fputc('\n', out);
    char loc[160];
    if (f->table)
        fprintf(out, "== %s: %s — %s:%s\n", TX(a, T_TABLE), f->table, f->file ? path_basename(f->file) : "",
                finding_table_location(a, f, loc, sizeof loc));
    else if (finding_get(f, "report_group"))     /* a long-form report's, outside its tables */
        fprintf(out, "== %s — %s — %s\n", TX(a, T_OTHER), finding_get(f, "report_group"), f->file ? path_basename(f->file) : "");
    else if (f->file)
        fprintf(out, "== %s — %s\n", TX(a, T_OTHER), path_basename(f->file));
    else
        fprintf(out, "== %s\n", TX(a, T_OTHER));
}

static void write_finding(FILE *out, const audit *a, const finding *f)
{
    char where[192] = "";
    if (f->where.kind != PLACE_NONE) finding_location(a, f, where, sizeof where);
    else if (f->line) snprintf(where, sizeof where, "%s %d", TX(a, T_LINE), f->line);
    fprintf(out, "  %-11s %-10s %s\n", severity_label(f->severity, a->lang), where, f->indicator ? f->indicator : "");
    char *msg = finding_message(f, a->cat, a->lang);
    /* indent continuation lines of multi-line messages */
    for (char *line = msg, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        fprintf(out, "  %-11s %s\n", "", line);
    }
    free(msg);
    const char *cf = finding_get(f, "cell_formula");
    if (cf) fprintf(out, "  %-11s %s: %s\n", "", cell_formula_label(a->lang), cf);
    fprintf(out, "  %-11s %s: %s%s%s\n", "", TX(a, T_RULE), f->rule,
            f->accepted ? " — " : "", f->accepted ? TX(a, T_ACCEPTED) : "");
    const char *why = finding_get(f, "justification");
    if (f->accepted && why && *why) fprintf(out, "  %-11s \"%s\"\n", "", why);
}

int output_text(FILE *out, const audit *a)
{
    write_header(out, a);
    size_t n = finding_count(a->findings);
    if (n == 0) fprintf(out, "\n%s\n", TX(a, T_NONE_FOUND));
    const finding *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const finding *f = finding_at(a->findings, i);
        if (finding_summarized(a->findings, f)) continue;
        if (!findings_same_group(prev, f)) write_group_heading(out, a, f);
        write_finding(out, a, f);
        prev = f;
    }
    return ferror(out) ? -1 : 0;
}
