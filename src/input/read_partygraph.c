/* read_partygraph.c - reading a partygraph/1 document (read_partygraph.h): the text is split into the
 * members of its top-level object and the elements of their arrays, each
 * parsed on its own with cJSON (scan.c and stream.c, in a second thread);
 * here each element goes to schema.c in input order, its integers beyond
 * 2^53 turned into their digits first (json_numbers.h: a double would
 * round them), then the ids are resolved (resolve.c) and the entities
 * sorted.
 *
 * Only the trees of a few batches of elements exist at a time, and (for
 * files) only a window of the text. The whole-text loader of old (check,
 * parse whole, walk) feeds the same reader, in the same order, and stays
 * for the tests that compare the two. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/progress.h"
#include "base/sha256.h"
#include "base/suggest.h"
#include "base/timing.h"
#include "base/utf8.h"
#include "input/dupkeys.h"
#include "input/input.h"
#include "input/json_arena.h"
#include "input/json_check.h"
#include "input/json_numbers.h"
#include "input/read_claims.h"
#include "input/read_partygraph.h"
#include "input/report.h"
#include "input/resolve.h"
#include "input/scan.h"
#include "input/schema.h"
#include "input/stream.h"
#include "model/dataset.h"
#include "model/reltype.h"

#define PG_FORMAT_NAME "partygraph/1"

/* Smaller buffers are loaded in one thread: a thread costs more than it
 * saves there. Files always get two. */
enum { THREAD_MIN_BYTES = 1 << 20 };

typedef enum section_type { S_META, S_NOTES, S_SOURCES, S_ENTITIES, S_RELATION_TYPES, S_RELATIONS, S_CLAIMS } section_type;

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
    { "persons", S_ENTITIES, PG_KIND_PERSON },
    { "nodes", S_ENTITIES, PG_KIND_NODE },
    { "relation_types", S_RELATION_TYPES, 0 },
    { "relations", S_RELATIONS, 0 },
    { "claims", S_CLAIMS, 0 },
};

enum { NSECTIONS = sizeof sections / sizeof sections[0] };

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

/* The title or description (a repeated key: the last value, null
 * included), or the format. */
static bool read_meta(pg_loader *L, const char *key, const cJSON *v, pg_jpath p)
{
    char got[PG_QUOTE_SIZE];
    bool format = strcmp(key, "format") == 0;
    const char **field = format ? NULL : strcmp(key, "title") == 0 ? &L->ds->title : &L->ds->description;
    if (cJSON_IsNull(v))
        return format || (*field = "", true);
    if (!cJSON_IsString(v))
        return pg_report_error(L->report, &p, "expected a string, got %s", pg_schema_describe(v, got, sizeof got));
    if (format && strcmp(v->valuestring, PG_FORMAT_NAME) != 0)
        return pg_report_error(L->report, &p, "unsupported format %s (this is partygraph %s, which reads \"%s\")",
                               pg_quote(got, v->valuestring), PG_VERSION, PG_FORMAT_NAME); /* got is free */
    if (format)
        return true;
    *field = pg_arena_strdup(&L->ds->arena, v->valuestring);
    return *field ? true : (*field = "", pg_report_oom(L->report));
}

/* Keeps the `n` strings from `first` on (siblings) as the dataset's notes. */
static bool keep_notes(pg_loader *L, const cJSON *first, size_t n)
{
    pg_dataset *ds = L->ds;
    ds->notes = pg_arena_alloc(&ds->arena, (n ? n : 1) * sizeof *ds->notes);
    for (const cJSON *c = first; ds->notes && c && ds->nnotes < n; c = c->next)
        if ((ds->notes[ds->nnotes++] = pg_arena_strdup(&ds->arena, c->valuestring)) == NULL)
            ds->notes = NULL;
    if (ds->notes == NULL)
        ds->nnotes = 0;
    return ds->notes ? true : pg_report_oom(L->report);
}

/* Free-text notes on the dataset (methods, caveats): a string or an array
 * of strings, checked and kept in order (a repeated key: the last value). */
static bool read_notes(pg_loader *L, const cJSON *v, pg_jpath p)
{
    char got[PG_QUOTE_SIZE];
    L->ds->nnotes = 0;
    if (cJSON_IsNull(v))
        return true;
    if (cJSON_IsString(v))
        return keep_notes(L, v, 1);
    if (!cJSON_IsArray(v))
        return pg_report_error(L->report, &p, "expected a string or an array of strings, got %s",
                               pg_schema_describe(v, got, sizeof got));
    long i = 0;
    bool go = true, all = true;
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        pg_jpath ip = pg_jpath_index(&p, i);
        if (cJSON_IsString(item))
            continue;
        all = false;
        go = pg_report_error(L->report, &ip, "expected a string, got %s", pg_schema_describe(item, got, sizeof got));
    }
    return go && (!all || keep_notes(L, v->child, (size_t)cJSON_GetArraySize(v)));
}

static bool read_element(pg_loader *L, const section *s, const cJSON *item, long i, pg_jpath p)
{
    switch (s->type) {
    case S_SOURCES: return pg_schema_source(L, item, i, p);
    case S_ENTITIES: return pg_schema_entity(L, item, s->kind, i, p);
    case S_RELATION_TYPES: return pg_schema_relation_type(L, item, i, p);
    case S_RELATIONS: return pg_schema_relation(L, item, i, p);
    case S_CLAIMS: return pg_read_claim(L, item, i, p);
    case S_META:
    case S_NOTES: break;
    }
    return true;
}


/* A section's whole value: a scalar, the notes, a value of the wrong
 * type, or (whole-text loading) any array. */
static bool read_section(pg_loader *L, const section *s, const cJSON *v)
{
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, s->key);
    char got[PG_QUOTE_SIZE];
    if (s->type == S_META)
        return read_meta(L, s->key, v, p);
    if (s->type == S_NOTES)
        return read_notes(L, v, p);
    if (cJSON_IsNull(v))
        return true;
    if (!cJSON_IsArray(v))
        return pg_report_error(L->report, &p, "expected an array, got %s", pg_schema_describe(v, got, sizeof got));
    long i = 0;
    bool go = true;
    for (const cJSON *item = v->child; item && go; item = item->next, i++)
        go = read_element(L, s, item, i, pg_jpath_index(&p, i));
    return go;
}

/* The value `v` of top-level `key` (NULL for unknown keys): a section,
 * or a key warned about. */
static bool top_value(pg_loader *L, const char *key, const cJSON *v)
{
    const section *s = find_section(key);
    if (s != NULL)
        return read_section(L, s, v);
    unknown_section(L, key, pg_jpath_key(&PG_JPATH_ROOT, key));
    return true;
}

bool pg_read_partygraph_root(pg_loader *L, const cJSON *root)
{
    bool go = true;
    for (const cJSON *v = root->child; v && go; v = v->next) {
        pg_loader_top_member(L);
        go = top_value(L, v->string, v);
    }
    return go;
}

/* Whether the array of top-level `key` is read one element at a time. */
static bool split(const char *key)
{
    const section *s = find_section(key);
    return s != NULL && s->type != S_META && s->type != S_NOTES;
}

/* ---- the members of the top-level object, in document order -------- */

/* A top-level member: where the records read from it start and end in
 * the dataset's arrays ([0], [1]). */
typedef struct top {
    size_t entities[2], relations[2], sources[2], types[2], claims[2];
    size_t nth;     /* it is the nth member with its key */
    bool replaced;  /* a later member with its key replaces it */
} top;

/* What both front ends (the streaming scanner and the whole text) feed. */
typedef struct reader {
    pg_loader L;
    pg_strmap keys;       /* top-level key -> its last member in `tops` */
    pg_arena key_copies;  /* their text */
    PG_VEC(top) tops;     /* every top-level member so far */
    bool replaced;        /* some member was replaced */
    bool own_trees;       /* the trees fed are the reader's to change (not an arena's) */
    const section *array; /* the section whose elements come */
    long index;           /* of its next element */
    bool warned_huge;     /* about an integer beyond 2^53 */
} reader;

static void reader_init(reader *rd, pg_dataset *ds, pg_report *report)
{
    memset(rd, 0, sizeof *rd);
    pg_loader_init(&rd->L, ds, report);
}

static void reader_free(reader *rd)
{
    pg_loader_free(&rd->L);
    pg_strmap_free(&rd->keys);
    pg_arena_free(&rd->key_copies);
    free(rd->tops.items);
}

/* The records of the last top-level member end here. */
static void close_top(reader *rd)
{
    const pg_dataset *ds = rd->L.ds;
    top *t = rd->tops.len ? &rd->tops.items[rd->tops.len - 1] : NULL;
    if (t == NULL)
        return;
    t->entities[1] = ds->entities.len;
    t->relations[1] = ds->relations.len;
    t->sources[1] = ds->sources.len;
    t->types[1] = ds->relation_types.len;
    t->claims[1] = ds->claims.len;
}

/* A new top-level member, the `nth` with its key: its records start
 * here, and its problems are a group of their own. */
static bool open_top(reader *rd, size_t nth)
{
    const pg_dataset *ds = rd->L.ds;
    close_top(rd);
    if (PG_VEC_RESERVE(rd->tops, 1) != 0)
        return pg_report_oom(rd->L.report);
    size_t e = ds->entities.len, r = ds->relations.len, s = ds->sources.len, t = ds->relation_types.len;
    size_t c = ds->claims.len;
    rd->tops.items[rd->tops.len++] = (top){ { e, e }, { r, r }, { s, s }, { t, t }, { c, c }, nth, false };
    pg_loader_top_member(&rd->L);
    return pg_report_group_start(rd->L.report, (long)rd->tops.len - 1);
}

/* Top-level member `t` is replaced by a later one with its key: its
 * problems are forgotten now, its records dropped at the end (its ids
 * are free at once). */
static bool replace_top(reader *rd, long t)
{
    top *o = &rd->tops.items[t];
    o->replaced = rd->replaced = true;
    pg_report_group_drop(rd->L.report, t);
    return pg_loader_replace(&rd->L, o->entities[0], o->entities[1], o->sources[0], o->sources[1]);
}

/* A top-level key. A key that repeats one seen before keeps its last
 * value, as in every object (dupkeys.h): the earlier one is replaced. */
static bool member_key(reader *rd, const char *key)
{
    long before = pg_strmap_get(&rd->keys, key), now = (long)rd->tops.len;
    size_t nth = before >= 0 ? rd->tops.items[before].nth + 1 : 1;
    if (!open_top(rd, nth))
        return false;
    if (before >= 0) {
        pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key);
        char q[PG_QUOTE_SIZE];
        pg_strmap_put_value(&rd->keys, key, now);
        pg_report_warning(rd->L.report, &p, "duplicate key %s: the last of its %zu values is kept", pg_quote(q, key),
                          nth);
        return replace_top(rd, before);
    }
    const char *copy = pg_arena_strdup(&rd->key_copies, key);
    if (copy == NULL || pg_strmap_put(&rd->keys, copy, now) < 0)
        return pg_report_oom(rd->L.report);
    return true;
}

/* ---- integers beyond 2^53 ---------------------------------------------- */

/* Does `v` hold a number that may have been written as an integer beyond
 * 2^53 (a whole double of 2^53 or more: 9007199254740993 is read as
 * 9007199254740992)? */
static bool maybe_rounded(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return fabs(v->valuedouble) >= 9007199254740992.0 && v->valuedouble == floor(v->valuedouble);
    for (const cJSON *c = v->child; c != NULL; c = c->next)
        if (maybe_rounded(c))
            return true;
    return false;
}

/* The warning, once per input (pg_json_numbers_note). */
static void huge_warning(void *ctx, pg_json_number_kind kind, const char *token, size_t len, size_t at,
                         const pg_jpath *path)
{
    reader *rd = ctx;
    (void)kind, (void)at; /* a strict text has no NaN: only integers change */
    if (!rd->warned_huge)
        pg_report_warning(rd->L.report, path, "integer %.*s%s is beyond 2^53: kept as text (its exact digits), and "
                          "so every such integer", len > 40 ? 40 : (int)len, token, len > 40 ? "..." : "");
    rd->warned_huge = true;
}

/* Integers beyond 2^53 in value `v` at `p` as strings of their digits
 * (json_numbers.h), found in the text problems are placed in (the same
 * text in both front ends). Returns false when out of memory. */
static bool exact_numbers(reader *rd, cJSON *v, pg_jpath p)
{
    const pg_jpos *w = &rd->L.report->where;
    long at = v != NULL && w->text != NULL && maybe_rounded(v) ? pg_jpath_locate(&p, w->depth, w->text, w->len) : -1;
    if (at < 0)
        return true;
    pg_json_numbers n = PG_JSON_NUMBERS_INIT;
    n.integers_only = true;
    const char *text = w->text + at;
    bool ok = pg_json_numbers_scan(&n, text, w->len - (size_t)at) == 0 &&
              pg_json_numbers_apply(&n, v, text, &rd->L.ds->arena, &p, huge_warning, rd) == 0;
    pg_json_numbers_free(&n);
    return ok || pg_report_oom(rd->L.report);
}

/* ---- members and elements --------------------------------------------- */

/* A member whose value comes whole (`v` may be NULL for unknown keys). */
static bool member(reader *rd, const char *key, cJSON *v)
{
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key);
    if (!member_key(rd, key) || !exact_numbers(rd, v, p) ||
        (v != NULL && !pg_dupkeys_remove(rd->L.report, v, p, rd->own_trees)))
        return false;
    return top_value(&rd->L, key, v);
}

/* A member whose array elements follow one by one. */
static bool array_member(reader *rd, const char *key)
{
    rd->array = find_section(key);
    rd->index = 0;
    return member_key(rd, key);
}

static bool element(reader *rd, cJSON *item)
{
    long i = rd->index++;
    pg_jpath section = pg_jpath_key(&PG_JPATH_ROOT, rd->array->key);
    pg_jpath p = pg_jpath_index(&section, i);
    return exact_numbers(rd, item, p) && pg_dupkeys_remove(rd->L.report, item, p, rd->own_trees) &&
           read_element(&rd->L, rd->array, item, i, p);
}

static bool not_an_object(reader *rd, const cJSON *root)
{
    char got[PG_QUOTE_SIZE];
    return pg_report_error(rd->L.report, NULL, "expected a " PG_FORMAT_NAME " object at the top level, got %s",
                           pg_schema_describe(root, got, sizeof got));
}

/* ---- the end: what replaced members read goes ------------------------ */

/* Moves the items [range[0], range[1]) of `items` (each `size` bytes)
 * down to index `to`; returns the index after them. */
static size_t keep_range(void *items, size_t size, const size_t range[2], size_t to)
{
    size_t n = range[1] - range[0];
    if (n > 0 && to != range[0])
        memmove((char *)items + to * size, (char *)items + range[0] * size, n * size);
    return to + n;
}

/* Registers the ids of the records left, counts the kinds again and
 * forgets every index found while loading (the records moved). */
static bool renumber(pg_dataset *ds)
{
    pg_strmap_free(&ds->ids);
    memset(ds->kind_count, 0, sizeof ds->kind_count);
    for (size_t i = 0; i < ds->entities.len; i++) {
        pg_entity *e = &ds->entities.items[i];
        ds->kind_count[e->kind]++;
        for (int k = 0; k < e->nrefs; k++)
            e->refs[k].target = -1;
        if (pg_dataset_register(ds, e->id, false, (long)i) < 0)
            return false;
    }
    for (size_t i = 0; i < ds->relations.len; i++)
        ds->relations.items[i].source = ds->relations.items[i].target = -1;
    for (size_t i = 0; i < ds->claims.len; i++)
        ds->claims.items[i].entity = -1;
    for (size_t i = 0; i < ds->sources.len; i++)
        if (pg_dataset_register(ds, ds->sources.items[i].id, true, (long)i) < 0)
            return false;
    return true;
}

/* Drops the entities, relations, sources and relation types (and their places) that
 * replaced top-level members read, keeping the others in order. */
static bool compact(reader *rd)
{
    pg_dataset *ds = rd->L.ds;
    pg_places *pl = &rd->L.places;
    size_t e = 0, r = 0, s = 0, types = 0, c = 0;
    close_top(rd);
    for (size_t i = 0; i < rd->tops.len; i++) {
        const top *t = &rd->tops.items[i];
        if (t->replaced)
            continue;
        keep_range(pl->entity_refs.items, PG_MAX_REFS * sizeof *pl->entity_refs.items, t->entities, e);
        e = keep_range(ds->entities.items, sizeof(pg_entity), t->entities, e);
        keep_range(pl->relations.items, 3 * sizeof *pl->relations.items, t->relations, r);
        r = keep_range(ds->relations.items, sizeof(pg_relation), t->relations, r);
        s = keep_range(ds->sources.items, sizeof(pg_source), t->sources, s);
        types = keep_range(ds->relation_types.items, sizeof(pg_relation_type), t->types, types);
        keep_range(pl->claims.items, 2 * sizeof *pl->claims.items, t->claims, c);
        c = keep_range(ds->claims.items, sizeof(pg_claim), t->claims, c);
    }
    ds->entities.len = e;
    pl->entity_refs.len = e * PG_MAX_REFS;
    ds->relations.len = r;
    pl->relations.len = 3 * r;
    ds->sources.len = s;
    ds->relation_types.len = types;
    ds->claims.len = c;
    pl->claims.len = 2 * c;
    return renumber(ds) || pg_report_oom(rd->L.report);
}

/* ---- the whole-text front end ---------------------------------------- */

/* Feeds top-level member `v` (number `n` of the text `top` indexes) to
 * the reader, problems placed in its value's text, as when streaming. */
static bool whole_member(reader *rd, pg_jpos *top, cJSON *v, long n)
{
    size_t at = 0;
    bool found = pg_jpos_member(top, n, &at);
    pg_report_set_text(rd->L.report, found ? top->text + at : NULL, top->len - at, 1, pg_jpos_place(top, at));
    if (!split(v->string) || !cJSON_IsArray(v))
        return member(rd, v->string, v);
    bool go = array_member(rd, v->string);
    for (cJSON *item = v->child; item && go; item = item->next)
        go = element(rd, item);
    return go;
}

/* Checks the syntax strictly, then parses the whole text with cJSON and
 * feeds its members to the reader, problems held as when streaming. The
 * loader of old, kept as the reference that the streaming front end is
 * tested against. */
static bool load_whole(reader *rd, const char *text, size_t len)
{
    pg_json_error e;
    long line, col;
    pg_report *r = rd->L.report;
    if (pg_json_check(text, len, &e) != 0) {
        pg_utf8_position(text, e.offset, &line, &col);
        pg_report_error_at(r, line, col, "%s", e.reason);
        return false;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (root == NULL)
        return pg_report_oom(r);
    pg_jpos top;
    pg_jpos_init(&top, text, len, 0, (pg_place){ 1, 1 });
    pg_report_hold(r);
    rd->own_trees = true;
    bool go = cJSON_IsObject(root) || not_an_object(rd, root);
    long n = 0;
    for (cJSON *v = cJSON_IsObject(root) ? root->child : NULL; v && go; v = v->next)
        go = whole_member(rd, &top, v, n++);
    pg_report_set_text(r, NULL, 0, 0, PG_PLACE_NONE);
    pg_jpos_free(&top);
    bool object = cJSON_IsObject(root);
    cJSON_Delete(root);
    return go && object;
}

/* ---- the streaming front end ----------------------------------------- */

/* Feeds one item of the stream to the reader; problems are placed in the
 * item's text. */
static bool take(reader *rd, const pg_stream_item *it)
{
    pg_report *r = rd->L.report;
    bool go;
    int depth = it->kind == PG_SCAN_ELEMENT ? 2 : 1;
    if (it->kind == PG_SCAN_ROOT)
        pg_report_set_text(r, NULL, 0, 0, PG_PLACE_NONE);
    else
        pg_report_set_text(r, it->text, it->len, depth, (pg_place){ it->line, it->column });
    rd->own_trees = it->own_tree;
    if (it->kind == PG_SCAN_MEMBER)
        go = member(rd, it->key, it->value);
    else if (it->kind == PG_SCAN_ARRAY)
        go = array_member(rd, it->key);
    else if (it->kind == PG_SCAN_ELEMENT)
        go = element(rd, it->value);
    else {
        not_an_object(rd, it->value);
        go = false; /* nothing else to read */
    }
    pg_report_set_text(r, NULL, 0, 0, PG_PLACE_NONE);
    return go;
}

/* Feeds every item of the scanner to the reader, holding problems back:
 * once loading must stop the rest of the text is still checked, and a
 * syntax error anywhere replaces every other problem. A read error goes
 * to *io. `total`: the input's size for progress reports, 0 if unknown.
 * Returns true when the document was read and checking may go on (the
 * problems still held). */
static bool load_stream(reader *rd, pg_scan *sc, bool threaded, size_t total, pg_error *io)
{
    pg_report *r = rd->L.report;
    pg_stream *st = pg_stream_start(sc, threaded);
    if (st == NULL)
        return pg_report_oom(r);
    pg_report_hold(r);
    bool go = true;
    pg_progress progress; /* input bytes, when their number is known */
    pg_progress_init(&progress, total > 0 ? r->opt->progress : NULL, r->opt->progress_data);
    pg_progress_begin(&progress, "reading", total);
    const pg_stream_item *it = pg_stream_next(st);
    for (; !pg_scan_is_final(it->kind) && !r->oom; it = pg_stream_next(st)) {
        go = go && take(rd, it);
        pg_progress_update(&progress, it->read < total ? it->read : total);
    }
    pg_progress_end(&progress);
    pg_scan_kind last = it->kind;
    long line = it->line, column = it->column;
    pg_stream_stop(st);
    if (r->oom || last == PG_SCAN_NOMEM) {
        pg_report_drop(r);
        return pg_report_oom(r);
    }
    if (last == PG_SCAN_END)
        return go;
    pg_report_drop(r);
    if (last == PG_SCAN_SYNTAX)
        pg_report_error_at(r, line, column, "%s", sc->syntax.reason);
    else
        *io = sc->io;
    return false;
}

/* ---- public entry points ------------------------------------------- */

/* Drops what replaced members read, resolves, sorts, passes the problems
 * on and hands over the dataset when nothing went wrong (else frees it);
 * frees the reader and the report. `go`: the document was read whole. */
static pg_dataset *finish(reader *rd, bool go, pg_error *err)
{
    pg_dataset *ds = rd->L.ds;
    pg_report *report = rd->L.report;
    pg_report_group_start(report, -1);
    go = go && (!rd->replaced || compact(rd));
    if (go)
        pg_resolve(ds, report, &rd->L.places);
    if (!report->oom && report->errors == 0 && (pg_dataset_sort(ds) != 0 || pg_reltype_classify(ds) != 0))
        pg_report_oom(report);
    if (report->oom)
        pg_report_drop(report); /* one line: out of memory */
    else
        pg_report_release(report);
    pg_status st = pg_report_status(report, err);
    reader_free(rd);
    pg_report_free(report);
    if (st == PG_OK)
        return pg_error_clear(err), ds;
    pg_dataset_free(ds);
    return NULL;
}

typedef struct buffer_source {
    const char *data;
    size_t len, at;
} buffer_source;

static long read_buffer(void *source, void *buf, size_t cap, pg_error *err)
{
    buffer_source *b = source;
    size_t n = b->len - b->at < cap ? b->len - b->at : cap;
    (void)err;
    memcpy(buf, b->data + b->at, n);
    b->at += n;
    return (long)n;
}

/* A new dataset named `name` and a reader of it reporting to `report`;
 * NULL (the failure reported) when out of memory. */
static pg_dataset *begin(reader *rd, pg_report *report, const char *name, const pg_load_options *opt)
{
    static const pg_load_options defaults = PG_LOAD_OPTIONS_INIT;
    pg_report_init(report, name, opt ? opt : &defaults);
    pg_dataset *ds = pg_dataset_new(name);
    if (ds == NULL) {
        pg_report_oom(report);
        pg_report_free(report);
        return NULL;
    }
    reader_init(rd, ds, report);
    return ds;
}

/* Loads what `read` returns from `source` (`size` bytes, 0 if unknown),
 * in `mode`. */
static pg_dataset *load(pg_scan_read_fn read, void *source, size_t size, const char *name,
                        const pg_load_options *opt, pg_load_mode mode, pg_error *err)
{
    pg_report report;
    reader rd;
    pg_dataset *ds = begin(&rd, &report, name, opt);
    if (ds == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory"), pg_error_set_file(err, name), NULL;
    pg_json_arena_install();
    pg_scan sc;
    pg_scan_init(&sc, read, source, split);
    pg_error io = { 0 };
    bool go = load_stream(&rd, &sc, mode != PG_LOAD_ONE_THREAD, size, &io);
    ds->input_bytes = sc.bytes;
    memcpy(ds->sha256, sc.sha256, sizeof ds->sha256);
    pg_scan_free(&sc);
    if (io.status == PG_OK)
        return finish(&rd, go, err);
    if (io.status == PG_ENOMEM) /* (gzip's inflate): one line, as every out of memory */
        pg_error_set(&io, PG_ENOMEM, "out of memory"), pg_error_set_file(&io, name);
    if (report.opt->on_problem != NULL)
        report.opt->on_problem(&io, report.opt->userdata);
    if (err != NULL)
        *err = io;
    reader_free(&rd);
    pg_report_free(&report);
    pg_dataset_free(ds);
    return NULL;
}

/* The whole-text loader, for comparison. */
static pg_dataset *load_buffer_whole(const char *data, size_t len, const char *name, const pg_load_options *opt,
                                     pg_error *err)
{
    pg_report report;
    reader rd;
    pg_dataset *ds = begin(&rd, &report, name, opt);
    if (ds == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory"), pg_error_set_file(err, name), NULL;
    pg_sha256 sha;
    pg_sha256_init(&sha);
    pg_sha256_update(&sha, data, len);
    pg_sha256_hex(&sha, ds->sha256);
    ds->input_bytes = len;
    size_t bom = pg_utf8_bom(data, len);
    bool go = load_whole(&rd, data + bom, len - bom);
    return finish(&rd, go, err);
}

pg_dataset *pg_read_partygraph_buffer(const char *data, size_t len, const char *name,
                                        const pg_load_options *opt, pg_load_mode mode, pg_error *err)
{
    if (mode == PG_LOAD_WHOLE)
        return load_buffer_whole(data, len, name, opt, err);
    buffer_source b = { data, len, 0 };
    if (mode == PG_LOAD_AUTO && len < THREAD_MIN_BYTES)
        mode = PG_LOAD_ONE_THREAD;
    return load(read_buffer, &b, len, name, opt, mode, err);
}

/* The bytes a reader peeked at, then the rest of the input. */
typedef struct peeked_source {
    const char *head;
    size_t n, at;
    pg_input *in;
} peeked_source;

static long read_peeked(void *source, void *buf, size_t cap, pg_error *err)
{
    peeked_source *p = source;
    if (p->at == p->n)
        return pg_input_read(p->in, buf, cap, err);
    size_t n = p->n - p->at < cap ? p->n - p->at : cap;
    memcpy(buf, p->head + p->at, n);
    p->at += n;
    return (long)n;
}

pg_dataset *pg_read_partygraph_input(pg_input *in, const char *head, size_t n, const pg_load_options *opt,
                                   pg_error *err)
{
    peeked_source p = { head, n, 0, in };
    return load(read_peeked, &p, pg_input_size(in), pg_input_name(in), opt, PG_LOAD_AUTO, err);
}
