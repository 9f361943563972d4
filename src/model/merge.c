/* merge.c - the full view: every entity is a node, and all the links
 * between two entities merge into one edge (weights summed in ascending
 * order, so that the sum does not depend on the input order; distinct
 * types, sources and attribute values joined; earliest and latest date;
 * the days of its relations as spells, overlapping and adjacent ones
 * joined; the weights and counts of its directed relations each way; its
 * relations counted by type).
 *
 * Links are put in pair order by pg_pair_order (counting sorts on the
 * entity indices: O(links + entities), no string compared), and copied
 * out in that order a block at a time, each pair's run sorted by weight. An
 * edge whose links all share a type (or cite one source, or none) keeps
 * the dataset's string rather than a joined copy. The edges' array is
 * reserved for one edge per link, and its pages are made ready on another
 * core ahead of the merging (base/prefault.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/prefault.h"
#include "model/graph.h"

static int by_weight(const void *a, const void *b)
{
    const pg_link *x = a, *y = b;
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
        for (size_t i = 0; l->has_attrs && i < l->r->attrs.count; i++) {
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

/* The links' distinct types, sorted and joined; the one type itself
 * when they all have it. */
static const char *merge_types(pg_graph *g, const pg_link *first, const pg_link *end, pg_str_vec *scratch)
{
    const pg_link *l = first + 1;
    while (l < end && l->type == first->type)
        l++;
    if (l == end)
        return first->type;
    scratch->len = 0;
    for (l = first; l < end; l++)
        if (pg_str_vec_push(scratch, l->type) != 0)
            return NULL;
    return pg_graph_join(g, scratch->items, scratch->len);
}

/* The distinct sources the links' relations cite, sorted and joined; ""
 * for none, the one source itself when only one is cited. */
static const char *merge_sources(pg_graph *g, const pg_link *first, const pg_link *end, pg_str_vec *scratch)
{
    scratch->len = 0;
    for (const pg_link *l = first; l < end; l++)
        for (size_t k = 0; l->cites && k < l->r->sources.count; k++)
            if (pg_str_vec_push(scratch, g->ds->source_refs.items[l->r->sources.first + k]) != 0)
                return NULL;
    if (scratch->len <= 1)
        return scratch->len ? scratch->items[0] : "";
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

static int by_type(const void *a, const void *b)
{
    return strcmp(((const pg_type_count *)a)->type, ((const pg_type_count *)b)->type);
}

/* Appends to g->type_counts the links [first, end) counted by type,
 * sorted by type. */
static int merge_type_counts(pg_graph *g, pg_edge *e, const pg_link *first, const pg_link *end)
{
    if (PG_VEC_RESERVE(g->type_counts, (size_t)(end - first)) != 0)
        return -1;
    pg_type_count *t = g->type_counts.items + g->type_counts.len;
    size_t n = 0;
    for (const pg_link *l = first; l < end; l++) {
        size_t k = 0;
        while (k < n && strcmp(t[k].type, l->type) != 0)
            k++;
        if (k == n)
            t[n++] = (pg_type_count){ l->type, 0 };
        t[k].count++;
    }
    pg_vec_sort(t, n, sizeof *t, by_type);
    e->type_counts = (pg_span){ g->type_counts.len, n };
    g->type_counts.len += n;
    return 0;
}

/* Adds directed link `l` to e's forward (u to v) or backward sums. */
static void add_direction(pg_edge *e, const pg_link *l)
{
    if (l->dir == PG_DIR_NONE)
        return;
    bool forward = (l->dir == PG_DIR_AB) == (l->a == e->u);
    *(forward ? &e->forward_weight : &e->backward_weight) += l->weight;
    (*(forward ? &e->forward : &e->backward))++;
}

static int merge_run(pg_graph *g, const pg_link *first, const pg_link *end, key_text_vec *pairs, pg_str_vec *scratch)
{
    pg_edge e = { .u = first->a, .v = first->b, .first = PG_DATE_NONE, .last = PG_DATE_NONE, .via = "" };
    for (const pg_link *l = first; l < end; l++) {
        e.weight += l->weight; /* ascending order: the sum is order-independent */
        e.count++;
        add_direction(&e, l);
        e.first = pg_date_earliest(e.first, l->first);
        e.last = pg_date_latest(e.last, l->last);
        e.open_start |= !l->dated || l->from_day == PG_OPEN_START;
        e.open_end |= !l->dated || l->to_day == PG_OPEN_END;
    }
    e.types = merge_types(g, first, end, scratch);
    e.sources = merge_sources(g, first, end, scratch);
    if (e.types == NULL || e.sources == NULL || merge_attrs(g, &e, first, end, pairs, scratch) != 0 ||
        merge_spells(g, &e, first, end) != 0 || merge_type_counts(g, &e, first, end) != 0)
        return -1;
    if (PG_VEC_RESERVE(g->edges, 1) != 0)
        return -1;
    g->edges.items[g->edges.len++] = e;
    return 0;
}

/* Links are copied out in pair order this many at a time: the copying
 * loop reads them from all over the links at once, rather than one per
 * merged edge. */
enum { BLOCK = 4096 };

/* The end of the run of links of one pair that begins at `first`. */
static pg_link *run_end(pg_link *first, pg_link *end)
{
    pg_link *l = first + 1;
    while (l < end && l->a == first->a && l->b == first->b)
        l++;
    return l;
}

/* Merges the complete runs at the start of block->items, each sorted by
 * weight first, and moves what is left (the last run when more links
 * may follow, `more`) to the front. Returns 0 or -1. */
static int merge_block(pg_graph *g, pg_link_vec *block, bool more, key_text_vec *pairs, pg_str_vec *scratch)
{
    pg_link *first = block->items, *end = block->items + block->len;
    int rc = 0;
    while (first < end && rc == 0) {
        pg_link *last = run_end(first, end);
        if (last == end && more)
            break;
        pg_vec_sort(first, (size_t)(last - first), sizeof *first, by_weight);
        rc = merge_run(g, first, last, pairs, scratch);
        first = last;
    }
    block->len = (size_t)(end - first);
    memmove(block->items, first, block->len * sizeof *first);
    return rc;
}

/* Merges the links, copied in `order` a block at a time, into g->edges. */
static int merge_all(pg_graph *g, const pg_link_vec *links, const size_t *order)
{
    pg_str_vec scratch = { NULL, 0, 0 };
    key_text_vec pairs = { NULL, 0, 0 };
    pg_link_vec block = { NULL, 0, 0 };
    int rc = PG_VEC_RESERVE(g->edges, links->len); /* at most one edge per link */
    size_t start = g->edges.len;
    pg_prefault room; /* the edges' pages made ready ahead of merge_run */
    pg_prefault_start(&room, rc == 0 ? g->edges.items + start : NULL, links->len * sizeof *g->edges.items);
    for (size_t next = 0; rc == 0 && (next < links->len || block.len > 0);) {
        if (block.len == block.cap && PG_VEC_RESERVE(block, block.cap ? block.cap : BLOCK) != 0)
            rc = -1; /* a run fills the block: twice the room */
        for (; rc == 0 && next < links->len && block.len < block.cap; next++)
            block.items[block.len++] = links->items[order[next]];
        if (rc == 0)
            rc = merge_block(g, &block, next < links->len, &pairs, &scratch);
        pg_prefault_note(&room, (g->edges.len - start) * sizeof *g->edges.items);
    }
    pg_prefault_stop(&room);
    free(scratch.items);
    free(pairs.items);
    free(block.items);
    return rc;
}

int pg_merge_links(pg_graph *g, pg_link_vec *links)
{
    size_t *order = NULL;
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
            l->dir = l->dir == PG_DIR_AB ? PG_DIR_BA : l->dir == PG_DIR_BA ? PG_DIR_AB : PG_DIR_NONE;
        }
    }
    int rc = pg_pair_order(links->items, links->len, sizeof *links->items, offsetof(pg_link, a), offsetof(pg_link, b),
                           g->n, &order);
    if (rc == 0)
        rc = merge_all(g, links, order);
    free(order);
    return rc;
}
