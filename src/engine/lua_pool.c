/*
 * lua_pool.c — the small blocks of one Lua state (see lua_pool.h).
 */
#define _GNU_SOURCE             /* MADV_HUGEPAGE */
#include "engine/lua_pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/sanitizer.h"

#define POOL_OFF UNDER_ASAN         /* every block malloc's, so ASan's checks see each one */

#define CLASS_SIZE 16
#define NCLASSES (LUA_POOL_MAX / CLASS_SIZE)
#define SLAB (64u * 1024u)
#define REGION ((size_t)2 << 20)    /* one transparent huge page */

typedef struct slab {
    struct slab *next;
    max_align_t data[];
} slab;

/* Slabs are cut from regions of one huge page each (where the kernel gives
 * huge pages on request, /sys/kernel/mm/transparent_hugepage/enabled =
 * madvise or always): a Lua state's first megabytes then cost one page
 * fault per 2 MiB instead of one per 4 KiB. On the sample report that was
 * ~800 of its 1 800 page faults (each ~1.5-2 us here), most of them while
 * the two engines load at once. Without huge pages a region is ordinary
 * memory, faulted in as it is used. */
typedef struct region {
    struct region *next;
    void *base;                 /* as mapped */
    size_t length;
} region;

struct lua_pool {
    void *free[NCLASSES];       /* per class, linked through each block's first word */
    char *pos, *end;            /* what is left of the newest slab */
    slab *slabs;                /* slabs from malloc (no region could be mapped) */
    region *regions;
    char *cut, *cut_end;        /* what is left of the newest region */
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
    for (region *r = p->regions, *next; r; r = next) {
        next = r->next;
        munmap(r->base, r->length);
        free(r);
    }
    free(p);
}

/* A new region of REGION bytes aligned to REGION (a huge page can only
 * back an aligned one); 0 when none can be mapped. */
static int new_region(lua_pool *p)
{
    region *r = malloc(sizeof *r);
    if (!r) return 0;
    r->length = 2 * REGION;
    r->base = mmap(NULL, r->length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r->base == MAP_FAILED) {
        free(r);
        return 0;
    }
    char *aligned = (char *)(((uintptr_t)r->base + REGION - 1) & ~(uintptr_t)(REGION - 1));
    madvise(aligned, REGION, MADV_HUGEPAGE);        /* a request: without it, small pages */
    r->next = p->regions;
    p->regions = r;
    p->cut = aligned;
    p->cut_end = aligned + REGION;
    return 1;
}

/* A new slab: from the current region, else a new region, else malloc. */
static char *new_slab(lua_pool *p)
{
    size_t need = sizeof(slab) + SLAB;
    if ((size_t)(p->cut_end - p->cut) >= need || new_region(p)) {
        char *s = p->cut;
        p->cut += need;
        return (char *)((slab *)s)->data;
    }
    slab *s = malloc(need);
    if (!s) return NULL;
    s->next = p->slabs;
    p->slabs = s;
    return (char *)s->data;
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
        char *data = new_slab(p);
        if (!data) return NULL;
        p->pos = data;
        p->end = data + SLAB;
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
