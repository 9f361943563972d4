/* error.c - see error.h and partygraph.h. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

const char *pg_status_name(pg_status status)
{
    switch (status) {
    case PG_OK: return "ok";
    case PG_EINVALID: return "invalid data";
    case PG_EARG: return "bad argument";
    case PG_EIO: return "input/output error";
    case PG_ENOMEM: return "out of memory";
    case PG_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

void pg_error_clear(pg_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
}

static pg_status set_va(pg_error *err, pg_status status, const char *fmt, va_list ap)
{
    if (err == NULL)
        return status;
    pg_error_clear(err);
    err->status = status;
    pg_strbuf b = pg_strbuf_init(err->message, sizeof err->message);
    pg_strbuf_vprintf(&b, fmt, ap);
    return status;
}

pg_status pg_error_set(pg_error *err, pg_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_va(err, status, fmt, ap);
    va_end(ap);
    return status;
}

pg_status pg_error_set_errno(pg_error *err, pg_status status, int errno_value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_va(err, status, fmt, ap);
    va_end(ap);
    if (err != NULL) {
        pg_strbuf b = { err->message, sizeof err->message, strlen(err->message) };
        pg_strbuf_printf(&b, ": %s", strerror(errno_value));
    }
    return status;
}

void pg_error_set_file(pg_error *err, const char *name)
{
    if (err != NULL) {
        pg_strbuf b = pg_strbuf_init(err->file, sizeof err->file);
        pg_strbuf_printf(&b, "%s", name);
    }
}

/* Writes the character of `s` at *i as pg_error_escape does into `out`
 * (room for 8 bytes and the NUL), advancing *i. */
static void escape_one(char out[9], const unsigned char *s, size_t *i)
{
    size_t n = pg_utf8_sequence(s + *i, 4);
    unsigned c1 = n == 2 && s[*i] == 0xC2 && s[*i + 1] <= 0x9F ? s[*i + 1] : 0; /* U+0080-U+009F */
    if (n == 0)
        snprintf(out, 9, "\\x%02X", s[*i]);
    else if (s[*i] < 0x20 || s[*i] == 0x7F || c1)
        snprintf(out, 9, "\\u%04x", c1 ? c1 : s[*i]);
    else
        snprintf(out, 9, "%.*s", (int)n, (const char *)s + *i);
    *i += n ? n : 1;
}

/* Appends `s` escaped as pg_error_escape does, each character or escape
 * whole or not at all: stops when the next one does not fit. */
static void append_escaped(pg_strbuf *b, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    char piece[9];
    for (size_t i = 0; u[i] != '\0';) {
        escape_one(piece, u, &i);
        size_t n = strlen(piece);
        if (b->len + n >= b->size)
            return;
        memcpy(b->buf + b->len, piece, n + 1);
        b->len += n;
    }
}

char *pg_error_escape(const char *s, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    pg_strbuf b = pg_strbuf_init(buf, size);
    append_escaped(&b, s);
    return buf;
}

char *pg_error_format(const pg_error *e, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    pg_strbuf b = pg_strbuf_init(buf, size);
    if (e->file[0]) {
        append_escaped(&b, e->file);
        if (e->line > 0)
            pg_strbuf_printf(&b, ":%ld", e->line);
        if (e->line > 0 && e->column > 0)
            pg_strbuf_printf(&b, ":%ld", e->column);
        pg_strbuf_printf(&b, ": ");
    }
    if (e->path[0]) {
        append_escaped(&b, e->path);
        pg_strbuf_printf(&b, ": ");
    }
    if (e->severity == PG_SEVERITY_WARNING)
        pg_strbuf_printf(&b, "warning: ");
    append_escaped(&b, e->message);
    return buf;
}
