/* graph.c - building the merged "full" view of a dataset: every relation,
 * explicit or implied by an entity field, becomes a link; links between
 * the same pair merge into one edge. Then the igraph graph is created. */
#include "graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fmt.h"
#include "igraph_glue.h"

/* A relation on its way into an edge. */
typedef struct link {
    long u, v;            /* u < v */
    double weight;
    const char *type;
    pg_date first, last;
    const pg_relation *r; /* NULL when implied by an entity field */
} link;

static int by_pair_weight(const void *a, const void *b)
{
    const link *x = a, *y = b;
    if (x->u != y->u)
        return x->u < y->u ? -1 : 1;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->weight > y->weight) - (x->weight < y->weight);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- collecting links ------------------------------------------------ */

typedef PG_VEC(link) link_vec;

static int push_link(pg_graph *g, link_vec *links, long a, long b, link l)
{
    if (a == b) {
        g->self_loops++;
        return 0;
    }
    l.u = a < b ? a : b;
    l.v = a < b ? b : a;
    if (PG_VEC_RESERVE(*links, 1) != 0)
        return -1;
    links->items[links->len++] = l;
    return 0;
}

/* The dates of an undated relation that touches a dated event are the
 * event's (an attendance happens when the event does). */
static void relation_dates(const pg_dataset *ds, const pg_relation *r, pg_date *first, pg_date *last)
{
    *first = r->date;
    *last = pg_date_is_set(r->end) ? r->end : r->date;
    if (pg_date_is_set(r->date))
        return;
    const pg_entity *ends[2] = { &ds->entities.items[r->source], &ds->entities.items[r->target] };
    for (int k = 0; k < 2; k++) {
        if (ends[k]->kind == PG_KIND_EVENT && pg_date_is_set(ends[k]->date)) {
            *first = ends[k]->date;
            *last = pg_date_is_set(ends[k]->end) ? ends[k]->end : ends[k]->date;
            return;
        }
    }
}

/* Explicit relations, then the relations implied by entity fields. */
static int collect_links(pg_graph *g, link_vec *links)
{
    const pg_dataset *ds = g->ds;
    for (size_t i = 0; i < ds->relations.len; i++) {
        const pg_relation *r = &ds->relations.items[i];
        link l = { 0, 0, r->weight, r->type, PG_DATE_NONE, PG_DATE_NONE, r };
        relation_dates(ds, r, &l.first, &l.last);
        if (push_link(g, links, r->source, r->target, l) != 0)
            return -1;
        g->explicit_relations++;
    }
    for (size_t i = 0; i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        pg_date last = pg_date_is_set(e->end) ? e->end : e->date;
        for (int k = 0; k < e->nrefs; k++) {
            link l = { 0, 0, 1.0, e->refs[k].relation, e->date, last, NULL };
            if (push_link(g, links, (long)i, e->refs[k].target, l) != 0)
                return -1;
            g->implied_relations++;
        }
    }
    return 0;
}

/* ---- merging a run of links into one edge --------------------------- */

/* Joins the distinct strings of `items` (sorted here) with ';'. */
static const char *join_distinct(pg_graph *g, const char **items, size_t n)
{
    pg_vec_sort(items, n, sizeof *items, by_text);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += strlen(items[i]) + 1;
    char *s = pg_arena_alloc(&g->arena, total), *p = s;
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(items[i], items[i - 1]) == 0)
            continue;
        if (p != s)
            *p++ = ';';
        size_t len = strlen(items[i]);
        memcpy(p, items[i], len);
        p += len;
    }
    *p = '\0';
    return s;
}

/* Scratch space for one merge: a list of string pointers. */
typedef PG_VEC(const char *) str_vec;

static int push_str(str_vec *v, const char *s)
{
    if (PG_VEC_RESERVE(*v, 1) != 0)
        return -1;
    v->items[v->len++] = s;
    return 0;
}

/* Text of a relation attribute value, copied into the graph's arena. */
static const char *attr_text(pg_graph *g, const pg_attr *a)
{
    char num[PG_FMT_DOUBLE_SIZE];
    switch (a->type) {
    case PG_VALUE_STRING: return a->v.s;
    case PG_VALUE_BOOL: return a->v.b ? "true" : "false";
    case PG_VALUE_NUMBER: return pg_arena_strdup(&g->arena, pg_fmt_double(a->v.d, num));
    }
    return "";
}

/* A (key, value text) pair on its way into a merged edge attribute. */
typedef struct key_text {
    const char *key;
    const char *text;
} key_text;

typedef PG_VEC(key_text) key_text_vec;

static int by_key_text(const void *a, const void *b)
{
    const key_text *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->text, y->text);
}

/* Every attribute of the relations behind links [first, end). */
static int gather_attrs(pg_graph *g, const link *first, const link *end, key_text_vec *pairs)
{
    pairs->len = 0;
    for (const link *l = first; l < end; l++) {
        for (size_t i = 0; l->r && i < l->r->attrs.count; i++) {
            const pg_attr *a = &g->ds->attrs.items[l->r->attrs.first + i];
            const char *text = attr_text(g, a);
            if (text == NULL || PG_VEC_RESERVE(*pairs, 1) != 0)
                return -1;
            pairs->items[pairs->len++] = (key_text){ a->key, text };
        }
    }
    pg_vec_sort(pairs->items, pairs->len, sizeof *pairs->items, by_key_text);
    return 0;
}

/* The merged attributes of an edge, sorted by key: for each key its
 * distinct values, sorted, ';'-joined. */
static int merge_attrs(pg_graph *g, pg_edge *e, const link *first, const link *end, key_text_vec *pairs,
                       str_vec *scratch)
{
    if (gather_attrs(g, first, end, pairs) != 0)
        return -1;
    e->attrs.first = g->edge_attrs.len;
    for (size_t i = 0, j; i < pairs->len; i = j) {
        scratch->len = 0;
        for (j = i; j < pairs->len && strcmp(pairs->items[j].key, pairs->items[i].key) == 0; j++)
            if (push_str(scratch, pairs->items[j].text) != 0)
                return -1;
        const char *joined = join_distinct(g, scratch->items, scratch->len);
        if (joined == NULL || PG_VEC_RESERVE(g->edge_attrs, 1) != 0)
            return -1;
        g->edge_attrs.items[g->edge_attrs.len++] = (pg_attr){ pairs->items[i].key, PG_VALUE_STRING, { .s = joined } };
    }
    e->attrs.count = g->edge_attrs.len - e->attrs.first;
    return 0;
}

static const char *merge_types(pg_graph *g, const link *first, const link *end, str_vec *scratch)
{
    scratch->len = 0;
    for (const link *l = first; l < end; l++)
        if (push_str(scratch, l->type) != 0)
            return NULL;
    return join_distinct(g, scratch->items, scratch->len);
}

static const char *merge_sources(pg_graph *g, const link *first, const link *end, str_vec *scratch)
{
    scratch->len = 0;
    for (const link *l = first; l < end; l++)
        for (size_t k = 0; l->r && k < l->r->sources.count; k++)
            if (push_str(scratch, g->ds->source_refs.items[l->r->sources.first + k]) != 0)
                return NULL;
    return join_distinct(g, scratch->items, scratch->len);
}

static int merge_run(pg_graph *g, const link *first, const link *end, key_text_vec *pairs, str_vec *scratch)
{
    pg_edge e = { first->u, first->v, 0, 0, NULL, NULL, PG_DATE_NONE, PG_DATE_NONE, { 0, 0 } };
    for (const link *l = first; l < end; l++) {
        e.weight += l->weight; /* ascending order: the sum is order-independent */
        e.count++;
        e.first = pg_date_earliest(e.first, l->first);
        e.last = pg_date_latest(e.last, l->last);
    }
    e.types = merge_types(g, first, end, scratch);
    e.sources = merge_sources(g, first, end, scratch);
    if (e.types == NULL || e.sources == NULL || merge_attrs(g, &e, first, end, pairs, scratch) != 0)
        return -1;
    if (PG_VEC_RESERVE(g->edges, 1) != 0)
        return -1;
    g->edges.items[g->edges.len++] = e;
    return 0;
}

static int merge_links(pg_graph *g, link_vec *links)
{
    str_vec scratch = { NULL, 0, 0 };
    key_text_vec pairs = { NULL, 0, 0 };
    int rc = 0;
    pg_vec_sort(links->items, links->len, sizeof *links->items, by_pair_weight);
    for (size_t i = 0, j; i < links->len && rc == 0; i = j) {
        for (j = i + 1; j < links->len && links->items[j].u == links->items[i].u &&
                        links->items[j].v == links->items[i].v;)
            j++;
        rc = merge_run(g, links->items + i, links->items + j, &pairs, &scratch);
    }
    free(scratch.items);
    free(pairs.items);
    return rc;
}

/* ---- relation type counts ------------------------------------------- */

static int count_types(pg_graph *g, const link_vec *links)
{
    str_vec all = { NULL, 0, 0 };
    int rc = 0;
    for (size_t i = 0; i < links->len && rc == 0; i++)
        rc = push_str(&all, links->items[i].type);
    if (rc == 0)
        pg_vec_sort(all.items, all.len, sizeof *all.items, by_text);
    for (size_t i = 0; i < all.len && rc == 0; i++) {
        if (i > 0 && strcmp(all.items[i], all.items[i - 1]) == 0) {
            g->types.items[g->types.len - 1].count++;
            continue;
        }
        rc = PG_VEC_RESERVE(g->types, 1);
        if (rc == 0)
            g->types.items[g->types.len++] = (pg_type_count){ all.items[i], 1 };
    }
    free(all.items);
    return rc;
}

/* ---- columns ------------------------------------------------------ */

static int by_column_key(const void *a, const void *b)
{
    return strcmp(((const pg_column *)a)->key, ((const pg_column *)b)->key);
}

/* The type of the column that holds exactly this value. */
static pg_column_type column_type(const pg_attr *a)
{
    if (a->type == PG_VALUE_BOOL)
        return PG_COL_BOOL;
    if (a->type == PG_VALUE_STRING)
        return PG_COL_STRING;
    return a->v.d == floor(a->v.d) && fabs(a->v.d) < 9007199254740992.0 ? PG_COL_LONG : PG_COL_DOUBLE;
}

/* The narrowest column type that holds values of types `a` and `b`. */
static pg_column_type widen(pg_column_type a, pg_column_type b)
{
    if (a == b)
        return a;
    if ((a == PG_COL_LONG && b == PG_COL_DOUBLE) || (a == PG_COL_DOUBLE && b == PG_COL_LONG))
        return PG_COL_DOUBLE;
    return PG_COL_STRING;
}

/* Adds one column per attribute in `span` (duplicates merged later). */
static int add_columns(const pg_graph *g, pg_column_vec *cols, pg_span span)
{
    if (PG_VEC_RESERVE(*cols, span.count) != 0)
        return -1;
    for (size_t i = span.first; i < span.first + span.count; i++)
        cols->items[cols->len++] = (pg_column){ g->ds->attrs.items[i].key, column_type(&g->ds->attrs.items[i]) };
    return 0;
}

/* Sorts the columns and merges those with the same key, widening types. */
static void unique_columns(pg_column_vec *cols)
{
    pg_vec_sort(cols->items, cols->len, sizeof *cols->items, by_column_key);
    size_t out = 0;
    for (size_t i = 0; i < cols->len; i++) {
        if (out > 0 && cols->items[out - 1].key == cols->items[i].key)
            cols->items[out - 1].type = widen(cols->items[out - 1].type, cols->items[i].type);
        else
            cols->items[out++] = cols->items[i];
    }
    cols->len = out;
}

static int find_columns(pg_graph *g)
{
    const pg_dataset *ds = g->ds;
    for (size_t i = 0; i < ds->entities.len; i++)
        if (add_columns(g, &g->node_columns, ds->entities.items[i].attrs) != 0)
            return -1;
    for (size_t i = 0; i < ds->relations.len; i++)
        if (add_columns(g, &g->edge_columns, ds->relations.items[i].attrs) != 0)
            return -1;
    unique_columns(&g->node_columns);
    unique_columns(&g->edge_columns);
    for (size_t c = 0; c < g->edge_columns.len; c++)
        g->edge_columns.items[c].type = PG_COL_STRING; /* merged values are text */
    return 0;
}

/* ---- igraph --------------------------------------------------------- */

static igraph_error_t create_igraph(pg_graph *g)
{
    igraph_vector_int_t ends;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 2 * (igraph_integer_t)g->edges.len);
    IGRAPH_CHECK(igraph_vector_init(&g->weights, (igraph_integer_t)g->edges.len));
    IGRAPH_FINALLY(igraph_vector_destroy, &g->weights);
    for (size_t e = 0; e < g->edges.len; e++) {
        VECTOR(ends)[2 * e] = g->edges.items[e].u;
        VECTOR(ends)[2 * e + 1] = g->edges.items[e].v;
        VECTOR(g->weights)[e] = g->edges.items[e].weight;
    }
    IGRAPH_CHECK(igraph_create(&g->ig, &ends, (igraph_integer_t)g->n, IGRAPH_UNDIRECTED));
    igraph_vector_int_destroy(&ends);
    IGRAPH_FINALLY_CLEAN(2); /* the graph owns the weights now */
    g->has_ig = true;
    return IGRAPH_SUCCESS;
}

/* ---- public ------------------------------------------------------- */

pg_graph *pg_graph_build(const pg_dataset *ds, pg_error *err)
{
    link_vec links = { NULL, 0, 0 };
    pg_igraph_scope scope;
    pg_graph *g = calloc(1, sizeof *g);
    if (g == NULL)
        goto oom;
    g->ds = ds;
    g->n = ds->entities.len;
    if (collect_links(g, &links) != 0 || find_columns(g) != 0 || count_types(g, &links) != 0 ||
        merge_links(g, &links) != 0)
        goto oom;
    pg_igraph_enter(&scope);
    igraph_error_t rc = create_igraph(g);
    pg_igraph_leave(&scope);
    if (rc != IGRAPH_SUCCESS) {
        pg_igraph_status(rc, "building the igraph graph", err);
        goto fail;
    }
    free(links.items);
    pg_error_clear(err);
    return g;
oom:
    pg_error_set(err, PG_ENOMEM, "out of memory building the graph");
fail:
    free(links.items);
    pg_graph_free(g);
    return NULL;
}

void pg_graph_clear_results(pg_graph *g)
{
    if (g->analysed)
        for (int i = 0; i < PG_METRIC_COUNT; i++)
            igraph_vector_destroy(&g->metric[i]);
    igraph_free(g->community);
    igraph_free(g->community_size);
    g->community = NULL;
    g->community_size = NULL;
    g->analysed = false;
}

void pg_graph_free(pg_graph *g)
{
    if (g == NULL)
        return;
    pg_graph_clear_results(g);
    if (g->has_ig) {
        igraph_destroy(&g->ig);
        igraph_vector_destroy(&g->weights);
    }
    free(g->edges.items);
    free(g->edge_attrs.items);
    free(g->types.items);
    free(g->node_columns.items);
    free(g->edge_columns.items);
    pg_arena_free(&g->arena);
    free(g);
}
