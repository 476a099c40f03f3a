/*
 * html_context.h — a finding in its context, for the HTML report: the
 * flagged row inside its table (two rows above and below, the header, the
 * flagged cell marked, the tool's recomputation beside each row), or for a
 * finding about a sentence, the sentence with its numbers marked.
 */
#ifndef LAKIP_HTML_CONTEXT_H
#define LAKIP_HTML_CONTEXT_H

#include <stdio.h>
#include "output/output.h"

/* Writes the context of f (nothing when it has none). */
void html_write_context(FILE *out, const audit *a, const finding *f);

#endif
