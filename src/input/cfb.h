/*
 * cfb.h — one stream out of a Compound File Binary container (the OLE2
 * "structured storage" of Excel 97-2003 .xls files, [MS-CFB]).
 *
 * The whole file is in memory (it was read within INPUT_MAX_BYTES); the
 * stream is copied out by following its sector chain through the FAT, or
 * the mini FAT for streams under the cut-off. Every sector number, chain
 * length and size is checked against the file, so a damaged or hostile
 * file gives a reason, never a read out of bounds or an endless chain.
 */
#ifndef LAKIP_CFB_H
#define LAKIP_CFB_H

#include <stddef.h>

/* True when data starts with the compound file signature. */
int cfb_is_compound(const unsigned char *data, size_t size);

/* Copies the stream named `name` (compared without case; the first of
 * `name` and `alt` found, alt may be NULL) into a malloc'ed *out of
 * *out_size bytes. Returns 0, 1 when neither stream exists, or -1 when the
 * container is damaged; *why (static English text) says what is wrong. */
int cfb_read_stream(const unsigned char *data, size_t size, const char *name, const char *alt,
                    unsigned char **out, size_t *out_size, const char **why);

#endif
