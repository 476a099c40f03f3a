/*
 * key_spool.c — records found by a 64-bit key, in a file behind a filter
 * of fixed size (see key_spool.h).
 *
 * The file: each record a header of its key (uint64) and length (uint32),
 * then its bytes; written with fwrite, read with pread after an fflush.
 */
#include "util/key_spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"

#define FILTER_WORDS ((size_t)1 << 17)      /* 2^23 bits, 1 MB */
#define SCANS 16                            /* "maybe"s read through before the index is built */
#define READ_AHEAD 65536
#define HEADER (sizeof(uint64_t) + sizeof(uint32_t))

typedef struct {
    uint64_t key, at;       /* at: 1 + the record's offset; 0 = empty slot */
} index_slot;

struct key_spool {
    FILE *f;
    size_t n;               /* records in the file */
    uint64_t end;           /* its size */
    bool unflushed;         /* written since the last fflush: read only after one */
    int error;              /* errno of the first write or read that failed */
    uint64_t *filter;       /* FILTER_WORDS: the keys, four bits each */
    size_t scans;
    index_slot *slots;      /* the index, once built; NULL before */
    size_t nslots;
    /* bytes of the file from ahead_at, read ahead (the file is mostly read in order) */
    char *ahead;
    size_t ahead_len, ahead_cap;
    uint64_t ahead_at;
};

key_spool *key_spool_new(FILE *f)
{
    key_spool *s = xcalloc(1, sizeof *s);
    s->f = f;
    s->filter = xcalloc(FILTER_WORDS, sizeof *s->filter);
    return s;
}

void key_spool_free(key_spool *s)
{
    if (!s) return;
    fclose(s->f);
    free(s->filter);
    free(s->slots);
    free(s->ahead);
    free(s);
}

static void failed(key_spool *s, int err)
{
    if (!s->error) s->error = err ? err : EIO;
}

/* The filter's four bits of key h: set them, or whether all are set. */
static bool filter_bits(uint64_t *filter, uint64_t h, bool set)
{
    const uint64_t mask = FILTER_WORDS * 64 - 1;
    uint64_t a = h & 0xffffffffu, b = (h >> 32) | 1;
    for (int k = 0; k < 4; k++, a += b) {
        uint64_t bit = a & mask, word = bit >> 6, one = (uint64_t)1 << (bit & 63);
        if (set) filter[word] |= one;
        else if (!(filter[word] & one)) return false;
    }
    return true;
}

/* The index holds room for one more record. */
static void index_reserve(key_spool *s)
{
    if ((s->n + 1) * 2 <= s->nslots) return;
    size_t nslots = s->nslots ? s->nslots : 64;
    while ((s->n + 1) * 2 > nslots) nslots *= 2;
    index_slot *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < s->nslots; i++) {
        if (!s->slots[i].at) continue;
        size_t k = (size_t)s->slots[i].key & (nslots - 1);
        while (slots[k].at) k = (k + 1) & (nslots - 1);
        slots[k] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
}

static void index_put(key_spool *s, uint64_t h, uint64_t at)
{
    size_t k = (size_t)h & (s->nslots - 1);
    while (s->slots[k].at) k = (k + 1) & (s->nslots - 1);
    s->slots[k] = (index_slot){ .key = h, .at = at + 1 };
}

void key_spool_add(key_spool *s, uint64_t h, const void *data, size_t n)
{
    if (s->error) return;
    if (n >= UINT32_MAX) {
        failed(s, EOVERFLOW);
        return;
    }
    uint32_t len = (uint32_t)n;
    char header[HEADER];
    memcpy(header, &h, sizeof h);
    memcpy(header + sizeof h, &len, sizeof len);
    if (fwrite(header, sizeof header, 1, s->f) != 1 || (n && fwrite(data, 1, n, s->f) != n)) {
        failed(s, errno);
        return;
    }
    s->unflushed = true;
    filter_bits(s->filter, h, true);
    if (s->slots) {
        index_reserve(s);
        index_put(s, h, s->end);
    }
    s->end += HEADER + n;
    s->n++;
}

/* n bytes of the file at `at` (read ahead in blocks), or NULL with the
 * error kept. */
static const char *file_bytes(key_spool *s, uint64_t at, size_t n)
{
    if (s->error) return NULL;
    if (at > s->end || n > s->end - at) {      /* not a record this spool wrote */
        failed(s, EIO);
        return NULL;
    }
    if (!n) return "";
    if (at >= s->ahead_at && at - s->ahead_at <= s->ahead_len && n <= s->ahead_len - (at - s->ahead_at))
        return s->ahead + (at - s->ahead_at);
    if (s->unflushed) {
        if (fflush(s->f) != 0) {
            failed(s, errno);
            return NULL;
        }
        s->unflushed = false;
    }
    size_t want = n > READ_AHEAD ? n : READ_AHEAD;
    if (want > s->end - at) want = (size_t)(s->end - at);
    grow_array((void **)&s->ahead, &s->ahead_cap, want, 1);
    s->ahead_len = 0;
    ssize_t got = pread(fileno(s->f), s->ahead, want, (off_t)at);
    if (got != (ssize_t)want) {
        failed(s, got < 0 ? errno : EIO);
        return NULL;
    }
    s->ahead_at = at;
    s->ahead_len = want;
    return s->ahead;
}

int key_spool_read(key_spool *s, uint64_t at, uint64_t *h, const char **data, size_t *n, uint64_t *next)
{
    const char *p = file_bytes(s, at, HEADER);
    if (!p) return -1;
    uint64_t key;
    uint32_t len;
    memcpy(&key, p, sizeof key);
    memcpy(&len, p + sizeof key, sizeof len);
    *next = at + HEADER + len;
    if (h) *h = key;
    if (n) *n = len;
    if (data && !(*data = file_bytes(s, at + HEADER, len))) return -1;
    return 0;
}

/* The index of every record in the file, read through once. */
static void index_build(key_spool *s)
{
    index_reserve(s);
    uint64_t at = 0, next, h;
    for (size_t i = 0; i < s->n && key_spool_read(s, at, &h, NULL, NULL, &next) == 0; i++, at = next)
        index_put(s, h, at);
}

bool key_spool_find(key_spool *s, uint64_t h, bool (*match)(void *ud, const char *data, size_t n), void *ud)
{
    if (s->error || !filter_bits(s->filter, h, false)) return false;
    uint64_t key, next;
    const char *data;
    size_t n;
    if (!s->slots && ++s->scans <= SCANS) {
        uint64_t at = 0;
        for (size_t i = 0; i < s->n; i++, at = next) {
            if (key_spool_read(s, at, &key, NULL, NULL, &next) != 0) return false;
            if (key != h) continue;
            if (key_spool_read(s, at, NULL, &data, &n, &next) != 0) return false;
            if (match(ud, data, n)) return true;
        }
        return false;
    }
    if (!s->slots) index_build(s);
    for (size_t k = (size_t)h & (s->nslots - 1); s->slots[k].at; k = (k + 1) & (s->nslots - 1)) {
        if (s->slots[k].key != h) continue;
        if (key_spool_read(s, s->slots[k].at - 1, NULL, &data, &n, &next) != 0) return false;
        if (match(ud, data, n)) return true;
    }
    return false;
}

size_t key_spool_count(const key_spool *s)
{
    return s->n;
}

int key_spool_error(const key_spool *s)
{
    return s->error;
}

int key_spool_sync(key_spool *s)
{
    if (!s->error && s->unflushed) {
        if (fflush(s->f) != 0) failed(s, errno);
        else s->unflushed = false;
    }
    return s->error;
}
