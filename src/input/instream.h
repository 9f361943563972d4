/* instream.h - the bytes of a caller's FILE *, gunzipped when they begin
 * with gzip's magic bytes: what pg_input reads for pg_dataset_load_stream.
 * The FILE is borrowed: read from the position it is at, never closed. */
#ifndef PG_INSTREAM_H
#define PG_INSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pg_instream pg_instream;

/* Returns a new reader of `f`, or NULL when out of memory. */
pg_instream *pg_instream_new(FILE *f);

enum { PG_INSTREAM_NOMEM = -2 };

/* Reads up to `cap` bytes into `buf`: returns how many (0 at the end);
 * -1 with *why NULL when the FILE failed (errno says why) or *why the
 * reason when the gzip data is corrupt or truncated; PG_INSTREAM_NOMEM
 * when zlib ran out of memory. */
long pg_instream_read(pg_instream *s, void *buf, size_t cap, const char **why);

/* True when the bytes are being gunzipped (known after the first read). */
bool pg_instream_compressed(const pg_instream *s);

/* Releases `s` (not its FILE); NULL is allowed. */
void pg_instream_free(pg_instream *s);

#endif
