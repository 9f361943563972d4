/* workers.h - betweenness summed over chunks of source vertices, the
 * chunks computed by forked worker processes (Debian's igraph 0.10.2 is
 * not thread-safe, so processes, not threads). */
#ifndef PG_WORKERS_H
#define PG_WORKERS_H

#include <igraph.h>

/* The sources are split into chunks in the order given, as many as the
 * sources fill with PG_WORKER_CHUNK_MIN each, at least 1 and at most
 * PG_WORKER_CHUNKS (each igraph call costs about as much as 10 sources
 * more); the chunks' vectors are summed in chunk order whichever process
 * computed them, so the result does not depend on the number of
 * processes, and at most that many processes are useful. */
enum { PG_WORKER_CHUNKS = 64, PG_WORKER_CHUNK_MIN = 128 };

/* Sets `out` (resized to the vertex count) to the betweenness of every
 * vertex of the undirected `ig` over shortest paths from `sources` (all
 * vertices when NULL) to every vertex, each unordered pair counted once
 * when every vertex is a source (igraph_betweenness_subset's count),
 * with edge lengths `lengths` (NULL: hops). `jobs` processes compute the
 * chunks: 0 means one per online CPU, 1 (or a single chunk) computes them
 * in this process. Reports progress through
 * igraph's progress handler from this process only. Returns
 * IGRAPH_SUCCESS, IGRAPH_ENOMEM, or IGRAPH_FAILURE when a worker failed
 * (crashed, ran out of memory, could not write; the reason is igraph's
 * error message) after every worker was reaped. Must be called between
 * pg_igraph_enter and pg_igraph_leave. */
igraph_error_t pg_workers_betweenness(const igraph_t *ig, const igraph_vector_t *lengths,
                                      const igraph_vector_int_t *sources, int jobs, igraph_vector_t *out);

/* The number of worker processes `jobs` stands for (0: online CPUs), at
 * least 1. */
int pg_workers_count(int jobs);

#endif
