/*
 * test_utf8.c — cmocka tests for src/util/utf8.c and input_file.c: output
 * cleaning (U+FFFD for each maximal ill-formed prefix, control pictures;
 * in parts as in one piece),
 * line numbers in CR-only files, and input_open refusing a FIFO, a device
 * and a file over the size limit without blocking.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/input_file.h"
#include "util/utf8.h"

/* utf8_write_clean over s into a new string. */
static char *clean(const char *s, size_t len, int controls)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    utf8_write_clean(f, s, len, controls);
    fclose(f);
    return buf;
}

static void expect_clean(const char *s, int controls, const char *want)
{
    char *got = clean(s, strlen(s), controls);
    assert_string_equal(got, want);
    assert_int_equal(utf8_invalid_offset(got, strlen(got)), strlen(got));
    free(got);
}

#define FFFD "\xEF\xBF\xBD"

static void test_valid_passes(void **state)
{
    (void)state;
    expect_clean("Capaian 105,24% — é ✓ 𝄞\ttab\n", 1, "Capaian 105,24% — é ✓ 𝄞\ttab\n");
}

static void test_invalid_replaced(void **state)
{
    (void)state;
    expect_clean("a\xFF" "b", 0, "a" FFFD "b");
    expect_clean("\xC0\xAF", 0, FFFD FFFD);                 /* overlong: each byte */
    expect_clean("\xE2\x82" "x", 0, FFFD "x");              /* truncated 3-byte: one U+FFFD */
    expect_clean("\xF0\x9F\x98", 0, FFFD);                  /* truncated at the end */
    expect_clean("\xED\xA0\x80", 0, FFFD FFFD FFFD);        /* surrogate */
    expect_clean("\xF4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD); /* above U+10FFFF */
    expect_clean("caf\xE9", 0, "caf" FFFD);                 /* Windows-1252 */
}

/* The ASCII fast paths (eight bytes at a time in utf8_invalid_offset, a
 * byte at a time without decoding in the cleaning): a bad byte, a
 * control character or a multi-byte character at any place of a long
 * ASCII run is still found where it is. */
static void test_ascii_runs(void **state)
{
    (void)state;
    char s[48], want[64];
    for (size_t at = 0; at < 40; at++) {
        memset(s, 'a', 40);
        s[40] = '\0';
        s[at] = (char)0xFF;
        assert_int_equal(utf8_invalid_offset(s, 40), at);
        snprintf(want, sizeof want, "%.*s" FFFD "%s", (int)at, s, s + at + 1);
        expect_clean(s, 0, want);
        s[at] = '\x01';
        assert_int_equal(utf8_invalid_offset(s, 40), 40);
        snprintf(want, sizeof want, "%.*s\xE2\x90\x81%s", (int)at, s, s + at + 1);
        expect_clean(s, 1, want);
        expect_clean(s, 0, s);
        s[at] = '\x7f';                                   /* DELETE: the byte above the printable range */
        snprintf(want, sizeof want, "%.*s\xE2\x90\xA1%s", (int)at, s, s + at + 1);
        expect_clean(s, 1, want);
        expect_clean(s, 0, s);
        s[at] = '\x1f';                                   /* the byte below it */
        snprintf(want, sizeof want, "%.*s\xE2\x90\x9F%s", (int)at, s, s + at + 1);
        expect_clean(s, 1, want);
        s[at] = '~';                                      /* the range's ends pass */
        expect_clean(s, 1, s);
        s[at] = ' ';
        expect_clean(s, 1, s);
    }
    memset(s, 'b', 20);
    memcpy(s + 20, "\xC3\xA9", 2);                        /* é after 20 ASCII bytes */
    memset(s + 22, 'c', 10);
    s[32] = '\0';
    assert_int_equal(utf8_invalid_offset(s, 32), 32);
    s[21] = 'x';                                          /* its second byte gone */
    assert_int_equal(utf8_invalid_offset(s, 32), 20);
}

static void test_controls(void **state)
{
    (void)state;
    expect_clean("x\x1b[2Jy", 1, "x\xE2\x90\x9B[2Jy");      /* ESC -> U+241B */
    expect_clean("x\x1b[2Jy", 0, "x\x1b[2Jy");               /* JSON escapes its own */
    expect_clean("a\rb\x7f", 1, "a\xE2\x90\x8D" "b\xE2\x90\xA1");
    expect_clean("\xC2\x9B" "31m", 1, "<U+009B>31m");        /* C1 CSI */
    expect_clean("abc\xE2\x80\xAE" "fed", 1, "abc<U+202E>fed");  /* right-to-left override */
}

/* utf8_write_clean_part over s cut at `cut`, the held bytes put before the
 * second part, as output.c's stream does: the same as the whole at once. */
static void expect_parts_equal_whole(const char *s, size_t len, int controls)
{
    char *whole = clean(s, len, controls);
    for (size_t cut = 0; cut <= len; cut++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        assert_non_null(f);
        size_t took = utf8_write_clean_part(f, s, cut, controls, 0);
        assert_true(cut - took <= 3);
        char *rest = malloc(len - took + 1);
        memcpy(rest, s + took, len - took);
        utf8_write_clean_part(f, rest, len - took, controls, 1);
        fclose(f);
        assert_string_equal(buf, whole);
        free(rest);
        free(buf);
    }
    free(whole);
}

static void test_parts(void **state)
{
    (void)state;
    static const char s[] = "a\xE2\x82\xAC b \xF0\x9F\x98\x80 \xE2\x82 x\xFF\xC0\xAF \x1b[ \xC2\x9B \xF0\x9F\x98";
    expect_parts_equal_whole(s, sizeof s - 1, 0);
    expect_parts_equal_whole(s, sizeof s - 1, 1);
}

static void test_line_of_cr_only(void **state)
{
    (void)state;
    const char *s = "a\rb\rc\xFF\r";
    assert_int_equal(utf8_line_of(s, 5), 3);
    assert_int_equal(utf8_line_of("a\r\nb\nc", 5), 3);
    assert_int_equal(utf8_line_of("a\r\nb", 3), 2);
}

static void test_input_open_refuses(void **state)
{
    (void)state;
    char dir[] = "/tmp/lakip-utf8-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64], big[64];
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
    snprintf(big, sizeof big, "%s/big.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(input_open(fifo), -ENODEV);            /* returns at once, no writer needed */
    assert_int_equal(input_open("/dev/null"), -ENODEV);
    int fd = open(big, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)INPUT_MAX_BYTES + 1), 0);    /* sparse */
    close(fd);
    assert_int_equal(input_open(big), -EFBIG);
    char *data;
    size_t len;
    assert_int_equal(utf8_read_file(big, &data, &len), EFBIG);
    assert_non_null(strstr(input_error_text(EFBIG), "256 MiB"));
    fd = open(big, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "ok\n", 3), 3);
    close(fd);
    assert_int_equal(utf8_read_file(big, &data, &len), 0);
    assert_int_equal(len, 3);
    free(data);
    unlink(fifo);
    unlink(big);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_passes),
        cmocka_unit_test(test_invalid_replaced),
        cmocka_unit_test(test_ascii_runs),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_line_of_cr_only),
        cmocka_unit_test(test_input_open_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
