/* jpos.h - where the values of one JSON text are: the line:column of the
 * value a JSON path names, for the places of problems. Private to the
 * loaders.
 *
 * The text (valid JSON, checked before) is indexed on demand: the members
 * of a container are listed the first time a path goes through it, each
 * container once, and line:column come from a checkpoint every few
 * kilobytes. So any number of look-ups in one text costs time linear in
 * the text, plus a constant each: a file with an error per key of a huge
 * object is not scanned again per error. A key that repeats names its
 * last occurrence, the value a reader keeps. */
#ifndef PG_JPOS_H
#define PG_JPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "input/jpath.h"

/* A 1-based line and column (in characters); 0:0 when unknown. */
typedef struct pg_place {
    long line, column;
} pg_place;

#define PG_PLACE_NONE ((pg_place){ 0, 0 })

typedef struct pg_jpos_slot pg_jpos_slot;

/* A member of the text's own value, while it has few (an element of a
 * file usually has): looked for in a row, without hashing. */
typedef struct pg_jpos_few {
    const char *key; /* NULL: an element of an array */
    size_t key_len;
    size_t at;
} pg_jpos_few;

enum { PG_JPOS_FEW = 16 };

typedef struct pg_jpos {
    const char *text;   /* NULL: no text */
    size_t len;
    int depth;          /* the depth of the path of the value the text is */
    pg_place start;     /* where the text starts */
    pg_jpos_slot *slots; /* containers listed: (container, key or index) -> value */
    size_t cap, used;
    uint64_t generation; /* slots of another generation are empty (kept by pg_jpos_reset) */
    pg_jpos_few few[PG_JPOS_FEW]; /* the members of the text's own value, when few */
    int nfew;           /* how many; -1: not listed yet; -2: too many (they are in the table) */
    pg_place *marks;    /* marks[k]: the place of byte k * PG_JPOS_STEP */
    size_t nmarks, marks_cap;
    size_t last_at;     /* the byte placed last, and its place: look-ups come mostly in text order */
    pg_place last;
    pg_arena keys;      /* keys with escapes, decoded */
    bool failed;        /* out of memory: look-ups stop at what is listed */
} pg_jpos;

enum { PG_JPOS_STEP = 4096 };

/* Starts an index of the `len` bytes at `text` (borrowed; NULL: none),
 * the value named by a path of `depth` segments, which starts at
 * `start`. Nothing is read yet. */
void pg_jpos_init(pg_jpos *x, const char *text, size_t len, int depth, pg_place start);

/* As pg_jpos_init on an index in use, keeping its memory for the next
 * text (the loader indexes one element after another). */
void pg_jpos_reset(pg_jpos *x, const char *text, size_t len, int depth, pg_place start);

/* The place of the value that `p` names: of its segments, those past
 * `depth` (and at most PG_JPATH_DEPTH) are followed from the text's
 * value; when one names nothing in the text (a name the reader made up),
 * the place of the last value found. PG_PLACE_NONE when there is no
 * text. Never fails: out of memory, the places found so far serve. */
pg_place pg_jpos_find(pg_jpos *x, const pg_jpath *p);

/* The offset in the text of the value of member (or element) number `n`
 * (from 0, in text order) of the container the text is, in *offset;
 * false when there is none (or memory ran out). */
bool pg_jpos_member(pg_jpos *x, long n, size_t *offset);

/* The place of byte `offset` of the text. */
pg_place pg_jpos_place(pg_jpos *x, size_t offset);

/* Releases the index (not the text); `x` is then empty. */
void pg_jpos_free(pg_jpos *x);

#endif
