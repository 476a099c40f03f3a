/*
 * test_notes.c — the notes a rule states for the report header
 * (finding_list_add_note, finding_list_take_notes): kept once each, in the
 * order stated, and a long-form file's many reports' notes named by group.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/finding.h"

static void test_identical_kept_once(void **state)
{
    (void)state;
    finding_list *l = finding_list_new();
    finding_list_add_note(l, "capaian.policy", "Rumus A", "Formula A");
    finding_list_add_note(l, "capaian.policy", "Rumus B", "Formula B");
    finding_list_add_note(l, "capaian.policy", "Rumus A", "Formula A");
    finding_list_add_note(l, "other.rule", "Rumus A", "Formula A");    /* another rule's: kept */
    assert_int_equal(finding_note_count(l), 3);
    assert_string_equal(finding_note_text(l, 0, LANG_ID), "Rumus A");
    assert_string_equal(finding_note_text(l, 1, LANG_EN), "Formula B");
    assert_string_equal(finding_note_rule(l, 2), "other.rule");
    finding_list_free(l);
}

static void test_take_notes_by_group(void **state)
{
    (void)state;
    finding_list *out = finding_list_new(), *a = finding_list_new(), *b = finding_list_new();
    finding_list_add_note(a, "capaian.policy", "Rumus A", "Formula A");
    finding_list_add_note(b, "capaian.policy", "Rumus A", "Formula A");
    finding_list_take_notes(out, a, "2019 · Dinas X");
    finding_list_take_notes(out, b, "2020 · Dinas X");      /* same text, another report: kept */
    finding_list_take_notes(out, b, "2020 · Dinas X");      /* the same again: once */
    finding_list_take_notes(out, a, NULL);                  /* no group: as stated */
    assert_int_equal(finding_note_count(out), 3);
    assert_string_equal(finding_note_text(out, 0, LANG_ID), "2019 · Dinas X: Rumus A");
    assert_string_equal(finding_note_text(out, 1, LANG_EN), "2020 · Dinas X: Formula A");
    assert_string_equal(finding_note_text(out, 2, LANG_ID), "Rumus A");
    assert_int_equal(finding_note_count(a), 1);             /* the source keeps its own */
    finding_list_free(out);
    finding_list_free(a);
    finding_list_free(b);
}

/* tens of thousands of reports' notes: every one kept once, in order,
 * through the index's growth */
static void test_many_notes(void **state)
{
    (void)state;
    finding_list *l = finding_list_new();
    char id[64], en[64];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 30000; i++) {
            snprintf(id, sizeof id, "laporan %d: Rumus", i);
            snprintf(en, sizeof en, "report %d: Formula", i);
            finding_list_add_note(l, "capaian.policy", id, en);
        }
    }
    assert_int_equal(finding_note_count(l), 30000);
    assert_string_equal(finding_note_text(l, 12345, LANG_EN), "report 12345: Formula");
    assert_string_equal(finding_note_text(l, 29999, LANG_ID), "laporan 29999: Rumus");
    finding_list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_kept_once),
        cmocka_unit_test(test_take_notes_by_group),
        cmocka_unit_test(test_many_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
