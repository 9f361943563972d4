/* canvas.h - what the picture writers share (render.c draws and writes,
 * render_graph.c turns the analysed graph into a Graphviz graph,
 * render_legend.c adds the legend). Private to the library.
 *
 * Everything here runs in the child process render.c forks for each
 * picture (Graphviz's error handler and its plugin state are global). */
#ifndef PG_CANVAS_H
#define PG_CANVAS_H

#include <graphviz/gvc.h>
#include <stdbool.h>

#include "model/graph.h"

/* A drawing in progress: the Graphviz graph of analysed graph `g`, with
 * node positions in points (y grows upwards, as in Graphviz). */
typedef struct pg_canvas {
    const pg_graph *g;
    GVC_t *gvc;
    Agraph_t *ag;
    Agnode_t **nodes;  /* the Graphviz node of each node of `g` */
    size_t *order;     /* the nodes, largest on options.size_by first (ties by id) */
    double *x, *y;     /* positions, n each */
    bool *labelled;    /* does each node of `g` carry its name as a label? */
    double right, top; /* the drawing's right edge, labels included, and its top */
    size_t legend;     /* legend nodes added so far */
} pg_canvas;

/* How text is written into a Graphviz attribute. */
typedef enum pg_gv_text {
    PG_GV_LABEL,   /* a label: line breaks are lines, tabs spaces */
    PG_GV_LINE,    /* a one-line label: line breaks and tabs become spaces */
    PG_GV_TOOLTIP  /* a tooltip: the text exactly (SVG's xlink:title) */
} pg_gv_text;

/* Sets attribute `name` of Graphviz object `obj` (a graph, node or edge)
 * to `value`, declaring it with default "" when needed. 0, or -1 when
 * Graphviz failed (out of memory). */
int pg_gv_set(void *obj, const char *name, const char *value);

/* Sets `name` to text `s` escaped as `how` says: Graphviz's escapes
 * (\N, \n, ...) and entities are neutralised, and the characters XML 1.0
 * cannot carry become U+FFFD, so that the SVG gives the text back. A
 * name longer than `max_chars` characters (0: no limit) is cut as
 * pg_picture_cut says: its first max_chars - 1, then an ellipsis. 0, or
 * -1 when out of memory. */
int pg_gv_set_text(void *obj, const char *name, const char *s, pg_gv_text how, size_t max_chars);

/* The escaped text pg_gv_set_text sets, in a new string (the caller frees
 * it), or NULL when out of memory. */
char *pg_gv_escape(const char *s, pg_gv_text how, size_t max_chars);

/* A generous estimate of the width in points of the longest line of `s`
 * at `font_size` points (Helvetica; CJK and emoji count a full em), so
 * that what is placed beside it does not overlap. */
double pg_gv_text_width(const char *s, double font_size);

/* Creates c->ag with every node and edge of c->g, styled, at the
 * positions c->x/c->y (computed with Graphviz's sfdp when `g` has no
 * layout), and sets c->order, c->right and c->top. Returns PG_OK,
 * PG_ENOMEM or PG_EINTERNAL (with Graphviz's message in `err`). */
pg_status pg_canvas_draw_graph(pg_canvas *c, pg_error *err);

/* Adds the legend as nodes in a column right of the drawing: the kinds
 * (shapes) and the largest communities (colours, sizes, leading members).
 * Legend nodes are named "legend N" (never an entity id), have SVG id
 * "legend-N" and class "legend". Returns PG_OK or PG_ENOMEM. */
pg_status pg_canvas_draw_legend(pg_canvas *c, pg_error *err);

/* Frees the layout the "nop" engine made of c->ag (and the node list
 * Graphviz 2.42 leaves behind). */
void pg_gv_free_nop(pg_canvas *c);

/* Records Graphviz's messages from now on (instead of its printing them)
 * and returns the handler that was installed before. */
agusererrf pg_gv_capture(void);

/* Did the Graphviz step that just failed fail for want of memory? True
 * when a message Graphviz reported since pg_gv_capture spoke of memory
 * ("memory allocation failure", "out of memory"), or when a plugin it
 * could not load (Graphviz then says "Layout type: \"nop\" not
 * recognized", "renderer for png:cairo is unavailable") cannot be mapped
 * by the dynamic loader now. */
bool pg_gv_out_of_memory(void);

/* The last message Graphviz reported since pg_gv_capture, or a generic
 * one naming `what` when there was none. */
const char *pg_gv_message(const char *what);

/* The shape Graphviz draws nodes of kind `k` with. */
const char *pg_gv_shape(pg_kind k);

/* The community colour of community `c` as "#rrggbb" into `buf`. */
const char *pg_gv_colour(long c, char buf[8]);

#endif
