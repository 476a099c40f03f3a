/*
 * utf8.h — reading an input file as UTF-8 text.
 *
 * Reading a file whole and checking UTF-8 (text_decode.h turns UTF-16 and
 * Windows-1252 inputs into UTF-8 first; what is neither is refused with
 * the line of the first bad byte rather than carried as mojibake into
 * findings). Uses only the C library.
 */
#ifndef LAKIP_UTF8_H
#define LAKIP_UTF8_H

#include <stddef.h>
#include <stdio.h>

/* Reads the whole file into a new NUL-terminated buffer. Returns 0, or an
 * errno value (nothing allocated; input_error_text says it in words):
 * ENODEV for a FIFO, device or socket (refused before it is opened),
 * EFBIG for a file over INPUT_MAX_BYTES. */
int utf8_read_file(const char *path, char **data, size_t *len);

/* 3 when s starts with the UTF-8 byte order mark, else 0. */
size_t utf8_bom_len(const char *s, size_t len);

/* Offset of the first byte that does not start a well-formed UTF-8
 * sequence (overlong forms, surrogates and code points above U+10FFFF are
 * ill-formed), or len when s[0..len) is valid. */
size_t utf8_invalid_offset(const char *s, size_t len);

/* Writes s[0..len) as valid UTF-8: each ill-formed sequence (its maximal
 * valid prefix, as Unicode recommends) becomes U+FFFD. With
 * escape_controls, control characters become visible: C0 as their control
 * pictures (ESC -> U+241B), DEL as U+2421, C1 and the bidirectional
 * overrides as "<U+XXXX>"; TAB and LF stay. */
void utf8_write_clean(FILE *out, const char *s, size_t len, int escape_controls);
/* The same for text that comes in parts: a part may end inside a sequence,
 * which is then left unwritten (at most 3 bytes); returns how many bytes
 * were taken: put the rest before the next part. With last set, every byte
 * is taken (as utf8_write_clean). */
size_t utf8_write_clean_part(FILE *out, const char *s, size_t len, int escape_controls, int last);

/* NULL when s[0..len) is usable text; else a message ("invalid UTF-8",
 * "file is UTF-16: save it as UTF-8", "NUL byte: not a text file") with
 * the offending offset in *off. */
const char *utf8_check_text(const char *s, size_t len, size_t *off);

/* 1-based line of byte offset off in s: a line ends at "\n", "\r\n" or a
 * lone "\r" (old Mac exports), as the loaders count them. */
int utf8_line_of(const char *s, size_t off);

#endif
