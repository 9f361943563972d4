/* jpath.c - see jpath.h. */
#include "jpath.h"

#include <stdbool.h>

#include "strbuf.h"

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
