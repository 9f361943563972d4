/* ego.c - ego networks: the nodes within a radius of one node, and the
 * edges among them, copied out of a built view; with no_ego, the same
 * without the ego and its edges (the alters among themselves). */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "model/graph.h"

/* Hops from `center` to every node (-1: farther than `radius`), by
 * breadth-first search: O(n + m) whatever the radius. */
static long *distances(const pg_graph *g, long center, int radius)
{
    size_t *first = NULL, *edge = NULL;
    long *dist = malloc((g->n ? g->n : 1) * sizeof *dist);
    long *queue = malloc((g->n ? g->n : 1) * sizeof *queue);
    if (dist == NULL || queue == NULL || pg_graph_incidence(g, &first, &edge) != 0) {
        free(dist);
        dist = NULL;
        goto cleanup;
    }
    for (size_t v = 0; v < g->n; v++)
        dist[v] = -1;
    dist[center] = 0;
    queue[0] = center;
    for (size_t head = 0, tail = 1; head < tail && dist[queue[head]] < radius; head++) {
        long u = queue[head];
        for (size_t i = first[u]; i < first[u + 1]; i++) {
            const pg_edge *x = &g->edges.items[edge[i]];
            long w = x->u == u ? x->v : x->u;
            if (dist[w] < 0) {
                dist[w] = dist[u] + 1;
                queue[tail++] = w;
            }
        }
    }
cleanup:
    free(queue);
    free(first);
    free(edge);
    return dist;
}

static const char *copy(pg_graph *h, const char *s)
{
    return s ? pg_arena_strdup(&h->arena, s) : NULL;
}

/* Edge x of the parent, renumbered by `renum` and with its strings,
 * attributes, spells and type counts copied into `h`. */
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
    e.spells.first = h->spells.len;
    if (PG_VEC_RESERVE(h->spells, x->spells.count) != 0)
        return -1;
    for (size_t i = 0; i < x->spells.count; i++)
        h->spells.items[h->spells.len++] = g->spells.items[x->spells.first + i];
    e.type_counts.first = h->type_counts.len;
    if (PG_VEC_RESERVE(h->type_counts, x->type_counts.count) != 0)
        return -1;
    for (size_t i = 0; i < x->type_counts.count; i++) /* types are the dataset's */
        h->type_counts.items[h->type_counts.len++] = g->type_counts.items[x->type_counts.first + i];
    if (PG_VEC_RESERVE(h->edges, 1) != 0)
        return -1;
    h->edges.items[h->edges.len++] = e;
    return 0;
}

/* A copy of the n flags at `flags` in h's arena; NULL for NULL, or when
 * out of memory. */
static bool *copy_flags(pg_graph *h, const bool *flags, size_t n)
{
    bool *c = flags ? pg_arena_alloc(&h->arena, n ? n : 1) : NULL;
    return c ? memcpy(c, flags, n) : NULL;
}

/* The view settings, with the filters' strings and flags copied. */
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
    h->spec.excluded = copy_flags(h, g->spec.excluded, g->ds->entities.len);
    h->spec.type_off = copy_flags(h, g->spec.type_off, g->ds->relation_types.len);
    return (g->spec.excluded && !h->spec.excluded) || (g->spec.type_off && !h->spec.type_off) ? -1 : 0;
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
        if (g->types.len > 0) /* none: both may be NULL, which memcpy must not get */
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

/* A mechanism of an alter. */
typedef struct affiliation {
    long node;
    const char *mechanism;
} affiliation;

typedef PG_VEC(affiliation) affiliation_vec;

static int by_node_mechanism(const void *a, const void *b)
{
    const affiliation *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return strcmp(x->mechanism, y->mechanism);
}

/* The mechanisms of alter v that its own fields name: itself, or an
 * event's mechanism. */
static int own_mechanisms(const pg_graph *h, size_t v, affiliation_vec *out)
{
    const pg_entity *e = pg_node_entity(h, v);
    for (int k = -1; k < e->nrefs; k++) {
        const char *id = k < 0 ? (e->kind == PG_KIND_MECHANISM ? e->id : NULL)
                               : strcmp(e->refs[k].field, "mechanism") == 0 ? e->refs[k].target_id : NULL;
        if (id == NULL)
            continue;
        if (PG_VEC_RESERVE(*out, 1) != 0)
            return -1;
        out->items[out->len++] = (affiliation){ (long)v, id };
    }
    return 0;
}

/* The mechanisms parties among the alters are members of (member_of
 * relations in either direction), in one pass over the relations. */
static int memberships(const pg_graph *h, affiliation_vec *out)
{
    const pg_dataset *ds = h->ds;
    long *node_of = malloc((ds->entities.len ? ds->entities.len : 1) * sizeof *node_of);
    if (node_of == NULL)
        return -1;
    for (size_t i = 0; i < ds->entities.len; i++)
        node_of[i] = -1;
    for (size_t v = 0; v < h->n; v++)
        node_of[h->entity[v]] = (long)v;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ds->relations.len; i++) {
        const pg_relation *r = &ds->relations.items[i];
        if (strcmp(r->type, "member_of") != 0)
            continue;
        for (int side = 0; side < 2 && rc == 0; side++) {
            long party = side ? r->target : r->source, mech = side ? r->source : r->target;
            long v = node_of[party];
            if (v < 0 || v == h->ego || ds->entities.items[party].kind != PG_KIND_PARTY ||
                ds->entities.items[mech].kind != PG_KIND_MECHANISM)
                continue;
            if ((rc = PG_VEC_RESERVE(*out, 1)) == 0)
                out->items[out->len++] = (affiliation){ v, ds->entities.items[mech].id };
        }
    }
    free(node_of);
    return rc;
}

/* Pushes onto `out` each mechanism of each alter, once per alter (a party
 * that joined twice counts once). */
static int mechanism_values(const pg_graph *h, pg_str_vec *out)
{
    affiliation_vec all = { NULL, 0, 0 };
    int rc = memberships(h, &all);
    for (size_t v = 0; rc == 0 && v < h->n; v++)
        if ((long)v != h->ego)
            rc = own_mechanisms(h, v, &all);
    if (rc == 0)
        pg_vec_sort(all.items, all.len, sizeof *all.items, by_node_mechanism);
    for (size_t i = 0; rc == 0 && i < all.len; i++)
        if (i == 0 || by_node_mechanism(&all.items[i - 1], &all.items[i]) != 0)
            rc = pg_str_vec_push(out, all.items[i].mechanism);
    free(all.items);
    return rc;
}

/* The values of grouping `which` (not the mechanisms) for alter v,
 * pushed onto `out` ("unknown" where the alter has none; family and
 * ruling for parties only). */
static int values(pg_graph *h, size_t v, int which, pg_str_vec *out)
{
    char buf[32];
    const char *text = NULL;
    pg_kind kind = pg_node_entity(h, v)->kind;
    switch (which) {
    case G_KIND: text = pg_kind_name(kind); break;
    case G_COUNTRY: {
        long c = pg_dataset_country_of(h->ds, h->entity[v]);
        text = c >= 0 ? h->ds->entities.items[c].id : NULL;
        break;
    }
    case G_REGION: text = pg_node_attr(h, v, "region", buf); break;
    case G_FAMILY:
    case G_RULING:
        if (kind != PG_KIND_PARTY)
            return 0;
        text = pg_node_attr(h, v, which == G_FAMILY ? "family" : "ruling", buf);
        break;
    default: return -1;
    }
    text = text ? pg_arena_strdup(&h->arena, text) : "unknown";
    return text ? pg_str_vec_push(out, text) : -1;
}

/* Counts the sorted `all` into h->groups[which]. */
static int count_values(pg_graph *h, int which, pg_str_vec *all)
{
    pg_vec_sort(all->items, all->len, sizeof *all->items, pg_str_compare);
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
        if (which == G_MECHANISM)
            rc = mechanism_values(h, &all);
        for (size_t v = 0; v < h->n && rc == 0 && which != G_MECHANISM; v++)
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

/* The ego report's parts of `h`, cut with its ego `id`: each alter's
 * edge to the ego and the alters' groupings. 0, or -1 when out of memory. */
static int report_parts(pg_graph *h, const char *id)
{
    h->ego = pg_graph_node_index(h, id);
    return ego_edges(h) != 0 || group_alters(h) != 0 ? -1 : 0;
}

pg_graph *pg_graph_ego_opts(const pg_graph *g, const char *id, const pg_ego_options *opt, pg_error *err)
{
    double started = pg_clock();
    pg_ego_options defaults = PG_EGO_OPTIONS_INIT;
    opt = opt ? opt : &defaults;
    long center = pg_graph_node_index(g, id);
    if (center < 0) {
        pg_graph_no_node(g, id, pg_view_name(g->spec.view), err);
        return NULL;
    }
    if (opt->radius < 1) {
        pg_error_set(err, PG_EARG, "the radius must be at least 1");
        return NULL;
    }
    long *dist = distances(g, center, opt->radius);
    if (dist && opt->no_ego)
        dist[center] = -1; /* cut without it: the alters and the edges among them */
    pg_graph *h = dist ? pg_graph_new(g->ds) : NULL;
    if (h == NULL || cut(h, g, dist) != 0 || (!opt->no_ego && report_parts(h, id) != 0)) {
        pg_error_set(err, PG_ENOMEM, "out of memory making the ego network");
        goto fail;
    }
    h->radius = opt->radius;
    h->explicit_relations = g->explicit_relations;
    h->implied_relations = g->implied_relations;
    h->self_loops = g->self_loops;
    h->undated_left_out = g->undated_left_out;
    h->timeless_left_out = g->timeless_left_out;
    if (pg_graph_complete(h, err) != PG_OK)
        goto fail;
    free(dist);
    pg_graph_time_cut(h, g, started);
    pg_error_clear(err);
    return h;
fail:
    free(dist);
    pg_graph_free(h);
    return NULL;
}

pg_graph *pg_graph_ego(const pg_graph *g, const char *id, int radius, pg_error *err)
{
    pg_ego_options opt = { radius, 0 };
    return pg_graph_ego_opts(g, id, &opt, err);
}
