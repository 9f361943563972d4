/* escape.c - see escape.h. */
#include "write/escape.h"

#include <stdbool.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static int xml_forbidden(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either. */
static int xml_noncharacter(const char *s)
{
    return (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
           ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF);
}

/* Writes the n bytes at s as they are; returns s + n. */
static const char *write_plain(FILE *f, const char *s, size_t n)
{
    fwrite(s, 1, n, f);
    return s + n;
}

/* The length of the run of bytes at s that `plain` lets through. */
static size_t span(const char *s, bool (*plain)(unsigned char))
{
    size_t n = 0;
    while (plain((unsigned char)s[n]))
        n++;
    return n;
}

/* Bytes pg_escape_xml writes as they are: all but & < > " ' CR, the
 * forbidden controls, NUL and 0xEF (which may start U+FFFE or U+FFFF). */
static bool xml_plain(unsigned char c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n';
    return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' && c != 0xEF;
}

/* Also tab and line feed are not plain in attribute values. */
static bool xml_attr_plain(unsigned char c)
{
    return c >= 0x20 && xml_plain(c);
}

/* One reference or replacement for the bytes at s, which are not plain;
 * returns how many it took. */
static int xml_escape(FILE *f, const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (xml_noncharacter(s)) {
        fputs(replacement, f);
        return 3;
    }
    switch (c) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&apos;", f); break;
    case '\r': fputs("&#13;", f); break;
    case '\t': fputs("&#9;", f); break;  /* only in attribute values */
    case '\n': fputs("&#10;", f); break; /* only in attribute values */
    default:
        if (xml_forbidden(c))
            fputs(replacement, f);
        else
            putc(c, f); /* 0xEF starting another character */
    }
    return 1;
}

size_t pg_escape_xml_plain(const char *s)
{
    return span(s, xml_plain);
}

size_t pg_escape_xml_attr_plain(const char *s)
{
    return span(s, xml_attr_plain);
}

/* Writes s with what `plain` does not let through escaped. */
static void xml_text(FILE *f, const char *s, bool (*plain)(unsigned char))
{
    for (;;) {
        s = write_plain(f, s, span(s, plain));
        if (*s == '\0')
            return;
        s += xml_escape(f, s);
    }
}

void pg_escape_xml(FILE *f, const char *s)
{
    xml_text(f, s, xml_plain);
}

void pg_escape_xml_attr(FILE *f, const char *s)
{
    xml_text(f, s, xml_attr_plain);
}

/* Bytes pg_escape_dot writes as they are: all but \\ " &, controls and
 * 0xEF (which may start U+FFFE or U+FFFF). */
static bool dot_plain(unsigned char c)
{
    return c >= 0x20 && c != '\\' && c != '"' && c != '&' && c != 0xEF;
}

/* What pg_escape_dot writes for the bytes at s, which are not plain
 * (`one` holds a 0xEF that starts another character); sets *used to how
 * many it took. A CR before a LF writes nothing: the LF breaks the line. */
static const char *dot_escape(const char *s, size_t *used, char one[2])
{
    *used = xml_noncharacter(s) ? 3 : 1;
    switch (*s) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '&': return "&amp;";
    case '\n': return "\\n";
    case '\r': return s[1] == '\n' ? "" : "\\n";
    case '\t': return " ";
    default:
        if (*used == 3 || xml_forbidden((unsigned char)*s))
            return replacement;
        one[0] = *s; /* 0xEF starting another character */
        one[1] = '\0';
        return one;
    }
}

/* The length of the run of bytes at s, before `end`, that dot_plain lets
 * through. */
static size_t dot_span(const char *s, const char *end)
{
    size_t n = 0;
    while (s + n < end && dot_plain((unsigned char)s[n]))
        n++;
    return n;
}

void pg_escape_dot_n(FILE *f, const char *s, size_t n)
{
    char one[2];
    size_t used;
    for (const char *end = s + n;;) {
        s = write_plain(f, s, dot_span(s, end));
        if (s >= end)
            return;
        fputs(dot_escape(s, &used, one), f);
        s += used;
    }
}

void pg_escape_dot(FILE *f, const char *s)
{
    pg_escape_dot_n(f, s, strlen(s));
}

size_t pg_escape_dot_size(const char *s, size_t n)
{
    char one[2];
    size_t size = 0, used;
    for (const char *end = s + n; s < end; s += used) {
        used = dot_plain((unsigned char)*s) ? 1 : 0;
        size += used ? 1 : strlen(dot_escape(s, &used, one));
    }
    return size;
}

/* Bytes that make a CSV field need quotes (NUL ends the scan too). */
static bool csv_plain(unsigned char c)
{
    return c != ',' && c != '"' && c != '\r' && c != '\n' && c != '\0';
}

static bool not_quote(unsigned char c)
{
    return c != '"' && c != '\0';
}

/* One CSV field holding `prefix` (which needs no quoting and does not
 * start with a space) then s; see pg_escape_csv. */
static void csv_field(FILE *f, const char *prefix, const char *s)
{
    size_t len = span(s, csv_plain);
    bool lead = *prefix == '\0' && len > 0 && s[0] == ' ';
    if (s[len] == '\0' && !lead && (len == 0 || s[len - 1] != ' ')) {
        fputs(prefix, f);
        fwrite(s, 1, len, f);
        return;
    }
    putc('"', f);
    fputs(prefix, f);
    for (;;) {
        s = write_plain(f, s, span(s, not_quote));
        if (*s == '\0')
            break;
        fputs("\"\"", f);
        s++;
    }
    putc('"', f);
}

void pg_escape_csv(FILE *f, const char *s)
{
    csv_field(f, "", s);
}

bool pg_escape_csv_formula(const char *s)
{
    return *s != '\0' && strchr("=+-@\t\r'", *s) != NULL;
}

void pg_escape_csv_text(FILE *f, const char *s)
{
    csv_field(f, pg_escape_csv_formula(s) ? "'" : "", s);
}

/* Bytes a JSON string literal holds as they are: all but " \\ and
 * controls, and for `html` also < > & and 0xE2 (which may start U+2028
 * or U+2029). */
static bool json_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

static bool json_html_plain(unsigned char c)
{
    return json_plain(c) && c != '<' && c != '>' && c != '&' && c != 0xE2;
}

/* One escape of a JSON string literal (see json_string) for *s, which is
 * not plain; returns how many bytes it took. */
static int json_escape(FILE *f, const char *s, int html)
{
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '"': fputs("\\\"", f); return 1;
    case '\\': fputs("\\\\", f); return 1;
    case '\n': fputs("\\n", f); return 1;
    case '\r': fputs("\\r", f); return 1;
    case '\t': fputs("\\t", f); return 1;
    case '<': case '>': case '&':
        if (html)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
        return 1;
    default:
        if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else if (html && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
                   ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
            fputs((unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029", f);
            return 3;
        } else {
            putc(c, f);
        }
        return 1;
    }
}

/* A JSON string literal; `html` also writes < > & U+2028 U+2029 as \uXXXX. */
static void json_string(FILE *f, const char *s, int html)
{
    putc('"', f);
    for (;;) {
        if (html)
            s = write_plain(f, s, pg_escape_json_html_plain(s));
        else
            s = write_plain(f, s, pg_escape_json_plain(s));
        if (*s == '\0')
            break;
        s += json_escape(f, s, html);
    }
    putc('"', f);
}

size_t pg_escape_json_plain(const char *s)
{
    return span(s, json_plain);
}

size_t pg_escape_json_html_plain(const char *s)
{
    return span(s, json_html_plain);
}

void pg_escape_json(FILE *f, const char *s)
{
    json_string(f, s, 0);
}

void pg_escape_json_html(FILE *f, const char *s)
{
    json_string(f, s, 1);
}
