/* jpath.c - see jpath.h. pg_jpath_locate walks text that is known to be
 * valid JSON, so it only needs to find the ends of values. */
#include "input/jpath.h"

#include <cJSON.h>
#include <stdbool.h>
#include <string.h>

#include "base/strbuf.h"

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

void pg_jpath_format(const pg_jpath *p, char *buf, size_t size)
{
    const pg_jpath *seg[PG_JPATH_DEPTH];
    int n = 0;
    for (const pg_jpath *s = p; s != NULL && s->depth > 0; s = s->parent)
        if (s->depth <= PG_JPATH_DEPTH)
            seg[n++] = s;
    pg_strbuf b = pg_strbuf_init(buf, size);
    pg_strbuf_printf(&b, "$");
    while (n-- > 0) {
        const char *key = seg[n]->key;
        if (key == NULL) {
            pg_strbuf_printf(&b, "[%ld]", seg[n]->index);
        } else if (plain_key(key)) {
            pg_strbuf_printf(&b, ".%s", key);
        } else {
            pg_strbuf_printf(&b, "[");
            pg_strbuf_quote(&b, key, 60);
            pg_strbuf_printf(&b, "]");
        }
    }
}

static size_t space(const char *s, size_t len, size_t at)
{
    while (at < len && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
        at++;
    return at;
}

/* The end of the value at `at`. */
static size_t skip(const char *s, size_t len, size_t at)
{
    int depth = 0;
    do {
        if (s[at] == '"') {
            for (at++; at < len && s[at] != '"'; at++)
                at += s[at] == '\\';
        } else if (s[at] == '{' || s[at] == '[') {
            depth++;
        } else if (s[at] == '}' || s[at] == ']') {
            depth--;
        } else if (depth == 0) { /* a number or a literal */
            while (at < len && strchr(",]} \t\r\n", s[at]) == NULL)
                at++;
            return at;
        }
        at++;
    } while (at < len && depth > 0);
    return at;
}

/* True when the key token (quotes included) at `s` is `key`. */
static bool same_key(const char *s, size_t n, const char *key)
{
    if (memchr(s, '\\', n) == NULL)
        return n - 2 == strlen(key) && memcmp(s + 1, key, n - 2) == 0;
    cJSON *k = cJSON_ParseWithLength(s, n);
    bool same = k != NULL && strcmp(k->valuestring, key) == 0;
    cJSON_Delete(k);
    return same;
}

/* The offset of member `key` (the last one) or element `index` (key
 * NULL) of the container at `at`, or -1. */
static long child(const char *s, size_t len, size_t at, const char *key, long index)
{
    long found = -1;
    if (at >= len || s[at] != (key ? '{' : '['))
        return -1;
    for (at = space(s, len, at + 1); at < len && s[at] != '}' && s[at] != ']'; index--) {
        bool hit = index == 0;
        if (key != NULL) {
            size_t end = skip(s, len, at);
            hit = same_key(s + at, end - at, key);
            at = space(s, len, space(s, len, end) + 1); /* past the colon */
        }
        if (hit && key == NULL)
            return (long)at;
        found = hit ? (long)at : found;
        at = space(s, len, skip(s, len, at));
        at = at < len && s[at] == ',' ? space(s, len, at + 1) : at;
    }
    return found;
}

long pg_jpath_locate(const pg_jpath *p, int from, const char *text, size_t len)
{
    const pg_jpath *seg[PG_JPATH_DEPTH];
    int n = 0;
    for (const pg_jpath *s = p; s != NULL && s->depth > from; s = s->parent)
        if (s->depth <= PG_JPATH_DEPTH)
            seg[n++] = s;
    long at = (long)space(text, len, 0);
    while (n-- > 0 && at >= 0)
        at = child(text, len, (size_t)at, seg[n]->key, seg[n]->index);
    return at;
}
