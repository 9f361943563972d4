/* arena.c - see arena.h. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_BLOCK = 64 * 1024 };

struct pg_arena_block {
    pg_arena_block *next;
    alignas(max_align_t) unsigned char data[];
};

static size_t align_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) / a * a;
}

/* `n` bytes at the head block's next free byte, aligned to `align`. */
static void *bump(pg_arena *a, size_t n, size_t align)
{
    if (n > SIZE_MAX / 2)
        return NULL;
    size_t at = (a->used + align - 1) / align * align;
    if (a->head == NULL || a->size < at || a->size - at < n) {
        size_t size = n > MIN_BLOCK ? align_up(n) : MIN_BLOCK;
        pg_arena_block *b = malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->size = size;
        at = 0;
    }
    a->used = at + n;
    return a->head->data + at;
}

void *pg_arena_alloc(pg_arena *a, size_t n)
{
    return bump(a, n ? n : 1, alignof(max_align_t));
}

char *pg_arena_strndup(pg_arena *a, const char *s, size_t n)
{
    char *p = n < SIZE_MAX ? bump(a, n + 1, 1) : NULL; /* strings need no alignment */
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pg_arena_strdup(pg_arena *a, const char *s)
{
    return pg_arena_strndup(a, s, strlen(s));
}

void pg_arena_reset(pg_arena *a)
{
    if (a->head == NULL)
        return;
    pg_arena_block *b = a->head->next;
    while (b != NULL) {
        pg_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head->next = NULL;
    a->used = 0;
}

void pg_arena_free(pg_arena *a)
{
    pg_arena_block *b = a->head;
    while (b != NULL) {
        pg_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = a->size = 0;
}
