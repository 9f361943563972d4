/* report.c - see report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->opt = opt;
}

/* A held problem: its place and words, without pg_error's fixed buffers
 * (a long run of errors must not cost a kilobyte each). */
typedef struct pg_held {
    pg_severity severity;
    long line, column;
    size_t path_len;
    char text[]; /* path, NUL, message, NUL */
} pg_held;

static void hold(pg_report *r, const pg_error *e)
{
    size_t p = strlen(e->path), m = strlen(e->message);
    pg_held *h = malloc(sizeof *h + p + m + 2);
    if (h == NULL || PG_VEC_RESERVE(r->held, 1) != 0) {
        free(h);
        pg_report_oom(r);
        return;
    }
    *h = (pg_held){ e->severity, e->line, e->column, p };
    memcpy(h->text, e->path, p + 1);
    memcpy(h->text + p + 1, e->message, m + 1);
    r->held.items[r->held.len++] = h;
}

/* Moves line:column from the start of r->text to where `p` is in it. */
static void locate(const pg_report *r, const pg_jpath *p, long *line, long *column)
{
    long at = pg_jpath_locate(p, r->text_depth, r->text, r->text_len);
    for (long i = 0; i < at; i++) {
        unsigned char c = (unsigned char)r->text[i];
        if (c == '\n') {
            ++*line;
            *column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Builds one problem record, counts it and hands it to the callback. */
static void report(pg_report *r, pg_severity sev, const pg_jpath *p, long line, long column, const char *fmt,
                   va_list ap)
{
    pg_error e = { 0 };
    e.status = sev == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
    e.severity = sev;
    if (p != NULL && line > 0 && r->text != NULL && p->depth > r->text_depth)
        locate(r, p, &line, &column);
    e.line = line;
    e.column = column;
    pg_error_set_file(&e, r->file);
    if (p != NULL)
        pg_jpath_format(p, e.path, sizeof e.path);
    pg_strbuf b = pg_strbuf_init(e.message, sizeof e.message);
    pg_strbuf_vprintf(&b, fmt, ap);
    if (sev == PG_SEVERITY_ERROR && r->errors++ == 0)
        r->first = e;
    if (sev == PG_SEVERITY_WARNING)
        r->warnings++;
    if (r->holding)
        hold(r, &e);
    else if (r->opt->on_problem != NULL)
        r->opt->on_problem(&e, r->opt->userdata);
}

bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, p, r->line, r->column, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, NULL, line, column, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_WARNING, p, r->line, r->column, fmt, ap);
    va_end(ap);
}

bool pg_report_oom(pg_report *r)
{
    if (r->oom)
        return false;
    r->oom = true;
    pg_error e = { 0 };
    pg_error_set(&e, PG_ENOMEM, "out of memory while loading %s", r->file);
    if (r->opt->on_problem != NULL)
        r->opt->on_problem(&e, r->opt->userdata);
    return false;
}

void pg_report_hold(pg_report *r)
{
    r->holding = true;
}

static void forget(pg_report *r)
{
    for (size_t i = 0; i < r->held.len; i++)
        free(r->held.items[i]);
    free(r->held.items);
    r->held.items = NULL;
    r->held.len = r->held.cap = 0;
    r->holding = false;
}

void pg_report_release(pg_report *r)
{
    for (size_t i = 0; i < r->held.len && r->opt->on_problem != NULL; i++) {
        const pg_held *h = r->held.items[i];
        pg_error e = { 0 };
        e.status = h->severity == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
        e.severity = h->severity;
        e.line = h->line;
        e.column = h->column;
        pg_error_set_file(&e, r->file);
        memcpy(e.path, h->text, h->path_len + 1);
        snprintf(e.message, sizeof e.message, "%s", h->text + h->path_len + 1);
        r->opt->on_problem(&e, r->opt->userdata);
    }
    forget(r);
}

void pg_report_drop(pg_report *r)
{
    forget(r);
    r->errors = r->warnings = 0;
    memset(&r->first, 0, sizeof r->first);
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
