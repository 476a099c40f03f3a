/*
 * output_xlsx.c — the reviewer's working paper (kertas kerja reviu) as an
 * Excel workbook (--format xlsx), through libxlsxwriter.
 *
 * Sheet 1 lists every finding (as JSON does, pattern-summarised rows
 * included) with a column for the OPD's or reviewer's response and a
 * status the supervisor picks from a list. Then one sheet per checked
 * table (a table with at least one recomputed cell): the table as read,
 * numbers as numbers, and beside it, for every column the rules recomputed
 * (capaian, budget %, totals), four columns: a LIVE formula recomputing the
 * cell from the cells it was computed from (=ROUND(E7/D7*100,2), the
 * lower-is-better formula the report uses, =ROUND(SUM(E5:E9),0)), the
 * tool's own exact value, a comparison with the reported number, and the
 * formula in words. Conditional formatting marks every mismatch, in the
 * comparison column and on the reported cell itself, so a supervisor can
 * verify every number in Excel or LibreOffice without the tool.
 *
 * The verdicts stay the tool's (exact decimals); the spreadsheet computes
 * in binary floating point like any spreadsheet, which tests/xlsx/run.sh
 * checks gives the same values on every fixture table after ROUND.
 *
 * Deterministic: no wall-clock time (the document date is the run date,
 * which SOURCE_DATE_EPOCH fixes), sheets and cells in report order.
 * libxlsxwriter writes to a file name, so the workbook is built in a
 * temporary file and copied to `out`; main.c's write_output then renames
 * the whole file into place.
 */
#include "output/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "model/recompute.h"
#include "output/xlsx_lib.h"
#include "util/utf8.h"
#include "util/util.h"

enum xkey {
    X_FINDINGS_SHEET, X_TABLE_SHEET, X_TITLE,
    X_NO, X_SEVERITY, X_RULE, X_FILE, X_LINE, X_TABLE, X_INDICATOR, X_REPORTED, X_EXPECTED,
    X_DIAGNOSIS, X_FIX, X_RESPONSE, X_STATUS, X_ID, X_WORKPAPER,
    X_OPEN, X_ACCEPTED, X_STATUS_LIST,
    X_SOURCE_LINE, X_RECOMPUTED, X_TOOL, X_SAME_Q, X_FORMULA, X_ROW_FINDINGS,
    X_SAME, X_DIFFERS, X_NOTE, X_FINDINGS_NOTE,
    X_F_HIGHER, X_F_2TR, X_F_TR, X_F_100R, X_F_SUM, X_F_SUMS,
    X_COUNT
};

static const char *const texts[2][X_COUNT] = {
    [LANG_ID] = {
        "Temuan", "Tabel %zu", "Kertas Kerja Reviu LAKIP",
        "No", "Tingkat", "Aturan", "Berkas", "Baris", "Tabel", "Indikator", "Dilaporkan", "Seharusnya",
        "Diagnosis", "Perbaikan", "Tanggapan", "Status", "ID temuan", "Kertas kerja",
        "Terbuka", "Diterima", "Terbuka,Dikonfirmasi,Diperbaiki,Diterima,Ditolak",
        "Baris sumber", "hitung ulang", "nilai alat", "sama?", "rumus", "Temuan pada baris ini",
        "sama", "BEDA",
        "Kolom \"hitung ulang\" berisi rumus hidup atas sel tabel di kiri; \"nilai alat\" adalah hitungan eksak "
        "lakip-audit; \"sama?\" membandingkan hitung ulang dengan angka laporan (BEDA ditandai merah).",
        "Satu baris per temuan. Isi kolom Tanggapan dan pilih Status; kolom Kertas kerja menuju sel tabelnya.",
        "realisasi / target × 100", "(2 × target − realisasi) / target × 100", "target / realisasi × 100",
        "(100 − realisasi) / (100 − target) × 100", "jumlah baris %s", "dari jumlah hitung ulang: ",
    },
    [LANG_EN] = {
        "Findings", "Table %zu", "LAKIP Review Working Paper",
        "No", "Severity", "Rule", "File", "Line", "Table", "Indicator", "Reported", "Expected",
        "Diagnosis", "What to fix", "Response", "Status", "Finding ID", "Working paper",
        "Open", "Accepted", "Open,Confirmed,Fixed,Accepted,Rejected",
        "Source line", "recomputed", "tool's value", "same?", "formula", "Findings on this row",
        "same", "DIFFERS",
        "The \"recomputed\" columns hold live formulas over the table cells on the left; \"tool's value\" is "
        "lakip-audit's exact computation; \"same?\" compares the recomputation with the reported number "
        "(DIFFERS is marked red).",
        "One row per finding. Fill in the Response and pick a Status; the Working paper column links to the table cell.",
        "realisasi / target × 100", "(2 × target − realisasi) / target × 100", "target / realisasi × 100",
        "(100 − realisasi) / (100 − target) × 100", "sum of rows %s", "from the recomputed sums: ",
    },
};

#define XT(w, k) texts[(w)->a->lang][k]

#define HEADER_ROW 4        /* 0-based sheet row of a table sheet's header */
#define FIRST_DATA_ROW 5
#define BLOCK_WIDTH 4       /* recomputed, tool's value, same?, formula */
#define XLSX_CELL_MAX 32767  /* bytes: libxlsxwriter refuses longer strings */

typedef struct {
    const audit *a;
    lxw_workbook *wb;
    lxw_format *bold, *title, *wrap, *header, *bad, *note, *link;
    lxw_format *numbers[2][DECIMAL_MAX_SCALE + 1];   /* [percent][scale] */
    char **owned;           /* strings handed to libxlsxwriter, freed after workbook_close */
    size_t nowned, capowned;
} writer;

/* A copy of s that libxlsxwriter can put in XML: bytes that are not
 * well-formed UTF-8 and control characters other than tab and newline
 * become U+FFFD; at most 32767 bytes (Excel's cell limit), cut at a
 * character boundary. */
static char *cell_text(const char *s)
{
    if (!s) s = "";
    size_t len = strlen(s);
    char *out = xmalloc(len * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t good = i + utf8_invalid_offset(s + i, len - i);
        for (; i < good; i++) {
            unsigned char c = (unsigned char)s[i];
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
                memcpy(out + o, "\xef\xbf\xbd", 3);
                o += 3;
            } else {
                out[o++] = (char)c;
            }
        }
        if (i < len) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        }
    }
    if (o > XLSX_CELL_MAX) {
        o = XLSX_CELL_MAX;
        while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80) o--;
    }
    out[o] = '\0';
    return out;
}

static void put_text(writer *w, lxw_worksheet *ws, size_t row, size_t col, const char *s, lxw_format *fmt)
{
    if (!s || !*s) return;
    char *t = cell_text(s);
    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, t, fmt);
    free(t);
    (void)w;
}

/* Strings libxlsxwriter keeps by pointer until workbook_close. */
static char *keep(writer *w, char *s)
{
    grow_array((void **)&w->owned, &w->capowned, w->nowned + 1, sizeof *w->owned);
    w->owned[w->nowned++] = s;
    return s;
}

static double decimal_double(decimal d)
{
    char buf[48];
    decimal_to_string(d, buf, sizeof buf);
    return strtod(buf, NULL);
}

/* "0.00" / "0.00\"%\"": the cell shows the digits the report wrote (in
 * the reader's locale separators). */
static lxw_format *number_format(writer *w, int scale, int percent)
{
    if (scale < 0) scale = 0;
    if (scale > DECIMAL_MAX_SCALE) scale = DECIMAL_MAX_SCALE;
    lxw_format **slot = &w->numbers[percent ? 1 : 0][scale];
    if (!*slot) {
        char fmt[64] = "#,##0";
        size_t n = strlen(fmt);
        if (scale) {
            fmt[n++] = '.';
            for (int i = 0; i < scale; i++) fmt[n++] = '0';
        }
        fmt[n] = '\0';
        if (percent) strcat(fmt, "\"%\"");
        *slot = workbook_add_format(w->wb);
        format_set_num_format(*slot, fmt);
    }
    return *slot;
}

static void make_formats(writer *w)
{
    w->bold = workbook_add_format(w->wb);
    format_set_bold(w->bold);
    w->title = workbook_add_format(w->wb);
    format_set_bold(w->title);
    format_set_font_size(w->title, 13);
    w->wrap = workbook_add_format(w->wb);
    format_set_text_wrap(w->wrap);
    format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
    w->header = workbook_add_format(w->wb);
    format_set_bold(w->header);
    format_set_text_wrap(w->header);
    format_set_align(w->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(w->header, 0xEFEFEF);
    format_set_border(w->header, LXW_BORDER_THIN);
    w->bad = workbook_add_format(w->wb);
    format_set_bg_color(w->bad, 0xF4C7C3);
    format_set_font_color(w->bad, 0x9C0006);
    format_set_bold(w->bad);
    w->note = workbook_add_format(w->wb);
    format_set_italic(w->note);
    format_set_font_color(w->note, 0x555555);
    w->link = workbook_add_format(w->wb);
    format_set_underline(w->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(w->link, 0x1F5C99);
}

/* ---- table sheets ------------------------------------------------------ */

typedef struct {
    const table *t;
    size_t table;           /* its index in its own report */
    char name[32];          /* sheet name */
    size_t *cols;           /* recomputed columns, ascending */
    size_t ncols;
} table_sheet;

static size_t block_col(const table_sheet *ts, size_t ncols_table, size_t col)
{
    size_t k = 0;
    while (k < ts->ncols && ts->cols[k] != col) k++;
    /* A = source line, B.. = table columns, one blank column, then the blocks */
    return 1 + ncols_table + 1 + k * BLOCK_WIDTH;
}

static int has_block(const table_sheet *ts, size_t col)
{
    for (size_t k = 0; k < ts->ncols; k++)
        if (ts->cols[k] == col) return 1;
    return 0;
}

static void cell_ref(char *buf, size_t row, size_t col)
{
    lxw_rowcol_to_cell(buf, (lxw_row_t)row, (lxw_col_t)col);
}

/* "E5:E7,E9" for rows of table column `col` (sheet column scol). */
static void sum_args(char *buf, size_t size, const recomputation *rc, size_t scol)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < rc->nrows; i++) {
        size_t j = i;
        while (j + 1 < rc->nrows && rc->rows[j + 1] == rc->rows[j] + 1) j++;
        char a[16], b[16];
        cell_ref(a, FIRST_DATA_ROW + rc->rows[i], scol);
        cell_ref(b, FIRST_DATA_ROW + rc->rows[j], scol);
        if (n + 40 >= size) break;   /* callers size the buffer for every row */
        n += (size_t)snprintf(buf + n, size - n, "%s%s%s%s", n ? "," : "", a, j > i ? ":" : "", j > i ? b : "");
        i = j;
    }
}

/* "SUM" row list for humans: "5–7, 9" (source lines). */
static void sum_lines(char *buf, size_t size, const table *t, const recomputation *rc)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < rc->nrows && n + 32 < size; i++) {
        size_t j = i;
        while (j + 1 < rc->nrows && rc->rows[j + 1] == rc->rows[j] + 1) j++;
        int a = table_row_line(t, rc->rows[i]), b = table_row_line(t, rc->rows[j]);
        if (j > i) n += (size_t)snprintf(buf + n, size - n, "%s%d\xe2\x80\x93%d", n ? ", " : "", a, b);
        else n += (size_t)snprintf(buf + n, size - n, "%s%d", n ? ", " : "", a);
        i = j;
    }
}

/* The live formula of one recomputation, in the file's (en-US) syntax. */
static char *formula_of(const table_sheet *ts, const table *t, const recomputation *rc)
{
    size_t nc = table_column_count(t), row = FIRST_DATA_ROW + rc->row;
    if (rc->formula == RECOMPUTE_SUM) {
        size_t cap = rc->nrows * 24 + 64;
        char *args = xmalloc(cap), *out = xmalloc(cap + 32);
        sum_args(args, cap, rc, 1 + rc->col);
        snprintf(out, cap + 32, "=ROUND(SUM(%s),%d)", args, rc->scale);
        free(args);
        return out;
    }
    /* operands: the table's cells, or the recomputed sums of this row */
    size_t tcol = 1 + rc->target_col, rcol = 1 + rc->realisasi_col;
    if (rc->from_sums && has_block(ts, rc->target_col) && has_block(ts, rc->realisasi_col)) {
        tcol = block_col(ts, nc, rc->target_col);
        rcol = block_col(ts, nc, rc->realisasi_col);
    }
    char T[16], R[16];
    cell_ref(T, row, tcol);
    cell_ref(R, row, rcol);
    char *out = xmalloc(128);
    switch (rc->formula) {
    case RECOMPUTE_HIGHER: snprintf(out, 128, "=ROUND(%s/%s*100,%d)", R, T, rc->scale); break;
    case RECOMPUTE_2T_R: snprintf(out, 128, "=ROUND((2*%s-%s)/%s*100,%d)", T, R, T, rc->scale); break;
    case RECOMPUTE_T_R: snprintf(out, 128, "=ROUND(%s/%s*100,%d)", T, R, rc->scale); break;
    case RECOMPUTE_100_R: snprintf(out, 128, "=ROUND((100-%s)/(100-%s)*100,%d)", R, T, rc->scale); break;
    case RECOMPUTE_SUM: break;
    }
    return out;
}

static void formula_words(const writer *w, const table *t, const recomputation *rc, char *buf, size_t size)
{
    static const enum xkey names[] = { X_F_HIGHER, X_F_2TR, X_F_TR, X_F_100R };
    if (rc->formula == RECOMPUTE_SUM) {
        char lines[256];
        sum_lines(lines, sizeof lines, t, rc);
        snprintf(buf, size, XT(w, X_F_SUM), lines);
        return;
    }
    snprintf(buf, size, "%s%s", rc->from_sums ? XT(w, X_F_SUMS) : "", XT(w, names[rc->formula]));
}

/* The rule ids of the findings on a row, "capaian.arithmetic; ...". */
static char *row_findings(const audit *a, const table *t, size_t row)
{
    size_t cap = 64, n = 0;
    char *s = xmalloc(cap);
    s[0] = '\0';
    for (size_t i = 0; i < finding_count(a->findings); i++) {
        const finding *f = finding_at(a->findings, i);
        if (f->line != table_row_line(t, row) || !f->file || strcmp(f->file, table_file(t))
            || !f->table || f->table_line != table_first_line(t))
            continue;
        size_t need = n + strlen(f->rule) + 3;
        if (need > cap) {
            cap = need * 2;
            s = xrealloc(s, cap);
        }
        n += (size_t)snprintf(s + n, cap - n, "%s%s", n ? "; " : "", f->rule);
    }
    return s;
}

static void write_table_cell(writer *w, lxw_worksheet *ws, size_t srow, size_t scol, const cell *c)
{
    if (c->num.kind == NUMBER_VALUE) {
        lxw_format *fmt = number_format(w, c->num.value.scale, (c->num.flags & NUMBER_PERCENT) != 0);
        worksheet_write_number(ws, (lxw_row_t)srow, (lxw_col_t)scol, decimal_double(c->num.value), fmt);
    } else {
        put_text(w, ws, srow, scol, c->text, NULL);
    }
}

static void write_table_sheet(writer *w, const table_sheet *ts, const recompute_list *rl)
{
    const audit *a = w->a;
    const table *t = ts->t;
    size_t nc = table_column_count(t), nr = table_row_count(t);
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, ts->name);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);                   /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);

    put_text(w, ws, 0, 0, table_caption(t), w->title);
    char where[600];
    snprintf(where, sizeof where, "%s:%d", table_file(t), table_first_line(t));
    put_text(w, ws, 1, 0, where, NULL);
    put_text(w, ws, 2, 0, XT(w, X_NOTE), w->note);

    /* header: source line, the table's columns, then the blocks */
    put_text(w, ws, HEADER_ROW, 0, XT(w, X_SOURCE_LINE), w->header);
    for (size_t c = 0; c < nc; c++) {
        const char *h = table_column_header(t, c);
        put_text(w, ws, HEADER_ROW, 1 + c, h && *h ? h : " ", w->header);
    }
    static const enum xkey block_heads[BLOCK_WIDTH] = { X_RECOMPUTED, X_TOOL, X_SAME_Q, X_FORMULA };
    for (size_t k = 0; k < ts->ncols; k++) {
        const char *h = table_column_header(t, ts->cols[k]);
        size_t b = block_col(ts, nc, ts->cols[k]);
        for (int j = 0; j < BLOCK_WIDTH; j++) {
            char head[512];
            snprintf(head, sizeof head, "%s: %s", h && *h ? h : col_role_name(table_column_role(t, ts->cols[k])),
                     XT(w, block_heads[j]));
            put_text(w, ws, HEADER_ROW, b + (size_t)j, head, w->header);
        }
    }
    size_t findings_col = 1 + nc + 1 + ts->ncols * BLOCK_WIDTH;
    put_text(w, ws, HEADER_ROW, findings_col, XT(w, X_ROW_FINDINGS), w->header);

    for (size_t r = 0; r < nr; r++) {
        size_t srow = FIRST_DATA_ROW + r;
        worksheet_write_number(ws, (lxw_row_t)srow, 0, table_row_line(t, r), NULL);
        for (size_t c = 0; c < nc; c++) write_table_cell(w, ws, srow, 1 + c, table_cell(t, r, c));
        for (size_t k = 0; k < ts->ncols; k++) {
            const recomputation *rc = recompute_find(rl, t, ts->table, r, ts->cols[k]);
            if (!rc) continue;
            size_t b = block_col(ts, nc, ts->cols[k]);
            const cell *reported = table_cell(t, r, ts->cols[k]);
            int percent = (reported->num.flags & NUMBER_PERCENT) != 0;
            lxw_format *fmt = number_format(w, rc->scale, percent);
            /* the cached results are the tool's: a viewer that does not
             * recalculate (LibreOffice's default for .xlsx) shows them */
            double expected = decimal_double(rc->expected);
            char *f = formula_of(ts, t, rc);
            worksheet_write_formula_num(ws, (lxw_row_t)srow, (lxw_col_t)b, f, fmt, expected);
            free(f);
            worksheet_write_number(ws, (lxw_row_t)srow, (lxw_col_t)(b + 1), expected, fmt);
            char rep[16], rec[16], cmp[128];
            cell_ref(rep, srow, 1 + ts->cols[k]);
            cell_ref(rec, srow, b);
            snprintf(cmp, sizeof cmp, "=IF(%s=%s,\"%s\",\"%s\")", rep, rec, XT(w, X_SAME), XT(w, X_DIFFERS));
            int same = reported->num.kind == NUMBER_VALUE && decimal_cmp(reported->num.value, rc->expected) == 0;
            worksheet_write_formula_str(ws, (lxw_row_t)srow, (lxw_col_t)(b + 2), cmp, NULL, XT(w, same ? X_SAME : X_DIFFERS));
            char words[512];
            formula_words(w, t, rc, words, sizeof words);
            put_text(w, ws, srow, b + 3, words, NULL);
        }
        char *rules = row_findings(a, t, r);
        put_text(w, ws, srow, findings_col, rules, NULL);
        free(rules);
    }

    /* mismatches in red: the comparison cell and the reported cell */
    if (nr) {
        lxw_row_t last = (lxw_row_t)(FIRST_DATA_ROW + nr - 1);
        for (size_t k = 0; k < ts->ncols; k++) {
            size_t b = block_col(ts, nc, ts->cols[k]);
            char differs[64], test[64], same_ref[16];
            snprintf(differs, sizeof differs, "\"%s\"", XT(w, X_DIFFERS));
            lxw_conditional_format cf = { .type = LXW_CONDITIONAL_TYPE_CELL,
                                          .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                          .value_string = differs, .format = w->bad };
            worksheet_conditional_format_range(ws, FIRST_DATA_ROW, (lxw_col_t)(b + 2), last, (lxw_col_t)(b + 2), &cf);
            lxw_col_to_name(same_ref, (lxw_col_t)(b + 2), 1);
            snprintf(test, sizeof test, "=%s%d=\"%s\"", same_ref, FIRST_DATA_ROW + 1, XT(w, X_DIFFERS));
            lxw_conditional_format cf2 = { .type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = test, .format = w->bad };
            worksheet_conditional_format_range(ws, FIRST_DATA_ROW, (lxw_col_t)(1 + ts->cols[k]), last,
                                               (lxw_col_t)(1 + ts->cols[k]), &cf2);
        }
    }
    worksheet_set_column(ws, 0, 0, 8, NULL);
    for (size_t c = 0; c < nc; c++) {
        enum col_role role = table_column_role(t, c);
        double width = role == COL_INDIKATOR || role == COL_PROGRAM || role == COL_SASARAN ? 42 : 13;
        worksheet_set_column(ws, (lxw_col_t)(1 + c), (lxw_col_t)(1 + c), width, role == COL_INDIKATOR ? w->wrap : NULL);
    }
    for (size_t k = 0; k < ts->ncols; k++) {
        size_t b = block_col(ts, nc, ts->cols[k]);
        worksheet_set_column(ws, (lxw_col_t)b, (lxw_col_t)(b + 2), 13, NULL);
        worksheet_set_column(ws, (lxw_col_t)(b + 3), (lxw_col_t)(b + 3), 34, NULL);
    }
    worksheet_set_column(ws, (lxw_col_t)findings_col, (lxw_col_t)findings_col, 30, NULL);
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 1);
}

/* ---- the findings sheet ------------------------------------------------ */

static void write_findings_sheet(writer *w, lxw_worksheet *ws, const table_sheet *sheets, size_t nsheets)
{
    const audit *a = w->a;
    static const enum xkey heads[] = { X_NO, X_SEVERITY, X_RULE, X_FILE, X_LINE, X_TABLE, X_INDICATOR, X_REPORTED,
                                       X_EXPECTED, X_DIAGNOSIS, X_FIX, X_RESPONSE, X_STATUS, X_ID, X_WORKPAPER };
    static const double widths[] = { 5, 11, 24, 22, 7, 30, 36, 12, 12, 60, 40, 36, 14, 18, 14 };
    enum { NHEAD = sizeof heads / sizeof heads[0] };
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);

    const char *source = NULL;
    int year = report_year(a->rep, &source);
    const char *agency = report_agency(a->rep, &source);
    char title[700];
    snprintf(title, sizeof title, "%s%s%.500s", XT(w, X_TITLE), agency ? " — " : "", agency ? agency : "");
    if (year) snprintf(title + strlen(title), sizeof title - strlen(title), " — %d", year);
    put_text(w, ws, 0, 0, title, w->title);
    char line2[200];
    snprintf(line2, sizeof line2, "lakip-audit %.64s · %.32s", a->version, a->date);
    put_text(w, ws, 1, 0, line2, NULL);
    put_text(w, ws, 2, 0, XT(w, X_FINDINGS_NOTE), w->note);
    for (size_t k = 0; k < NHEAD; k++) {
        put_text(w, ws, HEADER_ROW, k, XT(w, heads[k]), w->header);
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k],
                             heads[k] == X_DIAGNOSIS || heads[k] == X_FIX || heads[k] == X_INDICATOR ? w->wrap : NULL);
    }
    size_t n = finding_count(a->findings);
    for (size_t i = 0; i < n; i++) {
        const finding *f = finding_at(a->findings, i);
        lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + i);
        worksheet_write_number(ws, row, 0, (double)(i + 1), NULL);
        put_text(w, ws, row, 1, severity_label(f->severity, a->lang), NULL);
        put_text(w, ws, row, 2, f->rule, NULL);
        put_text(w, ws, row, 3, f->file ? path_basename(f->file) : NULL, NULL);
        if (f->line) worksheet_write_number(ws, row, 4, f->line, NULL);
        put_text(w, ws, row, 5, f->table ? f->table : finding_get(f, "report_group"), NULL);
        put_text(w, ws, row, 6, f->indicator, w->wrap);
        put_text(w, ws, row, 7, finding_get(f, "reported"), NULL);
        put_text(w, ws, row, 8, finding_get(f, "expected"), NULL);
        char *msg = finding_message(f, a->cat, a->lang);
        put_text(w, ws, row, 9, msg, w->wrap);
        free(msg);
        char *fix = finding_fix(f, a->cat, a->lang);
        put_text(w, ws, row, 10, fix, w->wrap);
        free(fix);
        put_text(w, ws, row, 12, XT(w, f->accepted ? X_ACCEPTED : X_OPEN), NULL);
        put_text(w, ws, row, 13, f->fingerprint, NULL);
        /* a link to the row in its table sheet */
        size_t ti;
        const table *ft = finding_table(a, f, &ti);
        for (size_t s = 0; ft && s < nsheets; s++) {
            if (sheets[s].t != ft) continue;
            long r = table_row_at_line(ft, f->line);
            char target[96], ref[16];
            cell_ref(ref, r >= 0 ? FIRST_DATA_ROW + (size_t)r : HEADER_ROW, 1);
            snprintf(target, sizeof target, "internal:'%s'!%s", sheets[s].name, ref);
            char label[64];
            snprintf(label, sizeof label, "%s!%s", sheets[s].name, ref);
            worksheet_write_url_opt(ws, row, 14, target, w->link, label, NULL);
        }
    }
    if (n) {
        lxw_data_validation dv = { .validate = LXW_VALIDATION_TYPE_LIST };
        char *list = keep(w, xstrdup(XT(w, X_STATUS_LIST)));
        char *items[8] = { 0 };
        size_t k = 0;
        for (char *p = strtok(list, ","); p && k < 7; p = strtok(NULL, ",")) items[k++] = p;
        dv.value_list = items;
        worksheet_data_validation_range(ws, FIRST_DATA_ROW, 12, (lxw_row_t)(FIRST_DATA_ROW + n - 1), 12, &dv);
        worksheet_autofilter(ws, HEADER_ROW, 0, (lxw_row_t)(FIRST_DATA_ROW + n - 1), NHEAD - 1);
    }
    /* what the rules state for the report header (which lower-is-better
     * formula judged the rows, and where it came from), under the
     * findings after a blank row, outside the filtered range */
    for (size_t k = 0; k < finding_note_count(a->findings); k++) {
        lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + n + 1 + k);
        if (k == 0) put_text(w, ws, row, 1, output_notes_label(a->lang), w->header);
        put_text(w, ws, row, 2, finding_note_rule(a->findings, k), NULL);
        put_text(w, ws, row, 9, finding_note_text(a->findings, k, a->lang), w->wrap);
    }
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 0);
}

/* ---- the workbook ------------------------------------------------------ */

/* The checked tables: those with a recomputed cell, in report order (the
 * report's tables, then each long-form group's), with their recomputed
 * columns in column order. */
static table_sheet *checked_tables(const writer *w, const recompute_list *rl, size_t *count)
{
    const audit *a = w->a;
    size_t ntables = audit_table_count(a);
    table_sheet *sheets = xcalloc(ntables ? ntables : 1, sizeof *sheets);
    for (size_t k = 0; k < ntables; k++) sheets[k].t = audit_table(a, k, &sheets[k].table);
    for (size_t i = 0; i < recompute_count(rl); i++) {
        const recomputation *rc = recompute_at(rl, i);
        table_sheet *ts = NULL;
        for (size_t k = 0; k < ntables && !ts; k++)
            if (sheets[k].t == rc->t) ts = &sheets[k];
        if (!ts || has_block(ts, rc->col)) continue;   /* not a table of this audit (ctx.previous) */
        size_t c = ts->ncols;
        ts->cols = xrealloc(ts->cols, (c + 1) * sizeof *ts->cols);
        while (c > 0 && ts->cols[c - 1] > rc->col) {
            ts->cols[c] = ts->cols[c - 1];
            c--;
        }
        ts->cols[c] = rc->col;
        ts->ncols++;
    }
    size_t n = 0;
    for (size_t k = 0; k < ntables; k++) {
        if (!sheets[k].ncols) continue;
        sheets[n] = sheets[k];
        snprintf(sheets[n].name, sizeof sheets[n].name, XT(w, X_TABLE_SHEET), n + 1);
        n++;
    }
    *count = n;
    return sheets;
}

/* The run date at midnight UTC, for the document properties. */
static time_t run_time(const char *date)
{
    int y, m, d;
    if (!date || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3) return 0;
    /* days since 1970-01-01 of a proleptic Gregorian date (no time zone) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (time_t)((era * 146097 + doe - 719468) * 86400L);
}

static int copy_file(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in) return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    if (ferror(in)) rc = -1;
    fclose(in);
    return rc;
}

int output_xlsx(FILE *out, const audit *a)
{
    char why_not[600];
    if (xlsx_lib_load(why_not, sizeof why_not) < 0) {
        fprintf(stderr, "lakip-audit: cannot write a workbook: libxlsxwriter could not be loaded (%s)\n", why_not);
        return -1;
    }
    const char *dir = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/lakip-audit-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "lakip-audit: cannot create a temporary file in %s: %s\n", dir && *dir ? dir : "/tmp", strerror(errno));
        return -1;
    }
    close(fd);

    writer w = { .a = a };
    lxw_workbook_options opt = { .constant_memory = 0 };
    w.wb = workbook_new_opt(tmp, &opt);
    if (!w.wb) {
        unlink(tmp);
        return -1;
    }
    make_formats(&w);
    const char *src = NULL;
    const char *agency = report_agency(a->rep, &src);
    lxw_doc_properties props = {
        .title = keep(&w, cell_text(XT(&w, X_TITLE))),
        .company = agency ? keep(&w, cell_text(agency)) : NULL,
        .comments = keep(&w, cell_text("lakip-audit")),
        .created = run_time(a->date),
    };
    workbook_set_properties(w.wb, &props);

    const recompute_list *rl = a->recomputed;
    size_t nsheets = 0;
    table_sheet *sheets = checked_tables(&w, rl, &nsheets);
    lxw_worksheet *findings = workbook_add_worksheet(w.wb, XT(&w, X_FINDINGS_SHEET));
    write_findings_sheet(&w, findings, sheets, nsheets);
    for (size_t s = 0; s < nsheets; s++) write_table_sheet(&w, &sheets[s], rl);

    lxw_error err = workbook_close(w.wb);
    for (size_t s = 0; s < nsheets; s++) free(sheets[s].cols);
    free(sheets);
    for (size_t i = 0; i < w.nowned; i++) free(w.owned[i]);
    free(w.owned);
    int rc = 0;
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "lakip-audit: writing the workbook: %s\n", lxw_strerror(err));
        rc = -1;
    } else if (copy_file(tmp, out) < 0) {
        rc = -1;
    }
    unlink(tmp);
    return rc < 0 || ferror(out) ? -1 : 0;
}
