/* write_graphml.c - GraphML for Gephi, NetworkX and igraph: one typed key
 * per attribute, declared for nodes and edges separately; Gephi's visual
 * keys r, g, b (community colour), size (by options.size_by) and x, y
 * (the layout, when one was computed). Valid against
 * the GraphML 1.1 XSD; undefined values have no <data>. */
#include <string.h>

#include "base/fmt.h"
#include "write/escape.h"
#include "write/fields.h"
#include "write/write.h"

static const char *const type_names[] = {
    [PG_FIELD_STRING] = "string", [PG_FIELD_INT] = "int", [PG_FIELD_LONG] = "long",
    [PG_FIELD_DOUBLE] = "double", [PG_FIELD_BOOL] = "boolean",
};

/* Where a field walk writes: the stream and the key prefix ('v', 'e'). */
typedef struct sink {
    FILE *f;
    char prefix;
} sink;

static void key(FILE *f, char prefix, const char *name, const char *type)
{
    fprintf(f, "  <key id=\"%c_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", prefix, name,
            prefix == 'v' ? "node" : prefix == 'e' ? "edge" : "graph", name, type);
}

static void field_key(void *ctx, const pg_field *field)
{
    const sink *s = ctx;
    key(s->f, s->prefix, field->name, type_names[field->type]);
}

static char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* <data key="P_NAME">VALUE</data>: built whole and written at once when
 * VALUE needs no escaping (most values), piece by piece otherwise. */
static void data(FILE *f, char prefix, const char *name, const char *value)
{
    char line[256];
    if (value == NULL)
        return;
    size_t n = strlen(name), m = pg_escape_xml_plain(value);
    if (value[m] == '\0' && n + m < sizeof line - 40) {
        char *p = put(line, "      <data key=\"", 17);
        *p++ = prefix;
        *p++ = '_';
        p = put(p, name, n);
        p = put(p, "\">", 2);
        p = put(p, value, m);
        p = put(p, "</data>\n", 8);
        fwrite(line, 1, (size_t)(p - line), f);
        return;
    }
    fputs(prefix == 'v' ? "      <data key=\"v_" : prefix == 'e' ? "      <data key=\"e_" : "      <data key=\"g_", f);
    fputs(name, f);
    fputs("\">", f);
    pg_escape_xml(f, value);
    fputs("</data>\n", f);
}

static void field_data(void *ctx, const pg_field *field)
{
    const sink *s = ctx;
    data(s->f, s->prefix, field->name, field->text);
}

static void keys(const pg_graph *g, FILE *f)
{
    sink nodes = { f, 'v' }, edges = { f, 'e' };
    key(f, 'g', "title", "string");
    key(f, 'g', "description", "string");
    key(f, 'g', "view", "string");
    pg_node_fields(g, PG_FIELDS_SCHEMA, field_key, &nodes);
    pg_edge_fields(g, PG_FIELDS_SCHEMA, field_key, &edges);
}

static void node(const pg_graph *g, const pg_node_texts *ids, FILE *f, size_t v)
{
    sink s = { f, 'v' };
    fputs("    <node id=\"", f);
    fputs(pg_node_text(ids, v), f);
    fputs("\">\n", f);
    pg_node_fields(g, v, field_data, &s);
    fputs("    </node>\n", f);
}

static void edge(const pg_graph *g, const pg_node_texts *ids, FILE *f, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    sink s = { f, 'e' };
    pg_edge_ends ends = pg_edge_orient(x);
    fputs("    <edge source=\"", f);
    fputs(pg_node_text(ids, (size_t)ends.source), f);
    fputs("\" target=\"", f);
    fputs(pg_node_text(ids, (size_t)ends.target), f);
    fputs("\">\n", f);
    pg_edge_fields(g, e, field_data, &s);
    fputs("    </edge>\n", f);
}

void pg_write_graphml(const pg_graph *g, FILE *f)
{
    pg_node_texts ids;
    if (pg_node_texts_make(g, pg_escape_xml, &ids) != 0)
        return; /* errno is ENOMEM */
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ", f);
    pg_write_provenance(g, f);
    fputs(" -->\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", f);
    keys(g, f);
    fputs("  <graph id=\"G\" edgedefault=\"undirected\">\n", f);
    if (g->ds->title[0])
        data(f, 'g', "title", g->ds->title);
    if (g->ds->description[0])
        data(f, 'g', "description", g->ds->description);
    data(f, 'g', "view", pg_view_name(g->spec.view));
    for (size_t v = 0; v < g->n; v++)
        node(g, &ids, f, v);
    for (size_t e = 0; e < g->edges.len; e++)
        edge(g, &ids, f, e);
    fputs("  </graph>\n</graphml>\n", f);
    pg_node_texts_free(&ids);
}
