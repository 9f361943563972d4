/* report.c - see report.h. */
#include "input/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_report_init(pg_report *r, const char *file, const pg_load_options *opt)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->opt = opt;
    r->group = -1;
    pg_jpos_init(&r->where, NULL, 0, 0, PG_PLACE_NONE);
}

/* A held problem: its place and words, without pg_error's fixed buffers
 * (a long run of errors must not cost a kilobyte each). */
typedef struct pg_held {
    pg_severity severity;
    long line, column;
    long group;
    size_t path_len;
    char text[]; /* path, NUL, message, NUL */
} pg_held;

static void forget(pg_report *r)
{
    for (size_t i = 0; i < r->held.len; i++)
        free(r->held.items[i]);
    free(r->held.items);
    r->held.items = NULL;
    r->held.len = r->held.cap = 0;
    r->holding = false;
}

void pg_report_free(pg_report *r)
{
    forget(r);
    free(r->groups.items);
    r->groups.items = NULL;
    r->groups.len = r->groups.cap = 0;
    pg_jpos_free(&r->where);
}

void pg_report_set_text(pg_report *r, const char *text, size_t len, int depth, pg_place start)
{
    pg_jpos_reset(&r->where, text, len, depth, start);
}

pg_place pg_report_place(pg_report *r, const pg_jpath *p)
{
    const pg_jpos *x = &r->where;
    bool root = p == NULL || p->depth == 0;
    if (x->text == NULL || (root && x->depth == 0))
        return PG_PLACE_NONE;
    if (root || p->depth <= x->depth)
        return x->start;
    return pg_jpos_find(&r->where, p);
}

static void hold(pg_report *r, const pg_error *e)
{
    size_t p = strlen(e->path), m = strlen(e->message);
    pg_held *h = malloc(sizeof *h + p + m + 2);
    if (h == NULL || PG_VEC_RESERVE(r->held, 1) != 0) {
        free(h);
        pg_report_oom(r);
        return;
    }
    *h = (pg_held){ e->severity, e->line, e->column, r->group, p };
    memcpy(h->text, e->path, p + 1);
    memcpy(h->text + p + 1, e->message, m + 1);
    r->held.items[r->held.len++] = h;
}

/* Counts problem `e`, in its group too while holding. */
static void count(pg_report *r, const pg_error *e)
{
    bool error = e->severity == PG_SEVERITY_ERROR;
    if (error && r->errors++ == 0)
        r->first = *e;
    if (!error)
        r->warnings++;
    if (r->holding && r->group >= 0 && (size_t)r->group < r->groups.len) {
        pg_report_group *g = &r->groups.items[r->group];
        g->errors += error;
        g->warnings += !error;
    }
}

/* Builds one problem record, counts it and hands it to the callback. */
static void report(pg_report *r, pg_severity sev, const pg_jpath *p, pg_place at, const char *fmt, va_list ap)
{
    pg_error e = { 0 };
    e.status = sev == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
    e.severity = sev;
    e.line = at.line > 0 ? at.line : r->line;
    e.column = at.line > 0 ? at.column : 0;
    pg_error_set_file(&e, r->file);
    if (p != NULL)
        pg_jpath_format(p, e.path, sizeof e.path);
    pg_strbuf b = pg_strbuf_init(e.message, sizeof e.message);
    pg_strbuf_vprintf(&b, fmt, ap);
    count(r, &e);
    if (r->holding)
        hold(r, &e);
    else if (r->opt->on_problem != NULL)
        r->opt->on_problem(&e, r->opt->userdata);
}

bool pg_report_error(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, p, pg_report_place(r, p), fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

bool pg_report_error_place(pg_report *r, pg_place at, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, p, at, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

bool pg_report_error_at(pg_report *r, long line, long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_ERROR, NULL, (pg_place){ line, column }, fmt, ap);
    va_end(ap);
    return !pg_report_stopped(r);
}

void pg_report_warning(pg_report *r, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_WARNING, p, pg_report_place(r, p), fmt, ap);
    va_end(ap);
}

void pg_report_warning_place(pg_report *r, pg_place at, const pg_jpath *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, PG_SEVERITY_WARNING, p, at, fmt, ap);
    va_end(ap);
}

/* The one line of running out of memory: "FILE: out of memory". */
static void oom_error(const pg_report *r, pg_error *e)
{
    pg_error_set(e, PG_ENOMEM, "out of memory");
    pg_error_set_file(e, r->file);
}

bool pg_report_oom(pg_report *r)
{
    if (r->oom)
        return false;
    r->oom = true;
    pg_error e;
    oom_error(r, &e);
    if (r->opt->on_problem != NULL)
        r->opt->on_problem(&e, r->opt->userdata);
    return false;
}

void pg_report_hold(pg_report *r)
{
    r->holding = true;
}

bool pg_report_group_start(pg_report *r, long group)
{
    r->group = -1;
    while (group >= 0 && r->groups.len <= (size_t)group) {
        if (PG_VEC_RESERVE(r->groups, 1) != 0)
            return pg_report_oom(r);
        r->groups.items[r->groups.len++] = (pg_report_group){ 0, 0, false };
    }
    r->group = group;
    return true;
}

void pg_report_group_drop(pg_report *r, long group)
{
    pg_report_group *g = &r->groups.items[group];
    if (g->dropped)
        return;
    r->errors -= g->errors;
    r->warnings -= g->warnings;
    g->dropped = true;
}

/* The held problem `h` as a pg_error. */
static pg_error unheld(const pg_report *r, const pg_held *h)
{
    pg_error e = { 0 };
    e.status = h->severity == PG_SEVERITY_ERROR ? PG_EINVALID : PG_OK;
    e.severity = h->severity;
    e.line = h->line;
    e.column = h->column;
    pg_error_set_file(&e, r->file);
    memcpy(e.path, h->text, h->path_len + 1);
    snprintf(e.message, sizeof e.message, "%s", h->text + h->path_len + 1);
    return e;
}

static bool dropped(const pg_report *r, const pg_held *h)
{
    return h->group >= 0 && r->groups.items[h->group].dropped;
}

void pg_report_release(pg_report *r)
{
    bool first = true;
    for (size_t i = 0; i < r->held.len; i++) {
        const pg_held *h = r->held.items[i];
        if (dropped(r, h))
            continue;
        pg_error e = unheld(r, h);
        if (first && e.severity == PG_SEVERITY_ERROR) /* the first one left */
            r->first = e;
        first = first && e.severity != PG_SEVERITY_ERROR;
        if (r->opt->on_problem != NULL)
            r->opt->on_problem(&e, r->opt->userdata);
    }
    forget(r);
}

void pg_report_drop(pg_report *r)
{
    forget(r);
    r->errors = r->warnings = 0;
    r->group = -1;
    memset(&r->first, 0, sizeof r->first);
}

bool pg_report_stopped(const pg_report *r)
{
    return r->oom || (r->opt->max_errors > 0 && r->errors >= r->opt->max_errors);
}

pg_status pg_report_status(const pg_report *r, pg_error *err)
{
    if (r->oom) {
        if (err != NULL)
            oom_error(r, err);
        return PG_ENOMEM;
    }
    if (r->errors == 0)
        return PG_OK;
    if (err != NULL)
        *err = r->first;
    return PG_EINVALID;
}
