/*
 * rules_test.h — `lakip-audit rules test`: runs a rule folder's fixtures.
 *
 *   lakip-audit rules test [--fixtures DIR] [--only RULE|FAMILY]... [RULES]
 *
 * RULES is a rule folder (loaded as with --rules, beside the shipped
 * rules) whose fixtures are RULES/fixtures/ unless --fixtures says
 * otherwise; without RULES the shipped rules are tested and --fixtures is
 * needed (the project's are tests/rules). A fixture folder is named by
 * the rule it tests, FIXTURES/RULE-ID/, and holds inputs fire*.EXT (the
 * rule must fire) and silent*.EXT (it must not), each audited as `check`
 * would with the options of KIND.args (KIND: the name up to its first
 * dot; paths given to --previous, --config, --baseline and --rules are
 * relative to the fixture folder). KIND.expect lists "LINE RULE-ID", one
 * finding a line, in report order: the findings of the folder's rule
 * only, so other rules cannot break a fixture. A fire fixture needs one
 * listing at least one finding; a silent fixture has none, or an empty
 * one. Every rule of the tested files needs a fire fixture.
 *
 * Prints "ok" or "FAIL" per fixture, a diff (want/got) on a failure, and a
 * summary. Exit status: 0 every fixture passed; 1 a fixture failed, a rule
 * has no fire fixture, or a rule file did not load; 2 usage error (an
 * unknown option, a folder that cannot be read).
 */
#ifndef LAKIP_RULES_TEST_H
#define LAKIP_RULES_TEST_H

#include <stddef.h>

/* Audits one input as `check ARGV...` (argv[0] is "check") would and calls
 * each(ud, rule, line) for every finding, in report order. Returns 0, or
 * -1 with err filled (the input or an option could not be used). */
typedef int (*fixture_audit_fn)(int argc, char **argv, void (*each)(void *ud, const char *rule, int line), void *ud,
                                char *err, size_t errlen);

/* argv[0] is "test". builtin_dir as script_options.builtin_dir (NULL: the
 * rules compiled into the program). */
int rules_test_main(int argc, char **argv, const char *builtin_dir, fixture_audit_fn audit);

#endif
