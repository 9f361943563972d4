/* error.h - filling a pg_error (the struct and its formatting are public
 * in partygraph.h). Every setter accepts err == NULL and returns the status
 * it records, so callers can write `return pg_error_set(err, ...);`. */
#ifndef PG_ERROR_H
#define PG_ERROR_H

#include "partygraph.h"
#include "base/strbuf.h"


/* Clears `err` to "no error". */
void pg_error_clear(pg_error *err);

/* Records `status` with a formatted message and no location. */
pg_status pg_error_set(pg_error *err, pg_status status, const char *fmt, ...) PG_PRINTF(3, 4);

/* As pg_error_set, appending ": " and strerror(errno_value). */
pg_status pg_error_set_errno(pg_error *err, pg_status status, int errno_value,
                             const char *fmt, ...) PG_PRINTF(4, 5);

/* Copies `name` into err->file (truncated to fit). */
void pg_error_set_file(pg_error *err, const char *name);

#endif
