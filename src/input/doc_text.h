/*
 * doc_text.h — a word-processor document (.docx, .odt) written as the text
 * form doc_load.c reads (headings as "#", paragraphs separated by blank
 * lines, table rows as TAB-separated lines), so that a report gives the
 * same tables and paragraphs — and so the same findings — whether it comes
 * as .md, .docx or .odt.
 *
 * The loaders call it as they stream the document's XML: paragraphs
 * receive runs of text (bold or not) and line breaks; tables receive rows
 * and cells with their spans. A cell spanning n grid columns is its text
 * and n-1 empty cells, a cell continuing a vertical merge is empty — what
 * a CSV export of the same table holds, which table_build already reads.
 * Each paragraph and table row gets a line of the text, and its place
 * (paragraph k, table t row r) is recorded as a span of the report.
 */
#ifndef LAKIP_DOC_TEXT_H
#define LAKIP_DOC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

typedef struct doc_text doc_text;

doc_text *doc_text_new(void);
void doc_text_free(doc_text *d);

/* Paragraphs (outside or inside table cells). level: 1-9 for headings, 0 otherwise. */
void doc_text_para_begin(doc_text *d, int level);
void doc_text_run(doc_text *d, const char *s, size_t n, bool bold);
void doc_text_break(doc_text *d);      /* a line break inside the paragraph */
void doc_text_para_end(doc_text *d);

/* Tables. Nested tables are flattened into the cell that holds them. */
void doc_text_table_begin(doc_text *d);
void doc_text_row_begin(doc_text *d);
void doc_text_cell_begin(doc_text *d, int span, bool merged_continue);
void doc_text_cell_end(doc_text *d);
void doc_text_row_end(doc_text *d);
void doc_text_table_end(doc_text *d);

/* Bytes of text so far (for the loaders' size limit). */
size_t doc_text_size(const doc_text *d);

/* Loads the text into r through doc_load_text, with the places. */
int doc_text_load(doc_text *d, report *r, const char *path, load_error *err);

#endif
