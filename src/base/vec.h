/* vec.h - growable arrays and sorting, the containers every module uses. */
#ifndef PG_VEC_H
#define PG_VEC_H

#include <stddef.h>

/* A growable array of `T`: `len` items in use out of `cap`. */
#define PG_VEC(T) struct { T *items; size_t len, cap; }

/* Ensures room for `need` items of `size` bytes in the array at *items
 * with capacity *cap. Returns 0, or -1 when out of memory (unchanged). */
int pg_vec_grow(void **items, size_t *cap, size_t need, size_t size);

/* Room for `n` more items in `vec`; 0 or -1 as pg_vec_grow. */
#define PG_VEC_RESERVE(vec, n) \
    pg_vec_grow((void **)&(vec).items, &(vec).cap, (vec).len + (n), sizeof *(vec).items)

/* A growable list of borrowed strings. */
typedef PG_VEC(const char *) pg_str_vec;

/* Appends `s`; 0, or -1 when out of memory. */
int pg_str_vec_push(pg_str_vec *v, const char *s);

/* The index of `name` among the `count` strings of `names`, or -1. */
int pg_name_index(const char *const *names, int count, const char *name);

/* qsort comparator for an array of strings (const char *), by strcmp. */
int pg_str_compare(const void *a, const void *b);

/* qsort that accepts an empty (possibly NULL) array. */
void pg_vec_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
