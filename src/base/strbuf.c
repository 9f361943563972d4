/* strbuf.c - see strbuf.h. */
#include "base/strbuf.h"

#include <stdio.h>

pg_strbuf pg_strbuf_init(char *buf, size_t size)
{
    buf[0] = '\0';
    return (pg_strbuf){ buf, size, 0 };
}

/* Drops a partial UTF-8 sequence at the end of b->buf[0..len). */
static void trim_partial(pg_strbuf *b)
{
    size_t i = b->len, back = 0;
    while (i > 0 && back < 4 && ((unsigned char)b->buf[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0 || (unsigned char)b->buf[i - 1] < 0xC0)
        return;
    unsigned char lead = (unsigned char)b->buf[i - 1];
    size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    if (back < need)
        b->len = i - 1;
    b->buf[b->len] = '\0';
}

void pg_strbuf_printf(pg_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pg_strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

void pg_strbuf_vprintf(pg_strbuf *b, const char *fmt, va_list ap)
{
    int w = vsnprintf(b->buf + b->len, b->size - b->len, fmt, ap);
    if (w < 0)
        return;
    if ((size_t)w < b->size - b->len) {
        b->len += (size_t)w;
        return;
    }
    b->len = b->size - 1;
    trim_partial(b);
}

void pg_strbuf_quote(pg_strbuf *b, const char *s, size_t max_chars)
{
    size_t chars = 0;
    pg_strbuf_printf(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) != 0x80 && chars++ == max_chars) {
            pg_strbuf_printf(b, "...");
            break;
        }
        if (c == '"' || c == '\\')
            pg_strbuf_printf(b, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            pg_strbuf_printf(b, "\\u%04x", c);
        else
            pg_strbuf_printf(b, "%c", c);
    }
    pg_strbuf_printf(b, "\"");
}

const char *pg_quote(char buf[PG_QUOTE_SIZE], const char *s)
{
    pg_strbuf b = pg_strbuf_init(buf, PG_QUOTE_SIZE);
    pg_strbuf_quote(&b, s, 60);
    return buf;
}
