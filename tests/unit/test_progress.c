/* test_progress.c - the progress reports and stage timings: the contract
 * of pg_progress_fn (first 0, increasing, last done == total, about a
 * thousand calls at most, from the calling thread only) for the loader,
 * the distance pass on two threads and igraph's betweenness; the stages
 * pg_graph_timings lists and pg_graph_add_timing's checks. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/progress.h"
#include "harness.h"
#include "partygraph.h"

enum { MAX_STAGES = 64 };

/* What one stage reported. */
typedef struct stage_log {
    char name[64];
    size_t calls, first, last, total;
    bool increasing, same_total;
} stage_log;

typedef struct recorder {
    stage_log stage[MAX_STAGES];
    size_t count;
    pthread_t thread;
    bool other_thread;
} recorder;

static void record(const char *stage, size_t done, size_t total, void *userdata)
{
    recorder *r = userdata;
    stage_log *s = r->count ? &r->stage[r->count - 1] : NULL;
    if (!pthread_equal(pthread_self(), r->thread))
        r->other_thread = true;
    if (s == NULL || done == 0 || strcmp(s->name, stage) != 0) {
        if (r->count == MAX_STAGES)
            return;
        s = &r->stage[r->count++];
        *s = (stage_log){ .first = done, .total = total, .increasing = true, .same_total = true };
        snprintf(s->name, sizeof s->name, "%s", stage);
    } else {
        s->increasing &= done > s->last;
        s->same_total &= total == s->total;
    }
    s->calls++;
    s->last = done;
}

static const stage_log *find(const recorder *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->stage[i].name, name) == 0)
            return &r->stage[i];
    return NULL;
}

/* Every stage kept the contract. */
static bool kept(const recorder *r)
{
    for (size_t i = 0; i < r->count; i++) {
        const stage_log *s = &r->stage[i];
        if (s->first != 0 || s->last != s->total || !s->increasing || !s->same_total || s->calls > 1002) {
            printf("# %s: first %zu, last %zu of %zu, %zu calls%s%s\n", s->name, s->first, s->last, s->total, s->calls,
                   s->increasing ? "" : ", not increasing", s->same_total ? "" : ", totals differ");
            return false;
        }
    }
    return !r->other_thread;
}

/* A ring of n parties with a chord every 7: connected, paths of many lengths. */
static char *ring_json(size_t n)
{
    size_t size = 200 + n * 120;
    char *json = malloc(size), *p = json;
    p += sprintf(p, "{\"format\": \"partygraph/1\", \"parties\": [");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s{\"id\": \"p%zu\", \"name\": \"P%zu\"}", i ? "," : "", i, i);
    p += sprintf(p, "], \"relations\": [");
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "%s{\"type\": \"contact\", \"source\": \"p%zu\", \"target\": \"p%zu\"}", i ? "," : "", i,
                     (i + 1) % n);
        if (i % 7 == 0)
            p += sprintf(p, ",{\"type\": \"contact\", \"source\": \"p%zu\", \"target\": \"p%zu\"}", i, (i + n / 3) % n);
    }
    sprintf(p, "]}");
    return json;
}

static void module(void)
{
    recorder r = { .thread = pthread_self() };
    pg_progress p;
    pg_progress_init(&p, record, &r);
    pg_progress_begin(&p, "many", 1000000);
    for (size_t i = 1; i <= 1000000; i++)
        pg_progress_update(&p, i);
    pg_progress_begin(&p, "next", 10); /* ends "many" */
    pg_progress_update(&p, 3);
    pg_progress_end(&p);
    pg_progress_end(&p); /* twice: nothing more */
    pg_progress_begin(&p, "empty", 0);
    CHECK(r.count == 3 && kept(&r), "each stage: first 0, increasing, last = total, at most ~1000 calls");
    CHECK(r.stage[0].calls <= 1001 && r.stage[0].calls >= 1000, "a million updates make about a thousand calls");
    CHECK(r.stage[1].calls == 3 && r.stage[2].calls == 1 && r.stage[2].total == 0,
          "a small stage reports each step; an empty one calls once with 0 of 0");
    pg_progress_init(&p, NULL, NULL);
    pg_progress_begin(&p, "silent", 5);
    pg_progress_update(&p, 2);
    pg_progress_end(&p);
    CHECK(p.stage == NULL, "no callback: nothing is under way");
}

static void analysis(void)
{
    char *json = ring_json(1500);
    recorder r = { .thread = pthread_self() };
    pg_error err;
    pg_load_options lo = PG_LOAD_OPTIONS_INIT;
    lo.progress = record;
    lo.progress_data = &r;
    pg_dataset *ds = pg_dataset_load_buffer(json, strlen(json), "ring.json", &lo, &err);
    const stage_log *reading = find(&r, "reading");
    CHECK(ds != NULL && reading && reading->total == strlen(json), "the loader reports the bytes it has read");
    pg_graph *g = ds ? pg_graph_build(ds, &err) : NULL;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    opt.threads = 2;
    opt.layout = PG_LAYOUT_NONE;
    opt.progress = record;
    opt.progress_data = &r;
    CHECK(g && pg_graph_analyse(g, &opt, &err) == PG_OK, "analysed with progress");
    const stage_log *pass = find(&r, "distance pass and betweenness");
    CHECK(pass && pass->total == 1500 && find(&r, "Betweenness centrality") == NULL,
          "by hops, the distance pass gives betweenness and reports in nodes (igraph's betweenness does not run)");
    opt.weighted_paths = 1;
    CHECK(pg_graph_analyse(g, &opt, &err) == PG_OK, "analysed again, weighted");
    const stage_log *weighted = find(&r, "distance pass"), *betweenness = find(&r, "Betweenness centrality");
    CHECK(weighted && weighted->total == 1500 && betweenness && betweenness->total == 1500,
          "weighted: the distance pass and igraph's betweenness report in nodes");
    CHECK(kept(&r), "every stage keeps the contract, on the calling thread only (two distance threads)");
    pg_graph_free(g);
    pg_dataset_free(ds);
    free(json);
}

static size_t stage_index(const char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return (size_t)-1;
}

static void timings(void)
{
    const char *json = "{\"parties\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],"
                       " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\"}]}";
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(json, strlen(json), "t.json", NULL, &err);
    pg_graph *g = pg_graph_build(ds, &err);
    const char *names[64];
    double seconds[64], total, igraph, algorithms;
    size_t n = pg_graph_timings(g, names, seconds, 64);
    CHECK(n == 2 && strcmp(names[0], "load") == 0 && strcmp(names[1], "build") == 0 && seconds[0] >= 0,
          "a built graph has load and build");
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    pg_graph_analyse(g, &opt, &err);
    char name[32] = "write x.csv";
    CHECK(pg_graph_add_timing(g, name, 0.25, &err) == PG_OK, "a caller's stage is added");
    name[0] = 'W';
    CHECK(pg_graph_add_timing(g, "bad", -1, &err) == PG_EARG && pg_graph_add_timing(g, "bad", NAN, &err) == PG_EARG,
          "negative and NaN seconds are refused");
    n = pg_graph_timings(g, names, seconds, 64);
    CHECK(n > 10 && stage_index(names, n, "betweenness") < stage_index(names, n, "layout") &&
              strcmp(names[n - 1], "write x.csv") == 0 && seconds[n - 1] == 0.25,
          "the analysis stages in order, then the caller's, its name copied");
    pg_graph_timing_totals(g, &total, &igraph, &algorithms);
    double sum = 0, pass = 0;
    for (size_t i = 0; i < n; i++) {
        sum += seconds[i];
        pass += strncmp(names[i], "distance pass", 13) == 0 ? seconds[i] : 0;
    }
    CHECK(igraph > 0 && igraph + algorithms <= sum - 0.25 && sum - 0.25 <= total && algorithms == pass,
          "igraph's share + the distance pass <= the measured stages' sum <= the total");
    pg_graph_analyse(g, &opt, &err);
    CHECK(pg_graph_timings(g, names, seconds, 64) == n - 1, "a new analysis drops the caller's stages");
    pg_graph_free(g);
    pg_dataset_free(ds);
}

void run_tests(void)
{
    module();
    analysis();
    timings();
}
