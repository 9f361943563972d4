/* jpath.c - see jpath.h. */
#include "jpath.h"

#include <stdbool.h>

#include "strbuf.h"

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

void pg_jpath_format(const pg_jpath *p, char *buf, size_t size)
{
    pg_strbuf b = pg_strbuf_init(buf, size);
    pg_strbuf_printf(&b, "$");
    for (int i = 0; i < p->depth; i++) {
        const char *key = p->seg[i].key;
        if (key == NULL) {
            pg_strbuf_printf(&b, "[%ld]", p->seg[i].index);
        } else if (plain_key(key)) {
            pg_strbuf_printf(&b, ".%s", key);
        } else {
            pg_strbuf_printf(&b, "[");
            pg_strbuf_quote(&b, key, 60);
            pg_strbuf_printf(&b, "]");
        }
    }
}
