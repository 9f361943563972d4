/* resolve.h - the second pass of loading: every id that a record mentions
 * must name an existing entity of a suitable kind, or a source. It runs
 * once the text is read, so the readers keep where each reference was
 * (pg_places) for the messages. */
#ifndef PG_RESOLVE_H
#define PG_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "input/report.h"
#include "model/dataset.h"

/* A place as the readers keep it, in half the room: a line or column
 * past UINT32_MAX is kept as unknown (0). */
typedef struct pg_kept_place {
    uint32_t line, column;
} pg_kept_place;

typedef PG_VEC(pg_kept_place) pg_place_vec;

/* Where the references of the records are, in step with the dataset's
 * arrays (in load order). */
typedef struct pg_places {
    pg_place_vec entity_refs; /* PG_MAX_REFS per entity: its refs[k] */
    pg_place_vec relations;   /* 3 per relation: itself, its source, its target */
    pg_place_vec source_refs; /* one per pg_dataset.source_refs item */
    pg_place_vec claims;      /* 2 per claim: itself, its entity */
} pg_places;

/* Releases the places; `pl` is empty afterwards. */
void pg_places_free(pg_places *pl);

/* Appends the `n` places at `at` to `v`; false when out of memory. */
bool pg_places_push(pg_place_vec *v, const pg_place *at, size_t n);

/* Place number `i` of `v`; none (0:0) past its end. */
pg_place pg_places_get(const pg_place_vec *v, size_t i);

/* Resolves entity references, relation endpoints, claims' entities and cited sources of
 * `ds` (entities still in load order), reporting each unknown or
 * ill-typed id with a suggestion, at its place in `at` (NULL: none), and
 * warning about self-loops. Returns false when loading must stop. */
bool pg_resolve(pg_dataset *ds, pg_report *r, const pg_places *at);

#endif
