/* util.c - exit codes, problem printing, number parsing and counts by
 * kind for the partygraph commands. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_exit_code(pg_status st)
{
    switch (st) {
    case PG_OK: return EXIT_OK;
    case PG_EINVALID: return EXIT_INVALID;
    case PG_EARG: return EXIT_USAGE;
    case PG_EIO: return EXIT_IO;
    case PG_ENOMEM:
    case PG_EINTERNAL: return EXIT_INTERNAL;
    }
    return EXIT_INTERNAL;
}

/* Prints "partygraph: TEXT" and a line break, TEXT escaped (an argument or
 * file name holding a line break or a terminal escape stays inert, on the
 * line). */
static void print_line(const char *text)
{
    char line[1400];
    cli_progress_finish();
    fprintf(stderr, "partygraph: %s\n", pg_error_escape(text, line, sizeof line));
}

void cli_message(const char *fmt, ...)
{
    char text[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    print_line(text);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    char text[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (cmd != NULL)
        cli_message("%s (see 'partygraph help %s')", text, cmd);
    else
        print_line(text);
    return EXIT_USAGE;
}

int cli_bad_option(const char *cmd, int c, char **argv)
{
    extern int optind, optopt;
    const char *arg = argv[optind - 1]; /* a long option, or the last word read */
    if (c == ':' && optopt != 0)
        return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", arg);
    if (optopt != 0)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

/* Prints `e` as one line ending with `tail`. */
static void print_problem(const pg_error *e, const char *tail)
{
    char line[1400];
    cli_progress_finish();
    fprintf(stderr, "partygraph: %s%s\n", pg_error_format(e, line, sizeof line), tail); /* escaped already */
}

void cli_print_problem(const pg_error *e)
{
    print_problem(e, "");
}

/* first_only: holds the first data error; what follows it is counted, not
 * printed, except an error of another status (out of memory, say), which
 * decides the outcome alone and is printed instead. */
static void hold_first(cli_tally *t, const pg_error *problem)
{
    bool error = problem->severity == PG_SEVERITY_ERROR;
    if (error && problem->status != PG_EINVALID) {
        t->held = false;
        cli_print_problem(problem);
    } else if (error && t->errors == 0) {
        t->first = *problem;
        t->held = true;
    } else if (!error && t->errors == 0) {
        cli_print_problem(problem);
    }
}

void cli_on_problem(const pg_error *problem, void *tally)
{
    cli_tally *t = tally;
    if (t->first_only)
        hold_first(t, problem);
    else
        cli_print_problem(problem);
    if (problem->severity == PG_SEVERITY_WARNING)
        t->warnings++;
    else
        t->errors++;
}

void cli_tally_finish(const cli_tally *t)
{
    if (t->held)
        print_problem(&t->first, t->errors > 1 ? " (the first of several errors: 'partygraph validate' lists them all)"
                                               : "");
}

bool cli_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool cli_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

void cli_kind_counts(const size_t count[PG_KIND_COUNT], char *buf, size_t size)
{
    size_t n = 0;
    bool domain = false; /* any of partygraph's own kinds */
    for (int k = 0; k < PG_KIND_NODE; k++)
        domain |= count[k] > 0;
    buf[0] = '\0';
    for (int k = 0; k < PG_KIND_COUNT && n < size; k++)
        if ((domain && k <= PG_KIND_EVENT) || count[k] > 0)
            n += (size_t)snprintf(buf + n, size - n, "%s%zu %s", n ? ", " : "", count[k],
                                  count[k] == 1 ? pg_kind_name((pg_kind)k) : pg_kind_array_name((pg_kind)k));
}
