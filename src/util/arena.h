/*
 * arena.h — memory handed out from large blocks and freed all at once.
 *
 * Tables keep their rows and cell texts here, finding lists their pooled
 * strings: a million-row sheet or a million findings would otherwise cost
 * millions of small mallocs, and everything in them goes together.
 */
#ifndef LAKIP_ARENA_H
#define LAKIP_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct {
    arena_block *blocks;    /* newest first; NULL: empty */
} arena;

/* n bytes aligned for any type, valid until arena_free. */
void *arena_alloc(arena *a, size_t n);
/* Frees every block; the arena is empty again. */
void arena_free(arena *a);
/* Moves src's blocks into dst (what was allocated in src stays valid and
 * now goes with dst); src is empty. */
void arena_move(arena *dst, arena *src);

#endif
