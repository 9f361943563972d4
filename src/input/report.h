/* report.h - problems found while loading: where they are (a JSON path,
 * a line:column or both), counting them, and whether to look for more.
 *
 * A problem's line:column is that of the value its path names in the
 * text being read (pg_report_set_text: an element of a partygraph/1 file,
 * an NDJSON line, a whole foreign file), found through jpos.h; problems
 * found once the text is gone (unknown ids) carry the place their reader
 * kept (pg_report_place).
 *
 * The streaming loader holds problems back until the whole text is known
 * to be valid JSON: a syntax error, wherever it is, is then the only
 * problem reported, as when the syntax was checked first. Held problems
 * belong to groups (the loader's top-level members), and a group can be
 * forgotten: the problems of a value that a repeated key replaces. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <stdbool.h>

#include "base/error.h"
#include "base/vec.h"
#include "input/jpath.h"
#include "input/jpos.h"

/* The problems of one group: counted, and whether they were forgotten. */
typedef struct pg_report_group {
    size_t errors, warnings;
    bool dropped;
} pg_report_group;

typedef struct pg_report {
    const char *file;           /* display name of the input */
    const pg_load_options *opt;
    size_t errors;
    size_t warnings;
    pg_error first;             /* the first error, once errors > 0 */
    bool oom;                   /* an allocation failed: stop at once */
    pg_jpos where;              /* the text being read, and where it starts */
    long line;                  /* > 0: the line of problems placed nowhere else (an NDJSON line) */
    bool holding;               /* problems wait in `held` */
    PG_VEC(struct pg_held *) held;
    long group;                 /* the group of the problems found now; -1: none */
    PG_VEC(pg_report_group) groups;
} pg_report;

/* Starts a report for input `file`. `opt` must outlive the report. */
void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt);

/* Releases what the report holds (held problems are forgotten). */
void pg_report_free(pg_report *r);

/* From now on problems are placed in the `len` bytes at `text` (valid
 * JSON, borrowed until the next call), the value of a path `depth`
 * segments deep, which starts at `start`. NULL: no text. */
void pg_report_set_text(pg_report *r, const char *text, size_t len, int depth, pg_place start);

/* The place of the value that `p` names in the current text (see
 * pg_jpos_find): the start of the text for a path that does not go into
 * it; nothing (0:0) for the root of a whole file or line, or without a
 * text. */
pg_place pg_report_place(pg_report *r, const pg_jpath *p);

/* Records an error at JSON path `p` (NULL: none) and the place of its
 * value (pg_report_place), and passes it to the caller's callback (or
 * holds it). Returns true while loading may go on looking. */
bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);

/* The same at place `at` (kept from when the text was there). */
bool pg_report_error_place(pg_report *r, pg_place at, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(4, 5);

/* Records an error at 1-based `line`:`column`. Same return as above. */
bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...) PG_PRINTF(4, 5);

/* Records a warning at `p` (or at place `at`); warnings never stop
 * loading. */
void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(3, 4);
void pg_report_warning_place(pg_report *r, pg_place at, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(4, 5);

/* Records that memory ran out (telling the callback, once, "FILE: out
 * of memory"); always returns false. */
bool pg_report_oom(pg_report *r);

/* From now on problems are counted as usual but held back. */
void pg_report_hold(pg_report *r);

/* The problems found from now on (while holding) belong to group
 * `group` (0, 1, ... in the order they are started; -1: none). Returns
 * false when out of memory. */
bool pg_report_group_start(pg_report *r, long group);

/* Forgets the held problems of `group`: they are counted no more and
 * never passed on. */
void pg_report_group_drop(pg_report *r, long group);

/* Passes the held problems to the callback, in order (but those of
 * groups dropped), and stops holding. */
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
