/* write.h - the writers behind pg_write. Each writes one format of an
 * analysed graph to a stream and leaves error detection to ferror(); a
 * writer that needs memory and gets none writes nothing, sets errno to
 * ENOMEM and returns. A checked writer (the pictures) can also fail on its
 * own, and then returns its status with the reason in `err`. */
#ifndef PG_WRITE_H
#define PG_WRITE_H

#include <stdio.h>

#include "model/graph.h"
#include "write/escape.h"
#include "write/jsonw.h"
#include "write/values.h"

typedef void pg_writer_fn(const pg_graph *g, FILE *f);

pg_writer_fn pg_write_graphml, pg_write_dot, pg_write_nodes_csv, pg_write_edges_csv, pg_write_summary,
    pg_write_periods, pg_write_ego_json, pg_write_ego_text, pg_write_html;
pg_writer_fn pg_write_gexf;
pg_writer_fn pg_write_nodelink, pg_write_nodelink_edges, pg_write_cytoscape;
pg_writer_fn pg_write_timeline, pg_write_claims;

/* A writer that can fail on its own (the pictures, render/render.h). */
typedef pg_status pg_checked_writer_fn(const pg_graph *g, FILE *f, pg_error *err);

/* How g's CSV files write text from the data: pg_escape_csv_text, or
 * pg_escape_csv when g was analysed with csv_raw. */
pg_escape_fn *pg_csv_text_escape(const pg_graph *g);

/* The claims of `ds` in the order of claims.csv (write_claims.c): a new
 * array of ds->claims.len pointers (the caller frees it), or NULL when
 * out of memory. */
const pg_claim **pg_claims_sorted(const pg_dataset *ds);

/* The distinct source ids of source_refs[span], sorted, joined by ';'
 * into a new string (the caller frees it); NULL when out of memory. */
char *pg_sources_joined(const pg_dataset *ds, pg_span span);

/* The timeline's columns (write_timeline.c): date, end, precision,
 * kind, id, type, label, participants, mechanism, country, sources. */
enum { PG_TIMELINE_COLUMNS = 11 };
extern const char *const pg_timeline_columns[PG_TIMELINE_COLUMNS];

/* Receives one row of the timeline: its cells, in the columns' order
 * ("" when empty), valid during the call. */
typedef void pg_timeline_fn(void *data, const char *const cell[PG_TIMELINE_COLUMNS]);

/* Calls `fn` on every row of g's timeline (docs/outputs.md,
 * "timeline.csv"), in order. Returns 0, or -1 when out of memory (some
 * rows may have been given). */
int pg_timeline_each(const pg_graph *g, pg_timeline_fn *fn, void *data);

/* The "claims" member of summary.json: per entity, measure and unit, the
 * dated series of its claims (write_claims.c). */
void pg_write_claim_series(const pg_graph *g, pg_jsonw *w);

/* The "periods" member of summary.json (rank changes between periods). */
void pg_write_period_changes(const pg_graph *g, pg_jsonw *w);

#endif
