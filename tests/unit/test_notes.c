/*
 * test_notes.c — the notes a rule states for the report header
 * (finding_list_add_note, finding_list_take_notes): kept once each, in the
 * order stated, and a long-form file's many reports' notes named by group;
 * and the same notes kept in a file (finding_list_spool_notes).
 */
#include <errno.h>
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

/* The notes of one report of a long-form file: two, its own by its number. */
static finding_list *report_notes(int i)
{
    finding_list *r = finding_list_new();
    char id[96], en[96];
    snprintf(id, sizeof id, "Rumus lebih rendah lebih baik: target / realisasi (%d baris)", 20 + i % 40);
    snprintf(en, sizeof en, "Lower-is-better formula: target / realisasi (%d rows)", 20 + i % 40);
    finding_list_add_note(r, "capaian.policy", id, en);
    finding_list_add_note(r, "other.rule", "Catatan lain", "Another note");
    return r;
}

/* What a long-form file's reports give: a note stated before them, then
 * each report's notes by its group — every 97th report of a group seen
 * before (a label two reports share), one of none — and one after. */
static void state_notes(finding_list *l, int spool_after_first)
{
    finding_list_add_note(l, "capaian.policy", "Catatan", "Note");
    if (spool_after_first) finding_list_spool_notes(l, tmpfile());
    char group[64];
    for (int i = 0; i < 3000; i++) {
        finding_list *r = report_notes(i);
        if (i % 97 == 96) snprintf(group, sizeof group, "2019 · Dinas %d", i % 40);
        else snprintf(group, sizeof group, "%d · Dinas %d", 2019 + i % 2, i);
        finding_list_take_notes(l, r, i == 1500 ? NULL : group);
        finding_list_free(r);
    }
    finding_list_add_note(l, "capaian.policy", "Catatan", "Note");     /* the first again: once */
    finding_list_add_note(l, "capaian.policy", "Catatan akhir", "Last note");
}

/* A list that keeps its notes in a file gives every note a list keeping
 * them in memory gives, once each, in the same order: also a note stated
 * again many reports later (the file read through, then its index), and
 * those stated before the file was given, which come first. */
static void test_spooled_as_in_memory(void **state)
{
    (void)state;
    finding_list *mem = finding_list_new(), *spooled = finding_list_new();
    state_notes(mem, 0);
    state_notes(spooled, 1);
    assert_int_equal(finding_note_count(spooled), finding_note_count(mem));
    assert_true(finding_note_count(mem) < 2 * 3000 + 2);      /* some were the same */
    for (size_t i = 0; i < finding_note_count(mem); i++) {
        assert_string_equal(finding_note_rule(spooled, i), finding_note_rule(mem, i));
        char text[200];
        snprintf(text, sizeof text, "%s", finding_note_text(mem, i, LANG_ID));
        assert_string_equal(finding_note_text(spooled, i, LANG_ID), text);
        snprintf(text, sizeof text, "%s", finding_note_text(mem, i, LANG_EN));
        assert_string_equal(finding_note_text(spooled, i, LANG_EN), text);
    }
    /* out of order too */
    assert_string_equal(finding_note_text(spooled, 8, LANG_ID), "2020 · Dinas 3: Catatan lain");
    assert_string_equal(finding_note_text(spooled, 0, LANG_EN), "Note");
    assert_int_equal(finding_list_notes_error(spooled), 0);
    /* another list takes them from the file */
    finding_list *copy = finding_list_new();
    finding_list_take_notes(copy, spooled, NULL);
    assert_int_equal(finding_note_count(copy), finding_note_count(mem));
    assert_string_equal(finding_note_text(copy, 5, LANG_EN), finding_note_text(mem, 5, LANG_EN));
    /* forgotten: the list holds what it held before the file */
    finding_list_unspool_notes(spooled);
    assert_int_equal(finding_note_count(spooled), 1);
    assert_string_equal(finding_note_text(spooled, 0, LANG_ID), "Catatan");
    finding_list_free(copy);
    finding_list_free(mem);
    finding_list_free(spooled);
}

/* A file that cannot be written: said, and the notes read are empty, never
 * a crash. */
static void test_spool_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w+");
    if (!full) skip();
    finding_list *l = finding_list_new();
    finding_list_spool_notes(l, full);
    char id[64];
    for (int i = 0; i < 2000; i++) {    /* more than a stdio buffer */
        snprintf(id, sizeof id, "Catatan %d", i);
        finding_list_add_note(l, "capaian.policy", id, "Note");
    }
    assert_int_equal(finding_list_notes_error(l), ENOSPC);
    for (size_t i = 0; i < finding_note_count(l); i++) assert_non_null(finding_note_text(l, i, LANG_ID));
    finding_list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_kept_once),
        cmocka_unit_test(test_take_notes_by_group),
        cmocka_unit_test(test_many_notes),
        cmocka_unit_test(test_spooled_as_in_memory),
        cmocka_unit_test(test_spool_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
