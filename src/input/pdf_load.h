/*
 * pdf_load.h — published reports as PDF (*.pdf).
 *
 * Reads each page (pdf_read.c, MuPDF), lays it out into lines and tables
 * (pdf_layout.c), removes the running headers and footers and the page
 * numbers, re-flows paragraphs across lines and pages (hyphenated words
 * joined), and writes the result as the text of a converted report (one
 * line per paragraph, "**...**" for bold headings, TAB-separated table
 * rows, a blank line between blocks), which doc_parse reads as it reads a
 * .md: the same headings, paragraphs, tables, tables continued over page
 * breaks and title page.
 *
 * A page with images and no text (a scan) is not read and said so; a PDF
 * without text on any page is an error.
 */
#ifndef LAKIP_PDF_LOAD_H
#define LAKIP_PDF_LOAD_H

#include "input/pdf_layout.h"
#include "model/place.h"
#include "model/report.h"

/* Loads path into r. Returns 0, or -1 with *err filled. */
int pdf_load(report *r, const char *path, load_error *err);

/* The text of a laid-out document, one string per line, each with its
 * place in the PDF: the page, and the paragraph on that page or the table
 * (numbered through the document; a table continued at the top of the
 * next page keeps its number) and row (counted from the table's first
 * row). Blank lines between blocks have kind PLACE_NONE. */
typedef struct {
    int page;
    bool block;                     /* a table on the page (else the whole page) */
    char why[256], why_id[256];     /* "page 3: scanned page, no text" / "halaman 3: halaman pindaian, tanpa teks" */
} pdf_unread_page;

typedef struct {
    char **lines;
    place *places;
    size_t count, cap;
    pdf_unread_page *unread;        /* pages with no text read (see pdf_to_text), tables without
                                       rules not read (pdf_text_build) */
    size_t nunread, unread_cap;
} pdf_text;

/* Writes the text of pages[0..n) (laid out, in order; numbers[i] is the
 * page number of layouts[i]). */
void pdf_text_build(const pdf_layout *layouts, const int *numbers, size_t n, pdf_text *out);
void pdf_text_free(pdf_text *t);

/* Reads path and writes its text, with the pages not read: a scan (images,
 * no text), text drawn as shapes, a damaged page. Returns 0, or -1 with
 * *err filled (also when no page has text). */
int pdf_to_text(const char *path, pdf_text *out, load_error *err);

#endif
