/* distances.h - the all-pairs distance pass behind closeness, harmonic
 * centrality, the diameter and the average path length. */
#ifndef PG_DISTANCES_H
#define PG_DISTANCES_H

#include <stdbool.h>

#include "model/graph.h"

/* Per source node: nodes reached (itself not counted), the sum of the
 * distances to them and of their inverses, and the largest distance;
 * per node its betweenness when the pass gave it (else NULL). */
typedef struct pg_distance_sums {
    double *sum;
    double *inverse;
    double *reached;
    double *eccentricity;
    double *betweenness;
} pg_distance_sums;

/* Allocates the four arrays for n nodes (betweenness NULL); 0, or -1
 * when out of memory. */
int pg_distance_sums_init(pg_distance_sums *d, size_t n);
void pg_distance_sums_free(pg_distance_sums *d);

/* Fills `out` from every node of `g`, by hops or (weighted) by 1/weight,
 * on `threads` threads (0: one per online CPU). With `betweenness` (n
 * values; by hops only, so NULL when weighted) the same breadth-first
 * searches count shortest paths and give every node its betweenness
 * (Brandes, each unordered pair once: NetworkX's normalized=False); the
 * sources are split into a fixed number of chunks summed in order, so the
 * values do not depend on `threads`. Returns 0, or -1 when out of
 * memory. */
int pg_distances(const pg_graph *g, bool weighted, int threads, pg_distance_sums *out, double *betweenness);

/* Fills `out` toward the k sampled `sources` (node indices, distinct) of
 * `g`: per node, the sampled sources it reaches (itself not counted), the
 * sum of the distances to them and of their inverses, and the largest.
 * The sources are split into a fixed number of chunks, so the sums do not
 * depend on `threads`. Returns 0, or -1 when out of memory. */
int pg_distances_sampled(const pg_graph *g, bool weighted, int threads, const long *sources, size_t k,
                         pg_distance_sums *out);

#endif
