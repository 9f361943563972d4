/* write.c - pg_write: one table from format to file name and writer. */
#define _POSIX_C_SOURCE 200809L
#include "write/write.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"

typedef struct writer {
    const char *filename;
    pg_writer_fn *fn;
    pg_checked_writer_fn *checked; /* instead of fn */
} writer;

static const writer writers[PG_FORMAT_COUNT] = {
    [PG_FORMAT_GRAPHML] = { "graph.graphml", pg_write_graphml },
    [PG_FORMAT_DOT] = { "graph.dot", pg_write_dot },
    [PG_FORMAT_NODES_CSV] = { "nodes.csv", pg_write_nodes_csv },
    [PG_FORMAT_EDGES_CSV] = { "edges.csv", pg_write_edges_csv },
    [PG_FORMAT_SUMMARY] = { "summary.json", pg_write_summary },
    [PG_FORMAT_PERIODS] = { "metrics_by_period.csv", pg_write_periods },
    [PG_FORMAT_EGO] = { "ego.json", pg_write_ego_json },
    [PG_FORMAT_EGO_TEXT] = { "ego.txt", pg_write_ego_text },
    [PG_FORMAT_GEXF] = { "graph.gexf", pg_write_gexf },
    [PG_FORMAT_NODELINK] = { "graph.nodelink.json", pg_write_nodelink },
    [PG_FORMAT_NODELINK_EDGES] = { "graph.nodelink.json", pg_write_nodelink_edges },
    [PG_FORMAT_CYTOSCAPE] = { "graph.cyjs", pg_write_cytoscape },
    [PG_FORMAT_HTML] = { "report.html", pg_write_html },
    [PG_FORMAT_SVG] = { "graph.svg", NULL, pg_write_svg },
    [PG_FORMAT_PNG] = { "graph.png", NULL, pg_write_png },
    [PG_FORMAT_PDF] = { "graph.pdf", NULL, pg_write_pdf },
};

const char *pg_format_filename(pg_format f)
{
    return (unsigned)f < PG_FORMAT_COUNT ? writers[f].filename : NULL;
}

int pg_format_available(const pg_graph *g, pg_format f)
{
    if ((unsigned)f >= PG_FORMAT_COUNT || !g->analysed)
        return 0;
    if (f == PG_FORMAT_PERIODS)
        return g->periods != NULL;
    if (f == PG_FORMAT_EGO || f == PG_FORMAT_EGO_TEXT)
        return g->ego >= 0;
    return 1;
}

pg_status pg_write(const pg_graph *g, pg_format f, FILE *out, pg_error *err)
{
    pg_status st;
    if ((unsigned)f >= PG_FORMAT_COUNT)
        return pg_error_set(err, PG_EARG, "unknown output format %d", (int)f);
    if (!pg_format_available(g, f))
        return pg_error_set(err, PG_EARG, "%s cannot be written: %s", writers[f].filename,
                            !g->analysed ? "the graph is not analysed" : "it was not computed for this graph");
    errno = 0;
    if (writers[f].checked != NULL) {
        if ((st = writers[f].checked(g, out, err)) != PG_OK)
            return st;
    } else {
        flockfile(out); /* one lock for the whole file, not one per fputs */
        writers[f].fn(g, out);
        funlockfile(out);
        if (errno == ENOMEM)
            return pg_error_set(err, PG_ENOMEM, "out of memory writing %s", writers[f].filename);
    }
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write %s", writers[f].filename);
    pg_error_clear(err);
    return PG_OK;
}

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

double pg_node_size01(const pg_graph *g, size_t v)
{
    int m = pg_metric_index(g->options.size_by);
    double max = g->max_metric[m], x = VECTOR(g->metric[m])[v];
    return max > 0 && x > 0 ? sqrt(x / max) : 0.0;
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
