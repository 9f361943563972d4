/* ptrmap.c - see ptrmap.h. Linear probing, load factor <= 1/2, the slot
 * chosen by a multiplicative hash of the address. */
#include "base/ptrmap.h"

#include <stdlib.h>

static size_t home(const pg_ptrmap *m, const void *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 32)) & (m->cap - 1);
}

static size_t find_slot(const pg_ptrmap *m, const void *key)
{
    size_t i = home(m, key);
    while (m->slots[i].key != NULL && m->slots[i].key != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int grow(pg_ptrmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    pg_ptrmap bigger = { calloc(cap, sizeof(pg_ptrmap_slot)), cap, m->len };
    if (bigger.slots == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL)
            bigger.slots[find_slot(&bigger, m->slots[i].key)] = m->slots[i];
    free(m->slots);
    *m = bigger;
    return 0;
}

size_t pg_ptrmap_intern(pg_ptrmap *m, const void *key, size_t value)
{
    if ((m->len + 1) * 2 > m->cap && grow(m) != 0)
        return SIZE_MAX;
    pg_ptrmap_slot *s = &m->slots[find_slot(m, key)];
    if (s->key == NULL) {
        *s = (pg_ptrmap_slot){ key, value };
        m->len++;
    }
    return s->value;
}

void pg_ptrmap_free(pg_ptrmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}
