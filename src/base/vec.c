/* vec.c - see vec.h. */
#include "base/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int pg_vec_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (n > SIZE_MAX / size)
        return -1;
    void *p = realloc(*items, n * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}

void pg_vec_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

int pg_str_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int pg_str_vec_push(pg_str_vec *v, const char *s)
{
    if (PG_VEC_RESERVE(*v, 1) != 0)
        return -1;
    v->items[v->len++] = s;
    return 0;
}

int pg_name_index(const char *const *names, int count, const char *name)
{
    for (int i = 0; name != NULL && i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}
