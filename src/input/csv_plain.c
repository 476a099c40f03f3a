/*
 * csv_plain.c — a quote-free line split into fields (see csv_plain.h).
 *
 * libcsv's rules for an unquoted field, which this mirrors: blanks before
 * the first other byte are skipped, blanks after the last are dropped, a
 * delimiter ends the field, the line end ends the field and the record.
 * A line holding blanks and its end only is no record at all in libcsv;
 * such lines are left to it (csv_line_blank decides the same elsewhere).
 */
#include "input/csv_plain.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "input/csv_load.h"
#include "util/util.h"

/* The length of line[0..n) without its end when the line is plain; n
 * when it is not. cut: the line was cut at its first '\r' or '\n' (none
 * before its end to look for). */
static size_t plain_end(const char *line, size_t n, char delim, bool cut)
{
    if (delim == CSV_BLANK_BYTE || delim == '"') return n;       /* csv_is_space, without a call per line */
    /* the line's end: what libcsv takes as the end of the record */
    size_t end = n;
    if (end && line[end - 1] == '\n') end--;
    if (end && line[end - 1] == '\r') end--;
    if (end == n) return n;                         /* no end yet: the last line of the file */
    if (memchr(line, '"', end) || (!cut && (memchr(line, '\r', end) || memchr(line, '\n', end)))) return n;
    /* blank only: csv_line_blank, asked only when the first byte is one
     * it passes over (line[0] exists: the line has its end) */
    if ((line[0] == ' ' || line[0] == '\r' || line[0] == '\n') && csv_line_blank(line, end)) return n;
    return end;
}

bool csv_plain_split(const char *line, size_t n, char delim,
                     void (*on_field)(void *text, size_t len, void *ctx), void *ctx)
{
    size_t end = plain_end(line, n, delim, false);
    if (end == n) return false;
    size_t start = 0;
    for (;;) {
        const char *d = memchr(line + start, delim, end - start);
        size_t stop = d ? (size_t)(d - line) : end;
        size_t a = start, b = stop;
        while (a < b && line[a] == CSV_BLANK_BYTE) a++;             /* csv_is_space, without a call per byte */
        while (b > a && line[b - 1] == CSV_BLANK_BYTE) b--;
        on_field((void *)(line + a), b - a, ctx);
        if (!d) return true;
        start = stop + 1;
    }
}

/* One field of the in-place split: line[start..stop), stop the delimiter
 * or the line's end, trimmed of blanks (*trimmed set when there were
 * any), ended with a NUL and appended to f (grown as needed). */
static inline void take_field(char *line, size_t start, size_t stop, char ***fields, size_t *cap, char ***f,
                              size_t *count, size_t *room, size_t *most, bool *trimmed)
{
    size_t a = start, b = stop;
    /* *trimmed set inside the tests the trimming makes anyway: nothing
     * more is done for a field without blanks around it (most) */
    if (a < b && line[a] == CSV_BLANK_BYTE) {
        *trimmed = true;
        do a++; while (a < b && line[a] == CSV_BLANK_BYTE);
    }
    if (b > a && line[b - 1] == CSV_BLANK_BYTE) {
        *trimmed = true;
        do b--; while (b > a && line[b - 1] == CSV_BLANK_BYTE);
    }
    if (*count + 1 > *room) {
        grow_array((void **)fields, cap, *count + 1, sizeof **fields);
        *f = *fields;
        *room = *cap;
    }
    (*f)[(*count)++] = line + a;
    if (b - a > *most) *most = b - a;
    line[b] = '\0';                    /* the delimiter, a blank or the line end, passed */
}

bool csv_plain_line(const char *line, size_t n, char delim)
{
    return plain_end(line, n, delim, true) != n;
}

size_t csv_plain_split_in_place(char *line, size_t n, char delim, char ***fields, size_t *cap, size_t *longest,
                                bool *packed)
{
    size_t end = plain_end(line, n, delim, true);
    if (end == n) return 0;
    /* the array and the longest in locals: the NULs written into line
     * would otherwise make the compiler reload them for every field */
    char **f = *fields;
    size_t start = 0, count = 0, room = *cap, most = 0;
    bool trimmed = false;
#ifdef __SSE2__
    /* the delimiters of sixteen bytes at once, as a bit mask, each field
     * taken from it: a call to memchr per field (some ten bytes) cost
     * more than the search. A NUL is written only at or before the
     * delimiter just found, never into bytes not yet compared. */
    const __m128i d = _mm_set1_epi8(delim);
    for (size_t base = 0; base < end; base += 16) {
        __m128i bytes;
        unsigned mask;
        if (end - base >= 16) {
            bytes = _mm_loadu_si128((const __m128i *)(line + base));
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, d));
        } else if (end >= 16) {
            /* the last sixteen bytes before the end, those before base
             * (compared already) shifted out */
            bytes = _mm_loadu_si128((const __m128i *)(line + end - 16));
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, d)) >> (16 - (end - base));
        } else {
            char tail[16] = { 0 };      /* a line shorter than a block: copied, the rest zeros */
            memcpy(tail, line + base, end - base);
            bytes = _mm_loadu_si128((const __m128i *)tail);
            /* the bytes past the end not counted, whatever the delimiter */
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, d)) & ((1u << (end - base)) - 1);
        }
        while (mask) {
            size_t stop = base + (size_t)__builtin_ctz(mask);
            mask &= mask - 1;
            take_field(line, start, stop, fields, cap, &f, &count, &room, &most, &trimmed);
            start = stop + 1;
        }
    }
    take_field(line, start, end, fields, cap, &f, &count, &room, &most, &trimmed);
#else
    for (;;) {
        char *d = memchr(line + start, delim, end - start);
        size_t stop = d ? (size_t)(d - line) : end;
        take_field(line, start, stop, fields, cap, &f, &count, &room, &most, &trimmed);
        if (!d) break;
        start = stop + 1;
    }
#endif
    *longest = most;
    *packed = !trimmed;
    return count;
}
