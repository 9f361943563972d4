/* community.c - communities, labelled 0, 1, ... by decreasing size (ties:
 * the community holding the smaller id first).
 *
 * Stochastic algorithms (leiden, the default, louvain, label-propagation)
 * run the restarts (set_restarts) from successive seeds and keep the partition of
 * best modularity (at the chosen resolution for louvain and leiden);
 * infomap gets the restarts as its own trials (best code length); walktrap,
 * fastgreedy and edge-betweenness are deterministic and run once.
 *
 * With options.runs > 1 the detection is repeated from further seeds: the
 * mean NMI and VI over all pairs of runs say how much the partitions agree;
 * the consensus partition joins two adjacent nodes that share a community
 * in more than half of the runs (its connected components); a node's
 * stability is the share of runs in which it sits in its modal consensus
 * community (each run's communities matched to the consensus community
 * they overlap most). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/workers.h"
#include "base/error.h"
#include "model/graph.h"
#include "model/igraph_glue.h"

enum { WALKTRAP_STEPS = 4 };

static const char *const cluster_names[PG_CLUSTER_COUNT] = {
    "louvain", "leiden", "walktrap", "infomap", "label-propagation", "fastgreedy", "edge-betweenness",
};

const char *pg_cluster_name(pg_cluster c)
{
    return (unsigned)c < PG_CLUSTER_COUNT ? cluster_names[c] : NULL;
}

pg_status pg_cluster_parse(const char *name, pg_cluster *out)
{
    int c = pg_name_index(cluster_names, PG_CLUSTER_COUNT, name);
    if (c >= 0)
        *out = (pg_cluster)c;
    return c >= 0 ? PG_OK : PG_EARG;
}

static bool deterministic(pg_cluster c)
{
    return c == PG_CLUSTER_WALKTRAP || c == PG_CLUSTER_FASTGREEDY || c == PG_CLUSTER_EDGE_BETWEENNESS;
}

/* ---- one detection ---------------------------------------------------- */

/* Girvan-Newman with igraph (edge lengths: 1/weight with weighted paths,
 * hops otherwise); the dendrogram is cut where the weighted modularity is
 * highest (igraph would score it with the lengths as strengths). */
static igraph_error_t edge_betweenness(const pg_graph *g, igraph_vector_int_t *membership)
{
    igraph_integer_t n = igraph_vcount(&g->ig);
    igraph_matrix_int_t merges;
    igraph_vector_t lengths;
    igraph_vector_int_t trial;
    IGRAPH_CHECK(igraph_matrix_int_init(&merges, 0, 0));
    IGRAPH_FINALLY(igraph_matrix_int_destroy, &merges);
    IGRAPH_VECTOR_INIT_FINALLY(&lengths, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&trial, 0);
    if (g->options.weighted_paths)
        IGRAPH_CHECK(pg_graph_lengths(g, &lengths));
    IGRAPH_CHECK(igraph_community_edge_betweenness(&g->ig, NULL, NULL, &merges, NULL, NULL, NULL, IGRAPH_UNDIRECTED,
                                                   g->options.weighted_paths ? &lengths : NULL));
    double best = -INFINITY, q;
    for (igraph_integer_t steps = 0; steps <= igraph_matrix_int_nrow(&merges); steps++) {
        IGRAPH_CHECK(igraph_community_to_membership(&merges, n, steps, &trial, NULL));
        IGRAPH_CHECK(igraph_modularity(&g->ig, &trial, &g->weights, 1.0, IGRAPH_UNDIRECTED, &q));
        if (q > best) {
            best = q;
            IGRAPH_CHECK(igraph_vector_int_update(membership, &trial));
        }
    }
    igraph_vector_int_destroy(&trial);
    igraph_vector_destroy(&lengths);
    igraph_matrix_int_destroy(&merges);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

/* Walktrap or fastgreedy: igraph cuts the dendrogram at the best
 * modularity, for which it needs the merges and the modularity. */
static igraph_error_t hierarchical(const pg_graph *g, igraph_vector_int_t *membership)
{
    igraph_matrix_int_t merges;
    igraph_vector_t modularity;
    IGRAPH_CHECK(igraph_matrix_int_init(&merges, 0, 0));
    IGRAPH_FINALLY(igraph_matrix_int_destroy, &merges);
    IGRAPH_VECTOR_INIT_FINALLY(&modularity, 0);
    if (g->options.cluster == PG_CLUSTER_WALKTRAP)
        IGRAPH_CHECK(igraph_community_walktrap(&g->ig, &g->weights, WALKTRAP_STEPS, &merges, &modularity, membership));
    else
        IGRAPH_CHECK(igraph_community_fastgreedy(&g->ig, &g->weights, &merges, &modularity, membership));
    igraph_vector_destroy(&modularity);
    igraph_matrix_int_destroy(&merges);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* One run of the chosen algorithm into `membership`. */
static igraph_error_t run_once(const pg_graph *g, const igraph_vector_t *strength, igraph_vector_int_t *membership)
{
    const pg_analysis_options *o = &g->options;
    const igraph_vector_t *w = &g->weights;
    igraph_integer_t clusters;
    igraph_real_t quality;
    switch (o->cluster) {
    case PG_CLUSTER_LEIDEN: /* CPM with node weights = strength, resolution gamma/2m = modularity; until stable */
        return igraph_community_leiden(&g->ig, w, strength, o->resolution / igraph_vector_sum(strength), 0.01,
                                       false, -1, membership, &clusters, &quality);
    case PG_CLUSTER_WALKTRAP:
    case PG_CLUSTER_FASTGREEDY:
        return hierarchical(g, membership);
    case PG_CLUSTER_INFOMAP:
        return igraph_community_infomap(&g->ig, w, NULL, g->restarts_used, membership, &quality);
    case PG_CLUSTER_LABEL_PROPAGATION:
        return igraph_community_label_propagation(&g->ig, membership, IGRAPH_ALL, w, NULL, NULL);
    case PG_CLUSTER_EDGE_BETWEENNESS:
        return edge_betweenness(g, membership);
    default:
        return igraph_community_multilevel(&g->ig, w, o->resolution, membership, NULL, NULL);
    }
}

/* The resolution at which partitions are scored: the chosen one for
 * louvain and leiden, 1 (plain modularity) for the others. */
static double objective_gamma(const pg_analysis_options *o)
{
    return o->cluster == PG_CLUSTER_LOUVAIN || o->cluster == PG_CLUSTER_LEIDEN ? o->resolution : 1.0;
}

/* Restarts first, first + stride, ... of `restarts` from seed `seed`:
 * the first of best modularity at the resolution into `membership`, its
 * modularity into *quality and its number into *at (-1: none ran). */
static igraph_error_t best_of(const pg_graph *g, const igraph_vector_t *strength, unsigned long seed, int first,
                              int stride, int restarts, igraph_vector_int_t *membership, double *quality, int *at)
{
    double gamma = objective_gamma(&g->options);
    igraph_vector_int_t trial;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&trial, 0);
    *quality = -INFINITY;
    *at = -1;
    for (int r = first; r < restarts; r += stride) {
        igraph_real_t q;
        igraph_rng_seed(igraph_rng_default(), seed + (unsigned long)r);
        IGRAPH_CHECK(run_once(g, strength, &trial));
        IGRAPH_CHECK(igraph_modularity(&g->ig, &trial, &g->weights, gamma, IGRAPH_UNDIRECTED, &q));
        if (q > *quality) {
            *quality = q;
            *at = r;
            IGRAPH_CHECK(igraph_vector_int_update(membership, &trial));
        }
    }
    igraph_vector_int_destroy(&trial);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* ---- restarts in processes beside this one ---------------------------- */

/* From RESTARTS_BESIDE_MIN edges, with several restarts and processes
 * allowed (options.jobs != 1), the restarts are shared out: restart r to
 * share r mod k, share 0 here and the others in child processes, each
 * handing back its best (modularity, restart, membership); the best of
 * the bests, the earlier restart on a tie, is the one a single process
 * keeps, so the partition does not depend on the processes. */
enum { RESTARTS_BESIDE_MIN = 20000, MAX_SHARES = 16 };

typedef struct share {
    const pg_graph *g;
    const igraph_vector_t *strength;
    unsigned long seed;
    int first, stride;
    pg_child_job job;
    pg_child child;
    bool started;
} share;

/* A share's best as bytes: its modularity (double), its restart (int),
 * then each node's community (int). */
enum { SHARE_HEAD = sizeof(double) + sizeof(int) };

static size_t share_bytes(size_t n)
{
    return SHARE_HEAD + n * sizeof(int);
}

/* A child's work: its share's best as share_bytes (test hook:
 * PARTYGRAPH_TEST_COMMUNITY_FAIL=signal). */
static pg_status share_work(void *arg, pg_child_bytes *out, pg_error *err)
{
    share *s = arg;
    pg_igraph_in_child("PARTYGRAPH_TEST_COMMUNITY_FAIL");
    char *bytes = malloc(share_bytes(s->g->n));
    igraph_vector_int_t best;
    double q = 0;
    int at = -1;
    if (bytes == NULL || igraph_vector_int_init(&best, 0) != IGRAPH_SUCCESS) {
        free(bytes);
        return pg_error_set(err, PG_ENOMEM, "out of memory detecting communities");
    }
    pg_status st = pg_igraph_status(best_of(s->g, s->strength, s->seed, s->first, s->stride, s->g->restarts_used,
                                            &best, &q, &at), "communities", err);
    memcpy(bytes, &q, sizeof q);
    memcpy(bytes + sizeof q, &at, sizeof at);
    for (size_t v = 0; st == PG_OK && v < s->g->n; v++) {
        int label = (int)VECTOR(best)[v];
        memcpy(bytes + SHARE_HEAD + v * sizeof label, &label, sizeof label);
    }
    igraph_vector_int_destroy(&best);
    *out = (pg_child_bytes){ bytes, share_bytes(s->g->n), pg_child_bytes_free };
    return st;
}

/* Does restart `r` of modularity `q` beat the best so far (restart
 * `at`, modularity `quality`): higher, or as high and earlier, as one
 * process going through the restarts in order would keep? */
static bool beats(double q, int r, double quality, int at)
{
    return r >= 0 && (q > quality || (q == quality && r < at));
}

/* Collects share `s` and keeps its best when it beats the best so far. */
static igraph_error_t take_share(share *s, igraph_vector_int_t *membership, double *quality, int *at)
{
    char *bytes;
    pg_error err;
    pg_status st = pg_child_collect_bytes(&s->child, share_bytes(s->g->n), &bytes, &err);
    s->started = false;
    double q = 0;
    int r = -1;
    if (st == PG_OK) {
        memcpy(&q, bytes, sizeof q);
        memcpy(&r, bytes + sizeof q, sizeof r);
    }
    bool better = st == PG_OK && beats(q, r, *quality, *at);
    for (size_t v = 0; better && v < s->g->n; v++) {
        int label;
        memcpy(&label, bytes + SHARE_HEAD + v * sizeof label, sizeof label);
        VECTOR(*membership)[v] = label;
    }
    *quality = better ? q : *quality;
    *at = better ? r : *at;
    free(bytes);
    if (st != PG_OK)
        IGRAPH_ERRORF("%s", st == PG_ENOMEM ? IGRAPH_ENOMEM : IGRAPH_FAILURE, err.message);
    return IGRAPH_SUCCESS;
}

/* Kills and reaps the shares still started. For IGRAPH_FINALLY. */
static void abandon_shares(share *s)
{
    for (int i = 0; i < MAX_SHARES; i++)
        if (s[i].started) {
            pg_child_abandon(&s[i].child);
            s[i].started = false;
        }
}

/* How many shares: 1 (all here) unless the graph is big enough, there are
 * several restarts and processes are allowed. */
static int share_count(const pg_graph *g)
{
    int k = pg_workers_count(g->options.jobs);
    k = k < g->restarts_used ? k : g->restarts_used;
    k = k < MAX_SHARES ? k : MAX_SHARES;
    return g->options.jobs != 1 && igraph_ecount(&g->ig) >= RESTARTS_BESIDE_MIN ? k : 1;
}

/* Share `first` of `stride` done here, kept when it beats the best so far. */
static igraph_error_t take_here(const pg_graph *g, const igraph_vector_t *strength, unsigned long seed, int first,
                                int stride, igraph_vector_int_t *membership, double *quality, int *at)
{
    igraph_vector_int_t best;
    double q;
    int r;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&best, 0);
    IGRAPH_CHECK(best_of(g, strength, seed, first, stride, g->restarts_used, &best, &q, &r));
    if (beats(q, r, *quality, *at)) {
        *quality = q;
        *at = r;
        IGRAPH_CHECK(igraph_vector_int_update(membership, &best));
    }
    igraph_vector_int_destroy(&best);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* best_of over all restarts, shared out to processes (share 0 here); a
 * share whose process cannot start is done here too. */
static igraph_error_t shared_best(const pg_graph *g, const igraph_vector_t *strength, unsigned long seed,
                                  igraph_vector_int_t *membership, double *quality)
{
    share s[MAX_SHARES];
    int k = share_count(g), at;
    memset(s, 0, sizeof s);
    IGRAPH_FINALLY(abandon_shares, s);
    for (int i = 1; i < k; i++) {
        pg_error err;
        s[i] = (share){ g, strength, seed, i, k, { share_work, &s[i], "community detection", "sharing the restarts" },
                        { 0 }, false };
        s[i].started = pg_child_start(&s[i].job, &s[i].child, &err) == PG_OK;
    }
    IGRAPH_CHECK(best_of(g, strength, seed, 0, k, g->restarts_used, membership, quality, &at));
    for (int i = 1; i < k; i++) {
        if (s[i].started)
            IGRAPH_CHECK(take_share(&s[i], membership, quality, &at));
        else /* no process: this share here */
            IGRAPH_CHECK(take_here(g, strength, seed, i, k, membership, quality, &at));
    }
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* The best of the restarts from seed `seed` (one run when deterministic
 * or infomap); sets *quality to its modularity at the resolution. */
static igraph_error_t detect(const pg_graph *g, const igraph_vector_t *strength, unsigned long seed,
                             igraph_vector_int_t *membership, double *quality)
{
    const pg_analysis_options *o = &g->options;
    bool once = deterministic(o->cluster) || o->cluster == PG_CLUSTER_INFOMAP;
    int at;
    if (once)
        return best_of(g, strength, seed, 0, 1, 1, membership, quality, &at);
    return shared_best(g, strength, seed, membership, quality);
}

/* ---- labels --------------------------------------------------------- */

typedef struct label_order {
    igraph_integer_t label;
    igraph_integer_t size;
    igraph_integer_t first; /* smallest vertex in the community */
} label_order;

static int by_size(const void *a, const void *b)
{
    const label_order *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* Relabels `membership` 0.. by decreasing community size; sets *count. */
static igraph_error_t relabel(igraph_vector_int_t *membership, size_t *count)
{
    igraph_integer_t n = igraph_vector_int_size(membership);
    igraph_integer_t k = n > 0 ? igraph_vector_int_max(membership) + 1 : 0;
    label_order *order = IGRAPH_CALLOC(k > 0 ? k : 1, label_order);
    IGRAPH_CHECK_OOM(order, "community labels");
    IGRAPH_FINALLY(igraph_free, order);
    for (igraph_integer_t c = 0; c < k; c++)
        order[c] = (label_order){ c, 0, n };
    for (igraph_integer_t v = 0; v < n; v++) {
        label_order *o = &order[VECTOR(*membership)[v]];
        o->size++;
        if (v < o->first)
            o->first = v;
    }
    pg_vec_sort(order, (size_t)k, sizeof *order, by_size);
    igraph_vector_int_t new_label;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&new_label, k);
    *count = 0;
    for (igraph_integer_t c = 0; c < k; c++) {
        VECTOR(new_label)[order[c].label] = c;
        *count += order[c].size > 0;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        VECTOR(*membership)[v] = VECTOR(new_label)[VECTOR(*membership)[v]];
    igraph_vector_int_destroy(&new_label);
    IGRAPH_FREE(order);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* ---- several runs ------------------------------------------------------ */

/* Mean NMI and VI over all pairs of runs. */
static igraph_error_t agreement(pg_graph *g, const igraph_vector_int_list_t *runs)
{
    igraph_integer_t k = igraph_vector_int_list_size(runs);
    double nmi = 0, vi = 0, pairs = 0;
    for (igraph_integer_t i = 0; i < k; i++) {
        for (igraph_integer_t j = i + 1; j < k; j++) {
            igraph_real_t x, y;
            const igraph_vector_int_t *a = igraph_vector_int_list_get_ptr(runs, i);
            const igraph_vector_int_t *b = igraph_vector_int_list_get_ptr(runs, j);
            IGRAPH_CHECK(igraph_compare_communities(a, b, &x, IGRAPH_COMMCMP_NMI));
            IGRAPH_CHECK(igraph_compare_communities(a, b, &y, IGRAPH_COMMCMP_VI));
            nmi += x;
            vi += y;
            pairs++;
        }
    }
    g->nmi_mean = nmi / pairs;
    g->vi_mean = vi / pairs;
    return IGRAPH_SUCCESS;
}

static igraph_integer_t find_root(igraph_vector_int_t *parent, igraph_integer_t x)
{
    while (VECTOR(*parent)[x] != x)
        x = VECTOR(*parent)[x] = VECTOR(*parent)[VECTOR(*parent)[x]];
    return x;
}

/* Adjacent nodes together in more than half of the runs, joined into
 * connected components: the consensus partition (into `membership`, an
 * initialised vector). */
static igraph_error_t consensus(const pg_graph *g, const igraph_vector_int_list_t *runs,
                                igraph_vector_int_t *membership)
{
    igraph_integer_t n = igraph_vcount(&g->ig), k = igraph_vector_int_list_size(runs);
    IGRAPH_CHECK(igraph_vector_int_range(membership, 0, n));
    for (size_t e = 0; e < g->edges.len; e++) {
        long u = g->edges.items[e].u, v = g->edges.items[e].v, together = 0;
        for (igraph_integer_t r = 0; r < k; r++) {
            const igraph_vector_int_t *m = igraph_vector_int_list_get_ptr(runs, r);
            together += VECTOR(*m)[u] == VECTOR(*m)[v];
        }
        if (2 * together > k)
            VECTOR(*membership)[find_root(membership, u)] = find_root(membership, v);
    }
    for (igraph_integer_t v = 0; v < n; v++)
        VECTOR(*membership)[v] = find_root(membership, v);
    return igraph_reindex_membership(membership, NULL, NULL);
}

typedef struct overlap {
    igraph_integer_t run_label, consensus_label;
} overlap;

static int by_overlap(const void *a, const void *b)
{
    const overlap *x = a, *y = b;
    if (x->run_label != y->run_label)
        return x->run_label < y->run_label ? -1 : 1;
    return (x->consensus_label > y->consensus_label) - (x->consensus_label < y->consensus_label);
}

/* Maps each community of run `m` to the consensus community it overlaps
 * most (ties: the smaller label) and writes every node's mapped label into
 * `aligned`. `pairs` and `best` are scratch of n entries. */
static void align(const igraph_vector_int_t *m, const igraph_vector_int_t *cons, overlap *pairs,
                  igraph_integer_t *best, igraph_integer_t *aligned)
{
    igraph_integer_t n = igraph_vector_int_size(m);
    for (igraph_integer_t v = 0; v < n; v++)
        pairs[v] = (overlap){ VECTOR(*m)[v], VECTOR(*cons)[v] };
    pg_vec_sort(pairs, (size_t)n, sizeof *pairs, by_overlap);
    for (igraph_integer_t i = 0, j = 0; i < n; i = j) {
        igraph_integer_t top = -1, top_count = 0;
        while (j < n && pairs[j].run_label == pairs[i].run_label) {
            igraph_integer_t l = j;
            while (j < n && pairs[j].run_label == pairs[l].run_label &&
                   pairs[j].consensus_label == pairs[l].consensus_label)
                j++;
            if (j - l > top_count) {
                top_count = j - l;
                top = pairs[l].consensus_label;
            }
        }
        best[pairs[i].run_label] = top;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        aligned[v] = best[VECTOR(*m)[v]];
}

static int by_integer(const void *a, const void *b)
{
    igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
    return (x > y) - (x < y);
}

/* The share of `k` labels equal to the most frequent one; sorts them. */
static double mode_share(igraph_integer_t *labels, igraph_integer_t k)
{
    igraph_integer_t top = 0;
    pg_vec_sort(labels, (size_t)k, sizeof *labels, by_integer);
    for (igraph_integer_t i = 0, j; i < k; i = j) {
        for (j = i; j < k && labels[j] == labels[i];)
            j++;
        top = j - i > top ? j - i : top;
    }
    return (double)top / (double)k;
}

/* Each node's stability across the runs, into `out`. */
static igraph_error_t stability(const igraph_vector_int_list_t *runs, const igraph_vector_int_t *cons,
                                igraph_vector_t *out)
{
    igraph_integer_t n = igraph_vector_int_size(cons), k = igraph_vector_int_list_size(runs);
    overlap *pairs = IGRAPH_CALLOC(n > 0 ? n : 1, overlap);
    igraph_integer_t *best = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
    igraph_integer_t *aligned = IGRAPH_CALLOC(n * k > 0 ? n * k : 1, igraph_integer_t);
    igraph_integer_t *column = IGRAPH_CALLOC(k > 0 ? k : 1, igraph_integer_t);
    if (!pairs || !best || !aligned || !column) {
        IGRAPH_FREE(pairs);
        IGRAPH_FREE(best);
        IGRAPH_FREE(aligned);
        IGRAPH_FREE(column);
        IGRAPH_ERROR("Not enough memory for community stability.", IGRAPH_ENOMEM);
    }
    for (igraph_integer_t r = 0; r < k; r++)
        align(igraph_vector_int_list_get_ptr(runs, r), cons, pairs, best, aligned + r * n);
    for (igraph_integer_t v = 0; v < n; v++) {
        for (igraph_integer_t r = 0; r < k; r++)
            column[r] = aligned[r * n + v];
        VECTOR(*out)[v] = mode_share(column, k);
    }
    IGRAPH_FREE(pairs);
    IGRAPH_FREE(best);
    IGRAPH_FREE(aligned);
    IGRAPH_FREE(column);
    return IGRAPH_SUCCESS;
}

/* options.runs detections (each the best of its restarts), compared,
 * merged into a consensus in `membership`, with node stability. */
static igraph_error_t detect_runs(pg_graph *g, const igraph_vector_t *strength, igraph_vector_int_t *membership)
{
    const pg_analysis_options *o = &g->options;
    igraph_vector_int_list_t runs;
    IGRAPH_CHECK(igraph_vector_int_list_init(&runs, o->runs));
    IGRAPH_FINALLY(igraph_vector_int_list_destroy, &runs);
    for (int r = 0; r < o->runs; r++) {
        double q;
        IGRAPH_CHECK(detect(g, strength, o->seed + (unsigned long)r * (unsigned long)g->restarts_used,
                            igraph_vector_int_list_get_ptr(&runs, r), &q));
    }
    IGRAPH_CHECK(agreement(g, &runs));
    IGRAPH_CHECK(consensus(g, &runs, membership));
    IGRAPH_CHECK(stability(&runs, membership, &g->metric[pg_metric_index("stability")]));
    igraph_vector_int_list_destroy(&runs);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* ---- entry -------------------------------------------------------- */

/* The restarts each detection makes: 1 for the deterministic algorithms,
 * else options.restarts, or automatically PG_RESTARTS_MAX up to
 * PG_RESTARTS_EDGES edges and fewer above (PG_RESTARTS_AUTO). */
static void set_restarts(pg_graph *g)
{
    const pg_analysis_options *o = &g->options;
    double m = (double)igraph_ecount(&g->ig);
    double fit = floor((double)PG_RESTARTS_EDGES * PG_RESTARTS_MAX / (m > 1 ? m : 1));
    g->restarts_auto = o->restarts == PG_RESTARTS_AUTO && !deterministic(o->cluster);
    if (deterministic(o->cluster))
        g->restarts_used = 1;
    else if (g->restarts_auto)
        g->restarts_used = fit >= PG_RESTARTS_MAX ? PG_RESTARTS_MAX : fit < 1 ? 1 : (int)fit;
    else
        g->restarts_used = o->restarts;
}

/* Fills g->community, sizes and the community column from `membership`. */
static void store(pg_graph *g, const igraph_vector_int_t *membership)
{
    igraph_vector_t *column = &g->metric[pg_metric_index("community")];
    for (size_t v = 0; v < g->n; v++) {
        g->community[v] = (long)VECTOR(*membership)[v];
        g->community_size[g->community[v]]++;
        VECTOR(*column)[v] = (double)g->community[v];
    }
}

static igraph_error_t partition(pg_graph *g, igraph_vector_int_t *membership)
{
    const pg_analysis_options *o = &g->options;
    igraph_vector_t strength;
    IGRAPH_VECTOR_INIT_FINALLY(&strength, 0);
    IGRAPH_CHECK(igraph_strength(&g->ig, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights));
    if (o->runs > 1)
        IGRAPH_CHECK(detect_runs(g, &strength, membership));
    else
        IGRAPH_CHECK(detect(g, &strength, o->seed, membership, &g->objective));
    igraph_vector_destroy(&strength);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_community_detect(pg_graph *g)
{
    igraph_integer_t n = igraph_vcount(&g->ig);
    const pg_analysis_options *o = &g->options;
    igraph_vector_int_t membership;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&membership, 0);
    bool edgeless = igraph_ecount(&g->ig) == 0;
    /* without edges every run yields the same singletons: they agree fully */
    igraph_vector_fill(&g->metric[pg_metric_index("stability")], o->runs > 1 && edgeless ? 1.0 : NAN);
    if (o->runs > 1 && edgeless) {
        g->nmi_mean = 1.0;
        g->vi_mean = 0.0;
    }
    set_restarts(g);
    if (edgeless) {
        IGRAPH_CHECK(igraph_vector_int_range(&membership, 0, n)); /* singletons */
        g->modularity = g->objective = NAN;
    } else {
        IGRAPH_CHECK(partition(g, &membership));
    }
    IGRAPH_CHECK(relabel(&membership, &g->communities));
    if (!edgeless)
        IGRAPH_CHECK(igraph_modularity(&g->ig, &membership, &g->weights, 1.0, IGRAPH_UNDIRECTED, &g->modularity));
    if (!edgeless && o->runs > 1) /* the consensus, scored as each run was */
        IGRAPH_CHECK(igraph_modularity(&g->ig, &membership, &g->weights, objective_gamma(o), IGRAPH_UNDIRECTED,
                                       &g->objective));
    store(g, &membership);
    igraph_vector_int_destroy(&membership);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}
