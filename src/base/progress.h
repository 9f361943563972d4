/* progress.h - reporting the progress of long stages to the caller's
 * pg_progress_fn (see partygraph.h for what the caller is promised): a
 * stage begins with done = 0, reports as it goes, at most once per
 * thousandth of its total, and ends with done = total. Beginning a stage
 * ends the one before. All calls come from the thread that called the
 * library; code on other threads counts into an atomic counter that the
 * calling thread reports. */
#ifndef PG_PROGRESS_H
#define PG_PROGRESS_H

#include <stddef.h>

#include "partygraph.h"

typedef struct pg_progress {
    pg_progress_fn fn;  /* NULL: nobody listens, every call does nothing */
    void *data;
    const char *stage;  /* the stage under way, NULL between stages */
    size_t total;
    size_t next;        /* the next `done` worth reporting */
} pg_progress;

/* A reporter to `fn` (may be NULL) with `data`, no stage under way. */
void pg_progress_init(pg_progress *p, pg_progress_fn fn, void *data);

/* Ends the stage under way, if any, and begins `stage` (borrowed until
 * the stage ends) of `total` units. */
void pg_progress_begin(pg_progress *p, const char *stage, size_t total);

/* `done` units of the stage under way are done. Reports at most about a
 * thousand times a stage; done >= total reports nothing, the end being
 * pg_progress_end's to report. */
void pg_progress_update(pg_progress *p, size_t done);

/* Ends the stage under way, if any, reporting done = total. */
void pg_progress_end(pg_progress *p);

#endif
