/* test_output.c - all-or-nothing output sets: commit renames into place,
 * an abandoned set leaves every existing file and directory as it was. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "partygraph.h"

static char root[] = "/tmp/pg-test-output-XXXXXX";

static char *path(const char *name)
{
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", root, name);
    return p;
}

static char *slurp(const char *p)
{
    static char buf[256];
    FILE *f = fopen(p, "r");
    if (f == NULL)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void put(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

/* Number of entries in directory `p` (without . and ..), or -1. */
static int entries(const char *p)
{
    DIR *d = opendir(p);
    if (d == NULL)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Number of dot-files in directory `p` (our temporaries and backups). */
static int hidden(const char *p)
{
    DIR *d = opendir(p);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void committed(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    pg_status st = pg_output_mkdir(o, path("new/deep"), &err);
    FILE *a = pg_output_open(o, path("new/deep/a.txt"), &err), *b = pg_output_open(o, path("b.txt"), &err);
    fputs("alpha", a);
    fputs("beta", b);
    CHECK(st == PG_OK && a && b && slurp(path("new/deep/a.txt")) == NULL, "nothing appears before commit");
    CHECK(pg_output_commit(o, &err) == PG_OK, "commit succeeds");
    pg_output_free(o);
    CHECK_STR(slurp(path("new/deep/a.txt")), "alpha", "the first file is in place");
    CHECK_STR(slurp(path("b.txt")), "beta", "the second file is in place");
    CHECK(entries(path("new/deep")) == 1 && entries(root) == 2, "no temporary file is left");
}

static void abandoned(void)
{
    pg_error err;
    put(path("keep.txt"), "precious");
    pg_output *o = pg_output_new();
    pg_output_mkdir(o, path("made/here"), &err);
    FILE *f = pg_output_open(o, path("keep.txt"), &err);
    FILE *g = pg_output_open(o, path("made/here/x.txt"), &err);
    fputs("overwritten?", f);
    fputs("x", g);
    pg_output_free(o);
    CHECK_STR(slurp(path("keep.txt")), "precious", "an abandoned set leaves the old file untouched");
    CHECK(entries(path("made")) == -1, "directories it created are removed again");
    CHECK(entries(root) == 3, "no temporary file is left");
}

/* The second rename fails (its directory moved away after the file was
 * opened): the first target must get its old contents back. */
static void rolled_back(void)
{
    pg_error err;
    put(path("first.txt"), "old first");
    mkdir(path("sub"), 0777);
    pg_output *o = pg_output_new();
    FILE *a = pg_output_open(o, path("first.txt"), &err), *b = pg_output_open(o, path("sub/second.txt"), &err);
    fputs("new first", a);
    fputs("new second", b);
    rename(path("sub"), path("moved"));
    CHECK(pg_output_commit(o, &err) == PG_EIO && strstr(err.message, "cannot rename") != NULL,
          "a rename failing midway fails the commit");
    pg_output_free(o);
    CHECK_STR(slurp(path("first.txt")), "old first", "files renamed before the failure get their old contents back");
    CHECK(hidden(root) == 0, "no temporary or backup file is left beside the targets");
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s'", path("first.txt"), path("moved"), path("keep.txt"));
    CHECK(system(cmd) == 0, "clean up");
}

static void twice(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    char other[600];
    snprintf(other, sizeof other, "%s/new/../b.txt", root);
    CHECK(pg_output_open(o, path("b.txt"), &err) != NULL && pg_output_open(o, other, &err) == NULL &&
              err.status == PG_EARG && strstr(err.message, "are the same file") != NULL,
          "one file named twice, spelt differently, is refused");
    CHECK(pg_output_mkdir(o, "", &err) == PG_EARG, "an empty directory name is refused");
    pg_output_free(o);
}

static void refused(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    CHECK(pg_output_open(o, path("new"), &err) == NULL && err.status == PG_EIO &&
              strstr(err.message, "is a directory") != NULL,
          "a directory is not a target");
    CHECK(pg_output_open(o, path("nowhere/x.txt"), &err) == NULL && err.status == PG_EIO,
          "a target in a missing directory fails cleanly");
    put(path("plain"), "file");
    CHECK(pg_output_mkdir(o, path("plain/sub"), &err) == PG_EIO, "mkdir through a file fails cleanly");
    pg_output_free(o);
}

void run_tests(void)
{
    if (mkdtemp(root) == NULL) {
        CHECK(false, "a temporary directory");
        return;
    }
    committed();
    abandoned();
    rolled_back();
    twice();
    refused();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0, "clean up");
}
