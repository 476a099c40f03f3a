/*
 * portfolio_out.c — what the portfolio writers share: the table of
 * formats and the totals.
 */
#include "output/portfolio_out.h"

#include <string.h>

portfolio_fn portfolio_find(const char *format)
{
    if (strcmp(format, "text") == 0) return portfolio_text;
    if (strcmp(format, "json") == 0) return portfolio_json;
    if (strcmp(format, "html") == 0) return portfolio_html;
    return NULL;
}

void portfolio_totals(const portfolio *p, size_t counts[3], size_t *accepted, size_t *unreadable)
{
    counts[0] = counts[1] = counts[2] = 0;
    *accepted = *unreadable = 0;
    for (size_t i = 0; i < portfolio_count(p); i++) {
        const portfolio_entry *e = portfolio_at(p, i);
        for (int s = 0; s < 3; s++) counts[s] += e->counts[s];
        *accepted += e->accepted;
        if (e->error) (*unreadable)++;
    }
}
