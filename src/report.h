/* report.h - problems found while loading: where they are (a JSON path or
 * a line:column) and how many we may still look for. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <stdbool.h>

#include "error.h"

enum { PG_JPATH_DEPTH = 8 };

/* A JSON path such as $.relations[12].target, built by value as the
 * loader descends. A segment is a key, or an index when key is NULL. */
typedef struct pg_jpath {
    int depth;
    struct {
        const char *key;
        long index;
    } seg[PG_JPATH_DEPTH];
} pg_jpath;

#define PG_JPATH_ROOT ((pg_jpath){ 0, { { NULL, 0 } } })

/* Returns `parent` extended by `.key` or by `[index]` (deeper segments
 * than PG_JPATH_DEPTH are dropped). */
pg_jpath pg_jpath_key(pg_jpath parent, const char *key);
pg_jpath pg_jpath_index(pg_jpath parent, long index);

/* Writes the path as "$.a[1].b" (odd keys as ["k e y"]) into `buf`. */
void pg_jpath_format(const pg_jpath *p, char *buf, size_t size);

typedef struct pg_report {
    const char *file;           /* display name of the input */
    const pg_load_options *opt;
    size_t errors;
    size_t warnings;
    pg_error first;             /* the first error, once errors > 0 */
    bool oom;                   /* an allocation failed: stop at once */
} pg_report;

/* Starts a report for input `file`. `opt` must outlive the report. */
void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt);

/* Records an error at JSON path `p` (NULL: none) and passes it to the
 * caller's callback. Returns true while loading may go on looking. */
bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);

/* Records an error at 1-based `line`:`column`. Same return as above. */
bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...) PG_PRINTF(4, 5);

/* Records a warning at `p`; warnings never stop loading. */
void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);

/* Records that memory ran out; always returns false. */
bool pg_report_oom(pg_report *r);

/* True when no more problems may be looked for. */
bool pg_report_stopped(const pg_report *r);

/* Copies the first error (or out-of-memory) into `err` and returns its
 * status; PG_OK when nothing went wrong. */
pg_status pg_report_status(const pg_report *r, pg_error *err);

#endif
