/* error.c - see error.h and partygraph.h. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

char *pg_error_format(const pg_error *e, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    pg_strbuf b = pg_strbuf_init(buf, size);
    if (e->file[0]) {
        pg_strbuf_printf(&b, "%s", e->file);
        if (e->line > 0)
            pg_strbuf_printf(&b, ":%ld", e->line);
        if (e->line > 0 && e->column > 0)
            pg_strbuf_printf(&b, ":%ld", e->column);
        pg_strbuf_printf(&b, ": ");
    }
    if (e->path[0])
        pg_strbuf_printf(&b, "%s: ", e->path);
    if (e->severity == PG_SEVERITY_WARNING)
        pg_strbuf_printf(&b, "warning: ");
    pg_strbuf_printf(&b, "%s", e->message);
    return buf;
}
