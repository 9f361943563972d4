/* pajek_pairs.h - the `key value` pairs NetworkX's write_pajek puts after
 * a vertex's `number label x y shape` and after an edge's `u v weight`
 * (`1 a 0.0 0.0 ellipse kind party`), which Pajek and igraph's reader
 * refuse and NetworkX's read_pajek reads as string attributes. They are
 * taken out of a copy of the text, so that igraph reads the rest, and
 * kept by vertex number and by edge line. Private to read_igraph. */
#ifndef PG_PAJEK_PAIRS_H
#define PG_PAJEK_PAIRS_H

#include <cJSON.h>
#include <stddef.h>

#include "base/vec.h"

typedef PG_VEC(cJSON *) pg_json_vec;

/* The pairs of the vertex line of number `number`. */
typedef struct pg_pajek_vertex {
    long number;
    size_t line; /* its order among the vertex lines with pairs */
    cJSON *pairs;
} pg_pajek_vertex;

typedef struct pg_pajek_pairs {
    char *text;                        /* the input with the pairs blanked out: same length, same lines and columns */
    PG_VEC(pg_pajek_vertex) vertices;  /* the vertices with pairs, by number (a repeated number: the last line's) */
    pg_json_vec edges;                 /* [k]: the pairs of the k-th line of *Edges and *Arcs, or NULL */
    long first_line;           /* the first line that had pairs; 0: none had */
} pg_pajek_pairs;

/* Fills *out from the `len` bytes at `text`: a copy of the text without
 * the pairs, and the pairs (in the sections *Vertices, *Edges and *Arcs;
 * quotes taken off; a key without a value dropped and a repeated key's
 * last value kept, as NetworkX reads them). Returns 0, or -1 when out of memory (*out then holds nothing). */
int pg_pajek_pairs_split(const char *text, size_t len, pg_pajek_pairs *out);

/* The pairs of vertex number `number` (an object of strings), or NULL. */
const cJSON *pg_pajek_pairs_vertex(const pg_pajek_pairs *p, long number);

/* Frees what pg_pajek_pairs_split filled (also after a failure). */
void pg_pajek_pairs_free(pg_pajek_pairs *p);

#endif
