/* strmap.c - see strmap.h. Linear probing, load factor <= 1/2. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static size_t find_slot(const pg_strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)hash(key) & mask;
    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

long pg_strmap_get(const pg_strmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    size_t i = find_slot(m, key);
    return m->keys[i] ? m->values[i] : -1;
}

const char *pg_strmap_key(const pg_strmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    return m->keys[find_slot(m, key)];
}

static int grow(pg_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    pg_strmap bigger = { calloc(cap, sizeof(char *)), malloc(cap * sizeof(long)), cap, 0 };
    if (bigger.keys == NULL || bigger.values == NULL) {
        pg_strmap_free(&bigger);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] != NULL) {
            size_t j = find_slot(&bigger, m->keys[i]);
            bigger.keys[j] = m->keys[i];
            bigger.values[j] = m->values[i];
        }
    }
    bigger.len = m->len;
    pg_strmap_free(m);
    *m = bigger;
    return 0;
}

int pg_strmap_put(pg_strmap *m, const char *key, long value)
{
    if ((m->len + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    size_t i = find_slot(m, key);
    if (m->keys[i] != NULL)
        return 0;
    m->keys[i] = key;
    m->values[i] = value;
    m->len++;
    return 1;
}

int pg_strmap_put_value(pg_strmap *m, const char *key, long value)
{
    if (m->cap == 0)
        return -1;
    size_t i = find_slot(m, key);
    if (m->keys[i] == NULL)
        return -1;
    m->values[i] = value;
    return 0;
}

void pg_strmap_free(pg_strmap *m)
{
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->cap = m->len = 0;
}
