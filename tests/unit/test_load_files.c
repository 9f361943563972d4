/* test_load_files.c - pg_dataset_load_files: several table files read as
 * one dataset, one file as pg_dataset_load_file_opts reads it, and the
 * lists refused (none, a file that is not a table, two files of one
 * table), each with its message. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "partygraph.h"

static char dir[64];

/* The path of `name` in the scratch folder, in one of four buffers. */
static const char *at(const char *name)
{
    static char paths[4][128];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", dir, name);
    return p;
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

/* The formatted error of loading `paths`, or "(loaded N entities)". */
static const char *outcome(const char *const *paths, size_t n)
{
    static char line[1400];
    pg_error err;
    pg_dataset *ds = pg_dataset_load_files(paths, n, NULL, &err);
    if (ds == NULL)
        return pg_error_format(&err, line, sizeof line);
    snprintf(line, sizeof line, "(loaded %zu entities)", pg_dataset_entity_count(ds));
    pg_dataset_free(ds);
    return line;
}

static void combined(void)
{
    const char *both[] = { at("parties.csv"), at("countries.csv") };
    const char *one[] = { at("parties.csv") };
    pg_error err;
    pg_dataset *ds = pg_dataset_load_file_opts(one[0], NULL, &err);
    CHECK_STR(outcome(both, 2), "(loaded 3 entities)", "two tables: one dataset of their records");
    CHECK(ds == NULL && strcmp(outcome(one, 1), "(loaded 3 entities)") != 0 && err.status == PG_EINVALID,
          "one file: as pg_dataset_load_file_opts (its parties name an unknown country)");
    pg_dataset_free(ds);
}

static void refused(void)
{
    char want[1400];
    const char *json[] = { at("parties.csv"), at("x.json") };
    const char *twice[] = { at("parties.csv"), at("countries.csv"), at("sub/parties.tsv") };
    CHECK_STR(outcome(NULL, 0), "no input files given", "no file");
    snprintf(want, sizeof want, "%s: not a table file (.csv or .tsv, gzipped or not), and only tables are read "
             "together from several files (a workbook or any other input is read alone)", json[1]);
    CHECK_STR(outcome(json, 2), want, "a JSON file among tables, named");
    snprintf(want, sizeof want, "%s: table \"parties\" given twice: by %s and by %s (one file per table)", twice[2],
             twice[0], twice[2]);
    CHECK_STR(outcome(twice, 3), want, "two files of one table, both named");
}

/* Removes the scratch files and folders. */
static void clean(void)
{
    static const char *const names[] = { "parties.csv", "countries.csv", "x.json", "sub/parties.tsv" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        remove(at(names[i]));
    rmdir(at("sub"));
    rmdir(dir);
}

void run_tests(void)
{
    snprintf(dir, sizeof dir, "/tmp/pgloadfiles-XXXXXX");
    if (mkdtemp(dir) == NULL || mkdir(at("sub"), 0700) != 0) {
        test_skip("pg_dataset_load_files", "no scratch folder");
        return;
    }
    write_file("parties.csv", "id,name,country\nred,Red,AAA\nblue,Blue,AAA\n");
    write_file("countries.csv", "id,name\nAAA,Avalon\n");
    write_file("x.json", "{\"format\": \"partygraph/1\"}");
    write_file("sub/parties.tsv", "id\tname\ngold\tGold\n");
    combined();
    refused();
    clean();
}
