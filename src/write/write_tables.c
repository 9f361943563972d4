/* write_tables.c - a dataset as partygraph/1 tables (docs/input.md,
 * "Tables and workbooks"): one CSV per array, header row of field names,
 * one row per record; lists ";"-joined, booleans true/false, text cells
 * with the formula guard of pg_escape_csv_text; UTF-8, LF, fields quoted
 * only when needed. Plus `about` (key,value): format, title,
 * description, notes. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "write/escape.h"
#include "write/records.h"

static const char about_name[] = "about";

static void cell(FILE *f, const pg_recfield *v)
{
    char num[PG_FMT_DOUBLE_SIZE];
    if (v == NULL)
        return;
    if (v->kind == PG_REC_NUMBER)
        fputs(pg_fmt_double(v->d, num), f);
    else if (v->kind == PG_REC_BOOL)
        fputs(v->b ? "true" : "false", f);
    else
        pg_escape_csv_text(f, v->s);
}

static void header(FILE *f, const pg_str_vec *columns)
{
    for (size_t c = 0; c < columns->len; c++) {
        if (c)
            putc(',', f);
        pg_escape_csv_text(f, columns->items[c]);
    }
    putc('\n', f);
}

static void row(FILE *f, const pg_record *r, const pg_str_vec *columns)
{
    for (size_t c = 0; c < columns->len; c++) {
        if (c)
            putc(',', f);
        cell(f, pg_record_field(r, columns->items[c]));
    }
    putc('\n', f);
}

/* Table `t` of `ds` to `f`; false when out of memory. */
static bool table(FILE *f, const pg_dataset *ds, pg_array t, bool every_column)
{
    pg_str_vec columns = { 0 };
    pg_record r = { 0 };
    int rc = pg_array_header(ds, t, every_column, &columns);
    if (rc == 0)
        header(f, &columns);
    for (size_t i = 0; rc >= 0 && i < pg_array_extent(ds, t); i++)
        if ((rc = pg_array_record(ds, t, i, &r)) > 0)
            row(f, &r, &columns);
    pg_record_free(&r);
    free(columns.items);
    return rc >= 0;
}

static void about(FILE *f, const pg_dataset *ds)
{
    fputs("key,value\n", f);
    for (size_t i = 0; i < pg_about_rows(ds); i++) {
        const char *key, *value;
        pg_about_row(ds, i, &key, &value);
        fprintf(f, "%s,", key);
        pg_escape_csv_text(f, value);
        putc('\n', f);
    }
}

const char *pg_dataset_table_name(int i)
{
    return i == 0 ? about_name : i > 0 && i <= PG_ARRAY_COUNT ? pg_array_name((pg_array)(i - 1)) : NULL;
}

size_t pg_dataset_table_rows(const pg_dataset *ds, const char *name)
{
    if (strcmp(name, about_name) == 0)
        return pg_about_rows(ds);
    pg_array t = pg_array_find(name);
    return t < PG_ARRAY_COUNT ? pg_array_rows(ds, t) : 0;
}

/* Writes table `name` to `out`; false when out of memory. */
static bool write_named(const pg_dataset *ds, const char *name, bool every_column, FILE *out)
{
    if (strcmp(name, about_name) != 0)
        return table(out, ds, pg_array_find(name), every_column);
    about(out, ds);
    return true;
}

pg_status pg_dataset_write_table(const pg_dataset *ds, const char *name, int every_column, FILE *out, pg_error *err)
{
    if (strcmp(name, about_name) != 0 && pg_array_find(name) == PG_ARRAY_COUNT)
        return pg_error_set(err, PG_EARG, "no table named '%s'", name);
    errno = 0;
    flockfile(out);
    bool go = write_named(ds, name, every_column != 0, out);
    funlockfile(out);
    if (!go)
        return pg_error_set(err, PG_ENOMEM, "out of memory writing %s.csv", name);
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write %s.csv", name);
    pg_error_clear(err);
    return PG_OK;
}
