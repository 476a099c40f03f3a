/*
 * test_json.c — cmocka tests for src/util/json.c: strings are written in
 * runs between the characters that need an escape, so an escape at the
 * start, in the middle or at the end of a text, several in a row, and a
 * text without any, must all come out whole.
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

/* A key and value pair is written in one piece when both are plain and
 * short (json_kv_string): the bytes must be those of json_key, then
 * json_string, then the comma, for every mix of plain, escaped, NULL,
 * empty and long texts (around the piece's 512 bytes). */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_anywhere),
        cmocka_unit_test(test_pair_as_key_then_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
