/* sha256.h - SHA-256 (FIPS 180-4) of the input, for provenance in
 * summary.json. */
#ifndef PG_SHA256_H
#define PG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct pg_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
} pg_sha256;

void pg_sha256_init(pg_sha256 *c);
void pg_sha256_update(pg_sha256 *c, const void *data, size_t len);

/* Finishes the digest and writes it as 64 lowercase hex digits plus NUL
 * into `hex` (65 bytes). */
void pg_sha256_hex(pg_sha256 *c, char hex[65]);

#endif
