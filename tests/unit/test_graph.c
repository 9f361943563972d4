/* test_graph.c - the merged graph and its analysis, through the public
 * API: merging rules, implied relations, input-order independence,
 * rankings, degenerate graphs, and when betweenness is exact. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "partygraph.h"

typedef struct run {
    pg_dataset *ds;
    pg_graph *g;
} run;

static run analyse(const char *json, const pg_analysis_options *opt)
{
    pg_error err;
    run r = { pg_dataset_load_buffer(json, strlen(json), "t.json", NULL, &err), NULL };
    if (r.ds == NULL) {
        printf("# load failed: %s\n", err.message);
        return r;
    }
    r.g = pg_graph_build(r.ds, &err);
    pg_analysis_options defaults = PG_ANALYSIS_OPTIONS_INIT;
    if (r.g == NULL || pg_graph_analyse(r.g, opt ? opt : &defaults, &err) != PG_OK)
        printf("# analysis failed: %s\n", err.message);
    return r;
}

static void finish(run *r)
{
    pg_graph_free(r->g);
    pg_dataset_free(r->ds);
}

typedef struct written {
    const pg_graph *g;
    pg_format f;
} written;

static void write_format(void *ctx, void *file)
{
    written *w = ctx;
    pg_write(w->g, w->f, file, NULL);
}

static char *output(const pg_graph *g, pg_format f)
{
    written w = { g, f };
    return capture(write_format, &w);
}

static const char *merge_json =
    "{\"sources\": [{\"id\": \"s1\"}, {\"id\": \"s2\"}],"
    " \"countries\": [{\"id\": \"AAA\", \"name\": \"A-land\"}],"
    " \"parties\": [{\"id\": \"b\", \"name\": \"B\"}, {\"id\": \"a\", \"name\": \"A\", \"country\": \"AAA\"}],"
    " \"events\": [{\"id\": \"e\", \"name\": \"E\", \"date\": \"2019-05\", \"country\": \"AAA\", \"host\": \"a\"}],"
    " \"relations\": ["
    "  {\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\", \"date\": \"2017\", \"sources\": [\"s2\"], \"role\": \"x\"},"
    "  {\"type\": \"signed\", \"source\": \"b\", \"target\": \"a\", \"weight\": 2.5, \"date\": \"2018-05-02\", \"sources\": [\"s1\"]},"
    "  {\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\", \"sources\": [\"s1\", \"s2\"], \"role\": \"x\"},"
    "  {\"type\": \"attended\", \"source\": \"b\", \"target\": \"e\"},"
    "  {\"type\": \"contact\", \"source\": \"b\", \"target\": \"b\"}]}";

static void merging(void)
{
    run r = analyse(merge_json, NULL);
    if (r.g == NULL)
        return;
    char *edges = output(r.g, PG_FORMAT_EDGES_CSV);
    CHECK_STR(edges,
              "source,target,weight,count,types,first,last,sources,direction,forward,backward,role\n"
              "AAA,a,1,1,based_in,,,,undirected,0,0,\n"
              "AAA,e,1,1,held_in,2019-05,2019-05,,undirected,0,0,\n"
              "a,b,4.5,3,contact;signed,2017,2018-05-02,s1;s2,undirected,0,0,x\n"
              "a,e,1,1,hosted,2019-05,2019-05,,directed,1,0,\n" /* the host a hosted e */
              "b,e,1,1,attended,2019-05,2019-05,,undirected,0,0,\n",
              "parallel relations merge (sum, count, types, dates, sources); fields imply relations; "
              "undated ties to an event take its date");
    CHECK(pg_graph_self_loops_dropped(r.g) == 1 && pg_graph_edge_count(r.g) == 5, "the self-loop is dropped");
    CHECK(pg_graph_node_count(r.g) == 4 && strcmp(pg_graph_node_id(r.g, 0), "AAA") == 0 &&
              strcmp(pg_graph_node_id(r.g, 3), "e") == 0,
          "nodes are sorted by id");
    free(edges);
    finish(&r);
}

/* The same dataset with every array, object and reference turned around. */
static const char *merge_json_reordered =
    "{\"relations\": ["
    "  {\"target\": \"b\", \"type\": \"contact\", \"source\": \"b\"},"
    "  {\"source\": \"b\", \"type\": \"attended\", \"target\": \"e\"},"
    "  {\"role\": \"x\", \"sources\": [\"s2\", \"s1\"], \"target\": \"a\", \"source\": \"b\", \"type\": \"contact\"},"
    "  {\"sources\": [\"s1\"], \"date\": \"2018-05-02\", \"weight\": 2.5, \"type\": \"signed\", \"source\": \"a\", \"target\": \"b\"},"
    "  {\"role\": \"x\", \"sources\": [\"s2\"], \"date\": \"2017\", \"type\": \"contact\", \"source\": \"b\", \"target\": \"a\"}],"
    " \"events\": [{\"host\": \"a\", \"country\": \"AAA\", \"date\": \"2019-05\", \"name\": \"E\", \"id\": \"e\"}],"
    " \"parties\": [{\"country\": \"AAA\", \"name\": \"A\", \"id\": \"a\"}, {\"name\": \"B\", \"id\": \"b\"}],"
    " \"countries\": [{\"name\": \"A-land\", \"id\": \"AAA\"}],"
    " \"sources\": [{\"id\": \"s2\"}, {\"id\": \"s1\"}]}";

/* Removes, in place, every line of `text` that names the input itself
 * (its SHA-256 or its size), which differ between two input texts. */
static char *without_provenance(char *text)
{
    char *out = text;
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        bool names_input = false;
        for (const char *w = line; w < line + len; w++)
            names_input |= strncmp(w, "sha256", 6) == 0 || strncmp(w, "\"bytes\"", 7) == 0;
        if (!names_input) {
            memmove(out, line, len);
            out += len;
        }
        line += len;
    }
    *out = '\0';
    return text;
}

static void order_independence(void)
{
    run a = analyse(merge_json, NULL), b = analyse(merge_json_reordered, NULL);
    if (a.g && b.g) {
        bool same = true;
        for (int f = 0; f < PG_FORMAT_COUNT; f++) {
            char *x = output(a.g, (pg_format)f), *y = output(b.g, (pg_format)f);
            same &= strcmp(without_provenance(x), without_provenance(y)) == 0;
            free(x);
            free(y);
        }
        CHECK(same, "input order changes no output but the input's own hash and size");
        for (const char *const *m = pg_metric_names(); *m; m++) {
            const double *x = pg_graph_metric(a.g, *m), *y = pg_graph_metric(b.g, *m);
            bool equal = true;
            for (size_t v = 0; v < pg_graph_node_count(a.g); v++)
                equal &= (isnan(x[v]) && isnan(y[v])) || x[v] == y[v];
            same &= equal;
        }
        CHECK(same, "input order changes no metric, bit for bit");
    }
    finish(&a);
    finish(&b);
}

static void rankings(void)
{
    /* a star: hub h with leaves; ties among the leaves break by id */
    run r = analyse("{\"parties\": [{\"id\": \"h\", \"name\": \"H\"}, {\"id\": \"z\", \"name\": \"Z\"},"
                    " {\"id\": \"y\", \"name\": \"Y\"}, {\"id\": \"x\", \"name\": \"X\"}, {\"id\": \"lone\", \"name\": \"L\"}],"
                    " \"relations\": [{\"type\": \"c\", \"source\": \"h\", \"target\": \"z\"},"
                    " {\"type\": \"c\", \"source\": \"h\", \"target\": \"y\"}, {\"type\": \"c\", \"source\": \"h\", \"target\": \"x\"}]}",
                    NULL);
    if (r.g == NULL)
        return;
    size_t top[10];
    size_t n = pg_graph_top(r.g, "degree", 10, top);
    CHECK(n == 5 && strcmp(pg_graph_node_id(r.g, top[0]), "h") == 0 && strcmp(pg_graph_node_id(r.g, top[1]), "x") == 0 &&
              strcmp(pg_graph_node_id(r.g, top[3]), "z") == 0 && strcmp(pg_graph_node_id(r.g, top[4]), "lone") == 0,
          "top lists rank by value, then by id");
    n = pg_graph_top(r.g, "constraint", 10, top);
    CHECK(n == 4 && strcmp(pg_graph_node_id(r.g, top[0]), "h") == 0, "constraint ranks ascending, isolates left out");
    CHECK(isnan(pg_graph_metric(r.g, "constraint")[1]) && pg_graph_metric(r.g, "closeness")[1] == 0 &&
              pg_graph_metric(r.g, "eigenvector")[1] == 0,
          "an isolate: constraint undefined, closeness and eigenvector 0");
    CHECK(pg_graph_metric(r.g, "betweenness")[0] == 3 && pg_graph_metric(r.g, "eigenvector")[0] == 1,
          "the hub: 3 pairs through it, eigenvector scaled to 1");
    CHECK(pg_graph_top(r.g, "clustering", 10, top) == 0 && pg_graph_metric(r.g, "nope") == NULL,
          "unranked and unknown metrics");
    finish(&r);
}

static void metric_names(void)
{
    const char *want[] = { "degree", "strength", "in_degree", "out_degree", "in_strength", "out_strength",
                           "coreness", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
                           "hub", "authority", "constraint", "effective_size", "clustering", "coordinator",
                           "itinerant", "gatekeeper", "representative", "liaison", "community", "stability",
                           NULL };
    const char *const *names = pg_metric_names();
    bool same = true;
    int i = 0;
    for (; want[i] && names[i]; i++)
        same &= strcmp(want[i], names[i]) == 0;
    same &= want[i] == NULL && names[i] == NULL;
    CHECK(same, "the metric names, in output order");
}

static void degenerate(void)
{
    run r = analyse("{\"parties\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}]}", NULL);
    if (r.g == NULL)
        return;
    CHECK(isnan(pg_graph_modularity(r.g)) && pg_graph_community_count(r.g) == 2 && pg_graph_component_count(r.g) == 2,
          "a graph without edges: singletons, modularity undefined");
    char *graphml = output(r.g, PG_FORMAT_GRAPHML), *summary = output(r.g, PG_FORMAT_SUMMARY);
    CHECK(graphml && !strstr(graphml, "nan") && !strstr(graphml, "inf") && summary &&
              strstr(summary, "\"modularity\": null"),
          "undefined values are left out or null");
    free(graphml);
    free(summary);
    for (pg_format f = PG_FORMAT_NODELINK; f <= PG_FORMAT_CYTOSCAPE; f++) {
        char *json = output(r.g, f);
        CHECK(json && !strstr(json, "nan") && !strstr(json, "inf") && strstr(json, "\"constraint\": null"),
              "web JSON: undefined values are null");
        free(json);
    }
    finish(&r);
    r = analyse("{}", NULL);
    CHECK(r.g && pg_graph_node_count(r.g) == 0 && pg_graph_component_count(r.g) == 0, "an empty dataset analyses");
    finish(&r);
}

static void options(void)
{
    pg_error err;
    run r = analyse("{\"parties\": [{\"id\": \"a\", \"name\": \"A\"}]}", NULL);
    pg_graph *fresh = pg_graph_build(r.ds, &err);
    CHECK(pg_write(fresh, PG_FORMAT_GRAPHML, stdout, &err) == PG_EARG, "writing needs an analysed graph");
    pg_analysis_options bad = PG_ANALYSIS_OPTIONS_INIT;
    bad.resolution = 0;
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG, "a resolution of 0 is refused");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.restarts = -1;
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG, "negative restarts are refused");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.restarts = PG_RESTARTS_AUTO;
    CHECK(PG_RESTARTS_AUTO == 0 && pg_graph_analyse(fresh, &bad, &err) == PG_OK, "zero restarts mean automatic");
    pg_cluster c;
    CHECK(pg_cluster_parse("leiden", &c) == PG_OK && c == PG_CLUSTER_LEIDEN && pg_cluster_parse("x", &c) == PG_EARG,
          "algorithm names parse");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.nby = PG_MAX_BY + 1;
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG, "more than PG_MAX_BY homophily attributes are refused");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.closeness_samples = -2;
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG, "negative closeness samples are refused");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.jobs = -1;
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG, "negative jobs are refused");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.metrics = "degree,pagerang";
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_EARG && strstr(err.message, "did you mean 'pagerank'"),
          "an unknown metric is refused with the nearest name");
    CHECK(pg_metric_list_check("degree,", &err) == PG_EARG && pg_metric_list_check("harmonic,degree", &err) == PG_OK,
          "metric lists: an empty name is refused, known names pass");
    bad = (pg_analysis_options)PG_ANALYSIS_OPTIONS_INIT;
    bad.metrics = "closeness";
    CHECK(pg_graph_analyse(fresh, &bad, &err) == PG_OK && pg_graph_metric(fresh, "closeness") &&
              pg_graph_metric(fresh, "pagerank") && !pg_graph_metric(fresh, "betweenness") &&
              strcmp(pg_graph_metric_method(fresh, "closeness", NULL, NULL), "exact") == 0 &&
              !pg_graph_metric_method(fresh, "betweenness", NULL, NULL),
          "metrics not asked for are absent; the size metric is there");
    pg_graph_free(fresh);
    finish(&r);
}

/* Each bad view option on its own is refused with PG_EARG. */
static void view_options(void)
{
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer("{}", 2, "t.json", NULL, &err);
    pg_view_options bad[5];
    for (int i = 0; i < 5; i++)
        bad[i] = (pg_view_options)PG_VIEW_OPTIONS_INIT;
    bad[0].min_weight = NAN;
    bad[1].min_weight = -1;
    bad[2].k_core = -1;
    bad[3].max_event_size = -2;
    bad[4].min_shared = -1;
    int refused = 0;
    for (int i = 0; i < 5; i++) {
        pg_graph *g = pg_graph_build_view(ds, &bad[i], &err);
        refused += g == NULL && err.status == PG_EARG;
        pg_graph_free(g);
    }
    CHECK(refused == 5, "a NaN or negative weight, and negative sizes and counts, are refused");
    pg_dataset_free(ds);
}

/* An ego network's periods are refused; the view's work. */
static void ego_periods(void)
{
    pg_error err;
    run r = analyse("{\"parties\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],"
                    " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\","
                    " \"date\": \"2017\"}]}",
                    NULL);
    if (r.g == NULL)
        return;
    pg_graph *ego = pg_graph_ego(r.g, "a", 1, &err);
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    CHECK(ego && pg_graph_analyse(ego, &opt, &err) == PG_OK &&
              pg_graph_analyse_periods(ego, 12, 12, &err) == PG_EARG &&
              pg_graph_analyse_periods(r.g, 12, 12, &err) == PG_OK,
          "periods: refused on an ego network, computed on its view");
    pg_graph_free(ego);
    finish(&r);
}

/* A ring of 100 parties, each also tied to the one 7 further on (a
 * party and its two relations take under 160 bytes). NULL when out of
 * memory. */
static char *ring(void)
{
    enum { N = 100 };
    char *json = malloc(N * 160 + 64), *at = json;
    if (json == NULL)
        return NULL;
    at += sprintf(at, "{\"parties\": [");
    for (int i = 0; i < N; i++)
        at += sprintf(at, "%s{\"id\": \"p%02d\", \"name\": \"P\"}", i ? ", " : "", i);
    at += sprintf(at, "], \"relations\": [");
    for (int i = 0; i < N; i++)
        at += sprintf(at, "%s{\"type\": \"contact\", \"source\": \"p%02d\", \"target\": \"p%02d\"}, "
                      "{\"type\": \"contact\", \"source\": \"p%02d\", \"target\": \"p%02d\"}",
                      i ? ", " : "", i, (i + 1) % N, i, (i + 7) % N);
    sprintf(at, "]}");
    return json;
}

/* Over its own limit, betweenness by hops is exact when the distance pass
 * runs exactly anyway (closeness asked for, within its limit), sampled
 * when it does not, or when samples are asked for. */
static void betweenness_rule(void)
{
    char *json = ring();
    if (json == NULL)
        return;
    pg_analysis_options exact = PG_ANALYSIS_OPTIONS_INIT, shared = PG_ANALYSIS_OPTIONS_INIT,
                        alone = PG_ANALYSIS_OPTIONS_INIT, asked = PG_ANALYSIS_OPTIONS_INIT;
    exact.betweenness_samples = 0;
    shared.betweenness_limit = alone.betweenness_limit = asked.betweenness_limit = 1; /* n x m = 20,000 */
    shared.metrics = asked.metrics = "betweenness,closeness";
    alone.metrics = "betweenness";
    asked.betweenness_samples = 70;
    run e = analyse(json, &exact), s = analyse(json, &shared), a = analyse(json, &alone), k = analyse(json, &asked);
    long samples = -1;
    int automatic = -1;
    bool same = e.g && s.g && pg_graph_metric(e.g, "betweenness") && pg_graph_metric(s.g, "betweenness");
    for (size_t v = 0; same && v < pg_graph_node_count(e.g); v++)
        same = pg_graph_metric(e.g, "betweenness")[v] == pg_graph_metric(s.g, "betweenness")[v];
    CHECK(same && strcmp(pg_graph_metric_method(s.g, "betweenness", &samples, &automatic), "exact") == 0 &&
              automatic == 0,
          "over its limit, with the distance pass exact for closeness: betweenness exact, bit for bit");
    CHECK(a.g && strcmp(pg_graph_metric_method(a.g, "betweenness", &samples, &automatic), "sampled") == 0 &&
              samples == 64 && automatic == 1,
          "over its limit, betweenness alone: sampled automatically from 64 sources");
    CHECK(k.g && strcmp(pg_graph_metric_method(k.g, "betweenness", &samples, &automatic), "sampled") == 0 &&
              samples == 70 && automatic == 0,
          "samples asked for: sampled, even when the distance pass runs exactly");
    finish(&e);
    finish(&s);
    finish(&a);
    finish(&k);
    free(json);
}

void run_tests(void)
{
    merging();
    order_independence();
    rankings();
    metric_names();
    degenerate();
    options();
    view_options();
    ego_periods();
    betweenness_rule();
}
