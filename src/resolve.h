/* resolve.h - the second pass of loading: every id that a record mentions
 * must name an existing entity of a suitable kind, or a source. */
#ifndef PG_RESOLVE_H
#define PG_RESOLVE_H

#include <stdbool.h>

#include "dataset.h"
#include "report.h"

/* Resolves entity references, relation endpoints and cited sources of
 * `ds` (entities still in load order), reporting each unknown or
 * ill-typed id with a suggestion, and warning about self-loops. Returns
 * false when loading must stop. */
bool pg_resolve(pg_dataset *ds, pg_report *r);

#endif
