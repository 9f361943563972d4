/* jpath.h - JSON paths such as $.relations[12].target, built as the
 * loader descends and formatted only when a problem is reported.
 *
 * Building costs next to nothing: a segment is a small value that points
 * at its parent, so a path is valid only while every path it was built
 * from still exists (build children from a parameter or a local of the
 * current function, never return one). */
#ifndef PG_JPATH_H
#define PG_JPATH_H

#include <stddef.h>

enum { PG_JPATH_DEPTH = 8 };

/* A segment is a key, or an index when key is NULL. depth 0: the root. */
typedef struct pg_jpath {
    const struct pg_jpath *parent; /* NULL when the parent is the root */
    const char *key;
    long index;
    int depth;
} pg_jpath;

#define PG_JPATH_ROOT ((pg_jpath){ NULL, NULL, 0, 0 })

/* Returns `parent` extended by `.key` or by `[index]`. `key` and `parent`
 * are borrowed (`parent` may be a temporary when it is the root). */
static inline pg_jpath pg_jpath_key(const pg_jpath *parent, const char *key)
{
    return (pg_jpath){ parent->depth > 0 ? parent : NULL, key, 0, parent->depth + 1 };
}

static inline pg_jpath pg_jpath_index(const pg_jpath *parent, long index)
{
    return (pg_jpath){ parent->depth > 0 ? parent : NULL, NULL, index, parent->depth + 1 };
}

/* Finds the value that `p` names in `text`, the valid JSON value that the
 * first `from` segments of `p` name: returns its offset in `text`, or -1
 * when it is not there. A repeated key names its last occurrence (the
 * one a duplicate-key error is about). Costs a scan of `text`: for
 * messages only. */
long pg_jpath_locate(const pg_jpath *p, int from, const char *text, size_t len);

/* Writes the path as "$.a[1].b" into `buf`; keys that are not plain
 * identifiers are written quoted, as ["k e y"]; segments deeper than
 * PG_JPATH_DEPTH are left out. Truncates to fit. */
void pg_jpath_format(const pg_jpath *p, char *buf, size_t size);

#endif
