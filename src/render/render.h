/* render.h - the pictures graph.svg, graph.png and graph.pdf, as
 * write.c's table calls them (their insides: canvas.h). */
#ifndef PG_RENDER_H
#define PG_RENDER_H

#include <stdio.h>

#include "model/graph.h"

/* Draws analysed `g` and writes the picture to `f`, Graphviz working in a
 * child process (partygraph.h, PROCESSES). Returns PG_OK, PG_EINTERNAL
 * with Graphviz's message (a crash, an exit, a picture cut short) or
 * PG_ENOMEM; on failure `f` may hold part of a picture. */
pg_status pg_write_svg(const pg_graph *g, FILE *f, pg_error *err);
pg_status pg_write_png(const pg_graph *g, FILE *f, pg_error *err);
pg_status pg_write_pdf(const pg_graph *g, FILE *f, pg_error *err);

#endif
