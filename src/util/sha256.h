/*
 * sha256.h — SHA-256 (FIPS 180-4), for the checksums of the audited inputs
 * in the HTML report. A streaming context for buffers and one call for a
 * whole file; no dependencies beyond libc.
 */
#ifndef LAKIP_SHA256_H
#define LAKIP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32

typedef struct {
    uint32_t state[8];
    uint64_t length;            /* bytes hashed so far */
    unsigned char block[64];
    size_t used;                /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, unsigned char digest[SHA256_DIGEST_SIZE]);

/* The digest of n bytes as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char hex[65]);
/* The digest of a file's bytes as hex. 0 ok, -1 when it cannot be read
 * (errno set; hex is then the empty string). */
int sha256_file(const char *path, char hex[65]);

#endif
