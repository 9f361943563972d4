/* dataset.h - the in-memory dataset: compact records that the loader
 * fills and the graph builder reads. No cJSON type appears here: the JSON
 * tree never leaves the loader.
 *
 * All strings and record arrays belong to the dataset (its arena, or the
 * growable arrays freed by pg_dataset_free). Entities are sorted by id once
 * loading succeeds, so entity index == graph vertex index. */
#ifndef PG_DATASET_H
#define PG_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/strmap.h"
#include "base/vec.h"
#include "partygraph.h"

typedef enum pg_value_type { PG_VALUE_STRING = 0, PG_VALUE_NUMBER, PG_VALUE_BOOL } pg_value_type;

/* One attribute (a known field other than id/name, or an unknown key).
 * `key` is interned: equal keys are equal pointers. */
typedef struct pg_attr {
    const char *key;
    pg_value_type type;
    union {
        const char *s;
        double d;
        bool b;
    } v;
} pg_attr;

/* A reference from an entity field to another entity (party.country,
 * event.mechanism, ...), which implies a relation of type `relation`. */
typedef struct pg_ref {
    const char *field;    /* "country", "mechanism", "host" */
    const char *relation; /* "based_in", "part_of", "held_in", "hosted" */
    unsigned kinds;       /* bit k set: may point at an entity of kind k */
    const char *target_id;
    long target;          /* entity index once resolved */
    int rtype;            /* index of its type in pg_dataset.relation_types (pg_reltype_classify) */
    bool from_target;     /* a directed type runs from the target to this entity (an event's host) */
    long repeated_by;     /* the first explicit relation that states the same tie (the implied one is then
                             left out wherever that relation is kept), or -1 */
} pg_ref;

enum { PG_MAX_REFS = 3 };

/* `count` items from index `first` of an array. 32 bits each: a span is
 * in every record, and there are millions of records. The arrays they
 * index hold fewer than PG_SPAN_MAX items: loading and building refuse
 * more as out of memory (pg_dataset_sort, pg_span_fits). */
typedef struct pg_span {
    uint32_t first;
    uint32_t count;
} pg_span;

#define PG_SPAN_MAX UINT32_MAX

/* Can spans index an array of `len` items? */
static inline bool pg_span_fits(size_t len) { return len < PG_SPAN_MAX; }

typedef struct pg_entity {
    const char *id;
    const char *name;
    pg_kind kind;
    long input_index;  /* position in its input array, for messages */
    pg_date date, end; /* events: when */
    pg_ref refs[PG_MAX_REFS];
    int nrefs;
    pg_span attrs;     /* into pg_dataset.attrs, sorted by key */
    pg_span sources;   /* into pg_dataset.source_refs */
} pg_entity;

/* What a relation type means for the network (model/reltype.h). */
typedef struct pg_relation_type {
    const char *id;       /* interned */
    const char *label;    /* "" when none */
    bool directed;        /* runs from source (the actor) to target */
    bool structural;      /* a tie of location or membership (based_in, held_in, part_of) */
    bool declared;        /* given in the file's `relation_types` */
} pg_relation_type;

typedef struct pg_relation {
    const char *type;
    int rtype;           /* index of its type in pg_dataset.relation_types (pg_reltype_classify) */
    const char *source_id, *target_id;
    long source, target; /* entity indices once resolved */
    pg_date date, end;
    double weight;
    long input_index;
    pg_span attrs;       /* role, evidence, unknown keys */
    pg_span sources;     /* into pg_dataset.source_refs */
} pg_relation;

/* A figure a source states about an entity (top-level `claims`): that
 * `measure` was `value` (`qualifier` "more than", in `unit`) on `date`.
 * Data about the network, not part of it: no claim makes a node or an
 * edge. Strings are "" when absent; `text` is the quote. */
typedef struct pg_claim {
    const char *entity_id;
    long entity;         /* entity index once resolved */
    pg_date date;        /* unset when absent */
    const char *measure, *qualifier, *unit, *text;
    double value;
    long input_index;
    pg_span sources;     /* into pg_dataset.source_refs; sorted once loaded (pg_dataset_sort) */
} pg_claim;

typedef struct pg_source {
    const char *id;
    long input_index;
    pg_span attrs;       /* title, url, date, outlet, ... */
} pg_source;


struct pg_dataset {
    pg_arena arena;
    char file[256];
    const char *title;       /* "" when absent */
    const char *description; /* "" when absent */
    const char **notes;      /* the top-level notes in order (in the arena; a string is one note) */
    size_t nnotes;
    char sha256[65];
    size_t input_bytes;
    double load_started;     /* pg_clock() when loading began, and its seconds (pg_dataset_loaded) */
    double load_seconds;
    PG_VEC(pg_entity) entities;
    PG_VEC(pg_relation) relations;
    PG_VEC(pg_source) sources;
    PG_VEC(pg_claim) claims;       /* in input order */
    PG_VEC(pg_relation_type) relation_types; /* declared first, then built-in and undeclared ones used */
    PG_VEC(pg_attr) attrs;
    PG_VEC(const char *) source_refs; /* source ids cited */
    size_t kind_count[PG_KIND_COUNT];
    pg_strmap ids;  /* every id -> its owner, encoded by dataset.c */
    pg_strmap keys; /* interned strings: attribute keys, relation types, ids that records cite */
    pg_input_format input_format; /* set by input/reader.c; PG_INPUT_AUTO: partygraph/1 */
};

/* Returns a new empty dataset for input `file`, or NULL. */
pg_dataset *pg_dataset_new(const char *file);

/* Records that loading `ds` began at `started` (pg_clock()) and is done. */
void pg_dataset_loaded(pg_dataset *ds, double started);

/* Returns the interned copy of `key` (equal strings, one copy), or NULL
 * when out of memory. */
const char *pg_dataset_intern(pg_dataset *ds, const char *key);

/* For ids that records cite: returns the id registered equal to `id` (no
 * copy) or else the interned copy of `id`, or NULL when out of memory.
 * *entity is the index of the entity registered under it so far, or -1,
 * so that resolving needs no second look-up. */
const char *pg_dataset_intern_id(pg_dataset *ds, const char *id, long *entity);

/* Registers `id` (borrowed; it must live in the dataset) as entity or
 * source number `index`. Returns 1 when registered, 0 when the id is
 * already taken (nothing changes), -1 when out of memory. */
int pg_dataset_register(pg_dataset *ds, const char *id, bool is_source, long index);

/* Registers `id` as entity or source number `index` whether or not it
 * is taken (the owner of a taken one was dropped by its reader). Returns
 * 0, or -1 when out of memory. */
int pg_dataset_register_again(pg_dataset *ds, const char *id, bool is_source, long index);

/* Looks up `id`: returns the index of the entity (or, when *is_source is
 * set on return, of the source) registered under it, or -1. */
long pg_dataset_owner(const pg_dataset *ds, const char *id, bool *is_source);

/* The index of the entity with this id, or -1 (also for source ids). */
long pg_dataset_entity_index(const pg_dataset *ds, const char *id);

/* Sorts the entities by id and renumbers every reference to them (ids,
 * entity refs, relation endpoints, claims' entities), and sorts each
 * claim's sources. Returns 0, or -1 when out of memory (the entities are
 * then unchanged), which includes more attributes or cited sources than
 * spans can index (pg_span_fits). Every reader then classifies the
 * relations by type (pg_reltype_classify). */
int pg_dataset_sort(pg_dataset *ds);

/* The country of entity number `e`: itself when it is a country, else
 * the entity its `country` field names; -1 when it has none. */
long pg_dataset_country_of(const pg_dataset *ds, long e);

#endif
