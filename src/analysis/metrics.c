/* metrics.c - node metrics of the merged graph, with igraph. Each metric
 * is one function named in the table below; definitions follow NetworkX's
 * (docs/network.md has the mapping).
 *
 * Path metrics count hops, or with options.weighted_paths use distance =
 * 1/weight. Closeness and harmonic centrality come from one distance pass
 * of our own (distances.c), which also gives the diameter and average path
 * length. Exact betweenness by hops comes from the same pass (Brandes'
 * accumulation along each search); otherwise it is igraph's: igraph's shortest-path code stores
 * distance + 1.0 internally, which loses the relative precision of
 * distances far below 1, so the distances handed to it are scaled to make
 * the shortest one exactly 1 (distance' = max weight / weight), which does
 * not change betweenness (a cutoff is scaled alike).
 *
 * At scale (docs/network.md, "Path metrics at scale"): betweenness is summed over chunks of sources
 * by worker processes (workers.c); betweenness and the distance pass are
 * estimated from sampled sources when asked, or when the graph is over
 * the options' limits; but when the distance pass runs exactly anyway
 * (closeness or harmonic centrality asked for, within their limit),
 * betweenness by hops is exact too, from that pass, which costs less
 * than the sampled estimate would. Only the metrics in options.metrics
 * are computed (degree always: the analysis checks need it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igraph_random.h>

#include "analysis/distances.h"
#include "analysis/workers.h"
#include "base/error.h"
#include "base/suggest.h"
#include "model/graph.h"

/* Edge lengths for igraph's path metrics: NULL for hops, else distance'
 * with true distance = distance' / scale; and the distance pass. */
typedef struct paths {
    const igraph_vector_t *dist;
    double scale;
    const pg_distance_sums *sums;
} paths;

typedef igraph_error_t metric_fn(const pg_graph *g, const paths *p, igraph_vector_t *out);

/* X(name, integer, rank order, function). NULL: filled elsewhere — the
 * directed measures by directed.c, the brokerage roles below, community
 * and stability by community.c. */
#define PG_METRICS(X)                                  \
    X(degree, true, PG_RANK_DESC, degree)              \
    X(strength, false, PG_RANK_DESC, strength)         \
    X(in_degree, true, PG_RANK_DESC, NULL)             \
    X(out_degree, true, PG_RANK_DESC, NULL)            \
    X(in_strength, false, PG_RANK_DESC, NULL)          \
    X(out_strength, false, PG_RANK_DESC, NULL)         \
    X(coreness, true, PG_RANK_NONE, coreness)          \
    X(betweenness, false, PG_RANK_DESC, betweenness)   \
    X(closeness, false, PG_RANK_DESC, closeness)       \
    X(harmonic, false, PG_RANK_DESC, harmonic)         \
    X(eigenvector, false, PG_RANK_DESC, eigenvector)   \
    X(pagerank, false, PG_RANK_DESC, pagerank)         \
    X(hub, false, PG_RANK_DESC, NULL)                  \
    X(authority, false, PG_RANK_DESC, NULL)            \
    X(constraint, false, PG_RANK_ASC, constraint)      \
    X(effective_size, false, PG_RANK_DESC, effective_size) \
    X(clustering, false, PG_RANK_NONE, clustering)     \
    X(coordinator, true, PG_RANK_NONE, NULL)           \
    X(itinerant, true, PG_RANK_NONE, NULL)             \
    X(gatekeeper, true, PG_RANK_NONE, NULL)            \
    X(representative, true, PG_RANK_NONE, NULL)        \
    X(liaison, true, PG_RANK_NONE, NULL)               \
    X(community, true, PG_RANK_NONE, NULL)             \
    X(stability, false, PG_RANK_NONE, NULL)

static metric_fn degree, strength, coreness, betweenness, closeness, harmonic, eigenvector, pagerank, constraint,
    effective_size, clustering;

#define INFO(name, integer, order, fn) { #name, integer, order },
static const pg_metric_info metrics[PG_METRIC_COUNT] = { PG_METRICS(INFO) };
#undef INFO

#define FN(name, integer, order, fn) fn,
static metric_fn *const functions[PG_METRIC_COUNT] = { PG_METRICS(FN) };
#undef FN

#define NAME(name, integer, order, fn) #name,
static const char *const metric_names[PG_METRIC_COUNT + 1] = { PG_METRICS(NAME) NULL };
#undef NAME

const pg_metric_info *pg_metric_table(void)
{
    return metrics;
}

int pg_metric_index(const char *name)
{
    return pg_name_index(metric_names, PG_METRIC_COUNT, name);
}

int pg_metric_sizes_nodes(const char *name)
{
    int m = pg_metric_index(name);
    return m >= 0 && strcmp(name, "constraint") != 0 && strcmp(name, "community") != 0 &&
           strcmp(name, "stability") != 0;
}

const char *const *pg_metric_names(void)
{
    return metric_names;
}

pg_status pg_metric_select(const char *list, bool on[PG_METRIC_COUNT], pg_error *err)
{
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        on[m] = list == NULL;
    for (const char *p = list; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        char name[64];
        size_t len = strcspn(p, ",");
        snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p);
        int m = len < sizeof name ? pg_metric_index(name) : -1;
        if (m >= 0) {
            on[m] = true;
            continue;
        }
        if (len == 0)
            return pg_error_set(err, PG_EARG, "empty metric name in the list '%s'", list);
        pg_suggest s;
        char known[320] = "";
        pg_suggest_init(&s, name);
        for (int i = 0; i < PG_METRIC_COUNT; i++) {
            pg_suggest_offer(&s, metric_names[i]);
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? "," : "", metric_names[i]);
        }
        if (s.best)
            return pg_error_set(err, PG_EARG, "unknown metric '%s'; did you mean '%s'?", name, s.best);
        return pg_error_set(err, PG_EARG, "unknown metric '%s' (known: %s)", name, known);
    }
    return PG_OK;
}

pg_status pg_metric_list_check(const char *list, pg_error *err)
{
    bool on[PG_METRIC_COUNT];
    return pg_metric_select(list, on, err);
}

/* ---- the metrics ---------------------------------------------------- */

/* Sets to `value` the entries of `out` whose vertex has no edge. */
static igraph_error_t set_isolates(const pg_graph *g, igraph_vector_t *out, double value)
{
    igraph_vector_int_t deg;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, 0);
    IGRAPH_CHECK(igraph_degree(&g->ig, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
    for (igraph_integer_t v = 0; v < igraph_vector_int_size(&deg); v++)
        if (VECTOR(deg)[v] == 0)
            VECTOR(*out)[v] = value;
    igraph_vector_int_destroy(&deg);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

static igraph_error_t degree(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, NULL);
}

static igraph_error_t strength(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights);
}

static igraph_error_t coreness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_vector_int_t cores;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cores, 0);
    IGRAPH_CHECK(igraph_coreness(&g->ig, &cores, IGRAPH_ALL));
    IGRAPH_CHECK(igraph_vector_resize(out, igraph_vector_int_size(&cores)));
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&cores); i++)
        VECTOR(*out)[i] = (double)VECTOR(cores)[i];
    igraph_vector_int_destroy(&cores);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* K distinct sources drawn with the seeded RNG into `sources`, sorted:
 * the same seed and K give the same sources, for every sampled metric. */
static igraph_error_t sample_sources(const pg_graph *g, igraph_integer_t k, igraph_vector_int_t *sources)
{
    igraph_integer_t n = igraph_vcount(&g->ig);
    IGRAPH_CHECK(igraph_vector_int_init_range(sources, 0, n));
    igraph_rng_seed(igraph_rng_default(), g->options.seed);
    for (igraph_integer_t i = 0; i < k; i++) { /* partial Fisher-Yates */
        igraph_integer_t j = RNG_INTEGER(i, n - 1), t = VECTOR(*sources)[i];
        VECTOR(*sources)[i] = VECTOR(*sources)[j];
        VECTOR(*sources)[j] = t;
    }
    IGRAPH_CHECK(igraph_vector_int_resize(sources, k));
    igraph_vector_int_sort(sources);
    return IGRAPH_SUCCESS;
}

/* How many sources a path metric samples: `asked` when 0 < asked < n;
 * automatically (PG_SAMPLES_AUTO) when nodes x edges is over `limit` (0:
 * `fallback`): limit / edges of them, at least 64; 0 means exact. */
static igraph_integer_t sample_count(const pg_graph *g, long asked, double limit, double fallback,
                                     bool *automatic)
{
    double n = (double)g->n, m = (double)g->edges.len, cap = limit > 0 ? limit : fallback;
    double k = m > 0 ? ceil(cap / m) : n;
    *automatic = false;
    if (asked != PG_SAMPLES_AUTO)
        return asked > 0 && asked < (long)g->n ? (igraph_integer_t)asked : 0;
    if (n * m <= cap || (k < 64 ? 64 : k) >= n)
        return 0;
    *automatic = true;
    return (igraph_integer_t)(k < 64 ? 64 : k);
}

/* The entities of `sources` into a new array *out (the graph's to free). */
static igraph_error_t keep_sources(const pg_graph *g, const igraph_vector_int_t *sources, long **out,
                                   size_t *count)
{
    igraph_integer_t k = igraph_vector_int_size(sources);
    *out = IGRAPH_CALLOC(k > 0 ? k : 1, long);
    IGRAPH_CHECK_OOM(*out, "sampled sources");
    for (igraph_integer_t i = 0; i < k; i++)
        (*out)[i] = g->entity[VECTOR(*sources)[i]];
    *count = (size_t)k;
    return IGRAPH_SUCCESS;
}

/* Sampled betweenness: the dependencies of K random sources, scaled by
 * n/K (NetworkX's betweenness_centrality(k=K) estimator); the sources are
 * kept in the graph for the summary. */
static igraph_error_t sampled_betweenness(pg_graph *g, const paths *p, igraph_integer_t k, igraph_vector_t *out)
{
    igraph_integer_t n = igraph_vcount(&g->ig);
    igraph_vector_int_t sources;
    IGRAPH_CHECK(sample_sources(g, k, &sources));
    IGRAPH_FINALLY(igraph_vector_int_destroy, &sources);
    IGRAPH_CHECK(pg_workers_betweenness(&g->ig, p->dist, &sources, g->options.jobs, out));
    igraph_vector_scale(out, (double)n / (double)k);
    IGRAPH_CHECK(keep_sources(g, &sources, &g->betweenness_sources, &g->nbetweenness_sources));
    igraph_vector_int_destroy(&sources);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* igraph counts each unordered pair once on undirected graphs, which is
 * NetworkX's betweenness_centrality(normalized=False). With a cutoff only
 * paths up to that length count (igraph's own pass, in this process);
 * with samples it is estimated; exact, it is summed over chunks of
 * sources by the worker processes. */
static igraph_error_t betweenness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    const pg_analysis_options *o = &g->options;
    pg_graph *mutable = (pg_graph *)g;
    if (o->cutoff > 0)
        return igraph_betweenness_cutoff(&g->ig, out, igraph_vss_all(), IGRAPH_UNDIRECTED, p->dist,
                                         o->cutoff * p->scale);
    if (p->sums->betweenness != NULL) { /* the distance pass gave it, exactly */
        mutable->betweenness_auto = false;
        IGRAPH_CHECK(igraph_vector_resize(out, (igraph_integer_t)g->n));
        memcpy(VECTOR(*out), p->sums->betweenness, g->n * sizeof(double));
        return IGRAPH_SUCCESS;
    }
    igraph_integer_t k = sample_count(g, o->betweenness_samples, o->betweenness_limit, PG_BETWEENNESS_LIMIT,
                                      &mutable->betweenness_auto);
    if (k > 0)
        return sampled_betweenness(mutable, p, k, out);
    return pg_workers_betweenness(&g->ig, p->dist, NULL, o->jobs, out);
}

/* NetworkX's (Wasserman-Faust): (r/sum d) * (r/(n-1)) over the r other
 * nodes reached. Isolates get 0. Sampled, r and the sum are the
 * distance pass's estimates. */
static igraph_error_t closeness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    double n = (double)g->n;
    for (size_t v = 0; v < g->n; v++) {
        double r = (double)p->sums->reached[v];
        VECTOR(*out)[v] = r > 0 ? r / p->sums->sum[v] * (r / (n - 1)) : 0.0;
    }
    return IGRAPH_SUCCESS;
}

/* Sum of 1/d over the other nodes, not divided by n-1 (as NetworkX). */
static igraph_error_t harmonic(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    for (size_t v = 0; v < g->n; v++)
        VECTOR(*out)[v] = p->sums->inverse[v];
    return IGRAPH_SUCCESS;
}

/* Weighted, whole graph, largest value 1; isolates 0. The centrality does
 * not depend on the scale of the weights, so ARPACK gets them divided by
 * the largest (it fails on weights near 1e300). */
static igraph_error_t eigenvector(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_real_t value;
    if (igraph_ecount(&g->ig) == 0) {
        IGRAPH_CHECK(igraph_vector_resize(out, igraph_vcount(&g->ig)));
        igraph_vector_null(out);
        return IGRAPH_SUCCESS;
    }
    igraph_vector_t unit;
    IGRAPH_CHECK(igraph_vector_init_copy(&unit, &g->weights));
    IGRAPH_FINALLY(igraph_vector_destroy, &unit);
    igraph_vector_scale(&unit, 1.0 / igraph_vector_max(&g->weights));
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    IGRAPH_CHECK(igraph_eigenvector_centrality(&g->ig, out, &value, IGRAPH_UNDIRECTED, true, &unit, &arpack));
    for (igraph_integer_t i = 0; i < igraph_vector_size(out); i++)
        if (VECTOR(*out)[i] < 0)
            VECTOR(*out)[i] = 0.0; /* round-off below zero */
    IGRAPH_CHECK(set_isolates(g, out, 0.0));
    igraph_vector_destroy(&unit);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* PRPACK solves the PageRank system directly: it agrees with NetworkX
 * run to tol=1e-15 within ~1e-14 (tests/oracle). */
static igraph_error_t pagerank(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_real_t value;
    return igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, out, &value, igraph_vss_all(), IGRAPH_UNDIRECTED,
                           0.85, &g->weights, NULL);
}

/* Burt's constraint on the merged weighted graph; NaN for isolates. */
static igraph_error_t constraint(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    IGRAPH_CHECK(igraph_constraint(&g->ig, out, igraph_vss_all(), &g->weights));
    return set_isolates(g, out, NAN);
}

/* The graph's incidence lists (edge ids per node), for the neighbourhood
 * measures below. */
static igraph_error_t incidence(const pg_graph *g, igraph_inclist_t *il)
{
    return igraph_inclist_init(&g->ig, il, IGRAPH_ALL, IGRAPH_LOOPS_ONCE);
}

/* The other end of edge e from v. */
static igraph_integer_t other(const pg_graph *g, igraph_integer_t e, igraph_integer_t v)
{
    return g->edges.items[e].u == v ? g->edges.items[e].v : g->edges.items[e].u;
}

/* Effective size of u, with tie[w] = weight of u-w for u's contacts (0
 * elsewhere): the sum over contacts v of 1 - redundancy, where redundancy
 * = sum over u's other contacts w tied to v of p(u,w) * m(v,w), p the
 * weight over u's strength, m over v's strongest tie (NetworkX's
 * normalized mutual weights). */
static double size_of(const pg_graph *g, const igraph_inclist_t *il, igraph_integer_t u, const double *tie,
                      const igraph_vector_t *sum, const igraph_vector_t *max)
{
    igraph_vector_int_t *eu = igraph_inclist_get(il, u);
    double size = 0;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(eu); i++) {
        igraph_integer_t v = other(g, VECTOR(*eu)[i], u);
        igraph_vector_int_t *ev = igraph_inclist_get(il, v);
        double r = 0;
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(ev); k++) {
            igraph_integer_t e = VECTOR(*ev)[k], w = other(g, e, v);
            if (w != u && tie[w] > 0)
                r += tie[w] / VECTOR(*sum)[u] * (VECTOR(g->weights)[e] / VECTOR(*max)[v]);
        }
        size += 1 - r;
    }
    return igraph_vector_int_size(eu) ? size : NAN;
}

/* Burt's effective size, weighted as NetworkX's effective_size(weight=);
 * NaN for isolates. */
static igraph_error_t effective_size(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_integer_t n = igraph_vcount(&g->ig);
    igraph_vector_t sum, max, tie;
    igraph_inclist_t il;
    IGRAPH_CHECK(incidence(g, &il));
    IGRAPH_FINALLY(igraph_inclist_destroy, &il);
    IGRAPH_VECTOR_INIT_FINALLY(&sum, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&max, n);
    IGRAPH_VECTOR_INIT_FINALLY(&tie, n);
    IGRAPH_CHECK(igraph_strength(&g->ig, &sum, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights));
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        VECTOR(max)[x->u] = x->weight > VECTOR(max)[x->u] ? x->weight : VECTOR(max)[x->u];
        VECTOR(max)[x->v] = x->weight > VECTOR(max)[x->v] ? x->weight : VECTOR(max)[x->v];
    }
    for (igraph_integer_t u = 0; u < n; u++) {
        igraph_vector_int_t *eu = igraph_inclist_get(&il, u);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(eu); i++)
            VECTOR(tie)[other(g, VECTOR(*eu)[i], u)] = VECTOR(g->weights)[VECTOR(*eu)[i]];
        VECTOR(*out)[u] = size_of(g, &il, u, VECTOR(tie), &sum, &max);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(eu); i++)
            VECTOR(tie)[other(g, VECTOR(*eu)[i], u)] = 0;
    }
    igraph_vector_destroy(&tie);
    igraph_vector_destroy(&max);
    igraph_vector_destroy(&sum);
    igraph_inclist_destroy(&il);
    IGRAPH_FINALLY_CLEAN(4);
    return IGRAPH_SUCCESS;
}

/* ---- brokerage roles ------------------------------------------------ */

enum { COORDINATOR, ITINERANT, GATEKEEPER, REPRESENTATIVE, LIAISON };

typedef struct numbuf {
    char text[32]; /* a node's group, when it is a number */
} numbuf;

static bool same(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

/* Adds to `role` the roles of broker b between non-adjacent contacts a
 * and c, counted over both directions a-b-c and c-b-a (the network taken
 * as symmetric, as statnet's brokerage does). */
static void classify(const char *ga, const char *gb, const char *gc, double role[5])
{
    if (same(ga, gb) && same(gb, gc))
        role[COORDINATOR] += 2;
    else if (same(ga, gc))
        role[ITINERANT] += 2;
    else if (same(ga, gb) || same(gb, gc)) {
        role[REPRESENTATIVE] += 1; /* b's group is the origin's one way ... */
        role[GATEKEEPER] += 1;     /* ... and the destination's the other */
    } else
        role[LIAISON] += 2;
}

/* The roles of broker b. stamp[x] == a + 1 exactly when x is a contact of
 * a: a's contacts are stamped before its pairs are examined, and no one
 * else ever gets the stamp a + 1. */
static void broker(const pg_graph *g, const igraph_inclist_t *il, igraph_integer_t b, const char **group,
                   igraph_integer_t *stamp, double role[5])
{
    igraph_vector_int_t *eb = igraph_inclist_get(il, b);
    igraph_integer_t k = igraph_vector_int_size(eb);
    for (igraph_integer_t i = 0; group[b] && i < k; i++) {
        igraph_integer_t a = other(g, VECTOR(*eb)[i], b);
        igraph_vector_int_t *ea = igraph_inclist_get(il, a);
        if (!group[a])
            continue;
        for (igraph_integer_t x = 0; x < igraph_vector_int_size(ea); x++)
            stamp[other(g, VECTOR(*ea)[x], a)] = a + 1;
        for (igraph_integer_t j = i + 1; j < k; j++) {
            igraph_integer_t c = other(g, VECTOR(*eb)[j], b);
            if (group[c] && stamp[c] != a + 1)
                classify(group[a], group[b], group[c], role);
        }
    }
}

/* The five role columns, from first (COORDINATOR) on. Nodes without the
 * grouping attribute broker nothing and are no one's contact here. */
static igraph_error_t brokerage_roles(const pg_graph *g, igraph_vector_t *first)
{
    igraph_integer_t n = igraph_vcount(&g->ig);
    igraph_inclist_t il;
    numbuf *bufs = IGRAPH_CALLOC(n > 0 ? n : 1, numbuf);
    IGRAPH_CHECK_OOM(bufs, "brokerage groups");
    IGRAPH_FINALLY(igraph_free, bufs);
    const char **group = IGRAPH_CALLOC(n > 0 ? n : 1, const char *);
    IGRAPH_CHECK_OOM(group, "brokerage groups");
    IGRAPH_FINALLY(igraph_free, group);
    igraph_integer_t *stamp = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
    IGRAPH_CHECK_OOM(stamp, "brokerage marks");
    IGRAPH_FINALLY(igraph_free, stamp);
    IGRAPH_CHECK(incidence(g, &il));
    IGRAPH_FINALLY(igraph_inclist_destroy, &il);
    for (igraph_integer_t v = 0; v < n; v++)
        group[v] = pg_node_attr(g, (size_t)v, g->options.group_by, bufs[v].text);
    for (igraph_integer_t b = 0; b < n; b++) {
        double role[5] = { 0 };
        broker(g, &il, b, group, stamp, role);
        for (int r = 0; r < 5; r++)
            VECTOR(first[r])[b] = role[r];
    }
    igraph_inclist_destroy(&il);
    IGRAPH_FREE(stamp);
    IGRAPH_FREE(group);
    IGRAPH_FREE(bufs);
    IGRAPH_FINALLY_CLEAN(4);
    return IGRAPH_SUCCESS;
}

/* Unweighted local clustering; 0 when degree < 2. */
static igraph_error_t clustering(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_transitivity_local_undirected(&g->ig, out, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO);
}

/* ---- driver --------------------------------------------------------- */

/* Distances max(w)/w into `dist`; returns the scale max(w). */
static igraph_error_t scaled_distances(const pg_graph *g, igraph_vector_t *dist, double *scale)
{
    igraph_integer_t m = igraph_vector_size(&g->weights);
    *scale = m > 0 ? igraph_vector_max(&g->weights) : 1.0;
    IGRAPH_CHECK(igraph_vector_resize(dist, m));
    for (igraph_integer_t e = 0; e < m; e++)
        VECTOR(*dist)[e] = *scale / VECTOR(g->weights)[e];
    return IGRAPH_SUCCESS;
}

/* The diameter and the average path length (over connected pairs);
 * sampled, over the pairs with a sampled end. */
static void path_structure(pg_graph *g, const pg_distance_sums *sums)
{
    double total = 0, pairs = 0, diameter = 0;
    for (size_t v = 0; v < g->n; v++) {
        total += sums->sum[v];
        pairs += sums->reached[v];
        diameter = sums->eccentricity[v] > diameter ? sums->eccentricity[v] : diameter;
    }
    g->structure.diameter = g->n ? diameter : NAN;
    g->structure.average_path_length = pairs > 0 ? total / pairs : NAN;
}

/* Eppstein-Wang: a node's sums toward the K sampled sources, scaled by
 * (n-1)/K' with K' the sampled sources other than itself, estimate its
 * sums toward all the others (a node whose only peer would be itself,
 * K = 1, gets 0). */
static void scale_sampled(const pg_graph *g, const igraph_vector_int_t *sources, pg_distance_sums *sums)
{
    igraph_integer_t k = igraph_vector_int_size(sources), at = 0;
    for (size_t v = 0; v < g->n; v++) {
        bool source = at < k && VECTOR(*sources)[at] == (igraph_integer_t)v;
        at += source;
        double others = (double)(k - source), f = others > 0 ? (double)(g->n - 1) / others : 0.0;
        sums->sum[v] *= f;
        sums->inverse[v] *= f;
        sums->reached[v] *= f;
    }
}

/* The distance pass from sampled sources into `sums`. */
static igraph_error_t sampled_pass(pg_graph *g, igraph_integer_t k, pg_distance_sums *sums)
{
    igraph_vector_int_t sources;
    IGRAPH_CHECK(sample_sources(g, k, &sources));
    IGRAPH_FINALLY(igraph_vector_int_destroy, &sources);
    IGRAPH_CHECK(keep_sources(g, &sources, &g->closeness_sources, &g->ncloseness_sources));
    long *nodes = IGRAPH_CALLOC(k, long);
    IGRAPH_CHECK_OOM(nodes, "sampled sources");
    IGRAPH_FINALLY(igraph_free, nodes);
    for (igraph_integer_t i = 0; i < k; i++)
        nodes[i] = (long)VECTOR(sources)[i];
    if (pg_distances_sampled(g, g->options.weighted_paths, g->options.threads, nodes, (size_t)k, sums) != 0)
        IGRAPH_ERROR("Not enough memory for the distance pass.", IGRAPH_ENOMEM);
    path_structure(g, sums);
    scale_sampled(g, &sources, sums);
    IGRAPH_FREE(nodes);
    igraph_vector_int_destroy(&sources);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* Is betweenness to be exact, by hops and without a cutoff, so that the
 * distance pass gives it? It is when asked for so, or when within its
 * limit, or, unless samples were asked for, when the pass runs exactly
 * anyway (`exact_pass`): the accumulation then adds about the pass's own
 * cost, less than igraph's sampled estimate up to the pass's limit
 * (docs/network.md, "Path metrics at scale"). */
static bool exact_hop_betweenness(pg_graph *g, bool exact_pass)
{
    const pg_analysis_options *o = &g->options;
    bool automatic;
    if (!g->metric_on[pg_metric_index("betweenness")] || o->weighted_paths || o->cutoff > 0)
        return false;
    bool within = sample_count(g, o->betweenness_samples, o->betweenness_limit, PG_BETWEENNESS_LIMIT,
                               &automatic) == 0;
    return within || (exact_pass && o->betweenness_samples == PG_SAMPLES_AUTO);
}

/* The distance pass into `sums` (on the FINALLY stack from here), when
 * closeness or harmonic centrality is asked for, or exact betweenness by
 * hops (which it then gives too); the diameter and average path length
 * stay NaN without closeness or harmonic. */
static igraph_error_t distance_pass(pg_graph *g, pg_distance_sums *sums)
{
    double started = pg_clock();
    if (pg_distance_sums_init(sums, g->n) != 0)
        IGRAPH_ERROR("Not enough memory for the distance pass.", IGRAPH_ENOMEM);
    IGRAPH_FINALLY(pg_distance_sums_free, sums);
    g->structure.diameter = g->structure.average_path_length = NAN;
    const pg_analysis_options *o = &g->options;
    bool close = g->metric_on[pg_metric_index("closeness")] || g->metric_on[pg_metric_index("harmonic")];
    igraph_integer_t k = close ? sample_count(g, o->closeness_samples, o->closeness_limit, PG_CLOSENESS_LIMIT,
                                              &g->closeness_auto) : 0;
    bool between = k == 0 && exact_hop_betweenness(g, close);
    if (!close && !between)
        return IGRAPH_SUCCESS;
    if (between && (sums->betweenness = malloc((g->n ? g->n : 1) * sizeof(double))) == NULL)
        IGRAPH_ERROR("Not enough memory for the distance pass.", IGRAPH_ENOMEM);
    if (k > 0)
        IGRAPH_CHECK(sampled_pass(g, k, sums));
    else if (pg_distances(g, o->weighted_paths, o->threads, sums, sums->betweenness) != 0)
        IGRAPH_ERROR("Not enough memory for the distance pass.", IGRAPH_ENOMEM);
    else if (close)
        path_structure(g, sums);
    pg_graph_time(g, between ? "distance pass (closeness, harmonic, betweenness, diameter)"
                             : "distance pass (closeness, harmonic, diameter)", started);
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_metric_compute(pg_graph *g, igraph_vector_t *results)
{
    igraph_vector_t dist;
    pg_distance_sums sums;
    paths p = { NULL, 1.0, &sums };
    IGRAPH_CHECK(distance_pass(g, &sums));
    IGRAPH_VECTOR_INIT_FINALLY(&dist, 0);
    if (g->options.weighted_paths) {
        IGRAPH_CHECK(scaled_distances(g, &dist, &p.scale));
        p.dist = &dist;
    }
    for (int i = 0; i < PG_METRIC_COUNT; i++) {
        double started = pg_clock();
        if (functions[i] == NULL || (!g->metric_on[i] && functions[i] != degree))
            continue;
        IGRAPH_CHECK(functions[i](g, &p, &results[i]));
        pg_graph_time(g, metrics[i].name, started);
    }
    int roles = pg_metric_index("coordinator");
    bool any_role = false;
    for (int r = 0; r < 5; r++)
        any_role |= g->metric_on[roles + r];
    double started = pg_clock();
    if (any_role) {
        IGRAPH_CHECK(brokerage_roles(g, &results[roles]));
        pg_graph_time(g, "brokerage roles", started);
    }
    igraph_vector_destroy(&dist);
    pg_distance_sums_free(&sums);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}
