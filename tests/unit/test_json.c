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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
