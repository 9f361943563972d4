/* igraph_glue.h - running igraph code as a good guest: our own error
 * handler copies igraph's reason before the FINALLY stack is freed (the
 * default handler aborts), a warning handler collects warnings instead of
 * printing them, a private random number generator leaves the host
 * program's igraph RNG where it was, and igraph's OpenMP code runs on one
 * thread (PRPACK's PageRank sums in a thread-dependent order otherwise,
 * and its last digits would change from run to run). */
#ifndef PG_IGRAPH_GLUE_H
#define PG_IGRAPH_GLUE_H

#include <igraph.h>
#include <stdbool.h>

#include "partygraph.h"

typedef struct pg_igraph_scope {
    igraph_error_handler_t *old_error;
    igraph_warning_handler_t *old_warning;
    igraph_rng_t *old_rng;
    igraph_rng_t rng;
    bool own_rng;
    int old_omp_threads;
} pg_igraph_scope;

/* Installs partygraph's handlers and a private default RNG (remembering
 * the caller's), sets the calling thread's OpenMP thread count to one,
 * and clears the recorded reason and warnings. If the RNG cannot be made,
 * igraph's default one is used. */
void pg_igraph_enter(pg_igraph_scope *s);

/* Restores the handlers, the RNG and the OpenMP thread count that were
 * there before. */
void pg_igraph_leave(pg_igraph_scope *s);

/* Maps igraph status `code` to a pg_status, filling `err` with `what` and
 * igraph's recorded reason. */
pg_status pg_igraph_status(igraph_error_t code, const char *what, pg_error *err);

/* The warnings recorded since pg_igraph_enter: count, and the i-th. */
int pg_igraph_warning_count(void);
const char *pg_igraph_warning(int i);

#endif
