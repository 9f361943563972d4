/* zipmem.h - a zip archive built in memory by libzip, the container of
 * the workbooks (write_xlsx.c, write_ods.c): each part's text written by
 * a function into memory and added with a fixed time (the same content
 * gives the same bytes), then the whole archive copied to a stream. */
#ifndef PG_ZIPMEM_H
#define PG_ZIPMEM_H

#include <stdbool.h>
#include <stdio.h>
#include <zip.h>

#include "partygraph.h"

typedef struct pg_zipmem {
    zip_source_t *src; /* the buffer the archive is written into */
    zip_t *z;
} pg_zipmem;

/* Writes a part's text to `f`; false when out of memory. */
typedef bool pg_zipmem_text_fn(FILE *f, const void *data);

/* Opens an empty archive. PG_OK or PG_EINTERNAL. */
pg_status pg_zipmem_open(pg_zipmem *m);

/* Adds part `name` holding what fn(f, data) writes, deflated or, with
 * `stored`, as it is. PG_OK, PG_ENOMEM or PG_EINTERNAL. */
pg_status pg_zipmem_add(pg_zipmem *m, const char *name, bool stored, pg_zipmem_text_fn *fn, const void *data);

/* When `st` is PG_OK, closes the archive and copies its bytes to `out`;
 * otherwise discards it. Releases `m` either way; returns `st`, or the
 * failure of closing or copying (PG_EINTERNAL). */
pg_status pg_zipmem_finish(pg_zipmem *m, pg_status st, FILE *out);

#endif
