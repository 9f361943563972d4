/* igraph_glue.h - running igraph code as a good guest: our own error
 * handler copies igraph's reason before the FINALLY stack is freed (the
 * default handler aborts), a warning handler collects warnings instead of
 * printing them, a private random number generator leaves the host
 * program's igraph RNG where it was, and igraph's OpenMP code runs on one
 * thread (PRPACK's PageRank sums in a thread-dependent order otherwise,
 * and its last digits would change from run to run). igraph's progress
 * reports (betweenness, edge betweenness, ...) go to a pg_progress, under
 * igraph's own name of the computation, in units of the graph's nodes.
 * igraph's fatal errors (an internal assertion; igraph 0.10.2's Louvain
 * meets one when an allocation fails) come back through PG_IGRAPH_RUN as
 * an error instead of aborting the process: igraph documents longjmp from
 * its fatal handler for this. */
#ifndef PG_IGRAPH_GLUE_H
#define PG_IGRAPH_GLUE_H

#include <igraph.h>
#include <setjmp.h>
#include <stdbool.h>

#include "partygraph.h"
#include "base/progress.h"

typedef struct pg_igraph_scope {
    igraph_error_handler_t *old_error;
    igraph_warning_handler_t *old_warning;
    igraph_progress_handler_t *old_progress;
    igraph_fatal_handler_t *old_fatal;
    jmp_buf fatal;  /* where a fatal error inside PG_IGRAPH_RUN lands */
    bool armed;     /* `fatal` is set: inside PG_IGRAPH_RUN */
    struct pg_igraph_scope *outer; /* the scope entered before, if any */
    pg_progress *old_reporting;
    size_t old_units;
    igraph_rng_t *old_rng;
    igraph_rng_t rng;
    bool own_rng;
    int old_omp_threads;
} pg_igraph_scope;

/* Installs partygraph's handlers (errors, warnings, progress, fatal) and a
 * private default RNG (remembering the caller's), sets the calling thread's OpenMP thread count to one,
 * and clears the recorded reason and warnings. If the RNG cannot be made,
 * igraph's default one is used. */
void pg_igraph_enter(pg_igraph_scope *s);

/* Sets `rc` (an igraph_error_t lvalue) to `call`, an expression of that
 * type run inside scope `s`; when igraph meets a fatal error in it, `rc`
 * is IGRAPH_FAILURE instead, igraph's FINALLY stack freed and the reason
 * recorded for pg_igraph_status. Outside it, a fatal error aborts as
 * igraph's default handler does. */
#define PG_IGRAPH_RUN(s, rc, call)          \
    do {                                    \
        (s)->armed = true;                  \
        if (setjmp((s)->fatal) == 0)        \
            (rc) = (call);                  \
        else                                \
            (rc) = IGRAPH_FAILURE;          \
        (s)->armed = false;                 \
    } while (0)

/* Restores the handlers, the RNG and the OpenMP thread count that were
 * there before, and stops the progress reports. */
void pg_igraph_leave(pg_igraph_scope *s);

/* Until pg_igraph_leave, igraph's progress reports go to `p` (borrowed),
 * a percentage turned into that share of `units`. */
void pg_igraph_report_to(pg_progress *p, size_t units);

/* In a child process (pg_child_job work): igraph's fatal errors end it
 * with _exit(1), its reason printed on the child's stderr (the parent's
 * handler would jump back into the parent's frames, copied there), and
 * igraph reports no progress. Test hook, for the failure paths only: when
 * the environment variable named `hook` is "signal", the child kills
 * itself instead. */
void pg_igraph_in_child(const char *hook);

/* Maps igraph status `code` to a pg_status, filling `err` with `what` and
 * igraph's recorded reason. */
pg_status pg_igraph_status(igraph_error_t code, const char *what, pg_error *err);

/* The warnings recorded since pg_igraph_enter: count, and the i-th. */
int pg_igraph_warning_count(void);
const char *pg_igraph_warning(int i);

#endif
