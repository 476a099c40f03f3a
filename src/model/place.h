/*
 * place.h — where something is in an input that has no meaningful line
 * numbers: a workbook cell (`PK 2019!F12`), a document's paragraph or
 * table row (`tabel 3, baris 4`), a PDF page (`hlm. 5`).
 *
 * Every loader still numbers what it reads with lines (1, 2, 3, ... in
 * reading order), because rules order and compare things by line. A
 * loader of a non-text format also records, per file, spans of lines and
 * the place of each span's first line (report_add_place_span in report.h);
 * the place of any later line of the span follows by counting. A
 * finding then carries the place of its line (and of its table), and every
 * writer shows the place instead of the line.
 *
 * A place is data, rendered per language by place_format: the same
 * finding reads `tabel 3, baris 4` in Bahasa Indonesia and `table 3, row 4`
 * in English; sheet references are the spreadsheet's own A1 notation in
 * both.
 */
#ifndef LAKIP_PLACE_H
#define LAKIP_PLACE_H

#include <stddef.h>
#include "model/catalog.h"

enum place_kind {
    PLACE_NONE,         /* a text file: the line says it all */
    PLACE_SHEET,        /* a workbook: sheet, row, column (A1 notation) */
    PLACE_DOCUMENT,     /* a word-processor document: paragraph, or table/row/column */
    PLACE_PAGE          /* a paginated document (PDF): page, then table/row/column if known */
};

typedef struct {
    enum place_kind kind;
    const char *sheet;  /* PLACE_SHEET: the sheet's name; not owned */
    int page;           /* 1-based page; 0 unknown */
    int table;          /* 1-based table number in the document; 0 none */
    int paragraph;      /* 1-based paragraph number outside tables; 0 none */
    int row;            /* sheet row, or row in the document table; 0 none */
    int col;            /* sheet column (A = 1), or column in the table; 0 none (a whole row) */
} place;

/* Renders p in lang into buf (always terminated); "" for PLACE_NONE.
 *   sheet:    PK 2019!F12, PK 2019!12:12 (a whole row), PK 2019
 *   document: paragraf 12 / paragraph 12; tabel 3, baris 4, kolom 5 / table 3, row 4, column 5
 *   page:     hlm. 5, ... / p. 5, ...
 * Returns buf. */
char *place_format(const place *p, enum lang lang, char *buf, size_t size);

/* Spreadsheet column letters for a 1-based column (1 -> "A", 28 -> "AB");
 * "" for col < 1. buf needs 8 bytes. */
char *place_column_letters(int col, char buf[8]);

/* The place of the line `offset` lines after the first line of a span
 * whose first line is at `start`: rows and paragraphs count on. */
place place_advance(const place *start, int offset);

#endif
