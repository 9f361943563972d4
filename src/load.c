/* load.c - loading a partygraph/1 document: read the bytes, check the
 * encoding, parse with cJSON, give each element of the top-level arrays to
 * schema.c, resolve the ids (resolve.c) and sort the entities.
 *
 * The cJSON tree lives only inside load_document. Elements are converted
 * one at a time into compact records, so a streaming front end can later
 * replace the single whole-document parse without touching schema.c. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "error.h"
#include "input.h"
#include "progress.h"
#include "report.h"
#include "resolve.h"
#include "schema.h"
#include "sha256.h"
#include "suggest.h"
#include "timing.h"
#include "json_check.h"
#include "read.h"
#include "utf8.h"

#define PG_FORMAT_NAME "partygraph/1"

typedef enum section_type { S_META, S_NOTES, S_SOURCES, S_ENTITIES, S_RELATIONS } section_type;

typedef struct section {
    const char *key;
    section_type type;
    pg_kind kind; /* S_ENTITIES */
} section;

static const section sections[] = {
    { "format", S_META, 0 },
    { "title", S_META, 0 },
    { "description", S_META, 0 },
    { "notes", S_NOTES, 0 },
    { "sources", S_SOURCES, 0 },
    { "countries", S_ENTITIES, PG_KIND_COUNTRY },
    { "parties", S_ENTITIES, PG_KIND_PARTY },
    { "mechanisms", S_ENTITIES, PG_KIND_MECHANISM },
    { "events", S_ENTITIES, PG_KIND_EVENT },
    { "relations", S_RELATIONS, 0 },
};

enum { NSECTIONS = sizeof sections / sizeof sections[0] };

/* ---- syntax ---------------------------------------------------------- */

/* Checks the syntax strictly, then parses the whole text with cJSON;
 * NULL after reporting a syntax error. */
static cJSON *parse(pg_report *r, const char *text, size_t len)
{
    pg_json_error e;
    long line, col;
    if (pg_json_check(text, len, &e) != 0) {
        pg_utf8_position(text, e.offset, &line, &col);
        pg_report_error_at(r, line, col, "%s", e.reason);
        return NULL;
    }
    /* The text is valid JSON within cJSON's nesting limit, so cJSON can
     * only fail for want of memory. */
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (root == NULL)
        pg_report_oom(r);
    return root;
}

/* ---- the top level -------------------------------------------------- */

static const section *find_section(const char *key)
{
    for (size_t i = 0; i < NSECTIONS; i++)
        if (strcmp(sections[i].key, key) == 0)
            return &sections[i];
    return NULL;
}

static void unknown_section(pg_loader *L, const char *key, pg_jpath p)
{
    pg_suggest s;
    pg_suggest_init(&s, key);
    for (size_t i = 0; i < NSECTIONS; i++)
        pg_suggest_offer(&s, sections[i].key);
    char q[PG_QUOTE_SIZE];
    if (s.best)
        pg_report_warning(L->report, &p, "unknown top-level key %s ignored (did you mean \"%s\"?)", pg_quote(q, key),
                          s.best);
    else
        pg_report_warning(L->report, &p, "unknown top-level key %s ignored", pg_quote(q, key));
}

static bool read_meta(pg_loader *L, const cJSON *v, pg_jpath p)
{
    char got[PG_QUOTE_SIZE];
    if (cJSON_IsNull(v))
        return true;
    if (!cJSON_IsString(v))
        return pg_report_error(L->report, &p, "expected a string, got %s", pg_schema_describe(v, got, sizeof got));
    if (strcmp(v->string, "format") == 0) {
        if (strcmp(v->valuestring, PG_FORMAT_NAME) != 0)
            return pg_report_error(L->report, &p, "unsupported format %s (this is partygraph %s, which reads \"%s\")",
                                   pg_quote(got, v->valuestring), PG_VERSION, PG_FORMAT_NAME); /* got is free */
        return true;
    }
    const char *copy = pg_arena_strdup(&L->ds->arena, v->valuestring);
    if (copy == NULL)
        return pg_report_oom(L->report);
    if (strcmp(v->string, "title") == 0)
        L->ds->title = copy;
    else
        L->ds->description = copy;
    return true;
}

/* Free-text notes on the dataset (methods, caveats): a string or an array
 * of strings, checked and otherwise left to the reader of the file. */
static bool read_notes(pg_loader *L, const cJSON *v, pg_jpath p)
{
    char got[PG_QUOTE_SIZE];
    if (cJSON_IsNull(v) || cJSON_IsString(v))
        return true;
    if (!cJSON_IsArray(v))
        return pg_report_error(L->report, &p, "expected a string or an array of strings, got %s",
                               pg_schema_describe(v, got, sizeof got));
    long i = 0;
    bool go = true;
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        pg_jpath ip = pg_jpath_index(p, i);
        if (!cJSON_IsString(item))
            go = pg_report_error(L->report, &ip, "expected a string, got %s", pg_schema_describe(item, got, sizeof got));
    }
    return go;
}

static bool read_element(pg_loader *L, const section *s, const cJSON *item, long i, pg_jpath p)
{
    switch (s->type) {
    case S_SOURCES: return pg_schema_source(L, item, i, p);
    case S_ENTITIES: return pg_schema_entity(L, item, s->kind, i, p);
    case S_RELATIONS: return pg_schema_relation(L, item, i, p);
    case S_META:
    case S_NOTES: break;
    }
    return true;
}

static bool read_section(pg_loader *L, const section *s, const cJSON *v)
{
    pg_jpath p = pg_jpath_key(PG_JPATH_ROOT, s->key);
    char got[PG_QUOTE_SIZE];
    if (s->type == S_META)
        return read_meta(L, v, p);
    if (s->type == S_NOTES)
        return read_notes(L, v, p);
    if (cJSON_IsNull(v))
        return true;
    if (!cJSON_IsArray(v))
        return pg_report_error(L->report, &p, "expected an array, got %s", pg_schema_describe(v, got, sizeof got));
    long i = 0;
    bool go = true;
    pg_progress progress; /* elements read */
    char stage[32];
    snprintf(stage, sizeof stage, "reading %s", s->key);
    pg_progress_init(&progress, L->report->opt->progress, L->report->opt->progress_data);
    pg_progress_begin(&progress, stage, (size_t)cJSON_GetArraySize(v));
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        go = read_element(L, s, item, i, pg_jpath_index(p, i));
        pg_progress_update(&progress, (size_t)i + 1);
    }
    pg_progress_end(&progress);
    return go;
}

static bool read_root(pg_loader *L, const cJSON *root)
{
    char got[PG_QUOTE_SIZE];
    if (!cJSON_IsObject(root))
        return pg_report_error(L->report, NULL, "expected a " PG_FORMAT_NAME " object at the top level, got %s",
                               pg_schema_describe(root, got, sizeof got));
    if (!pg_schema_unique_keys(L, root, PG_JPATH_ROOT))
        return false;
    bool go = true;
    for (const cJSON *v = root->child; v && go; v = v->next) {
        const section *s = find_section(v->string);
        if (s != NULL)
            go = read_section(L, s, v);
        else
            unknown_section(L, v->string, pg_jpath_key(PG_JPATH_ROOT, v->string));
    }
    return go;
}

/* Parses `text` and converts every element into records of L->ds.
 * Returns true when the whole document was read and checking may go on. */
static bool load_document(pg_loader *L, const char *text, size_t len)
{
    cJSON *root = parse(L->report, text, len);
    if (root == NULL)
        return false;
    bool go = read_root(L, root);
    cJSON_Delete(root);
    return go;
}

/* ---- public entry points ------------------------------------------- */

pg_dataset *pg_dataset_load_buffer(const char *data, size_t len, const char *name,
                                   const pg_load_options *opt, pg_error *err)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_dataset *foreign = NULL;
    if (pg_read_buffer(data, len, name, opt, &foreign, err)) /* another format: read.c */
        return foreign;
    pg_report report;
    pg_report_init(&report, name, opt ? opt : &defaults);
    pg_dataset *ds = pg_dataset_new(name);
    if (ds == NULL) {
        pg_report_oom(&report);
        pg_report_status(&report, err);
        return NULL;
    }
    pg_sha256 sha;
    pg_sha256_init(&sha);
    pg_sha256_update(&sha, data, len);
    pg_sha256_hex(&sha, ds->sha256);
    ds->input_bytes = len;
    size_t bom = pg_utf8_bom(data, len);
    pg_loader L = { ds, &report };
    if (load_document(&L, data + bom, len - bom))
        pg_resolve(ds, &report);
    if (pg_report_status(&report, err) != PG_OK)
        goto fail;
    if (pg_dataset_sort(ds) != 0) {
        pg_report_oom(&report);
        pg_report_status(&report, err);
        goto fail;
    }
    pg_error_clear(err);
    pg_dataset_loaded(ds, ds->load_started);
    return ds;
fail:
    pg_dataset_free(ds);
    return NULL;
}

/* Reads all of `path` ("-" = standard input, gzip undone) into a new
 * buffer, with its name for messages in `name`. */
static pg_status read_all(const char *path, char **out, size_t *len, char *name, size_t size, pg_error *err)
{
    pg_input *in = NULL;
    pg_status st = pg_input_open(path, &in, err);
    if (st != PG_OK)
        return st;
    snprintf(name, size, "%s", pg_input_name(in));
    st = pg_input_read_all(in, out, len, err);
    pg_input_close(in);
    return st;
}

/* Loads a partygraph/1 file whole (read.c has ruled out the other formats). */
static pg_dataset *load_file(const char *path, const pg_load_options *opt, pg_error *err)
{
    char *data = NULL, name[256];
    size_t len = 0;
    pg_error io;
    if (read_all(path, &data, &len, name, sizeof name, &io) != PG_OK) {
        if (opt != NULL && opt->on_problem != NULL)
            opt->on_problem(&io, opt->userdata);
        if (err != NULL)
            *err = io;
        return NULL;
    }
    pg_dataset *ds = pg_dataset_load_buffer(data, len, name, opt, err);
    free(data);
    return ds;
}

pg_dataset *pg_dataset_load_file_opts(const char *path, const pg_load_options *opt, pg_error *err)
{
    double started = pg_clock();
    pg_dataset *ds = NULL;
    if (!pg_read_file(path, opt, &ds, err)) /* not another format, nor standard input: read.c */
        ds = load_file(path, opt, err);
    if (ds != NULL)
        pg_dataset_loaded(ds, started); /* reading the input included */
    return ds;
}

pg_dataset *pg_dataset_load_file(const char *path, pg_error *err)
{
    return pg_dataset_load_file_opts(path, NULL, err);
}
