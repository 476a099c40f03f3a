/*
 * cell_lines.h — tables that a PDF conversion wrote one cell per line.
 *
 * Some converters put every cell of a table on its own line: the header
 * texts, then the column-number row ("1", "2", … "K", each alone), then the
 * cells row by row. The column-number row gives the width: K header lines
 * followed by exactly "1" … "K" (or "(1)" … "(K)") make a table of K
 * columns, and the lines after it are taken K at a time. A row whose value
 * cells do not read as values (a number, a placeholder, a bound, range,
 * ratio, rate or grade) ends the table there — the rest is text again —
 * so a cell wrapped over two lines never shifts the columns of the rows
 * after it into wrong numbers.
 *
 * Uses columns.h, table_build.h (records) and model/value.h. No Lua.
 */
#ifndef LAKIP_CELL_LINES_H
#define LAKIP_CELL_LINES_H

#include <stddef.h>
#include "input/table_build.h"

/* Tries to read such a table starting at lines[i]. On success appends its
 * records (header, column numbers, rows; each with the line of its first
 * cell) to out and returns how many lines it used; returns 0 otherwise. */
size_t cell_lines_table(char *const *lines, size_t i, size_t nlines, record_list *out);

#endif
