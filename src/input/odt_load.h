/*
 * odt_load.h — OpenDocument text documents (.odt).
 *
 * Reads content.xml (and the bold text styles of styles.xml): headings
 * (text:h and its outline level), paragraphs with bold spans, line breaks,
 * tabs and spaces, tables (spanned cells followed by covered cells, which
 * read as empty as in a CSV export); notes and annotations are skipped.
 * Like .docx it is handed to doc_load as text through doc_text.h, with
 * paragraph and table-row places.
 */
#ifndef LAKIP_ODT_LOAD_H
#define LAKIP_ODT_LOAD_H

#include "model/report.h"

int odt_load(report *r, const char *path, load_error *err);

#endif
