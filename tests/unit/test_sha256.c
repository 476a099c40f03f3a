/*
 * test_sha256.c — cmocka tests for src/sha256.c: the FIPS 180-4 example
 * vectors (NIST CSRC "SHA256.pdf" and the long-message vector), the
 * streaming API fed in odd-sized pieces across block boundaries, and
 * sha256_file on a temporary file and on a missing one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/sha256.h"

#define V_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define V_ABC   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define V_448   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define V_896   "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
#define V_1M_A  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
#define MSG_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG_896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

static void check_hex(const char *msg, size_t n, const char *want)
{
    char hex[65];
    sha256_hex(msg, n, hex);
    assert_string_equal(hex, want);
}

static void test_empty(void **state)
{
    (void)state;
    check_hex("", 0, V_EMPTY);
}

static void test_abc(void **state)
{
    (void)state;
    check_hex("abc", 3, V_ABC);
}

static void test_448_bits(void **state)
{
    (void)state;
    assert_int_equal(strlen(MSG_448), 56);      /* padding needs a second block */
    check_hex(MSG_448, strlen(MSG_448), V_448);
}

static void test_896_bits(void **state)
{
    (void)state;
    check_hex(MSG_896, strlen(MSG_896), V_896);
}

static void test_million_a(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    check_hex(a, n, V_1M_A);
    free(a);
}

/* The same million 'a' through update in pieces of 1..127 bytes, so every
 * path of the block buffer is taken. */
static void test_streaming(void **state)
{
    (void)state;
    char piece[127];
    memset(piece, 'a', sizeof piece);
    sha256_ctx c;
    sha256_init(&c);
    size_t left = 1000000;
    for (size_t k = 1; left; k = k % 127 + 1) {
        size_t n = k < left ? k : left;
        sha256_update(&c, piece, n);
        left -= n;
    }
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_final(&c, d);
    char hex[65];
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
    assert_string_equal(hex, V_1M_A);
}

/* Lengths around the 55/56/64-byte padding boundaries: a split update
 * must give the same digest as a single one. */
static void test_boundaries(void **state)
{
    (void)state;
    char buf[130];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)('A' + i % 26);
    for (size_t n = 50; n <= sizeof buf; n++) {
        char one[65], two[65];
        sha256_hex(buf, n, one);
        sha256_ctx c;
        unsigned char d[SHA256_DIGEST_SIZE];
        sha256_init(&c);
        sha256_update(&c, buf, n / 3);
        sha256_update(&c, buf + n / 3, n - n / 3);
        sha256_final(&c, d);
        for (int i = 0; i < SHA256_DIGEST_SIZE; i++) snprintf(two + 2 * i, 3, "%02x", d[i]);
        assert_string_equal(one, two);
    }
}

static void test_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_sha256_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    char hex[65];
    assert_int_equal(sha256_file(path, hex), 0);
    assert_string_equal(hex, V_ABC);
    unlink(path);
    assert_int_equal(sha256_file(path, hex), -1);
    assert_string_equal(hex, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bits),
        cmocka_unit_test(test_896_bits),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_streaming),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
