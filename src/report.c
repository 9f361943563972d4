/* report.c - see report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

pg_jpath pg_jpath_key(pg_jpath parent, const char *key)
{
    if (parent.depth < PG_JPATH_DEPTH) {
        parent.seg[parent.depth].key = key;
        parent.seg[parent.depth].index = 0;
        parent.depth++;
    }
    return parent;
}

pg_jpath pg_jpath_index(pg_jpath parent, long index)
{
    if (parent.depth < PG_JPATH_DEPTH) {
        parent.seg[parent.depth].key = NULL;
        parent.seg[parent.depth].index = index;
        parent.depth++;
    }
    return parent;
}

static bool plain_key(const char *k)
{
    if (*k == '\0')
        return false;
    for (; *k; k++) {
        char c = *k;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* Appends `key` as a JSON string literal, escaping quotes, backslashes
 * and control characters. */
static size_t quoted_key(char *buf, size_t size, const char *key)
{
    size_t n = 0;
    for (const char *k = key; *k && n + 8 < size; k++) {
        unsigned char c = (unsigned char)*k;
        if (c == '"' || c == '\\')
            n += (size_t)snprintf(buf + n, size - n, "\\%c", c);
        else if (c < 0x20)
            n += (size_t)snprintf(buf + n, size - n, "\\u%04x", c);
        else
            buf[n++] = (char)c;
    }
    buf[n] = '\0';
    return n;
}

void pg_jpath_format(const pg_jpath *p, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "$");
    for (int i = 0; i < p->depth && n + 1 < size; i++) {
        const char *key = p->seg[i].key;
        if (key == NULL)
            n += (size_t)snprintf(buf + n, size - n, "[%ld]", p->seg[i].index);
        else if (plain_key(key))
            n += (size_t)snprintf(buf + n, size - n, ".%s", key);
        else if (size - n > 6) {
            n += (size_t)snprintf(buf + n, size - n, "[\"");
            n += quoted_key(buf + n, size - n - 3, key);
            n += (size_t)snprintf(buf + n, size - n, "\"]");
        }
    }
}

void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->opt = opt;
}

/* Fills a problem record and hands it to the callback. */
static void emit(pg_report *r, pg_error *e, pg_severity sev, const char *fmt, va_list ap)
{
    e->status = sev == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
    e->severity = sev;
    pg_error_set_file(e, r->file);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    if (sev == PG_SEVERITY_ERROR && r->errors++ == 0)
        r->first = *e;
    if (sev == PG_SEVERITY_WARNING)
        r->warnings++;
    if (r->opt->on_problem != NULL)
        r->opt->on_problem(e, r->opt->userdata);
}

bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    pg_error e = { 0 };
    if (p != NULL)
        pg_jpath_format(p, e.path, sizeof e.path);
    va_list ap;
    va_start(ap, fmt);
    emit(r, &e, PG_SEVERITY_ERROR, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...)
{
    pg_error e = { 0 };
    e.line = line;
    e.column = column;
    va_list ap;
    va_start(ap, fmt);
    emit(r, &e, PG_SEVERITY_ERROR, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    pg_error e = { 0 };
    if (p != NULL)
        pg_jpath_format(p, e.path, sizeof e.path);
    va_list ap;
    va_start(ap, fmt);
    emit(r, &e, PG_SEVERITY_WARNING, fmt, ap);
    va_end(ap);
}

bool pg_report_oom(pg_report *r)
{
    r->oom = true;
    return false;
}

bool pg_report_stopped(const pg_report *r)
{
    return r->oom || (r->opt->max_errors > 0 && r->errors >= r->opt->max_errors);
}

pg_status pg_report_status(const pg_report *r, pg_error *err)
{
    if (r->oom)
        return pg_error_set(err, PG_ENOMEM, "out of memory while loading %s", r->file);
    if (r->errors == 0)
        return PG_OK;
    if (err != NULL)
        *err = r->first;
    return PG_EINVALID;
}
