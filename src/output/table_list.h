/*
 * table_list.h — the `lakip-audit tables` listing: what was read from the
 * inputs (files and encodings, each table's caption, header, number style,
 * rows, years and column roles, and what could not be read).
 */
#ifndef LAKIP_TABLE_LIST_H
#define LAKIP_TABLE_LIST_H

#include <stdio.h>
#include "model/catalog.h"
#include "model/report.h"

/* Plain text in lang. Returns 0, or -1 on a write error. */
int tables_write_text(FILE *out, const report *r, enum lang lang);

#endif
