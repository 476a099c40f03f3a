/*
 * read_text.h — one input file as UTF-8 text, for every loader: read
 * whole, decoded from UTF-8, UTF-16 (with BOM) or Windows-1252
 * (text_decode.h), with a load_error naming the file and line otherwise.
 */
#ifndef LAKIP_READ_TEXT_H
#define LAKIP_READ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

/* Returns 0 with *data (free it) of *len bytes, NUL-terminated, and the
 * encoding read (see text_decode); or -1 with *err filled. */
int read_text(const char *path, char **data, size_t *len, const char **encoding, bool *assumed, load_error *err);

#endif
