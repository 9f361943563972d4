/* read_map.c - see reader.h: a foreign node or edge becomes a partygraph/1
 * entity or relation object, handed to pg_schema_entity or
 * pg_schema_relation. The rules (docs/input.md, "Inputs other tools write"):
 *
 *   - ids: strings or numbers; one that is not a partygraph id is read with
 *     every run of other characters as '_' and kept as `original_id`; a
 *     rewrite that meets a taken id (a node's own id, which always keeps
 *     it, or an earlier rewrite) gets the first free suffix _2, _3, ...;
 *     an id with no letter or digit is read as "x" (then "x_2", ...);
 *   - a node's kind is its `kind` attribute when that is one of
 *     partygraph's, else `node` (the generic kind), the foreign `kind`
 *     kept; its name the first of `name`, `label`, `Label` (else its id;
 *     the empty id: its partygraph id), the others kept when they say
 *     something else;
 *   - an edge's type is its `type` (else the format's own, else a single
 *     `types`, else "contact"), its weight `weight` or `Weight`;
 *   - attribute names that are not ids are rewritten like ids; a name
 *     partygraph computes or uses itself (degree, x, value, count, id,
 *     sources, ...) is kept as `input_NAME`, except in a file partygraph
 *     wrote (pg_reader.ours), whose computed columns are ignored; a
 *     reference (`country`, an event's `mechanism`, `host`, a person's
 *     `party`) that names no node of a kind it may name is kept as
 *     `KEY_name`;
 *   - an integer year in a date field is read as that year;
 *   - edges that join the same two nodes (parallel or opposite) merge.
 * Each of these warns once per input. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "input/reader.h"
#include "model/reltype.h"

enum { MAX_ID = PG_ID_SIZE - 1 }; /* bytes of a name: PG_ID_CHARS characters */

#define KIND_BIT(k) (1u << (k))

static const char *const name_keys[] = { "name", "label", "Label", NULL };
static const char *const weight_keys[] = { "weight", "Weight", NULL };

/* The references an entity's attributes make, by kind, and the relation
 * each implies (as schema.c's tables say). */
typedef struct ref_field {
    pg_kind kind;
    const char *key;
    unsigned kinds;
    const char *implies;
} ref_field;

static const ref_field refs[] = {
    { PG_KIND_PARTY, "country", KIND_BIT(PG_KIND_COUNTRY), "based_in" },
    { PG_KIND_EVENT, "country", KIND_BIT(PG_KIND_COUNTRY), "held_in" },
    { PG_KIND_EVENT, "mechanism", KIND_BIT(PG_KIND_MECHANISM), "part_of" },
    { PG_KIND_EVENT, "host", KIND_BIT(PG_KIND_PARTY) | KIND_BIT(PG_KIND_MECHANISM) | KIND_BIT(PG_KIND_COUNTRY),
      "hosted" },
    { PG_KIND_PERSON, "party", KIND_BIT(PG_KIND_PARTY), "belongs_to" },
    { PG_KIND_PERSON, "country", KIND_BIT(PG_KIND_COUNTRY), "based_in" },
};

static bool in_list(const char *const *list, const char *key)
{
    for (; *list; list++)
        if (strcmp(*list, key) == 0)
            return true;
    return false;
}

static bool oom(pg_reader *R)
{
    return pg_report_oom(&R->report);
}

/* Writes `s` with every run of characters an id may not have as one '_'
 * (at most PG_ID_CHARS characters: pg_schema_to_id). Returns false when
 * nothing is left. */
static bool clean_name(const char *s, char buf[MAX_ID + 1])
{
    return pg_schema_to_id(s, buf);
}

static const cJSON *member(const cJSON *attrs, const char *key)
{
    return attrs ? cJSON_GetObjectItemCaseSensitive(attrs, key) : NULL;
}

/* The first of `keys` that `attrs` has as a non-empty string, or NULL. */
static const char *first_string(const cJSON *attrs, const char *const *keys)
{
    for (; *keys; keys++) {
        const cJSON *v = member(attrs, *keys);
        if (cJSON_IsString(v) && v->valuestring[0] != '\0')
            return v->valuestring;
    }
    return NULL;
}

/* ---- declaring nodes --------------------------------------------------- */

/* The node's kind from its `kind` attribute: one of partygraph's, or
 * else `node` (with one warning when it has a kind of its own, which
 * node_attr keeps). Sets d->kind and d->own_kind. */
static void read_kind(pg_reader *R, pg_read_decl *d, const cJSON *attrs, pg_jpath p)
{
    const cJSON *v = member(attrs, "kind");
    char q[PG_QUOTE_SIZE];
    d->kind = PG_KIND_NODE;
    for (int k = 0; cJSON_IsString(v) && k < PG_KIND_COUNT; k++)
        if (strcmp(v->valuestring, pg_kind_name((pg_kind)k)) == 0)
            return (void)(d->kind = (pg_kind)k, d->own_kind = true);
    if (v == NULL || cJSON_IsNull(v))
        return;
    pg_jpath kp = pg_jpath_key(&p, "kind");
    pg_read_warn_once(R, "kind", &kp, "kind %s is not one of partygraph's (country, party, mechanism, event, "
                      "person): read as the generic kind \"node\", as is every such node, its own kind kept as "
                      "\"input_kind\"",
                      cJSON_IsString(v) ? pg_quote(q, v->valuestring) : pg_schema_describe(v, q, sizeof q));
}

/* The partygraph id of foreign id `id` in d->pg_id (a rewrite is only a
 * base until every node is declared: assign_rewrites; one with no
 * letter or digit is "x"); false when out of memory. */
static bool make_id(pg_reader *R, pg_read_decl *d, pg_jpath p)
{
    char clean[MAX_ID + 1], q[PG_QUOTE_SIZE];
    if (pg_schema_valid_id(d->id)) {
        d->pg_id = d->id;
        return true;
    }
    if (!clean_name(d->id, clean))
        strcpy(clean, "x");
    d->pg_id = pg_arena_strdup(&R->L.ds->arena, clean);
    if (d->pg_id == NULL)
        return oom(R);
    pg_read_warn_once(R, "id", &p,
                      "node id %s is not a partygraph id (1-200 letters or digits of any script and _ . - :): "
                      "read as \"%s\"; every such id is rewritten so, and kept as \"original_id\"",
                      pg_quote(q, d->id), clean);
    return true;
}

/* Registers d's ids (its own partygraph id; a rewrite waits for
 * assign_rewrites); false after reporting a duplicate. */
static bool register_decl(pg_reader *R, pg_read_decl *d, long index, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    int fresh = pg_strmap_put(&R->by_id, d->id, index);
    if (fresh == 1 && d->pg_id == d->id)
        fresh = pg_strmap_put(&R->by_pg_id, d->pg_id, index);
    else if (fresh == 0)
        return pg_report_error(&R->report, &p, "duplicate node id %s", pg_quote(q, d->id)), false;
    if (fresh < 0)
        return oom(R);
    d->at = pg_report_place(&R->report, &p);
    if (d->at.line == 0 && R->line > 0)
        d->at = (pg_place){ R->line, 0 };
    return true;
}

/* ---- rewritten ids ------------------------------------------------------ */

/* Writes into `buf` rewrite `base` with suffix _`k` (k > 1), cut so that
 * the whole has at most PG_ID_CHARS characters. */
static void suffixed(const char *base, unsigned long k, char buf[MAX_ID + 1])
{
    char suffix[24];
    int n = snprintf(suffix, sizeof suffix, "_%lu", k);
    size_t len = pg_utf8_to_name(base, buf, MAX_ID + 1 - (size_t)n, PG_ID_CHARS - (size_t)n);
    memcpy(buf + len, suffix, (size_t)n + 1);
}

/* Warns (once per input: the caller sees to it) that node d's id,
 * rewritten as `base`, takes a suffix. */
static void suffix_warning(pg_reader *R, const pg_read_decl *d, const char *base)
{
    char q[PG_QUOTE_SIZE], r[PG_QUOTE_SIZE], b[PG_QUOTE_SIZE];
    pg_report_warning_place(&R->report, d->at, NULL,
                            "node id %s is read as %s: %s is another node's id or rewrite; a rewrite that meets a "
                            "taken id gets the first free suffix _2, _3, ... (a node's own id always keeps it), "
                            "and keeps its id as \"original_id\"",
                            pg_quote(q, d->id), pg_quote(r, d->pg_id), pg_quote(b, base));
}

/* Writes into `buf` the first id that no node has taken: `base` itself
 * when `k` is 0, else base_N for N from k + 1 on (k > 0: base_k and
 * those before it were given already). Returns its N (1: base). */
static long first_free(const pg_reader *R, const char *base, long k, char buf[MAX_ID + 1])
{
    if (k == 0 && pg_strmap_get(&R->by_pg_id, base) < 0) {
        strcpy(buf, base);
        return 1;
    }
    k = k < 1 ? 1 : k;
    do
        suffixed(base, (unsigned long)++k, buf);
    while (pg_strmap_get(&R->by_pg_id, buf) >= 0);
    return k;
}

/* Stores `value` under `key` in `m`, present or not; < 0 when out of
 * memory. */
static int remember(pg_strmap *m, const char *key, long value)
{
    int r = pg_strmap_put(m, key, value);
    return r == 0 ? pg_strmap_put_value(m, key, value) : r;
}

/* Gives declared node `index`, whose id is rewritten as d->pg_id, the
 * first free id of d->pg_id, d->pg_id_2, d->pg_id_3, ...; `last` holds
 * the last N given for each rewrite (so that many nodes of one rewrite
 * cost no search from _2 each). False when out of memory (reported). */
static bool assign_rewrite(pg_reader *R, pg_strmap *last, pg_read_decl *d, long index)
{
    char buf[MAX_ID + 1];
    const char *base = d->pg_id;
    long given = pg_strmap_get(last, base);
    long k = first_free(R, base, given < 0 ? 0 : given, buf);
    if (k > 1 && (d->pg_id = pg_arena_strdup(&R->L.ds->arena, buf)) == NULL)
        return oom(R);
    int first = k > 1 ? pg_strmap_put(&R->warned, "id suffix", 0) : 0;
    if (first < 0 || pg_strmap_put(&R->by_pg_id, d->pg_id, index) < 0 || remember(last, base, k) < 0)
        return oom(R);
    if (first == 1)
        suffix_warning(R, d, base);
    return true;
}

/* Once every node is declared (so that own ids are known): gives each
 * rewritten id, in declaration order, its free id. False when out of
 * memory (reported). */
static bool assign_rewrites(pg_reader *R)
{
    pg_strmap last = PG_STRMAP_INIT;
    bool go = true;
    if (R->rewrites_done)
        return true;
    R->rewrites_done = true;
    for (size_t i = 0; go && i < R->decls.len; i++) {
        pg_read_decl *d = &R->decls.items[i];
        if (d->usable && d->pg_id != d->id)
            go = assign_rewrite(R, &last, d, (long)i);
    }
    pg_strmap_free(&last);
    return go;
}

bool pg_read_declare(pg_reader *R, const char *id, const cJSON *attrs, pg_jpath p)
{
    pg_read_decl d = { .kind = PG_KIND_NODE };
    long index = (long)R->decls.len;
    d.id = id ? pg_arena_strdup(&R->L.ds->arena, id) : NULL;
    if ((id && d.id == NULL) || PG_VEC_RESERVE(R->decls, 1) != 0)
        return oom(R);
    if (id && attrs)
        read_kind(R, &d, attrs, p);
    d.usable = id && attrs && make_id(R, &d, p) && register_decl(R, &d, index, p);
    if (id && !d.usable && pg_strmap_put(&R->by_id, d.id, index) < 0) /* edges to it are skipped quietly */
        return oom(R);
    R->decls.items[R->decls.len++] = d;
    return !pg_report_stopped(&R->report);
}

/* ---- objects built with their keys at hand ------------------------------ */

enum { FEW_KEYS = 16 }; /* up to this many, a look-up walks the members */

bool pg_read_obj_init(pg_reader *R, pg_read_obj *o)
{
    *o = (pg_read_obj){ cJSON_CreateObject(), PG_STRMAP_INIT, 0 };
    return o->obj ? true : oom(R);
}

void pg_read_obj_free(pg_read_obj *o)
{
    cJSON_Delete(o->obj);
    pg_strmap_free(&o->keys);
    o->obj = NULL;
}

bool pg_read_obj_has(const pg_read_obj *o, const char *key)
{
    if (o->n > FEW_KEYS)
        return pg_strmap_get(&o->keys, key) >= 0;
    for (const cJSON *c = o->obj->child; c; c = c->next)
        if (strcmp(c->string, key) == 0)
            return true;
    return false;
}

/* Puts the keys of o's members into its map (their strings are theirs). */
static bool map_keys(pg_read_obj *o)
{
    for (const cJSON *c = o->obj->child; c; c = c->next)
        if (pg_strmap_put(&o->keys, c->string, 0) < 0)
            return false;
    return true;
}

bool pg_read_obj_add(pg_reader *R, pg_read_obj *o, const char *key, cJSON *value)
{
    if (value == NULL || !cJSON_AddItemToObject(o->obj, key, value)) {
        cJSON_Delete(value);
        return oom(R);
    }
    o->n++;
    bool ok = o->n < FEW_KEYS + 1 ? true
              : o->n == FEW_KEYS + 1 ? map_keys(o)
                                     : pg_strmap_put(&o->keys, o->obj->child->prev->string, 0) >= 0;
    return ok ? true : oom(R);
}

/* ---- attributes ---------------------------------------------------------- */

static bool add(pg_reader *R, pg_read_obj *e, const char *key, cJSON *value)
{
    return pg_read_obj_add(R, e, key, value);
}

static bool add_string(pg_reader *R, pg_read_obj *e, const char *key, const char *s)
{
    return add(R, e, key, cJSON_CreateString(s));
}

enum { PREFIX_LEN = 6 }; /* "input_" */

/* A name partygraph computes or uses itself, in a file partygraph wrote:
 * ignored, with one warning. Returns false (ignore it). */
static bool ignored(pg_reader *R, const char *clean, pg_jpath p)
{
    if (strcmp(clean, "sources") == 0)
        return pg_read_warn_once(R, clean, &p, "\"sources\" would name partygraph/1 sources, which this input has "
                                               "none of: ignored"),
               false;
    return pg_read_warn_once(R, "computed", &p, "\"%s\" and every other name partygraph computes (metrics, "
                                                "positions, colours, counts) are ignored", clean),
           false;
}

/* Such a name in another tool's file: renamed `input_NAME` in `clean`,
 * with one warning per name. */
static bool prefixed(pg_reader *R, char clean[MAX_ID + 1], pg_jpath p)
{
    char topic[MAX_ID + 16];
    memmove(clean + PREFIX_LEN, clean, strlen(clean) + 1);
    memcpy(clean, "input_", PREFIX_LEN);
    snprintf(topic, sizeof topic, "prefix:%s", clean);
    pg_read_warn_once(R, topic, &p, "attribute \"%s\" is a name partygraph computes or uses itself: kept as \"%s\"",
                      clean + PREFIX_LEN, clean);
    return true;
}

/* The attribute name `key` is read as, in `clean`; false (after a warning
 * given once per name) when it is to be ignored. */
static bool decide_name(pg_reader *R, const char *key, bool edge, pg_jpath p, char clean[MAX_ID + 1])
{
    char q[PG_QUOTE_SIZE], topic[2 * MAX_ID];
    snprintf(topic, sizeof topic, "name:%s", key);
    if (!clean_name(key, clean))
        return pg_read_warn_once(R, topic, &p, "attribute %s has no letter or digit to name it: ignored",
                                 pg_quote(q, key)),
               false;
    if (strcmp(clean, key) != 0)
        pg_read_warn_once(R, topic, &p, "attribute name %s is not a partygraph name: read as \"%s\"",
                          pg_quote(q, key), clean);
    bool taken = strcmp(clean, "sources") == 0 || (!edge && strcmp(clean, "name") == 0) ||
                 pg_schema_reserved(clean, edge);
    if (!taken)
        return true;
    if (R->ours || strlen(clean) + PREFIX_LEN > MAX_ID)
        return ignored(R, clean, p);
    return prefixed(R, clean, p);
}

/* Remembers that `key` (of an edge when `edge`) is read as `name` (NULL:
 * ignored). False when out of memory (reported). */
static bool remember_name(pg_reader *R, const char *key, bool edge, const char *name)
{
    pg_arena *a = &R->L.ds->arena;
    const char *k = pg_arena_strdup(a, key), *n = name ? pg_arena_strdup(a, name) : NULL;
    if (k == NULL || (name && n == NULL) || PG_VEC_RESERVE(R->read_as, 1) != 0 ||
        pg_strmap_put(&R->names[edge], k, (long)R->read_as.len) < 0)
        return oom(R);
    R->read_as.items[R->read_as.len++] = n;
    return true;
}

/* As decide_name, decided once per name and input (a file of 100,000
 * edges has few names, each met 100,000 times). */
static bool attr_name(pg_reader *R, const char *key, bool edge, pg_jpath p, char clean[MAX_ID + 1])
{
    long i = pg_strmap_get(&R->names[edge], key);
    if (i >= 0 && R->read_as.items[i] != NULL)
        strcpy(clean, R->read_as.items[i]);
    if (i >= 0)
        return R->read_as.items[i] != NULL;
    bool keep = decide_name(R, key, edge, p, clean);
    return remember_name(R, key, edge, keep ? clean : NULL) && keep;
}

/* A copy of `v`, with a whole number from 0 to 9999 in a date field
 * written as that year. */
static cJSON *value_copy(const cJSON *v, bool date)
{
    char num[PG_FMT_DOUBLE_SIZE];
    if (date && cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 9999 &&
        v->valuedouble == (double)(int)v->valuedouble)
        return cJSON_CreateString(pg_fmt_double(v->valuedouble, num));
    return cJSON_Duplicate(v, true);
}

/* Reference `key` of an entity of kind `kind`, or NULL. */
static const ref_field *find_ref(pg_kind kind, const char *key)
{
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i].kind == kind && strcmp(refs[i].key, key) == 0)
            return &refs[i];
    return NULL;
}

/* A reference of node `from`: the partygraph id of the node it names
 * (remembered, so that an edge repeating the relation it implies is not
 * counted twice), or else an attribute KEY_name. */
static bool add_ref(pg_reader *R, pg_read_obj *e, pg_read_decl *from, const ref_field *f, const cJSON *v,
                    pg_jpath p)
{
    const char *key = f->key;
    long i = cJSON_IsString(v) ? pg_strmap_get(&R->by_id, v->valuestring) : -1;
    const pg_read_decl *d = i >= 0 ? &R->decls.items[i] : NULL;
    if (d && d->usable && (f->kinds & KIND_BIT(d->kind)) && from->nrefs < PG_MAX_REFS) {
        from->refs[from->nrefs++] = (pg_read_ref){ i, f->implies };
        return add_string(R, e, key, d->pg_id);
    }
    char renamed[MAX_ID + 8];
    snprintf(renamed, sizeof renamed, "%s_name", key);
    char topic[MAX_ID + 8];
    snprintf(topic, sizeof topic, "ref:%s", key);
    pg_read_warn_once(R, topic, &p, "\"%s\" names no node that can be its %s: kept as \"%s\" (and so on every node)",
                      key, key, renamed);
    return pg_read_obj_has(e, renamed) ? true : add(R, e, renamed, cJSON_Duplicate(v, true));
}

/* A party's identifiers as partygraph writes them, "scheme:id;...", back
 * into partygraph/1's array of {"scheme", "identifier"}. */
static cJSON *identifiers(const char *text)
{
    cJSON *list = cJSON_CreateArray();
    char *copy = malloc(strlen(text) + 1);
    bool ok = list && copy;
    if (ok)
        strcpy(copy, text);
    for (char *save, *s = ok ? strtok_r(copy, ";", &save) : NULL; ok && s; s = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(s, ':');
        cJSON *item = cJSON_CreateObject();
        if (colon)
            *colon = '\0';
        ok = item && cJSON_AddItemToArray(list, item) && cJSON_AddStringToObject(item, "scheme", colon ? s : "") &&
             cJSON_AddStringToObject(item, "identifier", colon ? colon + 1 : s);
    }
    free(copy);
    if (!ok)
        cJSON_Delete(list);
    return ok ? list : NULL;
}

/* Is attribute `v` of node `d` what entity `e` says already: its id, its
 * kind (one of partygraph's), its name, or (Cytoscape.js) a `value`
 * repeating its id? */
static bool said(const pg_reader *R, const pg_read_obj *e, const pg_read_decl *d, const cJSON *v)
{
    const char *key = v->string;
    char buf[MAX_ID + 1];
    const char *text = cJSON_IsString(v) ? v->valuestring
                       : cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble
                           ? (snprintf(buf, sizeof buf, "%lld", (long long)v->valuedouble), buf)
                           : NULL;
    if (strcmp(key, "kind") == 0)
        return d->own_kind;
    if (strcmp(key, "id") == 0 || (R->format == PG_INPUT_CYJS && strcmp(key, "value") == 0))
        return text != NULL && strcmp(text, d->id) == 0;
    const cJSON *name = member(e->obj, "name");
    return in_list(name_keys, key) && cJSON_IsString(v) && strcmp(v->valuestring, name->valuestring) == 0;
}

/* One attribute of declared node `d` into entity `e`. */
static bool node_attr(pg_reader *R, pg_read_obj *e, pg_read_decl *d, const cJSON *v, pg_jpath p)
{
    const char *key = v->string;
    char clean[MAX_ID + 1];
    pg_jpath vp = pg_jpath_key(&p, key);
    if (cJSON_IsNull(v) || said(R, e, d, v))
        return true;
    if (strcmp(key, "kind") == 0) /* not partygraph's: read_kind said so */
        return pg_read_obj_has(e, "input_kind") || add(R, e, "input_kind", cJSON_Duplicate(v, true));
    if (d->kind == PG_KIND_MECHANISM && strcmp(key, "mechanism_kind") == 0)
        return add(R, e, "kind", cJSON_Duplicate(v, true));
    if (!attr_name(R, key, false, vp, clean) || pg_read_obj_has(e, clean))
        return true;
    const ref_field *f = find_ref(d->kind, clean);
    if (f != NULL)
        return add_ref(R, e, d, f, v, vp);
    if (d->kind == PG_KIND_PARTY && strcmp(clean, "identifiers") == 0 && cJSON_IsString(v))
        return add(R, e, clean, identifiers(v->valuestring));
    bool event_day = d->kind == PG_KIND_EVENT && (strcmp(clean, "date") == 0 || strcmp(clean, "end") == 0);
    return add(R, e, clean, value_copy(v, event_day || strcmp(clean, "founded") == 0));
}

bool pg_read_node(pg_reader *R, size_t index, const cJSON *attrs, pg_jpath p)
{
    if (!assign_rewrites(R))
        return false;
    pg_read_decl *d = &R->decls.items[index];
    if (!d->usable)
        return true;
    const char *name = first_string(attrs, name_keys);
    pg_read_obj e;
    bool go = pg_read_obj_init(R, &e) && add_string(R, &e, "id", d->pg_id) &&
              add_string(R, &e, "name", name ? name : d->id[0] ? d->id : d->pg_id);
    if (go && d->pg_id != d->id)
        go = add_string(R, &e, "original_id", d->id);
    for (const cJSON *v = attrs ? attrs->child : NULL; go && v; v = v->next)
        go = node_attr(R, &e, d, v, p);
    if (go)
        go = pg_schema_entity(&R->L, e.obj, d->kind, (long)index, p);
    pg_read_obj_free(&e);
    return go;
}

/* ---- edges --------------------------------------------------------------- */

/* The declared node `id` names at p.`end`: its index, -1 after reporting
 * an unknown one, -2 for a node already reported. */
static long endpoint(pg_reader *R, const char *id, const char *end, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    long i = pg_strmap_get(&R->by_id, id);
    pg_jpath ep = pg_jpath_key(&p, end);
    if (i < 0)
        return pg_report_error(&R->report, &ep, "unknown node %s", pg_quote(q, id)), -1;
    return R->decls.items[i].usable ? i : -2;
}

/* The members of an edge's attributes that made the relation itself
 * (its ends, type, weight, dates), kept out of its attributes. */
typedef struct edge_used {
    const cJSON *item[6];
    int n;
} edge_used;

static void use(edge_used *u, const cJSON *v)
{
    if (v != NULL && u->n < 6)
        u->item[u->n++] = v;
}

/* Was `v` used for the relation itself? In a file partygraph wrote, every
 * member it writes for an edge's structure counts as used. */
static bool was_used(const pg_reader *R, const edge_used *u, const cJSON *v)
{
    static const char *const structure[] = { "source", "target", "key", NULL };
    static const char *const written[] = { "type", "types", "id", "weight", "Weight", "first", "last", NULL };
    for (int i = 0; i < u->n; i++)
        if (u->item[i] == v)
            return true;
    return in_list(structure, v->string) || strcmp(v->string, R->end_keys[0]) == 0 ||
           strcmp(v->string, R->end_keys[1]) == 0 || (R->ours && in_list(written, v->string));
}

/* One attribute of an edge into relation `e`. */
static bool edge_attr(pg_reader *R, pg_read_obj *e, const edge_used *u, const cJSON *v, pg_jpath p)
{
    const char *key = v->string;
    char clean[MAX_ID + 1];
    if (cJSON_IsNull(v) || was_used(R, u, v))
        return true;
    if (!attr_name(R, key, true, pg_jpath_key(&p, key), clean) || pg_read_obj_has(e, clean))
        return true;
    return add(R, e, clean, value_copy(v, strcmp(clean, "date") == 0 || strcmp(clean, "end") == 0));
}

/* An edge partygraph wrote has `first` and `last` for its relations'
 * dates: they date it when it has no `date` of its own (and are used). */
static bool edge_dates(pg_reader *R, pg_read_obj *e, const cJSON *attrs, edge_used *u)
{
    const cJSON *first = member(attrs, "first"), *last = member(attrs, "last");
    if (member(attrs, "date") != NULL || !cJSON_IsString(first))
        return true;
    use(u, first);
    if (cJSON_IsString(last))
        use(u, last);
    return add(R, e, "date", cJSON_Duplicate(first, true)) &&
           (!cJSON_IsString(last) || add(R, e, "end", cJSON_Duplicate(last, true)));
}

/* An edge being read: its ends (declared nodes), its attributes, its
 * number and place, and the members it used for the relations. */
typedef struct edge_in {
    long s, t;
    const cJSON *attrs;
    long index;
    pg_jpath p;
    edge_used used;
} edge_in;

/* One relation of type `type` (NULL: a copy of the edge's own `type`)
 * for edge `in`, weighing `weight` (NULL: none). */
static bool relation(pg_reader *R, const edge_in *in, const char *type, const cJSON *weight)
{
    pg_read_obj e;
    edge_used u = in->used;
    use(&u, weight);
    bool go = pg_read_obj_init(R, &e) &&
              add(R, &e, "type", type ? cJSON_CreateString(type) : cJSON_Duplicate(member(in->attrs, "type"), true)) &&
              add_string(R, &e, "source", R->decls.items[in->s].pg_id) &&
              add_string(R, &e, "target", R->decls.items[in->t].pg_id) && edge_dates(R, &e, in->attrs, &u);
    if (go && weight != NULL)
        go = add(R, &e, "weight", cJSON_Duplicate(weight, true));
    for (const cJSON *v = in->attrs ? in->attrs->child : NULL; go && v; v = v->next)
        go = edge_attr(R, &e, &u, v, in->p);
    if (go)
        go = pg_schema_relation(&R->L, e.obj, in->index, in->p);
    pg_read_obj_free(&e);
    return go;
}

/* Does a reference of s or t already imply relation `type` between them? */
static bool implied(const pg_reader *R, long s, long t, const char *type)
{
    for (int k = 0; k < 2; k++) {
        const pg_read_decl *d = &R->decls.items[k ? t : s];
        for (int r = 0; r < d->nrefs; r++)
            if (d->refs[r].target == (k ? s : t) && strcmp(d->refs[r].implies, type) == 0)
                return true;
    }
    return false;
}

/* The relations of edge `in` whose types are `types` (";"-separated, as
 * in partygraph's merged edges): one per type. A type that a reference of
 * s or t implies weighs 1 (an explicit relation of it stands for the
 * implied tie, which then counts once: model/reltype.c); the others share
 * what is left of the weight, or all of it when nothing is left. */
static bool relations(pg_reader *R, const edge_in *in, const char *types, const cJSON *weight)
{
    char *list = malloc(strlen(types) + 1), *save = NULL;
    if (list == NULL)
        return oom(R);
    size_t n = 0, kept = 0;
    for (char *type = strtok_r(strcpy(list, types), ";", &save); type; type = strtok_r(NULL, ";", &save), n++)
        kept += !implied(R, in->s, in->t, type);
    double w = cJSON_IsNumber(weight) ? weight->valuedouble : 1.0, rest = w - (double)(n - kept);
    bool as_is = n == 1 || (weight != NULL && !cJSON_IsNumber(weight) && !cJSON_IsNull(weight));
    bool even = kept == 0 || kept == n || rest <= 0;
    cJSON *part = as_is ? NULL : cJSON_CreateNumber(even ? w / (double)n : rest / (double)kept);
    cJSON *one = as_is || even ? NULL : cJSON_CreateNumber(1.0);
    bool go = as_is || (part && (even || one)) ? true : oom(R);
    for (char *type = strtok_r(strcpy(list, types), ";", &save); go && type; type = strtok_r(NULL, ";", &save))
        go = relation(R, in, type, as_is ? weight : !even && implied(R, in->s, in->t, type) ? one : part);
    free(list);
    cJSON_Delete(part);
    cJSON_Delete(one);
    return go;
}

enum { MAX_COPIES = 1000000 };

/* How many relations an edge of partygraph's own file stands for when
 * they are all of one type (`types` one type, `count` n): n, so that the
 * edge is written again with its count; 1 otherwise (several types: how
 * the count splits between them is not in the file). */
static long copies(const pg_reader *R, const edge_in *in, const char *types)
{
    const cJSON *count = member(in->attrs, "count");
    if (!R->ours || strchr(types, ';') != NULL || !cJSON_IsNumber(count))
        return 1;
    double c = count->valuedouble;
    return c >= 2 && c <= MAX_COPIES && c == (double)(long)c ? (long)c : 1;
}

/* Member `key` of the edge's attributes as a count from 0 to `n`, or -1. */
static long count_member(const edge_in *in, const char *key, long n)
{
    const cJSON *v = member(in->attrs, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > (double)n ||
        v->valuedouble != (double)(long)v->valuedouble)
        return -1;
    return (long)v->valuedouble;
}

/* The `n` relations of one type an edge of partygraph's own file merged:
 * each weighs an even share of its weight; its `backward` ones (of a
 * directed type, when `forward` and `backward` add up to n) run from its
 * target to its source. */
static bool repeated(pg_reader *R, const edge_in *in, const char *type, const cJSON *weight, long n)
{
    double w = cJSON_IsNumber(weight) ? weight->valuedouble : 1.0;
    long f = count_member(in, "forward", n), b = count_member(in, "backward", n);
    edge_in back = *in;
    back.s = in->t, back.t = in->s;
    if (f < 0 || b < 0 || f + b != n)
        b = 0;
    cJSON *share = cJSON_CreateNumber(w / (double)n);
    bool go = share ? true : oom(R);
    for (long i = 0; go && i < n; i++)
        go = relation(R, i < n - b ? in : &back, type, share);
    cJSON_Delete(share);
    return go;
}

/* An edge of partygraph's own file of one type that is not directed as
 * built in, but runs one way or both (`direction` "directed" or
 * "mutual"), was of a type its dataset declared directed: declared so
 * again, once per type, so that the direction comes back. */
static bool declare_direction(pg_reader *R, const edge_in *in, const char *type)
{
    const cJSON *dir = member(in->attrs, "direction");
    const pg_relation_type *built = pg_reltype_builtin(type);
    if (!R->ours || strchr(type, ';') != NULL || !cJSON_IsString(dir) ||
        strcmp(dir->valuestring, "undirected") == 0 || (built && built->directed) ||
        pg_strmap_get(&R->L.type_ids, type) >= 0)
        return true;
    cJSON *item = cJSON_CreateObject();
    bool go = item && cJSON_AddStringToObject(item, "id", type) && cJSON_AddTrueToObject(item, "directed");
    go = go ? pg_schema_relation_type(&R->L, item, (long)R->L.type_ids.len, in->p) : oom(R);
    cJSON_Delete(item);
    return go;
}

/* Remembers the ends of edge `in` (reader.c warns when pairs repeat). */
static bool note_pair(pg_reader *R, const edge_in *in)
{
    if (PG_VEC_RESERVE(R->pairs, 1) != 0)
        return oom(R);
    long a = in->s < in->t ? in->s : in->t, b = in->s < in->t ? in->t : in->s;
    R->pairs.items[R->pairs.len++] = (pg_read_pair){ a, b, in->index };
    return true;
}

bool pg_read_edge(pg_reader *R, const char *source, const char *target, const cJSON *attrs, const char *type,
                  long index, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    if (!assign_rewrites(R))
        return false;
    long s = endpoint(R, source, R->end_keys[0], p), t = s == -1 ? -2 : endpoint(R, target, R->end_keys[1], p);
    if (s < 0 || t < 0)
        return !pg_report_stopped(&R->report);
    if (s == t) {
        pg_report_warning(&R->report, &p, "edge from %s to itself is dropped (self-loop)", pg_quote(q, source));
        return true;
    }
    edge_in in = { s, t, attrs, index, p, { { NULL }, 0 } };
    const cJSON *weight = NULL, *own = member(attrs, "type"), *types = member(attrs, "types");
    for (const char *const *k = weight_keys; *k && weight == NULL; k++)
        weight = member(attrs, *k);
    bool plain = cJSON_IsString(own) && own->valuestring[0] != '\0' && strchr(own->valuestring, ';') == NULL;
    if (!note_pair(R, &in))
        return false;
    if (own != NULL && !cJSON_IsNull(own) && !plain)
        return relation(R, &in, NULL, weight); /* for the schema's error */
    if (plain)
        type = own->valuestring, use(&in.used, own);
    else if (type == NULL && cJSON_IsString(types) && strspn(types->valuestring, ";") < strlen(types->valuestring))
        type = types->valuestring, use(&in.used, types);
    type = type ? type : "contact";
    long n = copies(R, &in, type);
    if (!declare_direction(R, &in, type))
        return false;
    return n > 1 ? repeated(R, &in, type, weight, n) : relations(R, &in, type, weight);
}
