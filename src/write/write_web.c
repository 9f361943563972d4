/* write_web.c - JSON for web tools and NetworkX: node-link data
 * (graph.nodelink.json: what NetworkX's node_link_data writes and D3's
 * force layouts read, the links under "links" or, for NetworkX 3.4 on,
 * "edges") and Cytoscape.js elements (graph.cyjs: what
 * networkx.cytoscape_data writes and Cytoscape.js and Cytoscape read).
 *
 * Rules: nodes and edges carry the fields of graph.graphml under the same
 * names with the same values (the same text: pg_metric_text,
 * pg_node_value, pg_fmt_double); every node has every field and every
 * edge every edge field, null where GraphML has no <data> (an undefined
 * metric, an attribute the entity lacks), so no NaN or Inf is ever
 * written; integer fields are JSON integers and double fields always have
 * a point or an exponent ("3.0"), so typed readers see GraphML's types.
 * Cytoscape adds what its readers need: "value" (the id, NetworkX's node
 * key) and "name" (the label) on nodes, "id" ("SOURCE/TARGET": '/' is
 * never in an entity id, so no edge id can equal a node id) on edges,
 * and "position" with the layout. One node or edge per line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "write/escape.h"
#include "write/fields.h"
#include "write/jsonw.h"
#include "write/write.h"

/* A double as `text` (pg_fmt_double's form), with ".0" added when it
 * would read back as an integer; NULL is null. */
static void real(pg_jsonw *w, const char *text)
{
    char buf[PG_FMT_DOUBLE_SIZE + 2];
    if (text == NULL || strpbrk(text, ".eE") != NULL) {
        if (text)
            pg_jsonw_raw(w, text);
        else
            pg_jsonw_string(w, NULL);
        return;
    }
    size_t n = strlen(text);
    memcpy(buf, text, n);
    memcpy(buf + n, ".0", 3);
    pg_jsonw_raw(w, buf);
}

/* Member `key` with `text` as a value of field type `type`; NULL is null. */
static void member(pg_jsonw *w, const char *key, pg_field_type type, const char *text)
{
    pg_jsonw_key(w, key);
    if (text == NULL || type == PG_FIELD_STRING)
        pg_jsonw_string(w, text);
    else if (type == PG_FIELD_DOUBLE)
        real(w, text);
    else
        pg_jsonw_raw(w, text); /* integers: digits; booleans: true, false */
}

static void member_double(pg_jsonw *w, const char *key, double x)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    member(w, key, PG_FIELD_DOUBLE, pg_fmt_double(x, buf));
}

/* A field walk's callback: every field a member. */
static void field_member(void *w, const pg_field *field)
{
    member(w, field->name, field->type, field->text);
}

/* The graph's own data: title, description, view and provenance. */
static void graph_data(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_open(w, '{', false);
    member(w, "title", PG_FIELD_STRING, g->ds->title[0] ? g->ds->title : NULL);
    member(w, "description", PG_FIELD_STRING, g->ds->description[0] ? g->ds->description : NULL);
    member(w, "view", PG_FIELD_STRING, pg_view_name(g->spec.view));
    member(w, "partygraph", PG_FIELD_STRING, PG_VERSION);
    member(w, "input_sha256", PG_FIELD_STRING, g->ds->sha256);
    pg_jsonw_close(w);
}

/* Starts the document on `f`: {"directed": false, "multigraph": false,
 * graph_key: the graph's data, ... (left open). */
static void open_document(const pg_graph *g, pg_jsonw *w, FILE *f, const char *graph_key)
{
    pg_jsonw_init(w, f);
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "directed");
    pg_jsonw_bool(w, false);
    pg_jsonw_key(w, "multigraph");
    pg_jsonw_bool(w, false);
    pg_jsonw_key(w, graph_key);
    graph_data(g, w);
}

/* Edge e's ends, by entity id (`ids`: their JSON literals). */
static void ends(const pg_graph *g, const pg_node_texts *ids, pg_jsonw *w, size_t e)
{
    pg_edge_ends x = pg_edge_orient(&g->edges.items[e]);
    pg_jsonw_key(w, "source");
    pg_jsonw_raw(w, pg_node_text(ids, (size_t)x.source));
    pg_jsonw_key(w, "target");
    pg_jsonw_raw(w, pg_node_text(ids, (size_t)x.target));
}

/* {"directed": false, "multigraph": false, "graph": {...}, "nodes": [...],
 * links_key: [...]}, as networkx.node_link_data writes it. */
static void nodelink(const pg_graph *g, FILE *f, const char *links_key)
{
    pg_jsonw w;
    pg_node_texts ids;
    if (pg_node_texts_make(g, pg_escape_json, &ids) != 0)
        return; /* errno is ENOMEM */
    open_document(g, &w, f, "graph");
    pg_jsonw_key(&w, "nodes");
    pg_jsonw_open(&w, '[', false);
    for (size_t v = 0; v < g->n; v++) {
        pg_jsonw_open(&w, '{', true);
        member(&w, "id", PG_FIELD_STRING, pg_graph_node_id(g, v));
        pg_node_fields(g, v, field_member, &w);
        pg_jsonw_close(&w);
    }
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, links_key);
    pg_jsonw_open(&w, '[', false);
    for (size_t e = 0; e < g->edges.len; e++) {
        pg_jsonw_open(&w, '{', true);
        ends(g, &ids, &w, e);
        pg_edge_fields(g, e, field_member, &w);
        pg_jsonw_close(&w);
    }
    pg_jsonw_close(&w);
    pg_jsonw_close(&w);
    pg_node_texts_free(&ids);
}

void pg_write_nodelink(const pg_graph *g, FILE *f)
{
    nodelink(g, f, "links");
}

void pg_write_nodelink_edges(const pg_graph *g, FILE *f)
{
    nodelink(g, f, "edges");
}

/* {"data": {"id", "value", "name", ...}, "position": {"x", "y"}}. */
static void cytoscape_node(const pg_graph *g, pg_jsonw *w, size_t v)
{
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "data");
    pg_jsonw_open(w, '{', true);
    member(w, "id", PG_FIELD_STRING, pg_graph_node_id(g, v));
    member(w, "value", PG_FIELD_STRING, pg_graph_node_id(g, v));
    member(w, "name", PG_FIELD_STRING, pg_graph_node_label(g, v));
    pg_node_fields(g, v, field_member, w);
    pg_jsonw_close(w);
    if (g->has_layout) {
        pg_jsonw_key(w, "position");
        pg_jsonw_open(w, '{', true);
        member_double(w, "x", g->x[v]);
        member_double(w, "y", g->y[v]);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
}

/* {"data": {"id": "SOURCE/TARGET", "source", "target", ...}}. */
static void cytoscape_edge(const pg_graph *g, const pg_node_texts *ids, pg_jsonw *w, size_t e)
{
    pg_edge_ends x = pg_edge_orient(&g->edges.items[e]);
    /* the literal of "SOURCE/TARGET": the two ends' literals joined by a
     * '/' (which JSON does not escape), without the quotes in between */
    char id[2 * 200 + 4]; /* entity ids are at most 200 id characters (schema.c) */
    const char *source = pg_node_text(ids, (size_t)x.source), *target = pg_node_text(ids, (size_t)x.target);
    size_t ns = strlen(source) - 1, nt = strlen(target) - 1;
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "data");
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "id");
    if (ns + 1 + nt < sizeof id) {
        memcpy(id, source, ns);
        id[ns] = '/';
        memcpy(id + ns + 1, target + 1, nt + 1);
        pg_jsonw_raw(w, id);
    } else { /* not from a partygraph/1 file: the slow way */
        const char *from = pg_graph_node_id(g, (size_t)x.source), *to = pg_graph_node_id(g, (size_t)x.target);
        char *raw = malloc(strlen(from) + strlen(to) + 2);
        if (raw != NULL)
            sprintf(raw, "%s/%s", from, to);
        else
            errno = ENOMEM;
        pg_jsonw_string(w, raw);
        free(raw);
    }
    ends(g, ids, w, e);
    pg_edge_fields(g, e, field_member, w);
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

void pg_write_cytoscape(const pg_graph *g, FILE *f)
{
    pg_jsonw w;
    pg_node_texts ids;
    if (pg_node_texts_make(g, pg_escape_json, &ids) != 0)
        return; /* errno is ENOMEM */
    open_document(g, &w, f, "data");
    pg_jsonw_key(&w, "elements");
    pg_jsonw_open(&w, '{', false);
    pg_jsonw_key(&w, "nodes");
    pg_jsonw_open(&w, '[', false);
    for (size_t v = 0; v < g->n; v++)
        cytoscape_node(g, &w, v);
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "edges");
    pg_jsonw_open(&w, '[', false);
    for (size_t e = 0; e < g->edges.len; e++)
        cytoscape_edge(g, &ids, &w, e);
    pg_jsonw_close(&w);
    pg_jsonw_close(&w);
    pg_jsonw_close(&w);
    pg_node_texts_free(&ids);
}
