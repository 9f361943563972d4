/* strbuf.h - formatting into a fixed buffer: appends never overflow, and
 * truncation never leaves half a UTF-8 character behind. */
#ifndef PG_STRBUF_H
#define PG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define PG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PG_PRINTF(f, a)
#endif

typedef struct pg_strbuf {
    char *buf;
    size_t size; /* > 0 */
    size_t len;  /* < size; buf[len] == '\0' */
} pg_strbuf;

/* Starts an empty string in `buf` (`size` > 0 bytes). */
pg_strbuf pg_strbuf_init(char *buf, size_t size);

/* Appends formatted text, cutting it at a character boundary when full. */
void pg_strbuf_printf(pg_strbuf *b, const char *fmt, ...) PG_PRINTF(2, 3);
void pg_strbuf_vprintf(pg_strbuf *b, const char *fmt, va_list ap);

/* Appends `s` as a quoted, one-line string for messages: "..." with \",
 * \\ and control characters escaped JSON-style, and at most `max_chars`
 * characters of `s` before an ellipsis. */
void pg_strbuf_quote(pg_strbuf *b, const char *s, size_t max_chars);

/* Writes `s` quoted as by pg_strbuf_quote (at most 60 characters) into
 * `buf` and returns `buf`: for user text in messages. */
enum { PG_QUOTE_SIZE = 6 * 60 + 16 };
const char *pg_quote(char buf[PG_QUOTE_SIZE], const char *s);

#endif
