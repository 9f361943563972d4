/* report.h - problems found while loading: where they are (a JSON path,
 * a line:column or both), counting them, and whether to look for more.
 *
 * The streaming loader holds problems back until the whole text is known
 * to be valid JSON: a syntax error, wherever it is, is then the only
 * problem reported, as when the syntax was checked first. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <stdbool.h>

#include "error.h"
#include "jpath.h"
#include "vec.h"

typedef struct pg_report {
    const char *file;           /* display name of the input */
    const pg_load_options *opt;
    size_t errors;
    size_t warnings;
    pg_error first;             /* the first error, once errors > 0 */
    bool oom;                   /* an allocation failed: stop at once */
    long line, column;          /* where the value being read starts; 0: unknown */
    const char *text;           /* its text, when known; NULL */
    size_t text_len;
    int text_depth;             /* the depth of its JSON path */
    bool holding;               /* problems wait in `held` */
    PG_VEC(struct pg_held *) held;
} pg_report;

/* Starts a report for input `file`. `opt` must outlive the report. */
void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt);

/* Records an error at JSON path `p` (NULL: none), with r->line:column
 * when set (moved to where `p` is inside r->text when that is set), and
 * passes it to the caller's callback (or holds it). Returns true while
 * loading may go on looking. */
bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);

/* Records an error at 1-based `line`:`column`. Same return as above. */
bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...) PG_PRINTF(4, 5);

/* Records a warning at `p`; warnings never stop loading. */
void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);

/* Records that memory ran out (telling the callback, once); always
 * returns false. */
bool pg_report_oom(pg_report *r);

/* From now on problems are counted as usual but held back. */
void pg_report_hold(pg_report *r);

/* Passes the held problems to the callback, in order, and stops holding. */
void pg_report_release(pg_report *r);

/* Forgets the held problems as if they had never been found (counts and
 * first error included), and stops holding. */
void pg_report_drop(pg_report *r);

/* True when no more problems may be looked for. */
bool pg_report_stopped(const pg_report *r);

/* Copies the first error (or out-of-memory) into `err` and returns its
 * status; PG_OK when nothing went wrong. */
pg_status pg_report_status(const pg_report *r, pg_error *err);

#endif
