/* dupkeys.h - keys that repeat in one JSON object, one rule for every
 * JSON reader (partygraph/1, NDJSON, node-link, JGF, Popolo): the LAST
 * value is kept, as JSON.parse, Python's json and jq keep it, with one
 * warning per repeated key, at the place of that last value. cJSON keeps
 * every member and its look-ups find the first, so the earlier members
 * are taken out of the tree before anything reads it. Private to the
 * loaders. */
#ifndef PG_DUPKEYS_H
#define PG_DUPKEYS_H

#include <cJSON.h>
#include <stdbool.h>

#include "input/report.h"

/* Takes the earlier members of each repeated key out of every object in
 * the tree `v` (the value at JSON path `p`), warning through `r` about
 * each such key: `duplicate key "k": the last of its 2 values is kept`.
 * `own`: the nodes are the caller's (those taken out are deleted here);
 * else an arena holds them, and they go with it. Time linear in the
 * tree. Returns false when out of memory (reported). */
bool pg_dupkeys_remove(pg_report *r, cJSON *v, pg_jpath p, bool own);

#endif
