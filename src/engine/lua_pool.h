/*
 * lua_pool.h — the small blocks of one Lua state, from free lists.
 *
 * A Lua state makes and frees its tables, strings, closures and views by
 * the hundred thousand (about ten per row of a long-form file, nine in ten
 * of them 64 bytes or less); through malloc each cost about 200
 * instructions, an eighth of the rules' time. Blocks of up to
 * LUA_POOL_MAX bytes come instead from a free list per 16-byte size class,
 * carved from 64 KiB slabs that are kept until the pool is freed (after
 * lua_close); the slabs are cut from 2 MiB regions for which the kernel is
 * asked for huge pages (fewer page faults: lua_pool.c). Blocks of up to
 * 64 KiB come from the same regions, from a free list per power-of-two
 * size. Lua gives the old size of every block it resizes or frees, so a
 * block needs no header. Larger blocks are malloc's. Not thread-safe: one
 * state, one thread at a time, as the engines are used.
 *
 * Under AddressSanitizer every block is malloc's, so its checks (and the
 * leak check) still see each one.
 */
#ifndef LAKIP_LUA_POOL_H
#define LAKIP_LUA_POOL_H

#include <stddef.h>

#include "util/sanitizer.h"

#define LUA_POOL_MAX 256
#define LUA_POOL_CLASS 16           /* bytes between the small size classes */

typedef struct lua_pool lua_pool;

/* What a pool begins with: the free list of each small size class, for
 * the inline functions below (the allocator takes and gives back a
 * small block some 200 000 times on the 20k-row bench file; through
 * lua_pool_resize and lua_pool_release each cost four times as many
 * instructions as the list operation). */
typedef struct {
    void *free[LUA_POOL_MAX / LUA_POOL_CLASS];  /* linked through each block's first word */
} lua_pool_lists;

/* A free block of n bytes (0 < n <= LUA_POOL_MAX) from its class's list,
 * or NULL when that list is empty (then lua_pool_resize) or under ASan. */
static inline void *lua_pool_pop(lua_pool *p, size_t n)
{
    if (UNDER_ASAN) return NULL;
    void **list = &((lua_pool_lists *)(void *)p)->free[(n - 1) / LUA_POOL_CLASS];
    void *b = *list;
    if (b) *list = *(void **)b;
    return b;
}

/* Gives back block b of n bytes (0 < n <= LUA_POOL_MAX, not under ASan:
 * then lua_pool_release) to its class's list. */
static inline void lua_pool_push(lua_pool *p, void *b, size_t n)
{
    void **list = &((lua_pool_lists *)(void *)p)->free[(n - 1) / LUA_POOL_CLASS];
    *(void **)b = *list;
    *list = b;
}

lua_pool *lua_pool_new(void);
/* Frees the slabs: every pooled block with them. */
void lua_pool_free(lua_pool *p);
/* As realloc(ptr, nsize) for a block of osize bytes (ptr NULL: a new
 * block); nsize > 0. NULL when memory runs out, ptr then untouched. */
void *lua_pool_resize(lua_pool *p, void *ptr, size_t osize, size_t nsize);
/* As free(ptr) for a block of osize bytes. */
void lua_pool_release(lua_pool *p, void *ptr, size_t osize);

#endif
