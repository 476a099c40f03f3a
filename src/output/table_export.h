/*
 * table_export.h — the tables read, cell by cell, as CSV or Markdown
 * (`lakip-audit tables --format csv|md`), so that a user can check how a
 * report (a PDF above all) was read and fix a table by hand.
 *
 * Each table is written as its caption, its key/value rows, its header
 * and its rows, with a last column giving where each row is in the input
 * (`hlm. 15, tabel 5, baris 3` for a PDF, `baris 512` for a text file).
 * A cell merged with the one above (blank in the source) is written with
 * the value it was read as.
 */
#ifndef LAKIP_TABLE_EXPORT_H
#define LAKIP_TABLE_EXPORT_H

#include <stdio.h>
#include "model/catalog.h"
#include "model/report.h"

/* CSV: `;`-separated (decimal commas stay unquoted), fields quoted when
 * they hold `;`, `"` or a line break; tables separated by an empty line.
 * Each table's block is one spreadsheet export as csv_load reads it.
 * Returns 0, or -1 on a write error. */
int tables_write_csv(FILE *out, const report *r, enum lang lang);

/* Markdown: a "##" heading per table (caption, file and place), its
 * key/value rows as a list, then a pipe table. Returns 0, or -1. */
int tables_write_md(FILE *out, const report *r, enum lang lang);

#endif
