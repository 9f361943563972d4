/* json_arena.h - cJSON's allocations from an arena, per thread: the loader
 * parses each element into a scratch arena and resets it, instead of
 * freeing the tree node by node.
 *
 * cJSON's hooks are global, so they must stay right for every other cJSON
 * user in the process: while no arena is active on the calling thread
 * (always, outside pg_json_arena_begin/end, and on every other thread)
 * they are plain malloc and free. While one is active, cJSON_free and
 * cJSON_Delete do nothing and the memory goes with the arena: a tree
 * parsed inside must not be used after pg_json_arena_end, and one parsed
 * outside must not be freed inside. A program that installs hooks of its
 * own after ours takes cJSON back: pg_json_arena_begin notices, and the
 * trees are then the caller's to cJSON_Delete as usual. */
#ifndef PG_JSON_ARENA_H
#define PG_JSON_ARENA_H

#include <stdbool.h>

#include "base/arena.h"

/* Installs the hooks (once per process; later calls do nothing). Call it
 * before starting threads that use cJSON. */
void pg_json_arena_install(void);

/* Makes `a` the arena of cJSON's allocations on this thread until
 * pg_json_arena_end. Returns true when it is; false when cJSON's hooks
 * are no longer ours (trees are then malloc'ed: delete them). */
bool pg_json_arena_begin(pg_arena *a);
void pg_json_arena_end(void);

#endif
