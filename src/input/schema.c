/* schema.c - see schema.h. The known fields of each element are tables;
 * any other key becomes an attribute. */
#include "input/schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/suggest.h"
#include "base/utf8.h"

enum { MAX_ID = PG_ID_CHARS };

/* Weights outside this range would make sums, products and 1/weight
 * distances overflow or lose all precision. */
static const double MIN_WEIGHT = 1e-100, MAX_WEIGHT = 1e100;

typedef enum field_type {
    F_STRING,      /* any string */
    F_BOOL,        /* true or false */
    F_DATE,        /* a partial ISO 8601 date */
    F_EVENT_DATE,  /* a date that is also the event's own date */
    F_EVENT_END,   /* a date that is also the event's own end */
    F_REF,         /* the id of another entity; implies a relation */
    F_SOURCES,     /* an array of source ids */
    F_IDENTIFIERS, /* an array of {"scheme","identifier"} */
    F_ISO3,        /* three capital letters */
    F_STRINGS,     /* an array of strings, kept in order */
    F_ROLES        /* an array of {"title","organization","from","to"} */
} field_type;

#define KIND_BIT(k) (1u << (k))

typedef struct field {
    const char *key;
    field_type type;
    const char *attr;    /* exported attribute name; NULL = key */
    unsigned ref_kinds;  /* F_REF: the kinds it may point at */
    const char *implies; /* F_REF: the implied relation type */
} field;

static const field country_fields[] = {
    { "iso3", F_ISO3, NULL, 0, NULL },
    { "region", F_STRING, NULL, 0, NULL },
    { "groupings", F_STRINGS, NULL, 0, NULL },
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field party_fields[] = {
    { "country", F_REF, NULL, KIND_BIT(PG_KIND_COUNTRY), "based_in" },
    { "family", F_STRING, NULL, 0, NULL },
    { "ruling", F_BOOL, NULL, 0, NULL },
    { "founded", F_DATE, NULL, 0, NULL },
    { "identifiers", F_IDENTIFIERS, NULL, 0, NULL },
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field mechanism_fields[] = {
    { "kind", F_STRING, "mechanism_kind", 0, NULL },
    { "founded", F_DATE, NULL, 0, NULL },
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field event_fields[] = {
    { "date", F_EVENT_DATE, NULL, 0, NULL },
    { "end", F_EVENT_END, NULL, 0, NULL },
    { "country", F_REF, NULL, KIND_BIT(PG_KIND_COUNTRY), "held_in" },
    { "mechanism", F_REF, NULL, KIND_BIT(PG_KIND_MECHANISM), "part_of" },
    { "host", F_REF, NULL, KIND_BIT(PG_KIND_PARTY) | KIND_BIT(PG_KIND_MECHANISM) | KIND_BIT(PG_KIND_COUNTRY), "hosted" },
    { "type", F_STRING, NULL, 0, NULL },
    { "level", F_STRING, NULL, 0, NULL },
    { "format", F_STRING, NULL, 0, NULL },
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field person_fields[] = {
    { "party", F_REF, NULL, KIND_BIT(PG_KIND_PARTY), "belongs_to" },
    { "country", F_REF, NULL, KIND_BIT(PG_KIND_COUNTRY), "based_in" },
    { "roles", F_ROLES, NULL, 0, NULL },
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

/* A node of another tool's graph: its attributes, as they are. */
static const field node_fields[] = {
    { "sources", F_SOURCES, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field *const entity_fields[PG_KIND_COUNT] = {
    country_fields, party_fields, mechanism_fields, event_fields, person_fields, node_fields,
};

/* Relations: type/source/target/date/end/weight/sources are read into the
 * record itself; role is an ordinary string attribute. */
static const field relation_fields[] = {
    { "role", F_STRING, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

static const field source_fields[] = {
    { "title", F_STRING, NULL, 0, NULL },
    { "url", F_STRING, NULL, 0, NULL },
    { "date", F_DATE, NULL, 0, NULL },
    { NULL, F_STRING, NULL, 0, NULL },
};

/* Names that outputs compute themselves; data may not use them as keys
 * (nor, for entities, names starting "ties_": the relations by type). */
static const char *const reserved_node_keys[] = {
    "id", "label", "kind", "degree", "strength", "in_degree", "out_degree", "in_strength", "out_strength",
    "coreness", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "hub", "authority",
    "constraint", "effective_size", "clustering",
    "coordinator", "itinerant", "gatekeeper", "representative", "liaison", "community", "stability",
    "r", "g", "b", "size", "x", "y", "mechanism_kind",
    "value", /* graph.cyjs: the node key NetworkX's cytoscape_graph reads */
    NULL,
};

/* (A relation's own type, source, target, date, end, weight and sources
 * never reach this check: they are read first.) */
static const char *const reserved_edge_keys[] = {
    "id", "count", "types", "first", "last", "direction", "forward", "backward", NULL,
};

/* ---- small checks ------------------------------------------------- */

static bool valid_id(const char *s)
{
    return pg_utf8_name_chars(s, MAX_ID) > 0;
}

/* A valid id close to `s` (pg_schema_to_id, else "x"). */
static void suggest_id(const char *s, char buf[PG_ID_SIZE])
{
    if (!pg_schema_to_id(s, buf))
        strcpy(buf, "x");
}

/* strcmp(a, b) == 0, most mismatches decided by the first byte (key
 * lookups run several times per member of every element). */
static bool same(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

static bool in_list(const char *const *list, const char *key)
{
    for (; *list; list++)
        if (same(*list, key))
            return true;
    return false;
}

static const field *find_field(const field *fields, const char *key)
{
    for (; fields->key; fields++)
        if (same(fields->key, key))
            return fields;
    return NULL;
}

/* The first member of `obj` named `key` (cJSON_GetObjectItemCaseSensitive
 * with a cheaper comparison). */
static const cJSON *member(const cJSON *obj, const char *key)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string != NULL && same(c->string, key))
            return c;
    return NULL;
}

static bool is_iso3(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return s[3] == '\0';
}

static bool all_finite(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return isfinite(v->valuedouble);
    for (const cJSON *c = v->child; c; c = c->next)
        if (!all_finite(c))
            return false;
    return true;
}

const char *pg_schema_describe(const cJSON *v, char *buf, size_t size)
{
    char num[PG_FMT_DOUBLE_SIZE];
    if (cJSON_IsString(v)) {
        pg_strbuf b = pg_strbuf_init(buf, size);
        pg_strbuf_printf(&b, "a string (");
        pg_strbuf_quote(&b, v->valuestring, 40);
        pg_strbuf_printf(&b, ")");
    } else if (cJSON_IsNumber(v))
        snprintf(buf, size, "a number (%s)",
                 isfinite(v->valuedouble) ? pg_fmt_double(v->valuedouble, num) : "out of range");
    else if (cJSON_IsBool(v))
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsNull(v))
        snprintf(buf, size, "null");
    else
        snprintf(buf, size, "%s", cJSON_IsArray(v) ? "an array" : "an object");
    return buf;
}

/* ---- the loader's own records ------------------------------------- */

void pg_loader_init(pg_loader *L, pg_dataset *ds, pg_report *r)
{
    memset(L, 0, sizeof *L);
    L->ds = ds;
    L->report = r;
    L->keep_places = true;
}

void pg_loader_free(pg_loader *L)
{
    pg_places_free(&L->places);
    free(L->gone_entities.items);
    free(L->gone_sources.items);
    pg_strmap_free(&L->type_ids);
    memset(L, 0, sizeof *L);
}

void pg_loader_top_member(pg_loader *L)
{
    pg_strmap_free(&L->type_ids);
}

/* Sets flags [from, to) of `f` (grown with clear flags as needed). */
static bool set_flags(pg_flags *f, size_t from, size_t to)
{
    if (to > f->len && PG_VEC_RESERVE(*f, to - f->len) != 0)
        return false;
    for (; f->len < to; f->len++)
        f->items[f->len] = false;
    for (size_t i = from; i < to; i++)
        f->items[i] = true;
    return true;
}

bool pg_loader_replace(pg_loader *L, size_t e0, size_t e1, size_t s0, size_t s1)
{
    if (!set_flags(&L->gone_entities, e0, e1) || !set_flags(&L->gone_sources, s0, s1))
        return pg_report_oom(L->report);
    return true;
}

/* Was the owner of an id, entity or source number `i`, replaced? */
static bool gone(const pg_loader *L, bool is_source, long i)
{
    const pg_flags *f = is_source ? &L->gone_sources : &L->gone_entities;
    return i >= 0 && (size_t)i < f->len && f->items[i];
}

/* The place to keep for a reference at `p` in the element at `element`:
 * none when L keeps none; the element's place when the reference is
 * `sure` to resolve (it names a record read already: the common case,
 * which then costs no look in the text); else the place of its value. (A
 * reference whose record a repeated top-level key drops later is then
 * placed at its element.) */
static pg_place ref_place(pg_loader *L, const pg_jpath *p, const pg_jpath *element, bool sure)
{
    if (!L->keep_places)
        return PG_PLACE_NONE;
    return pg_report_place(L->report, sure ? element : p);
}

/* Appends the `n` places at `at` to `v` (unless L keeps none); false
 * when out of memory. */
static bool push_places(const pg_loader *L, pg_place_vec *v, const pg_place *at, size_t n)
{
    return !L->keep_places || pg_places_push(v, at, n);
}

/* ---- reporting (each returns "go on") ------------------------------ */

static bool oom(pg_loader *L)
{
    return pg_report_oom(L->report);
}

static bool wrong_type(pg_loader *L, const cJSON *v, pg_jpath p, const char *expected)
{
    char got[PG_QUOTE_SIZE];
    return pg_report_error(L->report, &p, "expected %s, got %s", expected,
                           pg_schema_describe(v, got, sizeof got));
}

static bool bad_id(pg_loader *L, const char *id, pg_jpath p, const char *what)
{
    char fix[PG_ID_SIZE], q[PG_QUOTE_SIZE];
    suggest_id(id, fix);
    return pg_report_error(L->report, &p,
                           "%s is not a valid %s: use 1-%d letters or digits of any script and _ . - : "
                           "(for example \"%s\")%s",
                           pg_quote(q, id), what, MAX_ID, fix,
                           strcmp(what, "id") == 0 ? "; free text belongs in \"name\"" : "");
}

/* ---- appending attributes ----------------------------------------- */

static bool add_attr(pg_loader *L, const char *key, pg_attr value)
{
    pg_dataset *ds = L->ds;
    value.key = pg_dataset_intern(ds, key);
    if (value.key == NULL || PG_VEC_RESERVE(ds->attrs, 1) != 0)
        return oom(L);
    ds->attrs.items[ds->attrs.len++] = value;
    return true;
}

static bool add_string(pg_loader *L, const char *key, const char *s)
{
    pg_attr a = { .type = PG_VALUE_STRING };
    a.v.s = pg_arena_strdup(&L->ds->arena, s);
    return a.v.s ? add_attr(L, key, a) : oom(L);
}

/* Adds the `n` strings as one ";"-joined string attribute, sorted first
 * when `sort` is set (the caller's array is not touched). */
static bool add_joined(pg_loader *L, const char *key, const char *const *items, size_t n, bool sort)
{
    const char **copy = malloc((n ? n : 1) * sizeof *copy);
    if (copy == NULL)
        return oom(L);
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        copy[i] = items[i];
        total += strlen(items[i]) + 1;
    }
    if (sort)
        pg_vec_sort(copy, n, sizeof *copy, pg_str_compare);
    char *s = pg_arena_alloc(&L->ds->arena, total);
    size_t used = 0;
    for (size_t i = 0; s && i < n; i++)
        used += (size_t)sprintf(s + used, "%s%s", i ? ";" : "", copy[i]);
    free(copy);
    if (s == NULL)
        return oom(L);
    s[used] = '\0';
    return add_attr(L, key, (pg_attr){ .type = PG_VALUE_STRING, .v.s = s });
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const pg_attr *)a)->key, ((const pg_attr *)b)->key);
}

/* Closes the span of attributes that started at `first`, sorted by key. */
static pg_span close_attrs(pg_loader *L, size_t first)
{
    pg_span span = { first, L->ds->attrs.len - first };
    if (span.count > 1) /* none: items may be NULL, and NULL + 0 is undefined */
        pg_vec_sort(L->ds->attrs.items + first, span.count, sizeof *L->ds->attrs.items, by_key);
    return span;
}

/* ---- values --------------------------------------------------------- */

static bool scalar_array(const cJSON *v)
{
    for (const cJSON *c = v->child; c; c = c->next)
        if (!cJSON_IsString(c) && !cJSON_IsNumber(c) && !cJSON_IsBool(c))
            return false;
    return true;
}

/* An array of strings, numbers and booleans: ";"-joined in input order. */
static bool add_scalar_array(pg_loader *L, const char *key, const cJSON *v)
{
    size_t n = (size_t)cJSON_GetArraySize(v), k = 0;
    const char **items = malloc((n ? n : 1) * sizeof *items);
    char *texts = malloc((n ? n : 1) * PG_FMT_DOUBLE_SIZE);
    bool go = items && texts;
    for (const cJSON *c = v->child; go && c; c = c->next, k++) {
        char *t = texts + k * PG_FMT_DOUBLE_SIZE;
        if (cJSON_IsString(c))
            items[k] = c->valuestring;
        else if (cJSON_IsBool(c))
            items[k] = cJSON_IsTrue(c) ? "true" : "false";
        else
            items[k] = pg_fmt_double(c->valuedouble, t);
    }
    go = go ? add_joined(L, key, items, n, false) : oom(L);
    free(items);
    free(texts);
    return go;
}

/* Anything else (objects, nested arrays): kept as compact JSON text. */
static bool add_json_text(pg_loader *L, const char *key, const cJSON *v)
{
    char *text = cJSON_PrintUnformatted(v);
    if (text == NULL)
        return oom(L);
    bool go = add_string(L, key, text);
    cJSON_free(text);
    return go;
}

/* An unknown key: its value becomes an attribute named after the key. */
static bool read_unknown(pg_loader *L, const cJSON *v, pg_jpath p, const char *const *reserved)
{
    const char *key = v->string;
    if (!valid_id(key))
        return bad_id(L, key, p, "attribute name");
    if (in_list(reserved, key) || (reserved == reserved_node_keys && strncmp(key, "ties_", 5) == 0))
        return pg_report_error(L->report, &p, "\"%s\" is computed by partygraph and cannot be set in the data; "
                               "rename the key", key); /* a valid id: nothing to quote */
    if (!all_finite(v))
        return pg_report_error(L->report, &p, "number out of range (it must be finite)");
    if (cJSON_IsNull(v))
        return true;
    if (cJSON_IsString(v))
        return add_string(L, key, v->valuestring);
    if (cJSON_IsNumber(v))
        return add_attr(L, key, (pg_attr){ .type = PG_VALUE_NUMBER, .v.d = v->valuedouble });
    if (cJSON_IsBool(v))
        return add_attr(L, key, (pg_attr){ .type = PG_VALUE_BOOL, .v.b = cJSON_IsTrue(v) });
    if (cJSON_IsArray(v) && scalar_array(v))
        return add_scalar_array(L, key, v);
    return add_json_text(L, key, v);
}

/* ---- known fields --------------------------------------------------- */

/* Reports why `v` is not a date: not a string, a day (month, year) the
 * calendar does not have, or another shape. */
static bool bad_date(pg_loader *L, const cJSON *v, pg_jpath p)
{
    char q[PG_QUOTE_SIZE], why[96];
    if (!cJSON_IsString(v))
        return wrong_type(L, v, p, "a date string such as \"2017-11-30\"");
    if (pg_date_impossible(v->valuestring, why, sizeof why))
        return pg_report_error(L->report, &p, "%s: %s", pg_quote(q, v->valuestring), why);
    return pg_report_error(L->report, &p, "%s is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
                           pg_quote(q, v->valuestring));
}

static bool is_date(const cJSON *v, pg_date *out)
{
    return cJSON_IsString(v) && pg_date_parse(v->valuestring, out);
}

/* An `end` (at p.end) may not be before its `date`. */
static bool check_order(pg_loader *L, pg_date date, pg_date end, pg_jpath p)
{
    char a[16], b[16];
    if (!pg_date_is_set(date) || !pg_date_is_set(end) || pg_date_last_day(end) >= pg_date_first_day(date))
        return true;
    pg_jpath ep = pg_jpath_key(&p, "end");
    return pg_report_error(L->report, &ep, "\"%s\" is before the date \"%s\"", pg_date_format(end, b, sizeof b),
                           pg_date_format(date, a, sizeof a));
}

static bool read_ref(pg_loader *L, pg_entity *e, const field *f, const cJSON *v, pg_jpath p)
{
    if (!cJSON_IsString(v))
        return wrong_type(L, v, p, "an id string");
    if (e->nrefs >= PG_MAX_REFS) /* (each field once: repeated keys are gone) */
        return true;
    long target;
    const char *id = pg_dataset_intern_id(L->ds, v->valuestring, &target); /* the same few ids, many times */
    if (id == NULL)
        return oom(L);
    bool sure = target >= 0 && (f->ref_kinds & KIND_BIT(L->ds->entities.items[target].kind));
    L->ref_at[e->nrefs] = ref_place(L, &p, p.parent, sure);
    e->refs[e->nrefs++] = (pg_ref){ .field = f->key, .relation = f->implies, .kinds = f->ref_kinds, .target_id = id,
                                    .target = target };
    return add_attr(L, f->attr ? f->attr : f->key, (pg_attr){ .type = PG_VALUE_STRING, .v.s = id });
}

/* Reads an array of source ids into the dataset's source_refs. */
static bool read_sources(pg_loader *L, const cJSON *v, pg_jpath p, pg_span *out)
{
    pg_dataset *ds = L->ds;
    if (!cJSON_IsArray(v))
        return wrong_type(L, v, p, "an array of source ids");
    out->first = ds->source_refs.len;
    long i = 0;
    bool go = true;
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        if (!cJSON_IsString(item)) {
            go = wrong_type(L, item, pg_jpath_index(&p, i), "a source id string");
            continue;
        }
        long entity;
        const char *id = pg_dataset_intern_id(ds, item->valuestring, &entity);
        pg_jpath ip = pg_jpath_index(&p, i);
        bool is_source = false;
        bool sure = L->keep_places && pg_dataset_owner(ds, item->valuestring, &is_source) >= 0 && is_source;
        pg_place at = ref_place(L, &ip, p.parent, sure);
        if (id == NULL || PG_VEC_RESERVE(ds->source_refs, 1) != 0 || !push_places(L, &L->places.source_refs, &at, 1))
            return oom(L);
        ds->source_refs.items[ds->source_refs.len++] = id;
    }
    out->count = ds->source_refs.len - out->first;
    return go;
}

bool pg_schema_sources(pg_loader *L, const cJSON *v, pg_jpath p, pg_span *out)
{
    return read_sources(L, v, p, out);
}

bool pg_schema_date(pg_loader *L, const cJSON *v, pg_jpath p, pg_date *out)
{
    return is_date(v, out) || bad_date(L, v, p);
}

static bool read_identifiers(pg_loader *L, const cJSON *v, pg_jpath p)
{
    if (!cJSON_IsArray(v))
        return wrong_type(L, v, p, "an array of {\"scheme\", \"identifier\"} objects");
    size_t n = (size_t)cJSON_GetArraySize(v), k = 0;
    const char **items = malloc((n ? n : 1) * sizeof *items);
    if (items == NULL)
        return oom(L);
    bool go = true;
    long i = 0;
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        const cJSON *scheme = member(item, "scheme");
        const cJSON *ident = member(item, "identifier");
        if (!cJSON_IsObject(item) || !cJSON_IsString(scheme) || !cJSON_IsString(ident)) {
            go = wrong_type(L, item, pg_jpath_index(&p, i), "an object with string \"scheme\" and \"identifier\"");
            continue;
        }
        size_t len = strlen(scheme->valuestring) + strlen(ident->valuestring) + 2;
        char *s = pg_arena_alloc(&L->ds->arena, len);
        if (s == NULL) {
            go = oom(L);
            break;
        }
        snprintf(s, len, "%s:%s", scheme->valuestring, ident->valuestring);
        items[k++] = s;
    }
    if (go && k > 0)
        go = add_joined(L, "identifiers", items, k, true);
    free(items);
    return go;
}

/* Reads one item of an array attribute at `p`: *text is its text, or
 * NULL when it gives none. Returns false to stop. */
typedef bool item_text_fn(pg_loader *L, const cJSON *item, pg_jpath p, const char **text);

/* An array attribute whose items each give a text (`fn`): one ";"-joined
 * attribute `name` in input order; an empty array gives none. A string
 * is taken as that text already joined (as partygraph writes it, so that
 * its outputs read back). `want` says what the value should be. */
static bool read_joined(pg_loader *L, const char *name, const cJSON *v, pg_jpath p, const char *want,
                        item_text_fn *fn)
{
    if (cJSON_IsString(v))
        return v->valuestring[0] == '\0' || add_string(L, name, v->valuestring);
    if (!cJSON_IsArray(v))
        return wrong_type(L, v, p, want);
    size_t n = (size_t)cJSON_GetArraySize(v), k = 0;
    const char **items = malloc((n ? n : 1) * sizeof *items);
    if (items == NULL)
        return oom(L);
    bool go = true;
    long i = 0;
    for (const cJSON *item = v->child; item && go; item = item->next, i++) {
        go = fn(L, item, pg_jpath_index(&p, i), &items[k]);
        k += go && items[k] != NULL;
    }
    if (go && k > 0)
        go = add_joined(L, name, items, k, false);
    free(items);
    return go;
}

/* A string item of an array (a country's groupings). */
static bool string_item(pg_loader *L, const cJSON *item, pg_jpath p, const char **text)
{
    *text = cJSON_IsString(item) ? item->valuestring : NULL;
    return *text != NULL || wrong_type(L, item, p, "a string");
}

/* ---- roles ---------------------------------------------------------- */

/* One role as read: its text parts (NULL: absent) and dates. */
typedef struct role {
    const char *title, *organization;
    const char *from_text, *to_text;
    pg_date from, to;
} role;

/* A role's string member `v` into *out ("must not be empty"). */
static bool role_string(pg_loader *L, const cJSON *v, pg_jpath p, const char **out)
{
    if (!cJSON_IsString(v))
        return wrong_type(L, v, p, "a string");
    if (v->valuestring[0] == '\0')
        return pg_report_error(L->report, &p, "must not be empty");
    *out = v->valuestring;
    return true;
}

/* A role's date member `v` into *text and *date. */
static bool role_date(pg_loader *L, const cJSON *v, pg_jpath p, const char **text, pg_date *date)
{
    if (!is_date(v, date))
        return bad_date(L, v, p);
    *text = v->valuestring;
    return true;
}

/* Member `v` of a role: a known key, or one warned about and ignored. */
static bool role_member(pg_loader *L, const cJSON *v, pg_jpath p, role *r)
{
    char q[PG_QUOTE_SIZE];
    if (cJSON_IsNull(v))
        return true;
    if (same(v->string, "title") || same(v->string, "organization"))
        return role_string(L, v, p, same(v->string, "title") ? &r->title : &r->organization);
    if (same(v->string, "from") || same(v->string, "to"))
        return same(v->string, "from") ? role_date(L, v, p, &r->from_text, &r->from)
                                       : role_date(L, v, p, &r->to_text, &r->to);
    pg_report_warning(L->report, &p, "unknown key %s of a role ignored (a role has title, organization, from, to)",
                      pg_quote(q, v->string));
    return !L->report->oom;
}

/* A role's `to` (at p.to) may not be before its `from`. */
static bool role_order(pg_loader *L, const role *r, pg_jpath p)
{
    pg_jpath tp = pg_jpath_key(&p, "to");
    char q[PG_QUOTE_SIZE];
    return pg_report_error(L->report, &tp, "%s is before \"from\" (\"%s\")", pg_quote(q, r->to_text), r->from_text);
}

/* The text of role `r`: "title[, organization][ (from-to)]", in the
 * dataset's arena; NULL when out of memory. */
static const char *role_text(pg_loader *L, const role *r)
{
    const char *org = r->organization ? r->organization : "", *from = r->from_text ? r->from_text : "";
    const char *to = r->to_text ? r->to_text : "";
    bool dated = r->from_text || r->to_text;
    size_t len = strlen(r->title) + strlen(org) + strlen(from) + strlen(to) + 8;
    char *s = pg_arena_alloc(&L->ds->arena, len);
    if (s != NULL)
        snprintf(s, len, "%s%s%s%s%s%s%s", r->title, r->organization ? ", " : "", org, dated ? " (" : "", from,
                 dated ? "-" : "", dated ? to : "");
    if (s != NULL && dated)
        strcat(s, ")");
    return s;
}

/* Role `item` at `p`: *text is its text, or NULL when it has problems. */
static bool read_role(pg_loader *L, const cJSON *item, pg_jpath p, const char **text)
{
    role r = { NULL, NULL, NULL, NULL, PG_DATE_NONE, PG_DATE_NONE };
    size_t errors = L->report->errors;
    *text = NULL;
    if (!cJSON_IsObject(item))
        return wrong_type(L, item, p, "a role object {\"title\", \"organization\", \"from\", \"to\"}");
    bool go = true;
    for (const cJSON *v = item->child; v && go; v = v->next)
        go = role_member(L, v, pg_jpath_key(&p, v->string), &r);
    if (go && r.title == NULL)
        go = pg_report_error(L->report, &p, "missing \"title\"");
    if (go && pg_date_is_set(r.from) && pg_date_is_set(r.to) && pg_date_last_day(r.to) < pg_date_first_day(r.from))
        go = role_order(L, &r, p);
    if (!go || L->report->errors != errors)
        return go;
    *text = role_text(L, &r);
    return *text ? true : oom(L);
}


/* Converts the value `v` of known field `f`. `e` receives references
 * (entities only); `sources` receives cited source ids. */
static bool read_field(pg_loader *L, pg_entity *e, pg_span *sources, const field *f,
                       const cJSON *v, pg_jpath p)
{
    const char *name = f->attr ? f->attr : f->key;
    pg_date date;
    if (cJSON_IsNull(v))
        return true;
    switch (f->type) {
    case F_STRING:
        return cJSON_IsString(v) ? add_string(L, name, v->valuestring) : wrong_type(L, v, p, "a string");
    case F_ISO3:
        if (!cJSON_IsString(v) || !is_iso3(v->valuestring))
            return wrong_type(L, v, p, "an ISO 3166-1 alpha-3 code such as \"VNM\"");
        return add_string(L, name, v->valuestring);
    case F_BOOL:
        if (!cJSON_IsBool(v))
            return wrong_type(L, v, p, "true or false");
        return add_attr(L, name, (pg_attr){ .type = PG_VALUE_BOOL, .v.b = cJSON_IsTrue(v) });
    case F_DATE:
    case F_EVENT_DATE:
    case F_EVENT_END:
        if (!is_date(v, &date))
            return bad_date(L, v, p);
        if (f->type != F_DATE)
            *(f->type == F_EVENT_DATE ? &e->date : &e->end) = date;
        return add_string(L, name, v->valuestring);
    case F_REF:
        return read_ref(L, e, f, v, p);
    case F_SOURCES:
        if (!read_sources(L, v, p, sources))
            return false;
        return sources->count == 0 ||
               add_joined(L, name, L->ds->source_refs.items + sources->first, sources->count, true);
    case F_IDENTIFIERS:
        return read_identifiers(L, v, p);
    case F_STRINGS:
        return read_joined(L, name, v, p, "an array of strings", string_item);
    case F_ROLES:
        return read_joined(L, name, v, p, "an array of role objects {\"title\", \"organization\", \"from\", \"to\"}",
                           read_role);
    }
    return true;
}

/* Reads every member of `obj` except those in `skip`: known fields by the
 * table `fields`, others as attributes unless named in `reserved`. */
static bool read_members(pg_loader *L, const cJSON *obj, pg_jpath p, const field *fields,
                         const char *const *skip, const char *const *reserved,
                         pg_entity *e, pg_span *sources)
{
    bool go = true;
    for (const cJSON *v = obj->child; v && go; v = v->next) {
        if (in_list(skip, v->string))
            continue;
        pg_jpath vp = pg_jpath_key(&p, v->string);
        const field *f = find_field(fields, v->string);
        go = f ? read_field(L, e, sources, f, v, vp) : read_unknown(L, v, vp, reserved);
    }
    return go;
}

/* ---- ids and names -------------------------------------------------- */

/* Reads the required id of `obj`; *out stays NULL when it is unusable. */
static bool read_id(pg_loader *L, const cJSON *obj, const char *key, pg_jpath p, const char **out)
{
    const cJSON *v = member(obj, key);
    pg_jpath vp = pg_jpath_key(&p, key);
    *out = NULL;
    if (v == NULL || cJSON_IsNull(v))
        return pg_report_error(L->report, &p, "missing \"%s\"", key);
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "an id string such as \"cpc\"");
    if (!valid_id(v->valuestring))
        return bad_id(L, v->valuestring, vp, "id");
    *out = pg_arena_strdup(&L->ds->arena, v->valuestring);
    return *out ? true : oom(L);
}

static bool read_name(pg_loader *L, const cJSON *obj, pg_jpath p, const char **out)
{
    const cJSON *v = member(obj, "name");
    pg_jpath vp = pg_jpath_key(&p, "name");
    *out = "";
    if (v == NULL || cJSON_IsNull(v))
        return pg_report_error(L->report, &p, "missing \"name\"");
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "a string");
    if (v->valuestring[0] == '\0')
        return pg_report_error(L->report, &vp, "must not be empty");
    *out = pg_arena_strdup(&L->ds->arena, v->valuestring);
    return *out ? true : oom(L);
}

/* Registers `id` for entity or source `index`; reports a duplicate with
 * the place of the first use. */
static bool register_id(pg_loader *L, const char *id, bool is_source, long index, pg_jpath p)
{
    pg_dataset *ds = L->ds;
    int r = pg_dataset_register(ds, id, is_source, index);
    if (r < 0)
        return oom(L);
    if (r > 0)
        return true;
    bool owner_is_source;
    long owner = pg_dataset_owner(ds, id, &owner_is_source);
    if (gone(L, owner_is_source, owner)) /* its owner was replaced: the id is free */
        return pg_dataset_register_again(ds, id, is_source, index) == 0 ? true : oom(L);
    pg_jpath ip = pg_jpath_key(&p, "id");
    char q[PG_QUOTE_SIZE];
    if (owner_is_source)
        return pg_report_error(L->report, &ip, "duplicate id %s: already used by the source at $.sources[%ld]",
                               pg_quote(q, id), ds->sources.items[owner].input_index);
    const pg_entity *e = &ds->entities.items[owner];
    return pg_report_error(L->report, &ip, "duplicate id %s: already used by the %s at $.%s[%ld]", pg_quote(q, id),
                           pg_kind_name(e->kind), pg_kind_array_name(e->kind), e->input_index);
}

/* ---- elements ------------------------------------------------------- */

static bool begin_object(pg_loader *L, const cJSON *item, pg_jpath p, bool *is_object)
{
    *is_object = cJSON_IsObject(item);
    if (!*is_object)
        return wrong_type(L, item, p, "an object");
    return true;
}

static bool add_entity(pg_loader *L, const pg_entity *e, pg_jpath p)
{
    pg_dataset *ds = L->ds;
    if (e->id == NULL)
        return true;
    if (!register_id(L, e->id, false, (long)ds->entities.len, p))
        return false;
    if (pg_dataset_entity_index(ds, e->id) != (long)ds->entities.len)
        return true; /* a duplicate, already reported */
    pg_place at[PG_MAX_REFS] = { { 0, 0 } };
    memcpy(at, L->ref_at, (size_t)e->nrefs * sizeof *at);
    if (PG_VEC_RESERVE(ds->entities, 1) != 0 || !push_places(L, &L->places.entity_refs, at, PG_MAX_REFS))
        return oom(L);
    ds->entities.items[ds->entities.len++] = *e;
    ds->kind_count[e->kind]++;
    return true;
}

bool pg_schema_entity(pg_loader *L, const cJSON *item, pg_kind kind, long index, pg_jpath p)
{
    static const char *const skip[] = { "id", "name", NULL };
    bool is_object;
    if (!begin_object(L, item, p, &is_object) || !is_object)
        return !pg_report_stopped(L->report);
    pg_entity e = { .kind = kind, .input_index = index };
    size_t first = L->ds->attrs.len;
    bool go = read_id(L, item, "id", p, &e.id) && read_name(L, item, p, &e.name) &&
              read_members(L, item, p, entity_fields[kind], skip, reserved_node_keys, &e, &e.sources);
    if (!go)
        return false;
    e.attrs = close_attrs(L, first);
    return check_order(L, e.date, e.end, p) && add_entity(L, &e, p);
}

/* The relation's own members: type, endpoints, dates and weight. */
static bool relation_type(pg_loader *L, const cJSON *item, pg_jpath p, pg_relation *r)
{
    const cJSON *v = member(item, "type");
    pg_jpath vp = pg_jpath_key(&p, "type");
    if (v == NULL || cJSON_IsNull(v))
        return pg_report_error(L->report, &p, "missing \"type\" (member_of, attended, hosted, contact, signed, ...)");
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "a relation type string such as \"attended\"");
    if (v->valuestring[0] == '\0' || strchr(v->valuestring, ';') != NULL)
        return pg_report_error(L->report, &vp, "a relation type must be non-empty and contain no ';'");
    r->type = pg_dataset_intern(L->ds, v->valuestring);
    return r->type ? true : oom(L);
}

static bool relation_endpoint(pg_loader *L, const cJSON *item, const char *key, pg_jpath p, const char **out,
                              long *entity)
{
    const cJSON *v = member(item, key);
    *out = NULL;
    if (v == NULL || cJSON_IsNull(v))
        return pg_report_error(L->report, &p, "missing \"%s\"", key);
    if (!cJSON_IsString(v))
        return wrong_type(L, v, pg_jpath_key(&p, key), "an id string");
    *out = pg_dataset_intern_id(L->ds, v->valuestring, entity); /* an endpoint recurs in many relations */
    return *out ? true : oom(L);
}

static bool relation_weight(pg_loader *L, const cJSON *item, pg_jpath p, pg_relation *r)
{
    const cJSON *v = member(item, "weight");
    pg_jpath vp = pg_jpath_key(&p, "weight");
    if (v == NULL || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsNumber(v))
        return wrong_type(L, v, vp, "a number");
    if (!(v->valuedouble >= MIN_WEIGHT && v->valuedouble <= MAX_WEIGHT)) {
        char got[PG_QUOTE_SIZE];
        return pg_report_error(L->report, &vp, "weight must be a positive number from 1e-100 to 1e100, got %s",
                               pg_schema_describe(v, got, sizeof got));
    }
    r->weight = v->valuedouble;
    return true;
}

static bool relation_date(pg_loader *L, const cJSON *item, const char *key, pg_jpath p, pg_date *out)
{
    const cJSON *v = member(item, key);
    if (v == NULL || cJSON_IsNull(v) || is_date(v, out))
        return true;
    return bad_date(L, v, pg_jpath_key(&p, key));
}

static bool relation_sources(pg_loader *L, const cJSON *item, pg_jpath p, pg_relation *r)
{
    const cJSON *v = member(item, "sources");
    if (v == NULL || cJSON_IsNull(v))
        return true;
    return read_sources(L, v, pg_jpath_key(&p, "sources"), &r->sources);
}

/* Appends relation `r` (read at `p`) with its places: its
 * own, its source's and its target's. */
static bool add_relation(pg_loader *L, const pg_relation *r, pg_jpath p)
{
    pg_dataset *ds = L->ds;
    pg_jpath sp = pg_jpath_key(&p, "source"), tp = pg_jpath_key(&p, "target");
    pg_place at[3] = { ref_place(L, &p, &p, true), ref_place(L, &sp, &p, r->source >= 0),
                       ref_place(L, &tp, &p, r->target >= 0) };
    if (PG_VEC_RESERVE(ds->relations, 1) != 0 || !push_places(L, &L->places.relations, at, 3))
        return oom(L);
    ds->relations.items[ds->relations.len++] = *r;
    return true;
}

bool pg_schema_relation(pg_loader *L, const cJSON *item, long index, pg_jpath p)
{
    static const char *const skip[] = { "type", "source", "target", "date", "end", "weight", "sources", NULL };
    pg_dataset *ds = L->ds;
    bool is_object;
    if (!begin_object(L, item, p, &is_object) || !is_object)
        return !pg_report_stopped(L->report);
    pg_relation r = { .weight = 1, .input_index = index, .source = -1, .target = -1 };
    size_t first = ds->attrs.len;
    bool go = relation_type(L, item, p, &r) && relation_endpoint(L, item, "source", p, &r.source_id, &r.source) &&
              relation_endpoint(L, item, "target", p, &r.target_id, &r.target) &&
              relation_date(L, item, "date", p, &r.date) && relation_date(L, item, "end", p, &r.end) &&
              check_order(L, r.date, r.end, p) &&
              relation_weight(L, item, p, &r) && relation_sources(L, item, p, &r) &&
              read_members(L, item, p, relation_fields, skip, reserved_edge_keys, NULL, NULL);
    if (!go)
        return false;
    r.attrs = close_attrs(L, first);
    return add_relation(L, &r, p);
}

bool pg_schema_source(pg_loader *L, const cJSON *item, long index, pg_jpath p)
{
    static const char *const skip[] = { "id", NULL };
    static const char *const reserved[] = { NULL };
    pg_dataset *ds = L->ds;
    bool is_object;
    if (!begin_object(L, item, p, &is_object) || !is_object)
        return !pg_report_stopped(L->report);
    pg_source s = { .input_index = index };
    size_t first = ds->attrs.len;
    if (!read_id(L, item, "id", p, &s.id) || !read_members(L, item, p, source_fields, skip, reserved, NULL, NULL))
        return false;
    s.attrs = close_attrs(L, first);
    if (s.id == NULL)
        return true;
    long at = (long)ds->sources.len;
    if (!register_id(L, s.id, true, at, p))
        return false;
    bool is_source;
    if (pg_dataset_owner(ds, s.id, &is_source) != at || !is_source)
        return true;
    if (PG_VEC_RESERVE(ds->sources, 1) != 0)
        return oom(L);
    ds->sources.items[ds->sources.len++] = s;
    return true;
}

bool pg_schema_reserved(const char *key, bool edge)
{
    return in_list(edge ? reserved_edge_keys : reserved_node_keys, key) || (!edge && strncmp(key, "ties_", 5) == 0);
}

bool pg_schema_valid_id(const char *s)
{
    return valid_id(s);
}

bool pg_schema_to_id(const char *s, char buf[PG_ID_SIZE])
{
    return pg_utf8_to_name(s, buf, PG_ID_SIZE, MAX_ID) > 0;
}

/* ---- the fields as columns of a table ------------------------------- */

/* The fields read outside the tables above: every entity's id and name,
 * and those of the other arrays (schema_reltype.c, read_claims.c). "*":
 * every array of entities. */
static const struct {
    const char *array, *key;
    pg_column_type type;
} other_fields[] = {
    { "*", "id", PG_COLUMN_TEXT },                  { "*", "name", PG_COLUMN_TEXT },
    { "sources", "id", PG_COLUMN_TEXT },            { "relations", "type", PG_COLUMN_TEXT },
    { "relations", "source", PG_COLUMN_TEXT },      { "relations", "target", PG_COLUMN_TEXT },
    { "relations", "date", PG_COLUMN_TEXT },        { "relations", "end", PG_COLUMN_TEXT },
    { "relations", "weight", PG_COLUMN_NUMBER },    { "relations", "sources", PG_COLUMN_LIST },
    { "relation_types", "id", PG_COLUMN_TEXT },     { "relation_types", "directed", PG_COLUMN_BOOL },
    { "relation_types", "structural", PG_COLUMN_BOOL }, { "relation_types", "label", PG_COLUMN_TEXT },
    { "claims", "entity", PG_COLUMN_TEXT },         { "claims", "measure", PG_COLUMN_TEXT },
    { "claims", "value", PG_COLUMN_NUMBER },        { "claims", "date", PG_COLUMN_TEXT },
    { "claims", "qualifier", PG_COLUMN_TEXT },      { "claims", "unit", PG_COLUMN_TEXT },
    { "claims", "text", PG_COLUMN_TEXT },           { "claims", "sources", PG_COLUMN_LIST },
};

enum { NOTHER = sizeof other_fields / sizeof other_fields[0] };

/* The column type of each field type. */
static const pg_column_type column_types[] = {
    [F_STRING] = PG_COLUMN_TEXT,       [F_BOOL] = PG_COLUMN_BOOL,     [F_DATE] = PG_COLUMN_TEXT,
    [F_EVENT_DATE] = PG_COLUMN_TEXT,   [F_EVENT_END] = PG_COLUMN_TEXT, [F_REF] = PG_COLUMN_TEXT,
    [F_SOURCES] = PG_COLUMN_LIST,      [F_IDENTIFIERS] = PG_COLUMN_IDENTIFIERS, [F_ISO3] = PG_COLUMN_TEXT,
    [F_STRINGS] = PG_COLUMN_LIST,      [F_ROLES] = PG_COLUMN_TEXT, /* a role's text, as the string form */
};

/* The field table of `array`, or NULL; *entity tells an array of entities. */
static const field *array_fields(const char *array, bool *entity)
{
    *entity = false;
    for (int k = 0; k < PG_KIND_COUNT; k++)
        if (strcmp(pg_kind_array_name((pg_kind)k), array) == 0)
            return *entity = true, entity_fields[k];
    if (strcmp(array, "relations") == 0)
        return relation_fields;
    return strcmp(array, "sources") == 0 ? source_fields : NULL;
}

/* Does other_fields[i] belong to `array`? */
static bool other_of(size_t i, const char *array, bool entity)
{
    return strcmp(other_fields[i].array, entity ? "*" : array) == 0;
}

pg_column_type pg_schema_field_type(const char *array, const char *key)
{
    bool entity;
    const field *fields = array_fields(array, &entity);
    for (size_t i = 0; i < NOTHER; i++)
        if (other_of(i, array, entity) && strcmp(other_fields[i].key, key) == 0)
            return other_fields[i].type;
    const field *f = fields ? find_field(fields, key) : NULL;
    return f ? column_types[f->type] : PG_COLUMN_ATTRIBUTE;
}

void pg_schema_suggest_field(const char *array, struct pg_suggest *s)
{
    bool entity;
    const field *fields = array_fields(array, &entity);
    for (size_t i = 0; i < NOTHER; i++)
        if (other_of(i, array, entity))
            pg_suggest_offer(s, other_fields[i].key);
    for (; fields && fields->key; fields++)
        pg_suggest_offer(s, fields->key);
}
