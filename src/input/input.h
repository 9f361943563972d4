/* input.h - the bytes of an input: a file, standard input ("-") or either
 * of them gzip-compressed (detected from the content, not the name), read
 * in chunks so that a loader never needs the whole file in memory.
 *
 * A pg_input belongs to whoever opened it and is released by
 * pg_input_close. The library never reads standard input unless the path
 * is "-". */
#ifndef PG_INPUT_H
#define PG_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "partygraph.h"

typedef struct pg_input pg_input;

/* Opens `path` ("-" = standard input) for reading. Returns PG_OK and the
 * input in *out, or PG_EIO with the reason in `err` (a directory, a missing
 * file, no permission). */
pg_status pg_input_open(const char *path, pg_input **out, pg_error *err);

/* Opens the caller's stream `f` (borrowed: read from where it is, never
 * closed), named `name` in messages; gzip data is detected and gunzipped
 * as for a path. Returns PG_OK and the input in *out, or PG_ENOMEM. */
pg_status pg_input_open_stream(FILE *f, const char *name, pg_input **out, pg_error *err);

/* Limits what reads may give to `max_bytes` (0: no limit, the default):
 * the read that would pass it fails with PG_EINVALID instead, naming the
 * input and the limit; so does the first read of a plain regular file
 * larger than that. For gzip the gunzipped bytes count. */
void pg_input_limit(pg_input *in, unsigned long long max_bytes);

/* The name to print in messages: the path, or "<stdin>". */
const char *pg_input_name(const pg_input *in);

/* True when the bytes are being gunzipped. */
bool pg_input_compressed(const pg_input *in);

/* The number of bytes reads will give when known in advance (a plain
 * regular file), else 0. */
size_t pg_input_size(pg_input *in);

/* Reads up to `cap` bytes into `buf`. Returns the number read (0 at the
 * end), or -1 with the reason in `err` (a read error, a corrupt or
 * truncated gzip stream: PG_EIO; more bytes than the limit: PG_EINVALID). */
long pg_input_read(pg_input *in, void *buf, size_t cap, pg_error *err);

/* The `n` bytes at `head` (already read from `in`; NULL when n is 0)
 * followed by everything that is left, in a new malloc'ed buffer with a
 * NUL after the `*len` bytes; the caller frees it. Returns PG_OK, PG_EIO,
 * PG_EINVALID (over the limit) or PG_ENOMEM (buffer NULL then). */
pg_status pg_input_read_all(pg_input *in, const char *head, size_t n, char **out, size_t *len, pg_error *err);

/* Closes the input; accepts NULL. Never closes standard input. */
void pg_input_close(pg_input *in);

#endif
