/* records.c - see records.h: the tables of partygraph/1 (their known
 * fields, from the schema) and a dataset's records as fields in the
 * canonical order. */
#include "write/records.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "write/write.h"

#define T PG_REC_TEXT
#define N PG_REC_NUMBER
#define B PG_REC_BOOL
#define L PG_REC_LIST
#define I PG_REC_IDENTIFIERS

static const pg_array_column source_columns[] = { { "id", T }, { "title", T }, { "url", T }, { "date", T }, { NULL, T } };
static const pg_array_column country_columns[] = { { "id", T },     { "name", T },      { "iso3", T },
                                             { "region", T }, { "groupings", L }, { "sources", L },
                                             { NULL, T } };
static const pg_array_column party_columns[] = { { "id", T },      { "name", T },    { "country", T },
                                           { "family", T },  { "ruling", B },  { "founded", T },
                                           { "identifiers", I }, { "sources", L }, { NULL, T } };
static const pg_array_column mechanism_columns[] = { { "id", T },      { "name", T },    { "kind", T },
                                               { "founded", T }, { "sources", L }, { NULL, T } };
static const pg_array_column event_columns[] = { { "id", T },        { "name", T },  { "date", T },  { "end", T },
                                           { "country", T },   { "mechanism", T }, { "host", T },
                                           { "type", T },      { "level", T }, { "format", T },
                                           { "sources", L },   { NULL, T } };
static const pg_array_column person_columns[] = { { "id", T },    { "name", T },    { "party", T }, { "country", T },
                                            { "roles", T }, { "sources", L }, { NULL, T } };
static const pg_array_column node_columns[] = { { "id", T }, { "name", T }, { "sources", L }, { NULL, T } };
static const pg_array_column reltype_columns[] = { { "id", T },       { "label", T }, { "directed", B },
                                             { "structural", B }, { NULL, T } };
static const pg_array_column relation_columns[] = { { "type", T }, { "source", T }, { "target", T }, { "date", T },
                                              { "end", T },  { "weight", N }, { "role", T },   { "sources", L },
                                              { NULL, T } };
static const pg_array_column claim_columns[] = { { "entity", T },    { "measure", T }, { "value", N }, { "date", T },
                                           { "qualifier", T }, { "unit", T },    { "text", T },  { "sources", L },
                                           { NULL, T } };

#undef T
#undef N
#undef B
#undef L
#undef I

static const struct table_info {
    const char *name;
    const pg_array_column *columns;
    int kind; /* the entity kind of an entity table, else -1 */
} tables[PG_ARRAY_COUNT] = {
    [PG_ARRAY_SOURCES] = { "sources", source_columns, -1 },
    [PG_ARRAY_COUNTRIES] = { "countries", country_columns, PG_KIND_COUNTRY },
    [PG_ARRAY_PARTIES] = { "parties", party_columns, PG_KIND_PARTY },
    [PG_ARRAY_MECHANISMS] = { "mechanisms", mechanism_columns, PG_KIND_MECHANISM },
    [PG_ARRAY_EVENTS] = { "events", event_columns, PG_KIND_EVENT },
    [PG_ARRAY_PERSONS] = { "persons", person_columns, PG_KIND_PERSON },
    [PG_ARRAY_NODES] = { "nodes", node_columns, PG_KIND_NODE },
    [PG_ARRAY_RELATION_TYPES] = { "relation_types", reltype_columns, -1 },
    [PG_ARRAY_RELATIONS] = { "relations", relation_columns, -1 },
    [PG_ARRAY_CLAIMS] = { "claims", claim_columns, -1 },
};

const char *pg_array_name(pg_array t)
{
    return (unsigned)t < PG_ARRAY_COUNT ? tables[t].name : NULL;
}

pg_array pg_array_find(const char *name)
{
    int t = 0;
    while (t < PG_ARRAY_COUNT && strcmp(tables[t].name, name) != 0)
        t++;
    return (pg_array)t;
}

const pg_array_column *pg_array_columns(pg_array t)
{
    return tables[t].columns;
}

int pg_array_column_index(pg_array t, const char *key)
{
    for (int k = 0; tables[t].columns[k].key; k++)
        if (strcmp(tables[t].columns[k].key, key) == 0)
            return k;
    return -1;
}

size_t pg_array_extent(const pg_dataset *ds, pg_array t)
{
    switch (t) {
    case PG_ARRAY_SOURCES: return ds->sources.len;
    case PG_ARRAY_RELATION_TYPES: return ds->relation_types.len;
    case PG_ARRAY_RELATIONS: return ds->relations.len;
    case PG_ARRAY_CLAIMS: return ds->claims.len;
    default: return ds->entities.len;
    }
}

size_t pg_array_rows(const pg_dataset *ds, pg_array t)
{
    size_t n = 0;
    if (tables[t].kind >= 0)
        return ds->kind_count[tables[t].kind];
    if (t != PG_ARRAY_RELATION_TYPES)
        return pg_array_extent(ds, t);
    for (size_t i = 0; i < ds->relation_types.len; i++)
        n += ds->relation_types.items[i].declared;
    return n;
}

/* ---- filling a record ------------------------------------------------ */

/* Appends a field; false when out of memory. */
static bool add(pg_record *r, pg_recfield f)
{
    if (PG_VEC_RESERVE(r->fields, 1) != 0)
        return false;
    r->fields.items[r->fields.len++] = f;
    return true;
}

static bool add_text(pg_record *r, const char *key, const char *s)
{
    return s == NULL || s[0] == '\0' || add(r, (pg_recfield){ .key = key, .kind = PG_REC_TEXT, .s = s });
}

/* An attribute of a record of `t`: its dataset key made the field's key
 * (a mechanism's "mechanism_kind" is its "kind"), the kind of a known
 * field, or its own type. */
static bool add_attr(pg_record *r, pg_array t, const pg_attr *a)
{
    const char *key = t == PG_ARRAY_MECHANISMS && strcmp(a->key, "mechanism_kind") == 0 ? "kind" : a->key;
    int k = pg_array_column_index(t, key);
    pg_recfield f = { .key = key };
    if (a->type == PG_VALUE_STRING) {
        f.kind = k >= 0 ? tables[t].columns[k].kind : PG_REC_TEXT;
        f.s = a->v.s;
    } else if (a->type == PG_VALUE_NUMBER) {
        f.kind = PG_REC_NUMBER;
        f.d = a->v.d;
    } else {
        f.kind = PG_REC_BOOL;
        f.b = a->v.b;
    }
    return add(r, f);
}

static bool add_attrs(pg_record *r, pg_array t, const pg_dataset *ds, pg_span span)
{
    for (size_t k = 0; k < span.count; k++)
        if (!add_attr(r, t, &ds->attrs.items[span.first + k]))
            return false;
    return true;
}

/* The sources of `span`, sorted and distinct, as a LIST field. */
static bool add_sources(pg_record *r, const pg_dataset *ds, pg_span span)
{
    if (span.count == 0)
        return true;
    if ((r->sources = pg_sources_joined(ds, span)) == NULL)
        return false;
    return add(r, (pg_recfield){ .key = "sources", .kind = PG_REC_LIST, .s = r->sources });
}

/* Does field `a` come before field `b` of a record of `t`? Known fields
 * first, in the schema's order, then the others by key. */
static bool before(pg_array t, const pg_recfield *a, const pg_recfield *b)
{
    int ka = pg_array_column_index(t, a->key), kb = pg_array_column_index(t, b->key);
    if (ka != kb)
        return ka >= 0 && (kb < 0 || ka < kb);
    return strcmp(a->key, b->key) < 0;
}

/* Insertion sort (a record has few fields, mostly in order already; no
 * qsort, whose comparison could not know `t` without a global). */
static void sort_fields(pg_record *r, pg_array t)
{
    pg_recfield *f = r->fields.items;
    for (size_t i = 1; i < r->fields.len; i++) {
        pg_recfield x = f[i];
        size_t j = i;
        for (; j > 0 && before(t, &x, &f[j - 1]); j--)
            f[j] = f[j - 1];
        f[j] = x;
    }
}

static bool entity_record(const pg_dataset *ds, pg_array t, const pg_entity *e, pg_record *r)
{
    return add_text(r, "id", e->id) && add_text(r, "name", e->name) && add_attrs(r, t, ds, e->attrs);
}

static bool source_record(const pg_dataset *ds, const pg_source *s, pg_record *r)
{
    return add_text(r, "id", s->id) && add_attrs(r, PG_ARRAY_SOURCES, ds, s->attrs);
}

static bool reltype_record(const pg_relation_type *rt, pg_record *r)
{
    return add_text(r, "id", rt->id) && add_text(r, "label", rt->label) &&
           add(r, (pg_recfield){ .key = "directed", .kind = PG_REC_BOOL, .b = rt->directed }) &&
           add(r, (pg_recfield){ .key = "structural", .kind = PG_REC_BOOL, .b = rt->structural });
}

/* A relation: its weight only when it is not 1 (the default). */
static bool relation_record(const pg_dataset *ds, const pg_relation *rel, pg_record *r)
{
    bool go = add_text(r, "type", rel->type) && add_text(r, "source", rel->source_id) &&
              add_text(r, "target", rel->target_id) &&
              add_text(r, "date", pg_date_format(rel->date, r->date[0], sizeof r->date[0])) &&
              add_text(r, "end", pg_date_format(rel->end, r->date[1], sizeof r->date[1]));
    if (go && rel->weight != 1)
        go = add(r, (pg_recfield){ .key = "weight", .kind = PG_REC_NUMBER, .d = rel->weight });
    return go && add_attrs(r, PG_ARRAY_RELATIONS, ds, rel->attrs) && add_sources(r, ds, rel->sources);
}

static bool claim_record(const pg_dataset *ds, const pg_claim *c, pg_record *r)
{
    return add_text(r, "entity", c->entity_id) && add_text(r, "measure", c->measure) &&
           add(r, (pg_recfield){ .key = "value", .kind = PG_REC_NUMBER, .d = c->value }) &&
           add_text(r, "date", pg_date_format(c->date, r->date[0], sizeof r->date[0])) &&
           add_text(r, "qualifier", c->qualifier) && add_text(r, "unit", c->unit) && add_text(r, "text", c->text) &&
           add_sources(r, ds, c->sources);
}

/* Fills `r` from element `i` of t's array; 0 when it is not in `t`. */
static int fill(const pg_dataset *ds, pg_array t, size_t i, pg_record *r)
{
    switch (t) {
    case PG_ARRAY_SOURCES: return source_record(ds, &ds->sources.items[i], r) ? 1 : -1;
    case PG_ARRAY_RELATIONS: return relation_record(ds, &ds->relations.items[i], r) ? 1 : -1;
    case PG_ARRAY_CLAIMS: return claim_record(ds, &ds->claims.items[i], r) ? 1 : -1;
    case PG_ARRAY_RELATION_TYPES:
        if (!ds->relation_types.items[i].declared)
            return 0;
        return reltype_record(&ds->relation_types.items[i], r) ? 1 : -1;
    default:
        if ((int)ds->entities.items[i].kind != tables[t].kind)
            return 0;
        return entity_record(ds, t, &ds->entities.items[i], r) ? 1 : -1;
    }
}

int pg_array_record(const pg_dataset *ds, pg_array t, size_t i, pg_record *r)
{
    r->fields.len = 0;
    free(r->sources);
    r->sources = NULL;
    int rc = fill(ds, t, i, r);
    if (rc > 0)
        sort_fields(r, t);
    return rc;
}

void pg_record_free(pg_record *r)
{
    free(r->fields.items);
    free(r->sources);
    memset(r, 0, sizeof *r);
}

const pg_recfield *pg_record_field(const pg_record *r, const char *key)
{
    for (size_t k = 0; k < r->fields.len; k++)
        if (strcmp(r->fields.items[k].key, key) == 0)
            return &r->fields.items[k];
    return NULL;
}

/* ---- headers ----------------------------------------------------------- */

/* Notes the keys of `r`: known ones in `seen`, the others into `other`. */
static int note_keys(const pg_record *r, pg_array t, bool *seen, pg_str_vec *other)
{
    for (size_t k = 0; k < r->fields.len; k++) {
        int c = pg_array_column_index(t, r->fields.items[k].key);
        if (c >= 0)
            seen[c] = true;
        else if (pg_str_vec_push(other, r->fields.items[k].key) != 0)
            return -1;
    }
    return 0;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends the distinct keys of `other`, sorted, to `out`. */
static int append_sorted(pg_str_vec *other, pg_str_vec *out)
{
    if (other->len > 1)
        qsort(other->items, other->len, sizeof *other->items, by_text);
    for (size_t i = 0; i < other->len; i++)
        if ((i == 0 || strcmp(other->items[i], other->items[i - 1]) != 0) && pg_str_vec_push(out, other->items[i]) != 0)
            return -1;
    return 0;
}

/* Reads every record of `t`, noting its keys. */
static int scan_keys(const pg_dataset *ds, pg_array t, bool *seen, pg_str_vec *other)
{
    pg_record r = { 0 };
    int rc = 0;
    for (size_t i = 0; rc >= 0 && i < pg_array_extent(ds, t); i++)
        if ((rc = pg_array_record(ds, t, i, &r)) > 0)
            rc = note_keys(&r, t, seen, other);
    pg_record_free(&r);
    return rc < 0 ? -1 : 0;
}

int pg_array_header(const pg_dataset *ds, pg_array t, bool every_column, pg_str_vec *out)
{
    bool seen[16] = { false };
    pg_str_vec other = { 0 };
    out->len = 0;
    int rc = scan_keys(ds, t, seen, &other);
    for (int k = 0; rc == 0 && tables[t].columns[k].key; k++)
        if (seen[k] || every_column)
            rc = pg_str_vec_push(out, tables[t].columns[k].key);
    if (rc == 0)
        rc = append_sorted(&other, out);
    free(other.items);
    return rc;
}

/* ---- about --------------------------------------------------------------- */

size_t pg_about_rows(const pg_dataset *ds)
{
    return 1 + (ds->title && ds->title[0]) + (ds->description && ds->description[0]) + ds->nnotes;
}

void pg_about_row(const pg_dataset *ds, size_t i, const char **key, const char **value)
{
    const char *keys[3] = { "format", "title", "description" }, *values[3] = { "partygraph/1", ds->title, ds->description };
    size_t n = 0;
    for (int k = 0; k < 3; k++) {
        if (values[k] == NULL || values[k][0] == '\0')
            continue;
        if (n++ == i) {
            *key = keys[k];
            *value = values[k];
            return;
        }
    }
    *key = "notes";
    *value = ds->notes[i - n];
}
