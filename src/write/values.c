/* values.c - see values.h. */
#define _POSIX_C_SOURCE 200809L
#include "write/values.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "render/picture.h"

int pg_node_texts_make(const pg_graph *g, void (*escape)(FILE *f, const char *s), pg_node_texts *t)
{
    size_t size = 0;
    FILE *mem = open_memstream(&t->text, &size);
    t->start = malloc((g->n + 1) * sizeof *t->start);
    int failed = mem == NULL || t->start == NULL;
    for (size_t v = 0; v < g->n && !failed; v++) {
        long at = ftell(mem);
        t->start[v] = (size_t)at;
        escape(mem, pg_graph_node_id(g, v));
        failed = putc('\0', mem) == EOF || at < 0;
    }
    failed |= mem != NULL && fclose(mem) != 0;
    if (mem == NULL)
        t->text = NULL;
    if (failed) {
        pg_node_texts_free(t);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

const char *pg_node_text(const pg_node_texts *t, size_t v)
{
    return t->text + t->start[v];
}

void pg_node_texts_free(pg_node_texts *t)
{
    free(t->text);
    free(t->start);
    *t = (pg_node_texts){ NULL, NULL };
}

const char *pg_metric_text(const pg_graph *g, int m, size_t v, char buf[32])
{
    double x = VECTOR(g->metric[m])[v];
    if (!isfinite(x))
        return NULL;
    if (pg_metric_table()[m].integer) {
        return pg_fmt_long((long)x, buf);
    }
    return pg_fmt_double(x, buf);
}

static int by_attr_key(const void *key, const void *attr)
{
    return strcmp(key, ((const pg_attr *)attr)->key);
}

/* The attribute `key` among `count` attributes sorted by key, or NULL. */
static const pg_attr *find_attr(const pg_attr *attrs, size_t count, const char *key)
{
    return count ? bsearch(key, attrs, count, sizeof *attrs, by_attr_key) : NULL;
}

/* The first attribute of `span` in `items`; `items` itself for an empty
 * span, since `items` may then be NULL, and NULL + 0 is undefined. */
static const pg_attr *span_first(const pg_attr *items, pg_span span)
{
    return span.count > 0 ? items + span.first : items;
}

/* Attribute a as text in column c (see pg_node_value). */
static const char *attr_text(const pg_attr *a, const pg_column *c, char buf[32])
{
    switch (a->type) {
    case PG_VALUE_STRING: return a->v.s;
    case PG_VALUE_BOOL: return a->v.b ? "true" : "false";
    case PG_VALUE_NUMBER:
        if (c->type == PG_COL_LONG) {
            snprintf(buf, 32, "%.0f", a->v.d); /* exact: |x| < 2^53 */
            return buf;
        }
        return pg_fmt_double(a->v.d, buf);
    }
    return NULL;
}

const char *pg_node_value(const pg_graph *g, size_t v, const pg_column *c, char buf[32])
{
    pg_span span = pg_node_entity(g, v)->attrs;
    const pg_attr *a = find_attr(span_first(g->ds->attrs.items, span), span.count, c->key);
    return a ? attr_text(a, c, buf) : NULL;
}

pg_attr_cursor pg_node_attrs(const pg_graph *g, size_t v)
{
    pg_span span = pg_node_entity(g, v)->attrs;
    const pg_attr *first = span_first(g->ds->attrs.items, span);
    return (pg_attr_cursor){ first, span.count > 0 ? first + span.count : first };
}

/* Whether attribute key a sorts before column key c (keys are interned:
 * the same key is mostly the same pointer). */
static bool key_before(const char *a, const char *c)
{
    return a != c && strcmp(a, c) < 0;
}

const char *pg_node_value_next(pg_attr_cursor *cur, const pg_column *c, char buf[32])
{
    while (cur->next < cur->end && key_before(cur->next->key, c->key))
        cur->next++;
    if (cur->next == cur->end || (cur->next->key != c->key && strcmp(cur->next->key, c->key) != 0))
        return NULL;
    return attr_text(cur->next++, c, buf);
}

const char *pg_edge_value(const pg_graph *g, size_t e, const pg_column *c)
{
    pg_span span = g->edges.items[e].attrs;
    const pg_attr *a = find_attr(span_first(g->edge_attrs.items, span), span.count, c->key);
    return a ? a->v.s : NULL;
}

double pg_node_size(const pg_graph *g, size_t v)
{
    return PG_NODE_SIZE_MIN + (PG_NODE_SIZE_MAX - PG_NODE_SIZE_MIN) * pg_node_size01(g, v);
}

bool pg_graph_projected(const pg_graph *g)
{
    return g->spec.view != PG_VIEW_FULL;
}

void pg_write_provenance(const pg_graph *g, FILE *f)
{
    fprintf(f, "partygraph %s, %s view, input sha256 %s", PG_VERSION, pg_view_name(g->spec.view), g->ds->sha256);
}
