/*
 * test_lua_pool.c — cmocka tests for src/engine/lua_pool.c: blocks made,
 * resized and freed at random, as a Lua state does, keep their bytes and
 * never overlap (each block filled with its own byte and checked after
 * every step of the others); sizes across the small, medium (up to 64
 * KiB, power-of-two classes) and malloc'ed ranges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine/lua_pool.h"

enum { SLOTS = 500, STEPS = 200000 };

typedef struct {
    unsigned char *p;
    size_t size;
    unsigned char mark;
} slot;

static unsigned rnd(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static void assert_marked(const slot *s)
{
    for (size_t i = 0; i < s->size; i++)
        if (s->p[i] != s->mark) fail_msg("block of %zu bytes: byte %zu is %u, not %u", s->size, i, s->p[i], s->mark);
}

/* mostly small blocks, as a Lua state's: 1..LUA_POOL_MAX + 100 bytes;
 * one in 32 up to 80 KiB (medium blocks, and malloc's beyond 64 KiB) */
static size_t some_size(unsigned *seed)
{
    if (rnd(seed) % 32 == 0) return 1 + (rnd(seed) * 65536u + rnd(seed)) % (80u << 10);
    return rnd(seed) % 8 ? 1 + rnd(seed) % LUA_POOL_MAX : 1 + rnd(seed) % (LUA_POOL_MAX + 100);
}

static void test_blocks_keep_their_bytes(void **state)
{
    (void)state;
    lua_pool *pool = lua_pool_new();
    assert_non_null(pool);
    slot slots[SLOTS] = { { 0 } };
    unsigned seed = 7;
    for (int step = 0; step < STEPS; step++) {
        slot *s = &slots[rnd(&seed) % SLOTS];
        unsigned what = rnd(&seed) % 3;
        if (!s->p) {                                /* a new block */
            s->size = some_size(&seed);
            s->p = lua_pool_resize(pool, NULL, 0, s->size);
            assert_non_null(s->p);
            s->mark = (unsigned char)(1 + step % 251);
            memset(s->p, s->mark, s->size);
        } else if (what == 0) {                     /* freed */
            assert_marked(s);
            lua_pool_release(pool, s->p, s->size);
            s->p = NULL;
        } else {                                    /* resized: the bytes it keeps are kept */
            assert_marked(s);
            size_t size = some_size(&seed);
            s->p = lua_pool_resize(pool, s->p, s->size, size);
            assert_non_null(s->p);
            for (size_t i = 0; i < (size < s->size ? size : s->size); i++) assert_int_equal(s->p[i], s->mark);
            s->size = size;
            memset(s->p, s->mark, s->size);
        }
        if (step % 997 == 0)
            for (int k = 0; k < SLOTS; k++)
                if (slots[k].p) assert_marked(&slots[k]);
    }
    for (int k = 0; k < SLOTS; k++) {
        if (!slots[k].p) continue;
        assert_marked(&slots[k]);
        lua_pool_release(pool, slots[k].p, slots[k].size);
    }
    lua_pool_free(pool);
}

/* More small blocks than one 2 MiB region holds (the pool cuts its slabs
 * from regions, lua_pool.c): 60 000 blocks of 16 to 256 bytes, about 8 MiB,
 * every one still holding its bytes when all are made, then freed and made
 * again from the free lists. */
static void test_many_regions(void **state)
{
    (void)state;
    enum { BLOCKS = 60000 };
    lua_pool *pool = lua_pool_new();
    static slot blocks[BLOCKS];
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < BLOCKS; i++) {
            blocks[i].size = 16 + (i * 7919) % (LUA_POOL_MAX - 15);
            blocks[i].mark = (unsigned char)(i * 31 + round);
            blocks[i].p = lua_pool_resize(pool, NULL, 0, blocks[i].size);
            assert_non_null(blocks[i].p);
            memset(blocks[i].p, blocks[i].mark, blocks[i].size);
        }
        for (size_t i = 0; i < BLOCKS; i++) assert_marked(&blocks[i]);
        for (size_t i = 0; i < BLOCKS; i++) lua_pool_release(pool, blocks[i].p, blocks[i].size);
    }
    lua_pool_free(pool);
}

/* Blocks are aligned for any type Lua stores in them, whatever their size. */
static void test_alignment(void **state)
{
    (void)state;
    lua_pool *pool = lua_pool_new();
    for (size_t n = 1; n <= (80u << 10); n += n < LUA_POOL_MAX + 8 ? 1 : 997) {
        void *p = lua_pool_resize(pool, NULL, 0, n);
        assert_int_equal((uintptr_t)p % _Alignof(double), 0);
        assert_int_equal((uintptr_t)p % _Alignof(void *), 0);
        lua_pool_release(pool, p, n);
    }
    lua_pool_free(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_keep_their_bytes),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_many_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
