/* ptrmap.h - an open-addressing hash map from pointers to indices, for
 * counting interned strings (relation types, attribute keys) by identity:
 * equal interned strings are equal pointers, so no text is compared. */
#ifndef PG_PTRMAP_H
#define PG_PTRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct pg_ptrmap_slot {
    const void *key; /* NULL = empty slot */
    size_t value;
} pg_ptrmap_slot;

typedef struct pg_ptrmap {
    pg_ptrmap_slot *slots;
    size_t cap;      /* a power of two, or 0 */
    size_t len;
} pg_ptrmap;

#define PG_PTRMAP_INIT { NULL, 0, 0 }

/* Returns the value stored under `key` (not NULL); when absent, stores
 * `value` under it first and returns that. SIZE_MAX when out of memory
 * (the map is then unchanged). */
size_t pg_ptrmap_intern(pg_ptrmap *m, const void *key, size_t value);

/* Releases the table. */
void pg_ptrmap_free(pg_ptrmap *m);

#endif
