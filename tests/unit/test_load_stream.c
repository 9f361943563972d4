/* test_load_stream.c - pg_dataset_load_stream: a dataset read from a
 * caller's FILE * (memory, a pipe, a file at an offset), gzip data made by
 * the gzip program (one member, two members, trailing bytes, truncated,
 * corrupt), the input limit, the name in messages. Each result is compared
 * with loading the same bytes from the file by path. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "partygraph.h"

static const char example[] = "examples/cpc-interparty.json";

/* Entities, relations and SHA-256 of a dataset, to compare two loads. */
typedef struct digest {
    size_t entities, relations;
    char sha256[65];
} digest;

static bool digest_of(pg_dataset *ds, digest *d)
{
    if (ds == NULL)
        return false;
    d->entities = pg_dataset_entity_count(ds);
    d->relations = pg_dataset_relation_count(ds);
    snprintf(d->sha256, sizeof d->sha256, "%s", pg_dataset_sha256(ds));
    pg_dataset_free(ds);
    return true;
}

static bool same(const digest *a, const digest *b)
{
    return a->entities == b->entities && a->relations == b->relations && strcmp(a->sha256, b->sha256) == 0;
}

/* Loads what the shell command `cmd` writes, through a pipe. */
static pg_dataset *from_command(const char *cmd, pg_error *err)
{
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return NULL;
    pg_dataset *ds = pg_dataset_load_stream(p, "pipe", NULL, err);
    pclose(p);
    return ds;
}

static void gzip_cases(const digest *want)
{
    pg_error err;
    digest got;
    CHECK(digest_of(from_command("gzip -c examples/cpc-interparty.json", &err), &got) && same(&got, want),
          "gzip data through a pipe: the file's dataset, the SHA-256 of the gunzipped bytes");
    CHECK(digest_of(from_command("head -c 5000 examples/cpc-interparty.json | gzip -c;"
                                 "tail -c +5001 examples/cpc-interparty.json | gzip -c", &err), &got) &&
              same(&got, want),
          "two gzip members one after the other (cat a.gz b.gz)");
    CHECK(digest_of(from_command("gzip -c examples/cpc-interparty.json; printf 'not gzip'", &err), &got) &&
              same(&got, want),
          "bytes after the last member that start no other are ignored, as gzip does");
    pg_dataset *ds = from_command("gzip -c examples/cpc-interparty.json | head -c 3000", &err);
    CHECK(ds == NULL && err.status == PG_EIO && strstr(err.message, "truncated gzip data") != NULL,
          "truncated gzip data: PG_EIO, said so");
    pg_dataset_free(ds);
    ds = from_command("t=$(mktemp) && gzip -c examples/cpc-interparty.json > \"$t\" &&"
                      "head -c 200 \"$t\"; printf 'ZZZZZZZZZZZZZZZZ'; tail -c +217 \"$t\"; rm -f \"$t\"", &err);
    CHECK(ds == NULL && err.status != PG_OK, "corrupt gzip data: an error, not a dataset");
    pg_dataset_free(ds);
}

static void plain_cases(const digest *want)
{
    pg_error err;
    digest got;
    CHECK(digest_of(from_command("cat examples/cpc-interparty.json", &err), &got) && same(&got, want),
          "plain data through a pipe: the file's dataset");
    FILE *f = fopen(example, "rb");
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    int c;
    fputs("JUNK", mem);
    while (f != NULL && (c = getc(f)) != EOF)
        putc(c, mem);
    fclose(mem);
    if (f != NULL)
        fclose(f);
    FILE *at = fmemopen(text, len, "rb");
    fseek(at, 4, SEEK_SET);
    CHECK(digest_of(pg_dataset_load_stream(at, NULL, NULL, &err), &got) && same(&got, want),
          "a memory stream read from where it is (after 4 bytes of junk)");
    CHECK(ftell(at) == (long)len, "... to its end, and left open");
    fclose(at);
    free(text);
}

static void problems(void)
{
    pg_error err;
    FILE *m = fmemopen((char[]){ "{\"format\": \"partygraph/1\", " }, 27, "rb");
    pg_dataset *ds = pg_dataset_load_stream(m, NULL, NULL, &err);
    CHECK(ds == NULL && err.status == PG_EINVALID && strcmp(err.file, "<stream>") == 0 && err.line == 1,
          "a truncated document: PG_EINVALID, in \"<stream>\" at line 1");
    fclose(m);
    FILE *w = fopen("/dev/null", "w");
    ds = w ? pg_dataset_load_stream(w, "write-only", NULL, &err) : NULL;
    CHECK(w && ds == NULL && err.status == PG_EIO && strstr(err.message, "cannot read 'write-only'") != NULL,
          "a stream that cannot be read: PG_EIO with the system's reason");
    if (w != NULL)
        fclose(w);
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    opt.max_input_bytes = ~0ULL; /* the largest limit: no wrap-around to "read nothing" */
    ds = pg_dataset_load_file_opts(example, &opt, &err);
    CHECK(ds != NULL, "a limit of ULLONG_MAX loads the file");
    pg_dataset_free(ds);
    opt.max_input_bytes = 1000;
    FILE *p = popen("gzip -c examples/cpc-interparty.json", "r");
    ds = p ? pg_dataset_load_stream(p, "big", &opt, &err) : NULL;
    CHECK(p && ds == NULL && err.status == PG_EINVALID && strstr(err.message, "once gunzipped") != NULL,
          "max_input_bytes counts the gunzipped bytes of a stream");
    if (p != NULL)
        pclose(p);
}

void run_tests(void)
{
    pg_error err;
    digest want;
    if (!CHECK(digest_of(pg_dataset_load_file(example, &err), &want), "the example loads by path"))
        return;
    plain_cases(&want);
    gzip_cases(&want);
    problems();
}
