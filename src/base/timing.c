/* timing.c - see timing.h. */
#define _POSIX_C_SOURCE 200809L
#include "base/timing.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

/* The stages whose work is one igraph computation (a little bookkeeping
 * of ours around it, linear in the graph, included). Any other stage is
 * partygraph's own: a stage missing here counts against partygraph, never
 * for it. */
static const char *const igraph_stages[] = {
    "degree", "strength", "coreness", "betweenness", "eigenvector", "pagerank", "constraint", "clustering",
    "communities", "structure and homophily", "layout",
};

/* partygraph's own graph algorithms: work igraph would otherwise do. */
static const char *const algorithm_stages[] = {
    "distance pass (closeness, harmonic, diameter)",
    "distance pass (closeness, harmonic, betweenness, diameter)",
};

static bool listed(const char *name, const char *const *table, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, table[i]) == 0)
            return true;
    return false;
}

#define LISTED(name, table) listed(name, table, sizeof table / sizeof table[0])

double pg_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void pg_timings_add(pg_timings *t, const char *name, double seconds, double igraph, double algorithms)
{
    if (t->count < PG_MAX_TIMINGS)
        t->stage[t->count++] = (pg_timing){ name, seconds, igraph, algorithms };
}

void pg_timings_stage(pg_timings *t, const char *name, double started)
{
    double seconds = pg_clock() - started;
    pg_timings_add(t, name, seconds, LISTED(name, igraph_stages) ? seconds : 0.0,
                   LISTED(name, algorithm_stages) ? seconds : 0.0);
}

double pg_timings_igraph(const pg_timings *t)
{
    double sum = 0;
    for (size_t i = 0; i < t->count; i++)
        sum += t->stage[i].igraph;
    return sum;
}

double pg_timings_algorithms(const pg_timings *t)
{
    double sum = 0;
    for (size_t i = 0; i < t->count; i++)
        sum += t->stage[i].algorithms;
    return sum;
}
