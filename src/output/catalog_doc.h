/*
 * catalog_doc.h — the rule catalogue written for people: the list
 * (`lakip-audit rules`), one rule explained (`rules explain ID`) and the
 * Markdown reference that forms the generated part of docs/RULES.md.
 */
#ifndef LAKIP_CATALOG_DOC_H
#define LAKIP_CATALOG_DOC_H

#include <stdio.h>
#include "model/catalog.h"

void catalog_write_list(FILE *out, const catalog *c, enum lang lang);
/* Returns -1 when the id is unknown. */
int catalog_write_explain(FILE *out, const catalog *c, const char *id, enum lang lang);
void catalog_write_markdown(FILE *out, const catalog *c);

#endif
