/* arena.c - see arena.h. */
#include "arena.h"

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

void *pg_arena_alloc(pg_arena *a, size_t n)
{
    if (n > SIZE_MAX / 2)
        return NULL;
    n = align_up(n ? n : 1);
    if (a->head == NULL || a->size - a->used < n) {
        size_t size = n > MIN_BLOCK ? n : MIN_BLOCK;
        pg_arena_block *b = malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->size = size;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

char *pg_arena_strndup(pg_arena *a, const char *s, size_t n)
{
    char *p = n < SIZE_MAX ? pg_arena_alloc(a, n + 1) : NULL;
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
