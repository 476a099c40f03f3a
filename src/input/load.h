/*
 * load.h — loading inputs by path into a report: a file by its extension
 * (*.csv / *.tsv / *.txt exports to csv_load.c, *.md report documents to
 * doc_load.c, *.pdf published reports to pdf_load.c), a folder by every such file in it (sorted by name).
 * A settings file (a folder's lakip-audit.conf, or a PATH so named) is
 * listed as an input of the report, first, but read by settings.c.
 */
#ifndef LAKIP_LOAD_H
#define LAKIP_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

typedef struct csv_stream csv_stream;      /* input/csv_stream.h */

/* Loads a file or a folder. Returns 0, or -1 with *err filled. */
int load_path(report *r, const char *path, load_error *err);
/* A spreadsheet export that can be read as it streams (csv_stream.h), with
 * the number style r's settings give now: 1 and *out, the file noted as
 * load_path notes it (an input; UTF-8 in the coverage) but no table read;
 * 0 when path is anything else (load_path it). threads: for its survey. */
int load_stream(report *r, const char *path, int threads, csv_stream **out);
/* A file load_stream took, loaded whole after all (the stream could not
 * be audited as it comes: pipeline.h), with the style choice of then. */
int load_stream_whole(report *r, const char *path, enum style_choice choice, load_error *err);
void load_stream_close(csv_stream *s);
/* True when dir is a folder of reports: sub-folders and no data file of
 * its own (a lakip-audit.conf alone does not count). */
bool load_is_portfolio(const char *dir);
/* The reports of a portfolio folder: every sub-folder and every data file
 * directly in it, as paths, sorted by name (free each and the array).
 * Returns 0, or -1 with *err filled. */
int load_list_reports(const char *dir, char ***out, size_t *count, load_error *err);

#endif
