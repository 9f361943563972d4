/* timing.h - the wall-clock times of the stages a graph went through, for
 * --timings and the "timings" member of summary.json: load, build, each
 * metric, the distance pass, communities, layout, periods, each writer.
 *
 * Every stage also says how much of its time was spent inside igraph, so
 * that partygraph's own share can be told apart: a stage whose work is an
 * igraph call (betweenness, PageRank, Louvain, the layout, ...) counts
 * whole as igraph's, one that runs partygraph's own code (loading,
 * building, the distance pass, effective size, brokerage roles, writing)
 * counts whole as partygraph's, and the periods count what their own
 * analyses spent in igraph. Of partygraph's own time, the stages that are
 * a graph algorithm igraph would otherwise run (the distance pass, which
 * replaces igraph's closeness, harmonic and eccentricity passes) are told
 * apart as "algorithms"; the rest (reading, building, bookkeeping,
 * writing) is the overhead. The tables of stages are in timing.c. */
#ifndef PG_TIMING_H
#define PG_TIMING_H

#include <stddef.h>

enum { PG_MAX_TIMINGS = 64 };

/* How long one stage took, how much of it inside igraph and how much in
 * partygraph's own graph algorithms (the distance pass). */
typedef struct pg_timing {
    const char *name;  /* static, or in the graph's arena */
    double seconds;
    double igraph;
    double algorithms;
} pg_timing;

typedef struct pg_timings {
    pg_timing stage[PG_MAX_TIMINGS];
    size_t count;
    double origin;     /* pg_clock() when the first stage (loading) began; 0: unknown */
} pg_timings;

/* Seconds on a monotonic clock, for stage timings. */
double pg_clock(void);

/* Appends stage `name` (kept as given) of `seconds`, `igraph` of them
 * inside igraph and `algorithms` in our own graph algorithms; stages
 * beyond PG_MAX_TIMINGS are dropped. */
void pg_timings_add(pg_timings *t, const char *name, double seconds, double igraph, double algorithms);

/* Appends stage `name`, which ran since `started`, counting it as igraph's
 * when it is in the table of igraph stages. */
void pg_timings_stage(pg_timings *t, const char *name, double started);

/* The seconds spent inside igraph over all stages. */
double pg_timings_igraph(const pg_timings *t);

/* The seconds spent in partygraph's own graph algorithms over all stages. */
double pg_timings_algorithms(const pg_timings *t);

#endif
