/* scan.h - the streaming front end of the loader: reads a JSON text in
 * chunks and splits its top-level object into members, and the arrays of
 * chosen members into their elements, checking the syntax as strictly as
 * pg_json_check would over the whole text (same errors, same offsets).
 *
 * Only the bytes of the value being split off are kept: a window that
 * grows to the largest single value. The scanner also hashes the input
 * (SHA-256) and counts lines and columns as it goes, so every item comes
 * with the line:column where it starts. It allocates nothing per item and
 * never sees the dataset: it runs in a thread of its own (stream.c). */
#ifndef PG_SCAN_H
#define PG_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/sha256.h"
#include "input/json_check.h"

/* Reads up to `cap` bytes into `buf`: the number read, 0 at the end, or -1
 * with the reason in `err`. pg_input_read has this shape. */
typedef long (*pg_scan_read_fn)(void *source, void *buf, size_t cap, pg_error *err);

/* True when the array value of top-level key `key` is to be split into
 * elements (any other value is handed over whole). */
typedef bool (*pg_scan_split_fn)(const char *key);

typedef enum pg_scan_kind {
    PG_SCAN_MEMBER,  /* a member of the top-level object: key and whole value */
    PG_SCAN_ARRAY,   /* a member whose array is split: key; elements follow */
    PG_SCAN_ELEMENT, /* one element of the last PG_SCAN_ARRAY */
    PG_SCAN_ROOT,    /* the whole text, when it is not an object */
    PG_SCAN_END,     /* the whole text was valid and is read; the digest is set */
    PG_SCAN_SYNTAX,  /* a syntax error: pg_scan.syntax, at line:column */
    PG_SCAN_IO,      /* a read error: pg_scan.io */
    PG_SCAN_NOMEM    /* out of memory */
} pg_scan_kind;

/* One item. key and text are borrowed from the scanner until the next
 * call; text is not NUL-terminated. */
typedef struct pg_scan_item {
    pg_scan_kind kind;
    const char *key;  /* MEMBER, ARRAY: the decoded key */
    size_t key_len;
    const char *text; /* MEMBER, ELEMENT, ROOT: the value */
    size_t len;
    long line, column; /* where the value (SYNTAX: the error) is; 1-based */
} pg_scan_item;

typedef struct pg_scan {
    pg_scan_read_fn read;
    void *source;
    pg_scan_split_fn split;
    char *buf;          /* the window: bytes [start, end) not yet used */
    size_t cap, start, end;
    size_t mark;        /* buf index where (line, column) hold */
    long line, column;
    bool eof, bom_done;
    int state;
    pg_scan_kind final; /* once the state is finished */
    char *key;          /* the current top-level key, decoded */
    size_t key_cap, key_len;
    size_t bytes;       /* read so far */
    pg_sha256 sha;
    char sha256[65];    /* the digest, at PG_SCAN_END */
    pg_json_error syntax;
    pg_error io;
} pg_scan;

/* Starts scanning what `read` returns from `source`. Nothing is read yet;
 * pg_scan_free releases the scanner (not the source). */
void pg_scan_init(pg_scan *sc, pg_scan_read_fn read, void *source, pg_scan_split_fn split);

/* Fills *item with the next item. After an item of kind END, SYNTAX, IO
 * or NOMEM every call returns that item again. */
void pg_scan_next(pg_scan *sc, pg_scan_item *item);

/* True for the kinds that end a scan: END, SYNTAX, IO and NOMEM. */
bool pg_scan_is_final(pg_scan_kind kind);

/* Releases the window. */
void pg_scan_free(pg_scan *sc);

#endif
