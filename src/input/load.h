/*
 * load.h — loading inputs by path into a report: a file by its extension
 * (*.csv / *.tsv / *.txt exports to csv_load.c, *.md report documents to
 * doc_load.c, *.pdf published reports to pdf_load.c), a folder by every such file in it (sorted by name) plus
 * its settings file lakip-audit.conf.
 */
#ifndef LAKIP_LOAD_H
#define LAKIP_LOAD_H

#include "model/report.h"

/* Loads a file or a folder. Returns 0, or -1 with *err filled. */
int load_path(report *r, const char *path, load_error *err);
/* Reads a settings file (lakip-audit.conf format) given by --config. */
int load_settings_file(report *r, const char *path, load_error *err);

#endif
