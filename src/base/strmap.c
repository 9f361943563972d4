/* strmap.c - see strmap.h. Linear probing, load factor <= 3/4; each slot
 * keeps its key's hash and first bytes, so that a probe reads the key
 * itself only when both match and the key is 8 bytes or longer (the
 * loader looks up every id a record cites, and a miss in the cache per
 * look-up is what a look-up costs). */
#include "base/strmap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct probe {
    const char *key;
    uint64_t hash, head;
} probe;

static probe prepare(const char *s)
{
    probe p = { s, 1469598103934665603ULL, 0 }; /* FNV-1a */
    for (int i = 0; s[i]; i++) {
        p.hash ^= (unsigned char)s[i];
        p.hash *= 1099511628211ULL;
        if (i < 8)
            p.head |= (uint64_t)(unsigned char)s[i] << (8 * i);
    }
    p.hash ^= p.hash >> 29;
    return p;
}

static bool matches(const pg_strmap_slot *s, const probe *p)
{
    return s->hash == p->hash && s->head == p->head && ((s->head >> 56) == 0 || strcmp(s->key, p->key) == 0);
}

static size_t find_slot(const pg_strmap *m, const probe *p)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)p->hash & mask;
    while (m->slots[i].key != NULL && !matches(&m->slots[i], p))
        i = (i + 1) & mask;
    return i;
}

long pg_strmap_get(const pg_strmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    probe p = prepare(key);
    const pg_strmap_slot *s = &m->slots[find_slot(m, &p)];
    return s->key ? s->value : -1;
}

const pg_strmap_slot *pg_strmap_find(const pg_strmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    probe p = prepare(key);
    const pg_strmap_slot *s = &m->slots[find_slot(m, &p)];
    return s->key ? s : NULL;
}

const char *pg_strmap_key(const pg_strmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    probe p = prepare(key);
    return m->slots[find_slot(m, &p)].key;
}

static int grow(pg_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    pg_strmap bigger = { calloc(cap, sizeof(pg_strmap_slot)), cap, m->len };
    if (bigger.slots == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL) {
            probe p = { m->slots[i].key, m->slots[i].hash, m->slots[i].head };
            bigger.slots[find_slot(&bigger, &p)] = m->slots[i];
        }
    pg_strmap_free(m);
    *m = bigger;
    return 0;
}

int pg_strmap_put(pg_strmap *m, const char *key, long value)
{
    if ((m->len + 1) * 4 > m->cap * 3 && grow(m) != 0)
        return -1;
    probe p = prepare(key);
    pg_strmap_slot *s = &m->slots[find_slot(m, &p)];
    if (s->key != NULL)
        return 0;
    *s = (pg_strmap_slot){ key, value, p.hash, p.head };
    m->len++;
    return 1;
}

int pg_strmap_put_value(pg_strmap *m, const char *key, long value)
{
    if (m->cap == 0)
        return -1;
    probe p = prepare(key);
    pg_strmap_slot *s = &m->slots[find_slot(m, &p)];
    if (s->key == NULL)
        return -1;
    s->value = value;
    return 0;
}

void pg_strmap_free(pg_strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}
