/* reader.c - see reader.h: the frame every reader of another tool's
 * format runs in (the dataset, the problems, the checks at the end), and
 * the helpers the readers share. Which reader runs is load.c's choice. */
#include "input/reader.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "base/utf8.h"
#include "input/dupkeys.h"
#include "input/json_check.h"
#include "input/json_numbers.h"
#include "input/resolve.h"
#include "model/reltype.h"

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
    pg_table_places_apply(&R->table_places, &e); /* tabular inputs: the cell, not the path */
    if (e.severity == PG_SEVERITY_ERROR && !R->has_first) {
        R->first = e;
        R->has_first = true;
    }
    if (R->user->on_problem != NULL)
        R->user->on_problem(&e, R->user->userdata);
}

pg_reader *pg_reader_new(const char *name, const pg_load_options *opt, pg_input_format format)
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
    R->slash_paths = format == PG_INPUT_GRAPHML || format == PG_INPUT_GML || format == PG_INPUT_PAJEK ||
                     format == PG_INPUT_GEXF;
    R->end_keys[0] = "source";
    R->end_keys[1] = "target";
    pg_report_init(&R->report, ds->file, &R->opt);
    pg_loader_init(&R->L, ds, &R->report);
    R->L.keep_places = format == PG_INPUT_NDJSON; /* the others resolve their references themselves (tables: pg_read_tables) */
    pg_sha256_init(&R->sha);
    return R;
}

/* Frees R, and its dataset unless `keep`. */
static void reader_free(pg_reader *R, bool keep)
{
    if (!keep)
        pg_dataset_free(R->L.ds);
    free(R->decls.items);
    free(R->pairs.items);
    free(R->copy);
    pg_strmap_free(&R->by_id);
    pg_strmap_free(&R->by_pg_id);
    pg_strmap_free(&R->warned);
    pg_strmap_free(&R->names[0]);
    pg_strmap_free(&R->names[1]);
    free(R->read_as.items);
    pg_tables_free(&R->tables);
    pg_table_places_free(&R->table_places);
    pg_loader_free(&R->L);
    pg_report_free(&R->report);
    free(R);
}

static int by_pair(const void *x, const void *y)
{
    const pg_read_pair *a = x, *b = y;
    return a->a != b->a ? (a->a > b->a) - (a->a < b->a)
           : a->b != b->b ? (a->b > b->b) - (a->b < b->b)
                          : (a->index > b->index) - (a->index < b->index);
}

/* Warns once when edges read join the same two nodes more than once
 * (parallel or opposite edges), which merge into one edge; not after the
 * multigraph warning, which says so. */
static void warn_merged(pg_reader *R)
{
    size_t repeats = 0, first = 0;
    if (R->pairs.len < 2)
        return;
    qsort(R->pairs.items, R->pairs.len, sizeof *R->pairs.items, by_pair);
    for (size_t i = 1; i < R->pairs.len; i++) {
        const pg_read_pair *x = &R->pairs.items[i], *y = &R->pairs.items[i - 1];
        if (x->a != y->a || x->b != y->b)
            continue;
        if (repeats++ == 0 || x->index < R->pairs.items[first].index)
            first = i;
    }
    if (repeats == 0 || pg_strmap_get(&R->warned, "multigraph") >= 0)
        return;
    const pg_read_pair *f = &R->pairs.items[first];
    char q[PG_QUOTE_SIZE], r[PG_QUOTE_SIZE];
    pg_report_warning(&R->report, NULL, "%zu edge%s join%s two nodes already joined (parallel or opposite edges; the "
                      "first is between %s and %s): each pair's edges merge into one edge, weights summed, \"count\" "
                      "their relations", repeats, repeats == 1 ? "" : "s", repeats == 1 ? "s" : "",
                      pg_quote(q, R->decls.items[f->a].id), pg_quote(r, R->decls.items[f->b].id));
}

pg_dataset *pg_reader_finish(pg_reader *R, bool go, pg_error *err)
{
    pg_dataset *ds = R->L.ds;
    R->line = R->report.line = 0;
    pg_report_set_text(&R->report, NULL, 0, 0, PG_PLACE_NONE);
    pg_sha256_hex(&R->sha, ds->sha256);
    if (go && R->report.errors == 0)
        warn_merged(R);
    if (go && (R->report.errors == 0 || R->schema_read)) /* no check cascades from a schema's error */
        pg_resolve(ds, &R->report, &R->L.places);
    if (R->report.oom || R->io_failed)
        pg_report_drop(&R->report);
    else
        pg_report_release(&R->report);
    pg_status st = R->io_failed ? R->io.status : pg_report_status(&R->report, err);
    if (R->io_failed && err != NULL)
        *err = R->io;
    if (st == PG_OK && (pg_dataset_sort(ds) != 0 || pg_reltype_classify(ds) != 0)) { /* (nothing held now: the line before says what was wrong) */
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

/* ---- JSON texts, their numbers exact --------------------------------- */

/* The place of byte `at` of a text whose first byte is at `start`. */
static pg_place place_in(const char *text, size_t at, pg_place start)
{
    long line, col;
    pg_utf8_position(text, at, &line, &col);
    return line == 1 ? (pg_place){ start.line, start.column + col - 1 } : (pg_place){ start.line + line - 1, col };
}

/* Is `topic` new to this input (it is then taken)? False too when out of
 * memory (reported). */
static bool first_time(pg_reader *R, const char *topic)
{
    if (pg_strmap_get(&R->warned, topic) >= 0)
        return false;
    const char *key = pg_arena_strdup(&R->L.ds->arena, topic);
    if (key == NULL || pg_strmap_put(&R->warned, key, 0) < 0)
        return pg_report_oom(&R->report);
    return true;
}

/* Where the values a number pass changes are: the text parsed, which
 * starts at `start` of the input. */
typedef struct number_text {
    pg_reader *R;
    const char *text;
    pg_place start;
} number_text;

/* The warning about a token as written (`len` bytes at `token`), at
 * `place`: an integer kept as text, or a word read as missing. */
static void token_warning(pg_reader *R, pg_json_number_kind kind, const char *token, size_t len, pg_place place,
                          const pg_jpath *path)
{
    int shown = len > 40 ? 40 : (int)len;
    const char *more = shown < (int)len ? "..." : "";
    if (kind == PG_JSON_NUMBER_HUGE)
        pg_report_warning_place(&R->report, place, path, "integer %.*s%s is beyond 2^53: kept as text (its exact "
                                "digits), and so every such integer", shown, token, more);
    else
        pg_report_warning_place(&R->report, place, path, "%.*s read as missing (and so every %s value)", shown, token,
                                kind == PG_JSON_NUMBER_NAN ? "NaN" : "infinite");
}

/* One warning per kind of changed value, at the first
 * (pg_json_numbers_note). */
static void number_changed(void *ctx, pg_json_number_kind kind, const char *token, size_t len, size_t at,
                           const pg_jpath *path)
{
    static const char *const topic[] = { "number:huge", "number:NaN", "number:infinite" };
    number_text *t = ctx;
    if (!first_time(t->R, topic[kind]))
        return;
    if (token != NULL)
        token_warning(t->R, kind, token, len, place_in(t->text, at, t->start), path);
    else /* a number the parse found too large: placed by its path */
        pg_report_warning(&t->R->report, path, "number too large for a double read as missing (and so every "
                                               "infinite value)");
}

/* Checks the `len` bytes at `text`, which start at `start` of the input,
 * as JSON with NaN and Infinity allowed; false after reporting. */
static bool check_text(pg_reader *R, const char *text, size_t len, pg_place start)
{
    pg_json_error e;
    if (pg_json_check_lenient(text, len, &e) == 0)
        return true;
    pg_place at = place_in(text, e.offset, start);
    pg_report_error_at(&R->report, at.line, at.column, "%s", e.reason);
    return false;
}

/* The text cJSON parses: `text`, or when it has NaN or Infinity, R's copy
 * with them rewritten (kept until the next). NULL when out of memory. */
static const char *parse_text(pg_reader *R, const pg_json_numbers *n, const char *text, size_t len)
{
    if (!n->words)
        return text;
    if (len > R->copy_cap) {
        char *bigger = realloc(R->copy, len);
        if (bigger == NULL)
            return NULL;
        R->copy = bigger;
        R->copy_cap = len;
    }
    pg_json_numbers_rewrite(n, text, len, R->copy);
    return R->copy;
}

/* Gives the number items of `root`, parsed from `text` (which starts at
 * `start`) as scanned into `n`, their tokens; false when out of memory. */
static bool exact(pg_reader *R, cJSON *root, const pg_json_numbers *n, const char *text, pg_place start)
{
    number_text t = { R, text, start }; /* the tokens as written (a rewritten copy has the same offsets) */
    pg_jpath top = PG_JPATH_ROOT;
    return pg_json_numbers_apply(n, root, text, &R->L.ds->arena, &top, number_changed, &t) == 0;
}

/* Parses the checked text, its numbers as json_numbers.h says, and
 * places problems in it from then on. NULL when out of memory
 * (reported). */
static cJSON *parse_exact(pg_reader *R, const char *text, size_t len, pg_place start)
{
    pg_json_numbers n = PG_JSON_NUMBERS_INIT;
    const char *parsed = pg_json_numbers_scan(&n, text, len) == 0 ? parse_text(R, &n, text, len) : NULL;
    cJSON *root = parsed ? cJSON_ParseWithLength(parsed, len) : NULL;
    if (root != NULL)
        pg_report_set_text(&R->report, parsed, len, 0, start);
    if (root != NULL && !exact(R, root, &n, text, start)) {
        cJSON_Delete(root);
        root = NULL;
    }
    pg_json_numbers_free(&n);
    return root ? root : (pg_report_oom(&R->report), NULL);
}

cJSON *pg_read_parse_json_at(pg_reader *R, const char *text, size_t len, pg_place start)
{
    if (!check_text(R, text, len, start))
        return NULL;
    cJSON *root = parse_exact(R, text, len, start);
    if (root != NULL && !pg_dupkeys_remove(&R->report, root, PG_JPATH_ROOT, true)) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

cJSON *pg_read_parse_json(pg_reader *R, const char *text, size_t len)
{
    size_t bom = pg_utf8_bom(text, len);
    return pg_read_parse_json_at(R, text + bom, len - bom, (pg_place){ 1, 1 });
}

/* ---- helpers for the readers ------------------------------------------ */

void pg_read_warn_once(pg_reader *R, const char *topic, const pg_jpath *p, const char *fmt, ...)
{
    if (!first_time(R, topic))
        return;
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    pg_strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    pg_report_warning(&R->report, p, "%s", message);
}

void pg_read_flags(pg_reader *R, const cJSON *root)
{
    pg_jpath d = pg_jpath_key(&PG_JPATH_ROOT, "directed"), m = pg_jpath_key(&PG_JPATH_ROOT, "multigraph");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "directed")))
        pg_read_warn_once(R, "directed", &d, "a directed graph: edge directions are dropped (partygraph's network "
                                             "is undirected)");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "multigraph")))
        pg_read_warn_once(R, "multigraph", &m, "a multigraph: parallel edges are read as separate relations and "
                                               "merge into one edge, as partygraph merges relations");
}

void pg_read_unread_graph_data(pg_reader *R, const cJSON *data, const char *key_at)
{
    static const char *const read[] = { "name", "title", "description", "view", "partygraph", "input_sha256" };
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key_at);
    for (const cJSON *m = data ? data->child : NULL; m; m = m->next) {
        const char *key = cJSON_IsArray(data) ? (cJSON_IsString(m->child) ? m->child->valuestring : NULL) : m->string;
        bool known = key == NULL;
        for (size_t k = 0; k < sizeof read / sizeof read[0] && !known; k++)
            known = strcmp(key, read[k]) == 0;
        if (!known) {
            pg_read_warn_once(R, "graph-data", &p, "the graph's own data (\"%s\" and any other) is not read: "
                              "partygraph keeps a graph's title and description", key);
            return;
        }
    }
}

void pg_read_note_creator(pg_reader *R, const char *creator)
{
    while (creator != NULL && *creator == ' ')
        creator++;
    if (creator != NULL && strncmp(creator, "partygraph", 10) == 0)
        R->ours = true;
}

/* Sets *field (the dataset's title or description) to `text` when it
 * is empty and `text` is a non-empty string; false when out of memory. */
static bool set_text(pg_reader *R, const char **field, const cJSON *text)
{
    pg_dataset *ds = R->L.ds;
    if (!cJSON_IsString(text) || text->valuestring[0] == '\0' || (*field)[0] != '\0')
        return true;
    *field = pg_arena_strdup(&ds->arena, text->valuestring);
    return *field ? true : pg_report_oom(&R->report);
}

bool pg_read_title(pg_reader *R, const cJSON *title)
{
    return set_text(R, &R->L.ds->title, title);
}

bool pg_read_description(pg_reader *R, const cJSON *description)
{
    return set_text(R, &R->L.ds->description, description);
}

const char *pg_read_id_text(pg_reader *R, const cJSON *v, pg_jpath p, char *buf, size_t size)
{
    char got[PG_QUOTE_SIZE], num[PG_FMT_DOUBLE_SIZE];
    if (cJSON_IsString(v))
        return v->valuestring;
    double x = cJSON_IsNumber(v) ? v->valuedouble : 0;
    if (cJSON_IsNumber(v) && fabs(x) <= 9007199254740992.0 && x == floor(x)) /* NetworkX's integers (beyond 2^53: text) */
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
