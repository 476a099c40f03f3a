/*
 * pdf_read.h — reading a PDF's pages through MuPDF (the only file that
 * includes MuPDF): for each page its words with positions, font size and
 * weight, its ruling lines (stroked segments and thin filled rectangles)
 * and how many images and characters it has, as a pdf_page.
 *
 * A page whose text runs sideways (a landscape table printed on a portrait
 * page) is turned so that its text is upright. A page MuPDF cannot read, or
 * with more than PDF_MAX_PAGE_GLYPHS characters, is handed over with
 * `problem` set and no words. Why MuPDF: docs/FORMAT.md.
 */
#ifndef LAKIP_PDF_READ_H
#define LAKIP_PDF_READ_H

#include "input/pdf_page.h"
#include "model/report.h"

#define PDF_MAX_PAGES 10000         /* more pages: refused as a whole */
#define PDF_MAX_PAGE_GLYPHS 200000  /* more characters on one page: that page is not read */

#define PDF_WARNING_MAX 200

/* Called for each page in order; `problem` is NULL or why the page was not
 * read ("damaged page: ...", "more than 200000 characters"); `warning` is
 * MuPDF's first warning so far ("" if none: a damaged file it repaired
 * says so there). The page is freed after the call. Return 0 to go on. */
typedef int (*pdf_page_fn)(void *arg, const pdf_page *page, const char *problem, const char *warning);

/* Reads path page by page. Returns 0, or -1 with *err filled: not a PDF,
 * encrypted, damaged beyond repair, no pages, too many pages, or the
 * callback's non-zero return (then *err is left to the callback). */
int pdf_read(const char *path, pdf_page_fn fn, void *arg, load_error *err);

#endif
