/* json_check.h - a strict RFC 8259 syntax check of a whole JSON text, run
 * before cJSON builds anything. cJSON is lenient (it takes "01", "+1", raw
 * control characters in strings) and its error offset is often one byte
 * past the culprit; this check finds the first error exactly and names it.
 * One pass, no allocation, nesting bounded by PG_JSON_MAX_DEPTH. The
 * streaming loader (scan.c) checks one value at a time the same way. */
#ifndef PG_JSON_CHECK_H
#define PG_JSON_CHECK_H

#include <stdbool.h>
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

/* As pg_json_check, but a value may also be one of the words NaN,
 * Infinity and -Infinity, which Python's json.dump writes for floats JSON
 * has no number for (other tools' files; partygraph/1 stays strict).
 * Nothing else is relaxed. */
int pg_json_check_lenient(const char *text, size_t len, pg_json_error *e);

/* Checks the one value that starts (after whitespace) at `text`, as it
 * would be checked at that place of a whole text: `outer` containers
 * enclose it (the innermost an array when `first_in_array`, which only
 * changes the wording of an error) and count towards the depth limit.
 * Returns 0 and the offset just past the value in *end, without looking
 * further; or -1 with *e as pg_json_check, an error at offset `len` being
 * the end of the text. The text must not start with a closing bracket. */
int pg_json_check_value(const char *text, size_t len, int outer, bool first_in_array, size_t *end,
                        pg_json_error *e);

#endif
