/* analyse.c - running the analysis of a built graph and reading its
 * results: metrics, communities, components, rankings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "model/graph.h"
#include "model/igraph_glue.h"

static pg_status check_options(const pg_graph *g, const pg_analysis_options *o, pg_error *err)
{
    if ((unsigned)o->cluster >= PG_CLUSTER_COUNT)
        return pg_error_set(err, PG_EARG, "unknown community algorithm %d", (int)o->cluster);
    if (!(o->resolution > 0) || !isfinite(o->resolution))
        return pg_error_set(err, PG_EARG, "the resolution must be a finite number > 0");
    if (o->restarts < PG_RESTARTS_AUTO || o->runs < 1)
        return pg_error_set(err, PG_EARG, "restarts must be at least 1 (or automatic) and runs at least 1");
    if (o->seed > 2147483647UL)
        return pg_error_set(err, PG_EARG, "the seed must be from 0 to 2147483647");
    if (o->betweenness_samples < PG_SAMPLES_AUTO || o->closeness_samples < PG_SAMPLES_AUTO ||
        !(o->cutoff >= 0) || !isfinite(o->cutoff))
        return pg_error_set(err, PG_EARG, "samples and cutoff must not be negative");
    if (!(o->betweenness_limit >= 0) || !(o->closeness_limit >= 0) || o->jobs < 0)
        return pg_error_set(err, PG_EARG, "the exact-metric limits and jobs must not be negative");
    if (o->nby > PG_MAX_BY)
        return pg_error_set(err, PG_EARG, "at most %d homophily attributes", PG_MAX_BY);
    for (size_t i = 0; i < o->nby; i++)
        if (pg_check_attr(g->ds, "--by", o->by[i], err) != PG_OK)
            return PG_EARG;
    if (o->betweenness_samples > 0 && o->cutoff > 0)
        return pg_error_set(err, PG_EARG, "betweenness takes either samples or a cutoff, not both");
    if ((unsigned)o->layout >= PG_LAYOUT_COUNT)
        return pg_error_set(err, PG_EARG, "unknown layout %d", (int)o->layout);
    if (pg_layout_resolve(o->layout) == PG_LAYOUT_KK && g->n > PG_LAYOUT_KK_MAX_NODES)
        return pg_error_set(err, PG_EARG, "the kk layout is for graphs of at most %d nodes (this one has %zu); "
                            "use fr or drl", PG_LAYOUT_KK_MAX_NODES, g->n);
    if (o->size_by && !pg_metric_sizes_nodes(o->size_by))
        return pg_error_set(err, PG_EARG, "nodes cannot be sized by '%s': name a metric other than constraint, "
                            "community and stability", o->size_by);
    pg_status st = pg_metric_list_check(o->metrics, err);
    if (st != PG_OK)
        return st;
    if (o->label_top < -1)
        return pg_error_set(err, PG_EARG, "label_top must be -1 (all), 0 (none) or a count");
    if (o->cluster == PG_CLUSTER_EDGE_BETWEENNESS && g->edges.len > PG_EDGE_BETWEENNESS_MAX_EDGES)
        return pg_error_set(err, PG_EARG,
                            "edge-betweenness is for small graphs (at most %d edges, this one has %zu); "
                            "use louvain or leiden",
                            PG_EDGE_BETWEENNESS_MAX_EDGES, g->edges.len);
    return PG_OK;
}

/* The metrics to compute and write: those asked for, the size_by one
 * (the pictures need it) and, for an ego network, all (its report reads
 * several). */
static void choose_metrics(pg_graph *g)
{
    pg_error ignored;
    pg_metric_select(g->ego >= 0 ? NULL : g->options.metrics, g->metric_on, &ignored); /* checked */
    g->metric_on[pg_metric_index(g->options.size_by)] = true;
}

/* Copies `opt` into the graph, its strings into the arena; group_by
 * defaults to "region". */
static pg_status keep_options(pg_graph *g, const pg_analysis_options *opt, pg_error *err)
{
    pg_analysis_options *o = &g->options;
    *o = *opt;
    o->group_by = pg_arena_strdup(&g->arena, opt->group_by ? opt->group_by : "region");
    o->size_by = pg_arena_strdup(&g->arena, opt->size_by ? opt->size_by : "pagerank");
    const char **by = opt->nby ? pg_arena_alloc(&g->arena, opt->nby * sizeof *by) : NULL;
    bool ok = o->group_by && o->size_by && (opt->nby == 0 || by);
    for (size_t i = 0; ok && i < opt->nby; i++)
        ok = (by[i] = pg_arena_strdup(&g->arena, opt->by[i])) != NULL;
    o->by = by;
    if (ok && opt->metrics)
        ok = (o->metrics = pg_arena_strdup(&g->arena, opt->metrics)) != NULL;
    if (ok)
        choose_metrics(g);
    return ok ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory");
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

/* May metric m be undefined (NaN) at node v? Constraint and effective
 * size of isolates; stability without runs (with runs it is defined
 * everywhere, 1 on an edgeless graph); the directed measures of a
 * projected view. */
static bool may_be_undefined(const pg_graph *g, int m, size_t v)
{
    static const char *const directed[] = { "in_degree", "out_degree", "in_strength", "out_strength", "hub",
                                            "authority" };
    const char *name = pg_metric_table()[m].name;
    bool isolate = VECTOR(g->metric[0])[v] == 0, undirected = false;
    for (size_t i = 0; i < sizeof directed / sizeof *directed; i++)
        undirected |= g->spec.view != PG_VIEW_FULL && strcmp(name, directed[i]) == 0;
    return (isolate && (strcmp(name, "constraint") == 0 || strcmp(name, "effective_size") == 0)) ||
           (g->options.runs <= 1 && strcmp(name, "stability") == 0) || undirected;
}

/* Every metric value is finite where it is defined. A failure here is a
 * bug in partygraph or igraph, never bad data. */
static igraph_error_t check_finite(const pg_graph *g)
{
    for (int m = 0; m < PG_METRIC_COUNT; m++) {
        for (size_t v = 0; v < g->n; v++) {
            double x = VECTOR(g->metric[m])[v];
            if (!isfinite(x) && !(isnan(x) && may_be_undefined(g, m, v)))
                IGRAPH_ERRORF("%s of %s is not a finite number", IGRAPH_EINTERNAL, pg_metric_table()[m].name,
                              pg_node_entity(g, v)->id);
        }
    }
    for (size_t v = 0; g->has_layout && v < g->n; v++)
        if (!isfinite(g->x[v]) || !isfinite(g->y[v]))
            IGRAPH_ERRORF("the layout position of %s is not finite", IGRAPH_EINTERNAL, pg_node_entity(g, v)->id);
    return IGRAPH_SUCCESS;
}

/* The zero rule (docs/outputs.md, "Zero up to rounding is written 0"):
 * in the columns an iterative eigen-solver computes, a value below
 * ZERO_SHARE of the column's largest magnitude is rounding left by the
 * solver (an eigenvector score of 5e-18 in another component) and is
 * stored as 0, so that every output writes 0. Exact sums (degree,
 * strength, betweenness, ...) keep their tiny values: those are data. */
#define ZERO_SHARE 1e-12

static const char *const iterative[] = { "eigenvector", "pagerank", "hub", "authority" };

static void snap_zeros(igraph_vector_t *column)
{
    double largest = 0.0;
    igraph_integer_t n = igraph_vector_size(column);
    for (igraph_integer_t i = 0; i < n; i++)
        if (isfinite(VECTOR(*column)[i]) && fabs(VECTOR(*column)[i]) > largest)
            largest = fabs(VECTOR(*column)[i]);
    for (igraph_integer_t i = 0; i < n; i++)
        if (fabs(VECTOR(*column)[i]) < ZERO_SHARE * largest)
            VECTOR(*column)[i] = 0.0;
}

static void snap_iterative(pg_graph *g)
{
    for (size_t i = 0; i < sizeof iterative / sizeof *iterative; i++)
        snap_zeros(&g->metric[pg_metric_index(iterative[i])]);
}

/* Everything igraph computes, in one FINALLY-protected sequence. The
 * metric vectors, community arrays and layout belong to the stack until all of it
 * worked, then to the graph; on error igraph's handler has freed them. */
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
    g->x = IGRAPH_CALLOC(n > 0 ? n : 1, double);
    IGRAPH_CHECK_OOM(g->x, "layout");
    IGRAPH_FINALLY(igraph_free, g->x);
    g->y = IGRAPH_CALLOC(n > 0 ? n : 1, double);
    IGRAPH_CHECK_OOM(g->y, "layout");
    IGRAPH_FINALLY(igraph_free, g->y);
    pg_layout_run layout;
    pg_layout_start(g, &layout); /* beside the metrics, in a process of its own */
    IGRAPH_FINALLY(pg_layout_abandon, &layout);
    IGRAPH_CHECK(pg_metric_compute(g, g->metric));
    IGRAPH_CHECK(pg_directed_compute(g, g->metric));
    snap_iterative(g);
    if (pg_ties_count(g) != 0)
        IGRAPH_ERROR("Not enough memory for the tie counts by type.", IGRAPH_ENOMEM);
    double started = pg_clock();
    IGRAPH_CHECK(pg_community_detect(g));
    pg_graph_time(g, "communities", started);
    started = pg_clock();
    IGRAPH_CHECK(components(g));
    IGRAPH_CHECK(igraph_density(&g->ig, &g->density, false));
    IGRAPH_CHECK(pg_reports_compute(g));
    pg_graph_time(g, "structure and homophily", started);
    started = pg_clock();
    IGRAPH_CHECK(pg_layout_finish(g, &layout)); /* the time waited for it, when beside */
    IGRAPH_FINALLY_CLEAN(1);
    pg_graph_time(g, "layout", started);
    IGRAPH_CHECK(check_finite(g));
    IGRAPH_FINALLY_CLEAN(PG_METRIC_COUNT + 4);
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

/* The analysis's warnings into g->warnings: the star warning first (when
 * the analysis worked and found a star), then igraph's, as many as fit. */
static void keep_warnings(pg_graph *g, bool worked)
{
    g->nwarnings = 0;
    g->star_warning = -1;
    if (worked && g->structure.star >= 0) {
        pg_star_text(g, g->warnings[0], sizeof g->warnings[0]);
        g->star_warning = g->nwarnings++;
    }
    for (int i = 0; i < pg_igraph_warning_count() && g->nwarnings < PG_MAX_WARNINGS; i++)
        snprintf(g->warnings[g->nwarnings++], sizeof g->warnings[0], "%s", pg_igraph_warning(i));
}

pg_status pg_graph_analyse(pg_graph *g, const pg_analysis_options *opt, pg_error *err)
{
    pg_analysis_options defaults = PG_ANALYSIS_OPTIONS_INIT;
    pg_status st = check_options(g, opt ? opt : &defaults, err);
    if (st != PG_OK)
        return st;
    pg_graph_clear_results(g);
    g->timings.count = g->built_timings;
    if ((st = keep_options(g, opt ? opt : &defaults, err)) != PG_OK)
        return st;
    pg_igraph_scope scope;
    pg_progress progress;
    pg_progress_init(&progress, g->options.progress, g->options.progress_data);
    g->progress = &progress;
    pg_igraph_enter(&scope);
    pg_igraph_report_to(&progress, g->n);
    igraph_error_t rc = IGRAPH_SUCCESS;
    PG_IGRAPH_RUN(&scope, rc, analyse(g));
    keep_warnings(g, rc == IGRAPH_SUCCESS);
    pg_progress_end(&progress);
    pg_igraph_leave(&scope);
    g->progress = NULL;
    if (rc != IGRAPH_SUCCESS) {
        g->community = NULL; /* freed by igraph's FINALLY stack */
        g->community_size = NULL;
        g->x = g->y = NULL;
        pg_graph_clear_results(g); /* what the graph owned already */
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
const char *pg_graph_node_id(const pg_graph *g, size_t i) { return pg_node_entity(g, i)->id; }
const char *pg_graph_node_label(const pg_graph *g, size_t i) { return pg_node_entity(g, i)->name; }
pg_kind pg_graph_node_kind(const pg_graph *g, size_t i) { return pg_node_entity(g, i)->kind; }
const long *pg_graph_communities(const pg_graph *g) { return g->analysed ? g->community : NULL; }
size_t pg_graph_community_count(const pg_graph *g) { return g->analysed ? g->communities : 0; }

size_t pg_graph_community_size(const pg_graph *g, size_t c)
{
    return g->analysed && c < g->communities ? g->community_size[c] : 0;
}
double pg_graph_modularity(const pg_graph *g) { return g->analysed ? g->modularity : NAN; }
size_t pg_graph_component_count(const pg_graph *g) { return g->analysed ? g->components : 0; }

double pg_graph_reciprocity(const pg_graph *g, size_t *arcs)
{
    if (arcs)
        *arcs = g->analysed ? (size_t)g->structure.arcs : 0;
    return g->analysed ? g->structure.reciprocity : NAN;
}

const char *pg_graph_star_warning(const pg_graph *g)
{
    return g->analysed && g->star_warning >= 0 ? g->warnings[g->star_warning] : NULL;
}
size_t pg_graph_largest_component(const pg_graph *g) { return g->analysed ? g->largest_component : 0; }

const double *pg_graph_metric(const pg_graph *g, const char *name)
{
    int m = pg_metric_index(name);
    return g->analysed && m >= 0 && g->metric_on[m] ? VECTOR(g->metric[m]) : NULL;
}

const char *pg_graph_metric_method(const pg_graph *g, const char *name, long *samples, int *automatic)
{
    int m = pg_metric_index(name);
    bool between = m == pg_metric_index("betweenness"),
         distance = m == pg_metric_index("closeness") || m == pg_metric_index("harmonic");
    size_t k = between ? g->nbetweenness_sources : distance ? g->ncloseness_sources : 0;
    if (!g->analysed || m < 0 || !g->metric_on[m])
        return NULL;
    if (samples)
        *samples = (long)k;
    if (automatic)
        *automatic = (between && g->betweenness_auto) || (distance && g->closeness_auto);
    return k > 0 ? "sampled" : between && g->options.cutoff > 0 ? "cutoff" : "exact";
}

/* ---- rankings ------------------------------------------------------- */

/* A value rounded to 12 significant digits: rankings compare these, so
 * that values equal but for floating-point noise (0.125 and
 * 0.12499999999999999) tie, and ties go by id. */
static double rank_key(double x)
{
    if (x == 0 || !isfinite(x))
        return x;
    double scale = pow(10.0, 11 - floor(log10(fabs(x))));
    return round(x * scale) / scale;
}

typedef struct rank_ctx {
    const pg_graph *g;
    const double *values;
    int sign; /* +1: larger first; -1: smaller first */
} rank_ctx;

static int compare_rank(const rank_ctx *c, size_t a, size_t b)
{
    double x = rank_key(c->values[a]) * c->sign, y = rank_key(c->values[b]) * c->sign;
    if (x != y)
        return x > y ? -1 : 1;
    return strcmp(pg_node_entity(c->g, a)->id, pg_node_entity(c->g, b)->id);
}

typedef struct ranked {
    double key;     /* the value, negated when smaller ranks first */
    const char *id;
    size_t node;
} ranked;

static int by_key_id(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return strcmp(x->id, y->id);
}

int pg_graph_ranks(const pg_graph *g, int m, long *rank)
{
    ranked *all = malloc((g->n ? g->n : 1) * sizeof *all);
    if (all == NULL)
        return -1;
    double sign = pg_metric_table()[m].order == PG_RANK_ASC ? -1 : 1;
    size_t k = 0;
    for (size_t v = 0; v < g->n; v++) {
        double x = VECTOR(g->metric[m])[v];
        rank[v] = 0;
        if (!isnan(x))
            all[k++] = (ranked){ sign * rank_key(x), pg_node_entity(g, v)->id, v };
    }
    pg_vec_sort(all, k, sizeof *all, by_key_id);
    for (size_t i = 0; i < k; i++)
        rank[all[i].node] = (long)i + 1;
    free(all);
    return 0;
}

/* Insertion into a bounded, sorted top list: O(n k) for small k. */
size_t pg_graph_top(const pg_graph *g, const char *name, size_t k, size_t *out)
{
    int m = pg_metric_index(name);
    if (!g->analysed || m < 0 || pg_metric_table()[m].order == PG_RANK_NONE || !g->metric_on[m])
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
