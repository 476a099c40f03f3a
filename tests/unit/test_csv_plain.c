/*
 * test_csv_plain.c — the quote-free line splitter (src/input/csv_plain.c)
 * against libcsv itself, set up as csv_stream.c sets it up: on a million
 * generated lines over the bytes that matter (delimiters, blanks, quotes,
 * tabs, line ends), every line the splitter takes must give exactly the
 * record libcsv gives, and most plain lines must be taken.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <csv.h>

#include "input/csv_load.h"
#include "input/csv_plain.h"
#include "input/table_build.h"

#define MAX_FIELDS 80

typedef struct {
    char fields[MAX_FIELDS][80];
    size_t lens[MAX_FIELDS];
    size_t nfields;
    int records;
} fields_seen;

static void seen_field(void *text, size_t len, void *ctx)
{
    fields_seen *s = ctx;
    if (s->nfields < MAX_FIELDS && len < sizeof s->fields[0]) {
        memcpy(s->fields[s->nfields], text, len);
        s->lens[s->nfields] = len;
    }
    s->nfields++;
}

/* The field ended in place, as csv_stream.c keeps it: the byte after it
 * is the line's, before its end, and writing a NUL there changes no field
 * seen before or after. */
typedef struct {
    fields_seen seen;
    char *line;
    size_t end;                 /* the line without its end */
} in_place;

static void seen_in_place(void *text, size_t len, void *ctx)
{
    in_place *p = ctx;
    char *t = text;
    assert_true(t >= p->line && t + len <= p->line + p->end);
    seen_field(text, len, &p->seen);
    t[len] = '\0';
}

static void seen_record(int c, void *ctx)
{
    (void)c;
    ((fields_seen *)ctx)->records++;
}

static void libcsv_fields(const char *line, size_t n, char delim, fields_seen *out)
{
    struct csv_parser p;
    assert_int_equal(csv_init(&p, CSV_APPEND_NULL), 0);
    csv_set_delim(&p, (unsigned char)delim);
    csv_set_space_func(&p, csv_is_space);
    assert_int_equal(csv_parse(&p, line, n, seen_field, seen_record, out), n);
    csv_free(&p);
}

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void test_agrees_with_libcsv(void **unused)
{
    (void)unused;
    static const char alphabet[] = "a1 ;,\".\t";
    static const char *const ends[] = { "\n", "\r\n", "\r", "" };
    uint32_t state = 12345;
    size_t taken = 0, plain = 0, packed_lines = 0;
    char **fields = NULL;
    size_t fields_cap = 0, longest;
    for (int i = 0; i < 1000000; i++) {
        char delim = next_random(&state) % 2 ? ';' : ',';
        char line[80];
        size_t n;
        if (i % 2) {
            n = next_random(&state) % 14;
            for (size_t k = 0; k < n; k++) line[k] = alphabet[next_random(&state) % (sizeof alphabet - 1)];
        } else {
            /* longer lines and fields, for the search eight bytes at a
             * time (csv_plain.c, find_delim): delimiters at any place in
             * a word and across words, a quote now and then */
            n = next_random(&state) % 72;
            for (size_t k = 0; k < n; k++) {
                uint32_t r = next_random(&state) % 400;
                line[k] = r == 0 ? '"' : r < 40 ? ';' : r < 70 ? ',' : r < 100 ? ' ' : r < 105 ? '\t' : (char)('0' + r % 75);
            }
        }
        const char *end = ends[next_random(&state) % 4];
        memcpy(line + n, end, strlen(end));
        n += strlen(end);
        fields_seen mine = { .records = 0 }, theirs = { .records = 0 };
        bool ok = csv_plain_split(line, n, delim, seen_field, &mine);
        if (*end && !memchr(line, '"', n) && !csv_line_blank(line, n)) plain++;
        if (!ok) {
            assert_int_equal(mine.nfields, 0);
            char copy[80];
            memcpy(copy, line, n);
            bool packed;
            assert_int_equal(csv_plain_split_in_place(copy, n, delim, &fields, &fields_cap, &longest, &packed), 0);
            assert_memory_equal(copy, line, n);         /* nothing written */
            continue;
        }
        taken++;
        libcsv_fields(line, n, delim, &theirs);
        assert_int_equal(theirs.records, 1);
        assert_int_equal(mine.nfields, theirs.nfields);
        for (size_t f = 0; f < mine.nfields && f < MAX_FIELDS; f++) {
            assert_int_equal(mine.lens[f], theirs.lens[f]);
            assert_memory_equal(mine.fields[f], theirs.fields[f], mine.lens[f]);
        }
        /* again, each field ended in place as it is seen */
        char copy[80];
        memcpy(copy, line, n);
        size_t stop = n - (copy[n - 1] == '\n') - (n >= 2 && copy[n - 1] == '\n' && copy[n - 2] == '\r') -
                      (copy[n - 1] == '\r');
        in_place ip = { .seen = { .records = 0 }, .line = copy, .end = stop };
        assert_true(csv_plain_split(copy, n, delim, seen_in_place, &ip));
        assert_int_equal(ip.seen.nfields, theirs.nfields);
        for (size_t f = 0; f < ip.seen.nfields && f < MAX_FIELDS; f++) {
            assert_int_equal(ip.seen.lens[f], theirs.lens[f]);
            assert_memory_equal(ip.seen.fields[f], theirs.fields[f], ip.seen.lens[f]);
        }
        /* and the in-place split: the same fields, NUL-ended in the line */
        memcpy(copy, line, n);
        bool packed;
        size_t count = csv_plain_split_in_place(copy, n, delim, &fields, &fields_cap, &longest, &packed);
        assert_int_equal(count, theirs.nfields);
        size_t want_longest = 0;
        for (size_t f = 0; f < count && f < MAX_FIELDS; f++) {
            assert_true(fields[f] >= copy && fields[f] + theirs.lens[f] <= copy + stop);
            assert_int_equal(strlen(fields[f]), theirs.lens[f]);
            assert_memory_equal(fields[f], theirs.fields[f], theirs.lens[f]);
            if (theirs.lens[f] > want_longest) want_longest = theirs.lens[f];
        }
        assert_int_equal(longest, want_longest);
        /* packed exactly when the fields lie one after the other from the
         * line's start to its end, each right after the previous NUL */
        bool contiguous = fields[0] == copy && fields[count - 1] + strlen(fields[count - 1]) == copy + stop;
        for (size_t f = 0; f + 1 < count; f++) contiguous &= fields[f + 1] == fields[f] + strlen(fields[f]) + 1;
        assert_int_equal(packed, contiguous);
        packed_lines += packed;
    }
    free(fields);
    /* every plain line with an end is taken: the comparison is not vacuous */
    assert_int_equal(taken, plain);
    assert_true(taken > 100000);
    assert_true(packed_lines > 50000 && packed_lines < taken);
}

static void test_leaves_the_rest_to_libcsv(void **unused)
{
    (void)unused;
    fields_seen s = { .records = 0 };
    assert_false(csv_plain_split("a;\"b\"\n", 6, ';', seen_field, &s));        /* a quote */
    assert_false(csv_plain_split("a;b", 3, ';', seen_field, &s));               /* no line end yet */
    assert_false(csv_plain_split("   \r\n", 5, ';', seen_field, &s));          /* blanks only: no record */
    assert_false(csv_plain_split("a b\n", 4, ' ', seen_field, &s));             /* a blank delimiter */
    assert_int_equal(s.nfields, 0);
    assert_true(csv_plain_split(" 1.234,5 ; x ;\n", 15, ';', seen_field, &s));
    assert_int_equal(s.nfields, 3);
    assert_memory_equal(s.fields[0], "1.234,5", 7);
    assert_int_equal(s.lens[1], 1);
    assert_int_equal(s.lens[2], 0);
}

/* build_line_clean: when it says a plain line is clean, every field the
 * split gives back is its own clean text (build_clean_text changes
 * nothing); and it says so of most lines without markup or blanks. */
static void test_line_clean(void **unused)
{
    (void)unused;
    static const char alphabet[] = "aB1 ;<*\t\xC2\xA0.";
    uint32_t state = 777;
    char **fields = NULL;
    size_t cap = 0, longest, clean_lines = 0;
    for (int i = 0; i < 200000; i++) {
        char line[40];
        size_t n = 1 + next_random(&state) % 20;
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_random(&state) % 40;
            line[k] = r < 10 ? alphabet[r] : r < 25 ? 'a' : r < 30 ? ' ' : r < 35 ? ';' : '1';
        }
        line[n] = '\0';
        bool clean = build_line_clean(line, n);
        line[n] = '\n';
        bool packed;
        size_t count = csv_plain_split_in_place(line, n + 1, ';', &fields, &cap, &longest, &packed);
        if (!clean || !count) continue;
        clean_lines++;
        for (size_t f = 0; f < count; f++) {
            char *again = build_clean_text(fields[f]);
            assert_string_equal(again, fields[f]);
            free(again);
        }
    }
    free(fields);
    assert_true(clean_lines > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agrees_with_libcsv),
        cmocka_unit_test(test_line_clean),
        cmocka_unit_test(test_leaves_the_rest_to_libcsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
