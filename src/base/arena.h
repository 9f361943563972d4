/* arena.h - bump allocation for the many small records and strings of a
 * dataset: one call frees them all. */
#ifndef PG_ARENA_H
#define PG_ARENA_H

#include <stddef.h>

typedef struct pg_arena_block pg_arena_block;

typedef struct pg_arena {
    pg_arena_block *head; /* newest block first */
    size_t used;          /* bytes used in head */
    size_t size;          /* capacity of head */
} pg_arena;

#define PG_ARENA_INIT { NULL, 0, 0 }

/* Returns `n` bytes aligned for any type, owned by the arena, or NULL when
 * out of memory. The memory is released by pg_arena_free only. */
void *pg_arena_alloc(pg_arena *a, size_t n);

/* Returns a NUL-terminated copy of the `n` bytes at `s`, or NULL. */
char *pg_arena_strndup(pg_arena *a, const char *s, size_t n);

/* Returns a copy of NUL-terminated `s`, or NULL. */
char *pg_arena_strdup(pg_arena *a, const char *s);

/* Forgets everything allocated but keeps the newest block for reuse, so
 * that a scratch arena reset per item costs no malloc. */
void pg_arena_reset(pg_arena *a);

/* Releases every block; the arena is empty and reusable afterwards. */
void pg_arena_free(pg_arena *a);

#endif
