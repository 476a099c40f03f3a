/*
 * test_json.c — cmocka tests for src/util/json.c: strings are written in
 * runs between the characters that need an escape, tested eight or (SSE2,
 * in the output buffer with the end padded) sixteen bytes at a time, so
 * an escape at the start, in the middle or at the end of a text, several
 * in a row, at every place in and across the words, and a text without
 * any, must all come out whole, as a byte at a time escaper writes them;
 * integers as printf's %lld.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/json.h"
#include "util/utf8.h"

static void expect_json(const char *s, const char *want)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    json_string(f, s);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_escapes_anywhere(void **state)
{
    (void)state;
    expect_json(NULL, "null");
    expect_json("", "\"\"");
    expect_json("Capaian 105,24% — é", "\"Capaian 105,24% — é\"");
    expect_json("\"a\"", "\"\\\"a\\\"\"");
    expect_json("a\\b", "\"a\\\\b\"");
    expect_json("\n\r\t", "\"\\n\\r\\t\"");
    expect_json("x\x01y\x1f", "\"x\\u0001y\\u001f\"");
    expect_json("tail\"", "\"tail\\\"\"");
    expect_json("\"head", "\"\\\"head\"");
}

/* A key and value pair (json_kv_string) is json_key, then json_string,
 * then the comma, for every mix of plain, escaped, NULL, empty and long
 * texts (around the FILE functions' 512-byte buffer on the stack). */
static void test_pair_as_key_then_value(void **state)
{
    (void)state;
    static const char *const pieces[] = { "a", "é", " ", "\"", "\\", "\n", "\x01", "xyz", "" };
    unsigned seed = 9;
    for (int i = 0; i < 20000; i++) {
        char key[700] = "", value[700] = "";
        for (int w = 0; w < 2; w++) {
            char *t = w ? value : key;
            seed = seed * 1103515245u + 12345u;
            int n = (int)((seed >> 16) % 6);
            size_t len = 0;
            if ((seed >> 8) % 7 == 0) {             /* long: near or over the piece */
                len = 240 + (seed >> 4) % 300;
                memset(t, 'k', len);
                t[len] = '\0';
            }
            for (int k = 0; k < n; k++) {
                seed = seed * 1103515245u + 12345u;
                if ((seed >> 16) % 4) strcat(t, pieces[0]);
                else strcat(t, pieces[(seed >> 18) % (sizeof pieces / sizeof pieces[0])]);
            }
        }
        int comma = (int)(seed >> 12) & 1;
        const char *v = (seed >> 20) % 11 == 0 ? NULL : value;
        char *one = NULL, *two = NULL;
        size_t n1 = 0, n2 = 0;
        FILE *f = open_memstream(&one, &n1);
        json_kv_string(f, key, v, comma);
        fclose(f);
        f = open_memstream(&two, &n2);
        json_key(f, key);
        json_string(f, v);
        if (comma) putc(',', f);
        fclose(f);
        assert_string_equal(one, two);
        free(one);
        free(two);
    }
}

/* The escaper the word-at-a-time one must equal: one byte at a time,
 * then each ill-formed UTF-8 sequence made U+FFFD by the cleaning every
 * report went through (utf8_write_clean), which the JSON report now
 * skips: json.c writes it so. */
static void reference_escape(const unsigned char *s, size_t n, char *out)
{
    char *escaped = malloc(6 * n + 3);
    assert_non_null(escaped);
    size_t k = 0;
    escaped[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '"') k += (size_t)sprintf(escaped + k, "\\\"");
        else if (c == '\\') k += (size_t)sprintf(escaped + k, "\\\\");
        else if (c == '\n') k += (size_t)sprintf(escaped + k, "\\n");
        else if (c == '\r') k += (size_t)sprintf(escaped + k, "\\r");
        else if (c == '\t') k += (size_t)sprintf(escaped + k, "\\t");
        else if (c < 0x20) k += (size_t)sprintf(escaped + k, "\\u%04x", c);
        else escaped[k++] = (char)c;
    }
    escaped[k++] = '"';
    FILE *f = fmemopen(out, 18 * n + 10, "w");
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    utf8_write_clean(f, escaped, k, 0);
    long end = ftell(f);
    fclose(f);
    out[end] = '\0';
    free(escaped);
}

/* The same without the cleaning (what a valid text must give). */
static void reference_escape_raw(const unsigned char *s, size_t n, char *out)
{
    size_t k = 0;
    out[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '"') k += (size_t)sprintf(out + k, "\\\"");
        else if (c == '\\') k += (size_t)sprintf(out + k, "\\\\");
        else if (c == '\n') k += (size_t)sprintf(out + k, "\\n");
        else if (c == '\r') k += (size_t)sprintf(out + k, "\\r");
        else if (c == '\t') k += (size_t)sprintf(out + k, "\\t");
        else if (c < 0x20) k += (size_t)sprintf(out + k, "\\u%04x", c);
        else out[k++] = (char)c;
    }
    out[k++] = '"';
    out[k] = '\0';
}

/* Random texts of 0-70 bytes (every place in and across the eight-byte
 * words), mostly plain, with every byte that needs an escape, 0x7f and
 * bytes of UTF-8 sequences, and long ones (past a json_buf's first
 * buffer and its doubling): json_buf_string gives the reference's bytes. */
static void test_words_as_bytes(void **state)
{
    (void)state;
    unsigned seed = 77;
    static unsigned char s[9000];
    static char want[18 * 9000 + 10];
    for (int i = 0; i < 200000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 71;
        if (i % 1000 == 0) n = 500 + (seed >> 4) % 8400;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 64;
            unsigned char c = r < 40 ? (unsigned char)('a' + r % 26)
                            : r < 52 ? (unsigned char)(1 + (seed >> 8) % 0x1f)       /* controls but NUL */
                            : r < 56 ? (unsigned char)"\"\\\x7f "[r - 52]
                            : (unsigned char)(0x80 + (seed >> 8) % 0x80);
            s[k] = c;
        }
        s[n] = '\0';
        reference_escape(s, n, want);
        char local[16];
        json_buf b;
        json_buf_init(&b, local, sizeof local);
        json_buf_string(&b, (const char *)s);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(b.data, want, b.len);
        json_buf_free(&b);
        /* freed, it starts again in its own 16 bytes, not the heap's room */
        assert_ptr_equal(b.data, local);
        assert_int_equal(b.cap, sizeof local);
    }
}

/* Every string of up to four bytes from those that start, continue or
 * break a UTF-8 sequence at the edges of table 3-7 (and some ASCII): the
 * JSON string is the escaped text cleaned as utf8_write_clean cleans it
 * (one U+FFFD for each maximal ill-formed part), and a text that is valid
 * comes out as it is. */
static void test_ill_formed_as_cleaned(void **state)
{
    (void)state;
    static const unsigned char bytes[] = { 'a', '"', 0x0a, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1,
                                           0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4,
                                           0xf5, 0xff };
    const size_t nb = sizeof bytes;
    unsigned char s[8];
    char want[128], raw[64];
    for (size_t n = 0; n <= 4; n++) {
        size_t total = 1;
        for (size_t k = 0; k < n; k++) total *= nb;
        for (size_t code = 0; code < total; code++) {
            size_t c = code;
            for (size_t k = 0; k < n; k++, c /= nb) s[k] = bytes[c % nb];
            /* in the middle of a longer text too: runs of sixteen before it */
            for (int pad = 0; pad < 2; pad++) {
                unsigned char t[40];
                size_t m = 0;
                if (pad) for (; m < 19; m++) t[m] = 'x';
                memcpy(t + m, s, n);
                m += n;
                t[m] = '\0';
                reference_escape(t, m, want);
                json_buf b;
                json_buf_init(&b, NULL, 0);
                json_buf_string(&b, (const char *)t);
                assert_int_equal(b.len, strlen(want));
                assert_memory_equal(b.data, want, b.len);
                json_buf_free(&b);
                if (utf8_invalid_offset((const char *)t, m) == m) {
                    reference_escape_raw(t, m, raw);
                    assert_string_equal(want, raw);
                }
            }
        }
    }
}

/* Integers as printf's %lld, the extremes included. */
static void test_integers(void **state)
{
    (void)state;
    long long edges[] = { 0, 1, -1, 9, 10, -10, 99, 100, 2147483647LL, -2147483648LL,
                          9223372036854775807LL, -9223372036854775807LL - 1 };
    unsigned long long seed = 5;
    for (int i = 0; i < 100000; i++) {
        long long v;
        if (i < (int)(sizeof edges / sizeof edges[0])) v = edges[i];
        else {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            v = (long long)(seed >> ((seed >> 59) & 63));
        }
        char want[64];
        snprintf(want, sizeof want, "\"k\":%lld,", v);
        json_buf b;
        json_buf_init(&b, NULL, 0);
        json_buf_kv_int(&b, "k", v, 1);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(b.data, want, b.len);
        json_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_anywhere),
        cmocka_unit_test(test_pair_as_key_then_value),
        cmocka_unit_test(test_words_as_bytes),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_ill_formed_as_cleaned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
