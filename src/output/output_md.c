/*
 * output_md.c — the findings as Markdown (--format md), for a review
 * document or a pull-request comment: a heading with the agency and year,
 * the inputs with their SHA-256 checksums, a summary table by severity,
 * then one Markdown table per report table (grouped as in output_text.c)
 * with a row per finding (a file's pattern finding instead of the rows it
 * summarises, as in the text report). Text from the report is escaped so that a pipe,
 * a newline or an asterisk in a caption cannot break the table or the
 * emphasis around it. Uses the rule catalog for messages, sha256.c for
 * the checksums.
 */
#include "output/output.h"
#include "output/coverage_text.h"

#include <string.h>
#include <stdlib.h>

#include "util/sha256.h"
#include "util/utf8.h"
#include "util/util.h"

enum md_key {
    M_TITLE, M_AGENCY, M_YEAR, M_SOURCE, M_UNKNOWN, M_TOOL, M_INPUTS, M_UNREADABLE,
    M_SUMMARY, M_SEVERITY, M_COUNT_COL, M_ERRORS, M_WARNINGS, M_INFOS, M_TOTAL, M_ACCEPTED_NOTE, M_SUMMARIZED_NOTE,
    M_NONE_FOUND, M_TABLE, M_OTHER, M_LINE_COL, M_INDICATOR_COL, M_FINDING_COL, M_RULE_COL,
    M_ACCEPTED, M_COUNT
};

static const char *const texts[2][M_COUNT] = {
    [LANG_ID] = {
        "Laporan Hasil Audit LAKIP", "Instansi", "Tahun", "sumber", "tidak diketahui", "Alat", "Berkas",
        "tidak dapat dibaca",
        "Ringkasan", "Tingkat", "Jumlah", "Galat", "Peringatan", "Info", "Jumlah",
        "%zu temuan diterima (baseline) tidak dihitung.",
        "%zu temuan per baris dirangkum oleh temuan pola untuk berkasnya dan tidak diulang di tabel (tetap dihitung di atas).",
        "Tidak ada temuan.", "Tabel", "Di luar tabel", "Baris", "Indikator", "Temuan", "Aturan",
        "diterima (baseline)",
    },
    [LANG_EN] = {
        "LAKIP Audit Findings", "Agency", "Year", "source", "unknown", "Tool", "Inputs",
        "cannot be read",
        "Summary", "Severity", "Count", "Errors", "Warnings", "Info", "Total",
        "%zu findings accepted by the baseline are not counted.",
        "%zu per-row findings are summarised by a pattern finding for their file and not repeated in the tables (still counted above).",
        "No findings.", "Table", "Outside tables", "Line", "Indicator", "Finding", "Rule",
        "accepted (baseline)",
    },
};

#define MX(a, k) texts[(a)->lang][k]

/* Writes s as Markdown text: ASCII punctuation that Markdown or a GFM
 * table would read (emphasis, links, HTML, pipes) backslash-escaped, line
 * breaks as <br> (a table cell is one line), and bytes that are not
 * well-formed UTF-8 or are control characters as U+FFFD. */
static void md_text(FILE *out, const char *s)
{
    if (!s) return;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t bad = i + utf8_invalid_offset(s + i, len - i);
        for (; i < bad; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == '\n') fputs("<br>", out);
            else if (c == '\r') continue;
            else if (c == '\t') fputc(' ', out);
            else if (c < 0x20 || c == 0x7f) fputs("\xef\xbf\xbd", out);
            else if (strchr("\\`*_[]<>|&~#", c)) fprintf(out, "\\%c", c);
            else fputc(c, out);
        }
        if (i < len) {
            fputs("\xef\xbf\xbd", out);
            i++;
        }
    }
}

/* A rule id or a path as a code span; ids from user rules are arbitrary, and
 * a code span cannot escape a backtick or a pipe, so those go as text. */
static void md_code(FILE *out, const char *id)
{
    if (id[strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:")] == '\0')
        fprintf(out, "`%s`", id);
    else
        md_text(out, id);
}

static void write_meta(FILE *out, const audit *a, const char *label, const char *value, const char *source)
{
    fprintf(out, "- **%s:** ", label);
    if (value) md_text(out, value);
    else fputs(MX(a, M_UNKNOWN), out);
    if (value && source) {
        fprintf(out, " (%s: ", MX(a, M_SOURCE));
        md_text(out, source);
        fputc(')', out);
    }
    fputc('\n', out);
}

static void write_header(FILE *out, const audit *a)
{
    const char *year_source = NULL, *agency_source = NULL;
    int year = report_year(a->rep, &year_source);
    const char *agency = report_agency(a->rep, &agency_source);
    char year_text[16];
    snprintf(year_text, sizeof year_text, "%d", year);

    fprintf(out, "# %s", MX(a, M_TITLE));
    if (year) fprintf(out, " %d", year);
    if (agency) {
        fputs(" — ", out);
        md_text(out, agency);
    }
    fputs("\n\n", out);
    write_meta(out, a, MX(a, M_AGENCY), agency, agency_source);
    write_meta(out, a, MX(a, M_YEAR), year ? year_text : NULL, year_source);
    for (size_t i = 0; i < finding_note_count(a->findings); i++)
        write_meta(out, a, output_notes_label(a->lang), finding_note_text(a->findings, i, a->lang), NULL);
    fprintf(out, "- **%s:** lakip-audit ", MX(a, M_TOOL));
    md_text(out, a->version);
    fputs(", ", out);
    md_text(out, a->date);
    fprintf(out, "\n- **%s (SHA-256):**\n", MX(a, M_INPUTS));
    for (size_t i = 0; i < report_input_count(a->rep); i++) {
        const char *path = report_input_path(a->rep, i);
        char hex[65];
        fputs("  - ", out);
        md_code(out, path);
        if (sha256_file(path, hex) == 0) fprintf(out, " `%s`\n", hex);
        else fprintf(out, " (%s)\n", MX(a, M_UNREADABLE));
    }
}

/* What was read and checked, and each block not read. */
static void write_coverage(FILE *out, const audit *a)
{
    coverage_summary s;
    audit_coverage(a, NULL, &s);
    char tables[512], values[512];
    coverage_sentences(&s, a->lang, tables, values);
    fputs("\n", out);
    md_text(out, tables);
    fputs("\n\n", out);
    md_text(out, values);
    fputs("\n", out);
    coverage_unread *items;
    size_t n = audit_unread(a, &items);
    if (n) fprintf(out, "\n%s:\n\n", coverage_unread_heading(a->lang));
    for (size_t i = 0; i < n; i++) {
        char line[1200];
        coverage_unread_text(&items[i], a->lang, line, sizeof line);
        fputs("- ", out);
        md_text(out, line);
        fputc('\n', out);
    }
    free(items);
}

static void write_summary(FILE *out, const audit *a, size_t nhidden)
{
    size_t counts[3];
    audit_counts(a, counts);
    size_t counted = counts[0] + counts[1] + counts[2];
    fprintf(out, "\n## %s\n\n| %s | %s |\n|---|---:|\n", MX(a, M_SUMMARY), MX(a, M_SEVERITY), MX(a, M_COUNT_COL));
    fprintf(out, "| %s | %zu |\n", MX(a, M_ERRORS), counts[SEV_ERROR]);
    fprintf(out, "| %s | %zu |\n", MX(a, M_WARNINGS), counts[SEV_WARNING]);
    fprintf(out, "| %s | %zu |\n", MX(a, M_INFOS), counts[SEV_INFO]);
    fprintf(out, "| **%s** | **%zu** |\n", MX(a, M_TOTAL), counted);
    if (finding_count(a->findings) > counted) {
        fputc('\n', out);
        fprintf(out, MX(a, M_ACCEPTED_NOTE), finding_count(a->findings) - counted);
        fputc('\n', out);
    }
    if (nhidden) {
        fputc('\n', out);
        fprintf(out, MX(a, M_SUMMARIZED_NOTE), nhidden);
        fputc('\n', out);
    }
    write_coverage(out, a);
}

static void write_group_heading(FILE *out, const audit *a, const finding *f)
{
    if (f->table) {
        fprintf(out, "\n## %s: ", MX(a, M_TABLE));
        md_text(out, f->table);
    } else {
        fprintf(out, "\n## %s", MX(a, M_OTHER));
        if (finding_get(f, "report_group")) {          /* a long-form report's, outside its tables */
            fputs(" — ", out);
            md_text(out, finding_get(f, "report_group"));
        }
    }
    if (f->file) {
        fputs(" — ", out);
        md_text(out, path_basename(f->file));
        char loc[160];
        if (f->table && finding_table_location(a, f, loc, sizeof loc)[0]) {
            fputc(':', out);
            md_text(out, loc);
        }
    }
    fprintf(out, "\n\n| %s | %s | %s | %s | %s |\n|---|---:|---|---|---|\n",
            MX(a, M_SEVERITY), MX(a, M_LINE_COL), MX(a, M_INDICATOR_COL), MX(a, M_FINDING_COL), MX(a, M_RULE_COL));
}

static void write_finding(FILE *out, const audit *a, const finding *f)
{
    fprintf(out, "| %s | ", severity_label(f->severity, a->lang));
    char loc[160];
    md_text(out, finding_location(a, f, loc, sizeof loc));
    fputs(" | ", out);
    md_text(out, f->indicator);
    fputs(" | ", out);
    if (f->accepted) fprintf(out, "*%s:* ", MX(a, M_ACCEPTED));
    char *msg = finding_message(f, a->cat, a->lang);
    md_text(out, msg);
    free(msg);
    const char *cf = finding_get(f, "cell_formula");
    if (cf) {
        fputs("<br>", out);
        md_text(out, cell_formula_label(a->lang));
        fputs(": ", out);
        md_code(out, cf);
    }
    fputs(" | ", out);
    md_code(out, f->rule);
    fputs(" |\n", out);
}

int output_md(FILE *out, const audit *a)
{
    /* Rows a pattern finding stands for are counted but not listed, as in
     * the text report; JSON keeps every row. */
    size_t n = finding_count(a->findings), nhidden = 0;
    unsigned char *hidden = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        hidden[i] = (unsigned char)finding_summarized(a->findings, finding_at(a->findings, i));
        nhidden += hidden[i];
    }
    write_header(out, a);
    write_summary(out, a, nhidden);
    if (n == 0) fprintf(out, "\n%s\n", MX(a, M_NONE_FOUND));
    const finding *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const finding *f = finding_at(a->findings, i);
        if (hidden[i]) continue;
        if (!findings_same_group(prev, f)) write_group_heading(out, a, f);
        write_finding(out, a, f);
        prev = f;
    }
    free(hidden);
    return ferror(out) ? -1 : 0;
}
