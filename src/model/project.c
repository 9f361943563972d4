/* project.c - the parties, countries, mechanisms and persons views: a
 * two-mode network of actors and their affiliations, projected onto the
 * actors.
 *
 *   view        actors                         affiliations
 *   parties     parties                        the events they have a relation with,
 *                                              the mechanisms they are members of
 *   countries   countries, and parties through the same, of the country's parties
 *               their `country`                and of the country itself
 *   mechanisms  mechanisms                     their member parties
 *   persons     persons                        as for parties
 *
 * Only relations of types that are not structural count (pg_link.structural:
 * based_in, held_in, part_of, belongs_to and those a file declares so):
 * each between two actors makes a direct tie; each between an actor and
 * an event makes a membership, and so does each between an actor and a
 * mechanism (a party and a mechanism in the mechanisms view) whose type
 * is not directed (member_of and the like: taking part, not praising).
 * Two actors are tied through every affiliation they share, weighted as
 * the projection says (NetworkX's bipartite projections), plus the
 * weights of their direct ties. Every actor of the view's kind is a node,
 * tied or not. Memberships, direct ties and edges are put in order by
 * pg_pair_order (counting sorts on entity or node numbers), never by
 * comparing records. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/ptrmap.h"
#include "model/graph.h"

enum { VIA_CAP = 10 };

/* The actor an entity stands for in this view, or -1. */
static long actor_of(const pg_graph *g, long e)
{
    const pg_entity *x = &g->ds->entities.items[e];
    switch (g->spec.view) {
    case PG_VIEW_PARTIES: return x->kind == PG_KIND_PARTY ? e : -1;
    case PG_VIEW_MECHANISMS: return x->kind == PG_KIND_MECHANISM ? e : -1;
    case PG_VIEW_PERSONS: return x->kind == PG_KIND_PERSON ? e : -1;
    case PG_VIEW_COUNTRIES:
        return x->kind == PG_KIND_COUNTRY || x->kind == PG_KIND_PARTY ? pg_dataset_country_of(g->ds, e) : -1;
    default: return -1;
    }
}

/* Can an entity of kind `k` be an affiliation in this view? */
static bool affiliation_kind(const pg_graph *g, pg_kind k)
{
    if (g->spec.view == PG_VIEW_MECHANISMS)
        return k == PG_KIND_PARTY;
    return k == PG_KIND_EVENT || k == PG_KIND_MECHANISM;
}

/* ---- memberships ------------------------------------------------------ */

typedef struct membership {
    long aff, actor;     /* entities */
    pg_date first, last;
    int rtype;           /* the link's type; once merged, the types are in projection.mtypes */
} membership;

typedef PG_VEC(membership) membership_vec;

/* Sets of relation types: `words` 64-bit words per set, bit t for type
 * number t of pg_dataset.relation_types. */
typedef PG_VEC(uint64_t) type_sets;

/* Appends an empty set to `v`; 0, or -1 when out of memory. */
static int add_set(type_sets *v, size_t words)
{
    if (PG_VEC_RESERVE(*v, words) != 0)
        return -1;
    memset(v->items + v->len, 0, words * sizeof *v->items);
    v->len += words;
    return 0;
}

/* Adds the types of set `from` to set `to` (sets of `words` words). */
static void union_set(uint64_t *to, const uint64_t *from, size_t words)
{
    for (size_t i = 0; i < words; i++)
        to[i] |= from[i];
}

static void add_type(uint64_t *set, int rtype)
{
    set[rtype / 64] |= 1ULL << (rtype % 64);
}

/* Replaces the array at *items, n records of `size` bytes, by a copy in
 * the order of the pair of longs at offsets off_a, off_b (each below
 * `nodes`), pg_pair_order's, and sets *cap to its room. Returns 0, or -1
 * when out of memory (nothing changes). */
static int pair_sort(void **items, size_t *cap, size_t n, size_t size, size_t off_a, size_t off_b, size_t nodes)
{
    size_t *order = NULL;
    char *sorted = malloc((n ? n : 1) * size);
    int rc = sorted ? pg_pair_order(*items, n, size, off_a, off_b, nodes, &order) : -1;
    if (rc == 0) {
        for (size_t i = 0; i < n; i++)
            memcpy(sorted + i * size, (const char *)*items + order[i] * size, size);
        free(*items);
        *items = sorted;
        *cap = n ? n : 1;
        sorted = NULL;
    }
    free(sorted);
    free(order);
    return rc;
}

/* The membership that (non-structural) link `l` of type `rtype` makes
 * between the actor that `actor_side` stands for and affiliation `aff`,
 * if it makes one: with a mechanism at either end, only a type that is
 * not directed (member_of, not praised) makes one. */
static int add_membership(const pg_graph *g, membership_vec *out, const pg_link *l, int rtype, long actor_side,
                          long aff)
{
    long actor = actor_of(g, actor_side);
    const pg_entity *e = g->ds->entities.items;
    bool mechanism = e[aff].kind == PG_KIND_MECHANISM || e[actor_side].kind == PG_KIND_MECHANISM;
    if (actor < 0 || !affiliation_kind(g, e[aff].kind) || (mechanism && l->dir != PG_DIR_NONE))
        return 0;
    if (PG_VEC_RESERVE(*out, 1) != 0)
        return -1;
    out->items[out->len++] = (membership){ aff, actor, l->first, l->last, rtype };
    return 0;
}

/* One membership per (affiliation, actor), sorted, dates merged (in any
 * order: the earliest, the latest), the types of membership i in set i of
 * `types` (sets of `words` words). 0, or -1 (memory). */
static int unique_memberships(membership_vec *m, size_t entities, type_sets *types, size_t words)
{
    if (pair_sort((void **)&m->items, &m->cap, m->len, sizeof *m->items, offsetof(membership, aff),
                  offsetof(membership, actor), entities) != 0)
        return -1;
    size_t out = 0;
    for (size_t i = 0; i < m->len; i++) {
        membership *prev = out ? &m->items[out - 1] : NULL;
        if (prev && prev->aff == m->items[i].aff && prev->actor == m->items[i].actor) {
            prev->first = pg_date_earliest(prev->first, m->items[i].first);
            prev->last = pg_date_latest(prev->last, m->items[i].last);
        } else if (add_set(types, words) == 0) {
            m->items[out++] = m->items[i];
        } else {
            return -1;
        }
        add_type(types->items + (out - 1) * words, m->items[i].rtype);
    }
    m->len = out;
    return 0;
}

/* ---- pairs -------------------------------------------------------- */

typedef struct pair {
    long u, v;           /* nodes, u < v */
    long shared;
    double newman;
    double direct_weight;
    long direct_count;
    pg_date first, last;
    int nvia;
    long via[VIA_CAP];   /* affiliation entities */
} pair;

/* A slot of the pair index: the pair's nodes, so that a probe reads the
 * pair itself only when it is the one looked for. */
typedef struct pair_slot {
    long u, v;
    long index;          /* into pairs, -1 = empty */
} pair_slot;

/* Pairs in a vector, found through an open-addressing index. */
typedef struct pair_table {
    PG_VEC(pair) pairs;
    pair_slot *slots;
    size_t cap;          /* power of two */
} pair_table;

static uint64_t pair_hash(long u, long v)
{
    uint64_t h = ((uint64_t)u << 32 ^ (uint64_t)v) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
}

static int grow_table(pair_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    pair_slot *slots = malloc(cap * sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < cap; i++)
        slots[i].index = -1;
    for (size_t k = 0; k < t->cap; k++) {
        if (t->slots[k].index < 0)
            continue;
        size_t i = (size_t)pair_hash(t->slots[k].u, t->slots[k].v) & (cap - 1);
        while (slots[i].index >= 0)
            i = (i + 1) & (cap - 1);
        slots[i] = t->slots[k];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* The pair (u, v), u < v, created empty if new; NULL when out of memory. */
static pair *find_pair(pair_table *t, long u, long v)
{
    if ((t->pairs.len + 1) * 2 > t->cap && grow_table(t) != 0)
        return NULL;
    size_t i = (size_t)pair_hash(u, v) & (t->cap - 1);
    for (; t->slots[i].index >= 0; i = (i + 1) & (t->cap - 1))
        if (t->slots[i].u == u && t->slots[i].v == v)
            return &t->pairs.items[t->slots[i].index];
    if (PG_VEC_RESERVE(t->pairs, 1) != 0)
        return NULL;
    t->slots[i] = (pair_slot){ u, v, (long)t->pairs.len };
    pair *p = &t->pairs.items[t->pairs.len++];
    *p = (pair){ u, v, 0, 0.0, 0.0, 0, PG_DATE_NONE, PG_DATE_NONE, 0, { 0 } };
    return p;
}

static void add_dates(pair *p, pg_date first, pg_date last)
{
    p->first = pg_date_earliest(p->first, first);
    p->last = pg_date_latest(p->last, last);
}

/* ---- the projection --------------------------------------------------- */

/* A direct tie between the nodes u < v: a link of type `rtype`. */
typedef struct contact {
    long u, v;
    const pg_link *link;
    int rtype;
} contact;

typedef PG_VEC(contact) contact_vec;

static int by_weight(const void *a, const void *b)
{
    const contact *x = a, *y = b;
    return (x->link->weight > y->link->weight) - (x->link->weight < y->link->weight);
}

/* Sorts direct ties by pair, then weight: the weights of one pair are summed
 * in the same order whatever the order of the input. 0 or -1 (memory). */
static int sort_contacts(contact_vec *c, size_t nodes)
{
    if (pair_sort((void **)&c->items, &c->cap, c->len, sizeof *c->items, offsetof(contact, u), offsetof(contact, v),
                  nodes) != 0)
        return -1;
    for (size_t i = 0, j; i < c->len; i = j) {
        for (j = i + 1; j < c->len && c->items[j].u == c->items[i].u && c->items[j].v == c->items[i].v;)
            j++;
        pg_vec_sort(c->items + i, j - i, sizeof *c->items, by_weight);
    }
    return 0;
}

typedef struct projection {
    pg_graph *g;
    long *node_of;       /* entity -> node, -1 if not an actor */
    long *affiliations;  /* node -> number of affiliations kept */
    membership_vec memberships;
    pair_table table;
    contact_vec contacts; /* direct ties */
    PG_VEC(struct cited { long pair; const char *source; }) cited; /* sources of direct ties */
    size_t words;        /* of a type set: one bit per relation type of the dataset */
    type_sets mtypes;    /* membership i's types: set i */
    type_sets ptypes;    /* pair i's types: set i */
    pg_ptrmap rtype_of;  /* relation type id (interned) -> its index */
    const char **names;  /* room for every type id, to join them */
} projection;

/* Nodes: every entity that is an actor in this view, in id order. */
static int make_nodes(projection *P)
{
    pg_graph *g = P->g;
    size_t ne = g->ds->entities.len;
    P->node_of = malloc((ne ? ne : 1) * sizeof *P->node_of);
    g->entity = malloc((ne ? ne : 1) * sizeof *g->entity);
    if (P->node_of == NULL || g->entity == NULL)
        return -1;
    for (size_t e = 0; e < ne; e++) {
        P->node_of[e] = actor_of(g, (long)e) == (long)e ? (long)g->n : -1;
        if (P->node_of[e] >= 0)
            g->entity[g->n++] = (long)e;
    }
    P->affiliations = calloc(g->n ? g->n : 1, sizeof *P->affiliations);
    return P->affiliations ? 0 : -1;
}

/* The relation types by their (interned) ids, and the size of a type
 * set. 0, or -1 when out of memory. */
static int index_types(projection *P)
{
    const pg_dataset *ds = P->g->ds;
    P->words = ds->relation_types.len / 64 + 1;
    P->names = malloc((ds->relation_types.len + 1) * sizeof *P->names);
    if (P->names == NULL)
        return -1;
    for (size_t t = 0; t < ds->relation_types.len; t++)
        if (pg_ptrmap_intern(&P->rtype_of, ds->relation_types.items[t].id, t) == SIZE_MAX)
            return -1;
    return 0;
}

/* The type index of link `l` (an implied one's type is its id's). */
static int link_type(projection *P, const pg_link *l)
{
    return l->r != NULL ? l->r->rtype : (int)pg_ptrmap_intern(&P->rtype_of, l->type, 0);
}

/* The direct tie that link `l` makes when both ends stand for actors. */
static int add_direct(projection *P, const pg_link *l, int rtype)
{
    long x = actor_of(P->g, l->a), y = actor_of(P->g, l->b);
    if (x < 0 || y < 0 || x == y)
        return 0;
    long u = P->node_of[x], v = P->node_of[y];
    if (PG_VEC_RESERVE(P->contacts, 1) != 0)
        return -1;
    P->contacts.items[P->contacts.len++] = (contact){ u < v ? u : v, u < v ? v : u, l, rtype };
    return 0;
}

/* Memberships and direct ties from the links that are not structural. */
static int read_links(projection *P, const pg_link_vec *links)
{
    if (index_types(P) != 0)
        return -1;
    for (size_t i = 0; i < links->len; i++) {
        const pg_link *l = &links->items[i];
        int rtype = l->structural ? -1 : link_type(P, l);
        if (rtype >= 0 && (add_membership(P->g, &P->memberships, l, rtype, l->a, l->b) != 0 ||
                           add_membership(P->g, &P->memberships, l, rtype, l->b, l->a) != 0 ||
                           add_direct(P, l, rtype) != 0))
            return -1;
    }
    return unique_memberships(&P->memberships, P->g->ds->entities.len, &P->mtypes, P->words) == 0 &&
                   sort_contacts(&P->contacts, P->g->n) == 0
               ? 0
               : -1;
}

/* The pair of nodes u < v, with an empty type set when new; NULL when
 * out of memory. */
static pair *node_pair(projection *P, long u, long v)
{
    size_t before = P->table.pairs.len;
    pair *p = find_pair(&P->table, u, v);
    if (p != NULL && P->table.pairs.len > before && add_set(&P->ptypes, P->words) != 0)
        return NULL;
    return p;
}

/* The types of pair `p`. */
static uint64_t *pair_types(projection *P, const pair *p)
{
    return P->ptypes.items + (size_t)(p - P->table.pairs.items) * P->words;
}

/* The pair of the nodes of actors x and y. */
static pair *actor_pair(projection *P, long x, long y)
{
    long u = P->node_of[x], v = P->node_of[y];
    return u < v ? node_pair(P, u, v) : node_pair(P, v, u);
}

/* Every pair of members of the affiliation in memberships [first, end). */
static int share(projection *P, const membership *first, const membership *end)
{
    long n = (long)(end - first);
    if (P->g->spec.max_event_size > 0 && n > P->g->spec.max_event_size)
        return 0; /* a mass event: dropped */
    for (const membership *a = first; a < end; a++)
        P->affiliations[P->node_of[a->actor]]++;
    for (const membership *a = first; a < end; a++) {
        for (const membership *b = a + 1; b < end; b++) {
            pair *p = actor_pair(P, a->actor, b->actor);
            if (p == NULL)
                return -1;
            p->shared++;
            p->newman += 1.0 / (double)(n - 1);
            union_set(pair_types(P, p), P->mtypes.items + (size_t)(a - P->memberships.items) * P->words, P->words);
            union_set(pair_types(P, p), P->mtypes.items + (size_t)(b - P->memberships.items) * P->words, P->words);
            add_dates(p, pg_date_earliest(a->first, b->first), pg_date_latest(a->last, b->last));
            if (p->nvia < VIA_CAP)
                p->via[p->nvia++] = a->aff;
        }
    }
    return 0;
}

static int share_all(projection *P)
{
    const membership *m = P->memberships.items;
    for (size_t i = 0, j; i < P->memberships.len; i = j) {
        for (j = i + 1; j < P->memberships.len && m[j].aff == m[i].aff;)
            j++;
        if (share(P, m + i, m + j) != 0)
            return -1;
    }
    return 0;
}

static int add_contacts(projection *P)
{
    for (size_t i = 0; i < P->contacts.len; i++) {
        const pg_link *l = P->contacts.items[i].link;
        pair *p = node_pair(P, P->contacts.items[i].u, P->contacts.items[i].v);
        if (p == NULL)
            return -1;
        p->direct_weight += l->weight;
        p->direct_count++;
        add_type(pair_types(P, p), P->contacts.items[i].rtype);
        add_dates(p, l->first, l->last);
        long index = (long)(p - P->table.pairs.items);
        for (size_t k = 0; l->r && k < l->r->sources.count; k++) {
            if (PG_VEC_RESERVE(P->cited, 1) != 0)
                return -1;
            P->cited.items[P->cited.len++] = (struct cited){ index, P->g->ds->source_refs.items[l->r->sources.first + k] };
        }
    }
    return 0;
}

static double projected_weight(const projection *P, const pair *p)
{
    double a = (double)P->affiliations[p->u], b = (double)P->affiliations[p->v], s = (double)p->shared;
    switch (P->g->spec.projection) {
    case PG_PROJECTION_COUNT: return s;
    case PG_PROJECTION_NEWMAN: return p->newman;
    case PG_PROJECTION_JACCARD: return s > 0 ? s / (a + b - s) : 0.0;
    case PG_PROJECTION_OVERLAP: return s > 0 ? s / (a < b ? a : b) : 0.0;
    }
    return s;
}

/* The ids of the types in `set`, sorted and ";"-joined; NULL when out
 * of memory. */
static const char *types_text(projection *P, const uint64_t *set)
{
    const pg_dataset *ds = P->g->ds;
    size_t n = 0;
    for (size_t t = 0; t < ds->relation_types.len; t++)
        if (set[t / 64] >> (t % 64) & 1)
            P->names[n++] = ds->relation_types.items[t].id;
    return pg_graph_join(P->g, P->names, n);
}

/* The shared affiliations' ids (in id order, as they were visited), at
 * most VIA_CAP, then ";+N more" when there are more. */
static const char *via_text(pg_graph *g, const pair *p)
{
    char more[32] = "";
    size_t total = 1;
    for (int i = 0; i < p->nvia; i++)
        total += strlen(g->ds->entities.items[p->via[i]].id) + 1;
    if (p->shared > p->nvia)
        snprintf(more, sizeof more, ";+%ld more", p->shared - p->nvia);
    char *text = pg_arena_alloc(&g->arena, total + strlen(more));
    if (text == NULL)
        return NULL;
    text[0] = '\0';
    for (int i = 0; i < p->nvia; i++) {
        if (i > 0)
            strcat(text, ";");
        strcat(text, g->ds->entities.items[p->via[i]].id);
    }
    strcat(text, more);
    return text;
}

/* The sources cited by the direct ties of pair `index` (cited[*at..] is
 * sorted by pair; *at advances past them). */
static const char *contact_sources(projection *P, long index, size_t *at, pg_str_vec *scratch)
{
    scratch->len = 0;
    for (; *at < P->cited.len && P->cited.items[*at].pair == index; (*at)++)
        if (pg_str_vec_push(scratch, P->cited.items[*at].source) != 0)
            return NULL;
    return pg_graph_join(P->g, scratch->items, scratch->len);
}

static int by_cited_pair(const void *a, const void *b)
{
    const struct cited *x = a, *y = b;
    return (x->pair > y->pair) - (x->pair < y->pair);
}

/* One edge per pair that passes min_shared (or has a direct tie). */
static int make_edges(projection *P)
{
    pg_graph *g = P->g;
    pg_str_vec scratch = { NULL, 0, 0 };
    size_t at = 0;
    int rc = 0;
    pg_vec_sort(P->cited.items, P->cited.len, sizeof *P->cited.items, by_cited_pair);
    for (size_t i = 0; i < P->table.pairs.len && rc == 0; i++) {
        const pair *p = &P->table.pairs.items[i];
        const char *sources = contact_sources(P, (long)i, &at, &scratch);
        if (p->shared < g->spec.min_shared && p->direct_count == 0)
            continue;
        pg_edge e = { .u = p->u, .v = p->v, .weight = projected_weight(P, p) + p->direct_weight,
                      .count = p->shared + p->direct_count, .types = types_text(P, pair_types(P, p)), .sources = sources,
                      .first = p->first, .last = p->last, .attrs = { g->edge_attrs.len, 0 }, .shared = p->shared,
                      .via = via_text(g, p) };
        rc = e.types && e.sources && e.via && PG_VEC_RESERVE(g->edges, 1) == 0 ? 0 : -1;
        if (rc == 0)
            g->edges.items[g->edges.len++] = e;
    }
    free(scratch.items);
    if (rc == 0) /* each pair is there once */
        rc = pair_sort((void **)&g->edges.items, &g->edges.cap, g->edges.len, sizeof *g->edges.items,
                       offsetof(pg_edge, u), offsetof(pg_edge, v), g->n);
    return rc;
}

int pg_project_links(pg_graph *g, const pg_link_vec *links)
{
    projection P = { .g = g };
    int rc = make_nodes(&P) != 0 || read_links(&P, links) != 0 || share_all(&P) != 0 || add_contacts(&P) != 0 ||
                     make_edges(&P) != 0
                 ? -1
                 : 0;
    free(P.node_of);
    free(P.affiliations);
    free(P.memberships.items);
    free(P.table.pairs.items);
    free(P.table.slots);
    free(P.contacts.items);
    free(P.cited.items);
    free(P.mtypes.items);
    free(P.ptypes.items);
    pg_ptrmap_free(&P.rtype_of);
    free(P.names);
    return rc;
}
