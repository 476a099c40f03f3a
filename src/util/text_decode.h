/*
 * text_decode.h — the bytes of an input file as UTF-8 text, whatever the
 * program that saved it: UTF-8 (with or without byte order mark), UTF-16
 * with a byte order mark ("Unicode text" from Excel or Notepad), and
 * Windows-1252, what Excel on an Indonesian Windows PC writes for "CSV"
 * (assumed when the bytes are not valid UTF-8 and every byte is a
 * Windows-1252 character). Uses only the C library.
 */
#ifndef LAKIP_TEXT_DECODE_H
#define LAKIP_TEXT_DECODE_H

#include <stdbool.h>
#include <stddef.h>

/* Replaces *data (a malloc'ed, NUL-terminated buffer of *len bytes) with
 * its text in UTF-8, byte order mark removed. *encoding gets "UTF-8",
 * "UTF-16LE", "UTF-16BE" or "Windows-1252"; *assumed is true when the
 * encoding was guessed (Windows-1252). Returns NULL, or a message (English,
 * e.g. "NUL byte: not a text file") with the 1-based line of the problem
 * in *line; *data is then unchanged. */
const char *text_decode(char **data, size_t *len, const char **encoding, bool *assumed, int *line);

/* in[0..n) read as Windows-1252 into out (room for n * 3 + 1 bytes),
 * NUL-terminated, *outlen bytes: what text_decode makes of those bytes
 * when it decides on Windows-1252 (a streamed file decodes line by line).
 * False at a NUL or one of the five undefined bytes, at offset *bad. */
bool text_cp1252_to_utf8(const char *in, size_t n, char *out, size_t *outlen, size_t *bad);

#endif
