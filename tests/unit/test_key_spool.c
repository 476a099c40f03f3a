/*
 * test_key_spool.c — records found by a 64-bit key in a file behind a
 * filter (src/util/key_spool.c): every record added is found with its
 * bytes, a key never added is not, both while the file is read through
 * and once it is indexed; the records read back in order; a file that
 * cannot be written says so.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/key_spool.h"

/* Spread keys (a multiplicative hash of i), as the callers' hashes are. */
static uint64_t key_of(uint64_t i)
{
    return (i + 1) * 0x9e3779b97f4a7c15ULL;
}

typedef struct {
    uint64_t want;
    size_t seen;
} query;

static bool same_value(void *ud, const char *data, size_t n)
{
    query *q = ud;
    q->seen++;
    uint64_t v;
    if (n != sizeof v) return false;
    memcpy(&v, data, sizeof v);
    return v == q->want;
}

/* Keys 0..n-1 added (the value of key i is i * 7), looked up: each found,
 * key_of(n..2n-1) not. Enough of them that the filter says "maybe" for
 * some keys never added (more than the spool reads through before it
 * builds its index, when n is large). */
static void check_spool(size_t n)
{
    key_spool *s = key_spool_new(tmpfile());
    for (uint64_t i = 0; i < n; i++) {
        uint64_t v = i * 7;
        key_spool_add(s, key_of(i), &v, sizeof v);
    }
    assert_int_equal(key_spool_count(s), n);
    for (uint64_t i = 0; i < 2 * n; i++) {
        query q = { .want = i * 7 };
        bool found = key_spool_find(s, key_of(i), same_value, &q);
        if (i < n) assert_true(found);
        else assert_false(found);
    }
    /* a key found with other bytes than asked for: not a match */
    query q = { .want = 1 };
    assert_false(key_spool_find(s, key_of(3), same_value, &q));
    assert_int_equal(q.seen, 1);
    /* in the order added, after the lookups (which read ahead elsewhere) */
    uint64_t at = 0, next, h;
    for (uint64_t i = 0; i < n; i++, at = next) {
        const char *data;
        size_t len;
        assert_int_equal(key_spool_read(s, at, &h, &data, &len, &next), 0);
        assert_true(h == key_of(i));
        uint64_t v;
        assert_int_equal(len, sizeof v);
        memcpy(&v, data, sizeof v);
        assert_true(v == i * 7);
    }
    assert_int_equal(key_spool_sync(s), 0);
    key_spool_free(s);
}

static void test_few_keys(void **state)
{
    (void)state;
    check_spool(1000);
}

/* 400 000 keys in the 2^23 bits of the filter: hundreds of "maybe"s for
 * keys never added, so the index is built and then used. */
static void test_many_keys(void **state)
{
    (void)state;
    check_spool(400000);
}

/* Several records of one key: all handed over, oldest first while read
 * through; an empty record too. */
static void test_records_of_one_key(void **state)
{
    (void)state;
    key_spool *s = key_spool_new(tmpfile());
    for (uint64_t v = 0; v < 5; v++) key_spool_add(s, 42, &v, sizeof v);
    key_spool_add(s, 43, NULL, 0);
    query q = { .want = 4 };
    assert_true(key_spool_find(s, 42, same_value, &q));
    assert_int_equal(q.seen, 5);
    q = (query){ .want = 0 };
    assert_false(key_spool_find(s, 43, same_value, &q));
    assert_int_equal(q.seen, 1);
    key_spool_free(s);
}

/* A file that cannot be written: said, and nothing found. */
static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w+");
    if (!full) skip();
    key_spool *s = key_spool_new(full);
    for (uint64_t i = 0; i < 10000; i++) key_spool_add(s, key_of(i), &i, sizeof i);
    query q = { .want = 0 };
    assert_false(key_spool_find(s, key_of(0), same_value, &q));
    assert_int_equal(key_spool_sync(s), ENOSPC);
    key_spool_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_few_keys),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_records_of_one_key),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
