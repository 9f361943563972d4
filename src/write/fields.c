/* fields.c - see fields.h. */
#include "write/fields.h"

#include <stdio.h>

#include "base/date.h"
#include "base/fmt.h"
#include "render/palette.h"
#include "write/write.h"

typedef struct walk {
    pg_field_fn *fn;
    void *ctx;
    bool schema;
} walk;

static void emit(const walk *w, const char *name, pg_field_type type, pg_field_role role, const char *text)
{
    pg_field f = { name, type, role, w->schema ? NULL : text };
    w->fn(w->ctx, &f);
}

static void emit_long(const walk *w, const char *name, pg_field_role role, long x)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    emit(w, name, PG_FIELD_INT, role, w->schema ? NULL : pg_fmt_long(x, buf));
}

static void emit_double(const walk *w, const char *name, pg_field_role role, double x)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    emit(w, name, PG_FIELD_DOUBLE, role, w->schema ? NULL : pg_fmt_double(x, buf));
}

static const pg_field_type column_types[] = {
    [PG_COL_STRING] = PG_FIELD_STRING, [PG_COL_LONG] = PG_FIELD_LONG,
    [PG_COL_DOUBLE] = PG_FIELD_DOUBLE, [PG_COL_BOOL] = PG_FIELD_BOOL,
};

/* r, g, b, size, x, y of node v (any v in a schema walk). */
static void visual(const pg_graph *g, const walk *w, size_t v)
{
    pg_rgb rgb = w->schema ? (pg_rgb){ 0, 0, 0 } : pg_palette_rgb(g->community[v]);
    emit_long(w, "r", PG_FIELD_VISUAL, rgb.r);
    emit_long(w, "g", PG_FIELD_VISUAL, rgb.g);
    emit_long(w, "b", PG_FIELD_VISUAL, rgb.b);
    emit_double(w, "size", PG_FIELD_VISUAL, w->schema ? 0 : pg_node_size(g, v));
    if (g->has_layout) {
        emit_double(w, "x", PG_FIELD_VISUAL, w->schema ? 0 : g->x[v]);
        emit_double(w, "y", PG_FIELD_VISUAL, w->schema ? 0 : g->y[v]);
    }
}

void pg_node_fields(const pg_graph *g, size_t v, pg_field_fn *fn, void *ctx)
{
    walk w = { fn, ctx, v == PG_FIELDS_SCHEMA };
    char buf[PG_FMT_DOUBLE_SIZE];
    emit(&w, "label", PG_FIELD_STRING, PG_FIELD_LABEL, w.schema ? NULL : pg_graph_node_label(g, v));
    emit(&w, "kind", PG_FIELD_STRING, PG_FIELD_DATA, w.schema ? NULL : pg_kind_name(pg_graph_node_kind(g, v)));
    for (int m = 0; m < PG_METRIC_COUNT; m++) {
        const pg_metric_info *info = &pg_metric_table()[m];
        if (!g->metric_on[m])
            continue; /* not asked for: no attribute */
        emit(&w, info->name, info->integer ? PG_FIELD_INT : PG_FIELD_DOUBLE, PG_FIELD_DATA,
             w.schema ? NULL : pg_metric_text(g, m, v, buf));
    }
    for (size_t t = 0; t < g->ntie_columns; t++)
        emit_long(&w, g->tie_columns[t], PG_FIELD_DATA, w.schema ? 0 : g->ties[v * g->ntie_columns + t]);
    visual(g, &w, v);
    pg_attr_cursor attrs = w.schema ? (pg_attr_cursor){ NULL, NULL } : pg_node_attrs(g, v);
    for (size_t c = 0; c < g->node_columns.len; c++) {
        const pg_column *col = &g->node_columns.items[c];
        emit(&w, col->key, column_types[col->type], PG_FIELD_DATA,
             w.schema ? NULL : pg_node_value_next(&attrs, col, buf));
    }
}

/* A date as text, NULL when unset. */
static const char *date_text(pg_date d, char buf[16])
{
    return pg_date_is_set(d) ? pg_date_format(d, buf, 16) : NULL;
}

void pg_edge_fields(const pg_graph *g, size_t e, pg_field_fn *fn, void *ctx)
{
    walk w = { fn, ctx, e == PG_FIELDS_SCHEMA };
    const pg_edge *x = w.schema ? NULL : &g->edges.items[e];
    char first[16], last[16];
    emit_double(&w, "weight", PG_FIELD_WEIGHT, x ? x->weight : 0);
    emit_long(&w, "count", PG_FIELD_DATA, x ? x->count : 0);
    emit(&w, "types", PG_FIELD_STRING, PG_FIELD_DATA, x ? x->types : NULL);
    emit(&w, "first", PG_FIELD_STRING, PG_FIELD_DATA, x ? date_text(x->first, first) : NULL);
    emit(&w, "last", PG_FIELD_STRING, PG_FIELD_DATA, x ? date_text(x->last, last) : NULL);
    emit(&w, "sources", PG_FIELD_STRING, PG_FIELD_DATA, x && x->sources[0] ? x->sources : NULL);
    if (!pg_graph_projected(g)) {
        pg_edge_ends ends = x ? pg_edge_orient(x) : (pg_edge_ends){ 0, 0, 0, 0, NULL };
        emit(&w, "direction", PG_FIELD_STRING, PG_FIELD_DATA, ends.direction);
        emit_long(&w, "forward", PG_FIELD_DATA, ends.forward);
        emit_long(&w, "backward", PG_FIELD_DATA, ends.backward);
    }
    if (pg_graph_projected(g)) {
        emit_long(&w, "shared", PG_FIELD_DATA, x ? x->shared : 0);
        emit(&w, "via", PG_FIELD_STRING, PG_FIELD_DATA, x && x->via[0] ? x->via : NULL);
    }
    for (size_t c = 0; c < g->edge_columns.len; c++)
        emit(&w, g->edge_columns.items[c].key, PG_FIELD_STRING, PG_FIELD_DATA,
             x ? pg_edge_value(g, e, &g->edge_columns.items[c]) : NULL);
}
