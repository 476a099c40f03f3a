/*
 * test_findings_stream.c — a long-form file's JSON report written as its
 * reports are audited (findings_stream.c). Each report's notes are written
 * as they are taken into a file of their own that the tail copies; the
 * copy is only used when it holds every note of the audit's list. A note
 * that reached the list another way must send the tail back to writing
 * the list itself, or the report would silently lack it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings_stream.h"
#include "model/catalog.h"
#include "model/report.h"
#include "tmpdir.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* The "notes" array of a JSON report, as text. */
static const char *notes_of(char *json)
{
    char *from = strstr(json, "\"notes\"");
    assert_non_null(from);
    char *to = strstr(from, "\"summary\"");
    assert_non_null(to);
    *to = '\0';
    return from;
}

/* How often needle occurs in hay (a note's text_en: its text is there
 * twice, as "text" and "text_id"). */
static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* Two reports' notes through the stream; with outside, one more note
 * added to the audit's list directly after them (as the audit's own notes
 * would be). Writes the report to path. */
static void write_stream(const char *path, int outside)
{
    report *rep = report_new(STYLE_AUTO);
    catalog *cat = catalog_new();
    finding_list *all = finding_list_new();
    audit a = { .rep = rep, .cat = cat, .findings = all, .lang = LANG_ID, .version = "test",
                .date = "2026-11-29", .fail_on = SEV_ERROR };
    output_file *of = output_file_open(path);
    assert_non_null(of);
    findings_stream *fs = findings_stream_new(output_piecewise("json"), of, &a, all, cat, NULL);
    pipeline_sink sink = findings_stream_sink(fs);

    finding_list *part = finding_list_new();
    finding_list_add_note(part, "capaian.policy", "Rumus A", "Formula A");
    sink.part_done(sink.ud, part, "2019 · Dinas X");
    finding_list_add_note(part, "capaian.policy", "Rumus B", "Formula B");
    sink.part_done(sink.ud, part, "2020 · Dinas Y");
    if (outside) finding_list_add_note(all, "input.notes", "Catatan C", "Note C");

    assert_true(findings_stream_started(fs));
    int rc = findings_stream_end(fs);
    assert_int_equal(output_file_commit(of, rc), 0);
    findings_stream_free(fs);
    finding_list_free(part);
    finding_list_free(all);
    catalog_free(cat);
    report_free(rep);
}

/* The "notes" array the stream wrote (write_stream, outside as there),
 * after checking that each report's note is in it once, in the order
 * taken. */
static const char *streamed_notes(tmpdir *d, int outside)
{
    const char *path = tmp_write(d, "out.json", "");
    write_stream(path, outside);
    const char *notes = notes_of(slurp(path));
    assert_int_equal(occurrences(notes, "\"text_en\":\"2019 · Dinas X: Formula A\""), 1);
    assert_int_equal(occurrences(notes, "\"text_en\":\"2020 · Dinas Y: Formula B\""), 1);
    assert_true(strstr(notes, "Rumus A") < strstr(notes, "Rumus B"));
    return notes;
}

/* Every report's note once, in the order taken, through the copy. */
static void test_notes_copied(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    streamed_notes(&d, 0);
    tmp_close(&d);
}

/* A note the stream did not take: the tail writes the whole list, so
 * every note is there once, the outside one after the reports'. */
static void test_note_from_outside_written(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *notes = streamed_notes(&d, 1);
    assert_int_equal(occurrences(notes, "\"text_en\":\"Note C\""), 1);
    assert_true(strstr(notes, "Rumus B") < strstr(notes, "Catatan C"));
    tmp_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notes_copied),
        cmocka_unit_test(test_note_from_outside_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
