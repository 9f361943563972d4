/* load.c - the public pg_dataset_load_* functions: open the input (a
 * folder, or a list of files: tables, read_folder.c), look at
 * its first bytes for its format (detect.c, or the caller's
 * --input-format), and hand it to its reader: partygraph/1 to the
 * streaming loader (read_partygraph.c), the others, each in the frame of
 * reader.c, to the function of `readers`. Every reader is below this file,
 * and none calls back into it. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/timing.h"
#include "input/detect.h"
#include "input/input.h"
#include "input/read_partygraph.h"
#include "input/reader.h"
#include "model/dataset.h"

/* The reader of each format but partygraph/1's. */
static pg_read_fn *const readers[PG_INPUT_COUNT] = {
    [PG_INPUT_NODELINK] = pg_read_nodelink, [PG_INPUT_JGF] = pg_read_jgf,         [PG_INPUT_POPOLO] = pg_read_popolo,
    [PG_INPUT_NDJSON] = pg_read_ndjson,     [PG_INPUT_GRAPHML] = pg_read_graphml,
    [PG_INPUT_CYJS] = pg_read_cyjs,
    [PG_INPUT_GML] = pg_read_gml,           [PG_INPUT_PAJEK] = pg_read_pajek,       [PG_INPUT_GEXF] = pg_read_gexf,
    [PG_INPUT_TABLES] = pg_read_table_text,
};

/* What a format is written in: JSON, markup (GraphML, GEXF) or other text
 * (GML, Pajek). */
enum { JSON_TEXT, MARKUP, PLAIN_TEXT };
static const int families[PG_INPUT_COUNT] = { [PG_INPUT_GRAPHML] = MARKUP, [PG_INPUT_GEXF] = MARKUP,
                                              [PG_INPUT_GML] = PLAIN_TEXT, [PG_INPUT_PAJEK] = PLAIN_TEXT,
                                              [PG_INPUT_TABLES] = PLAIN_TEXT };

/* A format forced with --input-format that the first bytes rule out:
 * markup read as JSON, JSON read as GraphML, ... (text nothing detects,
 * PG_INPUT_PARTYGRAPH, may be forced to GML or Pajek). */
static bool mismatch(pg_input_format forced, pg_input_format found)
{
    if (families[forced] == PLAIN_TEXT && found == PG_INPUT_PARTYGRAPH)
        return false;
    return families[forced] != families[found];
}

/* Tells the caller about a problem reading the input `name` itself, or
 * one that stops it before a reader runs; running out of memory,
 * wherever, is the one line "NAME: out of memory". */
static void io_problem(const pg_load_options *opt, pg_error *io, const char *name)
{
    if (io->status == PG_ENOMEM) {
        pg_error_set(io, PG_ENOMEM, "out of memory");
        pg_error_set_file(io, name);
    }
    if (opt->on_problem != NULL)
        opt->on_problem(io, opt->userdata);
}

/* Reads with the format chosen: checks a forced one against the content,
 * then runs the reader. Returns the new dataset or NULL. */
static pg_dataset *read_as(pg_input_format format, pg_input_format found, const char *text, size_t len, pg_input *in,
                           const char *name, const pg_load_options *opt, pg_error *err)
{
    pg_reader *R = pg_reader_new(name, opt, format);
    if (R == NULL) { /* told to the callback, as a reader's problems are */
        pg_error e;
        pg_error_set(&e, PG_ENOMEM, "out of memory");
        io_problem(opt, &e, name);
        if (err != NULL)
            *err = e;
        return NULL;
    }
    pg_sha256_update(&R->sha, text, len);
    R->L.ds->input_bytes = len;
    if (families[format] == JSON_TEXT) /* JSON: as partygraph/1, problems wait for the end */
        pg_report_hold(&R->report);
    bool go;
    if (mismatch(format, found))
        go = pg_report_error(&R->report, NULL, "--input-format %s, but this is not %s (it looks like %s)",
                             pg_input_format_name(format), pg_detect_title(format),
                             found == PG_INPUT_PARTYGRAPH ? "JSON" : pg_detect_title(found));
    else
        go = readers[format] == NULL || readers[format](R, text, len, in);
    return pg_reader_finish(R, go, err);
}

/* Reads `len` bytes at `data` into *out when they are in a format other
 * than partygraph/1 (forced, or detected); returns false, reading
 * nothing, when they are partygraph/1. */
static bool read_foreign_buffer(const char *data, size_t len, const char *name, const pg_load_options *opt,
                                pg_dataset **out, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    opt = opt ? opt : &defaults;
    pg_input_format format = opt->input_format;
    pg_input_format found = pg_detect_format_named(data, len < PG_DETECT_PEEK ? len : PG_DETECT_PEEK, name);
    if (format == PG_INPUT_AUTO)
        format = found;
    if (format == PG_INPUT_PARTYGRAPH || format < 0 || format >= PG_INPUT_COUNT)
        return false;
    *out = read_as(format, found, data, len, NULL, name, opt, err);
    return true;
}

/* Reads up to PG_DETECT_PEEK bytes of `in` into `buf`; returns the
 * count, or -1. */
static long peek(pg_input *in, char *buf, pg_error *err)
{
    size_t n = 0;
    long got = 1;
    while (n < PG_DETECT_PEEK && (got = pg_input_read(in, buf + n, PG_DETECT_PEEK - n, err)) > 0)
        n += (size_t)got;
    return got < 0 ? -1 : (long)n;
}

/* Reads the open input `in`, whose first `n` bytes are in `head`. */
static pg_dataset *read_input(pg_input *in, const char *head, size_t n, pg_input_format format,
                              const pg_load_options *opt, pg_error *err)
{
    pg_input_format found = pg_detect_format_named(head, n, pg_input_name(in));
    if (format == PG_INPUT_AUTO)
        format = found;
    if (format == PG_INPUT_NDJSON && !mismatch(format, found))
        return read_as(format, found, head, n, in, pg_input_name(in), opt, err);
    if (format == PG_INPUT_PARTYGRAPH) /* streamed, from the bytes already read */
        return pg_read_partygraph_input(in, head, n, opt, err);
    char *all = NULL;
    size_t len = 0;
    if (pg_input_read_all(in, head, n, &all, &len, err) != PG_OK)
        return io_problem(opt, err, pg_input_name(in)), NULL;
    pg_dataset *ds = read_as(format, found, all, len, NULL, pg_input_name(in), opt, err);
    free(all);
    return ds;
}

/* Reads the input that `open` opened (status `opened`, `in` NULL on
 * failure), whatever its format; closes it. */
static pg_dataset *read_opened(pg_input *in, pg_status opened, const char *name, const pg_load_options *opt,
                               pg_error *e, pg_error *err)
{
    pg_dataset *ds = NULL;
    char *head = malloc(PG_DETECT_PEEK);
    long n = -1;
    if (opened == PG_OK && head == NULL)
        pg_error_set(e, PG_ENOMEM, "out of memory");
    else if (opened == PG_OK) {
        pg_input_limit(in, opt->max_input_bytes);
        n = peek(in, head, e);
    }
    if (n < 0)
        io_problem(opt, e, name);
    else
        ds = read_input(in, head, (size_t)n, opt->input_format, opt, e);
    if (ds == NULL && err != NULL)
        *err = *e;
    else if (ds != NULL)
        pg_error_clear(err);
    pg_input_close(in);
    free(head);
    return ds;
}

/* Is `path` a folder (a folder of tables)? */
static bool is_folder(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reads the input at `path` ("-" = standard input) in whatever format it
 * is (opt->input_format, or detected from its first bytes): its bytes are
 * read once, so that a pipe or a FIFO can be named too, and partygraph/1
 * goes to the streaming loader with the bytes already read. A folder is
 * a folder of tables. */
static pg_dataset *read_file(const char *path, const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_input *in = NULL;
    pg_error e;
    if (is_folder(path))
        return pg_read_folder(path, opt ? opt : &defaults, err);
    pg_status opened = pg_input_open(path, &in, &e);
    return read_opened(in, opened, path, opt ? opt : &defaults, &e, err);
}

/* As read_file, from the caller's stream `f` (borrowed, read from where
 * it is, never closed), named `name` in messages. */
static pg_dataset *read_stream(FILE *f, const char *name, const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_input *in = NULL;
    pg_error e;
    pg_status opened = pg_input_open_stream(f, name, &in, &e);
    return read_opened(in, opened, name, opt ? opt : &defaults, &e, err);
}

/* True, after telling the caller why, when `len` bytes are over the
 * input limit of `opt` (NULL: the default). */
static bool over_limit(size_t len, const char *name, const pg_load_options *opt, pg_error *err)
{
    unsigned long long max = opt ? opt->max_input_bytes : PG_MAX_INPUT_BYTES;
    pg_error e;
    if (max == 0 || len <= max)
        return false;
    pg_error_set(&e, PG_EINVALID, "input larger than the limit of %llu bytes (--max-input-bytes)", max);
    pg_error_set_file(&e, name);
    if (opt != NULL && opt->on_problem != NULL)
        opt->on_problem(&e, opt->userdata);
    if (err != NULL)
        *err = e;
    return true;
}

pg_dataset *pg_dataset_load_buffer(const char *data, size_t len, const char *name,
                                   const pg_load_options *opt, pg_error *err)
{
    double started = pg_clock();
    pg_dataset *ds = NULL;
    if (over_limit(len, name, opt, err))
        return NULL;
    if (!read_foreign_buffer(data, len, name, opt, &ds, err)) /* partygraph/1 */
        ds = pg_read_partygraph_buffer(data, len, name, opt, PG_LOAD_AUTO, err);
    if (ds != NULL)
        pg_dataset_loaded(ds, started);
    return ds;
}

pg_dataset *pg_dataset_load_file_opts(const char *path, const pg_load_options *opt, pg_error *err)
{
    double started = pg_clock();
    pg_dataset *ds = read_file(path, opt, err);
    if (ds != NULL)
        pg_dataset_loaded(ds, started); /* reading the input included */
    return ds;
}

pg_dataset *pg_dataset_load_files(const char *const *paths, size_t n, const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    if (n == 1)
        return pg_dataset_load_file_opts(paths[0], opt, err);
    double started = pg_clock();
    pg_dataset *ds = pg_read_files(paths, n, opt ? opt : &defaults, err);
    if (ds != NULL)
        pg_dataset_loaded(ds, started);
    return ds;
}

pg_dataset *pg_dataset_load_stream(FILE *f, const char *name, const pg_load_options *opt, pg_error *err)
{
    double started = pg_clock();
    pg_dataset *ds = read_stream(f, name ? name : "<stream>", opt, err);
    if (ds != NULL)
        pg_dataset_loaded(ds, started);
    return ds;
}

pg_dataset *pg_dataset_load_file(const char *path, pg_error *err)
{
    return pg_dataset_load_file_opts(path, NULL, err);
}
