/* ego.c - ego networks: the nodes within a radius of one node, and the
 * edges among them, copied out of a built view. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "graph.h"

/* Hops from `center` to every node (-1: farther than `radius`), by
 * breadth-first search over the edge list. */
static long *distances(const pg_graph *g, long center, int radius)
{
    long *dist = malloc((g->n ? g->n : 1) * sizeof *dist);
    if (dist == NULL)
        return NULL;
    for (size_t v = 0; v < g->n; v++)
        dist[v] = -1;
    dist[center] = 0;
    for (long level = 0; level < radius; level++) { /* one sweep per ring: O(radius m) */
        for (size_t e = 0; e < g->edges.len; e++) {
            long u = g->edges.items[e].u, v = g->edges.items[e].v;
            if (dist[u] == level && dist[v] < 0)
                dist[v] = level + 1;
            else if (dist[v] == level && dist[u] < 0)
                dist[u] = level + 1;
        }
    }
    return dist;
}

static const char *copy(pg_graph *h, const char *s)
{
    return s ? pg_arena_strdup(&h->arena, s) : NULL;
}

/* Edge x of the parent, renumbered by `renum` and with its strings and
 * attributes copied into `h`. */
static int copy_edge(pg_graph *h, const pg_graph *g, const pg_edge *x, const long *renum)
{
    pg_edge e = *x;
    e.u = renum[x->u];
    e.v = renum[x->v];
    e.types = copy(h, x->types);
    e.sources = copy(h, x->sources);
    e.via = copy(h, x->via);
    e.attrs.first = h->edge_attrs.len;
    if (!e.types || !e.sources || !e.via || PG_VEC_RESERVE(h->edge_attrs, x->attrs.count) != 0)
        return -1;
    for (size_t i = 0; i < x->attrs.count; i++) {
        pg_attr a = g->edge_attrs.items[x->attrs.first + i]; /* keys are the dataset's */
        if ((a.v.s = copy(h, a.v.s)) == NULL)
            return -1;
        h->edge_attrs.items[h->edge_attrs.len++] = a;
    }
    if (PG_VEC_RESERVE(h->edges, 1) != 0)
        return -1;
    h->edges.items[h->edges.len++] = e;
    return 0;
}

/* The view settings, with the filters' strings copied. */
static int copy_spec(pg_graph *h, const pg_graph *g)
{
    h->spec = g->spec;
    h->spec.where = g->spec.nwhere ? pg_arena_alloc(&h->arena, g->spec.nwhere * sizeof(pg_where)) : NULL;
    if (g->spec.nwhere && h->spec.where == NULL)
        return -1;
    for (size_t i = 0; i < g->spec.nwhere; i++) {
        h->spec.where[i].attr = copy(h, g->spec.where[i].attr);
        h->spec.where[i].value = copy(h, g->spec.where[i].value);
        if (!h->spec.where[i].attr || !h->spec.where[i].value)
            return -1;
    }
    return 0;
}

/* Nodes with a distance, and the edges among them, into `h`. */
static int cut(pg_graph *h, const pg_graph *g, const long *dist)
{
    long *renum = malloc((g->n ? g->n : 1) * sizeof *renum);
    h->entity = malloc((g->n ? g->n : 1) * sizeof *h->entity);
    h->distance = malloc((g->n ? g->n : 1) * sizeof *h->distance);
    int rc = renum && h->entity && h->distance && copy_spec(h, g) == 0 ? 0 : -1;
    for (size_t v = 0; rc == 0 && v < g->n; v++) {
        renum[v] = dist[v] >= 0 ? (long)h->n : -1;
        if (dist[v] >= 0) {
            h->distance[h->n] = dist[v];
            h->entity[h->n++] = g->entity[v];
        }
    }
    for (size_t e = 0; rc == 0 && e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        if (dist[x->u] >= 0 && dist[x->v] >= 0)
            rc = copy_edge(h, g, x, renum);
    }
    if (rc == 0 && PG_VEC_RESERVE(h->types, g->types.len) == 0) {
        memcpy(h->types.items, g->types.items, g->types.len * sizeof *g->types.items);
        h->types.len = g->types.len;
    } else {
        rc = -1;
    }
    free(renum);
    return rc;
}

/* ---- the report's groupings ------------------------------------------ */

const char *const pg_ego_group_names[PG_EGO_GROUPS] = { "kind", "country", "region", "family", "ruling", "mechanism" };

enum { G_KIND, G_COUNTRY, G_REGION, G_FAMILY, G_RULING, G_MECHANISM };

/* The country id of node v (itself, or its entity's `country`), or NULL. */
static const char *country_id(const pg_graph *h, size_t v)
{
    const pg_entity *e = pg_node_entity(h, v);
    if (e->kind == PG_KIND_COUNTRY)
        return e->id;
    for (int k = 0; k < e->nrefs; k++)
        if (strcmp(e->refs[k].field, "country") == 0)
            return e->refs[k].target_id;
    return NULL;
}

/* Pushes the mechanisms of node v: itself, an event's mechanism, or the
 * mechanisms a party is a member of. */
static int mechanisms(const pg_graph *h, size_t v, pg_str_vec *out)
{
    const pg_dataset *ds = h->ds;
    const pg_entity *e = pg_node_entity(h, v);
    if (e->kind == PG_KIND_MECHANISM)
        return pg_str_vec_push(out, e->id);
    for (int k = 0; k < e->nrefs; k++)
        if (strcmp(e->refs[k].field, "mechanism") == 0 && pg_str_vec_push(out, e->refs[k].target_id) != 0)
            return -1;
    for (size_t i = 0; e->kind == PG_KIND_PARTY && i < ds->relations.len; i++) {
        const pg_relation *r = &ds->relations.items[i];
        long other = r->source == h->entity[v] ? r->target : r->target == h->entity[v] ? r->source : -1;
        if (other >= 0 && strcmp(r->type, "member_of") == 0 && ds->entities.items[other].kind == PG_KIND_MECHANISM &&
            pg_str_vec_push(out, ds->entities.items[other].id) != 0)
            return -1;
    }
    return 0;
}

/* The values of grouping `which` for alter v, pushed onto `out`
 * ("unknown" where the alter has none; family and ruling for parties
 * only). */
static int values(pg_graph *h, size_t v, int which, pg_str_vec *out)
{
    char buf[32];
    const char *text = NULL;
    pg_kind kind = pg_node_entity(h, v)->kind;
    switch (which) {
    case G_KIND: text = pg_kind_name(kind); break;
    case G_COUNTRY: text = country_id(h, v); break;
    case G_REGION: text = pg_node_attr(h, v, "region", buf); break;
    case G_FAMILY:
    case G_RULING:
        if (kind != PG_KIND_PARTY)
            return 0;
        text = pg_node_attr(h, v, which == G_FAMILY ? "family" : "ruling", buf);
        break;
    default: return mechanisms(h, v, out);
    }
    text = text ? pg_arena_strdup(&h->arena, text) : "unknown";
    return text ? pg_str_vec_push(out, text) : -1;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Counts the sorted `all` into h->groups[which]. */
static int count_values(pg_graph *h, int which, pg_str_vec *all)
{
    pg_vec_sort(all->items, all->len, sizeof *all->items, by_text);
    pg_count *counts = pg_arena_alloc(&h->arena, (all->len ? all->len : 1) * sizeof *counts);
    size_t n = 0;
    for (size_t i = 0; counts && i < all->len; i++) {
        if (n > 0 && strcmp(counts[n - 1].value, all->items[i]) == 0)
            counts[n - 1].count++;
        else
            counts[n++] = (pg_count){ all->items[i], 1 };
    }
    h->groups[which] = counts;
    h->ngroups[which] = n;
    return counts ? 0 : -1;
}

static int group_alters(pg_graph *h)
{
    pg_str_vec all = { NULL, 0, 0 };
    int rc = 0;
    for (int which = 0; which < PG_EGO_GROUPS && rc == 0; which++) {
        all.len = 0;
        for (size_t v = 0; v < h->n && rc == 0; v++)
            if ((long)v != h->ego)
                rc = values(h, v, which, &all);
        rc = rc ? rc : count_values(h, which, &all);
    }
    free(all.items);
    return rc;
}

/* Each node's edge to the ego, or -1. */
static int ego_edges(pg_graph *h)
{
    h->ego_edge = malloc((h->n ? h->n : 1) * sizeof *h->ego_edge);
    if (h->ego_edge == NULL)
        return -1;
    for (size_t v = 0; v < h->n; v++)
        h->ego_edge[v] = -1;
    for (size_t e = 0; e < h->edges.len; e++) {
        const pg_edge *x = &h->edges.items[e];
        if (x->u == h->ego || x->v == h->ego)
            h->ego_edge[x->u == h->ego ? x->v : x->u] = (long)e;
    }
    return 0;
}

/* ---- the ego network -------------------------------------------------- */

pg_graph *pg_graph_ego(const pg_graph *g, const char *id, int radius, pg_error *err)
{
    long center = pg_graph_node_index(g, id);
    if (center < 0) {
        pg_error_set(err, PG_EARG, "no node '%s' in the %s view", id, pg_view_name(g->spec.view));
        return NULL;
    }
    if (radius < 1) {
        pg_error_set(err, PG_EARG, "the radius must be at least 1");
        return NULL;
    }
    long *dist = distances(g, center, radius);
    pg_graph *h = dist ? pg_graph_new(g->ds) : NULL;
    if (h == NULL || cut(h, g, dist) != 0) {
        pg_error_set(err, PG_ENOMEM, "out of memory making the ego network");
        goto fail;
    }
    h->ego = pg_graph_node_index(h, id);
    h->radius = radius;
    if (ego_edges(h) != 0 || group_alters(h) != 0) {
        pg_error_set(err, PG_ENOMEM, "out of memory making the ego network");
        goto fail;
    }
    h->explicit_relations = g->explicit_relations;
    h->implied_relations = g->implied_relations;
    h->self_loops = g->self_loops;
    if (pg_graph_complete(h, err) != PG_OK)
        goto fail;
    free(dist);
    pg_error_clear(err);
    return h;
fail:
    free(dist);
    pg_graph_free(h);
    return NULL;
}
