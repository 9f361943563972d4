/* records.h - a dataset as the arrays of partygraph/1: for each array (a
 * "table": sources, countries, ..., claims), its known fields in the
 * schema's order, and each record's fields in the canonical order (the
 * known ones in that order, then the other attributes sorted by key).
 * The one description that the JSON, CSV and workbook writers of a
 * dataset share (write_partygraph.c, write_tables.c, write_xlsx.c). */
#ifndef PG_RECORDS_H
#define PG_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/vec.h"
#include "model/dataset.h"

/* The arrays, in the order of the canonical JSON. */
typedef enum pg_array {
    PG_ARRAY_SOURCES = 0,
    PG_ARRAY_COUNTRIES,
    PG_ARRAY_PARTIES,
    PG_ARRAY_MECHANISMS,
    PG_ARRAY_EVENTS,
    PG_ARRAY_PERSONS,
    PG_ARRAY_NODES,
    PG_ARRAY_RELATION_TYPES,
    PG_ARRAY_RELATIONS,
    PG_ARRAY_CLAIMS,
    PG_ARRAY_COUNT
} pg_array;

/* How a field's value is written. LIST: a ";"-joined string, an array of
 * strings in JSON; IDENTIFIERS: "scheme:identifier;...", an array of
 * {"scheme", "identifier"} objects in JSON. */
typedef enum pg_recfield_kind { PG_REC_TEXT = 0, PG_REC_NUMBER, PG_REC_BOOL, PG_REC_LIST, PG_REC_IDENTIFIERS } pg_recfield_kind;

/* One field of a record: its key and value (s for TEXT, LIST and
 * IDENTIFIERS). */
typedef struct pg_recfield {
    const char *key;
    pg_recfield_kind kind;
    const char *s;
    double d;
    bool b;
} pg_recfield;

/* A record's fields, in canonical order; reused from record to record. */
typedef struct pg_record {
    PG_VEC(pg_recfield) fields;
    char date[2][16];  /* a relation's date and end, formatted */
    char *sources;     /* a relation's or claim's sources, joined (owned) */
} pg_record;

/* A known field of a table: its key and kind. */
typedef struct pg_array_column {
    const char *key;
    pg_recfield_kind kind;
} pg_array_column;

/* The array's name ("parties"), or NULL for a bad `t`. */
const char *pg_array_name(pg_array t);

/* The table named `name`, or PG_ARRAY_COUNT. */
pg_array pg_array_find(const char *name);

/* The known fields of `t` in the schema's order, ending with a NULL key. */
const pg_array_column *pg_array_columns(pg_array t);

/* The position of `key` among the known fields of `t`, or -1. */
int pg_array_column_index(pg_array t, const char *key);

/* How many records `t` has in `ds`. */
size_t pg_array_rows(const pg_dataset *ds, pg_array t);

/* The length of the dataset array that table `t` is read from: the
 * indices pg_array_record takes. */
size_t pg_array_extent(const pg_dataset *ds, pg_array t);

/* Fills `r` with the fields of element `i` of t's dataset array. Returns
 * 1, 0 when that element is not in `t` (an entity of another kind, a
 * relation type not declared), or -1 when out of memory. */
int pg_array_record(const pg_dataset *ds, pg_array t, size_t i, pg_record *r);

/* Releases what `r` holds. */
void pg_record_free(pg_record *r);


/* The columns of table `t` of `ds` into `out` (cleared first): its known
 * fields that some record has (all of them with `every_column`), in the
 * schema's order, then the other keys its records have, sorted. Returns
 * 0, or -1 when out of memory. */
int pg_array_header(const pg_dataset *ds, pg_array t, bool every_column, pg_str_vec *out);

/* The field of `r` named `key`, or NULL. */
const pg_recfield *pg_record_field(const pg_record *r, const char *key);

/* The rows of the `about` table (key, value): format, then title and
 * description when set, then each note. */
size_t pg_about_rows(const pg_dataset *ds);

/* Row `i` of the `about` table: its key and value. */
void pg_about_row(const pg_dataset *ds, size_t i, const char **key, const char **value);

#endif
