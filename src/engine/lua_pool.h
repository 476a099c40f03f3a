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

#define LUA_POOL_MAX 256

typedef struct lua_pool lua_pool;

lua_pool *lua_pool_new(void);
/* Frees the slabs: every pooled block with them. */
void lua_pool_free(lua_pool *p);
/* As realloc(ptr, nsize) for a block of osize bytes (ptr NULL: a new
 * block); nsize > 0. NULL when memory runs out, ptr then untouched. */
void *lua_pool_resize(lua_pool *p, void *ptr, size_t osize, size_t nsize);
/* As free(ptr) for a block of osize bytes. */
void lua_pool_release(lua_pool *p, void *ptr, size_t osize);

#endif
