/*
 * json.c — JSON string escaping for the writers (see json.h). Control
 * characters become \uXXXX; UTF-8 passes through, but a string's
 * ill-formed sequences (a rule may cut a text inside a character) become
 * U+FFFD exactly as the output's cleaning (utf8_write_clean) would make
 * them, so JSON is valid UTF-8 as it is written (RFC 8259 §8.1) and the
 * JSON report needs no cleaning stream (output.c).
 *
 * Everything is built in a json_buf first: a writer that makes a whole
 * finding there writes it with one fwrite (a finding is some twenty-five
 * pairs, and an fwrite each was a fifth of a long-form file's JSON), and
 * the FILE functions below are the same code through a buffer of their own.
 */
#include "util/json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/utf8.h"
#include "util/util.h"

void json_buf_init(json_buf *b, char *local, size_t size)
{
    *b = (json_buf){ .data = local, .cap = size, .local = local, .local_size = size };
}

void json_buf_free(json_buf *b)
{
    if (b->data != b->local) free(b->data);
    json_buf_init(b, b->local, b->local_size);
}

/* Room for n more bytes, when there is not. */
static void grow(json_buf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < n) cap *= 2;
    if (b->data == b->local) {
        char *heap = xmalloc(cap);
        if (b->len) memcpy(heap, b->data, b->len);
        b->data = heap;
    } else {
        b->data = xrealloc(b->data, cap);
    }
    b->cap = cap;
}

static inline void reserve(json_buf *b, size_t n)
{
    if (b->cap - b->len < n) grow(b, n);
}

void json_buf_put(json_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void json_buf_repeat(json_buf *b, size_t from, size_t n)
{
    reserve(b, n);              /* (data may move: the bytes are copied after) */
    memmove(b->data + b->len, b->data + from, n);
    b->len += n;
}

static void put_char(json_buf *b, char c)
{
    reserve(b, 1);
    b->data[b->len++] = c;
}

/* Whether any of the eight bytes of w needs an escape: below 0x20 (the
 * NUL included), a quote or a backslash (the exact tests of "a byte less
 * than n" and "a byte equal to c" on a whole word). */
static int word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs ? 1 : 0;
}

static int byte_needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* The first i >= from, up to n, where p[i] needs an escape: sixteen bytes
 * tested at once where SSE2 is (an output's strings were 6-7 instructions
 * a byte with eight at a time), else eight. */
static size_t next_escape(const unsigned char *p, size_t from, size_t n)
{
    size_t i = from;
#ifdef __SSE2__
    const __m128i below = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        /* a byte <= 0x1F is one the unsigned saturating subtraction zeroes */
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(v, below), _mm_setzero_si128()),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask) return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (word_needs_escape(w)) break;
        i += 8;
    }
    while (i < n && !byte_needs_escape(p[i])) i++;
    return i;
}

/* The escapes of s from i on (n bytes in all; s[i] needs one), then the
 * closing quote: the text that needs none copied in runs. */
static void put_escaped_rest(json_buf *b, const char *s, size_t i, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        /* what needs no escape is copied in runs */
        size_t run = i;
        i = next_escape(p, i, n);
        reserve(b, i - run + 1);       /* an escape before may have used the room of the start */
        memcpy(b->data + b->len, s + run, i - run);
        b->len += i - run;
        if (i == n) break;
        switch (p[i]) {
        case '"': json_buf_put(b, "\\\"", 2); break;
        case '\\': json_buf_put(b, "\\\\", 2); break;
        case '\n': json_buf_put(b, "\\n", 2); break;
        case '\r': json_buf_put(b, "\\r", 2); break;
        case '\t': json_buf_put(b, "\\t", 2); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            char u[6] = { '\\', 'u', '0', '0', hex[p[i] >> 4], hex[p[i] & 15] };
            json_buf_put(b, u, sizeof u);
        }
        }
        i++;
    }
    put_char(b, '"');
}

static void put_string(json_buf *b, const char *s, size_t n);

/* The length of the well-formed UTF-8 sequence that starts with p[0]
 * (not ASCII), or 0: Unicode's table 3-7 (no overlongs, surrogates or
 * code points above U+10FFFF), as utf8_invalid_offset judges it, at a
 * dozen instructions a character. p[1..3] must be readable: a sequence
 * cut short meets a byte that cannot continue it (the string's own next
 * byte, or the padding after it). */
static inline size_t sequence_length(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0xC2) return 0;
    if (c < 0xE0) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    /* the second byte's range: narrower after E0 (overlongs), ED
     * (surrogates), F0 (overlongs) and F4 (above U+10FFFF) */
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80) return 0;
    if (c < 0xF0) return 3;
    return c <= 0xF4 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
}

/* Whether p[from..n) is well-formed UTF-8, from being where a sequence
 * may start; p has three readable bytes after n that cannot continue a
 * sequence (a string's padding). */
static bool valid_utf8(const unsigned char *p, size_t from, size_t n)
{
    for (size_t i = from; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = sequence_length(p + i);
        if (!len) return false;
        i += len;
    }
    return true;
}

/* The sequences that start at the bytes of high (a block's bytes that are
 * not ASCII, from u[i] on) checked: where the last one ends (done, the end
 * of one checked before, may be past the block's first bytes), or 0 when
 * one is ill-formed. */
static size_t checked_to(const unsigned char *u, size_t i, unsigned high, size_t done)
{
    if (done > i) high &= ~0u << (done - i);        /* (done - i <= 3) */
    while (high) {
        size_t at = i + (size_t)__builtin_ctz(high), len = sequence_length(u + at);
        if (!len) return 0;
        done = at + len;
        high = done - i >= 16 ? 0 : high & ~0u << (done - i);
    }
    return done;
}

static void put_cleaned(json_buf *b, const char *s, size_t n);

/* The rest of put_string's string, copied at b's end (u), when s[i] needs
 * an escape: the bytes from `from` on checked first (those before were),
 * then the escapes. */
static void put_escaping(json_buf *b, const char *s, size_t n, size_t i, size_t from)
{
    const unsigned char *u = (const unsigned char *)b->data + b->len + 1;
    if (!valid_utf8(u, from, n)) {
        put_cleaned(b, s, n);
        return;
    }
    b->len += 1 + i;        /* the opening quote and what needs no escape */
    put_escaped_rest(b, s, i, n);
}

/* "s" (n bytes, with an ill-formed sequence) as put_string writes a
 * valid one, after the cleaning (rare: a copy through a memory stream,
 * which fails only when memory does, as xmalloc then). */
static void put_cleaned(json_buf *b, const char *s, size_t n)
{
    char *clean = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&clean, &len);
    if (mem) utf8_write_clean(mem, s, n, 0);
    if (!mem || fclose(mem) != 0) {
        fputs("lakip-audit: out of memory\n", stderr);
        abort();
    }
    put_string(b, clean, len);          /* valid now: once more at most */
    free(clean);
}

/* "s" (its n bytes) with escapes, valid UTF-8. Inlined into its few
 * callers (a call was a fifth of a short string's cost; a finding writes
 * some forty strings), the rare work out of line. */
#if defined __GNUC__
__attribute__((always_inline))
#endif
static inline void put_string(json_buf *b, const char *s, size_t n)
{
#ifdef __SSE2__
    /* Copied whole, then looked over in the buffer in blocks of sixteen,
     * the last one padded with spaces (which need no escape): no byte at
     * a time for the end of the string. Most strings need no escape and
     * are done here; else the rest from the first escape below. The same
     * blocks show the bytes that are not ASCII: a sequence is checked
     * where each starts (`done`: the end of the last one checked, which
     * may be in the next block). */
    reserve(b, n + 2 + 16);
    char *o = b->data + b->len + 1;
    const unsigned char *u = (const unsigned char *)o;
    o[-1] = '"';
    memcpy(o, s, n);
    memset(o + n, ' ', 16);
    const __m128i below = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    size_t done = 0;
    for (size_t i = 0; i < n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(o + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        if (high && !(done = checked_to(u, i, high, done))) {
            put_cleaned(b, s, n);
            return;
        }
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(v, below), _mm_setzero_si128()),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask) {
            put_escaping(b, s, n, i + (size_t)__builtin_ctz(mask), done > i + 16 ? done : i + 16);
            return;
        }
    }
    o[n] = '"';
    b->len += n + 2;
#else
    reserve(b, n + 2 + 3);
    memcpy(b->data + b->len, s, n);
    memset(b->data + b->len + n, ' ', 3);
    if (!valid_utf8((const unsigned char *)b->data + b->len, 0, n)) {
        put_cleaned(b, s, n);
        return;
    }
    b->data[b->len++] = '"';
    put_escaped_rest(b, s, 0, n);
#endif
}

void json_buf_string_n(json_buf *b, const char *s, size_t n)
{
    put_string(b, s, n);
}

void json_buf_string(json_buf *b, const char *s)
{
    if (!s) {
        json_buf_put(b, "null", 4);
        return;
    }
    put_string(b, s, strlen(s));
}

void json_buf_key(json_buf *b, const char *key)
{
    json_buf_string(b, key);
    put_char(b, ':');
}

void json_buf_kv_string(json_buf *b, const char *key, const char *value, int comma)
{
    /* (room for the pair at once: a finding writes some twenty of them) */
    size_t kn = strlen(key), vn = value ? strlen(value) : 4;
    reserve(b, kn + vn + 6 + 2 * 16);
    put_string(b, key, kn);
    b->data[b->len++] = ':';
    if (value) put_string(b, value, vn);
    else json_buf_put(b, "null", 4);
    if (comma) put_char(b, ',');
}

void json_buf_kv_int(json_buf *b, const char *key, long long value, int comma)
{
    json_buf_key(b, key);
    json_buf_int(b, value);
    if (comma) put_char(b, ',');
}

void json_buf_int(json_buf *b, long long value)
{
    char digits[24];
    size_t k = sizeof digits;
    /* as printf's %lld: the magnitude as unsigned, so LLONG_MIN too */
    unsigned long long m = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        digits[--k] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (value < 0) digits[--k] = '-';
    json_buf_put(b, digits + k, sizeof digits - k);
}

int json_buf_write(json_buf *b, FILE *out)
{
    size_t n = b->len;
    b->len = 0;
    return n && fwrite(b->data, 1, n, out) != n ? -1 : 0;
}

/* The FILE functions: one piece each, through a buffer on the stack. */
#define THROUGH_BUF(call)                       \
    do {                                        \
        char local_[512];                       \
        json_buf b_;                            \
        json_buf_init(&b_, local_, sizeof local_); \
        call;                                   \
        json_buf_write(&b_, out);               \
        json_buf_free(&b_);                     \
    } while (0)

void json_string(FILE *out, const char *s)
{
    THROUGH_BUF(json_buf_string(&b_, s));
}

void json_key(FILE *out, const char *key)
{
    THROUGH_BUF(json_buf_key(&b_, key));
}

void json_kv_string(FILE *out, const char *key, const char *value, int comma)
{
    THROUGH_BUF(json_buf_kv_string(&b_, key, value, comma));
}

void json_kv_int(FILE *out, const char *key, long long value, int comma)
{
    THROUGH_BUF(json_buf_kv_int(&b_, key, value, comma));
}

void json_document_start(FILE *out, int schema, const char *version)
{
    fputs("{", out);
    json_kv_int(out, "schema", schema, 1);
    json_key(out, "tool");
    fputs("{", out);
    json_kv_string(out, "name", "lakip-audit", 1);
    json_kv_string(out, "version", version, 0);
    fputs("},", out);
}
