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
    vsnprintf(err->message, sizeof err->message, fmt, ap);
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
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, ": %s", strerror(errno_value));
    }
    return status;
}

void pg_error_set_file(pg_error *err, const char *name)
{
    if (err != NULL)
        snprintf(err->file, sizeof err->file, "%s", name);
}

char *pg_error_format(const pg_error *e, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
#define APPEND(...) \
    do { \
        if (n < size) { \
            int w = snprintf(buf + n, size - n, __VA_ARGS__); \
            n += w > 0 ? (size_t)w : 0; \
        } \
    } while (0)
    if (e->file[0]) {
        APPEND("%s", e->file);
        if (e->line > 0)
            APPEND(":%ld:%ld", e->line, e->column);
        APPEND(": ");
    }
    if (e->path[0])
        APPEND("%s: ", e->path);
    if (e->severity == PG_SEVERITY_WARNING)
        APPEND("warning: ");
    APPEND("%s", e->message);
#undef APPEND
    return buf;
}
