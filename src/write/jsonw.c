/* jsonw.c - see jsonw.h. */
#include "write/jsonw.h"

#include <math.h>
#include <string.h>

#include "base/fmt.h"
#include "write/escape.h"

void pg_jsonw_init(pg_jsonw *w, FILE *f)
{
    *w = (pg_jsonw){ .f = f };
}

/* A line break and the indentation of `depth`. */
static void newline(FILE *f, int depth)
{
    static const char spaces[2 * PG_JSONW_DEPTH + 2] = "\n                                ";
    fwrite(spaces, 1, 1 + 2 * (size_t)depth, f);
}

/* Separator and indentation before a member or an array element. */
static void before_value(pg_jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0)
        return;
    int d = w->depth - 1;
    if (w->is_inline[d]) {
        if (w->has_members[d])
            fwrite(", ", 1, 2, w->f);
    } else {
        if (w->has_members[d])
            putc(',', w->f);
        newline(w->f, w->depth);
    }
    w->has_members[d] = true;
}

void pg_jsonw_open(pg_jsonw *w, char bracket, bool inline_)
{
    before_value(w);
    putc(bracket, w->f);
    int d = w->depth++;
    w->has_members[d] = false;
    w->is_object[d] = bracket == '{';
    w->is_inline[d] = inline_ || (d > 0 && w->is_inline[d - 1]);
}

void pg_jsonw_close(pg_jsonw *w)
{
    int d = --w->depth;
    if (w->has_members[d] && !w->is_inline[d])
        newline(w->f, d);
    putc(w->is_object[d] ? '}' : ']', w->f);
    if (d == 0)
        putc('\n', w->f);
}

/* The literal of `s`, then `suffix`: built whole and written at once when
 * `s` needs no escaping (most strings), piece by piece otherwise. */
static void string(pg_jsonw *w, const char *s, const char *suffix)
{
    char buf[256];
    size_t n = w->html ? pg_escape_json_html_plain(s) : pg_escape_json_plain(s), k = strlen(suffix);
    if (s[n] == '\0' && n + k + 2 <= sizeof buf) {
        buf[0] = '"';
        memcpy(buf + 1, s, n);
        buf[n + 1] = '"';
        memcpy(buf + n + 2, suffix, k);
        fwrite(buf, 1, n + k + 2, w->f);
        return;
    }
    if (w->html)
        pg_escape_json_html(w->f, s);
    else
        pg_escape_json(w->f, s);
    fputs(suffix, w->f);
}

void pg_jsonw_key(pg_jsonw *w, const char *key)
{
    before_value(w);
    string(w, key, ": ");
    w->after_key = true;
}

void pg_jsonw_string(pg_jsonw *w, const char *s)
{
    before_value(w);
    if (s == NULL)
        fputs("null", w->f);
    else
        string(w, s, "");
}

void pg_jsonw_number(pg_jsonw *w, double x)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    before_value(w);
    fputs(isfinite(x) ? pg_fmt_double(x, buf) : "null", w->f);
}

void pg_jsonw_long(pg_jsonw *w, long x)
{
    before_value(w);
    char buf[PG_FMT_DOUBLE_SIZE];
    fputs(pg_fmt_long(x, buf), w->f);
}

void pg_jsonw_bool(pg_jsonw *w, bool b)
{
    before_value(w);
    fputs(b ? "true" : "false", w->f);
}

void pg_jsonw_raw(pg_jsonw *w, const char *json)
{
    before_value(w);
    fputs(json, w->f);
}
