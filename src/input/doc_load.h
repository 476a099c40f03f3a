/*
 * doc_load.h — converted report documents (.md, .markdown).
 *
 * A LAKIP converted from PDF to text: headings, paragraphs, formula lines
 * and tables whose rows are lines with TAB-separated cells. Paragraphs
 * (with their heading and first line) go to report_add_paragraph; each
 * table block goes through the same row rules as a spreadsheet export
 * (table_build), with the page breaks of the PDF undone: a block that
 * repeats the previous table's header, or has no header and fits its
 * width, with only blank lines between, continues that table. The title
 * page's year and agency are noted for report_infer_metadata.
 *
 * Uses table_build.h, utf8.h, report.h. Never touches Lua.
 */
#ifndef LAKIP_DOC_LOAD_H
#define LAKIP_DOC_LOAD_H

#include "model/report.h"

/* Loads path into r. Returns 0, or -1 with *err filled (unreadable file,
 * invalid UTF-8). A table block without a recognisable header is kept
 * with columns of role COL_NONE, not refused. */
int doc_load(report *r, const char *path, load_error *err);

/* The same for a document already in memory as that text (valid UTF-8,
 * NUL-terminated, modified in place): the .docx and .odt loaders write
 * their documents in this form (doc_text.h). */
int doc_load_text(report *r, const char *path, char *text, load_error *err);

/* The same on lines already in memory (valid UTF-8, no line ends; they
 * are not modified), numbered from 1: the PDF loader writes the text it
 * reads in this form and hands it over. Returns 0, or -1 with *err filled
 * (a cell over the size limit). */
int doc_parse(report *r, const char *path, char **lines, size_t nlines, load_error *err);

#endif
