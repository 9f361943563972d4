/* fuzz_load.c - libFuzzer harness: the partygraph/1 loader on arbitrary
 * bytes, by both of its front ends: the whole-text reference (check,
 * parse whole, walk) and the streaming scanner (one thread). They must
 * agree: the same status, the same problems in the same order at the same
 * line:column, and, when loaded, the same records. A disagreement aborts,
 * so that the fuzzer reports it; so does a problem with a JSON path but
 * no line:column.
 *
 * Rules: no output but the difference on stderr before abort(); every
 * problem is looked for (max_errors 0), so that the whole input is read. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/dataset_dump.h"
#include "fuzz.h"
#include "input/read_partygraph.h"
#include "model/dataset.h"

/* A dump of everything one load gives: problems, status, records. */
typedef struct dump {
    char *s;
    size_t len;
    FILE *f;
} dump;

/* Writes one problem to the dump; one with a path must be placed. */
static void collect(const pg_error *e, void *userdata)
{
    dump *d = userdata;
    char line[1400];
    pg_error_format(e, line, sizeof line);
    if (e->path[0] && (e->line <= 0 || e->column <= 0)) {
        fprintf(stderr, "fuzz_load: a problem with a path but no line:column: %s\n", line);
        abort();
    }
    fprintf(d->f, "%s\n", line);
}

/* Loads the bytes in `mode` and returns the dump (malloc'd). */
static char *load_dump(const char *data, size_t len, pg_load_mode mode)
{
    dump d = { NULL, 0, NULL };
    d.f = open_memstream(&d.s, &d.len);
    if (d.f == NULL)
        abort();
    pg_load_options opt = { .max_errors = 0, .on_problem = collect, .userdata = &d };
    pg_error err;
    pg_dataset *ds = pg_read_partygraph_buffer(data, len, "fuzz.json", &opt, mode, &err);
    fprintf(d.f, "== %s\n", ds ? "loaded" : pg_status_name(err.status));
    if (ds != NULL)
        test_dump_dataset(d.f, ds);
    pg_dataset_free(ds);
    if (fclose(d.f) != 0)
        abort();
    return d.s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char *whole = load_dump(text, size, PG_LOAD_WHOLE);
    char *stream = load_dump(text, size, PG_LOAD_ONE_THREAD);
    if (strcmp(whole, stream) != 0) {
        fprintf(stderr, "fuzz_load: the two loaders disagree\n--- whole text:\n%.4000s\n--- streaming:\n%.4000s\n",
                whole, stream);
        abort();
    }
    free(whole);
    free(stream);
    return 0;
}
