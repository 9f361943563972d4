/* stream.h - the scanner (scan.c) in a thread of its own: it reads,
 * hashes, checks and splits the input and parses each value with cJSON
 * while the caller converts the items it already handed over. Items
 * arrive in input order, in batches, so the result cannot depend on the
 * timing of the two threads; at most a few batches are in flight,
 * whatever the input size. The trees of a batch live in the batch's
 * arena (json_arena.h) and go when the batch is refilled.
 *
 * The scanner belongs to the stream between pg_stream_start and
 * pg_stream_stop: the caller may read its digest, syntax error and read
 * error only after an item of kind END, SYNTAX or IO. */
#ifndef PG_STREAM_H
#define PG_STREAM_H

#include <stdbool.h>

#include <cJSON.h>

#include "input/scan.h"

typedef struct pg_stream pg_stream;

/* An item of the scanner, with its value parsed. */
typedef struct pg_stream_item {
    pg_scan_kind kind;
    const char *key;    /* MEMBER, ARRAY: the decoded key */
    cJSON *value;       /* MEMBER, ELEMENT, ROOT */
    bool own_tree;      /* the tree's nodes are malloc'ed, not in the batch's arena */
    const char *text;   /* its text (for the places of problems) */
    size_t len;
    long line, column;  /* as in pg_scan_item */
    size_t read;        /* input bytes read so far (for progress: a little ahead) */
} pg_stream_item;

/* Starts handing over the items of `sc`, from a second thread when
 * `threaded` is set (else each batch is scanned when it is needed: same
 * items, one thread; so too when the thread cannot start). Returns NULL
 * when out of memory. */
pg_stream *pg_stream_start(pg_scan *sc, bool threaded);

/* The next item, valid (tree included) until the next call. After an
 * item of kind END, SYNTAX, IO or NOMEM the same kind comes back again.
 * The caller may take members out of the tree (cJSON_DetachItemViaPointer),
 * and must then cJSON_Delete them when `own_tree` is set (the arena frees
 * them otherwise); it must free nothing else. */
const pg_stream_item *pg_stream_next(pg_stream *st);

/* Stops the scanner thread (wherever it is) and releases the stream;
 * accepts NULL. */
void pg_stream_stop(pg_stream *st);

#endif
