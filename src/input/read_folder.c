/* read_folder.c - tables from several files (reader.h): a folder's .csv
 * and .tsv files (gzipped or not) in name order (pg_read_folder), or a
 * list of such files in the order given (pg_read_files), each read through
 * the input path every file takes (input.c: gzip, byte order marks,
 * UTF-16 and UTF-32) and as CSV (read_tables.c), then read together as
 * tabular partygraph/1 in one reader frame. In a list, two files giving
 * one table name are an error naming both. Files of a folder that look like data
 * in another form are named in one warning; in a list, a file that is
 * not a table is refused. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "input/reader.h"
#include "model/dataset.h"

/* The endings of the tables read, and of data ignored with a warning. */
static const char *const table_endings[] = { ".csv", ".tsv", ".csv.gz", ".tsv.gz", NULL };
static const char *const data_endings[] = { ".json", ".ndjson", ".xlsx", ".xls", ".ods", ".txt", ".graphml",
                                            ".gexf", ".gml", ".net", ".xml", ".gz", NULL };

typedef PG_VEC(char *) names;

static bool ends_in(const char *name, const char *const *endings)
{
    size_t n = strlen(name);
    for (; *endings; endings++)
        if (n > strlen(*endings) && strcmp(name + n - strlen(*endings), *endings) == 0)
            return true;
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(names *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    free(v->items);
}

/* Adds a copy of `name` to `v`; false when out of memory. */
static bool add_name(names *v, const char *name)
{
    char *copy = PG_VEC_RESERVE(*v, 1) == 0 ? strdup(name) : NULL;
    if (copy != NULL)
        v->items[v->len++] = copy;
    return copy != NULL;
}

/* The folder's tables and other data files, each sorted by name. */
static pg_status list_folder(const char *path, names *tables, names *others, pg_error *err)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot read '%s'", path);
    bool ok = true;
    for (struct dirent *de; ok && (de = readdir(d)) != NULL;) {
        if (de->d_name[0] == '.')
            continue;
        if (ends_in(de->d_name, table_endings))
            ok = add_name(tables, de->d_name);
        else if (ends_in(de->d_name, data_endings))
            ok = add_name(others, de->d_name);
    }
    closedir(d);
    if (tables->len > 1)
        qsort(tables->items, tables->len, sizeof *tables->items, by_name);
    if (others->len > 1)
        qsort(others->items, others->len, sizeof *others->items, by_name);
    return ok ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory");
}

/* The path of file `name` in folder `dir`, in `buf`. */
static const char *join(const char *dir, const char *name, char *buf, size_t size)
{
    size_t n = strlen(dir);
    snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return buf;
}

/* The bytes of file `path`, read as any input is (gzip, UTF-16, the
 * limit), into *all (the caller frees it); false after telling the
 * caller why not (R->io). */
static bool read_bytes(pg_reader *R, const char *path, char **all, size_t *len)
{
    pg_input *in = NULL;
    pg_status st = pg_input_open(path, &in, &R->io);
    if (st == PG_OK)
        pg_input_limit(in, R->user->max_input_bytes);
    if (st == PG_OK)
        st = pg_input_read_all(in, NULL, 0, all, len, &R->io);
    pg_input_close(in);
    R->io_failed = st != PG_OK;
    if (R->io_failed && R->user->on_problem != NULL)
        R->user->on_problem(&R->io, R->user->userdata);
    return !R->io_failed;
}

/* Reads file `path` as one more table of `t`. Returns "go on". */
static bool read_one(pg_reader *R, pg_tables *t, const char *path)
{
    char *all = NULL;
    size_t len = 0;
    if (!read_bytes(R, path, &all, &len))
        return false;
    pg_sha256_update(&R->sha, all, len);
    R->L.ds->input_bytes += len;
    bool go = pg_read_table_csv(R, t, path, all, len);
    free(all);
    return go;
}

/* Warns once about the files of the folder that are not read. */
static void warn_others(pg_reader *R, const names *others)
{
    char list[400];
    pg_strbuf b = pg_strbuf_init(list, sizeof list);
    for (size_t i = 0; i < others->len; i++)
        pg_strbuf_printf(&b, "%s%s", i ? ", " : "", others->items[i]);
    if (others->len > 0)
        pg_report_warning(&R->report, NULL, "file%s not read (a folder of tables reads its .csv and .tsv files): %s",
                          others->len > 1 ? "s" : "", list);
}

/* An error, at the file of the last table of `t`, when an earlier table
 * has its name. Returns "go on". */
static bool unique(pg_reader *R, const pg_tables *t)
{
    const pg_table *last = t->items.len ? &t->items.items[t->items.len - 1] : NULL;
    for (size_t i = 0; last != NULL && i + 1 < t->items.len; i++) {
        if (strcmp(t->items.items[i].name, last->name) != 0)
            continue;
        const char *display = R->report.file;
        R->report.file = last->file;
        pg_report_error(&R->report, NULL, "table \"%s\" given twice: by %s and by %s (one file per table)",
                        last->name, t->items.items[i].file, last->file);
        R->report.file = display;
        return false;
    }
    return true;
}

/* Reads the tables at `paths` in that order into R, each of its own name
 * when `once` (a list; a folder's parties.csv and parties.tsv are read one
 * after the other). Returns "go on". */
static bool read_paths(pg_reader *R, const char *const *paths, size_t n, const names *others, bool once)
{
    pg_tables t = PG_TABLES_INIT;
    bool go = true;
    warn_others(R, others);
    for (size_t i = 0; go && i < n; i++)
        go = read_one(R, &t, paths[i]) && (!once || unique(R, &t));
    go = go && pg_read_tables(R, &t);
    pg_tables_free(&t);
    return go;
}

/* Tells the caller why the input `name` is not read (`e`). */
static void refuse(const char *name, const pg_load_options *opt, pg_error *e, pg_error *err)
{
    if (e->status == PG_ENOMEM)
        pg_error_set_file(e, name);
    if (opt->on_problem != NULL)
        opt->on_problem(e, opt->userdata);
    if (err != NULL)
        *err = *e;
}

/* Loads the tables at `paths` (n > 0) as the one input `name`, the files
 * `others` named in a warning, `once` as read_paths; as pg_read_folder. */
static pg_dataset *read_tables_at(const char *name, const char *const *paths, size_t n, const names *others,
                                  bool once, const pg_load_options *opt, pg_error *err)
{
    pg_reader *R = pg_reader_new(name, opt, PG_INPUT_TABLES);
    pg_error e;
    if (R != NULL)
        return pg_reader_finish(R, read_paths(R, paths, n, others, once), err);
    pg_error_set(&e, PG_ENOMEM, "out of memory");
    refuse(name, opt, &e, err);
    return NULL;
}

/* The paths of the files `tables` of folder `dir`, in `paths`. */
static pg_status join_all(const char *dir, const names *tables, names *paths, pg_error *err)
{
    char file[4096];
    for (size_t i = 0; i < tables->len; i++)
        if (!add_name(paths, join(dir, tables->items[i], file, sizeof file)))
            return pg_error_set(err, PG_ENOMEM, "out of memory");
    return PG_OK;
}

pg_dataset *pg_read_folder(const char *path, const pg_load_options *opt, pg_error *err)
{
    names tables = { NULL, 0, 0 }, others = { NULL, 0, 0 }, paths = { NULL, 0, 0 };
    pg_error e;
    pg_status st = list_folder(path, &tables, &others, &e);
    if (st == PG_OK && tables.len == 0) /* as when folders were no input */
        st = pg_error_set(&e, PG_EIO, "cannot read '%s': it is a directory, and holds no tables (.csv or .tsv files "
                          "named after partygraph/1's arrays: parties.csv, relations.csv, ...)", path);
    if (st == PG_OK)
        st = join_all(path, &tables, &paths, &e);
    pg_dataset *ds = NULL;
    if (st != PG_OK)
        refuse(path, opt, &e, err);
    else
        ds = read_tables_at(path, (const char *const *)paths.items, paths.len, &others, false, opt, err);
    free_names(&tables);
    free_names(&others);
    free_names(&paths);
    return ds;
}

/* The first of `paths` that is not a table file, or NULL. */
static const char *non_table(const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ends_in(paths[i], table_endings))
            return paths[i];
    return NULL;
}

/* A problem with the list `paths` itself, in `e`: none given, or a file
 * that is not a table. PG_OK when every file is a table. */
static pg_status check_list(const char *const *paths, size_t n, pg_error *e)
{
    const char *odd = n ? non_table(paths, n) : NULL;
    if (n == 0)
        return pg_error_set(e, PG_EINVALID, "no input files given");
    if (odd == NULL)
        return PG_OK;
    pg_error_set(e, PG_EINVALID, "not a table file (.csv or .tsv, gzipped or not), and only tables are read "
                 "together from several files (a workbook or any other input is read alone)");
    pg_error_set_file(e, odd);
    return PG_EINVALID;
}

pg_dataset *pg_read_files(const char *const *paths, size_t n, const pg_load_options *opt, pg_error *err)
{
    static const names none = { NULL, 0, 0 };
    pg_error e;
    if (check_list(paths, n, &e) == PG_OK)
        return read_tables_at(paths[0], paths, n, &none, true, opt, err);
    refuse(n ? paths[0] : "", opt, &e, err);
    return NULL;
}
