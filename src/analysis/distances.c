/* distances.c - one pass over the shortest-path distances from every node,
 * giving at once what closeness, harmonic centrality, eccentricity (so the
 * diameter) and the average path length each need: per source, how many
 * nodes it reaches, the sum of the distances and of their inverses, and
 * the longest. Breadth-first search by hops, Dijkstra by 1/weight.
 *
 * By hops it can also give betweenness (Brandes 2001): the searches count
 * the shortest paths, and each source's dependencies are accumulated back
 * along its search order, as NetworkX's betweenness_centrality does.
 *
 * Sampled (pg_distances_sampled), the pass runs from the sampled sources
 * only and gives each node its sums toward them instead.
 *
 * igraph computes these in a separate all-pairs pass each; this does one,
 * split over threads by source (every result slot has one writer, and
 * each source's sums are taken in the same order whatever the threads, so
 * results do not depend on how many there are). The worker on the
 * calling thread reports the progress of them all. */
#define _POSIX_C_SOURCE 200809L
#include "analysis/distances.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_THREADS = 64 };

/* The graph as compressed adjacency lists with edge lengths. */
typedef struct csr {
    size_t n;
    size_t *offset;   /* n + 1 */
    int32_t *neighbor; /* 2m (a graph has fewer than 2^31 nodes: csr_make checks) */
    double *length;   /* 2m: 1/weight, or 1 */
} csr;

static void csr_free(csr *c)
{
    free(c->offset);
    free(c->neighbor);
    free(c->length);
}

static int csr_make(const pg_graph *g, bool weighted, csr *c)
{
    size_t n = g->n, m = g->edges.len;
    if (n > INT32_MAX)
        return -1;
    *c = (csr){ n, calloc(n + 1, sizeof(size_t)), malloc((2 * m + 1) * sizeof(int32_t)),
                malloc((2 * m + 1) * sizeof(double)) };
    if (!c->offset || !c->neighbor || !c->length) {
        csr_free(c);
        return -1;
    }
    for (size_t e = 0; e < m; e++) {
        c->offset[g->edges.items[e].u + 1]++;
        c->offset[g->edges.items[e].v + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        c->offset[v + 1] += c->offset[v];
    size_t *fill = malloc((n + 1) * sizeof *fill);
    if (fill == NULL) {
        csr_free(c);
        return -1;
    }
    memcpy(fill, c->offset, (n + 1) * sizeof *fill);
    for (size_t e = 0; e < m; e++) { /* edges are sorted: neighbours come out sorted */
        const pg_edge *x = &g->edges.items[e];
        double len = weighted ? 1.0 / x->weight : 1.0;
        c->neighbor[fill[x->u]] = (int32_t)x->v;
        c->length[fill[x->u]++] = len;
        c->neighbor[fill[x->v]] = (int32_t)x->u;
        c->length[fill[x->v]++] = len;
    }
    free(fill);
    return 0;
}

/* ---- one source ------------------------------------------------------ */

/* Per-thread scratch. */
typedef struct scratch {
    double *dist;     /* -1: not reached */
    long *order;      /* nodes in the order they were settled */
    int32_t *hops;    /* betweenness (by hops): the distance; -1: not reached */
    double *sigma;    /* betweenness: shortest paths from the source */
    double *delta;    /* betweenness: dependency on the source (0 between sources) */
    struct heap_item { double d; long v; } *heap;
    size_t heap_len, heap_cap; /* the heap grows as needed (at most one entry per edge end, + 1) */
    bool failed;               /* out of memory: the results are not to be used */
} scratch;

/* Pushes (d, v); false, with s->failed set, when out of memory. */
static bool heap_push(scratch *s, double d, long v)
{
    if (s->heap_len == s->heap_cap) {
        size_t cap = s->heap_cap ? 2 * s->heap_cap : 16; /* small: the tests exercise the growth */
        struct heap_item *bigger = realloc(s->heap, cap * sizeof *bigger);
        if (bigger == NULL)
            return !(s->failed = true);
        s->heap = bigger;
        s->heap_cap = cap;
    }
    size_t i = s->heap_len++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (s->heap[parent].d < d || (s->heap[parent].d == d && s->heap[parent].v <= v))
            break;
        s->heap[i] = s->heap[parent];
        i = parent;
    }
    s->heap[i] = (struct heap_item){ d, v };
    return true;
}

static struct heap_item heap_pop(scratch *s)
{
    struct heap_item top = s->heap[0], last = s->heap[--s->heap_len];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= s->heap_len)
            break;
        if (c + 1 < s->heap_len && (s->heap[c + 1].d < s->heap[c].d ||
                                    (s->heap[c + 1].d == s->heap[c].d && s->heap[c + 1].v < s->heap[c].v)))
            c++;
        if (last.d < s->heap[c].d || (last.d == s->heap[c].d && last.v <= s->heap[c].v))
            break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    s->heap[i] = last;
    return top;
}

/* Settles every node reachable from `src` into s->order (src first),
 * with its distance; returns how many were settled (when s->failed is
 * set on return, out of memory stopped it). */
static size_t settle(const csr *c, bool weighted, long src, scratch *s)
{
    size_t settled = 0, head = 0;
    s->dist[src] = 0;
    if (!weighted) { /* breadth-first: order doubles as the queue */
        s->order[settled++] = src;
        for (; head < settled; head++) {
            long u = s->order[head];
            for (size_t k = c->offset[u]; k < c->offset[u + 1]; k++) {
                long v = c->neighbor[k];
                if (s->dist[v] < 0) {
                    s->dist[v] = s->dist[u] + 1;
                    s->order[settled++] = v;
                }
            }
        }
        return settled;
    }
    s->heap_len = 0;
    heap_push(s, 0, src);
    while (s->heap_len > 0 && !s->failed) {
        struct heap_item top = heap_pop(s);
        if (top.d > s->dist[top.v])
            continue; /* stale entry */
        s->order[settled++] = top.v;
        for (size_t k = c->offset[top.v]; k < c->offset[top.v + 1]; k++) {
            long v = c->neighbor[k];
            double d = top.d + c->length[k];
            if ((s->dist[v] < 0 || d < s->dist[v]) && heap_push(s, d, v))
                s->dist[v] = d;
        }
    }
    return settled;
}

/* `x` when `keep`, else 0, without a branch: in the loops below the
 * condition is a coin toss that a branch predictor loses. */
static inline double masked(double x, bool keep)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    bits &= -(uint64_t)keep;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* Breadth-first from `src`, as settle, counting into s->sigma the
 * shortest paths from `src` to each node settled. */
static size_t settle_counting(const csr *c, long src, scratch *s)
{
    size_t settled = 0;
    s->hops[src] = 0;
    s->sigma[src] = 1;
    s->order[settled++] = src;
    for (size_t head = 0; head < settled; head++) {
        long u = s->order[head];
        int32_t next = s->hops[u] + 1;
        for (size_t k = c->offset[u]; k < c->offset[u + 1]; k++) {
            int32_t v = c->neighbor[k];
            if (s->hops[v] < 0) {
                s->hops[v] = next;
                s->sigma[v] = 0;
                s->order[settled++] = v;
            }
            s->sigma[v] += masked(s->sigma[u], s->hops[v] == next);
        }
    }
    return settled;
}

/* Brandes' accumulation after settle_counting: back along the order, each
 * node passes (1 + its dependency) / its paths to its predecessors in
 * proportion to theirs, and adds its dependency to `betweenness`. */
static void accumulate(const csr *c, size_t settled, scratch *s, double *betweenness)
{
    for (size_t i = settled; i-- > 1;) {
        long w = s->order[i];
        double coeff = (1 + s->delta[w]) / s->sigma[w];
        int32_t before = s->hops[w] - 1;
        for (size_t k = c->offset[w]; k < c->offset[w + 1]; k++) {
            int32_t v = c->neighbor[k];
            s->delta[v] += masked(s->sigma[v] * coeff, s->hops[v] == before);
        }
        betweenness[w] += s->delta[w];
    }
    for (size_t i = 0; i < settled; i++)
        s->delta[s->order[i]] = 0;
}

/* The sums of source `src` from the distances of the `settled` nodes of
 * s->order (hops when `hops`, else s->dist), which are reset. */
static void source_sums(long src, size_t settled, bool hops, scratch *s, pg_distance_sums *out)
{
    double sum = 0, inverse = 0, far = 0;
    for (size_t i = 1; i < settled; i++) {
        double d = hops ? (double)s->hops[s->order[i]] : s->dist[s->order[i]];
        sum += d;
        inverse += 1.0 / d;
        far = d > far ? d : far;
    }
    for (size_t i = 0; i < settled; i++) {
        s->dist[s->order[i]] = -1;
        if (hops)
            s->hops[s->order[i]] = -1;
    }
    out->reached[src] = (double)settled - 1;
    out->sum[src] = sum;
    out->inverse[src] = inverse;
    out->eccentricity[src] = far;
}

/* From source `src`: its sums into `out`, and with `betweenness` (by hops)
 * its dependencies added there. */
static void one_source(const csr *c, bool weighted, long src, scratch *s, pg_distance_sums *out,
                       double *betweenness)
{
    size_t settled = betweenness ? settle_counting(c, src, s) : settle(c, weighted, src, s);
    if (betweenness)
        accumulate(c, settled, s, betweenness);
    source_sums(src, settled, betweenness != NULL, s, out);
}

/* From sampled source `src`: adds its distances to each node it reaches
 * into that node's sums in `acc` (the slot of the source's chunk), and keeps the
 * largest. */
static void toward_source(const csr *c, bool weighted, long src, scratch *s, pg_distance_sums *acc)
{
    size_t settled = settle(c, weighted, src, s);
    for (size_t i = 1; i < settled; i++) {
        long v = s->order[i];
        double d = s->dist[v];
        acc->sum[v] += d;
        acc->inverse[v] += 1.0 / d;
        acc->reached[v]++;
        acc->eccentricity[v] = d > acc->eccentricity[v] ? d : acc->eccentricity[v];
    }
    for (size_t i = 0; i < settled; i++)
        s->dist[s->order[i]] = -1;
}

/* ---- threads ------------------------------------------------------- */

/* Sampled sources (and every source, for betweenness) are split into
 * SLOTS chunks in order, each summed into its own slot; the slots are
 * added up in order at the end. */
enum { SLOTS = 8 };

typedef struct worker {
    const csr *c;
    bool weighted;
    long first, stride;
    pg_distance_sums *out;
    const long *sources;    /* sampled: k sources, and a slot per chunk */
    size_t k;
    pg_distance_sums *slot;
    double **between;       /* betweenness: a slot of n values per chunk of all sources; NULL: none */
    int failed;
    atomic_size_t *done;   /* sources done by all workers */
    pg_progress *progress; /* the worker on the calling thread reports them; NULL on the others */
} worker;

/* One more source done, by any worker. */
static void tick(worker *w)
{
    size_t done = atomic_fetch_add_explicit(w->done, 1, memory_order_relaxed) + 1;
    if (w->progress != NULL)
        pg_progress_update(w->progress, done);
}

static void sweep(worker *w, scratch *s)
{
    size_t n = w->c->n;
    if (w->sources == NULL && w->between != NULL) {
        for (long chunk = w->first; chunk < SLOTS; chunk += w->stride)
            for (size_t src = n * (size_t)chunk / SLOTS; src < n * (size_t)(chunk + 1) / SLOTS; src++) {
                one_source(w->c, false, (long)src, s, w->out, w->between[chunk]);
                tick(w);
            }
        return;
    }
    if (w->sources == NULL) {
        for (long src = w->first; src < (long)n && !s->failed; src += w->stride) {
            one_source(w->c, w->weighted, src, s, w->out, NULL);
            tick(w);
        }
        return;
    }
    for (long chunk = w->first; chunk < SLOTS; chunk += w->stride)
        for (size_t i = w->k * (size_t)chunk / SLOTS; i < w->k * (size_t)(chunk + 1) / SLOTS && !s->failed; i++) {
            toward_source(w->c, w->weighted, w->sources[i], s, &w->slot[chunk]);
            tick(w);
        }
}

static void *work(void *arg)
{
    worker *w = arg;
    size_t n = w->c->n;
    bool counting = w->between != NULL;
    scratch s = { malloc((n ? n : 1) * sizeof(double)), malloc((n ? n : 1) * sizeof(long)),
                  counting ? malloc((n ? n : 1) * sizeof(int32_t)) : NULL,
                  counting ? calloc(n ? n : 1, sizeof(double)) : NULL, /* finite: the sums multiply it by 0 */
                  counting ? calloc(n ? n : 1, sizeof(double)) : NULL, NULL, 0, 0, false };
    if (!s.dist || !s.order || (counting && (!s.hops || !s.sigma || !s.delta))) {
        w->failed = 1;
    } else {
        for (size_t v = 0; v < n; v++)
            s.dist[v] = -1;
        for (size_t v = 0; counting && v < n; v++)
            s.hops[v] = -1;
        sweep(w, &s);
        w->failed |= s.failed;
    }
    free(s.dist);
    free(s.order);
    free(s.hops);
    free(s.sigma);
    free(s.delta);
    free(s.heap);
    return NULL;
}

static int thread_count(int wanted, size_t n)
{
    long cpus = wanted > 0 ? wanted : sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1)
        cpus = 1;
    if (cpus > MAX_THREADS)
        cpus = MAX_THREADS;
    return n < 64 ? 1 : (int)cpus; /* threads do not pay for tiny graphs */
}

/* Runs the workers; the first in this thread. */
static int run_workers(worker *w, int t)
{
    pthread_t id[MAX_THREADS];
    int started = 1, failed = 0;
    for (int i = 1; i < t; i++, started++)
        if (pthread_create(&id[i], NULL, work, &w[i]) != 0)
            break;
    for (int i = started; i < t; i++) /* threads that could not start: here */
        work(&w[i]);
    work(&w[0]);
    for (int i = 1; i < started; i++)
        pthread_join(id[i], NULL);
    for (int i = 0; i < t; i++)
        failed |= w[i].failed;
    return failed ? -1 : 0;
}

/* SLOTS zeroed vectors of n values in `slot` (one block); 0, or -1 when
 * out of memory. */
static int between_make(double **slot, size_t n)
{
    double *block = calloc(SLOTS * (n ? n : 1), sizeof(double));
    for (int i = 0; i < SLOTS; i++)
        slot[i] = block ? block + (size_t)i * (n ? n : 1) : NULL;
    return block ? 0 : -1;
}

/* The slots added up in slot order, each unordered pair once (halved:
 * both of its ends were sources); frees them. */
static void between_merge(double **slot, size_t n, double *out)
{
    for (size_t v = 0; v < n; v++) {
        double sum = 0;
        for (int i = 0; i < SLOTS; i++)
            sum += slot[i][v];
        out[v] = sum / 2;
    }
    free(slot[0]);
}

int pg_distances(const pg_graph *g, bool weighted, int threads, pg_distance_sums *out, double *betweenness)
{
    csr c;
    double *slot[SLOTS] = { NULL };
    if (csr_make(g, weighted, &c) != 0)
        return -1;
    if (betweenness && between_make(slot, g->n) != 0) {
        csr_free(&c);
        return -1;
    }
    int t = thread_count(threads, g->n);
    t = betweenness && t > SLOTS ? SLOTS : t;
    worker w[MAX_THREADS];
    atomic_size_t done = 0;
    if (g->progress != NULL)
        pg_progress_begin(g->progress, betweenness ? "distance pass and betweenness" : "distance pass", g->n);
    for (int i = 0; i < t; i++)
        w[i] = (worker){ &c, weighted, i, t, out, NULL, 0, NULL, betweenness ? slot : NULL, 0, &done,
                         i == 0 ? g->progress : NULL };
    int rc = run_workers(w, t);
    if (betweenness)
        between_merge(slot, g->n, betweenness);
    csr_free(&c);
    return rc;
}

/* Zeroed slots; 0, or -1 when out of memory (all freed). */
static int slots_make(pg_distance_sums *slot, size_t n)
{
    for (int i = 0; i < SLOTS; i++) {
        if (pg_distance_sums_init(&slot[i], n) != 0) {
            while (i-- > 0)
                pg_distance_sums_free(&slot[i]);
            return -1;
        }
        memset(slot[i].sum, 0, n * sizeof(double)); /* all-zero bits: 0.0 on IEEE 754 */
        memset(slot[i].inverse, 0, n * sizeof(double));
        memset(slot[i].eccentricity, 0, n * sizeof(double));
        memset(slot[i].reached, 0, n * sizeof(double));
    }
    return 0;
}

/* The slots added up in slot order into `out`; frees them. */
static void slots_merge(pg_distance_sums *slot, size_t n, pg_distance_sums *out)
{
    for (size_t v = 0; v < n; v++) {
        out->sum[v] = out->inverse[v] = out->reached[v] = out->eccentricity[v] = 0;
        for (int i = 0; i < SLOTS; i++) {
            out->sum[v] += slot[i].sum[v];
            out->inverse[v] += slot[i].inverse[v];
            out->reached[v] += slot[i].reached[v];
            if (slot[i].eccentricity[v] > out->eccentricity[v])
                out->eccentricity[v] = slot[i].eccentricity[v];
        }
    }
    for (int i = 0; i < SLOTS; i++)
        pg_distance_sums_free(&slot[i]);
}

int pg_distances_sampled(const pg_graph *g, bool weighted, int threads, const long *sources, size_t k,
                         pg_distance_sums *out)
{
    csr c;
    pg_distance_sums slot[SLOTS];
    if (csr_make(g, weighted, &c) != 0)
        return -1;
    if (slots_make(slot, g->n) != 0) {
        csr_free(&c);
        return -1;
    }
    int t = thread_count(threads, g->n);
    t = t < SLOTS ? t : SLOTS;
    worker w[SLOTS];
    atomic_size_t done = 0;
    if (g->progress != NULL)
        pg_progress_begin(g->progress, "distance pass (sampled)", k);
    for (int i = 0; i < t; i++)
        w[i] = (worker){ &c, weighted, i, t, out, sources, k, slot, NULL, 0, &done, i == 0 ? g->progress : NULL };
    int rc = run_workers(w, t);
    slots_merge(slot, g->n, out);
    csr_free(&c);
    return rc;
}

void pg_distance_sums_free(pg_distance_sums *d)
{
    free(d->sum);
    free(d->inverse);
    free(d->reached);
    free(d->eccentricity);
    free(d->betweenness);
}

int pg_distance_sums_init(pg_distance_sums *d, size_t n)
{
    size_t k = n ? n : 1;
    *d = (pg_distance_sums){ malloc(k * sizeof(double)), malloc(k * sizeof(double)), malloc(k * sizeof(double)),
                             malloc(k * sizeof(double)), NULL };
    if (d->sum && d->inverse && d->reached && d->eccentricity)
        return 0;
    pg_distance_sums_free(d);
    return -1;
}
