/* read.c - see read.h: which format an input is in, and the frame every
 * reader runs in (the dataset, the problems, the checks at the end).
 *
 * Detection looks at the first 64 KiB only, so that a stream need not be
 * held: '<' is GraphML; a JSON object followed by another object is NDJSON;
 * otherwise the first top-level key that belongs to one format decides
 * (see `key_formats`); nothing decisive means partygraph/1, whose loader
 * then explains what is wrong. */
#include "input/read.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "base/utf8.h"
#include "input/dupkeys.h"
#include "input/json_check.h"
#include "input/resolve.h"

enum { PEEK = 1 << 16, KEY_MAX = 32 };

static const char *const format_names[PG_INPUT_COUNT] = {
    "auto", "partygraph", "nodelink", "jgf", "popolo", "ndjson", "graphml",
};

/* What the formats are called in messages. */
static const char *const format_titles[PG_INPUT_COUNT] = {
    "auto", "partygraph/1", "node-link JSON", "JSON Graph Format", "Popolo JSON", "NDJSON", "GraphML",
};

const char *pg_input_format_name(pg_input_format f)
{
    return f >= 0 && f < PG_INPUT_COUNT ? format_names[f] : NULL;
}

pg_status pg_input_format_parse(const char *name, pg_input_format *out)
{
    int i = pg_name_index(format_names, PG_INPUT_COUNT, name);
    if (i < 0)
        return PG_EARG;
    *out = (pg_input_format)i;
    return PG_OK;
}

pg_input_format pg_dataset_input_format(const pg_dataset *ds)
{
    return ds->input_format == PG_INPUT_AUTO ? PG_INPUT_PARTYGRAPH : ds->input_format;
}

/* ---- detection ------------------------------------------------------ */

/* Top-level keys that only one format has ("graph" is decided apart). */
static const struct {
    const char *key;
    pg_input_format format;
} key_formats[] = {
    { "format", PG_INPUT_PARTYGRAPH },    { "countries", PG_INPUT_PARTYGRAPH }, { "parties", PG_INPUT_PARTYGRAPH },
    { "mechanisms", PG_INPUT_PARTYGRAPH }, { "relations", PG_INPUT_PARTYGRAPH }, { "sources", PG_INPUT_PARTYGRAPH },
    { "notes", PG_INPUT_PARTYGRAPH },     { "organizations", PG_INPUT_POPOLO }, { "memberships", PG_INPUT_POPOLO },
    { "persons", PG_INPUT_POPOLO },       { "areas", PG_INPUT_POPOLO },         { "posts", PG_INPUT_POPOLO },
    { "graphs", PG_INPUT_JGF },           { "nodes", PG_INPUT_NODELINK },       { "links", PG_INPUT_NODELINK },
    { "edges", PG_INPUT_NODELINK },       { "directed", PG_INPUT_NODELINK },    { "multigraph", PG_INPUT_NODELINK },
    { "kind", PG_INPUT_NDJSON },          { "type", PG_INPUT_NDJSON },          { "source", PG_INPUT_NDJSON },
    { "target", PG_INPUT_NDJSON },
};

static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The index after the string starting at s[i] ('"'), or n. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* The index after the JSON value at s[i], or n when it runs past the end. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"') {
            i = skip_string(s, n, i);
            if (depth == 0)
                return i;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && depth == 0)
            return i; /* the end of the container around a scalar */
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        else if (depth == 0 && strchr(", \t\r\n", c) != NULL)
            return i;
        i++;
    }
    return n;
}

/* Reads the member key at s[*i] (after '{' or ',') into `key` and leaves
 * *i at its value. False at the object's end or when the text runs out. */
static bool next_key(const char *s, size_t n, size_t *i, char key[KEY_MAX])
{
    size_t j = skip_space(s, n, *i);
    if (j < n && s[j] == ',')
        j = skip_space(s, n, j + 1);
    if (j >= n || s[j] != '"')
        return false;
    size_t end = skip_string(s, n, j);
    size_t len = end - j - 2;
    snprintf(key, KEY_MAX, "%.*s", (int)(len < KEY_MAX ? len : 0), s + j + 1);
    j = skip_space(s, n, end);
    if (j >= n || s[j] != ':')
        return false;
    *i = skip_space(s, n, j + 1);
    return true;
}

/* Does the object at s[i] have a "nodes" or "edges" member (JGF's graph)? */
static bool graph_object(const char *s, size_t n, size_t i)
{
    char key[KEY_MAX];
    if (i >= n || s[i] != '{')
        return false;
    for (i++; next_key(s, n, &i, key); i = skip_value(s, n, i))
        if (strcmp(key, "nodes") == 0 || strcmp(key, "edges") == 0)
            return true;
    return false;
}

static pg_input_format key_format(const char *key)
{
    for (size_t k = 0; k < sizeof key_formats / sizeof key_formats[0]; k++)
        if (strcmp(key_formats[k].key, key) == 0)
            return key_formats[k].format;
    return PG_INPUT_AUTO;
}

pg_input_format pg_read_detect(const char *data, size_t len)
{
    size_t i = skip_space(data, len, pg_utf8_bom(data, len));
    if (i < len && data[i] == '<')
        return PG_INPUT_GRAPHML;
    if (i >= len || data[i] != '{')
        return PG_INPUT_PARTYGRAPH;
    size_t after = skip_space(data, len, skip_value(data, len, i));
    if (after < len && data[after] == '{')
        return PG_INPUT_NDJSON;
    char key[KEY_MAX];
    pg_input_format found = PG_INPUT_AUTO;
    for (size_t j = i + 1; found == PG_INPUT_AUTO && next_key(data, len, &j, key); j = skip_value(data, len, j)) {
        if (strcmp(key, "graph") == 0 && graph_object(data, len, j))
            found = PG_INPUT_JGF;
        else
            found = key_format(key);
    }
    /* an object with element keys: NDJSON when another object follows (above), when it is the whole
     * input, or when it runs past the bytes peeked at (a long first line); not when other text follows */
    if (found == PG_INPUT_NDJSON && after < len)
        found = PG_INPUT_AUTO;
    return found == PG_INPUT_AUTO ? PG_INPUT_PARTYGRAPH : found;
}

/* ---- the reader's frame ---------------------------------------------- */

/* Rewrites "$.graphml.graph.node[3].x" as "graphml/graph/node[3]/x". */
static void slash_path(char *path)
{
    const char *s = path[0] == '$' ? path + 1 : path;
    size_t n = 0;
    if (*s == '.')
        s++;
    for (; *s; s++)
        path[n++] = *s == '.' ? '/' : *s;
    path[n] = '\0';
}

/* Every problem passes here: it gets the current line and the reader's
 * kind of path, is kept when it is the first error, and goes on to the
 * caller's callback. */
static void relay(const pg_error *problem, void *userdata)
{
    pg_reader *R = userdata;
    pg_error e = *problem;
    if (e.line == 0 && R->line > 0 && e.status != PG_ENOMEM)
        e.line = R->line;
    if (R->slash_paths)
        slash_path(e.path);
    if (e.severity == PG_SEVERITY_ERROR && !R->has_first) {
        R->first = e;
        R->has_first = true;
    }
    if (R->user->on_problem != NULL)
        R->user->on_problem(&e, R->user->userdata);
}

static pg_reader *reader_new(const char *name, const pg_load_options *opt, pg_input_format format)
{
    pg_reader *R = calloc(1, sizeof *R);
    pg_dataset *ds = R ? pg_dataset_new(name) : NULL;
    if (ds == NULL) {
        free(R);
        return NULL;
    }
    R->user = opt;
    R->opt = *opt;
    R->opt.on_problem = relay;
    R->opt.userdata = R;
    R->format = format;
    ds->input_format = format;
    R->slash_paths = format == PG_INPUT_GRAPHML;
    R->end_keys[0] = "source";
    R->end_keys[1] = "target";
    pg_report_init(&R->report, ds->file, &R->opt);
    pg_loader_init(&R->L, ds, &R->report);
    R->L.keep_places = format == PG_INPUT_NDJSON; /* the others resolve their references themselves */
    pg_sha256_init(&R->sha);
    return R;
}

/* Frees R, and its dataset unless `keep`. */
static void reader_free(pg_reader *R, bool keep)
{
    if (!keep)
        pg_dataset_free(R->L.ds);
    free(R->decls.items);
    pg_strmap_free(&R->by_id);
    pg_strmap_free(&R->by_pg_id);
    pg_strmap_free(&R->warned);
    pg_loader_free(&R->L);
    pg_report_free(&R->report);
    free(R);
}

/* Resolves and sorts what the reader read, passes the problems held on
 * (none when memory or reading failed: that is the one line), or reports
 * why not. Returns the dataset (R's no longer) or NULL with `err` set. */
static pg_dataset *finish(pg_reader *R, bool go, pg_error *err)
{
    pg_dataset *ds = R->L.ds;
    R->line = R->report.line = 0;
    pg_report_set_text(&R->report, NULL, 0, 0, PG_PLACE_NONE);
    pg_sha256_hex(&R->sha, ds->sha256);
    if (go && R->report.errors == 0)
        pg_resolve(ds, &R->report, &R->L.places);
    if (R->report.oom || R->io_failed)
        pg_report_drop(&R->report);
    else
        pg_report_release(&R->report);
    pg_status st = R->io_failed ? R->io.status : pg_report_status(&R->report, err);
    if (R->io_failed && err != NULL)
        *err = R->io;
    if (st == PG_OK && pg_dataset_sort(ds) != 0) { /* (nothing held now: the line before says what was wrong) */
        pg_report_oom(&R->report);
        st = pg_report_status(&R->report, err);
    }
    if (st == PG_EINVALID && err != NULL && R->has_first)
        *err = R->first;
    if (st == PG_OK)
        pg_error_clear(err);
    reader_free(R, st == PG_OK);
    return st == PG_OK ? ds : NULL;
}

/* Runs the reader of R->format over `len` bytes (and, NDJSON only, the
 * rest of `in`). */
static bool run_reader(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    switch (R->format) {
    case PG_INPUT_NODELINK: return pg_read_nodelink(R, text, len);
    case PG_INPUT_JGF: return pg_read_jgf(R, text, len);
    case PG_INPUT_POPOLO: return pg_read_popolo(R, text, len);
    case PG_INPUT_NDJSON: return pg_read_ndjson(R, text, len, in);
    case PG_INPUT_GRAPHML: return pg_read_graphml(R, text, len);
    default: break;
    }
    return true;
}

/* A format forced with --input-format that the first bytes rule out:
 * markup read as JSON or JSON read as GraphML. */
static bool mismatch(pg_input_format forced, pg_input_format found)
{
    return (forced == PG_INPUT_GRAPHML) != (found == PG_INPUT_GRAPHML);
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
    pg_reader *R = reader_new(name, opt, format);
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
    if (format != PG_INPUT_GRAPHML) /* JSON: as partygraph/1, problems wait for the end */
        pg_report_hold(&R->report);
    bool go;
    if (mismatch(format, found))
        go = pg_report_error(&R->report, NULL, "--input-format %s, but this is not %s (it looks like %s)",
                             format_names[format], format_titles[format],
                             found == PG_INPUT_PARTYGRAPH ? "JSON" : format_titles[found]);
    else
        go = run_reader(R, text, len, in);
    return finish(R, go, err);
}

bool pg_read_buffer(const char *data, size_t len, const char *name, const pg_load_options *opt,
                    pg_dataset **out, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    opt = opt ? opt : &defaults;
    pg_input_format format = opt->input_format, found = pg_read_detect(data, len < PEEK ? len : PEEK);
    if (format == PG_INPUT_AUTO)
        format = found;
    if (format == PG_INPUT_PARTYGRAPH || format < 0 || format >= PG_INPUT_COUNT)
        return false;
    *out = read_as(format, found, data, len, NULL, name, opt, err);
    return true;
}

/* Reads up to PEEK bytes of `in` into `buf`; returns the count, or -1. */
static long peek(pg_input *in, char *buf, pg_error *err)
{
    size_t n = 0;
    long got = 1;
    while (n < PEEK && (got = pg_input_read(in, buf + n, PEEK - n, err)) > 0)
        n += (size_t)got;
    return got < 0 ? -1 : (long)n;
}

/* Reads the open input `in`, whose first `n` bytes are in `head`. */
static pg_dataset *read_input(pg_input *in, const char *head, size_t n, pg_input_format format,
                              const pg_load_options *opt, pg_error *err)
{
    pg_input_format found = pg_read_detect(head, n);
    if (format == PG_INPUT_AUTO)
        format = found;
    if (format == PG_INPUT_NDJSON && !mismatch(format, found))
        return read_as(format, found, head, n, in, pg_input_name(in), opt, err);
    if (format == PG_INPUT_PARTYGRAPH) /* streamed, from the bytes already read */
        return pg_dataset_load_peeked(in, head, n, opt, err);
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
    char *head = malloc(PEEK);
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

pg_dataset *pg_read_file(const char *path, const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_input *in = NULL;
    pg_error e;
    pg_status opened = pg_input_open(path, &in, &e);
    return read_opened(in, opened, path, opt ? opt : &defaults, &e, err);
}

pg_dataset *pg_read_stream(FILE *f, const char *name, const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_input *in = NULL;
    pg_error e;
    pg_status opened = pg_input_open_stream(f, name, &in, &e);
    return read_opened(in, opened, name, opt ? opt : &defaults, &e, err);
}

/* ---- helpers for the readers ------------------------------------------ */

cJSON *pg_read_parse_json(pg_reader *R, const char *text, size_t len)
{
    pg_json_error e;
    long line, col;
    size_t bom = pg_utf8_bom(text, len);
    if (pg_json_check(text + bom, len - bom, &e) != 0) {
        pg_utf8_position(text + bom, e.offset, &line, &col);
        pg_report_error_at(&R->report, line, col, "%s", e.reason);
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLength(text + bom, len - bom);
    if (root == NULL)
        return pg_report_oom(&R->report), NULL;
    pg_report_set_text(&R->report, text + bom, len - bom, 0, (pg_place){ 1, 1 });
    if (!pg_dupkeys_remove(&R->report, root, PG_JPATH_ROOT, true)) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

void pg_read_warn_once(pg_reader *R, const char *topic, const pg_jpath *p, const char *fmt, ...)
{
    if (pg_strmap_get(&R->warned, topic) >= 0)
        return;
    const char *key = pg_arena_strdup(&R->L.ds->arena, topic);
    if (key == NULL || pg_strmap_put(&R->warned, key, 0) < 0) {
        pg_report_oom(&R->report);
        return;
    }
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    pg_strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    pg_report_warning(&R->report, p, "%s", message);
}

bool pg_read_title(pg_reader *R, const cJSON *title)
{
    pg_dataset *ds = R->L.ds;
    if (!cJSON_IsString(title) || title->valuestring[0] == '\0' || ds->title[0] != '\0')
        return true;
    ds->title = pg_arena_strdup(&ds->arena, title->valuestring);
    return ds->title ? true : pg_report_oom(&R->report);
}

const char *pg_read_id_text(pg_reader *R, const cJSON *v, pg_jpath p, char *buf, size_t size)
{
    char got[PG_QUOTE_SIZE], num[PG_FMT_DOUBLE_SIZE];
    if (cJSON_IsString(v))
        return v->valuestring;
    double x = cJSON_IsNumber(v) ? v->valuedouble : 0;
    if (cJSON_IsNumber(v) && fabs(x) < 1e15 && x == floor(x)) /* NetworkX's integers, quickly */
        snprintf(buf, size, "%lld", (long long)x);
    else if (cJSON_IsNumber(v))
        snprintf(buf, size, "%s", pg_fmt_double(x, num));
    if (cJSON_IsNumber(v))
        return buf;
    if (v == NULL || cJSON_IsNull(v))
        pg_report_error(&R->report, &p, "missing id");
    else
        pg_report_error(&R->report, &p, "expected an id (a string or a number), got %s",
                        pg_schema_describe(v, got, sizeof got));
    return NULL;
}

bool pg_read_wrong(pg_reader *R, const cJSON *v, pg_jpath p, const char *expected)
{
    char got[PG_QUOTE_SIZE];
    return pg_report_error(&R->report, p.depth ? &p : NULL, "expected %s, got %s", expected,
                           v ? pg_schema_describe(v, got, sizeof got) : "nothing");
}

const char *pg_read_member_id(pg_reader *R, const cJSON *obj, const char *key, pg_jpath p, char *buf, size_t size)
{
    return pg_read_id_text(R, cJSON_GetObjectItemCaseSensitive(obj, key), pg_jpath_key(&p, key), buf, size);
}
