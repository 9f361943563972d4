/* values.h - what every writer asks of an analysed graph, in one text
 * for all formats: metrics and attribute values as text, node ids escaped
 * once, node sizes, whether the view is projected, the provenance note.
 * Below the writers: nothing here calls one. */
#ifndef PG_VALUES_H
#define PG_VALUES_H

#include <stdbool.h>
#include <stdio.h>

#include "model/graph.h"

/* Metric `m` of node `v` as text (integers without a point), or NULL when
 * it is undefined for that node. */
const char *pg_metric_text(const pg_graph *g, int m, size_t v, char buf[32]);

/* Node v's value in attribute column `c` as text (a long column without
 * exponent), or NULL when the node has no such attribute. `buf` holds
 * numbers. */
const char *pg_node_value(const pg_graph *g, size_t v, const pg_column *c, char buf[32]);

/* Node v's attributes, to walk alongside the columns with
 * pg_node_value_next: one pass instead of a search per column. */
typedef struct pg_attr_cursor {
    const pg_attr *next, *end;
} pg_attr_cursor;

pg_attr_cursor pg_node_attrs(const pg_graph *g, size_t v);

/* pg_node_value of the cursor's node in column `c`; the columns must be
 * asked in their order (pg_graph.node_columns, sorted by key). */
const char *pg_node_value_next(pg_attr_cursor *cur, const pg_column *c, char buf[32]);

/* Edge e's merged value in column `c`, or NULL. */
const char *pg_edge_value(const pg_graph *g, size_t e, const pg_column *c);

/* Node v's `size` attribute (GraphML, node-link, Cytoscape): Gephi's
 * units, PG_NODE_SIZE_MIN to PG_NODE_SIZE_MAX, area following the
 * size_by metric. */
#define PG_NODE_SIZE_MIN 4.0
#define PG_NODE_SIZE_MAX 40.0
double pg_node_size(const pg_graph *g, size_t v);

/* Every node's id as one escape function writes it (pg_escape_xml, say),
 * in one block in node order: the edge loops read each end's id from
 * there instead of from its entity, far apart in memory, and escape it
 * once per node instead of once per edge. */
typedef struct pg_node_texts {
    char *text;   /* the texts, each followed by '\0' */
    size_t *start; /* node v's text is text + start[v] */
} pg_node_texts;

/* Fills *t with `escape`'s text of every node id. Returns 0, or -1 with
 * errno ENOMEM and *t empty. Free with pg_node_texts_free. */
int pg_node_texts_make(const pg_graph *g, void (*escape)(FILE *f, const char *s), pg_node_texts *t);

/* Node v's escaped id (valid until pg_node_texts_free). */
const char *pg_node_text(const pg_node_texts *t, size_t v);

/* Releases the texts; *t is empty afterwards (freeing it again is harmless). */
void pg_node_texts_free(pg_node_texts *t);

/* True when edges carry the projection columns `shared` and `via`. */
bool pg_graph_projected(const pg_graph *g);

/* A one-line provenance note, "partygraph 0.1.0, full view, input sha256
 * HEX", for comments at the top of text outputs (no file name, so that it
 * is safe in any comment syntax and the same wherever the input lives). */
void pg_write_provenance(const pg_graph *g, FILE *f);

#endif
