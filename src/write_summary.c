/* write_summary.c - summary.json: provenance, counts, structure,
 * communities and the top 10 of every centrality, for scripts and for
 * comparing runs. */
#include "igraph_glue.h"
#include "jsonw.h"
#include "write.h"

enum { TOP = 10 };

static void provenance(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "partygraph");
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "version");
    pg_jsonw_string(w, PG_VERSION);
    pg_jsonw_key(w, "igraph");
    pg_jsonw_string(w, pg_igraph_version());
    pg_jsonw_key(w, "cjson");
    pg_jsonw_string(w, pg_cjson_version());
    pg_jsonw_close(w);
    pg_jsonw_key(w, "input");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "file");
    pg_jsonw_string(w, g->ds->file);
    pg_jsonw_key(w, "bytes");
    pg_jsonw_long(w, (long)g->ds->input_bytes);
    pg_jsonw_key(w, "sha256");
    pg_jsonw_string(w, g->ds->sha256);
    pg_jsonw_key(w, "title");
    pg_jsonw_string(w, g->ds->title);
    pg_jsonw_key(w, "description");
    pg_jsonw_string(w, g->ds->description);
    pg_jsonw_key(w, "sources");
    pg_jsonw_long(w, (long)g->ds->sources.len);
    pg_jsonw_close(w);
}

static void counts(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "nodes");
    pg_jsonw_long(w, (long)g->n);
    pg_jsonw_key(w, "edges");
    pg_jsonw_long(w, (long)g->edges.len);
    pg_jsonw_key(w, "nodes_by_kind");
    pg_jsonw_open(w, '{', true);
    for (int k = 0; k < PG_KIND_COUNT; k++) {
        pg_jsonw_key(w, pg_kind_name((pg_kind)k));
        pg_jsonw_long(w, (long)g->ds->kind_count[k]);
    }
    pg_jsonw_close(w);
    pg_jsonw_key(w, "relations");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "explicit");
    pg_jsonw_long(w, (long)g->explicit_relations);
    pg_jsonw_key(w, "implied");
    pg_jsonw_long(w, (long)g->implied_relations);
    pg_jsonw_key(w, "self_loops_dropped");
    pg_jsonw_long(w, (long)g->self_loops);
    pg_jsonw_key(w, "by_type");
    pg_jsonw_open(w, '{', true);
    for (size_t i = 0; i < g->types.len; i++) {
        pg_jsonw_key(w, g->types.items[i].type);
        pg_jsonw_long(w, g->types.items[i].count);
    }
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

static void structure(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "components");
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "count");
    pg_jsonw_long(w, (long)g->components);
    pg_jsonw_key(w, "largest");
    pg_jsonw_long(w, (long)g->largest_component);
    pg_jsonw_close(w);
    pg_jsonw_key(w, "density");
    pg_jsonw_number(w, g->density);
    pg_jsonw_key(w, "path_lengths");
    pg_jsonw_string(w, g->options.weighted_paths ? "1/weight" : "hops");
}

static void community_sizes(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_open(w, '[', true);
    for (size_t c = 0; c < g->communities; c++)
        pg_jsonw_long(w, (long)g->community_size[c]);
    pg_jsonw_close(w);
}

static void communities(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "communities");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "algorithm");
    pg_jsonw_string(w, pg_cluster_name(g->options.cluster));
    pg_jsonw_key(w, "seed");
    pg_jsonw_long(w, (long)g->options.seed);
    pg_jsonw_key(w, "restarts");
    pg_jsonw_long(w, g->options.restarts);
    pg_jsonw_key(w, "resolution");
    pg_jsonw_number(w, g->options.resolution);
    pg_jsonw_key(w, "count");
    pg_jsonw_long(w, (long)g->communities);
    pg_jsonw_key(w, "modularity");
    pg_jsonw_number(w, g->modularity);
    pg_jsonw_key(w, "objective");
    pg_jsonw_number(w, g->objective);
    pg_jsonw_key(w, "sizes");
    community_sizes(g, w);
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
        pg_jsonw_key(w, "id");
        pg_jsonw_string(w, pg_graph_node_id(g, top[i]));
        pg_jsonw_key(w, "label");
        pg_jsonw_string(w, pg_graph_node_label(g, top[i]));
        pg_jsonw_key(w, "kind");
        pg_jsonw_string(w, pg_kind_name(pg_graph_node_kind(g, top[i])));
        pg_jsonw_key(w, "value");
        pg_jsonw_number(w, VECTOR(g->metric[m])[top[i]]);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
}

static void tops(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "top");
    pg_jsonw_open(w, '{', false);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (pg_metric_table()[m].order != PG_RANK_NONE)
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

void pg_write_summary(const pg_graph *g, FILE *f)
{
    pg_jsonw w;
    pg_jsonw_init(&w, f);
    pg_jsonw_open(&w, '{', false);
    provenance(g, &w);
    pg_jsonw_key(&w, "view");
    pg_jsonw_string(&w, "full");
    counts(g, &w);
    structure(g, &w);
    communities(g, &w);
    tops(g, &w);
    warnings(g, &w);
    pg_jsonw_close(&w);
}
