/* utf8.h - byte-level checks on raw input text and positions in it. */
#ifndef PG_UTF8_H
#define PG_UTF8_H

#include <stddef.h>

/* Length (1-4) of the well-formed UTF-8 sequence at `s` (RFC 3629: no
 * overlongs, surrogates or code points above U+10FFFF), reading at most
 * `avail` bytes; 0 when it is malformed or a NUL byte. */
size_t pg_utf8_sequence(const unsigned char *s, size_t avail);

/* Converts byte `offset` of `s` into a 1-based line and column; columns
 * count Unicode characters, not bytes. */
void pg_utf8_position(const char *s, size_t offset, long *line, long *column);

/* Length of the UTF-8 BOM at the start of `s` (3), or 0. */
size_t pg_utf8_bom(const char *s, size_t len);

#endif
