/*
 * test_baseline.c — cmocka tests for src/baseline.c: write -> parse ->
 * apply round trips over finding lists built by hand, matching across line
 * moves but not across changed numbers, stale entries, justifications kept
 * through a re-record, and the reader's error messages (file:line) on
 * malformed or wrongly typed baselines, as a table of cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "model/catalog.h"
#include "model/finding.h"

#define PK_CSV "data/pk-realisasi-2019.csv"
#define PK_TABLE "REALISASI PERJANJIAN KINERJA (PK)"

typedef struct {
    const char *rule;
    enum severity sev;
    int line;
    const char *indicator;
    const char *reported;
    const char *expected;
} spec;

/* Three findings of one table; `shift` moves every line (and the table). */
static finding_list *make_findings(int shift, const char *second_reported)
{
    const spec specs[] = {
        { "capaian.arithmetic", SEV_ERROR, 8, "1. Persentase Penduduk Miskin", "89,87%", "99,27%" },
        { "capaian.arithmetic", SEV_ERROR, 9, "2. Persentase PMKS yang Tertangani", second_reported, "105,24%" },
        { "capaian.truncated", SEV_INFO, 12, "Persentase \"Keterwakilan\" Perempuan", "76,56%", "76,57%" },
    };
    finding_list *l = finding_list_new();
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        finding *f = finding_add(l, specs[i].rule, specs[i].sev, PK_CSV, specs[i].line + shift, PK_TABLE,
                                 1 + shift, specs[i].indicator);
        finding_set(f, "reported", specs[i].reported);
        finding_set(f, "expected", specs[i].expected);
        finding_set(f, "formula", "realisasi / target × 100");
    }
    finding_list_finish(l);
    return l;
}

static catalog *make_catalog(void)
{
    catalog *c = catalog_new();
    rule_info r = { .id = "capaian.arithmetic", .family = "capaian", .source = "rules/capaian.lua",
                    .severity = SEV_ERROR, .default_severity = SEV_ERROR, .enabled = 1 };
    r.title[LANG_ID] = "Capaian tidak sesuai";
    r.message[LANG_ID] = "Capaian dilaporkan {reported}, seharusnya {expected}.";
    r.message[LANG_EN] = "Reported {reported}, expected {expected}.";
    assert_non_null(catalog_add(c, &r));
    return c;
}

/* The baseline of l as text (caller frees). */
static char *write_to_string(const finding_list *l, const catalog *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(baseline_write(out, l, c, LANG_EN, "v-test"), 0);
    fclose(out);
    return text;
}

static baseline *parse_ok(const char *text)
{
    char err[256] = "";
    baseline *b = baseline_parse(text, strlen(text), "base.json", err, sizeof err);
    if (!b) fail_msg("unexpected error: %s", err);
    return b;
}

static void test_round_trip(void **state)
{
    (void)state;
    catalog *c = make_catalog();
    finding_list *l = make_findings(0, "101,24%");
    char *text = write_to_string(l, c);

    /* one line per finding between the header and the closing line */
    size_t lines = 0;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 2 + finding_count(l));
    assert_non_null(strstr(text, "{\"schema\":1,\"tool\":{\"name\":\"lakip-audit\",\"version\":\"v-test\"},\"findings\":[\n"));
    assert_non_null(strstr(text, "\"message\":\"Reported 89,87%, expected 99,27%.\""));
    assert_non_null(strstr(text, "Persentase \\\"Keterwakilan\\\" Perempuan"));

    baseline *b = parse_ok(text);
    assert_int_equal(baseline_count(b), 3);
    for (size_t i = 0; i < 3; i++) {
        const finding *f = finding_at(l, i);
        const baseline_entry *e = baseline_at(b, i);
        assert_string_equal(e->fingerprint, f->fingerprint);
        assert_string_equal(e->rule, f->rule);
        assert_string_equal(e->severity, severity_name(f->severity));
        assert_string_equal(e->file, f->file);
        assert_string_equal(e->table, f->table);
        assert_string_equal(e->indicator, f->indicator);
        assert_string_equal(e->reported, finding_get(f, "reported"));
        assert_string_equal(e->expected, finding_get(f, "expected"));
        assert_int_equal(e->line, f->line);
        assert_string_equal(e->justification, "");
        assert_int_equal(e->source_line, (int)i + 2);
    }
    assert_int_equal(baseline_stale_count(b), 3);       /* nothing applied yet */

    assert_int_equal(baseline_apply(b, l), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_true(finding_at(l, i)->accepted);
        assert_null(finding_get(finding_at(l, i), "justification"));   /* none written */
    }
    assert_int_equal(baseline_stale_count(b), 0);
    assert_null(baseline_stale_at(b, 0));

    baseline_free(b);
    free(text);
    finding_list_free(l);
    catalog_free(c);
}

static void test_moved_lines_still_match(void **state)
{
    (void)state;
    catalog *c = make_catalog();
    finding_list *before = make_findings(0, "101,24%");
    char *text = write_to_string(before, c);
    baseline *b = parse_ok(text);

    finding_list *after = make_findings(40, "101,24%");    /* a page was inserted above the table */
    assert_int_equal(finding_at(after, 0)->line, 48);
    assert_int_equal(baseline_apply(b, after), 3);
    for (size_t i = 0; i < 3; i++) assert_true(finding_at(after, i)->accepted);
    assert_int_equal(baseline_stale_count(b), 0);

    baseline_free(b);
    free(text);
    finding_list_free(before);
    finding_list_free(after);
    catalog_free(c);
}

static void test_changed_number_does_not_match(void **state)
{
    (void)state;
    catalog *c = make_catalog();
    finding_list *before = make_findings(0, "101,24%");
    char *text = write_to_string(before, c);
    baseline *b = parse_ok(text);

    finding_list *after = make_findings(0, "101,25%");     /* the report changed one number */
    assert_int_equal(baseline_apply(b, after), 2);
    assert_true(finding_at(after, 0)->accepted);
    assert_false(finding_at(after, 1)->accepted);
    assert_true(finding_at(after, 2)->accepted);

    /* the old entry is stale, with what a reviewer needs to find it */
    assert_int_equal(baseline_stale_count(b), 1);
    const baseline_entry *e = baseline_stale_at(b, 0);
    assert_non_null(e);
    assert_string_equal(e->rule, "capaian.arithmetic");
    assert_string_equal(e->file, PK_CSV);
    assert_string_equal(e->table, PK_TABLE);
    assert_string_equal(e->indicator, "2. Persentase PMKS yang Tertangani");
    assert_string_equal(e->reported, "101,24%");
    assert_int_equal(e->line, 9);
    assert_int_equal(e->source_line, 3);
    assert_string_equal(e->fingerprint, finding_at(before, 1)->fingerprint);

    char *listing = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&listing, &len);
    baseline_write_stale(out, b);
    fclose(out);
    char want[512];
    snprintf(want, sizeof want,
             "lakip-audit: base.json:3: stale baseline entry %s: capaian.arithmetic at " PK_CSV ":9, "
             "table \"" PK_TABLE "\", indicator \"2. Persentase PMKS yang Tertangani\", reported 101,24%%: "
             "no finding matches it any more (fixed, or a number changed)\n",
             e->fingerprint);
    assert_string_equal(listing, want);

    free(listing);
    baseline_free(b);
    free(text);
    finding_list_free(before);
    finding_list_free(after);
    catalog_free(c);
}

/* Findings that are identical but for their line get distinct fingerprints
 * (by order of occurrence), and each is matched on its own. */
static void test_identical_findings(void **state)
{
    (void)state;
    finding_list *l = finding_list_new();
    for (int line = 5; line <= 6; line++) {
        finding *f = finding_add(l, "angka.ambiguous", SEV_INFO, "x.csv", line, "T", 1, "Jumlah desa");
        finding_set(f, "reported", "1.234");
    }
    finding_list_finish(l);
    assert_string_not_equal(finding_at(l, 0)->fingerprint, finding_at(l, 1)->fingerprint);
    catalog *c = catalog_new();
    char *text = write_to_string(l, c);
    baseline *b = parse_ok(text);
    assert_int_equal(baseline_apply(b, l), 2);
    assert_int_equal(baseline_stale_count(b), 0);
    baseline_free(b);
    free(text);
    finding_list_free(l);
    catalog_free(c);
}

static void test_justification_survives(void **state)
{
    (void)state;
    catalog *c = make_catalog();
    finding_list *l = make_findings(0, "101,24%");
    char *text = write_to_string(l, c);

    /* a reviewer fills in the second justification by hand, with escapes
     * and a note of their own */
    const char *why = "Angka \"101,24%\" sesuai dokumen asli — dikonfirmasi Inspektorat.";
    char *at = strstr(text, finding_at(l, 1)->fingerprint);
    assert_non_null(at);
    char *slot = strstr(at, "\"justification\":\"\"");
    assert_non_null(slot);
    size_t head = (size_t)(slot - text);
    const char *tail = slot + strlen("\"justification\":\"\"");
    size_t size = strlen(text) + 256;
    char *edited = malloc(size);
    snprintf(edited, size, "%.*s\"reviewer\":{\"name\":\"A\",\"tags\":[1,2.5e3,true,null]},"
             "\"justification\":\"Angka \\\"101,24%%\\\" sesuai dokumen asli \\u2014 dikonfirmasi Inspektorat.\"%s",
             (int)head, text, tail);

    baseline *b = parse_ok(edited);
    assert_string_equal(baseline_at(b, 1)->justification, why);
    finding_list *again = make_findings(3, "101,24%");
    assert_int_equal(baseline_apply(b, again), 3);
    assert_null(finding_get(finding_at(again, 0), "justification"));
    assert_string_equal(finding_get(finding_at(again, 1), "justification"), why);

    /* recording again keeps it */
    char *rerecorded = write_to_string(again, c);
    baseline *b2 = parse_ok(rerecorded);
    assert_string_equal(baseline_at(b2, 1)->justification, why);
    assert_string_equal(baseline_at(b2, 0)->justification, "");

    baseline_free(b2);
    free(rerecorded);
    finding_list_free(again);
    baseline_free(b);
    free(edited);
    free(text);
    finding_list_free(l);
    catalog_free(c);
}

static void test_lenient_where_allowed(void **state)
{
    (void)state;
    /* BOM, CRLF, nulls, unknown keys everywhere, an empty list */
    baseline *b = parse_ok("\xEF\xBB\xBF{\"schema\":1,\r\n\"note\":[{\"a\":{}}],\"findings\":[\r\n"
                           "{\"fingerprint\":\"0123456789abcdef\",\"rule\":\"x.y\",\"file\":null,\"table\":null,"
                           "\"justification\":null,\"extra\":-0.5E-2}\r\n]}\r\n");
    assert_int_equal(baseline_count(b), 1);
    const baseline_entry *e = baseline_at(b, 0);
    assert_null(e->file);
    assert_null(e->severity);
    assert_string_equal(e->justification, "");
    assert_int_equal(e->line, 0);
    assert_int_equal(e->source_line, 3);
    baseline_free(b);

    b = parse_ok("{\"findings\":[],\"schema\":1}");
    assert_int_equal(baseline_count(b), 0);
    assert_int_equal(baseline_stale_count(b), 0);
    baseline_free(b);
}

#define FP1 "\"fingerprint\":\"0123456789abcdef\",\"rule\":\"r\""
#define FP2 "\"fingerprint\":\"fedcba9876543210\",\"rule\":\"r\""

static const struct {
    const char *text;
    const char *error;
} bad_cases[] = {
    { "", "base.json:1: expected '{' at the start of a baseline, found end of file" },
    { "[]", "base.json:1: expected '{' at the start of a baseline, found '['" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 "}\n{" FP2 "}\n]}",
      "base.json:3: expected ',' or ']' after a value, found '{'" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 "},\n]}", "base.json:3: finding 2: expected an object, found ']'" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",}\n]}", "base.json:2: expected a key in double quotes, found '}'" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\n\"line\":\"478\"}\n]}",
      "base.json:3: finding 1: \"line\" must be a non-negative integer" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"line\":-1}]}",
      "base.json:2: finding 1: \"line\" must be a non-negative integer" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"line\":4.0}]}",
      "base.json:2: finding 1: \"line\" must be a non-negative integer" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"table\":7}]}", "base.json:2: finding 1: \"table\" must be a string or null" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"rule\":\"s\"}]}", "base.json:2: finding 1: \"rule\" is given twice" },
    { "{\"schema\":1,\"findings\":[\n{\"rule\":\"r\"}]}", "base.json:2: finding 1: \"fingerprint\" is missing" },
    { "{\"schema\":1,\"findings\":[\n{\"fingerprint\":null,\"rule\":\"r\"}]}",
      "base.json:2: finding 1: \"fingerprint\" must be a string" },
    { "{\"schema\":1,\"findings\":[\n{\"fingerprint\":\"0123456789ABCDEF\",\"rule\":\"r\"}]}",
      "base.json:2: finding 1: \"fingerprint\" must be 16 lowercase hex digits, got \"0123456789ABCDEF\"" },
    { "{\"schema\":1,\"findings\":[\n{\"fingerprint\":\"0123456789abcdef\"}]}", "base.json:2: finding 1: \"rule\" is missing" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"severity\":\"fatal\"}]}",
      "base.json:2: finding 1: \"severity\" must be error, warning or info, got \"fatal\"" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 "},\n{" FP2 "},\n{" FP1 "}]}",
      "base.json:4: fingerprint 0123456789abcdef is listed twice (first on line 2)" },
    { "{\"schema\":2,\"findings\":[]}", "base.json:1: baseline schema 2 is not supported (this lakip-audit reads schema 1)" },
    { "{\"schema\":\"1\",\"findings\":[]}", "base.json:1: \"schema\" must be an integer" },
    { "{\"findings\":[]}", "base.json:1: not a lakip-audit baseline: \"schema\" is missing" },
    { "\n{\"schema\":1}", "base.json:2: not a lakip-audit baseline: \"findings\" is missing" },
    { "{\"schema\":1,\"findings\":{}}", "base.json:1: \"findings\" must be an array, found '{'" },
    { "{\"schema\":1,\"tool\":\"x\",\"findings\":[]}", "base.json:1: \"tool\" must be an object, found '\"'" },
    { "{\"schema\":1,\"schema\":1,\"findings\":[]}", "base.json:1: \"schema\" is given twice" },
    { "{\"schema\":1,\"findings\":[]}\n,", "base.json:2: unexpected ',' after the end of the baseline" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"open\n\"}]}",
      "base.json:2: unterminated string (a line break inside a string must be written \\n)" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"a\tb\"}]}",
      "base.json:2: control character 0x09 in a string (write it as \\u0009)" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"\\x\"}]}", "base.json:2: unknown escape '\\x' in a string" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"\\ud800\"}]}",
      "base.json:2: unpaired surrogate \\ud800 in a string" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"\\u00\"}]}",
      "base.json:2: '\\u' must be followed by 4 hex digits" },
    { "{\"schema\":1,\"findings\":[\n{" FP1 ",\"message\":\"\\u0000\"}]}",
      "base.json:2: '\\u0000' is not allowed in a string" },
    { "{\"schema\":1,\"x\":01,\"findings\":[]}", "base.json:1: invalid number" },
    { "{\"schema\":1,\"x\":TRUE,\"findings\":[]}", "base.json:1: expected a value, found 'T'" },
    { "{\"schema\":1,\"x\":nul,\"findings\":[]}", "base.json:1: expected a value, found 'n'" },
    { "{\"schema\":1,\"findings\":[]\n/* comment */}", "base.json:2: expected ',' or '}' after a value, found '/'" },
    { "{\"schema\":1,\n\"findings\":[{" FP1 ",\"table\":\"Caf\xC3\"}]}", "base.json:2: invalid UTF-8 (save the file as UTF-8)" },
    { "{\"schema\" 1}", "base.json:1: expected ':' after the key, found '1'" },
    { "{\"schema\":1,\"findings\":[]", "base.json:1: expected ',' or '}' after a value, found end of file" },
};

static void test_malformed(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        char err[256] = "";
        baseline *b = baseline_parse(bad_cases[i].text, strlen(bad_cases[i].text), "base.json", err, sizeof err);
        if (b || strcmp(err, bad_cases[i].error) != 0)
            fail_msg("case %zu: %s\n  want: %s\n  got:  %s", i, bad_cases[i].text, bad_cases[i].error,
                     b ? "(accepted)" : err);
    }
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    char text[1024];
    size_t n = (size_t)snprintf(text, sizeof text, "{\"schema\":1,\"x\":");
    for (int i = 0; i < 200; i++) text[n++] = '[';
    text[n] = '\0';
    char err[256] = "";
    assert_null(baseline_parse(text, n, "base.json", err, sizeof err));
    assert_string_equal(err, "base.json:1: nesting deeper than 64 levels");
}

static void test_load_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_baseline_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "{\"schema\":1,\"findings\":[\n{" FP1 ",\"line\":\"x\"}]}";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char err[512] = "", want[512];
    assert_null(baseline_load(path, err, sizeof err));
    snprintf(want, sizeof want, "%s:2: finding 1: \"line\" must be a non-negative integer", path);
    assert_string_equal(err, want);
    unlink(path);
    assert_null(baseline_load(path, err, sizeof err));
    snprintf(want, sizeof want, "%s: cannot read: No such file or directory", path);
    assert_string_equal(err, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_moved_lines_still_match),
        cmocka_unit_test(test_changed_number_does_not_match),
        cmocka_unit_test(test_identical_findings),
        cmocka_unit_test(test_justification_survives),
        cmocka_unit_test(test_lenient_where_allowed),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_deep_nesting_is_bounded),
        cmocka_unit_test(test_load_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
