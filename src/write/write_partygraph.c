/* write_partygraph.c - a dataset (any input, once loaded) as canonical
 * partygraph/1 JSON: "format" first, then title, description, notes and
 * the arrays in the order of records.h, each record's fields in the
 * canonical order, two spaces of indentation, numbers as pg_fmt_double
 * writes them. Loading what it writes gives the same dataset, and
 * writing that again gives the same bytes. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "write/jsonw.h"
#include "write/records.h"

/* Calls `fn` on each non-empty item of ";"-joined `s` (a copy, valid
 * during the call); sets errno to ENOMEM and stops when out of memory. */
static void each_item(pg_jsonw *w, const char *s, void (*fn)(pg_jsonw *w, const char *item))
{
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, ";");
        char *item = n ? strndup(p, n) : NULL;
        if (n && item == NULL) {
            errno = ENOMEM;
            return;
        }
        if (item)
            fn(w, item);
        free(item);
        p += n + (p[n] == ';');
    }
}

/* "scheme:identifier" as {"scheme": ..., "identifier": ...}. */
static void identifier(pg_jsonw *w, const char *item)
{
    char *colon = strchr(item, ':');
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "scheme");
    if (colon)
        *colon = '\0';
    pg_jsonw_string(w, colon ? item : "");
    pg_jsonw_key(w, "identifier");
    pg_jsonw_string(w, colon ? colon + 1 : item);
    pg_jsonw_close(w);
}

static void field(pg_jsonw *w, const pg_recfield *f)
{
    pg_jsonw_key(w, f->key);
    switch (f->kind) {
    case PG_REC_TEXT: pg_jsonw_string(w, f->s); break;
    case PG_REC_NUMBER: pg_jsonw_number(w, f->d); break;
    case PG_REC_BOOL: pg_jsonw_bool(w, f->b); break;
    case PG_REC_LIST:
    case PG_REC_IDENTIFIERS:
        pg_jsonw_open(w, '[', true);
        each_item(w, f->s, f->kind == PG_REC_LIST ? pg_jsonw_string : identifier);
        pg_jsonw_close(w);
        break;
    }
}

static void record(pg_jsonw *w, const pg_record *r)
{
    pg_jsonw_open(w, '{', false);
    for (size_t k = 0; k < r->fields.len; k++)
        field(w, &r->fields.items[k]);
    pg_jsonw_close(w);
}

/* Array `t` of `ds`, when it has records; false when out of memory. */
static bool table(pg_jsonw *w, const pg_dataset *ds, pg_array t, pg_record *r)
{
    if (pg_array_rows(ds, t) == 0)
        return true;
    pg_jsonw_key(w, pg_array_name(t));
    pg_jsonw_open(w, '[', false);
    int rc = 0;
    for (size_t i = 0; rc >= 0 && i < pg_array_extent(ds, t); i++)
        if ((rc = pg_array_record(ds, t, i, r)) > 0)
            record(w, r);
    pg_jsonw_close(w);
    return rc >= 0;
}

/* Member `key` with string `value`, unless `value` is NULL or empty. */
static void text_member(pg_jsonw *w, const char *key, const char *value)
{
    if (value == NULL || value[0] == '\0')
        return;
    pg_jsonw_key(w, key);
    pg_jsonw_string(w, value);
}

/* format, title, description, notes. */
static void about(pg_jsonw *w, const pg_dataset *ds)
{
    text_member(w, "format", "partygraph/1");
    text_member(w, "title", ds->title);
    text_member(w, "description", ds->description);
    if (ds->nnotes == 0)
        return;
    pg_jsonw_key(w, "notes");
    pg_jsonw_open(w, '[', false);
    for (size_t i = 0; i < ds->nnotes; i++)
        pg_jsonw_string(w, ds->notes[i]);
    pg_jsonw_close(w);
}

/* Writes the whole document; false when out of memory. */
static bool document(FILE *out, const pg_dataset *ds)
{
    pg_jsonw w;
    pg_record r = { 0 };
    bool go = true;
    pg_jsonw_init(&w, out);
    pg_jsonw_open(&w, '{', false);
    about(&w, ds);
    for (int t = 0; go && t < PG_ARRAY_COUNT; t++)
        go = table(&w, ds, (pg_array)t, &r) && errno != ENOMEM;
    pg_jsonw_close(&w);
    pg_record_free(&r);
    return go;
}

pg_status pg_dataset_write_json(const pg_dataset *ds, FILE *out, pg_error *err)
{
    errno = 0;
    flockfile(out);
    bool go = document(out, ds);
    funlockfile(out);
    if (!go)
        return pg_error_set(err, PG_ENOMEM, "out of memory writing partygraph/1 JSON");
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write partygraph/1 JSON");
    pg_error_clear(err);
    return PG_OK;
}
