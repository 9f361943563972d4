/* graph.h - the merged, undirected graph of a dataset and its analysis
 * results. Private to the library; the public view is partygraph.h. */
#ifndef PG_GRAPH_H
#define PG_GRAPH_H

#include <igraph.h>
#include <stdbool.h>

#include "dataset.h"

/* One merged edge: every relation between u and v (u < v). */
typedef struct pg_edge {
    long u, v;
    double weight;       /* sum of the relations' weights */
    long count;          /* how many relations */
    const char *types;   /* sorted distinct types, ";"-joined */
    const char *sources; /* sorted distinct cited sources, ";"-joined */
    pg_date first, last;
    pg_span attrs;       /* into pg_graph.edge_attrs: merged string attributes */
} pg_edge;

/* An attribute column of an output table, with one GraphML type. */
typedef enum pg_column_type { PG_COL_STRING = 0, PG_COL_LONG, PG_COL_DOUBLE, PG_COL_BOOL } pg_column_type;

typedef struct pg_column {
    const char *key;
    pg_column_type type;
} pg_column;

typedef PG_VEC(pg_column) pg_column_vec;

/* What relation types were seen, for the summary. */
typedef struct pg_type_count {
    const char *type;
    long count;
} pg_type_count;

enum { PG_METRIC_COUNT = 11, PG_MAX_WARNINGS = 8 };

struct pg_graph {
    const pg_dataset *ds;
    pg_arena arena;            /* merged strings */
    size_t n;                  /* nodes: entity i is vertex i */
    PG_VEC(pg_edge) edges;     /* sorted by (u, v) */
    PG_VEC(pg_attr) edge_attrs;
    PG_VEC(pg_type_count) types;
    pg_column_vec node_columns; /* entity attributes, sorted by key */
    pg_column_vec edge_columns; /* merged relation attributes */
    size_t explicit_relations, implied_relations, self_loops;

    igraph_t ig;               /* vertices 0..n-1, edges in `edges` order */
    igraph_vector_t weights;   /* edge weights */
    bool has_ig;

    /* analysis; valid when `analysed` */
    bool analysed;
    pg_analysis_options options;
    igraph_vector_t metric[PG_METRIC_COUNT];
    long *community;           /* label of each node */
    size_t *community_size;    /* size of each community */
    size_t communities;
    double modularity;         /* at resolution 1 */
    double objective;          /* modularity at the chosen resolution */
    size_t components, largest_component;
    double density;
    double max_metric[PG_METRIC_COUNT];
    char warnings[PG_MAX_WARNINGS][256];
    int nwarnings;
};

/* Metric table (metrics.c). */
typedef enum pg_rank_order { PG_RANK_NONE = 0, PG_RANK_DESC, PG_RANK_ASC } pg_rank_order;

typedef struct pg_metric_info {
    const char *name;
    bool integer;
    pg_rank_order order; /* how "top" lists rank it; NONE: not listed */
} pg_metric_info;

/* The metric table, PG_METRIC_COUNT entries in output order. */
const pg_metric_info *pg_metric_table(void);

/* Index of metric `name` in the table, or -1. */
int pg_metric_index(const char *name);

/* Computes every metric but "community" into results[0..PG_METRIC_COUNT),
 * vectors the caller has initialised (and owns). */
igraph_error_t pg_metric_compute(pg_graph *g, igraph_vector_t *results);

/* Detects communities into `membership` (labelled 0.. by decreasing
 * size) and sets g->communities, g->modularity and g->objective. */
igraph_error_t pg_community_detect(pg_graph *g, igraph_vector_int_t *membership);

/* Destroys the analysis results, if any; the graph is "not analysed". */
void pg_graph_clear_results(pg_graph *g);

#endif
