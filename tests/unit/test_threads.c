/* test_threads.c - what partygraph.h's THREADS paragraph promises: datasets
 * load in several threads at once (each with the streaming loader's own
 * second thread and cJSON arena), and an analysed graph is written in the
 * text formats by several threads at once, every result the same as one
 * thread alone gets. `make check` runs it plain and under ASan; under
 * ThreadSanitizer it reports no race (by hand: compile the files of src/, this file
 * and harness.c with -fsanitize=thread and the Makefile's libraries). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "partygraph.h"

enum { THREADS = 4 };

static const char dataset[] = "examples/cpc-interparty.json";
static const pg_format formats[] = { PG_FORMAT_GRAPHML, PG_FORMAT_DOT, PG_FORMAT_NODES_CSV,
                                     PG_FORMAT_EDGES_CSV, PG_FORMAT_GEXF, PG_FORMAT_NODELINK };
enum { FORMATS = sizeof formats / sizeof formats[0] };

typedef struct job {
    const pg_graph *g;  /* to write; NULL: load the dataset */
    size_t entities;    /* loaded */
    char *text[FORMATS]; /* written */
    size_t len[FORMATS];
} job;

/* Writes every format of job->g into memory. */
static void write_all(job *j)
{
    for (int f = 0; f < FORMATS; f++) {
        FILE *mem = open_memstream(&j->text[f], &j->len[f]);
        pg_error err;
        if (mem == NULL)
            continue;
        if (pg_write(j->g, formats[f], mem, &err) != PG_OK)
            j->len[f] = 0;
        fclose(mem);
    }
}

static void *run(void *arg)
{
    job *j = arg;
    if (j->g != NULL) {
        write_all(j);
        return NULL;
    }
    pg_error err;
    pg_dataset *ds = pg_dataset_load_file(dataset, &err);
    j->entities = ds ? pg_dataset_entity_count(ds) : 0;
    pg_dataset_free(ds);
    return NULL;
}

/* Runs THREADS copies of `proto` at once into jobs[]; true when all ran. */
static bool run_threads(const job *proto, job jobs[THREADS])
{
    pthread_t t[THREADS];
    int started = 0;
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = *proto;
        if (pthread_create(&t[i], NULL, run, &jobs[i]) == 0)
            started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    return started == THREADS;
}

static void free_texts(job *j)
{
    for (int f = 0; f < FORMATS; f++)
        free(j->text[f]);
}

void run_tests(void)
{
    pg_error err;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    opt.jobs = 1;
    pg_dataset *ds = pg_dataset_load_file(dataset, &err);
    pg_graph *g = ds ? pg_graph_build(ds, &err) : NULL;
    bool analysed = g != NULL && pg_graph_analyse(g, &opt, &err) == PG_OK;
    CHECK(analysed, "the example loads, builds and analyses");
    if (!analysed)
        goto cleanup;

    job load = { 0 }, loads[THREADS];
    CHECK(run_threads(&load, loads), "four threads load at once");
    bool same = true;
    for (int i = 0; i < THREADS; i++)
        same = same && loads[i].entities == pg_dataset_entity_count(ds);
    CHECK(same, "each of them loads every entity");

    job one = { .g = g }, writes[THREADS];
    write_all(&one);
    CHECK(run_threads(&one, writes), "four threads write one graph at once");
    for (int f = 0; f < FORMATS; f++) {
        same = one.len[f] > 0;
        for (int i = 0; i < THREADS; i++)
            same = same && writes[i].len[f] == one.len[f] && memcmp(writes[i].text[f], one.text[f], one.len[f]) == 0;
        char what[96];
        snprintf(what, sizeof what, "%s: the same bytes from every thread as from one", pg_format_filename(formats[f]));
        CHECK(same, what);
    }
    for (int i = 0; i < THREADS; i++)
        free_texts(&writes[i]);
    free_texts(&one);
cleanup:
    pg_graph_free(g);
    pg_dataset_free(ds);
}
