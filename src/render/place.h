/* place.h - how the pictures and graph.dot draw each node, and where:
 * one look (shape size, label size) and one placement, so that
 * `partygraph render`, `build --formats svg,png,pdf` and `neato -n` on
 * graph.dot draw the same picture. Private to the library. */
#ifndef PG_PLACE_H
#define PG_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "model/graph.h"

/* Room left between two nodes' boxes, in points. */
#define PG_PLACE_GAP 4.0

/* Node v's look: its shape's width and height in inches (Graphviz's
 * unit; 0.3 to 1.5 wide, the area following options.size_by, as
 * pg_node_size01 says; parties and countries 0.6 as high as wide, the
 * other kinds 0.8) and, when it is labelled, its label's size in points
 * (8 to 14, growing with the node; 0 when unlabelled). */
typedef struct pg_node_look {
    double width, height, font;
} pg_node_look;

pg_node_look pg_picture_look(const pg_graph *g, size_t v, bool labelled);

/* The width in points of node v's label at `font` points: its name cut
 * as pg_picture_cut says, "…" after a cut, in Helvetica's widths
 * (pg_sep_text_width; an em for every character beyond ASCII). */
double pg_picture_label_width(const pg_graph *g, size_t v, double font);

/* Moves the n = g->n points (x[v], y[v]) in points (y up) apart, keeping
 * their arrangement, so that no two nodes' boxes come within
 * PG_PLACE_GAP points: a node's box holds its shape and, when
 * labelled[v], its label (the name cut by pg_picture_cut, centred on the
 * node). First the points are spread (never shrunk) so that the median
 * distance from a point to its nearest neighbour is at least 54 points.
 * *left: the pairs still too close (0 but for pathological input).
 * Returns PG_OK or PG_ENOMEM. */
pg_status pg_picture_place(const pg_graph *g, const bool *labelled, double *x, double *y, size_t *left,
                           pg_error *err);

/* labelled[v]: does node v carry its name as a label in the drawings
 * (pg_picture_labelled on pg_picture_order's order)? A new array of g->n
 * entries (the caller frees it), or NULL when out of memory. */
bool *pg_picture_labelled_nodes(const pg_graph *g);

#endif
