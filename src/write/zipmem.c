/* zipmem.c - see zipmem.h. */
#define _POSIX_C_SOURCE 200809L
#include "write/zipmem.h"

#include <stdlib.h>

enum { FIXED_TIME = 946728000 }; /* 2000-01-01 12:00 UTC: every part's time */

pg_status pg_zipmem_open(pg_zipmem *m)
{
    zip_error_t ze;
    zip_error_init(&ze);
    m->src = zip_source_buffer_create(NULL, 0, 0, &ze);
    m->z = m->src ? zip_open_from_source(m->src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (m->z == NULL && m->src)
        zip_source_free(m->src);
    if (m->z)
        zip_source_keep(m->src); /* read after zip_close */
    return m->z ? PG_OK : PG_EINTERNAL;
}

/* What fn(f, data) writes, in a new buffer *text of *len bytes. */
static pg_status part_text(pg_zipmem_text_fn *fn, const void *data, char **text, size_t *len)
{
    FILE *f = open_memstream(text, len);
    if (f == NULL)
        return PG_ENOMEM;
    bool go = fn(f, data);
    if (fclose(f) == 0 && go)
        return PG_OK;
    free(*text);
    return PG_ENOMEM;
}

/* Adds the `len` bytes of `text` (given to libzip) as part `name`. */
static pg_status add_buffer(zip_t *z, const char *name, bool stored, char *text, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, text, len, 1);
    zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        if (src)
            zip_source_free(src);
        else
            free(text);
        return PG_EINTERNAL;
    }
    if (stored && zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) != 0)
        return PG_EINTERNAL;
    return zip_file_set_mtime(z, (zip_uint64_t)i, FIXED_TIME, 0) == 0 ? PG_OK : PG_EINTERNAL;
}

pg_status pg_zipmem_add(pg_zipmem *m, const char *name, bool stored, pg_zipmem_text_fn *fn, const void *data)
{
    char *text = NULL;
    size_t len = 0;
    pg_status st = part_text(fn, data, &text, &len);
    return st == PG_OK ? add_buffer(m->z, name, stored, text, len) : st;
}

/* Copies the bytes of closed zip source `src` to `out`. */
static pg_status copy_out(zip_source_t *src, FILE *out)
{
    char buf[65536];
    zip_int64_t n;
    if (zip_source_open(src) < 0)
        return PG_EINTERNAL;
    while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, out);
    zip_source_close(src);
    return n < 0 ? PG_EINTERNAL : PG_OK;
}

pg_status pg_zipmem_finish(pg_zipmem *m, pg_status st, FILE *out)
{
    if (st == PG_OK && zip_close(m->z) < 0)
        st = PG_EINTERNAL;
    if (st != PG_OK)
        zip_discard(m->z); /* (zip_close leaves the archive open when it fails) */
    if (st == PG_OK)
        st = copy_out(m->src, out);
    zip_source_free(m->src);
    m->z = NULL;
    m->src = NULL;
    return st;
}
