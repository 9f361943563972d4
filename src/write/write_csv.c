/* write_csv.c - nodes.csv and edges.csv: a header row, then one row per
 * node (sorted by id) or edge (sorted by the ids of its ends, the smaller
 * first; written source, target in the direction of its directed
 * relations: pg_edge_orient), RFC 4180
 * quoting, empty cells for undefined values, "\n" line ends. Text from
 * the data (ids, names, attribute keys and string values, types, sources,
 * via) goes through pg_escape_csv_text, which neutralises what a
 * spreadsheet would run as a formula, unless the graph was analysed with
 * csv_raw; what partygraph writes itself (numbers, dates, kinds, its own
 * column names) through pg_escape_csv. */
#include "base/date.h"
#include "base/fmt.h"
#include "write/escape.h"
#include "write/write.h"

pg_escape_fn *pg_csv_text_escape(const pg_graph *g)
{
    return g->options.csv_raw ? pg_escape_csv : pg_escape_csv_text;
}

/* A comma, then `value` escaped by `escape` (nothing when NULL). */
static void cell_by(FILE *f, pg_escape_fn *escape, const char *value)
{
    putc(',', f);
    if (value != NULL)
        escape(f, value);
}

/* A cell partygraph wrote itself (a number, a date, a kind). */
static void cell(FILE *f, const char *value)
{
    cell_by(f, pg_escape_csv, value);
}

/* The header's attribute keys (from the data, so text). */
static void column_keys(FILE *f, pg_escape_fn *text, const pg_column_vec *cols)
{
    for (size_t c = 0; c < cols->len; c++)
        cell_by(f, text, cols->items[c].key);
}

void pg_write_nodes_csv(const pg_graph *g, FILE *f)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    pg_escape_fn *text = pg_csv_text_escape(g);
    fputs("id,label,kind", f);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (g->metric_on[m])
            cell(f, pg_metric_table()[m].name);
    for (size_t t = 0; t < g->ntie_columns; t++)
        cell_by(f, text, g->tie_columns[t]); /* a relation type's name: text from the data */
    column_keys(f, text, &g->node_columns);
    putc('\n', f);
    for (size_t v = 0; v < g->n; v++) {
        text(f, pg_graph_node_id(g, v));
        cell_by(f, text, pg_graph_node_label(g, v));
        cell(f, pg_kind_name(pg_graph_node_kind(g, v)));
        for (int m = 0; m < PG_METRIC_COUNT; m++)
            if (g->metric_on[m])
                cell(f, pg_metric_text(g, m, v, buf));
        for (size_t t = 0; t < g->ntie_columns; t++)
            cell(f, pg_fmt_long(g->ties[v * g->ntie_columns + t], buf));
        pg_attr_cursor attrs = pg_node_attrs(g, v);
        for (size_t c = 0; c < g->node_columns.len; c++) {
            const pg_column *col = &g->node_columns.items[c];
            cell_by(f, col->type == PG_COL_STRING ? text : pg_escape_csv, pg_node_value_next(&attrs, col, buf));
        }
        putc('\n', f);
    }
}

void pg_write_edges_csv(const pg_graph *g, FILE *f)
{
    char buf[PG_FMT_DOUBLE_SIZE], first[16], last[16];
    pg_node_texts ids;
    pg_escape_fn *text = pg_csv_text_escape(g);
    if (pg_node_texts_make(g, text, &ids) != 0)
        return; /* errno is ENOMEM */
    fputs("source,target,weight,count,types,first,last,sources", f);
    fputs(pg_graph_projected(g) ? ",shared,via" : ",direction,forward,backward", f);
    column_keys(f, text, &g->edge_columns);
    putc('\n', f);
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        pg_edge_ends ends = pg_edge_orient(x);
        fputs(pg_node_text(&ids, (size_t)ends.source), f);
        putc(',', f);
        fputs(pg_node_text(&ids, (size_t)ends.target), f);
        cell(f, pg_fmt_double(x->weight, buf));
        cell(f, pg_fmt_long(x->count, buf));
        cell_by(f, text, x->types);
        cell(f, pg_date_format(x->first, first, sizeof first));
        cell(f, pg_date_format(x->last, last, sizeof last));
        cell_by(f, text, x->sources);
        if (pg_graph_projected(g)) {
            cell(f, pg_fmt_long(x->shared, buf));
            cell_by(f, text, x->via);
        } else {
            cell(f, ends.direction);
            cell(f, pg_fmt_long(ends.forward, buf));
            cell(f, pg_fmt_long(ends.backward, buf));
        }
        for (size_t c = 0; c < g->edge_columns.len; c++)
            cell_by(f, text, pg_edge_value(g, e, &g->edge_columns.items[c])); /* text in every output */
        putc('\n', f);
    }
    pg_node_texts_free(&ids);
}
