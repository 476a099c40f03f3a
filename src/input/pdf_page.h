/*
 * pdf_page.h — what the PDF reader hands to the layout analysis: one page
 * as plain data (words with their boxes, ruling lines, how many images and
 * glyphs), in upright page space (points, origin top left, y down; a page
 * whose text runs sideways has already been turned).
 *
 * Kept free of MuPDF so that the layout (pdf_layout.c) and the document
 * assembly (pdf_load.c) can be tested on pages built by hand.
 */
#ifndef LAKIP_PDF_PAGE_H
#define LAKIP_PDF_PAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    float x0, y0, x1, y1;
} pdf_box;

/* A word: characters without a space or a gap between them. */
typedef struct {
    pdf_box box;
    float baseline;     /* y of the baseline */
    float size;         /* font size in points */
    bool bold;          /* every character in a bold font */
    char *text;         /* UTF-8, owned */
} pdf_word;

/* A ruling line: a stroked segment or a thin filled rectangle, kept only
 * when horizontal (y0 == y1) or vertical (x0 == x1). */
typedef struct {
    float x0, y0, x1, y1;
} pdf_rule;

typedef struct {
    int number;             /* 1-based page number in the file */
    float width, height;
    int turned;             /* degrees the page was turned to make its text upright: 0, 90, 270 */
    pdf_word *words;
    size_t nwords, words_cap;
    pdf_rule *rules;
    size_t nrules, rules_cap;
    size_t images;          /* images drawn on the page */
    size_t paths;           /* vector paths filled or stroked (rules, shading, text drawn as outlines) */
    size_t glyphs;          /* characters of text on the page */
} pdf_page;

void pdf_page_init(pdf_page *p, int number, float width, float height);
/* Copies text[0..len). */
void pdf_page_add_word(pdf_page *p, pdf_box box, float baseline, float size, bool bold, const char *text, size_t len);
/* Adds the segment when it is horizontal or vertical (within 0.5 pt). */
void pdf_page_add_rule(pdf_page *p, float x0, float y0, float x1, float y1);
void pdf_page_free(pdf_page *p);

#endif
