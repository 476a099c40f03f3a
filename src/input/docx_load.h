/*
 * docx_load.h — Word documents in Office Open XML (.docx, .docm).
 *
 * Reads the main document part (found through the package relationships):
 * headings (Heading styles, outline levels), paragraphs with their bold
 * runs and line breaks, tables with gridSpan and vMerge; footnotes,
 * comments, headers and footers live in other parts and are not read;
 * deleted text and field codes are skipped. The document is handed to
 * doc_load as text through doc_text.h, so it is read by the same rules as
 * a converted report, and every paragraph and table row keeps its place.
 */
#ifndef LAKIP_DOCX_LOAD_H
#define LAKIP_DOCX_LOAD_H

#include "model/report.h"

int docx_load(report *r, const char *path, load_error *err);

#endif
