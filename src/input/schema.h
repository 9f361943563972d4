/* schema.h - the rules of the partygraph/1 format for one element at a
 * time: a country, party, mechanism, event, person, relation type,
 * relation or source object is checked and turned into a compact record
 * of the dataset. Private to the
 * loader (read_partygraph.c); cJSON is seen by the loader's files only.
 *
 * Each function reports every problem of its element through the report
 * and returns false only when loading must stop (error limit reached or
 * out of memory). An element with problems may still be recorded, so that
 * later checks (unknown ids) do not cascade from it. Elements come with
 * their repeated keys taken out (dupkeys.h); the place of every id they
 * cite is kept in the loader's places. */
#ifndef PG_SCHEMA_H
#define PG_SCHEMA_H

#include <cJSON.h>
#include <stdbool.h>

#include "input/report.h"
#include "input/resolve.h"
#include "model/dataset.h"

typedef PG_VEC(bool) pg_flags;

/* What the element functions read into: the dataset, the report, and
 * what loading keeps beside the dataset. */
typedef struct pg_loader {
    pg_dataset *ds;
    pg_report *report;
    bool keep_places;              /* keep `places` (readers that resolve their own references need not) */
    pg_places places;              /* where each record's references are (for pg_resolve) */
    pg_place ref_at[PG_MAX_REFS];  /* those of the entity being read */
    pg_flags gone_entities;        /* [i] set: entity i was replaced (see pg_loader_replace) */
    pg_flags gone_sources;
    pg_strmap type_ids;            /* relation type id -> the element of `relation_types` declaring it */
} pg_loader;

/* A loader of `ds` reporting to `r`, keeping places. */
void pg_loader_init(pg_loader *L, pg_dataset *ds, pg_report *r);

/* Releases what the loader keeps (not the dataset or the report). */
void pg_loader_free(pg_loader *L);

/* Entities [e0, e1) and sources [s0, s1) were read from a value that a
 * repeated top-level key replaces: their ids may be taken again (the
 * loader drops the records themselves later). Returns false when out of
 * memory (reported). */
bool pg_loader_replace(pg_loader *L, size_t e0, size_t e1, size_t s0, size_t s1);

/* Element `index` of the top-level array of entities of `kind`. */
bool pg_schema_entity(pg_loader *L, const cJSON *item, pg_kind kind, long index, pg_jpath p);

/* A new top-level member begins: the relation type ids declared so far
 * are forgotten (a repeated `relation_types` replaces the earlier one). */
void pg_loader_top_member(pg_loader *L);

/* Element `index` of "relation_types" (schema_reltype.c): a declared
 * relation type, added to the dataset. */
bool pg_schema_relation_type(pg_loader *L, const cJSON *item, long index, pg_jpath p);

/* Element `index` of "relations". */
bool pg_schema_relation(pg_loader *L, const cJSON *item, long index, pg_jpath p);

/* Element `index` of "sources". */
bool pg_schema_source(pg_loader *L, const cJSON *item, long index, pg_jpath p);

/* An array of source ids at `p` (its place kept), into the dataset's
 * source_refs as *out: for the readers of other top-level arrays
 * (read_claims.c). Returns "go on". */
bool pg_schema_sources(pg_loader *L, const cJSON *v, pg_jpath p, pg_span *out);

/* A date string at `p` into *out, or the reason it is not a date
 * reported. Returns "go on". */
bool pg_schema_date(pg_loader *L, const cJSON *v, pg_jpath p, pg_date *out);

/* Writes a short description of `v` for messages: `a string ("yes")`,
 * `a number (3)`, `true`, `null`, `an array`, ... Returns `buf`. */
const char *pg_schema_describe(const cJSON *v, char *buf, size_t size);

/* Is `key` a name partygraph computes for nodes (or, with `edge`, for
 * edges), which data may not use? */
bool pg_schema_reserved(const char *key, bool edge);

/* The id rule's limit: an id has at most PG_ID_CHARS characters, which
 * PG_ID_SIZE bytes hold with the NUL. */
enum { PG_ID_CHARS = 200, PG_ID_SIZE = 4 * PG_ID_CHARS + 1 };

/* What a column of a table holds (tabular partygraph/1, read_tables.c):
 * the JSON type its cells become. */
typedef enum pg_column_type {
    PG_COLUMN_ATTRIBUTE = 0, /* not a field of the array: an attribute, typed by its cells */
    PG_COLUMN_TEXT,          /* a string (ids, names, dates, codes, a role's text) */
    PG_COLUMN_BOOL,          /* true or false */
    PG_COLUMN_NUMBER,        /* a JSON number */
    PG_COLUMN_LIST,          /* an array of strings, its items separated by ';' */
    PG_COLUMN_IDENTIFIERS,   /* an array of {"scheme", "identifier"}, written scheme:identifier;... */
} pg_column_type;

/* The type of field `key` in the elements of top-level array `array`
 * ("parties", "relations", ...), from the tables the checks use;
 * PG_COLUMN_ATTRIBUTE for any other key or array. */
pg_column_type pg_schema_field_type(const char *array, const char *key);

/* Offers every field of `array`'s elements to `s` (did-you-mean for a
 * column header). */
struct pg_suggest;
void pg_schema_suggest_field(const char *array, struct pg_suggest *s);

/* Is `s` a valid id (and attribute name): 1-200 characters (code
 * points), each an XML NameChar (base/utf8.h: letters and digits of any
 * script, combining marks, _ . - : and U+00B7)? */
bool pg_schema_valid_id(const char *s);

/* Writes into `buf` (PG_ID_SIZE bytes) the valid id closest to `s`: its
 * NameChars, each run of other characters as one '_' (none at either
 * end), cut at PG_ID_CHARS characters. Returns false (buf "") when
 * nothing is left. */
bool pg_schema_to_id(const char *s, char buf[PG_ID_SIZE]);

#endif
