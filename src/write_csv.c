/* write_csv.c - nodes.csv and edges.csv: a header row, then one row per
 * node (sorted by id) or edge (sorted by source, target), RFC 4180
 * quoting, empty cells for undefined values, "\n" line ends. */
#include "date.h"
#include "escape.h"
#include "fmt.h"
#include "write.h"

static void cell(FILE *f, const char *value)
{
    putc(',', f);
    if (value != NULL)
        pg_escape_csv(f, value);
}

void pg_write_nodes_csv(const pg_graph *g, FILE *f)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    fputs("id,label,kind", f);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (g->metric_on[m])
            cell(f, pg_metric_table()[m].name);
    for (size_t c = 0; c < g->node_columns.len; c++)
        cell(f, g->node_columns.items[c].key);
    putc('\n', f);
    for (size_t v = 0; v < g->n; v++) {
        pg_escape_csv(f, pg_graph_node_id(g, v));
        cell(f, pg_graph_node_label(g, v));
        cell(f, pg_kind_name(pg_graph_node_kind(g, v)));
        for (int m = 0; m < PG_METRIC_COUNT; m++)
            if (g->metric_on[m])
                cell(f, pg_metric_text(g, m, v, buf));
        pg_attr_cursor attrs = pg_node_attrs(g, v);
        for (size_t c = 0; c < g->node_columns.len; c++)
            cell(f, pg_node_value_next(&attrs, &g->node_columns.items[c], buf));
        putc('\n', f);
    }
}

void pg_write_edges_csv(const pg_graph *g, FILE *f)
{
    char buf[PG_FMT_DOUBLE_SIZE], first[16], last[16];
    pg_node_texts ids;
    if (pg_node_texts_make(g, pg_escape_csv, &ids) != 0)
        return; /* errno is ENOMEM */
    fputs("source,target,weight,count,types,first,last,sources", f);
    if (pg_graph_projected(g))
        fputs(",shared,via", f);
    for (size_t c = 0; c < g->edge_columns.len; c++)
        cell(f, g->edge_columns.items[c].key);
    putc('\n', f);
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        fputs(pg_node_text(&ids, (size_t)x->u), f);
        putc(',', f);
        fputs(pg_node_text(&ids, (size_t)x->v), f);
        cell(f, pg_fmt_double(x->weight, buf));
        cell(f, pg_fmt_long(x->count, buf));
        cell(f, x->types);
        cell(f, pg_date_format(x->first, first, sizeof first));
        cell(f, pg_date_format(x->last, last, sizeof last));
        cell(f, x->sources);
        if (pg_graph_projected(g)) {
            cell(f, pg_fmt_long(x->shared, buf));
            cell(f, x->via);
        }
        for (size_t c = 0; c < g->edge_columns.len; c++)
            cell(f, pg_edge_value(g, e, &g->edge_columns.items[c]));
        putc('\n', f);
    }
    pg_node_texts_free(&ids);
}
