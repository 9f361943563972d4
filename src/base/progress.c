/* progress.c - see progress.h. */
#include "base/progress.h"

enum { STEPS = 1000 }; /* at most this many reports per stage, besides the first and last */

void pg_progress_init(pg_progress *p, pg_progress_fn fn, void *data)
{
    *p = (pg_progress){ fn, data, NULL, 0, 0 };
}

void pg_progress_begin(pg_progress *p, const char *stage, size_t total)
{
    pg_progress_end(p);
    if (p->fn == NULL)
        return;
    if (total == 0) { /* nothing to wait for: one call is the first and the last */
        p->fn(stage, 0, 0, p->data);
        return;
    }
    p->stage = stage;
    p->total = total;
    p->next = (total + STEPS - 1) / STEPS;
    p->fn(stage, 0, total, p->data);
}

void pg_progress_update(pg_progress *p, size_t done)
{
    if (p->stage == NULL || done < p->next || done >= p->total)
        return; /* the end is reported by pg_progress_end */
    p->next = done + (p->total + STEPS - 1) / STEPS;
    p->fn(p->stage, done, p->total, p->data);
}

void pg_progress_end(pg_progress *p)
{
    if (p->stage == NULL)
        return;
    p->fn(p->stage, p->total, p->total, p->data);
    p->stage = NULL;
}
