/* read_claims.h - the `claims` array of a partygraph/1 document: figures
 * the sources state about entities ("more than 600 parties and
 * organizations"), kept as data beside the network. Private to the loader
 * (read_partygraph.c). */
#ifndef PG_READ_CLAIMS_H
#define PG_READ_CLAIMS_H

#include <cJSON.h>
#include <stdbool.h>

#include "input/schema.h"

/* Element `index` of "claims" (at `p`): an object with `entity` (an id,
 * required), `measure` (a non-empty string, required), `value` (a finite
 * number, required), `date` (a partial ISO date), `qualifier`, `unit`,
 * `text` (strings) and `sources` (source ids); null is absence, another
 * key a warning. Checks it and appends a pg_claim to L's dataset (its
 * entity resolved later, by pg_resolve, at the place kept here). Returns
 * "go on", as the schema functions do. */
bool pg_read_claim(pg_loader *L, const cJSON *item, long index, pg_jpath p);

#endif
