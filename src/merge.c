/* merge.c - the full view: every entity is a node, and all the links
 * between two entities merge into one edge (weights summed in ascending
 * order, so that the sum does not depend on the input order; distinct
 * types, sources and attribute values joined; earliest and latest date;
 * the days of its relations as spells, overlapping and adjacent ones
 * joined). */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "graph.h"

/* Orders links by pair (a < b after pg_merge_links swaps them), then by
 * weight. */
static int by_pair_weight(const void *a, const void *b)
{
    const pg_link *x = a, *y = b;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return (x->weight > y->weight) - (x->weight < y->weight);
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
static int gather_attrs(pg_graph *g, const pg_link *first, const pg_link *end, key_text_vec *pairs)
{
    pairs->len = 0;
    for (const pg_link *l = first; l < end; l++) {
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
static int merge_attrs(pg_graph *g, pg_edge *e, const pg_link *first, const pg_link *end, key_text_vec *pairs,
                       pg_str_vec *scratch)
{
    if (gather_attrs(g, first, end, pairs) != 0)
        return -1;
    e->attrs.first = g->edge_attrs.len;
    for (size_t i = 0, j; i < pairs->len; i = j) {
        scratch->len = 0;
        for (j = i; j < pairs->len && strcmp(pairs->items[j].key, pairs->items[i].key) == 0; j++)
            if (pg_str_vec_push(scratch, pairs->items[j].text) != 0)
                return -1;
        const char *joined = pg_graph_join(g, scratch->items, scratch->len);
        if (joined == NULL || PG_VEC_RESERVE(g->edge_attrs, 1) != 0)
            return -1;
        g->edge_attrs.items[g->edge_attrs.len++] = (pg_attr){ pairs->items[i].key, PG_VALUE_STRING, { .s = joined } };
    }
    e->attrs.count = g->edge_attrs.len - e->attrs.first;
    return 0;
}

static const char *merge_types(pg_graph *g, const pg_link *first, const pg_link *end, pg_str_vec *scratch)
{
    scratch->len = 0;
    for (const pg_link *l = first; l < end; l++)
        if (pg_str_vec_push(scratch, l->type) != 0)
            return NULL;
    return pg_graph_join(g, scratch->items, scratch->len);
}

static const char *merge_sources(pg_graph *g, const pg_link *first, const pg_link *end, pg_str_vec *scratch)
{
    scratch->len = 0;
    for (const pg_link *l = first; l < end; l++)
        for (size_t k = 0; l->r && k < l->r->sources.count; k++)
            if (pg_str_vec_push(scratch, g->ds->source_refs.items[l->r->sources.first + k]) != 0)
                return NULL;
    return pg_graph_join(g, scratch->items, scratch->len);
}

static int by_from_day(const void *a, const void *b)
{
    const pg_spell *x = a, *y = b;
    if (x->from_day != y->from_day)
        return x->from_day < y->from_day ? -1 : 1;
    return (x->to_day > y->to_day) - (x->to_day < y->to_day);
}

/* The day after `day` (YYYYMMDD, not PG_OPEN_END). */
static long next_day(long day)
{
    pg_date month = { (short)(day / 10000), (unsigned char)(day / 100 % 100), 0 };
    if (day < pg_date_last_day(month))
        return day + 1;
    return month.month < 12 ? day / 10000 * 10000 + (month.month + 1) * 100 + 1 : (day / 10000 + 1) * 10000 + 101;
}

/* Appends to g->spells the days of links [first, end), sorted by start,
 * overlapping and adjacent ones joined; an undated link covers all days. */
static int merge_spells(pg_graph *g, pg_edge *e, const pg_link *first, const pg_link *end)
{
    if (PG_VEC_RESERVE(g->spells, (size_t)(end - first)) != 0)
        return -1;
    pg_spell *s = g->spells.items + g->spells.len;
    size_t n = 0;
    for (const pg_link *l = first; l < end; l++)
        s[n++] = l->dated ? (pg_spell){ l->from_day, l->to_day } : (pg_spell){ PG_OPEN_START, PG_OPEN_END };
    pg_vec_sort(s, n, sizeof *s, by_from_day);
    size_t kept = 1;
    for (size_t i = 1; i < n; i++) {
        pg_spell *last = &s[kept - 1];
        if (last->to_day == PG_OPEN_END || s[i].from_day <= next_day(last->to_day))
            last->to_day = s[i].to_day > last->to_day ? s[i].to_day : last->to_day;
        else
            s[kept++] = s[i];
    }
    e->spells = (pg_span){ g->spells.len, kept };
    g->spells.len += kept;
    return 0;
}

static int merge_run(pg_graph *g, const pg_link *first, const pg_link *end, key_text_vec *pairs, pg_str_vec *scratch)
{
    pg_edge e = { first->a, first->b, 0, 0, NULL, NULL, PG_DATE_NONE, PG_DATE_NONE, { 0, 0 }, 0, "", false, false,
                  { 0, 0 } };
    for (const pg_link *l = first; l < end; l++) {
        e.weight += l->weight; /* ascending order: the sum is order-independent */
        e.count++;
        e.first = pg_date_earliest(e.first, l->first);
        e.last = pg_date_latest(e.last, l->last);
        e.open_start |= !l->dated || l->from_day == PG_OPEN_START;
        e.open_end |= !l->dated || l->to_day == PG_OPEN_END;
    }
    e.types = merge_types(g, first, end, scratch);
    e.sources = merge_sources(g, first, end, scratch);
    if (e.types == NULL || e.sources == NULL || merge_attrs(g, &e, first, end, pairs, scratch) != 0 ||
        merge_spells(g, &e, first, end) != 0)
        return -1;
    if (PG_VEC_RESERVE(g->edges, 1) != 0)
        return -1;
    g->edges.items[g->edges.len++] = e;
    return 0;
}

static int merge_all(pg_graph *g, pg_link_vec *links)
{
    pg_str_vec scratch = { NULL, 0, 0 };
    key_text_vec pairs = { NULL, 0, 0 };
    int rc = 0;
    pg_vec_sort(links->items, links->len, sizeof *links->items, by_pair_weight);
    for (size_t i = 0, j; i < links->len && rc == 0; i = j) {
        for (j = i + 1; j < links->len && links->items[j].a == links->items[i].a &&
                        links->items[j].b == links->items[i].b;)
            j++;
        rc = merge_run(g, links->items + i, links->items + j, &pairs, &scratch);
    }
    free(scratch.items);
    free(pairs.items);
    return rc;
}

int pg_merge_links(pg_graph *g, pg_link_vec *links)
{
    g->n = g->ds->entities.len;
    g->entity = malloc((g->n ? g->n : 1) * sizeof *g->entity);
    if (g->entity == NULL)
        return -1;
    for (size_t v = 0; v < g->n; v++)
        g->entity[v] = (long)v;
    for (size_t i = 0; i < links->len; i++) {
        pg_link *l = &links->items[i];
        if (l->a > l->b) {
            long t = l->a;
            l->a = l->b;
            l->b = t;
        }
    }
    return merge_all(g, links);
}
