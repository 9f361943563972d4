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
 * outside must not be freed inside. */
#ifndef PG_JSON_ARENA_H
#define PG_JSON_ARENA_H

#include "arena.h"

/* Installs the hooks (once per process; later calls do nothing). Call it
 * before starting threads that use cJSON. */
void pg_json_arena_install(void);

/* Makes `a` the arena of cJSON's allocations on this thread until
 * pg_json_arena_end. */
void pg_json_arena_begin(pg_arena *a);
void pg_json_arena_end(void);

#endif
