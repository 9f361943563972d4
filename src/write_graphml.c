/* write_graphml.c - GraphML for Gephi, NetworkX and igraph: one typed key
 * per attribute, declared for nodes and edges separately; Gephi's visual
 * keys r, g, b (community colour), size (by options.size_by) and x, y
 * (the layout, when one was computed). Valid against
 * the GraphML 1.1 XSD; undefined values have no <data>. */
#include <string.h>

#include "date.h"
#include "escape.h"
#include "fmt.h"
#include "palette.h"
#include "write.h"

static const char *const type_names[] = {
    [PG_COL_STRING] = "string", [PG_COL_LONG] = "long", [PG_COL_DOUBLE] = "double", [PG_COL_BOOL] = "boolean",
};

static void key(FILE *f, const char *for_, const char *name, const char *type)
{
    fprintf(f, "  <key id=\"%c_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
            for_[0] == 'n' ? 'v' : for_[0], name, for_, name, type);
}

static void data(FILE *f, char prefix, const char *name, const char *value)
{
    if (value == NULL)
        return;
    fprintf(f, "      <data key=\"%c_%s\">", prefix, name);
    pg_escape_xml(f, value);
    fputs("</data>\n", f);
}

static void keys(const pg_graph *g, FILE *f)
{
    key(f, "graph", "title", "string");
    key(f, "graph", "description", "string");
    key(f, "graph", "view", "string");
    key(f, "node", "label", "string");
    key(f, "node", "kind", "string");
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        key(f, "node", pg_metric_table()[m].name, pg_metric_table()[m].integer ? "int" : "double");
    key(f, "node", "r", "int");
    key(f, "node", "g", "int");
    key(f, "node", "b", "int");
    key(f, "node", "size", "double");
    if (g->has_layout) {
        key(f, "node", "x", "double");
        key(f, "node", "y", "double");
    }
    for (size_t c = 0; c < g->node_columns.len; c++)
        key(f, "node", g->node_columns.items[c].key, type_names[g->node_columns.items[c].type]);
    key(f, "edge", "weight", "double");
    key(f, "edge", "count", "int");
    key(f, "edge", "types", "string");
    key(f, "edge", "first", "string");
    key(f, "edge", "last", "string");
    key(f, "edge", "sources", "string");
    if (pg_graph_projected(g)) {
        key(f, "edge", "shared", "int");
        key(f, "edge", "via", "string");
    }
    for (size_t c = 0; c < g->edge_columns.len; c++)
        key(f, "edge", g->edge_columns.items[c].key, "string");
}

static void node(const pg_graph *g, FILE *f, size_t v)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    fputs("    <node id=\"", f);
    pg_escape_xml(f, pg_graph_node_id(g, v));
    fputs("\">\n", f);
    data(f, 'v', "label", pg_graph_node_label(g, v));
    data(f, 'v', "kind", pg_kind_name(pg_graph_node_kind(g, v)));
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        data(f, 'v', pg_metric_table()[m].name, pg_metric_text(g, m, v, buf));
    pg_rgb rgb = pg_palette_rgb(g->community[v]);
    fprintf(f, "      <data key=\"v_r\">%d</data>\n      <data key=\"v_g\">%d</data>\n"
               "      <data key=\"v_b\">%d</data>\n", rgb.r, rgb.g, rgb.b);
    data(f, 'v', "size", pg_fmt_double(pg_node_size(g, v), buf));
    if (g->has_layout) {
        data(f, 'v', "x", pg_fmt_double(g->x[v], buf));
        data(f, 'v', "y", pg_fmt_double(g->y[v], buf));
    }
    for (size_t c = 0; c < g->node_columns.len; c++) {
        const pg_column *col = &g->node_columns.items[c];
        data(f, 'v', col->key, pg_node_value(g, v, col, buf));
    }
    fputs("    </node>\n", f);
}

static void edge(const pg_graph *g, FILE *f, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    char buf[PG_FMT_DOUBLE_SIZE], first[16], last[16];
    fputs("    <edge source=\"", f);
    pg_escape_xml(f, pg_graph_node_id(g, (size_t)x->u));
    fputs("\" target=\"", f);
    pg_escape_xml(f, pg_graph_node_id(g, (size_t)x->v));
    fputs("\">\n", f);
    data(f, 'e', "weight", pg_fmt_double(x->weight, buf));
    fprintf(f, "      <data key=\"e_count\">%ld</data>\n", x->count);
    data(f, 'e', "types", x->types);
    data(f, 'e', "first", pg_date_is_set(x->first) ? pg_date_format(x->first, first, sizeof first) : NULL);
    data(f, 'e', "last", pg_date_is_set(x->last) ? pg_date_format(x->last, last, sizeof last) : NULL);
    data(f, 'e', "sources", x->sources[0] ? x->sources : NULL);
    if (pg_graph_projected(g)) {
        fprintf(f, "      <data key=\"e_shared\">%ld</data>\n", x->shared);
        data(f, 'e', "via", x->via[0] ? x->via : NULL);
    }
    for (size_t c = 0; c < g->edge_columns.len; c++)
        data(f, 'e', g->edge_columns.items[c].key, pg_edge_value(g, e, &g->edge_columns.items[c]));
    fputs("    </edge>\n", f);
}

void pg_write_graphml(const pg_graph *g, FILE *f)
{
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
        node(g, f, v);
    for (size_t e = 0; e < g->edges.len; e++)
        edge(g, f, e);
    fputs("  </graph>\n</graphml>\n", f);
}
