/* place.c - the look and the placement of the pictures' nodes (place.h).
 *
 * A node's box is the wider and the taller of its shape and its label
 * (centred on the node, as Graphviz draws a node's label): with
 * fixedsize=shape a label wider than its shape spills over it, and must
 * not cover a neighbour. A label's box is the Helvetica width of its text
 * (pg_sep_text_width, "…" included after a cut) by 1.2 times the font
 * size, Graphviz's line height. The moving apart is separate.h's. */
#include "render/place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/picture.h"
#include "render/separate.h"

/* Node widths in inches: the smallest node's up to `small_graph` nodes,
 * then shrinking with the square root of their number (so that the
 * drawing's area stays about the same) to `least_width`; the largest
 * node's. Label sizes in points. */
static const double small_width = 0.3, least_width = 0.1, max_width = 1.5, min_font = 8.0, max_font = 14.0;
static const double small_graph = 1000.0;

/* The median distance between a node and its nearest neighbour, at least,
 * in smallest node widths (¾ inch in a small graph), and the rounds of
 * pushes and spreads that separate.h may take. */
static const double spacing_widths = 2.5;
enum { ROUNDS = 50, SPREADS = 40 };

/* The smallest node's width in inches in a graph of n nodes. */
static double min_width(size_t n)
{
    return n <= small_graph ? small_width : fmax(least_width, small_width * sqrt(small_graph / (double)n));
}

pg_node_look pg_picture_look(const pg_graph *g, size_t v, bool labelled)
{
    double least = min_width(g->n), size = pg_node_size01(g, v), width = least + (max_width - least) * size;
    pg_kind kind = pg_graph_node_kind(g, v);
    double height = kind == PG_KIND_PARTY || kind == PG_KIND_COUNTRY ? width * 0.6 : width * 0.8;
    return (pg_node_look){ width, height, labelled ? min_font + (max_font - min_font) * size : 0 };
}

double pg_picture_label_width(const pg_graph *g, size_t v, double font)
{
    const char *name = pg_graph_node_label(g, v);
    size_t keep = pg_picture_cut(name, PG_LABEL_CHARS);
    return pg_sep_text_width(name, keep, font) + (name[keep] ? font : 0); /* "…": an em at most */
}

/* Node v's box around its centre, y down as separate.h wants (the box
 * is symmetric, so the flip changes nothing). */
static pg_sep_box box(const pg_graph *g, size_t v, bool labelled)
{
    pg_node_look look = pg_picture_look(g, v, labelled);
    double half_w = 36 * look.width, half_h = 36 * look.height;
    if (labelled) {
        half_w = fmax(half_w, pg_picture_label_width(g, v, look.font) / 2);
        half_h = fmax(half_h, 0.6 * look.font);
    }
    return (pg_sep_box){ half_w, half_w, half_h, half_h };
}

pg_status pg_picture_place(const pg_graph *g, const bool *labelled, double *x, double *y, size_t *left,
                           pg_error *err)
{
    pg_sep_item *items = malloc((g->n ? g->n : 1) * sizeof *items);
    if (items == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory placing the drawing's nodes");
    for (size_t v = 0; v < g->n; v++)
        items[v] = (pg_sep_item){ x[v], -y[v], box(g, v, labelled[v]) };
    pg_sep_options separation = { 72 * spacing_widths * min_width(g->n), PG_PLACE_GAP, ROUNDS, SPREADS };
    pg_status st = pg_separate(items, g->n, &separation, left, err);
    for (size_t v = 0; st == PG_OK && v < g->n; v++) {
        x[v] = items[v].x;
        y[v] = -items[v].y;
    }
    free(items);
    return st;
}

bool *pg_picture_labelled_nodes(const pg_graph *g)
{
    size_t n = g->n ? g->n : 1;
    size_t *order = malloc(n * sizeof *order);
    bool *labelled = calloc(n, sizeof *labelled);
    if (order != NULL && labelled != NULL && pg_picture_order(g, NULL, order) == 0) {
        for (size_t i = 0; i < g->n; i++)
            labelled[order[i]] = pg_picture_labelled(g, i);
        free(order);
        return labelled;
    }
    free(order);
    free(labelled);
    return NULL;
}
