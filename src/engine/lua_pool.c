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

#define CLASS_SIZE LUA_POOL_CLASS
#define NCLASSES (LUA_POOL_MAX / CLASS_SIZE)
/* medium blocks: LUA_POOL_MAX < n <= LUA_POOL_MEDIUM_MAX, in power-of-two
 * classes 512, 1 KiB ... LUA_POOL_MEDIUM_MAX */
#define MEDIUM_MIN_SHIFT 9
#define MEDIUM_MAX_SHIFT 16
#define LUA_POOL_MEDIUM_MAX ((size_t)1 << MEDIUM_MAX_SHIFT)
#define NMEDIUM (MEDIUM_MAX_SHIFT - MEDIUM_MIN_SHIFT + 1)
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
    lua_pool_lists lists;       /* first (lua_pool.h): per class, linked through each block's first word */
    void *free_medium[NMEDIUM]; /* the same for medium blocks */
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

/* need bytes (a multiple of the alignment) cut from the current region,
 * else from a new one (the old one's rest unused); NULL when no region
 * can be mapped. */
static char *cut(lua_pool *p, size_t need)
{
    if ((size_t)(p->cut_end - p->cut) < need && !new_region(p)) return NULL;
    char *b = p->cut;
    p->cut += need;
    return b;
}

/* size bytes from a region, else from malloc (kept with the pool). */
static char *cut_or_malloc(lua_pool *p, size_t size)
{
    char *from_region = cut(p, sizeof(slab) + size);
    if (from_region) return (char *)((slab *)from_region)->data;
    slab *s = malloc(sizeof(slab) + size);
    if (!s) return NULL;
    s->next = p->slabs;
    p->slabs = s;
    return (char *)s->data;
}

static char *new_slab(lua_pool *p)
{
    return cut_or_malloc(p, SLAB);
}

/* The class of a block of n bytes (1 <= n <= LUA_POOL_MAX). */
static size_t class_of(size_t n)
{
    return (n - 1) / CLASS_SIZE;
}

static void *take(lua_pool *p, size_t c)
{
    void *b = p->lists.free[c];
    if (b) {
        p->lists.free[c] = *(void **)b;
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
    *(void **)b = p->lists.free[c];
    p->lists.free[c] = b;
}

/* The medium class of a block of n bytes (LUA_POOL_MAX < n <= LUA_POOL_MEDIUM_MAX). */
static size_t medium_class_of(size_t n)
{
    size_t c = 0;
    while (((size_t)1 << (MEDIUM_MIN_SHIFT + c)) < n) c++;
    return c;
}

/* Medium blocks come from the regions too (a table's array or hash part,
 * a long string, a function's code: through malloc they were most of the
 * engines' page faults, each engine thread's malloc arena growing by
 * mprotect a page at a time). */
static void *take_medium(lua_pool *p, size_t c)
{
    void *b = p->free_medium[c];
    if (b) {
        p->free_medium[c] = *(void **)b;
        return b;
    }
    return cut_or_malloc(p, (size_t)1 << (MEDIUM_MIN_SHIFT + c));
}

static void give_medium(lua_pool *p, void *b, size_t n)
{
    size_t c = medium_class_of(n);
    *(void **)b = p->free_medium[c];
    p->free_medium[c] = b;
}

/* Where a block of n bytes comes from. */
enum kind { SMALL, MEDIUM, LARGE };

static enum kind kind_of(size_t n)
{
    return n <= LUA_POOL_MAX ? SMALL : n <= LUA_POOL_MEDIUM_MAX ? MEDIUM : LARGE;
}

static int same_class(size_t a, size_t b)
{
    enum kind k = kind_of(a);
    if (k != kind_of(b)) return 0;
    return k == SMALL ? class_of(a) == class_of(b) : k == MEDIUM ? medium_class_of(a) == medium_class_of(b) : 0;
}

void *lua_pool_resize(lua_pool *p, void *ptr, size_t osize, size_t nsize)
{
    size_t old = ptr ? osize : 0;
    if (POOL_OFF || (old && kind_of(old) == LARGE && kind_of(nsize) == LARGE)) return realloc(ptr, nsize);
    if (old && same_class(old, nsize)) return ptr;
    enum kind k = kind_of(nsize);
    void *q = k == SMALL ? take(p, class_of(nsize)) : k == MEDIUM ? take_medium(p, medium_class_of(nsize)) : malloc(nsize);
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
    if (POOL_OFF || kind_of(osize) == LARGE) free(ptr);
    else if (kind_of(osize) == SMALL) give(p, ptr, osize);
    else give_medium(p, ptr, osize);
}
