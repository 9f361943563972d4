/* escape.c - see escape.h. */
#include "escape.h"

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

void pg_escape_xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (xml_noncharacter(s)) {
            fputs(replacement, f);
            s += 2;
            continue;
        }
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        case '\r': fputs("&#13;", f); break;
        default:
            if (xml_forbidden(c))
                fputs(replacement, f);
            else
                putc(c, f);
        }
    }
}

void pg_escape_dot(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '\\': fputs("\\\\", f); break;
        case '"': fputs("\\\"", f); break;
        case '&': fputs("&amp;", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r':
            if (s[1] != '\n')
                fputs("\\n", f);
            break;
        case '\t': putc(' ', f); break;
        default:
            if (c < 0x20)
                fputs(replacement, f);
            else
                putc(c, f);
        }
    }
}

void pg_escape_csv(FILE *f, const char *s)
{
    size_t len = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL || (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
    if (!quote) {
        fputs(s, f);
        return;
    }
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
}

/* A JSON string literal; `html` also writes < > & U+2028 U+2029 as \uXXXX. */
static void json_string(FILE *f, const char *s, int html)
{
    putc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '<': case '>': case '&':
            if (html)
                fprintf(f, "\\u%04x", c);
            else
                putc(c, f);
            break;
        default:
            if (c < 0x20) {
                fprintf(f, "\\u%04x", c);
            } else if (html && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
                       ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
                fputs((unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029", f);
                s += 2;
            } else {
                putc(c, f);
            }
        }
    }
    putc('"', f);
}

void pg_escape_json(FILE *f, const char *s)
{
    json_string(f, s, 0);
}

void pg_escape_json_html(FILE *f, const char *s)
{
    json_string(f, s, 1);
}
