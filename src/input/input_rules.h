/*
 * input_rules.h — the input.* rules: what the loaders could not read, and
 * files from which nothing could be checked, as findings.
 *
 *   input.nothing-checked  error    a data file from which no value was recomputed
 *   input.no-header        warning  a table with numbers but no recognisable header
 *   input.unreadable       error    a file of a folder that could not be loaded (the others are audited)
 *   input.unread-block     warning  a document block that looks like a table but was not read
 *   input.unread-page      warning  a PDF page not read (a scan, text drawn as shapes, damaged)
 *   input.encoding         info     a file that is not UTF-8, and the encoding assumed
 *
 * They are declared in C (like the engine.* rules) because they come from
 * the loaders and the coverage, not from a rule file; they can be disabled
 * and re-graded like any rule.
 *
 * Uses catalog.h, finding.h, report.h, coverage.h. Never touches Lua.
 */
#ifndef LAKIP_INPUT_RULES_H
#define LAKIP_INPUT_RULES_H

#include "model/catalog.h"
#include "model/finding.h"
#include "model/report.h"

/* Adds the input.* rules to the catalogue. */
void input_rules_register(catalog *cat);

/* True for a rule whose findings depend on what the other rules checked
 * (input.nothing-checked, input.no-header): it follows --only; false for
 * every other id, input.* or not. */
bool input_rules_follow_checks(const char *id);

/* After the rules ran on `audited` (r itself, or the group reports of a
 * long-form file; the coverage of r knows what they recomputed): appends
 * the input.* findings to out. */
void input_rules_findings(const report *r, const report *const *audited, size_t naudited,
                          const catalog *cat, finding_list *out);

#endif
