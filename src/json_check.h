/* json_check.h - a strict RFC 8259 syntax check of a whole JSON text, run
 * before cJSON builds anything. cJSON is lenient (it takes "01", "+1", raw
 * control characters in strings) and its error offset is often one byte
 * past the culprit; this check finds the first error exactly and names it.
 * One pass, no allocation, nesting bounded by PG_JSON_MAX_DEPTH. */
#ifndef PG_JSON_CHECK_H
#define PG_JSON_CHECK_H

#include <stddef.h>

enum { PG_JSON_MAX_DEPTH = 512 };

typedef struct pg_json_error {
    size_t offset;      /* byte offset of the problem */
    char reason[96];    /* e.g. "expected ',' or '}' after an object member" */
} pg_json_error;

/* Returns 0 when `text` (`len` bytes) is one valid JSON value with only
 * whitespace around it, else -1 with *e describing the first error. The
 * text must be UTF-8; invalid UTF-8 and NUL bytes are errors too. */
int pg_json_check(const char *text, size_t len, pg_json_error *e);

#endif
