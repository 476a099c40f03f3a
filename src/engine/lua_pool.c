/*
 * lua_pool.c — the small blocks of one Lua state (see lua_pool.h).
 */
#include "engine/lua_pool.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_OFF 1
#endif
#endif
#ifndef POOL_OFF
#define POOL_OFF 0
#endif

#define CLASS_SIZE 16
#define NCLASSES (LUA_POOL_MAX / CLASS_SIZE)
#define SLAB (64u * 1024u)

typedef struct slab {
    struct slab *next;
    max_align_t data[];
} slab;

struct lua_pool {
    void *free[NCLASSES];       /* per class, linked through each block's first word */
    char *pos, *end;            /* what is left of the newest slab */
    slab *slabs;
};

lua_pool *lua_pool_new(void)
{
    return calloc(1, sizeof(lua_pool));
}

void lua_pool_free(lua_pool *p)
{
    if (!p) return;
    for (slab *s = p->slabs, *next; s; s = next) {
        next = s->next;
        free(s);
    }
    free(p);
}

/* The class of a block of n bytes (1 <= n <= LUA_POOL_MAX). */
static size_t class_of(size_t n)
{
    return (n - 1) / CLASS_SIZE;
}

static void *take(lua_pool *p, size_t c)
{
    void *b = p->free[c];
    if (b) {
        p->free[c] = *(void **)b;
        return b;
    }
    size_t size = (c + 1) * CLASS_SIZE;
    if ((size_t)(p->end - p->pos) < size) {
        slab *s = malloc(sizeof *s + SLAB);
        if (!s) return NULL;
        s->next = p->slabs;
        p->slabs = s;
        p->pos = (char *)s->data;
        p->end = p->pos + SLAB;
    }
    b = p->pos;
    p->pos += size;
    return b;
}

static void give(lua_pool *p, void *b, size_t n)
{
    size_t c = class_of(n);
    *(void **)b = p->free[c];
    p->free[c] = b;
}

void *lua_pool_resize(lua_pool *p, void *ptr, size_t osize, size_t nsize)
{
    size_t old = ptr ? osize : 0;
    if (POOL_OFF || (old > LUA_POOL_MAX && nsize > LUA_POOL_MAX)) return realloc(ptr, nsize);
    if (old && old <= LUA_POOL_MAX && nsize <= LUA_POOL_MAX && class_of(old) == class_of(nsize)) return ptr;
    void *q = nsize <= LUA_POOL_MAX ? take(p, class_of(nsize)) : malloc(nsize);
    if (!q) return NULL;
    if (old) {
        memcpy(q, ptr, old < nsize ? old : nsize);
        lua_pool_release(p, ptr, old);
    }
    return q;
}

void lua_pool_release(lua_pool *p, void *ptr, size_t osize)
{
    if (!ptr) return;
    if (POOL_OFF || osize > LUA_POOL_MAX) free(ptr);
    else give(p, ptr, osize);
}
