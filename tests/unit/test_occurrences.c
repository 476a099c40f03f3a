/*
 * test_occurrences.c — identical findings numbered across lists finished
 * one after the other (finding_list_finish_after): with the identities of
 * the lists before kept in a file (finding_occurrences_spool), the same
 * fingerprints as with all of them in memory.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/finding.h"

#define REPORTS 2000
#define PER_REPORT 5

/* A long-form file's reports, five findings each: three identical ones
 * (numbered #1, #2 within the report), and every 50th report with the
 * table caption of report 0 (two reports of one label), whose findings
 * continue report 0's numbering — first looked up in the file, then, when
 * that happens often, through an index of the file (util/key_spool.h). */
static void finish_reports(finding_occurrences *seen, char (*fingerprints)[17])
{
    size_t n = 0;
    for (int r = 0; r < REPORTS; r++) {
        finding_list *l = finding_list_new();
        char table[64];
        snprintf(table, sizeof table, "%d · Dinas Contoh · Perjanjian Kinerja", r % 50 == 49 ? 0 : r);
        for (int k = 0; k < PER_REPORT; k++) {
            finding *f = finding_add(l, "capaian.arithmetic", SEV_ERROR, "data.csv", 10 + k, table, 1,
                                     k == 4 ? "Indikator lain" : "Indikator");
            finding_set(f, "reported", k == 3 ? "1" : "2");
        }
        finding_list_finish_after(l, seen);
        for (size_t i = 0; i < finding_count(l); i++) memcpy(fingerprints[n++], finding_at(l, i)->fingerprint, 17);
        finding_list_free(l);
    }
}

static void test_spooled_as_in_memory(void **state)
{
    (void)state;
    static char mem[REPORTS * PER_REPORT][17], spooled[REPORTS * PER_REPORT][17];
    finding_occurrences *a = finding_occurrences_new(), *b = finding_occurrences_new();
    finish_reports(a, mem);
    finding_occurrences_spool(b, tmpfile());
    finish_reports(b, spooled);
    assert_int_equal(finding_occurrences_error(b), 0);
    for (size_t i = 0; i < REPORTS * PER_REPORT; i++) assert_string_equal(spooled[i], mem[i]);
    /* numbered: report 0's three identical findings differ, and report 49's
     * first is neither of them */
    assert_string_not_equal(mem[0], mem[1]);
    assert_string_not_equal(mem[49 * PER_REPORT], mem[0]);
    finding_occurrences_free(a);
    finding_occurrences_free(b);
}

/* A file that cannot be written: said. */
static void test_spool_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w+");
    if (!full) skip();
    static char fingerprints[REPORTS * PER_REPORT][17];
    finding_occurrences *o = finding_occurrences_new();
    finding_occurrences_spool(o, full);
    finish_reports(o, fingerprints);
    assert_int_equal(finding_occurrences_error(o), ENOSPC);
    finding_occurrences_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spooled_as_in_memory),
        cmocka_unit_test(test_spool_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
