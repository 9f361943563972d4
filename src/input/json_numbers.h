/* json_numbers.h - the numbers of another tool's JSON text as they are
 * written, where a double cannot hold them. cJSON keeps a number as a
 * double only, which rounds an integer beyond 2^53 (1234567890123456789
 * becomes 1.2345678901234568e+18; two ids 9007199254740992 and
 * 9007199254740993 become one), and it has no NaN or Infinity, which
 * Python's json.dump writes. So, around the parse:
 *
 * 1. pg_json_numbers_scan lists, in document order (strings skipped), the
 *    number tokens a double would change: integers beyond ±2^53 and the
 *    words NaN, Infinity, -Infinity, each with its ordinal among all the
 *    number tokens of the text;
 * 2. when there are words, pg_json_numbers_rewrite copies the text with
 *    each word written as a number of the same length (NaN as `0e0`,
 *    Infinity as `1e999999`, -Infinity as `-1e999999`: what strtod reads
 *    as NaN's stand-in and as the infinities), so that cJSON parses the
 *    copy and every offset, so every line:column, stays right;
 * 3. pg_json_numbers_apply walks the parsed tree in document order, which
 *    is the order of the tokens, so the k-th number item is the k-th
 *    token: an integer beyond 2^53 becomes a string of its exact digits,
 *    NaN and the infinities (also a number too large for a double, such
 *    as 1e400, unless integers_only) become null (missing), each change
 *    told to a callback.
 *
 * The text must have passed pg_json_check_lenient (partygraph/1's too, in
 * which only the integers can be special). Private to input/. */
#ifndef PG_JSON_NUMBERS_H
#define PG_JSON_NUMBERS_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/vec.h"
#include "input/jpath.h"

/* What a number token is to partygraph. */
typedef enum pg_json_number_kind {
    PG_JSON_NUMBER_HUGE,     /* an integer beyond ±2^53: kept as its digits */
    PG_JSON_NUMBER_NAN,      /* NaN: missing */
    PG_JSON_NUMBER_INFINITE, /* Infinity, -Infinity, or too large for a double: missing */
} pg_json_number_kind;

/* A number token that a double would change. */
typedef struct pg_json_special {
    size_t ordinal; /* among all the number tokens of the text, from 0 */
    size_t at, len; /* its bytes in the text */
    pg_json_number_kind kind;
} pg_json_special;

typedef struct pg_json_numbers {
    PG_VEC(pg_json_special) specials; /* in document order */
    bool words;                       /* some are NaN or Infinity: parse a rewritten copy */
    bool integers_only;               /* set by the caller: a number too large for a double stays (partygraph/1's
                                         schema refuses it) */
} pg_json_numbers;

#define PG_JSON_NUMBERS_INIT ((pg_json_numbers){ { NULL, 0, 0 }, false, false })

/* Lists the special number tokens of the `len` bytes at `text` (valid
 * JSON, NaN and Infinity allowed) into `n` (initialised, emptied first).
 * Time linear in the text. Returns 0, or -1 when out of memory. */
int pg_json_numbers_scan(pg_json_numbers *n, const char *text, size_t len);

/* Writes the `len` bytes at `text`, with each word of `n` rewritten as a
 * number of the same length (see the top), into `copy` (`len` bytes). */
void pg_json_numbers_rewrite(const pg_json_numbers *n, const char *text, size_t len, char *copy);

/* Told of each value pg_json_numbers_apply changes: its kind, its token
 * (`len` bytes at `token`, as written; NULL when a number was only found
 * too large by the parse), its offset in the text (meaningless when
 * `token` is NULL) and its path. */
typedef void pg_json_numbers_note(void *ctx, pg_json_number_kind kind, const char *token, size_t len, size_t at,
                                  const pg_jpath *path);

/* Walks `root`, the value at path `top` parsed from `text` (or its
 * rewritten copy: the digits are the same) as scanned into `n`, and
 * changes its number items as the top says, calling `note` for each. The
 * digits are copied into `digits` (the item a reference to them, so that
 * trees owned by cJSON or by an arena alike stay right). Returns 0, or
 * -1 when out of memory (the tree is then whole, some numbers
 * unchanged). */
int pg_json_numbers_apply(const pg_json_numbers *n, cJSON *root, const char *text, pg_arena *digits,
                          const pg_jpath *top, pg_json_numbers_note *note, void *ctx);

/* Releases what `n` holds; it is then empty. */
void pg_json_numbers_free(pg_json_numbers *n);

#endif
