/* analyse.c - running the analysis of a built graph and reading its
 * results: metrics, communities, components, rankings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fmt.h"
#include "graph.h"
#include "igraph_glue.h"

static pg_status check_options(const pg_analysis_options *o, pg_error *err)
{
    if (o->cluster != PG_CLUSTER_LOUVAIN && o->cluster != PG_CLUSTER_LEIDEN)
        return pg_error_set(err, PG_EARG, "unknown community algorithm %d", (int)o->cluster);
    if (!(o->resolution > 0) || !isfinite(o->resolution))
        return pg_error_set(err, PG_EARG, "the resolution must be a finite number > 0");
    if (o->restarts < 1)
        return pg_error_set(err, PG_EARG, "restarts must be at least 1");
    if (o->seed > 2147483647UL)
        return pg_error_set(err, PG_EARG, "the seed must be from 0 to 2147483647");
    return PG_OK;
}

static igraph_error_t components(pg_graph *g)
{
    igraph_vector_int_t sizes;
    igraph_integer_t count;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&sizes, 0);
    IGRAPH_CHECK(igraph_connected_components(&g->ig, NULL, &sizes, &count, IGRAPH_WEAK));
    g->components = (size_t)count;
    g->largest_component = count > 0 ? (size_t)igraph_vector_int_max(&sizes) : 0;
    igraph_vector_int_destroy(&sizes);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Communities into g->community and g->community_size (allocated by the
 * caller, n entries each) and into the "community" metric column. */
static igraph_error_t communities(pg_graph *g)
{
    igraph_vector_int_t membership;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&membership, 0);
    IGRAPH_CHECK(pg_community_detect(g, &membership));
    igraph_vector_t *column = &g->metric[pg_metric_index("community")];
    for (size_t v = 0; v < g->n; v++) {
        g->community[v] = (long)VECTOR(membership)[v];
        g->community_size[g->community[v]]++;
        VECTOR(*column)[v] = (double)g->community[v];
    }
    igraph_vector_int_destroy(&membership);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Every metric value is finite, but constraint on isolates (NaN). A
 * failure here is a bug in partygraph or igraph, never bad data. */
static igraph_error_t check_finite(const pg_graph *g)
{
    int constraint = pg_metric_index("constraint");
    for (int m = 0; m < PG_METRIC_COUNT; m++) {
        for (size_t v = 0; v < g->n; v++) {
            double x = VECTOR(g->metric[m])[v];
            if (!isfinite(x) && !(m == constraint && isnan(x) && VECTOR(g->metric[0])[v] == 0))
                IGRAPH_ERRORF("%s of %s is not a finite number", IGRAPH_EINTERNAL, pg_metric_table()[m].name,
                              g->ds->entities.items[v].id);
        }
    }
    return IGRAPH_SUCCESS;
}

/* Everything igraph computes, in one FINALLY-protected sequence. The
 * results belong to the stack until all of it worked, then to the graph;
 * on error igraph's handler has already freed them. */
static igraph_error_t analyse(pg_graph *g)
{
    igraph_integer_t n = (igraph_integer_t)g->n;
    for (int i = 0; i < PG_METRIC_COUNT; i++)
        IGRAPH_VECTOR_INIT_FINALLY(&g->metric[i], n);
    g->community = IGRAPH_CALLOC(n > 0 ? n : 1, long);
    IGRAPH_CHECK_OOM(g->community, "community labels");
    IGRAPH_FINALLY(igraph_free, g->community);
    g->community_size = IGRAPH_CALLOC(n > 0 ? n : 1, size_t);
    IGRAPH_CHECK_OOM(g->community_size, "community sizes");
    IGRAPH_FINALLY(igraph_free, g->community_size);
    IGRAPH_CHECK(pg_metric_compute(g, g->metric));
    IGRAPH_CHECK(communities(g));
    IGRAPH_CHECK(components(g));
    IGRAPH_CHECK(igraph_density(&g->ig, &g->density, false));
    IGRAPH_CHECK(check_finite(g));
    IGRAPH_FINALLY_CLEAN(PG_METRIC_COUNT + 2);
    return IGRAPH_SUCCESS;
}

static void record_maxima(pg_graph *g)
{
    for (int m = 0; m < PG_METRIC_COUNT; m++) {
        double max = 0;
        for (size_t v = 0; v < g->n; v++)
            if (VECTOR(g->metric[m])[v] > max)
                max = VECTOR(g->metric[m])[v];
        g->max_metric[m] = max;
    }
}

pg_status pg_graph_analyse(pg_graph *g, const pg_analysis_options *opt, pg_error *err)
{
    pg_analysis_options defaults = PG_ANALYSIS_OPTIONS_INIT;
    pg_status st = check_options(opt ? opt : &defaults, err);
    if (st != PG_OK)
        return st;
    pg_graph_clear_results(g);
    g->options = opt ? *opt : defaults;
    pg_igraph_scope scope;
    pg_igraph_enter(&scope);
    igraph_error_t rc = analyse(g);
    g->nwarnings = pg_igraph_warning_count();
    for (int i = 0; i < g->nwarnings; i++)
        snprintf(g->warnings[i], sizeof g->warnings[i], "%s", pg_igraph_warning(i));
    pg_igraph_leave(&scope);
    if (rc != IGRAPH_SUCCESS) {
        g->community = NULL; /* freed by igraph's FINALLY stack */
        g->community_size = NULL;
        return pg_igraph_status(rc, "the analysis", err);
    }
    g->analysed = true;
    record_maxima(g);
    pg_error_clear(err);
    return PG_OK;
}

/* ---- getters -------------------------------------------------------- */

size_t pg_graph_node_count(const pg_graph *g) { return g->n; }
size_t pg_graph_edge_count(const pg_graph *g) { return g->edges.len; }
size_t pg_graph_self_loops_dropped(const pg_graph *g) { return g->self_loops; }
const pg_dataset *pg_graph_dataset(const pg_graph *g) { return g->ds; }
const char *pg_graph_node_id(const pg_graph *g, size_t i) { return g->ds->entities.items[i].id; }
const char *pg_graph_node_label(const pg_graph *g, size_t i) { return g->ds->entities.items[i].name; }
pg_kind pg_graph_node_kind(const pg_graph *g, size_t i) { return g->ds->entities.items[i].kind; }
const long *pg_graph_communities(const pg_graph *g) { return g->analysed ? g->community : NULL; }
size_t pg_graph_community_count(const pg_graph *g) { return g->analysed ? g->communities : 0; }

size_t pg_graph_community_size(const pg_graph *g, size_t c)
{
    return g->analysed && c < g->communities ? g->community_size[c] : 0;
}
double pg_graph_modularity(const pg_graph *g) { return g->analysed ? g->modularity : NAN; }
size_t pg_graph_component_count(const pg_graph *g) { return g->analysed ? g->components : 0; }
size_t pg_graph_largest_component(const pg_graph *g) { return g->analysed ? g->largest_component : 0; }

const double *pg_graph_metric(const pg_graph *g, const char *name)
{
    int m = pg_metric_index(name);
    return g->analysed && m >= 0 ? VECTOR(g->metric[m]) : NULL;
}

const char *pg_cluster_name(pg_cluster c)
{
    switch (c) {
    case PG_CLUSTER_LOUVAIN: return "louvain";
    case PG_CLUSTER_LEIDEN: return "leiden";
    }
    return NULL;
}

pg_status pg_cluster_parse(const char *name, pg_cluster *out)
{
    for (pg_cluster c = PG_CLUSTER_LOUVAIN; c <= PG_CLUSTER_LEIDEN; c++) {
        if (strcmp(name, pg_cluster_name(c)) == 0) {
            *out = c;
            return PG_OK;
        }
    }
    return PG_EARG;
}

/* ---- rankings ------------------------------------------------------- */

typedef struct rank_ctx {
    const pg_graph *g;
    const double *values;
    int sign; /* +1: larger first; -1: smaller first */
} rank_ctx;

static int compare_rank(const rank_ctx *c, size_t a, size_t b)
{
    double x = c->values[a] * c->sign, y = c->values[b] * c->sign;
    if (x != y)
        return x > y ? -1 : 1;
    return strcmp(c->g->ds->entities.items[a].id, c->g->ds->entities.items[b].id);
}

/* Insertion into a bounded, sorted top list: O(n k) for small k. */
size_t pg_graph_top(const pg_graph *g, const char *name, size_t k, size_t *out)
{
    int m = pg_metric_index(name);
    if (!g->analysed || m < 0 || pg_metric_table()[m].order == PG_RANK_NONE)
        return 0;
    rank_ctx c = { g, VECTOR(g->metric[m]), pg_metric_table()[m].order == PG_RANK_DESC ? 1 : -1 };
    size_t len = 0;
    for (size_t v = 0; v < g->n; v++) {
        if (isnan(c.values[v]))
            continue;
        size_t at = len;
        while (at > 0 && compare_rank(&c, v, out[at - 1]) < 0)
            at--;
        if (at >= k)
            continue;
        if (len < k)
            len++;
        memmove(out + at + 1, out + at, (len - at - 1) * sizeof *out);
        out[at] = v;
    }
    return len;
}
