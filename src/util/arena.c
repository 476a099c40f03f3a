/*
 * arena.c — memory from large blocks, freed at once (see arena.h).
 */
#include "util/arena.h"

#include <stdlib.h>
#include "util/util.h"

/* 256 KiB: a few hundred rows or findings per block. */
#define ARENA_BLOCK (256u * 1024u)

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void *arena_alloc(arena *a, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = a->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof *b + size);
        b->next = a->blocks;
        b->used = 0;
        b->size = size;
        a->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void arena_free(arena *a)
{
    for (arena_block *b = a->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->blocks = NULL;
}

void arena_move(arena *dst, arena *src)
{
    if (!src->blocks) return;
    arena_block *last = src->blocks;
    while (last->next) last = last->next;
    last->next = dst->blocks;
    dst->blocks = src->blocks;
    src->blocks = NULL;
}
