/*
 * table_list.c — `lakip-audit tables PATH...`: how the inputs were
 * understood, before any rule runs. For each file its encoding; for each
 * table where it is, its caption, header line, the file's number style,
 * rows by kind, the years it names and every column with its recognised
 * role, year and (numeric columns) the number style its cells were read
 * with and why;
 * then what looked like data but could not be read, with file:line and
 * why. A user whose report "has no findings" can see here whether its
 * tables were read at all.
 */
#include "output/table_list.h"

#include <stdlib.h>
#include <string.h>
#include "model/coverage.h"

enum list_key {
    L_FILE, L_ASSUMED, L_BOM, L_TABLE, L_CAPTION, L_LINE, L_HEADER, L_NO_HEADER, L_STYLE, L_STYLE_ID, L_STYLE_EN,
    L_ROWS, L_ROW_KINDS, L_YEARS, L_COLUMNS, L_NO_ROLE, L_UNREAD, L_NONE, L_META, L_COUNT
};

static const char *const texts[2][L_COUNT] = {
    [LANG_ID] = {
        "Berkas", "ditebak", "menurut BOM", "Tabel", "judul", "baris", "judul kolom",
        "tidak ada baris judul kolom yang dikenali: kolom tanpa peran", "gaya angka",
        "koma desimal (1.234,5)", "titik desimal (1,234.5)", "baris", "%zu data, %zu kelompok, %zu jumlah",
        "tahun kolom", "kolom", "(tidak dikenali)", "Tidak terbaca", "(tidak ada)", "keterangan",
    },
    [LANG_EN] = {
        "File", "assumed", "from its BOM", "Table", "caption", "line", "header",
        "no recognisable header row: columns without roles", "number style",
        "decimal comma (1.234,5)", "decimal point (1,234.5)", "rows", "%zu data, %zu group, %zu total",
        "column years", "columns", "(not recognised)", "Not read", "(none)", "metadata",
    },
};

#define TX(lang, k) texts[lang][k]

/* Why a column has its style, in lang. */
static const char *basis_text(enum style_basis b, enum lang lang)
{
    static const char *const words[2][4] = {
        [LANG_ID] = { "dari sel kolom", "seperti kolom lain tabel", "gaya berkas, belum pasti", "dipaksa pengaturan" },
        [LANG_EN] = { "from the column's cells", "as the table's other columns", "the file's style, unsettled", "forced by settings" },
    };
    return words[lang][b];
}

static const char *style_text(enum number_style s, enum lang lang)
{
    return s == NUMBER_STYLE_EN ? TX(lang, L_STYLE_EN) : TX(lang, L_STYLE_ID);
}

/* The distinct years of the column headers, in column order. */
static void write_years(FILE *out, const table *t, enum lang lang)
{
    int seen[64];
    size_t n = 0;
    for (size_t c = 0; c < table_column_count(t) && n < 64; c++) {
        int y = table_column_year(t, c);
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++) dup = seen[i] == y;
        if (y && !dup) seen[n++] = y;
    }
    fprintf(out, "  %-12s: ", TX(lang, L_YEARS));
    if (!n) fputs(TX(lang, L_NONE), out);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s%d", i ? ", " : "", seen[i]);
    fputc('\n', out);
}

/* s, then blanks up to width characters (UTF-8 aware, so columns line up). */
static void write_padded(FILE *out, const char *s, size_t width)
{
    size_t chars = 0;
    for (const char *p = s; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    fputs(s, out);
    for (; chars < width; chars++) fputc(' ', out);
}

/* report_where, but a sheet row is named by the table's first cell on it
 * ("PK 2019!A4", not the whole row "PK 2019!4:4"). */
static const char *line_text(const report *r, const table *t, int line, enum lang lang, char *buf, size_t size)
{
    place p = report_place_at(r, table_file(t), line);
    if (p.kind != PLACE_SHEET) return report_where(r, table_file(t), line, lang, buf, size);
    p.col = table_column_source(t, 0) > 0 ? table_column_source(t, 0) : 1;
    return place_format(&p, lang, buf, size);
}

static void write_table(FILE *out, const report *r, const table *t, enum lang lang)
{
    char where[160];
    place top = report_place_at(r, table_file(t), table_first_line(t));
    if (top.kind == PLACE_NONE) {
        fprintf(out, "\n== %s %s:%d — %s\n", TX(lang, L_TABLE), table_file(t), table_first_line(t), table_caption(t));
    } else {
        /* a workbook, document or PDF: its sheet cell, table or page, not a line of text written for it */
        if (top.kind == PLACE_SHEET) top.col = table_column_source(t, 0) > 0 ? table_column_source(t, 0) : 1;
        else if (top.table > 0) top.row = 0;
        fprintf(out, "\n== %s %s:%s — %s\n", TX(lang, L_TABLE), table_file(t), place_format(&top, lang, where, sizeof where),
                table_caption(t));
    }
    if (table_caption_line(t))
        fprintf(out, "  %-12s: %s\n", TX(lang, L_CAPTION), line_text(r, t, table_caption_line(t), lang, where, sizeof where));
    for (size_t i = 0; i < table_meta_count(t); i++) {
        int line;
        const char *value = table_meta_value(t, i, &line);
        fprintf(out, "  %-12s: %s = %s (%s)\n", TX(lang, L_META), table_meta_key(t, i), value,
                line_text(r, t, line, lang, where, sizeof where));
    }
    if (table_header_line(t) == 0) {
        fprintf(out, "  %-12s: %s\n", TX(lang, L_HEADER), TX(lang, L_NO_HEADER));
    } else {
        fprintf(out, "  %-12s: %s\n", TX(lang, L_HEADER), line_text(r, t, table_header_line(t), lang, where, sizeof where));
    }
    fprintf(out, "  %-12s: %s\n", TX(lang, L_STYLE), style_text(table_number_style(t), lang));
    size_t kinds[3] = { 0 };
    for (size_t i = 0; i < table_row_count(t); i++) kinds[table_row_kind(t, i)]++;
    fprintf(out, "  %-12s: %zu (", TX(lang, L_ROWS), table_row_count(t));
    fprintf(out, TX(lang, L_ROW_KINDS), kinds[ROW_DATA], kinds[ROW_GROUP], kinds[ROW_TOTAL]);
    fputs(")\n", out);
    write_years(out, t, lang);
    fprintf(out, "  %-12s:\n", TX(lang, L_COLUMNS));
    for (size_t c = 0; c < table_column_count(t); c++) {
        enum col_role role = table_column_role(t, c);
        const char *header = table_column_header(t, c);
        const char *role_text = role == COL_NONE ? TX(lang, L_NO_ROLE) : col_role_name(role);
        fprintf(out, "    %2zu  ", c + 1);
        if (top.kind == PLACE_SHEET) {      /* the sheet column it came from */
            char letters[8];
            fprintf(out, "%-4s", place_column_letters(table_column_source(t, c), letters));
        }
        write_padded(out, header && *header ? header : "—", 40);
        fputc(' ', out);
        if (table_column_year(t, c)) {
            write_padded(out, role_text, 20);
            fprintf(out, " %d", table_column_year(t, c));
        } else {
            fputs(role_text, out);
        }
        if (col_role_is_numeric(role)) {
            enum number_style cs = table_column_number_style(t, c);
            fprintf(out, "  [%s; %s]", cs == NUMBER_STYLE_EN ? "1,234.5" : "1.234,5",
                    basis_text(table_column_style_basis(t, c), lang));
        }
        fputc('\n', out);
    }
}

int tables_write_text(FILE *out, const report *r, enum lang lang)
{
    const coverage *cov = report_coverage(r);
    for (size_t i = 0; i < coverage_file_count(cov); i++) {
        const char *encoding;
        bool assumed;
        const char *file = coverage_file(cov, i, &encoding, &assumed);
        fprintf(out, "%s: %s (%s", TX(lang, L_FILE), file, encoding);
        /* only a text encoding is assumed or told by a BOM (not "PDF", "binary") */
        if (assumed) fprintf(out, ", %s", TX(lang, L_ASSUMED));
        else if (strncmp(encoding, "UTF-16", 6) == 0) fprintf(out, ", %s", TX(lang, L_BOM));
        fputs(")\n", out);
    }
    for (size_t i = 0; i < report_table_count(r); i++) write_table(out, r, report_table(r, i), lang);
    coverage_unread *items;
    size_t n = coverage_unread_list(cov, &r, 1, &items);
    if (n) fprintf(out, "\n== %s\n", TX(lang, L_UNREAD));
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %s", items[i].file);
        if (items[i].line) fprintf(out, ":%d", items[i].line);
        fprintf(out, ": %s\n", lang == LANG_EN ? items[i].why : items[i].why_id);
    }
    free(items);
    return ferror(out) ? -1 : 0;
}
