/*
 * table.h — one table of a report, as read from a spreadsheet export or
 * from a table block of the converted report document.
 *
 * A table has: where it came from (file, lines), its caption (the heading
 * or title row that names it), title rows and key/value metadata rows found
 * above the header ("REALISASI PERJANJIAN KINERJA (PK)", "Tahun Anggaran" ->
 * "2018"), columns with a role recognised from the header text, an optional
 * column-number row ("(1) (2) (4)"), and rows whose cells were parsed once
 * into numbers at load time.
 *
 * Tables are built by the loaders (csv_load.c, doc_load.c) through the
 * builder functions at the end and are read-only afterwards.
 */
#ifndef LAKIP_TABLE_H
#define LAKIP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "model/number.h"

enum col_role {
    COL_NONE,               /* unrecognised header */
    COL_NO,                 /* No, Nomor */
    COL_SASARAN,            /* Sasaran, Sasaran Strategis, Indikator Sasaran Renstra */
    COL_PROGRAM,            /* Program, Program dan Kegiatan, Kegiatan */
    COL_INDIKATOR,          /* Indikator, Indikator Kinerja, Indicator */
    COL_SATUAN,             /* Satuan, Unit */
    COL_TARGET,             /* Target, Rencana, Target 2019 */
    COL_REALISASI,          /* Realisasi, Realization, Realisasi 2019 */
    COL_CAPAIAN,            /* Capaian, %, % Capaian, Tingkat Capaian, % tingkat capaian */
    COL_ARAH,               /* Arah, Polaritas, Sifat, Direction */
    COL_PAGU,               /* Pagu, Anggaran, Rencana Anggaran */
    COL_REALISASI_ANGGARAN, /* Realisasi Anggaran */
    COL_CAPAIAN_ANGGARAN,   /* % Capaian Anggaran, % Serapan, % Realisasi Anggaran */
    COL_KATEGORI,           /* Kategori, Predikat */
    COL_KETERANGAN,         /* Keterangan, Ket */
    COL_TAHUN,              /* a year column of a multi-year (Renstra) table: see table_column_year */
    COL_KONDISI_AWAL,       /* Kondisi Kinerja pada awal periode */
    COL_KONDISI_AKHIR,      /* Kondisi Kinerja pada akhir periode */
    COL_TARGET_AKHIR,       /* Target Akhir RPJMD / Renstra / Periode: the end-of-plan target */
    COL_CAPAIAN_AKHIR,      /* Capaian s.d. 2016 thd Target Akhir RPJMD: capaian against it */
    COL_PAGU_AWAL,          /* Pagu Awal, Anggaran Murni, APBD Murni: before the revision (COL_PAGU is the latest) */
    COL_PERIODE,            /* a month or quarter column (TW I, Triwulan II, Januari, s.d. TW III): see table_column_period */
    COL_JUMLAH,             /* Jumlah / Total as a column header: the sum of the period columns */
    COL_ROLE_COUNT
};

/* Stable lower-case names used by rules and JSON: "no", "sasaran", "program",
 * "indikator", "satuan", "target", "realisasi", "capaian", "arah", "pagu",
 * "realisasi_anggaran", "capaian_anggaran", "kategori", "keterangan",
 * "tahun", "kondisi_awal", "kondisi_akhir", "target_akhir",
 * "capaian_akhir", "pagu_awal", "periode", "jumlah", "" for COL_NONE. */
const char *col_role_name(enum col_role role);
/* COL_NONE when the name is unknown. */
enum col_role col_role_from_name(const char *name);
/* True for the roles whose cells hold the numbers the rules judge (target,
 * realisasi, capaian, pagu, realisasi_anggaran, capaian_anggaran, tahun,
 * kondisi_awal, kondisi_akhir): coverage counts their cells. */
bool col_role_is_numeric(enum col_role role);

enum row_kind {
    ROW_DATA,       /* an indicator / budget row */
    ROW_GROUP,      /* a section row: "URUSAN SOSIAL", "Program ..." with no numbers */
    ROW_TOTAL       /* "Jumlah", "Total", "Jumlah Total" */
};
const char *row_kind_name(enum row_kind kind);   /* "data", "group", "total" */

/* A parsed number as a table keeps it: number.h's result without its
 * fixed-size buffers (a million-row sheet holds millions of these). */
typedef struct {
    decimal value;          /* valid when kind == NUMBER_VALUE */
    const char *unit;       /* lower-cased unit after the number; "" when none */
    const char *note;       /* what was odd (see number.h); "" when nothing */
    unsigned char kind;     /* enum number_kind */
    unsigned char flags;    /* NUMBER_PERCENT, NUMBER_AMBIGUOUS, ... */
} cell_number;

typedef struct {
    const char *text;   /* as written, markup (<b>) stripped, blanks trimmed; "" if empty */
    cell_number num;    /* parsed once at load with the file's number style */
    bool filled;        /* blank in the source, copied from the row above (merged cell) */
} cell;

typedef struct table table;

const char *table_file(const table *t);          /* path as given on the command line */
int table_first_line(const table *t);            /* first source line of the table (title rows included) */
int table_header_line(const table *t);
const char *table_caption(const table *t);       /* human label; never NULL */
int table_caption_line(const table *t);          /* 0 if the caption is not from the source */
enum number_style table_number_style(const table *t);   /* the file's style: the fallback of every column */

/* Why a column has its number style (docs/FORMAT.md, "Number style per
 * column"). */
enum style_basis {
    STYLE_BASIS_COLUMN,     /* its own cells: some can be read only in that style */
    STYLE_BASIS_TABLE,      /* no evidence of its own; the table's other columns agree with the file */
    STYLE_BASIS_FILE,       /* no evidence in the column, none or mixed in the table: the file's style, unsettled */
    STYLE_BASIS_FORCED      /* --number-style / number_style in the settings */
};
const char *style_basis_name(enum style_basis basis);   /* "column", "table", "file", "forced" */
/* The style the cells of a column were read with, and why. */
enum number_style table_column_number_style(const table *t, size_t col);
enum style_basis table_column_style_basis(const table *t, size_t col);

size_t table_title_count(const table *t);        /* free-text title rows above the header */
const char *table_title(const table *t, size_t i, int *line);

size_t table_meta_count(const table *t);         /* key/value rows above the header */
const char *table_meta_key(const table *t, size_t i);
const char *table_meta_value(const table *t, size_t i, int *line);

size_t table_column_count(const table *t);
enum col_role table_column_role(const table *t, size_t col);
const char *table_column_header(const table *t, size_t col);   /* header text as written (both header rows joined by a space) */
int table_column_year(const table *t, size_t col);             /* year in the header ("Target 2019", Renstra "2019"); 0 if none */
int table_find_role(const table *t, enum col_role role);       /* first column with that role, -1 if none */
/* The period of a COL_PERIODE column: month 1-12, quarter TABLE_QUARTER + 1..4,
 * plus TABLE_CUMULATIVE for "s.d." (up to and including); 0 if none. */
#define TABLE_QUARTER 100
#define TABLE_CUMULATIVE 1000
int table_column_period(const table *t, size_t col);
/* The unit written in the header: "rp" ("(Rp)", "Rp."), "%" ("(%)"), "" if none. */
const char *table_column_unit(const table *t, size_t col);

/* The column of the source a table column came from (a workbook's A = 1,
 * a document table's first column = 1), for cell places (place.h); 0 when
 * the loader did not say (text files). */
int table_column_source(const table *t, size_t col);

/* The column-number row right under the header, if any: "(1)", "(2)", ... */
bool table_has_colnum_row(const table *t);
int table_colnum_line(const table *t);
const char *table_colnum_text(const table *t, size_t col);     /* "" for an empty cell */

size_t table_row_count(const table *t);
enum row_kind table_row_kind(const table *t, size_t row);
int table_row_line(const table *t, size_t row);
const cell *table_cell(const table *t, size_t row, size_t col);
/* The row's table_column_count cells, in column order (row < table_row_count). */
const cell *table_row_cells(const table *t, size_t row);
/* The label of the nearest ROW_GROUP above the row, or NULL. */
const char *table_row_group(const table *t, size_t row);
/* The index of row's group row, and of the last group row added (-1:
 * none), as table_add_row links them. */
long table_row_group_row(const table *t, size_t row);
long table_last_group_row(const table *t);

/* What a workbook knows about a cell beyond its displayed text, as
 * key/value notes: "formula" ("=E7/D7*100" as the cell holds it, shared
 * formulas expanded), "r1c1" (the same formula in relative R1C1 notation,
 * equal for the cells of a consistent column), "type" ("number", "string",
 * "boolean", "error", "date"), "format" (the number format code), "value"
 * (the stored value before formatting). col -1 holds notes about the whole
 * row ("hidden" = "row"). Text inputs have none. */
const char *table_cell_note(const table *t, size_t row, int col, const char *key);   /* NULL when absent */
/* Notes of one cell: *first is set to the index of the first; returns how many. */
size_t table_cell_notes(const table *t, size_t row, int col, size_t *first);
void table_note_at(const table *t, size_t i, const char **key, const char **value);
bool table_has_notes(const table *t);

/* ---- builder: used by the loaders only ---- */
table *table_new(const char *file, int first_line, enum number_style style);
void table_set_first_line(table *t, int line);
void table_free(table *t);
void table_set_caption(table *t, const char *caption, int line);
void table_add_title(table *t, const char *text, int line);
void table_add_meta(table *t, const char *key, const char *value, int line);
void table_set_header(table *t, int line, size_t ncols, const char *const *headers, const enum col_role *roles, const int *years);
/* Periods and header units (ncols each; units NULL entries = ""), after the header. */
void table_set_column_details(table *t, const int *periods, const char *const *units);
void table_set_column_source(table *t, size_t col, int source_col);   /* after table_set_header */
void table_set_colnum_row(table *t, int line, const char *const *texts);   /* ncols texts */
/* Per-column number styles (ncols each), set after the header and before
 * any row; without it every column reads in the table's style. */
void table_set_column_styles(table *t, const enum number_style *styles, const enum style_basis *bases);
/* Adds a row of ncols texts (already stripped of markup); parses numbers.
 * Returns the row index. */
size_t table_add_row(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled);
/* The same for texts that lie one after the other, each right after the
 * previous one's NUL (texts[c + 1] == texts[c] + strlen(texts[c]) + 1 for
 * every c < ncols - 1), as a streamed line's fields split in place do
 * (csv_plain.h): copied in one piece, measured by where the next begins,
 * so a long-form file's rows are not measured and copied cell by cell.
 * Gives the row table_add_row gives. */
size_t table_add_row_packed(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled);
/* table_add_row_packed, and votes[c] for each of the ncols cells: the
 * number style vote of its text (number_style_evidence) where reading it
 * as a number found it (number_parse_plain_vote), else
 * NUMBER_VOTE_UNKNOWN (a column of words, or a cell read the long way).
 * A streamed file's reader counts its rows' votes from these. */
size_t table_add_row_packed_votes(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled,
                                  signed char *votes);
/* Adds a note (see table_cell_note); notes must be added in row order,
 * then column order (col -1 first). */
void table_add_cell_note(table *t, size_t row, int col, const char *key, const char *value);
/* A table of some of src's rows (indices in ascending order), for one
 * report of a long-form file: header, titles, metadata and column-number
 * row copied, rows sharing src's cells (not copied), so src must outlive
 * it. With a caption, its first line is that of its first row; with
 * caption NULL, caption and first line are src's. */
table *table_subset(const table *src, const size_t *rows, size_t n, const char *caption);
/* For a subset: the table it was taken from, and *row set to the row there;
 * for any other table: t itself, *row unchanged. */
const table *table_origin(const table *t, size_t *r);
/* Moves rows [from, n) of t into a new table with t's header, titles,
 * metadata, column-number row, column styles and caption (cells copied,
 * group rows before `from` forgotten); t keeps rows [0, from). A streamed
 * file (input/csv_stream.c) hands a finished report's rows over this way
 * and goes on filling the new table. */
table *table_split_tail(table *t, size_t from);
/* Appends text to a cell of the last row (a wrapped line of the PDF). */
void table_append_to_cell(table *t, size_t row, size_t col, const char *text);

#endif
