/* read_partygraph.h - the partygraph/1 loader (read_partygraph.c), which
 * load.c runs for the project's own format. Private to the library. */
#ifndef PG_READ_PARTYGRAPH_H
#define PG_READ_PARTYGRAPH_H

#include <stddef.h>

#include <cJSON.h>
#include <stdbool.h>

#include "input/input.h"
#include "input/schema.h"
#include "partygraph.h"

/* How pg_read_partygraph_buffer reads: AUTO as pg_dataset_load_buffer
 * (streaming, two threads for large buffers), or streaming in one or two
 * threads, or the whole-text loader (check, parse whole, walk) that the
 * tests compare the streaming one with. Every mode gives the same dataset
 * and the same problems. */
typedef enum pg_load_mode { PG_LOAD_AUTO, PG_LOAD_ONE_THREAD, PG_LOAD_TWO_THREADS, PG_LOAD_WHOLE } pg_load_mode;

/* Streams the partygraph/1 document whose first `n` bytes are `head`
 * (already read from `in`, which may be standard input) and whose rest is
 * still in `in`. Same contract as pg_dataset_load_buffer; `in` stays the
 * caller's. */
pg_dataset *pg_read_partygraph_input(pg_input *in, const char *head, size_t n, const pg_load_options *opt,
                                     pg_error *err);

/* As pg_dataset_load_buffer, in `mode`, partygraph/1 only. */
pg_dataset *pg_read_partygraph_buffer(const char *data, size_t len, const char *name, const pg_load_options *opt,
                                      pg_load_mode mode, pg_error *err);

/* Reads the members of `root`, a partygraph/1 object built in memory
 * (no repeated keys, numbers as they are), into L's dataset in order, by
 * the code that reads each member of a partygraph/1 file: the loader of
 * tabular partygraph/1 (read_tables.c) builds such a root. Problems are
 * reported at JSON paths ($.parties[3].founded). Returns "go on"; the
 * caller resolves the ids. */
bool pg_read_partygraph_root(pg_loader *L, const cJSON *root);

#endif
