/*
 * pdf_page.c — the plain page data of pdf_page.h.
 */
#include "input/pdf_page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

void pdf_page_init(pdf_page *p, int number, float width, float height)
{
    memset(p, 0, sizeof *p);
    p->number = number;
    p->width = width;
    p->height = height;
}

void pdf_page_add_word(pdf_page *p, pdf_box box, float baseline, float size, bool bold, const char *text, size_t len)
{
    grow_array((void **)&p->words, &p->words_cap, p->nwords + 1, sizeof *p->words);
    pdf_word *w = &p->words[p->nwords++];
    w->box = box;
    w->baseline = baseline;
    w->size = size;
    w->bold = bold;
    w->text = xstrndup(text, len);
}

void pdf_page_add_rule(pdf_page *p, float x0, float y0, float x1, float y1)
{
    if (fabsf(y1 - y0) <= 0.5f) {
        float y = (y0 + y1) / 2;
        y0 = y1 = y;
        if (x1 < x0) { float t = x0; x0 = x1; x1 = t; }
    } else if (fabsf(x1 - x0) <= 0.5f) {
        float x = (x0 + x1) / 2;
        x0 = x1 = x;
        if (y1 < y0) { float t = y0; y0 = y1; y1 = t; }
    } else {
        return;     /* a slanted stroke is no ruling */
    }
    if (x1 - x0 < 1.0f && y1 - y0 < 1.0f) return;  /* a dot */
    grow_array((void **)&p->rules, &p->rules_cap, p->nrules + 1, sizeof *p->rules);
    p->rules[p->nrules++] = (pdf_rule){ x0, y0, x1, y1 };
}

void pdf_page_free(pdf_page *p)
{
    for (size_t i = 0; i < p->nwords; i++) free(p->words[i].text);
    free(p->words);
    free(p->rules);
    memset(p, 0, sizeof *p);
}
