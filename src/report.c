/* report.c - see report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->opt = opt;
}

/* Builds one problem record, counts it and hands it to the callback. */
static void report(pg_report *r, pg_severity sev, const pg_jpath *p, long line, long column, const char *fmt,
                   va_list ap)
{
    pg_error e = { 0 };
    e.status = sev == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
    e.severity = sev;
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
    if (r->opt->on_problem != NULL)
        r->opt->on_problem(&e, r->opt->userdata);
}

bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, p, 0, 0, fmt, ap);
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
    report(r, PG_SEVERITY_WARNING, p, 0, 0, fmt, ap);
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
