/* schema.h - the rules of the partygraph/1 format for one element at a
 * time: a country, party, mechanism, event, relation or source object is
 * checked and turned into a compact record of the dataset. Private to the
 * loader (load.c); cJSON is seen by the loader's files only.
 *
 * Each function reports every problem of its element through the report
 * and returns false only when loading must stop (error limit reached or
 * out of memory). An element with problems may still be recorded, so that
 * later checks (unknown ids) do not cascade from it. */
#ifndef PG_SCHEMA_H
#define PG_SCHEMA_H

#include <cJSON.h>
#include <stdbool.h>

#include "dataset.h"
#include "report.h"

typedef struct pg_loader {
    pg_dataset *ds;
    pg_report *report;
} pg_loader;

/* Element `index` of the top-level array of entities of `kind`. */
bool pg_schema_entity(pg_loader *L, const cJSON *item, pg_kind kind, long index, pg_jpath p);

/* Element `index` of "relations". */
bool pg_schema_relation(pg_loader *L, const cJSON *item, long index, pg_jpath p);

/* Element `index` of "sources". */
bool pg_schema_source(pg_loader *L, const cJSON *item, long index, pg_jpath p);

/* Reports each key of `object` that repeats an earlier one. Returns false
 * when loading must stop. */
bool pg_schema_unique_keys(pg_loader *L, const cJSON *object, pg_jpath p);

/* Writes a short description of `v` for messages: `a string ("yes")`,
 * `a number (3)`, `true`, `null`, `an array`, ... Returns `buf`. */
const char *pg_schema_describe(const cJSON *v, char *buf, size_t size);

/* Is `key` a name partygraph computes for nodes (or, with `edge`, for
 * edges), which data may not use? */
bool pg_schema_reserved(const char *key, bool edge);

/* Is `s` a valid id (and attribute name): 1-200 ASCII letters, digits and
 * _ . - : ? */
bool pg_schema_valid_id(const char *s);

#endif
