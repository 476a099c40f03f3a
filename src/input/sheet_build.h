/*
 * sheet_build.h — a workbook sheet as the loaders read it (a grid of cells
 * with what the file says about each) turned into tables of the report.
 *
 * Shared by the .xlsx, .ods and .xls loaders, so a sheet becomes the same
 * tables whatever the file format: rows separated by blank rows form
 * blocks, a block without a header row (a title above a blank row) joins
 * the block below it, and each block goes through table_build exactly
 * like a CSV export of the sheet would (title and metadata rows, one- or
 * two-row headers, merged cells left blank below their first row). Each
 * table column knows its sheet column, and each cell keeps its formula
 * (and its R1C1 form), value type, number format and stored value as
 * table notes (table.h), hidden rows and columns too. A hidden sheet is
 * not audited; when it holds data a "hidden-sheet" note says so.
 *
 * Lines: sheet row r of a sheet whose rows start at first_line is line
 * first_line + r - 1; the sheet's place span maps them back.
 */
#ifndef LAKIP_SHEET_BUILD_H
#define LAKIP_SHEET_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

/* Rows read from one sheet at most; more is refused with an error. Real
 * reports have hundreds; the limit keeps memory bounded. */
#define SHEET_MAX_ROWS 100000
/* Non-empty cells read from one workbook at most. */
#define WORKBOOK_MAX_CELLS 5000000
/* A block of rows is read as a dense table (rows x columns from its first
 * to its last used column). One that is larger than SHEET_DENSE_FREE cells
 * and more than SHEET_MAX_SPARSE times larger than its filled cells is
 * refused: a stray cell far to the right (column XFD) beside a few
 * thousand rows would otherwise turn a file of kilobytes into gigabytes. */
#define SHEET_DENSE_FREE 65536
#define SHEET_MAX_SPARSE 64

typedef struct {
    int row, col;           /* 1-based */
    char *text;             /* displayed text (owned) */
    char *formula;          /* "=E7/D7*100" or NULL (owned) */
    const char *type;       /* "number", "string", "boolean", "error", "date" (static) */
    char *format;           /* number format code or NULL (owned) */
    char *value;            /* stored value as written, or NULL (owned) */
} grid_cell;

typedef struct {
    char *name;
    bool hidden;            /* hidden or very hidden sheet */
    grid_cell *cells;
    size_t ncells, cap;
    int *hidden_rows;       /* sorted */
    size_t nhidden_rows, hidden_rows_cap;
    int *hidden_cols;       /* sorted ranges flattened: every hidden column */
    size_t nhidden_cols, hidden_cols_cap;
    int max_row;
    bool too_long;          /* a cell over INPUT_MAX_CELL, or a block too sparse to read: cell_error says where */
    load_error cell_error;
} sheet_grid;

void sheet_grid_init(sheet_grid *g, const char *name, bool hidden);
void sheet_grid_free(sheet_grid *g);
/* Adds a cell (strings copied; formula/format/value may be NULL). Empty
 * text with no formula is dropped. */
void sheet_grid_add(sheet_grid *g, int row, int col, const char *text, const char *formula,
                    const char *type, const char *format, const char *value);
void sheet_grid_hide_row(sheet_grid *g, int row);
void sheet_grid_hide_cols(sheet_grid *g, int first, int last);

/* Builds the sheet's tables into r. Returns the number of lines the sheet
 * used (its last row), so the next sheet starts after it. A cell longer
 * than INPUT_MAX_CELL, or a block too sparse to read (SHEET_MAX_SPARSE),
 * sets g->too_long and g->cell_error: the loader then fails with that
 * error. */
int sheet_build(report *r, const char *path, sheet_grid *g, int first_line);

#endif
