/* view.c - building a view: check the options, then links.c (time
 * window), merge.c or project.c (edges), filter.c (filters), and finally
 * the columns, the relation type counts and the igraph graph. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/ptrmap.h"
#include "model/graph.h"
#include "model/igraph_glue.h"

static const char *const view_names[PG_VIEW_COUNT] = { "full", "parties", "countries", "mechanisms", "persons" };
static const char *const projection_names[] = { "count", "newman", "jaccard", "overlap" };

const char *pg_view_name(pg_view v)
{
    return (unsigned)v < PG_VIEW_COUNT ? view_names[v] : NULL;
}

pg_status pg_view_parse(const char *name, pg_view *out)
{
    int v = pg_name_index(view_names, PG_VIEW_COUNT, name);
    if (v >= 0)
        *out = (pg_view)v;
    return v >= 0 ? PG_OK : PG_EARG;
}

const char *pg_projection_name(pg_projection p)
{
    return (unsigned)p <= PG_PROJECTION_OVERLAP ? projection_names[p] : NULL;
}

pg_status pg_projection_parse(const char *name, pg_projection *out)
{
    int p = pg_name_index(projection_names, PG_PROJECTION_OVERLAP + 1, name);
    if (p >= 0)
        *out = (pg_projection)p;
    return p >= 0 ? PG_OK : PG_EARG;
}

/* ---- options --------------------------------------------------------- */

/* --from or --to `text` as a day: its first day, or its last when `last`.
 * A day the calendar does not have is said as such (as in the data). */
static pg_status parse_bound(const char *text, bool last, long *day, pg_error *err)
{
    pg_date d;
    char why[96];
    if (!pg_date_parse(text, &d) && pg_date_impossible(text, why, sizeof why))
        return pg_error_set(err, PG_EARG, "'%s': %s", text, why);
    if (!pg_date_parse(text, &d))
        return pg_error_set(err, PG_EARG, "'%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", text);
    *day = last ? pg_date_last_day(d) : pg_date_first_day(d);
    return PG_OK;
}

static pg_status parse_where(pg_graph *g, const char *text, pg_where *out, pg_error *err)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text)
        return pg_error_set(err, PG_EARG, "the filter '%s' is not of the form ATTR=VALUE", text);
    out->attr = pg_arena_strndup(&g->arena, text, (size_t)(eq - text));
    out->value = pg_arena_strdup(&g->arena, eq + 1);
    if (out->attr == NULL || out->value == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    return pg_check_attr(g->ds, "--where", out->attr, err);
}

/* Checks `opt` and turns it into g->spec. */
static pg_status make_spec(pg_graph *g, const pg_view_options *opt, pg_error *err)
{
    pg_view_spec *s = &g->spec;
    if ((unsigned)opt->view >= PG_VIEW_COUNT || (unsigned)opt->projection > PG_PROJECTION_OVERLAP)
        return pg_error_set(err, PG_EARG, "unknown view or projection");
    if (opt->max_event_size < 0 || opt->min_shared < 0 || opt->k_core < 0 || !(opt->min_weight >= 0) ||
        !isfinite(opt->min_weight))
        return pg_error_set(err, PG_EARG, "max_event_size, min_shared, k_core and min_weight must not be negative "
                                          "(and min_weight must be a finite number)");
    *s = (pg_view_spec){ opt->view, opt->projection, opt->max_event_size, opt->min_shared, false, 0, 99999999,
                         opt->dated_only != 0, opt->kinds, NULL, 0, opt->min_weight, opt->giant != 0, opt->k_core,
                         NULL, NULL, opt->undated_keep != 0 };
    pg_status st = pg_view_choose(g, opt, err);
    if (st != PG_OK)
        return st;
    if (opt->from && (st = parse_bound(opt->from, false, &s->from_day, err)) != PG_OK)
        return st;
    if (opt->to && (st = parse_bound(opt->to, true, &s->to_day, err)) != PG_OK)
        return st;
    s->windowed = opt->from || opt->to;
    if (s->from_day > s->to_day)
        return pg_error_set(err, PG_EARG, "the window ends (%s) before it starts (%s)", opt->to, opt->from);
    s->where = opt->nwhere ? pg_arena_alloc(&g->arena, opt->nwhere * sizeof *s->where) : NULL;
    if (opt->nwhere && s->where == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    for (s->nwhere = 0; s->nwhere < opt->nwhere && st == PG_OK; s->nwhere++)
        st = parse_where(g, opt->where[s->nwhere], &s->where[s->nwhere], err);
    return st;
}

/* ---- relation type counts ------------------------------------------- */

static int by_type_text(const void *a, const void *b)
{
    return strcmp(((const pg_type_count *)a)->type, ((const pg_type_count *)b)->type);
}

/* The links' relation types with their counts, sorted by text: counted
 * per string first (types are interned or static text, so this compares
 * pointers), then equal texts behind different pointers added up. */
static int count_types(pg_graph *g, const pg_link_vec *links)
{
    pg_ptrmap seen = PG_PTRMAP_INIT;
    int rc = 0;
    for (size_t i = 0; i < links->len && rc == 0; i++) {
        size_t at = pg_ptrmap_intern(&seen, links->items[i].type, g->types.len);
        if (at == SIZE_MAX)
            rc = -1;
        else if (at < g->types.len)
            g->types.items[at].count++;
        else if ((rc = PG_VEC_RESERVE(g->types, 1)) == 0)
            g->types.items[g->types.len++] = (pg_type_count){ links->items[i].type, 1 };
    }
    pg_ptrmap_free(&seen);
    pg_vec_sort(g->types.items, g->types.len, sizeof *g->types.items, by_type_text);
    size_t out = 0;
    for (size_t i = 0; i < g->types.len; i++) {
        if (out > 0 && strcmp(g->types.items[out - 1].type, g->types.items[i].type) == 0)
            g->types.items[out - 1].count += g->types.items[i].count;
        else
            g->types.items[out++] = g->types.items[i];
    }
    g->types.len = out;
    return rc;
}

/* ---- columns ------------------------------------------------------ */

static int by_column_key(const void *a, const void *b)
{
    return strcmp(((const pg_column *)a)->key, ((const pg_column *)b)->key);
}

/* The type of the column that holds exactly this value. */
static pg_column_type column_type(const pg_attr *a)
{
    if (a->type == PG_VALUE_BOOL)
        return PG_COL_BOOL;
    if (a->type == PG_VALUE_STRING)
        return PG_COL_STRING;
    return a->v.d == floor(a->v.d) && fabs(a->v.d) < 9007199254740992.0 ? PG_COL_LONG : PG_COL_DOUBLE;
}

/* The narrowest column type that holds values of types `a` and `b`. */
static pg_column_type widen(pg_column_type a, pg_column_type b)
{
    if (a == b)
        return a;
    if ((a == PG_COL_LONG && b == PG_COL_DOUBLE) || (a == PG_COL_DOUBLE && b == PG_COL_LONG))
        return PG_COL_DOUBLE;
    return PG_COL_STRING;
}

/* Adds a column for each attribute of attrs[span] whose key is new (keys
 * are interned: `seen` maps each to its column), or widens the column's
 * type to hold the value. */
static int add_columns(const pg_attr *attrs, pg_span span, pg_column_vec *cols, pg_ptrmap *seen)
{
    for (size_t i = span.first; i < span.first + span.count; i++) {
        size_t at = pg_ptrmap_intern(seen, attrs[i].key, cols->len);
        if (at == SIZE_MAX)
            return -1;
        if (at < cols->len)
            cols->items[at].type = widen(cols->items[at].type, column_type(&attrs[i]));
        else if (PG_VEC_RESERVE(*cols, 1) != 0)
            return -1;
        else
            cols->items[cols->len++] = (pg_column){ attrs[i].key, column_type(&attrs[i]) };
    }
    return 0;
}

/* The attribute columns of the nodes present, and of the merged edge
 * attributes (all text), each sorted by key. */
static int find_columns(pg_graph *g)
{
    pg_ptrmap node_keys = PG_PTRMAP_INIT, edge_keys = PG_PTRMAP_INIT;
    int rc = 0;
    for (size_t v = 0; v < g->n && rc == 0; v++)
        rc = add_columns(g->ds->attrs.items, pg_node_entity(g, v)->attrs, &g->node_columns, &node_keys);
    for (size_t e = 0; e < g->edges.len && rc == 0; e++)
        rc = add_columns(g->edge_attrs.items, g->edges.items[e].attrs, &g->edge_columns, &edge_keys);
    pg_ptrmap_free(&node_keys);
    pg_ptrmap_free(&edge_keys);
    pg_vec_sort(g->node_columns.items, g->node_columns.len, sizeof *g->node_columns.items, by_column_key);
    pg_vec_sort(g->edge_columns.items, g->edge_columns.len, sizeof *g->edge_columns.items, by_column_key);
    return rc;
}

/* ---- igraph --------------------------------------------------------- */

igraph_error_t pg_graph_make_igraph(pg_graph *g)
{
    igraph_vector_int_t ends;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 2 * (igraph_integer_t)g->edges.len);
    IGRAPH_CHECK(igraph_vector_init(&g->weights, (igraph_integer_t)g->edges.len));
    IGRAPH_FINALLY(igraph_vector_destroy, &g->weights);
    for (size_t e = 0; e < g->edges.len; e++) {
        VECTOR(ends)[2 * e] = g->edges.items[e].u;
        VECTOR(ends)[2 * e + 1] = g->edges.items[e].v;
        VECTOR(g->weights)[e] = g->edges.items[e].weight;
    }
    IGRAPH_CHECK(igraph_create(&g->ig, &ends, (igraph_integer_t)g->n, IGRAPH_UNDIRECTED));
    igraph_vector_int_destroy(&ends);
    IGRAPH_FINALLY_CLEAN(2); /* the graph owns the weights now */
    g->has_ig = true;
    return IGRAPH_SUCCESS;
}

/* ---- building -------------------------------------------------------- */

/* The stages after the options: links, edges, filters. */
static int build(pg_graph *g)
{
    pg_link_vec links = { NULL, 0, 0 };
    int rc = pg_links_collect(g, &links);
    if (rc == 0 && !pg_link_count_fits(links.len))
        rc = -1; /* more than the edges' counts can hold */
    if (rc == 0)
        rc = count_types(g, &links);
    if (rc == 0)
        rc = g->spec.view == PG_VIEW_FULL ? pg_merge_links(g, &links) : pg_project_links(g, &links);
    free(links.items);
    if (rc == 0 && !(pg_span_fits(g->edge_attrs.len) && pg_span_fits(g->spells.len) &&
                     pg_span_fits(g->type_counts.len)))
        rc = -1; /* more than the edges' spans can index */
    return rc == 0 ? pg_filter_apply(g) : rc;
}

pg_status pg_graph_complete(pg_graph *g, pg_error *err)
{
    if (find_columns(g) != 0)
        return pg_error_set(err, PG_ENOMEM, "out of memory building the graph");
    pg_igraph_scope scope;
    pg_igraph_enter(&scope);
    igraph_error_t rc = IGRAPH_SUCCESS;
    PG_IGRAPH_RUN(&scope, rc, pg_graph_make_igraph(g));
    pg_igraph_leave(&scope);
    return pg_igraph_status(rc, "building the igraph graph", err);
}

/* Builds `g` (spec set) through to its igraph graph. */
static pg_status finish(pg_graph *g, pg_error *err)
{
    if (build(g) != 0)
        return pg_error_set(err, PG_ENOMEM, "out of memory building the graph");
    return pg_graph_complete(g, err);
}

pg_graph *pg_graph_build_view(const pg_dataset *ds, const pg_view_options *opt, pg_error *err)
{
    pg_view_options defaults = PG_VIEW_OPTIONS_INIT;
    double started = pg_clock();
    pg_graph *g = pg_graph_new(ds);
    if (g == NULL) {
        pg_error_set(err, PG_ENOMEM, "out of memory building the graph");
        return NULL;
    }
    if (make_spec(g, opt ? opt : &defaults, err) != PG_OK || finish(g, err) != PG_OK) {
        pg_graph_free(g);
        return NULL;
    }
    pg_graph_time_built(g, started);
    pg_error_clear(err);
    return g;
}

pg_graph *pg_graph_build_spec(const pg_dataset *ds, const pg_view_spec *spec, pg_error *err)
{
    pg_graph *g = pg_graph_new(ds);
    if (g == NULL) {
        pg_error_set(err, PG_ENOMEM, "out of memory building the graph");
        return NULL;
    }
    g->spec = *spec;
    if (finish(g, err) != PG_OK) {
        pg_graph_free(g);
        return NULL;
    }
    return g;
}

pg_graph *pg_graph_build(const pg_dataset *ds, pg_error *err)
{
    return pg_graph_build_view(ds, NULL, err);
}
