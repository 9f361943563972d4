/* jpath.h - JSON paths such as $.relations[12].target, built by value as
 * the loader descends, formatted only when a problem is reported. */
#ifndef PG_JPATH_H
#define PG_JPATH_H

#include <stddef.h>

enum { PG_JPATH_DEPTH = 8 };

/* A segment is a key, or an index when key is NULL. */
typedef struct pg_jpath {
    int depth;
    struct {
        const char *key;
        long index;
    } seg[PG_JPATH_DEPTH];
} pg_jpath;

#define PG_JPATH_ROOT ((pg_jpath){ 0, { { NULL, 0 } } })

/* Returns `parent` extended by `.key` or by `[index]` (segments deeper
 * than PG_JPATH_DEPTH are dropped). `key` is borrowed. */
pg_jpath pg_jpath_key(pg_jpath parent, const char *key);
pg_jpath pg_jpath_index(pg_jpath parent, long index);

/* Writes the path as "$.a[1].b" into `buf`; keys that are not plain
 * identifiers are written quoted, as ["k e y"]. Truncates to fit. */
void pg_jpath_format(const pg_jpath *p, char *buf, size_t size);

#endif
