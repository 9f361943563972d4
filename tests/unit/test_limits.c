/* test_limits.c - the input limit (pg_load_options.max_input_bytes) in
 * the library: a buffer, a plain file and a gzip file of exactly the
 * limit are read, one byte more is refused with PG_EINVALID naming the
 * input and the limit (gunzipped bytes counted), the problem reaches
 * on_problem once; and pg_input itself never gives more than the limit
 * (and refuses a plain file larger than it before reading). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "input/input.h"

static const char TEXT[] = "{\"parties\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],"
                           " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\"}]}";
enum { LEN = sizeof TEXT - 1 };

/* Loads `path` (NULL: the buffer) with the limit; returns whether it
 * loaded, the problems seen in *s. */
static bool load(const char *path, unsigned long long limit, test_problems *s, pg_error *err)
{
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    opt.max_errors = 0;
    opt.on_problem = test_collect_problem;
    opt.userdata = s;
    opt.max_input_bytes = limit;
    *s = (test_problems){ 0 };
    pg_dataset *ds = path ? pg_dataset_load_file_opts(path, &opt, err)
                          : pg_dataset_load_buffer(TEXT, LEN, "buf", &opt, err);
    bool ok = ds != NULL && pg_dataset_entity_count(ds) == 2;
    pg_dataset_free(ds);
    return ok;
}

static void limits(const char *path, const char *name, const char *suffix)
{
    char what[160], want[200];
    test_problems s;
    pg_error err;
    snprintf(what, sizeof what, "%s of %d bytes, limit %d: read", name, LEN, LEN);
    CHECK(load(path, LEN, &s, &err) && s.count == 0, what);
    snprintf(what, sizeof what, "%s of %d bytes, no limit (0): read", name, LEN);
    CHECK(load(path, 0, &s, &err), what);
    snprintf(what, sizeof what, "%s, limit %d: PG_EINVALID, one problem", name, LEN - 1);
    CHECK(!load(path, LEN - 1, &s, &err) && err.status == PG_EINVALID && s.count == 1, what);
    snprintf(want, sizeof want, "input larger than the limit of %d bytes%s (--max-input-bytes)", LEN - 1, suffix);
    CHECK_STR(err.message, want, "the message gives the limit");
    CHECK_STR(err.file, path ? path : "buf", "the problem names the input");
}

/* Two reads of `path` with a limit of 10 bytes: of 5 bytes, then of
 * more; returns both results. */
static void two_reads(const char *path, long *first, long *second, pg_error *err)
{
    pg_input *in = NULL;
    char buf[4096];
    *first = *second = 0;
    if (pg_input_open(path, &in, err) != PG_OK)
        return;
    pg_input_limit(in, 10);
    *first = pg_input_read(in, buf, 5, err);
    *second = pg_input_read(in, buf, sizeof buf, err);
    pg_input_close(in);
}

static void input_reads(const char *plain, const char *packed)
{
    long first, second;
    pg_error err;
    two_reads(packed, &first, &second, &err);
    CHECK(first == 5 && second == -1 && err.status == PG_EINVALID,
          "pg_input_read, gzip: 5 bytes of 10, then the read that would pass the limit fails");
    two_reads(plain, &first, &second, &err);
    CHECK(first == -1 && err.status == PG_EINVALID, "pg_input_read, a plain file larger than the limit: the first read fails");
}

void run_tests(void)
{
    char plain[] = "/tmp/pg-limits-XXXXXX", packed[] = "/tmp/pg-limits-gz-XXXXXX";
    int fd = mkstemp(plain), gzfd = mkstemp(packed);
    gzFile gz = gzfd >= 0 ? gzdopen(gzfd, "wb9") : NULL;
    bool made = fd >= 0 && write(fd, TEXT, LEN) == LEN && gz != NULL && gzwrite(gz, TEXT, LEN) == LEN;
    if (gz != NULL)
        made &= gzclose(gz) == Z_OK;
    if (fd >= 0)
        close(fd);
    CHECK(made, "the test files are written");
    limits(NULL, "a buffer", "");
    limits(plain, "a file", "");
    limits(packed, "a gzip file", " once gunzipped");
    input_reads(plain, packed);
    unlink(plain);
    unlink(packed);
}
