/* fields.h - the node and edge fields that every graph format carries
 * (GraphML, GEXF, node-link, Cytoscape), in one order and with one text
 * each, so that the formats cannot drift apart: a writer walks them and
 * only decides the syntax. */
#ifndef PG_FIELDS_H
#define PG_FIELDS_H

#include <stddef.h>

#include "model/graph.h"

typedef enum pg_field_type {
    PG_FIELD_STRING,
    PG_FIELD_INT,    /* metrics, colours, counts */
    PG_FIELD_LONG,   /* numeric attribute columns without a fraction */
    PG_FIELD_DOUBLE,
    PG_FIELD_BOOL
} pg_field_type;

typedef enum pg_field_role {
    PG_FIELD_DATA,   /* an attribute in every format */
    PG_FIELD_LABEL,  /* the node's name: GEXF's label attribute */
    PG_FIELD_VISUAL, /* r, g, b, size, x, y: GEXF's viz elements */
    PG_FIELD_WEIGHT  /* the edge's weight: GEXF's weight attribute */
} pg_field_role;

typedef struct pg_field {
    const char *name;
    pg_field_type type;
    pg_field_role role;
    const char *text; /* the value as text: integers without a point, doubles as
                         pg_fmt_double, booleans true/false; NULL where undefined
                         and in a schema walk. Valid until the callback returns. */
} pg_field;

typedef void pg_field_fn(void *ctx, const pg_field *field);

/* Pass as the node or edge to walk the names and types only. */
#define PG_FIELDS_SCHEMA ((size_t)-1)

/* Calls fn(ctx, field) for each field of node v, in this order: label,
 * kind, the metrics, the relations by type (ties_<type>), r, g, b
 * (community colour), size, x and y (when there is a layout), then the
 * attribute columns. */
void pg_node_fields(const pg_graph *g, size_t v, pg_field_fn *fn, void *ctx);

/* Calls fn(ctx, field) for each field of edge e, in this order: weight,
 * count, types, first, last, sources, shared and via (projected views),
 * then the merged relation attributes (strings). */
void pg_edge_fields(const pg_graph *g, size_t e, pg_field_fn *fn, void *ctx);

#endif
