/*
 * util.h — small helpers shared by every module: checked allocation and
 * string duplication. Allocation failure aborts with a message: the tool
 * has no sensible way to go on without memory, and checking every strdup
 * would bury the logic.
 */
#ifndef LAKIP_UTIL_H
#define LAKIP_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);             /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
/* Grows *items (of *cap elements of size `size`) to hold at least `need`. */
void grow_array(void **items, size_t *cap, size_t need, size_t size);
/* qsort that takes an empty array as it comes: qsort(NULL, 0, ...) is
 * undefined behaviour in C (UBSan reports it), and empty lists are NULL. */
void sort_items(void *items, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* The last path component. */
const char *path_basename(const char *path);

#endif
