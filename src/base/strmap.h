/* strmap.h - an open-addressing hash map from NUL-terminated strings to
 * non-negative integers. Keys are borrowed: they must outlive the map. */
#ifndef PG_STRMAP_H
#define PG_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct pg_strmap_slot {
    const char *key; /* NULL = empty slot */
    long value;
    uint64_t hash;   /* of key: most mismatches cost no string comparison */
    uint64_t head;   /* key's first 8 bytes, zero-padded: a shorter key needs no strcmp */
} pg_strmap_slot;

typedef struct pg_strmap {
    pg_strmap_slot *slots;
    size_t cap;        /* a power of two, or 0 */
    size_t len;
} pg_strmap;

#define PG_STRMAP_INIT { NULL, 0, 0 }

/* Returns the value stored under `key`, or -1 when absent. */
long pg_strmap_get(const pg_strmap *m, const char *key);

/* Returns the slot holding `key` (do not change its key), or NULL. */
const pg_strmap_slot *pg_strmap_find(const pg_strmap *m, const char *key);

/* Returns the stored key equal to `key` (for interning), or NULL. */
const char *pg_strmap_key(const pg_strmap *m, const char *key);

/* Stores `value` (>= 0) under `key` unless the key is present. Returns 1 if
 * inserted, 0 if the key was already there (the map is unchanged), -1 when
 * out of memory. */
int pg_strmap_put(pg_strmap *m, const char *key, long value);

/* Replaces the value of present `key`; returns 0, or -1 when absent. */
int pg_strmap_put_value(pg_strmap *m, const char *key, long value);

/* Releases the table (not the keys). */
void pg_strmap_free(pg_strmap *m);

#endif
