/*
 * text_decode.c — input bytes to UTF-8 (see text_decode.h).
 *
 * Order of the decision: a UTF-16 byte order mark wins; then valid UTF-8
 * (a UTF-8 BOM is dropped); then Windows-1252. The five bytes Windows-1252
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and NUL bytes mean the
 * file is not text at all (a spreadsheet or a PDF), which is refused
 * rather than read as mojibake.
 */
#include "util/text_decode.h"

#include <stdlib.h>
#include <string.h>
#include "util/utf8.h"
#include "util/util.h"

/* Windows-1252 0x80..0x9F; 0 = undefined. 0xA0..0xFF are U+00A0..U+00FF. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* UTF-16 after its BOM; NULL and the new buffer, or a message. */
static const char *from_utf16(const unsigned char *p, size_t n, bool big, char **out, size_t *outlen, int *line)
{
    if (n % 2) {
        *line = 0;
        return "UTF-16 file with an odd number of bytes: the file is cut short";
    }
    char *buf = xmalloc(n / 2 * 3 + 1);   /* a code unit gives at most 3 bytes; a pair (4 bytes in) gives 4 */
    size_t o = 0;
    int ln = 1;
    for (size_t i = 0; i < n; i += 2) {
        unsigned long u = big ? (unsigned long)p[i] << 8 | p[i + 1] : (unsigned long)p[i + 1] << 8 | p[i];
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            unsigned long lo = big ? (unsigned long)p[i + 2] << 8 | p[i + 3] : (unsigned long)p[i + 3] << 8 | p[i + 2];
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
            free(buf);
            *line = ln;
            return u ? "invalid UTF-16 (unpaired surrogate)" : "NUL character: not a text file";
        }
        if (u == '\n' || (u == '\r' && !(i + 3 < n && (big ? p[i + 2] == 0 && p[i + 3] == '\n' : p[i + 2] == '\n' && p[i + 3] == 0))))
            ln++;                                   /* LF, CRLF or a lone CR, as utf8_line_of counts */
        o += put_utf8(buf + o, u);
    }
    buf[o] = '\0';
    *out = buf;
    *outlen = o;
    return NULL;
}

bool text_cp1252_to_utf8(const char *in, size_t n, char *out, size_t *outlen, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long cp = p[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_high[cp - 0x80];
        if (cp == 0) {
            *bad = i;
            return false;
        }
        o += put_utf8(out + o, cp);
    }
    out[o] = '\0';
    *outlen = o;
    return true;
}

static const char *from_cp1252(const unsigned char *p, size_t n, char **out, size_t *outlen, int *line)
{
    char *buf = xmalloc(n * 3 + 1);
    size_t bad;
    if (!text_cp1252_to_utf8((const char *)p, n, buf, outlen, &bad)) {
        free(buf);
        *line = utf8_line_of((const char *)p, bad);     /* CR and LF are the same bytes */
        return p[bad] ? "neither UTF-8 nor Windows-1252 text (save the file as UTF-8)" : "NUL byte: not a text file";
    }
    *out = buf;
    return NULL;
}

const char *text_decode(char **data, size_t *len, const char **encoding, bool *assumed, int *line)
{
    const unsigned char *p = (const unsigned char *)*data;
    size_t n = *len;
    char *out = NULL;
    size_t outlen = 0;
    const char *bad;
    *assumed = false;
    *line = 0;
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        bool big = p[0] == 0xFE;
        bad = from_utf16(p + 2, n - 2, big, &out, &outlen, line);
        if (bad) return bad;
        *encoding = big ? "UTF-16BE" : "UTF-16LE";
    } else {
        size_t bom = utf8_bom_len(*data, n), off;
        bad = utf8_check_text(*data + bom, n - bom, &off);
        if (!bad) {
            if (bom) memmove(*data, *data + bom, n - bom + 1);
            *len = n - bom;
            *encoding = "UTF-8";
            return NULL;
        }
        if (bom || memchr(*data, '\0', n)) {     /* marked UTF-8, or binary: no guessing */
            *line = utf8_line_of(*data + bom, off);
            return bad;
        }
        bad = from_cp1252(p, n, &out, &outlen, line);
        if (bad) return bad;
        *encoding = "Windows-1252";
        *assumed = true;
    }
    free(*data);
    *data = out;
    *len = outlen;
    return NULL;
}
