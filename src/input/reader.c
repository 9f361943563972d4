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

pg_dataset *pg_reader_finish(pg_reader *R, bool go, pg_error *err)
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
