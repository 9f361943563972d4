/* read_ndjson.c - NDJSON: one partygraph/1 element per line, streamed:
 * `{"kind": "party", "id": ..., ...}` (kind country, party, mechanism,
 * event, person, node or source; a mechanism's own kind is
 * `mechanism_kind`), or
 * `{"type": "attended", "source": ..., ...}` for a relation, or a header
 * `{"format": "partygraph/1", "title": ..., "description": ...}`. Blank
 * lines are skipped. Only one line is held at a time; every problem names
 * its line and column (and path within the line's object). A key repeated
 * in a line keeps its last value (dupkeys.h). Ids may be used before the
 * line that defines them: references are checked when every line has
 * been read, at the places kept while reading. */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "input/reader.h"

enum { CHUNK = 1 << 16 };

typedef struct line_buf {
    char *text;
    size_t len, cap;
    long number; /* of the line being gathered, 1-based */
} line_buf;

/* ---- one element ------------------------------------------------------- */

/* The `kind` of an entity line: an entity kind, or PG_KIND_COUNT for a
 * source; false after reporting any other. */
static bool line_kind(pg_reader *R, const cJSON *v, pg_kind *out)
{
    char q[PG_QUOTE_SIZE];
    for (int k = 0; cJSON_IsString(v) && k < PG_KIND_COUNT; k++)
        if (strcmp(v->valuestring, pg_kind_name((pg_kind)k)) == 0)
            return *out = (pg_kind)k, true;
    if (cJSON_IsString(v) && strcmp(v->valuestring, "source") == 0)
        return *out = PG_KIND_COUNT, true;
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, "kind");
    pg_report_error(&R->report, &p, "kind %s is not one of country, party, mechanism, event, person, node, source",
                    cJSON_IsString(v) ? pg_quote(q, v->valuestring) : pg_schema_describe(v, q, sizeof q));
    return false;
}

/* An id defined on an earlier line: reported with that line. */
static bool taken(pg_reader *R, const cJSON *obj)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    bool is_source;
    long owner = cJSON_IsString(id) ? pg_dataset_owner(R->L.ds, id->valuestring, &is_source) : -1;
    if (owner < 0)
        return false;
    const pg_dataset *ds = R->L.ds;
    long line = is_source ? ds->sources.items[owner].input_index : ds->entities.items[owner].input_index;
    char q[PG_QUOTE_SIZE];
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, "id");
    pg_report_error(&R->report, &p, "duplicate id %s: already used on line %ld", pg_quote(q, id->valuestring), line);
    return true;
}

static bool entity(pg_reader *R, cJSON *obj, long line)
{
    pg_kind kind;
    if (!line_kind(R, cJSON_GetObjectItemCaseSensitive(obj, "kind"), &kind) || taken(R, obj))
        return !pg_report_stopped(&R->report);
    cJSON_DeleteItemFromObjectCaseSensitive(obj, "kind");
    if (kind == PG_KIND_COUNT)
        return pg_schema_source(&R->L, obj, line, PG_JPATH_ROOT);
    cJSON *own = cJSON_DetachItemFromObjectCaseSensitive(obj, "mechanism_kind");
    if (own != NULL && kind == PG_KIND_MECHANISM)
        cJSON_AddItemToObject(obj, "kind", own);
    else
        cJSON_Delete(own);
    return pg_schema_entity(&R->L, obj, kind, line, PG_JPATH_ROOT);
}

/* The header line: the format must be partygraph/1; title, description. */
static bool header(pg_reader *R, const cJSON *obj)
{
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(obj, "format");
    pg_dataset *ds = R->L.ds;
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, "format");
    char q[PG_QUOTE_SIZE];
    if (!cJSON_IsString(format) || strcmp(format->valuestring, "partygraph/1") != 0)
        return pg_report_error(&R->report, &p, "unsupported format %s (NDJSON lines are partygraph/1 elements)",
                               pg_schema_describe(format, q, sizeof q));
    const cJSON *description = cJSON_GetObjectItemCaseSensitive(obj, "description");
    if (cJSON_IsString(description))
        ds->description = pg_arena_strdup(&ds->arena, description->valuestring);
    if (ds->description == NULL)
        return pg_report_oom(&R->report);
    return pg_read_title(R, cJSON_GetObjectItemCaseSensitive(obj, "title"));
}

static bool element(pg_reader *R, cJSON *obj, long line)
{
    if (!cJSON_IsObject(obj))
        return pg_read_wrong(R, obj, PG_JPATH_ROOT, "an object");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(obj, "kind");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(obj, "type");
    if (kind != NULL)
        return entity(R, obj, line);
    if (cJSON_GetObjectItemCaseSensitive(obj, "format") != NULL)
        return header(R, obj);
    if (type != NULL)
        return pg_schema_relation(&R->L, obj, line, PG_JPATH_ROOT);
    return pg_report_error(&R->report, NULL, "a line needs \"kind\" (country, party, mechanism, event, person, source) or "
                                             "\"type\" (a relation)");
}

/* Checks and parses the line (numbers as written: reader.h) and reads its
 * element, problems placed in it. */
static bool parse_line(pg_reader *R, const char *s, size_t n, long number)
{
    cJSON *obj = pg_read_parse_json_at(R, s, n, (pg_place){ number, 1 });
    bool go = obj != NULL ? element(R, obj, number) : !pg_report_stopped(&R->report);
    pg_report_set_text(&R->report, NULL, 0, 0, PG_PLACE_NONE);
    cJSON_Delete(obj);
    return go;
}

/* One line (without its '\n'): blank, or one JSON object. */
static bool read_line(pg_reader *R, const char *s, size_t n, long number)
{
    R->report.line = number;
    if (number == 1) {
        size_t bom = pg_utf8_bom(s, n);
        s += bom, n -= bom;
    }
    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == n || parse_line(R, s, n, number);
}

/* ---- streaming --------------------------------------------------------- */

/* Appends `n` bytes to the line being gathered. */
static bool append(pg_reader *R, line_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *bigger = realloc(b->text, cap);
        if (bigger == NULL)
            return pg_report_oom(&R->report);
        b->text = bigger;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    return true;
}

/* Reads every complete line of `n` bytes at `s`, keeping the last,
 * incomplete one in `b`. */
static bool feed(pg_reader *R, line_buf *b, const char *s, size_t n)
{
    bool go = true;
    while (n > 0 && go) {
        const char *nl = memchr(s, '\n', n);
        size_t part = nl ? (size_t)(nl - s) : n;
        if (!nl)
            return append(R, b, s, part);
        if (b->len == 0) {
            go = read_line(R, s, part, b->number);
        } else {
            go = append(R, b, s, part) && read_line(R, b->text, b->len, b->number);
            b->len = 0;
        }
        b->number++;
        s += part + 1;
        n -= part + 1;
    }
    return go;
}

/* The rest of `in`, chunk by chunk (each also counted and hashed). */
static bool stream(pg_reader *R, line_buf *b, pg_input *in)
{
    char *chunk = malloc(CHUNK);
    pg_error io;
    long got = 1;
    bool go = chunk ? true : pg_report_oom(&R->report);
    while (go && (got = pg_input_read(in, chunk, CHUNK, &io)) > 0) {
        pg_sha256_update(&R->sha, chunk, (size_t)got);
        R->L.ds->input_bytes += (size_t)got;
        go = feed(R, b, chunk, (size_t)got);
    }
    free(chunk);
    if (got < 0) { /* a read error or corrupt gzip data: an I/O error, not the data's */
        R->io = io;
        R->io_failed = true;
        if (R->user->on_problem != NULL)
            R->user->on_problem(&io, R->user->userdata);
        return false;
    }
    return go;
}

/* ---- references, once every line is read -------------------------------- */

/* Id `id`, cited at `at` (path `p`) on line `line`, names an entity of a
 * kind in `kinds` (0: any)? Reports why not. */
static bool check_id(pg_reader *R, const char *id, unsigned kinds, pg_place at, pg_jpath p)
{
    bool is_source;
    char q[PG_QUOTE_SIZE];
    long i = pg_dataset_owner(R->L.ds, id, &is_source);
    if (i < 0)
        return pg_report_error_place(&R->report, at, &p, "unknown id %s", pg_quote(q, id));
    if (is_source)
        return pg_report_error_place(&R->report, at, &p, "%s is a source, not an entity", pg_quote(q, id));
    pg_kind k = R->L.ds->entities.items[i].kind;
    if (kinds != 0 && !(kinds & (1u << k)))
        return pg_report_error_place(&R->report, at, &p, "%s is %s %s, which \"%s\" cannot name", pg_quote(q, id),
                                     k == PG_KIND_EVENT ? "an" : "a", pg_kind_name(k), p.key);
    return true;
}

static bool check_sources(pg_reader *R, pg_span span)
{
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, "sources");
    const pg_place_vec *at = &R->L.places.source_refs;
    char q[PG_QUOTE_SIZE];
    bool go = true;
    for (size_t j = 0; j < span.count && go; j++) {
        const char *id = R->L.ds->source_refs.items[span.first + j];
        bool is_source;
        if (pg_dataset_owner(R->L.ds, id, &is_source) < 0 || !is_source) {
            pg_jpath ip = pg_jpath_index(&p, (long)j);
            go = pg_report_error_place(&R->report, pg_places_get(at, span.first + j), &ip, "unknown source %s",
                                       pg_quote(q, id));
        }
    }
    return go;
}

/* The references of entity number `n` (on line input_index). */
static bool check_entity(pg_reader *R, size_t n)
{
    const pg_entity *e = &R->L.ds->entities.items[n];
    const pg_place_vec *at = &R->L.places.entity_refs;
    bool go = true;
    R->report.line = e->input_index;
    for (int k = 0; k < e->nrefs && go; k++)
        go = check_id(R, e->refs[k].target_id, e->refs[k].kinds, pg_places_get(at, n * PG_MAX_REFS + (size_t)k),
                      pg_jpath_key(&PG_JPATH_ROOT, e->refs[k].field));
    return go && check_sources(R, e->sources);
}

/* The endpoints and sources of relation number `n`; a self-loop is
 * dropped with a warning (so that nothing is reported again without its
 * line). Returns "go on"; *keep: the relation stays. */
static bool check_relation(pg_reader *R, size_t n, bool *keep)
{
    const pg_relation *r = &R->L.ds->relations.items[n];
    const pg_place_vec *at = &R->L.places.relations;
    char q[PG_QUOTE_SIZE];
    R->report.line = r->input_index;
    bool go = check_id(R, r->source_id, 0, pg_places_get(at, 3 * n + 1), pg_jpath_key(&PG_JPATH_ROOT, "source")) &&
              check_id(R, r->target_id, 0, pg_places_get(at, 3 * n + 2), pg_jpath_key(&PG_JPATH_ROOT, "target")) &&
              check_sources(R, r->sources);
    *keep = strcmp(r->source_id, r->target_id) != 0;
    if (!*keep)
        pg_report_warning_place(&R->report, pg_places_get(at, 3 * n), NULL,
                                "relation from %s to itself is dropped (self-loop)", pg_quote(q, r->source_id));
    return go;
}

/* Every id a line names, at the place it was. */
static bool check_refs(pg_reader *R)
{
    pg_dataset *ds = R->L.ds;
    bool go = true, keep;
    for (size_t i = 0; i < ds->entities.len && go; i++)
        go = check_entity(R, i);
    size_t kept = 0;
    pg_kept_place *at = R->L.places.relations.items;
    for (size_t i = 0; i < ds->relations.len && go; i++) {
        go = check_relation(R, i, &keep);
        if (keep)
            memmove(at + 3 * kept, at + 3 * i, 3 * sizeof *at);
        if (keep)
            ds->relations.items[kept++] = ds->relations.items[i];
    }
    if (go)
        ds->relations.len = kept;
    if (go)
        R->L.places.relations.len = 3 * kept;
    return go;
}

bool pg_read_ndjson(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    line_buf b = { NULL, 0, 0, 1 };
    bool go = feed(R, &b, text, len) && (in == NULL || stream(R, &b, in));
    if (go && b.len > 0)
        go = read_line(R, b.text, b.len, b.number);
    free(b.text);
    return go && R->report.errors == 0 ? check_refs(R) : go;
}
