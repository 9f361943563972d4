/* render_graph.c - the analysed graph as a Graphviz graph, built in memory
 * (never printed and parsed again): one node per node, named by its
 * entity id (the SVG <title>), shape by kind, fill by community, size by
 * options.size_by (place.h's look, as in graph.dot), the name as a label
 * on the nodes picture.h labels (the options.label_top largest; names cut
 * by its rule) and as every node's tooltip ("name (kind)"); straight
 * edges, pen width by weight; a title of two lines as the graph label: the
 * dataset's title (its file's base name when it has none), then the view,
 * the date window (picture.h) and the counts. Positions: the layout's,
 * or Graphviz's sfdp's when the analysis computed none, moved apart by
 * place.h (as in graph.dot); at most 200 inches a side (Graphviz's size
 * scales a larger drawing down). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "base/strbuf.h"
#include "render/canvas.h"
#include "render/picture.h"
#include "render/place.h"

/* Edge pen widths in points. */
static const double min_pen = 0.5, max_pen = 4.0;

/* Edges are grey, more transparent when there are many. */
enum { EDGES_OPAQUE = 500 };

static const char *const graph_defaults[][2] = {
    { "charset", "UTF-8" }, { "outputorder", "edgesfirst" }, { "splines", "false" }, { "overlap", "true" },
    { "fontname", "Helvetica" }, { "fontsize", "18" }, { "labelloc", "t" }, { "pad", "0.3" },
    { "bgcolor", "white" }, { "size", "200,200" }, /* at most 200 inches a side (PDF's page limit), scaled down */
};
static const char *const node_defaults[][2] = {
    { "label", "" }, { "shape", "ellipse" }, { "style", "filled" }, { "fixedsize", "shape" },
    { "fontname", "Helvetica" }, { "fontsize", "8" }, { "color", "#4d4d4d" }, { "penwidth", "0.6" },
    { "fillcolor", "white" }, { "width", "0.3" }, { "height", "0.2" }, { "id", "" }, { "class", "" },
    { "tooltip", "" }, { "pos", "" },
};
static const char *const edge_defaults[][2] = { { "color", "#66666680" }, { "penwidth", "1" }, { "tooltip", "" } };

static int declare(Agraph_t *ag, int kind, const char *const (*attrs)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (agattr(ag, kind, (char *)attrs[i][0], (char *)attrs[i][1]) == NULL)
            return -1;
    return 0;
}

#define DECLARE(ag, kind, table) declare(ag, kind, table, sizeof table / sizeof table[0])

/* The graph label: the title, then "VIEW view[, WINDOW], N nodes, M edges"
 * (ego networks: "ego network of NAME (radius R), ..." first). */
static int title(pg_canvas *c)
{
    const pg_graph *g = c->g;
    const char *slash = strrchr(g->ds->file, '/');
    const char *name = g->ds->title[0] ? g->ds->title : slash ? slash + 1 : g->ds->file;
    const char *ego = g->ego >= 0 ? pg_graph_node_label(g, (size_t)g->ego) : "";
    size_t size = strlen(name) + strlen(ego) + 256;
    char *text = malloc(size);
    if (text == NULL)
        return -1;
    char dates[64];
    pg_strbuf b = pg_strbuf_init(text, size), window = pg_strbuf_init(dates, sizeof dates);
    pg_strbuf_printf(&b, "%s\n", name);
    if (g->ego >= 0)
        pg_strbuf_printf(&b, "ego network of %s (radius %d), ", ego, g->radius);
    pg_strbuf_printf(&b, "%s view", pg_view_name(g->spec.view));
    if (g->spec.view != PG_VIEW_FULL)
        pg_strbuf_printf(&b, " (%s)", pg_projection_name(g->spec.projection));
    if (pg_picture_window(&g->spec, &window))
        pg_strbuf_printf(&b, ", %s", window.buf);
    pg_strbuf_printf(&b, ", %zu node%s, %zu edge%s", g->n, g->n == 1 ? "" : "s", g->edges.len,
                     g->edges.len == 1 ? "" : "s");
    int rc = pg_gv_set_text(c->ag, "label", text, PG_GV_LABEL, 0);
    free(text);
    return rc;
}

/* Node v's label (when it is among the labelled), its size and
 * tooltip. */
static int style_node(pg_canvas *c, size_t v, bool labelled)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE], fill[8];
    const pg_graph *g = c->g;
    Agnode_t *n = c->nodes[v];
    pg_kind kind = pg_graph_node_kind(g, v);
    pg_node_look look = pg_picture_look(g, v, labelled);
    int rc = pg_gv_set(n, "shape", pg_gv_shape(kind)) | pg_gv_set(n, "fillcolor", pg_gv_colour(g->community[v], fill)) |
             pg_gv_set(n, "width", pg_fmt_fixed(look.width, 3, w)) | pg_gv_set(n, "height", pg_fmt_fixed(look.height, 3, h));
    size_t len = strlen(pg_graph_node_label(g, v));
    char *tip = malloc(len + 32);
    if (tip == NULL)
        return -1;
    snprintf(tip, len + 32, "%s (%s)", pg_graph_node_label(g, v), pg_kind_name(kind));
    rc |= pg_gv_set_text(n, "tooltip", tip, PG_GV_TOOLTIP, 0);
    free(tip);
    if (labelled)
        rc |= pg_gv_set_text(n, "label", pg_graph_node_label(g, v), PG_GV_LABEL, PG_LABEL_CHARS) |
              pg_gv_set(n, "fontsize", pg_fmt_fixed(look.font, 1, w));
    return rc;
}

static int add_nodes(pg_canvas *c)
{
    const pg_graph *g = c->g;
    c->nodes = calloc(g->n ? g->n : 1, sizeof *c->nodes);
    c->labelled = calloc(g->n ? g->n : 1, sizeof *c->labelled);
    c->order = malloc((g->n ? g->n : 1) * sizeof *c->order);
    if (c->nodes == NULL || c->labelled == NULL || c->order == NULL || pg_picture_order(g, NULL, c->order) != 0)
        return -1;
    for (size_t i = g->n; i-- > 0;) { /* smallest first: the largest are drawn last, on top */
        size_t v = c->order[i];
        c->labelled[v] = pg_picture_labelled(g, i);
        if ((c->nodes[v] = agnode(c->ag, (char *)pg_graph_node_id(g, v), 1)) == NULL ||
            style_node(c, v, c->labelled[v]) != 0)
            return -1;
    }
    return 0;
}

/* "#666666AA": grey, opaque to half (alpha 128) up to EDGES_OPAQUE edges,
 * then fading with the square root of their number down to 32. */
static int edge_colour(pg_canvas *c)
{
    char colour[16];
    double m = (double)c->g->edges.len, alpha = m > EDGES_OPAQUE ? fmax(32, 128 * sqrt(EDGES_OPAQUE / m)) : 128;
    snprintf(colour, sizeof colour, "#666666%02x", (unsigned)alpha);
    return agattr(c->ag, AGEDGE, "color", colour) ? 0 : -1;
}

static int add_edges(pg_canvas *c)
{
    const pg_graph *g = c->g;
    double max_weight = 0;
    if (edge_colour(c) != 0)
        return -1;
    for (size_t e = 0; e < g->edges.len; e++)
        if (g->edges.items[e].weight > max_weight)
            max_weight = g->edges.items[e].weight;
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        char pen[PG_FMT_DOUBLE_SIZE];
        double share = max_weight > 0 ? x->weight / max_weight : 0;
        pg_edge_ends ends = pg_edge_orient(x);
        Agedge_t *edge = agedge(c->ag, c->nodes[ends.source], c->nodes[ends.target], NULL, 1);
        if (edge == NULL || pg_gv_set(edge, "penwidth", pg_fmt_fixed(min_pen + (max_pen - min_pen) * share, 2, pen)) != 0 ||
            (ends.forward > 0 && pg_gv_set(edge, "dir", ends.backward > 0 ? "both" : "forward") != 0) ||
            pg_gv_set_text(edge, "tooltip", x->types, PG_GV_TOOLTIP, 0) != 0)
            return -1;
    }
    return 0;
}

/* Positions from sfdp, for a graph without a layout (moved apart after,
 * as the layout's are). */
static pg_status sfdp_positions(pg_canvas *c, pg_error *err)
{
    if (gvLayout(c->gvc, c->ag, "sfdp") != 0)
        return pg_error_set(err, PG_EINTERNAL, "%s", pg_gv_message("lay out the graph with sfdp"));
    for (size_t v = 0; v < c->g->n; v++) {
        c->x[v] = ND_coord(c->nodes[v]).x;
        c->y[v] = ND_coord(c->nodes[v]).y;
    }
    gvFreeLayout(c->gvc, c->ag);
    return PG_OK;
}

/* Sets every node's pos and the drawing's extent (c->right, c->top). */
static int place(pg_canvas *c)
{
    c->right = c->top = 0;
    for (size_t v = 0; v < c->g->n; v++) {
        char pos[2 * PG_FMT_DOUBLE_SIZE + 2], x[PG_FMT_DOUBLE_SIZE], y[PG_FMT_DOUBLE_SIZE];
        pg_node_look look = pg_picture_look(c->g, v, c->labelled[v]);
        double text = fmin(pg_gv_text_width(pg_graph_node_label(c->g, v), look.font), PG_LABEL_CHARS * look.font);
        double half = fmax(36 * look.width, text / 2 + 4);
        if (v == 0 || c->x[v] + half > c->right)
            c->right = c->x[v] + half;
        if (v == 0 || c->y[v] + 36 * look.height > c->top)
            c->top = c->y[v] + 36 * look.height;
        snprintf(pos, sizeof pos, "%s,%s!", pg_fmt_fixed(c->x[v], 2, x), pg_fmt_fixed(c->y[v], 2, y));
        if (pg_gv_set(c->nodes[v], "pos", pos) != 0)
            return -1;
    }
    return 0;
}

pg_status pg_canvas_draw_graph(pg_canvas *c, pg_error *err)
{
    const pg_graph *g = c->g;
    size_t n = g->n ? g->n : 1;
    c->ag = agopen("partygraph", Agundirected, NULL);
    c->x = malloc(n * sizeof *c->x);
    c->y = malloc(n * sizeof *c->y);
    if (c->ag == NULL || c->x == NULL || c->y == NULL || DECLARE(c->ag, AGRAPH, graph_defaults) != 0 ||
        DECLARE(c->ag, AGNODE, node_defaults) != 0 || DECLARE(c->ag, AGEDGE, edge_defaults) != 0 || title(c) != 0 ||
        add_nodes(c) != 0 || add_edges(c) != 0)
        return pg_error_set(err, PG_ENOMEM, "out of memory drawing the picture");
    if (g->has_layout) {
        memcpy(c->x, g->x, g->n * sizeof *c->x);
        memcpy(c->y, g->y, g->n * sizeof *c->y);
    } else {
        pg_status st = sfdp_positions(c, err);
        if (st != PG_OK)
            return st;
    }
    size_t left;
    pg_status st = pg_picture_place(g, c->labelled, c->x, c->y, &left, err);
    if (st == PG_OK && place(c) != 0)
        st = pg_error_set(err, PG_ENOMEM, "out of memory drawing the picture");
    return st;
}
