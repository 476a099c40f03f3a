/*
 * table_export.c — the tables read, as CSV or Markdown (see
 * table_export.h).
 */
#include "output/table_export.h"

#include <string.h>
#include "model/table.h"

static const char *place_header(enum lang lang)
{
    return lang == LANG_EN ? "Place" : "Letak";
}

/* ---- CSV ---- */

static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ";\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_table(FILE *out, const report *r, const table *t, enum lang lang)
{
    char at[128];
    size_t ncols = table_column_count(t);
    csv_field(out, table_caption(t));
    fputc('\n', out);
    for (size_t i = 0; i < table_meta_count(t); i++) {
        int line;
        const char *value = table_meta_value(t, i, &line);
        csv_field(out, table_meta_key(t, i));
        fputc(';', out);
        csv_field(out, value);
        fputc('\n', out);
    }
    for (size_t c = 0; c < ncols; c++) {
        csv_field(out, table_column_header(t, c));
        fputc(';', out);
    }
    csv_field(out, place_header(lang));
    fputc('\n', out);
    for (size_t row = 0; row < table_row_count(t); row++) {
        for (size_t c = 0; c < ncols; c++) {
            csv_field(out, table_cell(t, row, c)->text);
            fputc(';', out);
        }
        report_where(r, table_file(t), table_row_line(t, row), lang, at, sizeof at);
        csv_field(out, at);
        fputc('\n', out);
    }
}

int tables_write_csv(FILE *out, const report *r, enum lang lang)
{
    for (size_t i = 0; i < report_table_count(r); i++) {
        if (i) fputc('\n', out);
        csv_table(out, r, report_table(r, i), lang);
    }
    return ferror(out) ? -1 : 0;
}

/* ---- Markdown ---- */

/* A cell: "|" escaped, line breaks as spaces, empty as nothing. */
static void md_cell(FILE *out, const char *s)
{
    fputc(' ', out);
    for (; *s; s++) {
        if (*s == '|') fputs("\\|", out);
        else if (*s == '\n' || *s == '\r') fputc(' ', out);
        else fputc(*s, out);
    }
    fputs(" |", out);
}

static void md_table(FILE *out, const report *r, const table *t, enum lang lang)
{
    char at[128];
    size_t ncols = table_column_count(t);
    report_where(r, table_file(t), table_first_line(t), lang, at, sizeof at);
    fprintf(out, "## %s\n\n%s, %s\n\n", table_caption(t), table_file(t), at);
    for (size_t i = 0; i < table_meta_count(t); i++) {
        int line;
        const char *value = table_meta_value(t, i, &line);
        fprintf(out, "- %s: %s\n", table_meta_key(t, i), value);
    }
    if (table_meta_count(t)) fputc('\n', out);
    fputc('|', out);
    for (size_t c = 0; c < ncols; c++) md_cell(out, table_column_header(t, c));
    md_cell(out, place_header(lang));
    fputs("\n|", out);
    for (size_t c = 0; c <= ncols; c++) fputs(" --- |", out);
    fputc('\n', out);
    for (size_t row = 0; row < table_row_count(t); row++) {
        fputc('|', out);
        for (size_t c = 0; c < ncols; c++) md_cell(out, table_cell(t, row, c)->text);
        report_where(r, table_file(t), table_row_line(t, row), lang, at, sizeof at);
        md_cell(out, at);
        fputc('\n', out);
    }
}

int tables_write_md(FILE *out, const report *r, enum lang lang)
{
    for (size_t i = 0; i < report_table_count(r); i++) {
        if (i) fputc('\n', out);
        md_table(out, r, report_table(r, i), lang);
    }
    return ferror(out) ? -1 : 0;
}
