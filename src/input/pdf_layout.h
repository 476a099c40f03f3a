/*
 * pdf_layout.h — one PDF page as text lines and tables, top to bottom.
 *
 * Ruled tables come from the ruling lines: lines that touch form a grid;
 * a word belongs to the cell it sits in, a cell without the line on its
 * left or top is merged with its neighbour (its text goes to the first
 * row / column of the merged cell, the others stay empty, which the table
 * builder reads as "same as above"), text wrapped inside a cell is joined.
 * Text outside grids is grouped into lines; runs of lines cut into the
 * same columns by wide gaps, with the lines wrapped inside one column, are
 * tables without rules: rows from the line pitch (cells with padding) or
 * from the lines with numbers (cells without padding, centred or at the
 * top); a table whose rows cannot be told apart is marked unread.
 *
 * Works on pdf_page data only (no MuPDF): tested on pages built by hand.
 */
#ifndef LAKIP_PDF_LAYOUT_H
#define LAKIP_PDF_LAYOUT_H

#include "input/pdf_page.h"

/* A line of text outside tables. */
typedef struct {
    pdf_box box;
    float baseline;
    float size;         /* largest font size on the line */
    bool bold;          /* every word bold */
    char *text;         /* words joined by one space */
} pdf_line;

typedef struct {
    pdf_box box;        /* the row's extent on the page */
    char **cells;       /* ncols texts, "" when empty; a cell wholly in bold is wrapped in <b></b> */
} pdf_row;

typedef struct {
    pdf_box box;
    bool ruled;         /* from ruling lines (else from text alignment) */
    const char *unread; /* NULL, or why this table without rules is not read (its rows
                           cannot be told apart): its text is left out and noted */
    const char *unread_id;  /* the same in Indonesian */
    float *col_left, *col_right;    /* without rules: each column's extent on the page (else NULL) */
    size_t ncols;
    pdf_row *rows;
    size_t nrows, rows_cap;
} pdf_table;

typedef struct {
    bool is_table;
    size_t order;       /* breaks ties between items of equal top */
    float top;          /* y of the item's top: items are sorted by it */
    pdf_line line;      /* when !is_table */
    pdf_table table;    /* when is_table */
} pdf_item;

typedef struct {
    pdf_item *items;
    size_t count, cap;
    float body_size;    /* most common font size of the page's words (0 if none) */
    float width, height;    /* of the page */
} pdf_layout;

/* Lays out the page. */
void pdf_layout_page(const pdf_page *page, pdf_layout *out);
void pdf_layout_free(pdf_layout *l);

/* Joins the text of a line wrapped inside a cell or paragraph to what came
 * before: a space between, except after a hyphenated word part ("Pemba-" +
 * "ngunan": the hyphen is dropped, but "anak-" + "anak" keeps it) and
 * before a lone "%" or closing punctuation. Appends to *buf (a malloc'd
 * string or NULL). */
void pdf_join_wrapped(char **buf, const char *next);

#endif
