/* jsonw.h - a small streaming JSON writer with stable, indented output.
 * Containers opened "inline" keep their members on one line. */
#ifndef PG_JSONW_H
#define PG_JSONW_H

#include <stdbool.h>
#include <stdio.h>

enum { PG_JSONW_DEPTH = 16 }; /* deeper containers are a caller bug */

typedef struct pg_jsonw {
    FILE *f;
    int depth;
    bool has_members[PG_JSONW_DEPTH];
    bool is_inline[PG_JSONW_DEPTH];
    bool is_object[PG_JSONW_DEPTH];
    bool after_key;
    bool html;  /* strings as pg_escape_json_html: for a <script> element */
} pg_jsonw;

void pg_jsonw_init(pg_jsonw *w, FILE *f);

/* Opens an object ('{') or array ('['); `inline_` keeps it on one line. */
void pg_jsonw_open(pg_jsonw *w, char bracket, bool inline_);

/* Closes the innermost container; a top-level close ends with "\n". */
void pg_jsonw_close(pg_jsonw *w);

/* Writes a member name; the next value belongs to it. */
void pg_jsonw_key(pg_jsonw *w, const char *key);

/* Values. A NULL string and a non-finite number are written as null. */
void pg_jsonw_string(pg_jsonw *w, const char *s);
void pg_jsonw_number(pg_jsonw *w, double x);
void pg_jsonw_long(pg_jsonw *w, long x);
void pg_jsonw_bool(pg_jsonw *w, bool b);

/* Writes `json`, one JSON value the caller has formatted (a number as
 * pg_fmt_double writes it, "true"), as it is. */
void pg_jsonw_raw(pg_jsonw *w, const char *json);

#endif
