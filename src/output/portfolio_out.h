/*
 * portfolio_out.h — the summary of many audits (`check` on a folder of
 * reports, `merge`) in text, JSON and HTML. Built from the portfolio alone,
 * with no date: the same reports give the same bytes, whichever command
 * produced them.
 */
#ifndef LAKIP_PORTFOLIO_OUT_H
#define LAKIP_PORTFOLIO_OUT_H

#include <stdio.h>
#include "model/catalog.h"
#include "model/portfolio.h"

typedef struct {
    const portfolio *p;
    enum lang lang;
    const char *version;
} portfolio_view;

typedef int (*portfolio_fn)(FILE *out, const portfolio_view *v);

int portfolio_text(FILE *out, const portfolio_view *v);
int portfolio_json(FILE *out, const portfolio_view *v);
int portfolio_html(FILE *out, const portfolio_view *v);

/* The writer for a --format name (text, json, html), or NULL. */
portfolio_fn portfolio_find(const char *format);

/* Totals over the portfolio: not accepted by severity, accepted, unreadable. */
void portfolio_totals(const portfolio *p, size_t counts[3], size_t *accepted, size_t *unreadable);

#endif
