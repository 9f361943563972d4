/* filter.c - the last building stage: keep the nodes and edges asked for.
 *
 * In this order: in a time window, the nodes left without an edge go;
 * then the node filters (--exclude, --kinds, --where: all must hold; an attribute a
 * node lacks is looked up on its country), with the edges that touched the
 * nodes removed; then edges lighter than --min-weight; then the k-core
 * (nodes of coreness >= k in what is left); then the largest connected
 * component (ties: the one holding the smallest id). Node numbers are
 * compacted once at the end, keeping id order. */
#include <stdlib.h>
#include <string.h>

#include "model/graph.h"

typedef struct filter {
    pg_graph *g;
    bool *node_alive;
    bool *edge_alive;
} filter;

static void kill_edges_of_dead_nodes(filter *F)
{
    for (size_t e = 0; e < F->g->edges.len; e++) {
        const pg_edge *x = &F->g->edges.items[e];
        if (!F->node_alive[x->u] || !F->node_alive[x->v])
            F->edge_alive[e] = false;
    }
}

/* Live degree of every node into `deg` (n entries). */
static void live_degrees(const filter *F, long *deg)
{
    memset(deg, 0, F->g->n * sizeof *deg);
    for (size_t e = 0; e < F->g->edges.len; e++) {
        if (F->edge_alive[e]) {
            deg[F->g->edges.items[e].u]++;
            deg[F->g->edges.items[e].v]++;
        }
    }
}

static int drop_isolated(filter *F)
{
    long *deg = malloc((F->g->n ? F->g->n : 1) * sizeof *deg);
    if (deg == NULL)
        return -1;
    live_degrees(F, deg);
    for (size_t v = 0; v < F->g->n; v++)
        if (deg[v] == 0)
            F->node_alive[v] = false;
    free(deg);
    return 0;
}

static bool node_matches(const pg_graph *g, size_t v)
{
    const pg_view_spec *s = &g->spec;
    char buf[32];
    if (s->excluded && s->excluded[g->entity[v]])
        return false;
    if (s->kinds != 0 && !(s->kinds & (1u << pg_node_entity(g, v)->kind)))
        return false;
    for (size_t i = 0; i < s->nwhere; i++) {
        const char *value = pg_node_attr(g, v, s->where[i].attr, buf);
        if (value == NULL || strcmp(value, s->where[i].value) != 0)
            return false;
    }
    return true;
}

static void node_filters(filter *F)
{
    for (size_t v = 0; v < F->g->n; v++)
        if (F->node_alive[v] && !node_matches(F->g, v))
            F->node_alive[v] = false;
    kill_edges_of_dead_nodes(F);
}

static void weight_filter(filter *F)
{
    for (size_t e = 0; e < F->g->edges.len; e++)
        if (F->g->edges.items[e].weight < F->g->spec.min_weight)
            F->edge_alive[e] = false;
}

/* Peels nodes of live degree < k, and then those that drop below k,
 * until none is left (the k-core): O(n + m). */
static int k_core(filter *F, long k)
{
    const pg_graph *g = F->g;
    size_t *first = NULL, *edge = NULL, tail = 0;
    long *deg = malloc((g->n ? g->n : 1) * sizeof *deg);
    size_t *queue = malloc((g->n ? g->n : 1) * sizeof *queue);
    int rc = deg && queue ? pg_graph_incidence(g, &first, &edge) : -1;
    if (rc != 0)
        goto cleanup;
    live_degrees(F, deg);
    for (size_t v = 0; v < g->n; v++)
        if (F->node_alive[v] && deg[v] < k) {
            F->node_alive[v] = false; /* dead once queued */
            queue[tail++] = v;
        }
    for (size_t head = 0; head < tail; head++) {
        for (size_t i = first[queue[head]]; i < first[queue[head] + 1]; i++) {
            const pg_edge *x = &g->edges.items[edge[i]];
            long w = (size_t)x->u == queue[head] ? x->v : x->u;
            if (!F->edge_alive[edge[i]])
                continue;
            F->edge_alive[edge[i]] = false;
            if (F->node_alive[w] && --deg[w] < k) {
                F->node_alive[w] = false;
                queue[tail++] = (size_t)w;
            }
        }
    }
cleanup:
    free(deg);
    free(queue);
    free(first);
    free(edge);
    return rc;
}

static long find_root(long *parent, long x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* Keeps the largest connected component of the live graph. */
static int giant(filter *F)
{
    size_t n = F->g->n;
    long *parent = malloc((n ? n : 1) * sizeof *parent), *size = calloc(n ? n : 1, sizeof *size);
    if (parent == NULL || size == NULL) {
        free(parent);
        free(size);
        return -1;
    }
    for (size_t v = 0; v < n; v++)
        parent[v] = (long)v;
    for (size_t e = 0; e < F->g->edges.len; e++)
        if (F->edge_alive[e])
            parent[find_root(parent, F->g->edges.items[e].u)] = find_root(parent, F->g->edges.items[e].v);
    for (size_t v = 0; v < n; v++)
        if (F->node_alive[v])
            size[find_root(parent, (long)v)]++;
    long best = -1; /* visiting in id order, the first of the largest wins */
    for (size_t v = 0; v < n; v++) {
        long r = find_root(parent, (long)v);
        if (F->node_alive[v] && (best < 0 || size[r] > size[best]))
            best = r;
    }
    for (size_t v = 0; v < n; v++)
        if (F->node_alive[v] && find_root(parent, (long)v) != best)
            F->node_alive[v] = false;
    kill_edges_of_dead_nodes(F);
    free(parent);
    free(size);
    return 0;
}

/* Renumbers the live nodes 0.. in id order and keeps the live edges. */
static int compact(filter *F)
{
    pg_graph *g = F->g;
    long *renum = malloc((g->n ? g->n : 1) * sizeof *renum);
    if (renum == NULL)
        return -1;
    size_t kept = 0, out = 0;
    for (size_t v = 0; v < g->n; v++) {
        renum[v] = F->node_alive[v] ? (long)kept : -1;
        if (F->node_alive[v])
            g->entity[kept++] = g->entity[v];
    }
    for (size_t e = 0; e < g->edges.len; e++) {
        if (!F->edge_alive[e])
            continue;
        pg_edge x = g->edges.items[e];
        x.u = renum[x.u];
        x.v = renum[x.v];
        g->edges.items[out++] = x;
    }
    g->n = kept;
    g->edges.len = out;
    free(renum);
    return 0;
}

static bool any_filter(const pg_view_spec *s)
{
    return s->windowed || s->excluded || s->kinds || s->nwhere || s->min_weight > 0 || s->k_core > 0 || s->giant;
}

int pg_filter_apply(pg_graph *g)
{
    if (!any_filter(&g->spec))
        return 0;
    filter F = { g, malloc((g->n ? g->n : 1) * sizeof(bool)), malloc((g->edges.len ? g->edges.len : 1) * sizeof(bool)) };
    int rc = F.node_alive && F.edge_alive ? 0 : -1;
    if (rc == 0) {
        memset(F.node_alive, true, g->n * sizeof(bool));
        memset(F.edge_alive, true, g->edges.len * sizeof(bool));
        rc = g->spec.windowed ? drop_isolated(&F) : 0;
    }
    if (rc == 0) {
        node_filters(&F);
        weight_filter(&F);
        rc = g->spec.k_core > 0 ? k_core(&F, g->spec.k_core) : 0;
    }
    if (rc == 0 && g->spec.giant)
        rc = giant(&F);
    if (rc == 0)
        rc = compact(&F);
    free(F.node_alive);
    free(F.edge_alive);
    return rc;
}
