/*
 * utf8.c — reading and checking text inputs (see utf8.h).
 *
 * Validation follows the well-formed byte sequences table of the Unicode
 * standard (ch. 3, table 3-7), so the checks on the second byte reject
 * overlongs and surrogates without decoding the code point.
 */
#include "util/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/input_file.h"

int utf8_read_file(const char *path, char **data, size_t *len)
{
    int fd = input_open(path);
    if (fd < 0) return -fd;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return e;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (cap - n < 2) {
            /* the file grew after input_open checked its size */
            if (cap > INPUT_MAX_BYTES) {
                free(buf);
                fclose(f);
                return EFBIG;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                fclose(f);
                return ENOMEM;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f) ? (errno ? errno : EIO) : n > INPUT_MAX_BYTES ? EFBIG : 0;
    fclose(f);
    if (bad) {
        free(buf);
        return bad;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

size_t utf8_bom_len(const char *s, size_t len)
{
    return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Length of the well-formed sequence at p[0..avail), or 0 when it is
 * ill-formed; *prefix is then the length of its maximal valid prefix
 * (at least 1), the bytes one U+FFFD replaces. */
static size_t sequence_len(const unsigned char *p, size_t avail, size_t *prefix)
{
    unsigned char c = p[0];
    *prefix = 1;
    if (c < 0x80) return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;     /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) { n = 3; hi = 0x9F; }   /* no surrogates */
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }   /* nothing above U+10FFFF */
    else return 0;
    if (avail < 2 || p[1] < lo || p[1] > hi) return 0;
    for (size_t k = 2; k < n; k++) {
        *prefix = k;
        if (k >= avail || p[k] < 0x80 || p[k] > 0xBF) return 0;
    }
    return n;
}

size_t utf8_invalid_offset(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, prefix;
    while (i < len) {
        /* ASCII eight bytes at a time: most text of a data file is */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= len) break;
        size_t n = sequence_len(p + i, len - i, &prefix);
        if (!n) return i;
        i += n;
    }
    return len;
}

/* The code point of a well-formed sequence of n bytes. */
static unsigned long decode(const unsigned char *p, size_t n)
{
    if (n == 1) return p[0];
    unsigned long cp = p[0] & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; k++) cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
}

/* Control characters a terminal or a Markdown renderer would act on:
 * C0 but TAB and LF, DEL, C1, and the bidirectional overrides and
 * isolates (U+202A..U+202E, U+2066..U+2069) that reorder what is shown. */
static int is_control(unsigned long cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void utf8_write_clean(FILE *out, const char *s, size_t len, int escape_controls)
{
    utf8_write_clean_part(out, s, len, escape_controls, 1);
}

size_t utf8_write_clean_part(FILE *out, const char *s, size_t len, int escape_controls, int last)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, start = 0, prefix;
    while (i < len) {
        /* printable ASCII passes as it is, whatever escape_controls says:
         * sixteen bytes (where SSE2 is) or eight at a time while none is
         * below 0x20 or above 0x7E (most of a report's text) */
#ifdef __SSE2__
        const __m128i space = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F);
        while (len - i >= 16) {
            /* signed: the bytes from 0x80 up are below 0 */
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            unsigned printable = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, space), _mm_cmplt_epi8(v, del)));
            if (printable != 0xFFFF) {
                i += (size_t)__builtin_ctz(~printable);
                break;
            }
            i += 16;
        }
#endif
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t below = (w - 0x2020202020202020ULL) & ~w;            /* a byte < 0x20 */
            uint64_t above = (w + 0x0101010101010101ULL) | w;             /* a byte > 0x7E */
            if ((below | above) & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= len) break;
        if (p[i] >= 0x20 && p[i] < 0x7F) {
            i++;
            continue;
        }
        size_t n = sequence_len(p + i, len - i, &prefix);
        if (!n && !last && i + prefix == len) break;    /* may be a sequence the next part completes */
        unsigned long cp = n ? decode(p + i, n) : 0;
        if (n && !(escape_controls && is_control(cp))) {
            i += n;
            continue;
        }
        fwrite(p + start, 1, i - start, out);
        if (!n) {
            fputs("\xEF\xBF\xBD", out);           /* U+FFFD for the maximal ill-formed prefix */
            i += prefix;
        } else {
            if (cp < 0x20) fprintf(out, "\xE2\x90%c", (char)(0x80 + cp));    /* U+2400 + c: the control picture */
            else if (cp == 0x7F) fputs("\xE2\x90\xA1", out);                 /* U+2421 DELETE picture */
            else fprintf(out, "<U+%04lX>", cp);
            i += n;
        }
        start = i;
    }
    fwrite(p + start, 1, i - start, out);
    return i;
}

const char *utf8_check_text(const char *s, size_t len, size_t *off)
{
    *off = 0;
    if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
        return "file is UTF-16: save it as UTF-8";
    const char *nul = memchr(s, '\0', len);
    size_t bad = utf8_invalid_offset(s, nul ? (size_t)(nul - s) : len);
    if (bad < (nul ? (size_t)(nul - s) : len)) {
        *off = bad;
        return "invalid UTF-8 (save the file as UTF-8)";
    }
    if (nul) {
        *off = (size_t)(nul - s);
        return "NUL byte: not a text file";
    }
    return NULL;
}

int utf8_line_of(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) line++;
    return line;
}
