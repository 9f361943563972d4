/* detect.h - which format an input is in, from its first bytes, and what
 * the formats are called (pg_input_format_name and _parse, public, are
 * defined in detect.c too). */
#ifndef PG_DETECT_H
#define PG_DETECT_H

#include <stddef.h>

#include "partygraph.h"

/* How many bytes of an input detection looks at. */
enum { PG_DETECT_PEEK = 1 << 16 };

/* The format `len` bytes at `data` (the start of an input, or all of it)
 * are in: GEXF or GraphML from '<', GML or Pajek from their first words, otherwise from the top-level keys of the first
 * JSON object (docs/input-formats.md); PG_INPUT_PARTYGRAPH when nothing
 * else fits. */
pg_input_format pg_detect_format(const char *data, size_t len);

/* As pg_detect_format, but text that is neither JSON nor markup and that
 * the content leaves undecided is in the format its file's `name` says
 * (`.gml`: GML; `.net`, `.paj`: Pajek; also gzipped; NULL: no name). */
pg_input_format pg_detect_format_named(const char *data, size_t len, const char *name);

/* What format `f` is called in messages ("node-link JSON"), or NULL out
 * of range. */
const char *pg_detect_title(pg_input_format f);

#endif
