/*
 * utf8.c — reading and checking text inputs (see utf8.h).
 *
 * Validation follows the well-formed byte sequences table of the Unicode
 * standard (ch. 3, table 3-7), so the checks on the second byte reject
 * overlongs and surrogates without decoding the code point.
 */
#include "util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int utf8_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return errno ? errno : EIO;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (cap - n < 2) {
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
    int bad = ferror(f) ? (errno ? errno : EIO) : 0;
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

size_t utf8_invalid_offset(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
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
        else return i;
        if (len - i < n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (size_t k = 2; k < n; k++)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
        i += n;
    }
    return len;
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
        if (s[i] == '\n') line++;
    return line;
}
