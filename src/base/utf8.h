/* utf8.h - byte-level checks on raw input text and positions in it, and
 * the characters an id or attribute name may have (XML NameChar). */
#ifndef PG_UTF8_H
#define PG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length (1-4) of the well-formed UTF-8 sequence at `s` (RFC 3629: no
 * overlongs, surrogates or code points above U+10FFFF), reading at most
 * `avail` bytes; 0 when it is malformed or a NUL byte. */
size_t pg_utf8_sequence(const unsigned char *s, size_t avail);

/* Converts byte `offset` of `s` into a 1-based line and column; columns
 * count Unicode characters, not bytes. */
void pg_utf8_position(const char *s, size_t offset, long *line, long *column);

/* Length of the UTF-8 BOM at the start of `s` (3), or 0. */
size_t pg_utf8_bom(const char *s, size_t len);

/* The code point of the well-formed `n`-byte sequence at `s` (as
 * pg_utf8_sequence measured it). */
uint32_t pg_utf8_decode(const unsigned char *s, size_t n);

/* Is `cp` an XML 1.0 (fifth edition) NameChar: a letter or digit of any
 * script, a combining mark, '_', '-', '.', ':' or U+00B7 (the spec's
 * production [4a])? Spaces, quotes and other ASCII punctuation are not. */
bool pg_utf8_name_char(uint32_t cp);

/* Length (1-4) of the well-formed UTF-8 sequence at NUL-terminated `s`
 * when it encodes a NameChar; 0 otherwise. */
size_t pg_utf8_name_char_at(const char *s);

/* The number of characters of `s` when it is 1 to `max_chars`
 * NameChars; 0 when it is empty, longer, or has another character or
 * malformed UTF-8. */
size_t pg_utf8_name_chars(const char *s, size_t max_chars);

/* Writes into `buf` (`size` bytes, with the NUL) the name `s` becomes:
 * its NameChars kept, each run of other characters (and malformed bytes)
 * as one '_', none at either end, at most `max_chars` characters (fewer
 * when `size` is reached). Returns its length in bytes (0: nothing left). */
size_t pg_utf8_to_name(const char *s, char *buf, size_t size, size_t max_chars);

#endif
