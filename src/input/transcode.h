/* transcode.h - UTF-16 and UTF-32 text, marked by a byte order mark (BOM)
 * as NetworkX's encoding='utf-16' writes it, turned into UTF-8 while it is
 * read (pg_input does it for every reader), so that readers and their
 * line:column see the same characters as the original had. */
#ifndef PG_TRANSCODE_H
#define PG_TRANSCODE_H

#include <stddef.h>

#include "partygraph.h"

typedef struct pg_transcode pg_transcode;

/* Where the transcoder gets the original bytes: up to `cap` of them into
 * `buf`; the count (0 at the end) or -1 with `err` set. */
typedef long pg_transcode_pull(void *source, void *buf, size_t cap, pg_error *err);

/* The encoding the BOM at the start of the `n` bytes at `head` names
 * ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"), with the BOM's length
 * in *bom; NULL (and *bom 0) when they start with no such BOM (a UTF-8 BOM
 * is left to the readers, which skip it). `n` should be 4 unless the
 * input is shorter. */
const char *pg_transcode_bom(const unsigned char *head, size_t n, size_t *bom);

/* A transcoder from `encoding` (pg_transcode_bom's) taking its bytes from
 * `pull(source, ...)`, the `n` bytes at `head` first (what followed the
 * BOM); messages name the input `name`. NULL when out of memory. */
pg_transcode *pg_transcode_new(const char *encoding, const unsigned char *head, size_t n, pg_transcode_pull *pull,
                               void *source, const char *name);

/* Gives up to `cap` bytes of UTF-8 in `buf`: the count (0 at the end), or
 * -1 with `err` set: the source's error, or PG_EINVALID at the line and
 * column (in characters) of text that is not UTF-16/32 (a lone surrogate,
 * a code point over U+10FFFF) or that ends inside a character. The XML
 * declaration's `encoding="..."`, when the text starts with one, is
 * blanked out with spaces (same length: positions hold) so that XML
 * parsers read the UTF-8 as UTF-8. */
long pg_transcode_read(pg_transcode *t, void *buf, size_t cap, pg_error *err);

/* Releases `t`; NULL is allowed. */
void pg_transcode_free(pg_transcode *t);

#endif
