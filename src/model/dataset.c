/* dataset.c - construction, lookup and release of datasets (loading lives
 * in input/: read_partygraph.c, element conversion in schema.c). */
#include "model/dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timing.h"

pg_dataset *pg_dataset_new(const char *file)
{
    pg_dataset *ds = calloc(1, sizeof *ds);
    if (ds == NULL)
        return NULL;
    snprintf(ds->file, sizeof ds->file, "%s", file);
    ds->title = "";
    ds->description = "";
    ds->load_started = pg_clock(); /* loading a buffer begins here */
    return ds;
}

void pg_dataset_loaded(pg_dataset *ds, double started)
{
    ds->load_started = started;
    ds->load_seconds = pg_clock() - started;
}

void pg_dataset_free(pg_dataset *ds)
{
    if (ds == NULL)
        return;
    free(ds->entities.items);
    free(ds->relations.items);
    free(ds->sources.items);
    free(ds->claims.items);
    free(ds->relation_types.items);
    free(ds->attrs.items);
    free(ds->source_refs.items);
    pg_strmap_free(&ds->ids);
    pg_strmap_free(&ds->keys);
    pg_arena_free(&ds->arena);
    free(ds);
}

const char *pg_dataset_intern(pg_dataset *ds, const char *key)
{
    const char *k = pg_strmap_key(&ds->keys, key);
    if (k != NULL)
        return k;
    char *copy = pg_arena_strdup(&ds->arena, key);
    if (copy == NULL || pg_strmap_put(&ds->keys, copy, 0) < 0)
        return NULL;
    return copy;
}

const char *pg_dataset_intern_id(pg_dataset *ds, const char *id, long *entity)
{
    const pg_strmap_slot *s = pg_strmap_find(&ds->ids, id);
    *entity = s != NULL && (s->value & 1) == 0 ? s->value / 2 : -1;
    return s != NULL ? s->key : pg_dataset_intern(ds, id);
}

/* Ids map to 2 * index for entities and 2 * index + 1 for sources. */
int pg_dataset_register(pg_dataset *ds, const char *id, bool is_source, long index)
{
    return pg_strmap_put(&ds->ids, id, 2 * index + (is_source ? 1 : 0));
}

int pg_dataset_register_again(pg_dataset *ds, const char *id, bool is_source, long index)
{
    if (pg_strmap_put_value(&ds->ids, id, 2 * index + (is_source ? 1 : 0)) == 0)
        return 0;
    return pg_dataset_register(ds, id, is_source, index) < 0 ? -1 : 0;
}

long pg_dataset_owner(const pg_dataset *ds, const char *id, bool *is_source)
{
    long v = pg_strmap_get(&ds->ids, id);
    *is_source = v >= 0 && (v & 1);
    return v < 0 ? -1 : v / 2;
}

long pg_dataset_entity_index(const pg_dataset *ds, const char *id)
{
    bool is_source;
    long i = pg_dataset_owner(ds, id, &is_source);
    return is_source ? -1 : i;
}

/* An entity's place in the sort by id: its id's first 8 bytes as a
 * big-endian number (zero-padded), so that most comparisons read neither
 * the entity nor its id, which lie all over memory. */
typedef struct sort_key {
    uint64_t head;
    const char *id;
    size_t at;
} sort_key;

static sort_key key_of(const pg_entity *e, size_t at)
{
    sort_key k = { 0, e->id, at };
    for (int i = 0; i < 8 && e->id[i]; i++)
        k.head |= (uint64_t)(unsigned char)e->id[i] << (8 * (7 - i));
    return k;
}

/* strcmp's order: equal heads with a NUL in them are equal ids. */
static int by_id(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    return (x->head & 0xff) == 0 ? 0 : strcmp(x->id + 8, y->id + 8);
}

/* Moves each entity i to place to[i] in place, following the cycles of
 * the permutation (`to` is used up): sorting the records themselves
 * would need a second copy of them. */
static void permute(pg_entity *items, long *to, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        while (to[i] != (long)i) {
            long j = to[i];
            pg_entity e = items[j];
            items[j] = items[i];
            items[i] = e;
            to[i] = to[j];
            to[j] = j;
        }
    }
}

/* new_index[i]: where entity i goes when sorted by id (in *new_index, a
 * new array the caller frees). Returns 0, or -1 when out of memory. */
static int sorted_places(const pg_dataset *ds, long **new_index)
{
    size_t n = ds->entities.len;
    sort_key *order = malloc((n ? n : 1) * sizeof *order);
    *new_index = malloc((n ? n : 1) * sizeof **new_index);
    if (order == NULL || *new_index == NULL) {
        free(order);
        free(*new_index);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = key_of(&ds->entities.items[i], i);
    pg_vec_sort(order, n, sizeof *order, by_id);
    for (size_t i = 0; i < n; i++)
        (*new_index)[order[i].at] = (long)i;
    free(order);
    return 0;
}

/* Gives the relations' ends and the claims' entities their new numbers. */
static void renumber_records(pg_dataset *ds, const long *new_index)
{
    for (size_t i = 0; i < ds->relations.len; i++) {
        pg_relation *r = &ds->relations.items[i];
        if (r->source >= 0)
            r->source = new_index[r->source];
        if (r->target >= 0)
            r->target = new_index[r->target];
    }
    for (size_t i = 0; i < ds->claims.len; i++)
        if (ds->claims.items[i].entity >= 0)
            ds->claims.items[i].entity = new_index[ds->claims.items[i].entity];
}

static int sort_entities(pg_dataset *ds)
{
    size_t n = ds->entities.len;
    long *new_index = NULL;
    long *to = malloc((n ? n : 1) * sizeof *to);
    if (to == NULL || sorted_places(ds, &new_index) != 0) {
        free(to);
        return -1;
    }
    memcpy(to, new_index, n * sizeof *to);
    permute(ds->entities.items, to, n);
    free(to);
    for (size_t i = 0; i < n; i++) {
        pg_entity *e = &ds->entities.items[i];
        pg_strmap_put_value(&ds->ids, e->id, 2 * (long)i);
        for (int k = 0; k < e->nrefs; k++)
            if (e->refs[k].target >= 0)
                e->refs[k].target = new_index[e->refs[k].target];
    }
    renumber_records(ds, new_index);
    free(new_index);
    return 0;
}

/* Sorts the source ids of each claim, so that the order they were given
 * in changes no output. */
static void sort_claim_sources(pg_dataset *ds)
{
    for (size_t i = 0; i < ds->claims.len; i++) {
        pg_span s = ds->claims.items[i].sources;
        if (s.count > 1)
            pg_vec_sort(ds->source_refs.items + s.first, s.count, sizeof *ds->source_refs.items, pg_str_compare);
    }
}

int pg_dataset_sort(pg_dataset *ds)
{
    if (!pg_span_fits(ds->attrs.len) || !pg_span_fits(ds->source_refs.len))
        return -1;
    sort_claim_sources(ds);
    return sort_entities(ds);
}

const char *pg_kind_name(pg_kind kind)
{
    static const char *const names[PG_KIND_COUNT] = { "country", "party", "mechanism", "event", "person",
                                                                      "node" };
    return (unsigned)kind < PG_KIND_COUNT ? names[kind] : NULL;
}

long pg_dataset_country_of(const pg_dataset *ds, long e)
{
    const pg_entity *x = &ds->entities.items[e];
    if (x->kind == PG_KIND_COUNTRY)
        return e;
    for (int k = 0; k < x->nrefs; k++)
        if (strcmp(x->refs[k].field, "country") == 0)
            return x->refs[k].target;
    return -1;
}

const char *pg_kind_array_name(pg_kind kind)
{
    static const char *const names[PG_KIND_COUNT] = { "countries", "parties", "mechanisms", "events",
                                                                      "persons",   "nodes" };
    return (unsigned)kind < PG_KIND_COUNT ? names[kind] : "?";
}

size_t pg_dataset_entity_count(const pg_dataset *ds) { return ds->entities.len; }
size_t pg_dataset_relation_count(const pg_dataset *ds) { return ds->relations.len; }
size_t pg_dataset_source_count(const pg_dataset *ds) { return ds->sources.len; }
const char *pg_dataset_file(const pg_dataset *ds) { return ds->file; }
const char *pg_dataset_title(const pg_dataset *ds) { return ds->title; }
const char *pg_dataset_sha256(const pg_dataset *ds) { return ds->sha256; }
size_t pg_dataset_input_bytes(const pg_dataset *ds) { return ds->input_bytes; }

size_t pg_dataset_kind_count(const pg_dataset *ds, pg_kind kind)
{
    return (unsigned)kind < PG_KIND_COUNT ? ds->kind_count[kind] : 0;
}

pg_input_format pg_dataset_input_format(const pg_dataset *ds)
{
    return ds->input_format == PG_INPUT_AUTO ? PG_INPUT_PARTYGRAPH : ds->input_format;
}
