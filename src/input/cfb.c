/*
 * cfb.c — a stream out of a Compound File Binary container (see cfb.h).
 */
#include "input/cfb.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

#define FREESECT   0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define HEADER_DIFAT 109

static const unsigned char signature[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

typedef struct {
    const unsigned char *data;
    unsigned shift;             /* sector size = 1 << shift: 512 or 4096 */
    size_t sector_size;
    size_t nsectors;            /* sectors the file holds after the header */
    uint32_t *fat;              /* next sector of each sector */
    size_t nfat;
    const char *why;
} cfb;

static uint32_t u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static unsigned u16(const unsigned char *p) { return p[0] | p[1] << 8; }

int cfb_is_compound(const unsigned char *data, size_t size)
{
    return size >= 8 && memcmp(data, signature, 8) == 0;
}

static const unsigned char *sector(const cfb *c, uint32_t n)
{
    if (n >= c->nsectors) return NULL;
    return c->data + ((size_t)n + 1) * c->sector_size;
}

/* The FAT: its sector numbers come from the header's 109 DIFAT entries,
 * then from the DIFAT chain. */
static int read_fat(cfb *c)
{
    const unsigned char *h = c->data;
    uint32_t nfat_sectors = u32(h + 0x2C), difat = u32(h + 0x44), ndifat = u32(h + 0x48);
    if (nfat_sectors == 0 || nfat_sectors > c->nsectors) {
        c->why = "its sector allocation table (FAT) size is impossible";
        return -1;
    }
    size_t per_sector = c->sector_size / 4;
    c->nfat = (size_t)nfat_sectors * per_sector;
    c->fat = xmalloc(c->nfat * sizeof *c->fat);
    size_t got = 0;
    for (size_t i = 0; i < HEADER_DIFAT && got < nfat_sectors; i++) {
        const unsigned char *s = sector(c, u32(h + 0x4C + 4 * i));
        if (!s) { c->why = "its FAT points outside the file"; return -1; }
        for (size_t k = 0; k < per_sector; k++) c->fat[got * per_sector + k] = u32(s + 4 * k);
        got++;
    }
    for (uint32_t hops = 0; got < nfat_sectors; hops++) {
        const unsigned char *d = sector(c, difat);
        if (!d || hops >= ndifat || hops > c->nsectors) { c->why = "its DIFAT chain is broken"; return -1; }
        for (size_t i = 0; i + 1 < per_sector && got < nfat_sectors; i++) {
            const unsigned char *s = sector(c, u32(d + 4 * i));
            if (!s) { c->why = "its FAT points outside the file"; return -1; }
            for (size_t k = 0; k < per_sector; k++) c->fat[got * per_sector + k] = u32(s + 4 * k);
            got++;
        }
        difat = u32(d + 4 * (per_sector - 1));
    }
    return 0;
}

/* Copies a chain of `unit`-sized blocks starting at `start` into a buffer
 * of `size` bytes. next[] is the FAT or mini FAT; block() finds a block. */
typedef const unsigned char *(*block_fn)(const cfb *c, const unsigned char *mini, size_t mini_size, uint32_t n);

static const unsigned char *big_block(const cfb *c, const unsigned char *mini, size_t mini_size, uint32_t n)
{
    (void)mini;
    (void)mini_size;
    return sector(c, n);
}

static const unsigned char *mini_block(const cfb *c, const unsigned char *mini, size_t mini_size, uint32_t n)
{
    (void)c;
    size_t at = (size_t)n * 64;
    return at + 64 <= mini_size ? mini + at : NULL;
}

static unsigned char *read_chain(cfb *c, const uint32_t *next, size_t nnext, block_fn block, const unsigned char *mini,
                                 size_t mini_size, size_t unit, uint32_t start, size_t size)
{
    size_t blocks = (size + unit - 1) / unit;
    if (blocks > nnext) {
        c->why = "a stream is longer than the file";
        return NULL;
    }
    unsigned char *out = xmalloc(blocks * unit + 1);
    uint32_t n = start;
    for (size_t i = 0; i < blocks; i++) {
        const unsigned char *b = n < nnext ? block(c, mini, mini_size, n) : NULL;
        if (!b) {
            c->why = "a stream's sector chain is broken";
            free(out);
            return NULL;
        }
        memcpy(out + i * unit, b, unit);
        n = next[n];
    }
    return out;
}

/* A directory entry's name (UTF-16LE) equals `want` (ASCII), without case. */
static int name_is(const unsigned char *e, const char *want)
{
    unsigned bytes = u16(e + 0x40);
    size_t len = strlen(want);
    if (bytes != (len + 1) * 2) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned ch = u16(e + 2 * i);
        if (ch > 127 || tolower((int)ch) != tolower((unsigned char)want[i])) return 0;
    }
    return 1;
}

int cfb_read_stream(const unsigned char *data, size_t size, const char *name, const char *alt,
                    unsigned char **out, size_t *out_size, const char **why)
{
    *out = NULL;
    *out_size = 0;
    cfb c = { .data = data };
    int rc = -1;
    unsigned char *dir = NULL, *minifat_bytes = NULL, *ministream = NULL;
    if (size < 512 || !cfb_is_compound(data, size)) {
        c.why = "it is not a compound file (no OLE2 signature)";
        goto done;
    }
    c.shift = u16(data + 0x1E);
    if (c.shift != 9 && c.shift != 12) {
        c.why = "its sector size is not 512 or 4096 bytes";
        goto done;
    }
    c.sector_size = (size_t)1 << c.shift;
    if (size < c.sector_size * 2) {
        c.why = "it is shorter than one sector after its header";
        goto done;
    }
    c.nsectors = (size - c.sector_size) / c.sector_size;
    if (read_fat(&c) < 0) goto done;

    /* the directory: a chain of 128-byte entries */
    size_t dir_size = 0;
    for (uint32_t n = u32(data + 0x30); n != ENDOFCHAIN; n = c.fat[n]) {
        if (n >= c.nfat || dir_size / c.sector_size > c.nsectors) {
            c.why = "its directory chain is broken";
            goto done;
        }
        dir_size += c.sector_size;
    }
    dir = read_chain(&c, c.fat, c.nfat, big_block, NULL, 0, c.sector_size, u32(data + 0x30), dir_size);
    if (!dir) goto done;
    size_t nentries = dir_size / 128;
    if (nentries == 0 || dir[0x42] != 5) {
        c.why = "it has no root directory entry";
        goto done;
    }
    const unsigned char *found = NULL;
    for (int pass = 0; pass < 2 && !found; pass++) {
        const char *want = pass == 0 ? name : alt;
        if (!want) continue;
        for (size_t i = 1; i < nentries && !found; i++)
            if (dir[i * 128 + 0x42] == 2 && name_is(dir + i * 128, want)) found = dir + i * 128;
    }
    if (!found) {
        rc = 1;
        goto done;
    }
    uint32_t start = u32(found + 0x74);
    uint64_t ssize = u32(found + 0x78) | (c.sector_size == 4096 ? (uint64_t)u32(found + 0x7C) << 32 : 0);
    if (ssize > size) {
        c.why = "a stream is longer than the file";
        goto done;
    }
    uint32_t cutoff = u32(data + 0x38);
    if (ssize >= cutoff) {
        *out = read_chain(&c, c.fat, c.nfat, big_block, NULL, 0, c.sector_size, start, (size_t)ssize);
    } else {
        /* a small stream lives in the mini stream (64-byte blocks), which
         * is the root entry's own chain; the mini FAT is a chain too */
        size_t nminifat = u32(data + 0x40), minifat_size = nminifat * c.sector_size;
        uint64_t root_size = u32(dir + 0x78);
        if (nminifat > c.nsectors || root_size > size) {
            c.why = "its mini stream is larger than the file";
            goto done;
        }
        minifat_bytes = read_chain(&c, c.fat, c.nfat, big_block, NULL, 0, c.sector_size, u32(data + 0x3C), minifat_size);
        ministream = minifat_bytes ? read_chain(&c, c.fat, c.nfat, big_block, NULL, 0, c.sector_size, u32(dir + 0x74),
                                                (size_t)root_size) : NULL;
        if (!ministream) goto done;
        size_t nmini = minifat_size / 4;
        uint32_t *minifat = xmalloc((nmini ? nmini : 1) * sizeof *minifat);
        for (size_t i = 0; i < nmini; i++) minifat[i] = u32(minifat_bytes + 4 * i);
        *out = read_chain(&c, minifat, nmini, mini_block, ministream, (size_t)root_size, 64, start, (size_t)ssize);
        free(minifat);
    }
    if (!*out) goto done;
    *out_size = (size_t)ssize;
    rc = 0;

done:
    free(c.fat);
    free(dir);
    free(minifat_bytes);
    free(ministream);
    *why = c.why ? c.why : "it is damaged";
    return rc;
}
