/* write_summary.c - summary.json: provenance, how the view was built
 * (with what it left out), counts, structure (with the directed network's
 * arcs and reciprocity), communities, homophily, brokerage, the top 10 of
 * every centrality, after pg_graph_analyse_periods the periods and their
 * rank changes, the claims as dated series and, with the timings option,
 * the stages' times. For scripts and for comparing runs. Metrics left out
 * by options.metrics are absent (no key), never zero; how each metric was
 * computed (exact or estimated) is under "metrics". */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

#include "model/igraph_glue.h"
#include "write/jsonw.h"
#include "write/write.h"

enum { TOP = 10 };

static void key_string(pg_jsonw *w, const char *key, const char *value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_string(w, value);
}

static void key_long(pg_jsonw *w, const char *key, long value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_long(w, value);
}

static void key_number(pg_jsonw *w, const char *key, double value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_number(w, value);
}

static void provenance(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "partygraph");
    pg_jsonw_open(w, '{', true);
    key_string(w, "version", PG_VERSION);
    key_string(w, "igraph", pg_igraph_version());
    key_string(w, "cjson", pg_cjson_version());
    pg_jsonw_close(w);
    pg_jsonw_key(w, "input");
    pg_jsonw_open(w, '{', false);
    key_string(w, "file", g->ds->file);
    key_long(w, "bytes", (long)g->ds->input_bytes);
    key_string(w, "sha256", g->ds->sha256);
    key_string(w, "title", g->ds->title);
    key_string(w, "description", g->ds->description);
    key_long(w, "sources", (long)g->ds->sources.len);
    pg_jsonw_close(w);
}

static void key_bool(pg_jsonw *w, const char *key, bool value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_bool(w, value);
}

static void day(pg_jsonw *w, const char *key, long yyyymmdd, bool set)
{
    char text[16];
    pg_date d = { (short)(yyyymmdd / 10000), (unsigned char)(yyyymmdd / 100 % 100), (unsigned char)(yyyymmdd % 100) };
    key_string(w, key, set ? pg_date_format(d, text, sizeof text) : NULL);
}

/* The entities (--exclude) and relation types (--types, --exclude-types,
 * --no-structural) the view leaves out, by id. */
static void left_out(const pg_graph *g, pg_jsonw *w)
{
    const pg_view_spec *s = &g->spec;
    pg_jsonw_key(w, "excluded");
    pg_jsonw_open(w, '[', true);
    for (size_t e = 0; s->excluded && e < g->ds->entities.len; e++)
        if (s->excluded[e])
            pg_jsonw_string(w, g->ds->entities.items[e].id);
    pg_jsonw_close(w);
    size_t nt = g->ds->relation_types.len, n = 0;
    const char **off = s->type_off ? malloc((nt ? nt : 1) * sizeof *off) : NULL;
    for (size_t t = 0; off && t < nt; t++)
        if (s->type_off[t])
            off[n++] = g->ds->relation_types.items[t].id;
    if (s->type_off && off == NULL)
        errno = ENOMEM;
    pg_vec_sort(off, n, sizeof *off, pg_str_compare); /* by id: the input's order decides nothing */
    pg_jsonw_key(w, "types_left_out");
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < n; i++)
        pg_jsonw_string(w, off[i]);
    pg_jsonw_close(w);
    free(off);
}

static void view(const pg_graph *g, pg_jsonw *w)
{
    const pg_view_spec *s = &g->spec;
    pg_jsonw_key(w, "view");
    pg_jsonw_open(w, '{', false);
    key_string(w, "name", pg_view_name(s->view));
    key_string(w, "projection", s->view == PG_VIEW_FULL ? NULL : pg_projection_name(s->projection));
    key_long(w, "max_event_size", s->max_event_size);
    key_long(w, "min_shared", s->min_shared);
    day(w, "from", s->from_day, s->windowed && s->from_day > 0);
    day(w, "to", s->to_day, s->windowed && s->to_day < 99999999);
    key_bool(w, "dated_only", s->dated_only);
    key_string(w, "undated", s->undated_keep ? "keep" : "omit");
    key_long(w, "undated_left_out", (long)g->undated_left_out);
    key_long(w, "timeless_left_out", (long)g->timeless_left_out);
    pg_jsonw_key(w, "kinds");
    pg_jsonw_open(w, '[', true);
    for (int k = 0; k < PG_KIND_COUNT; k++)
        if (s->kinds == 0 || (s->kinds & (1u << k)))
            pg_jsonw_string(w, pg_kind_name((pg_kind)k));
    pg_jsonw_close(w);
    pg_jsonw_key(w, "where"); /* a list: one attribute may be given twice */
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < s->nwhere; i++) {
        pg_jsonw_open(w, '{', true);
        key_string(w, "attr", s->where[i].attr);
        key_string(w, "value", s->where[i].value);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
    left_out(g, w);
    key_number(w, "min_weight", s->min_weight);
    key_bool(w, "giant", s->giant);
    key_long(w, "k_core", s->k_core);
    pg_jsonw_close(w);
}

/* The relation type named `type` in g's dataset, or NULL. */
static const pg_relation_type *type_named(const pg_graph *g, const char *type)
{
    for (size_t t = 0; t < g->ds->relation_types.len; t++)
        if (strcmp(g->ds->relation_types.items[t].id, type) == 0)
            return &g->ds->relation_types.items[t];
    return NULL;
}

static bool is_directed(const pg_relation_type *t) { return t->directed; }
static bool is_structural(const pg_relation_type *t) { return t->structural; }

/* Under `key`, the types of the view's relations that `has`. */
static void types_with(const pg_graph *g, pg_jsonw *w, const char *key, bool (*has)(const pg_relation_type *))
{
    pg_jsonw_key(w, key);
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < g->types.len; i++) {
        const pg_relation_type *t = type_named(g, g->types.items[i].type);
        if (t != NULL && has(t))
            pg_jsonw_string(w, t->id);
    }
    pg_jsonw_close(w);
}

static void counts(const pg_graph *g, pg_jsonw *w)
{
    long by_kind[PG_KIND_COUNT] = { 0 };
    for (size_t v = 0; v < g->n; v++)
        by_kind[pg_graph_node_kind(g, v)]++;
    key_long(w, "nodes", (long)g->n);
    key_long(w, "edges", (long)g->edges.len);
    pg_jsonw_key(w, "nodes_by_kind");
    pg_jsonw_open(w, '{', true);
    for (int k = 0; k < PG_KIND_COUNT; k++)
        key_long(w, pg_kind_name((pg_kind)k), by_kind[k]);
    pg_jsonw_close(w);
    pg_jsonw_key(w, "relations");
    pg_jsonw_open(w, '{', false);
    key_long(w, "explicit", (long)g->explicit_relations);
    key_long(w, "implied", (long)g->implied_relations);
    key_long(w, "self_loops_dropped", (long)g->self_loops);
    pg_jsonw_key(w, "by_type");
    pg_jsonw_open(w, '{', true);
    for (size_t i = 0; i < g->types.len; i++)
        key_long(w, g->types.items[i].type, g->types.items[i].count);
    pg_jsonw_close(w);
    types_with(g, w, "directed_types", is_directed);
    types_with(g, w, "structural_types", is_structural);
    pg_jsonw_close(w);
}

static void structure(const pg_graph *g, pg_jsonw *w)
{
    static const char *const names[4] = { "degree", "betweenness", "closeness", "eigenvector" };
    pg_jsonw_key(w, "components");
    pg_jsonw_open(w, '{', true);
    key_long(w, "count", (long)g->components);
    key_long(w, "largest", (long)g->largest_component);
    pg_jsonw_close(w);
    key_number(w, "density", g->density);
    key_string(w, "path_lengths", g->options.weighted_paths ? "1/weight" : "hops");
    pg_jsonw_key(w, "structure");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "centralization");
    pg_jsonw_open(w, '{', true);
    for (int i = 0; i < 4; i++)
        if (g->metric_on[pg_metric_index(names[i])])
            key_number(w, names[i], g->structure.centralization[i]);
    pg_jsonw_close(w);
    key_number(w, "diameter", g->structure.diameter);
    key_number(w, "average_path_length", g->structure.average_path_length);
    key_number(w, "transitivity", g->structure.transitivity);
    key_long(w, "arcs", g->structure.arcs);
    key_number(w, "reciprocity", g->structure.reciprocity);
    pg_jsonw_close(w);
}

/* The sampled sources `ids` (entities) of a path metric. */
static void sources(const pg_graph *g, pg_jsonw *w, const long *ids, size_t count)
{
    pg_jsonw_key(w, "sources");
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < count; i++)
        pg_jsonw_string(w, g->ds->entities.items[ids[i]].id);
    pg_jsonw_close(w);
}

static void betweenness(const pg_graph *g, pg_jsonw *w)
{
    const pg_analysis_options *o = &g->options;
    bool sampled = g->betweenness_sources != NULL;
    if (!g->metric_on[pg_metric_index("betweenness")])
        return;
    pg_jsonw_key(w, "betweenness");
    pg_jsonw_open(w, '{', false);
    key_string(w, "method", sampled ? "sampled" : o->cutoff > 0 ? "cutoff" : "exact");
    key_bool(w, "approximate", sampled || o->cutoff > 0);
    key_long(w, "samples", (long)g->nbetweenness_sources);
    key_bool(w, "automatic", g->betweenness_auto);
    key_long(w, "seed", (long)o->seed);
    key_number(w, "cutoff", o->cutoff > 0 ? o->cutoff : NAN);
    sources(g, w, g->betweenness_sources, g->nbetweenness_sources);
    pg_jsonw_close(w);
}

/* The distance pass: closeness, harmonic, diameter, average path length. */
static void closeness(const pg_graph *g, pg_jsonw *w)
{
    static const char *const covers[4] = { "closeness", "harmonic", "diameter", "average_path_length" };
    bool sampled = g->closeness_sources != NULL;
    if (!g->metric_on[pg_metric_index("closeness")] && !g->metric_on[pg_metric_index("harmonic")])
        return; /* the pass did not run */
    pg_jsonw_key(w, "closeness");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "covers");
    pg_jsonw_open(w, '[', true);
    for (int i = 0; i < 4; i++)
        pg_jsonw_string(w, covers[i]);
    pg_jsonw_close(w);
    key_string(w, "method", sampled ? "sampled" : "exact");
    key_bool(w, "approximate", sampled);
    key_long(w, "samples", (long)g->ncloseness_sources);
    key_bool(w, "automatic", g->closeness_auto);
    key_long(w, "seed", (long)g->options.seed);
    sources(g, w, g->closeness_sources, g->ncloseness_sources);
    pg_jsonw_close(w);
}

/* Metric name -> how it was computed, for the metrics computed. */
static void methods(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "metrics");
    pg_jsonw_open(w, '{', false);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (g->metric_on[m])
            key_string(w, pg_metric_table()[m].name, pg_graph_metric_method(g, pg_metric_table()[m].name, NULL, NULL));
    pg_jsonw_close(w);
}

static void communities(const pg_graph *g, pg_jsonw *w)
{
    const pg_analysis_options *o = &g->options;
    pg_jsonw_key(w, "communities");
    pg_jsonw_open(w, '{', false);
    key_string(w, "algorithm", pg_cluster_name(o->cluster));
    key_long(w, "seed", (long)o->seed);
    key_long(w, "restarts", g->restarts_used);
    key_bool(w, "restarts_automatic", g->restarts_auto);
    key_number(w, "resolution", o->resolution);
    key_long(w, "runs", o->runs);
    key_long(w, "count", (long)g->communities);
    key_number(w, "modularity", g->modularity);
    key_number(w, "objective", g->objective);
    key_number(w, "nmi_mean", g->nmi_mean);
    key_number(w, "vi_mean", g->vi_mean);
    pg_jsonw_key(w, "sizes");
    pg_jsonw_open(w, '[', true);
    for (size_t c = 0; c < g->communities; c++)
        pg_jsonw_long(w, (long)g->community_size[c]);
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

/* How the pictures were made: layout, size metric, labels. */
static void pictures(const pg_graph *g, pg_jsonw *w)
{
    const pg_analysis_options *o = &g->options;
    pg_jsonw_key(w, "pictures");
    pg_jsonw_open(w, '{', true);
    key_string(w, "layout", g->has_layout ? pg_layout_name(pg_layout_resolve(o->layout)) : "none");
    key_string(w, "size_by", o->size_by);
    key_long(w, "label_top", o->label_top);
    pg_jsonw_close(w);
}

static void mixing(const pg_homophily *h, pg_jsonw *w)
{
    pg_jsonw_key(w, h->attr);
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "values");
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < h->nvalues; i++)
        pg_jsonw_string(w, h->values[i]);
    pg_jsonw_close(w);
    pg_jsonw_key(w, "matrix");
    pg_jsonw_open(w, '[', false);
    for (size_t i = 0; i < h->nvalues; i++) {
        pg_jsonw_open(w, '[', true);
        for (size_t j = 0; j < h->nvalues; j++)
            pg_jsonw_long(w, h->mixing[i * h->nvalues + j]);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

static void homophily(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "assortativity");
    pg_jsonw_open(w, '{', false);
    for (size_t i = 0; i < g->nhomophily; i++)
        key_number(w, g->homophily[i].attr, g->homophily[i].assortativity);
    pg_jsonw_close(w);
    pg_jsonw_key(w, "ei");
    pg_jsonw_open(w, '{', false);
    for (size_t i = 0; i < g->nhomophily; i++) {
        const pg_homophily *h = &g->homophily[i];
        long all = h->internal + h->external;
        key_number(w, h->attr, all ? (double)(h->external - h->internal) / (double)all : NAN);
    }
    pg_jsonw_close(w);
    pg_jsonw_key(w, "mixing");
    pg_jsonw_open(w, '{', false);
    for (size_t i = 0; i < g->nhomophily; i++)
        mixing(&g->homophily[i], w);
    pg_jsonw_close(w);
}

static void brokerage(const pg_graph *g, pg_jsonw *w)
{
    int first = pg_metric_index("coordinator");
    pg_jsonw_key(w, "brokerage");
    pg_jsonw_open(w, '{', false);
    key_string(w, "group_by", g->options.group_by);
    pg_jsonw_key(w, "totals");
    pg_jsonw_open(w, '{', true);
    for (int r = 0; r < 5; r++)
        if (g->metric_on[first + r])
            key_long(w, pg_metric_table()[first + r].name, g->structure.brokerage_total[r]);
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

static void top_list(const pg_graph *g, pg_jsonw *w, int m)
{
    size_t top[TOP];
    size_t n = pg_graph_top(g, pg_metric_table()[m].name, TOP, top);
    pg_jsonw_key(w, pg_metric_table()[m].name);
    pg_jsonw_open(w, '[', false);
    for (size_t i = 0; i < n; i++) {
        pg_jsonw_open(w, '{', true);
        key_string(w, "id", pg_graph_node_id(g, top[i]));
        key_string(w, "label", pg_graph_node_label(g, top[i]));
        key_string(w, "kind", pg_kind_name(pg_graph_node_kind(g, top[i])));
        key_number(w, "value", VECTOR(g->metric[m])[top[i]]);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
}

static void tops(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "top");
    pg_jsonw_open(w, '{', false);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (pg_metric_table()[m].order != PG_RANK_NONE && g->metric_on[m])
            top_list(g, w, m);
    pg_jsonw_close(w);
}

static void warnings(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "warnings");
    pg_jsonw_open(w, '[', false);
    for (int i = 0; i < g->nwarnings; i++)
        pg_jsonw_string(w, g->warnings[i]);
    pg_jsonw_close(w);
}

/* Seconds to the microsecond, for people reading the file. */
static double microseconds(double seconds)
{
    return round(seconds * 1e6) / 1e6;
}

/* With the timings option: each stage's seconds in the order run, and
 * the totals (see pg_graph_timing_totals). They differ from run to run,
 * so they are left out otherwise. */
static void timings(const pg_graph *g, pg_jsonw *w)
{
    double total, igraph, algorithms;
    pg_graph_timing_totals(g, &total, &igraph, &algorithms);
    pg_jsonw_key(w, "timings");
    pg_jsonw_open(w, '{', false);
    for (size_t i = 0; i < g->timings.count; i++)
        key_number(w, g->timings.stage[i].name, microseconds(g->timings.stage[i].seconds));
    pg_jsonw_close(w);
    pg_jsonw_key(w, "timing_totals");
    pg_jsonw_open(w, '{', true);
    key_number(w, "total", microseconds(total));
    key_number(w, "igraph", microseconds(igraph));
    key_number(w, "own", microseconds(total) - microseconds(igraph));
    key_number(w, "algorithms", microseconds(algorithms));
    key_number(w, "overhead", microseconds(total) - microseconds(igraph) - microseconds(algorithms));
    pg_jsonw_close(w);
}

void pg_write_summary(const pg_graph *g, FILE *f)
{
    pg_jsonw w;
    pg_jsonw_init(&w, f);
    pg_jsonw_open(&w, '{', false);
    provenance(g, &w);
    view(g, &w);
    counts(g, &w);
    structure(g, &w);
    methods(g, &w);
    betweenness(g, &w);
    closeness(g, &w);
    communities(g, &w);
    homophily(g, &w);
    brokerage(g, &w);
    tops(g, &w);
    pictures(g, &w);
    if (g->periods)
        pg_write_period_changes(g, &w);
    pg_write_claim_series(g, &w);
    warnings(g, &w);
    if (g->options.timings)
        timings(g, &w);
    pg_jsonw_close(&w);
}
