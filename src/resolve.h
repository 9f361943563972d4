/* resolve.h - the second pass of loading: every id that a record mentions
 * must name an existing entity of a suitable kind, or a source. It runs
 * once the text is read, so the readers keep where each reference was
 * (pg_places) for the messages. */
#ifndef PG_RESOLVE_H
#define PG_RESOLVE_H

#include <stdbool.h>

#include "dataset.h"
#include "report.h"

typedef PG_VEC(pg_place) pg_place_vec;

/* Where the references of the records are, in step with the dataset's
 * arrays (in load order). */
typedef struct pg_places {
    pg_place_vec entity_refs; /* PG_MAX_REFS per entity: its refs[k] */
    pg_place_vec relations;   /* 3 per relation: itself, its source, its target */
    pg_place_vec source_refs; /* one per pg_dataset.source_refs item */
} pg_places;

/* Releases the places; `pl` is empty afterwards. */
void pg_places_free(pg_places *pl);

/* Resolves entity references, relation endpoints and cited sources of
 * `ds` (entities still in load order), reporting each unknown or
 * ill-typed id with a suggestion, at its place in `at` (NULL: none), and
 * warning about self-loops. Returns false when loading must stop. */
bool pg_resolve(pg_dataset *ds, pg_report *r, const pg_places *at);

#endif
