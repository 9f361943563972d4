/* json_arena.c - see json_arena.h. */
#define _POSIX_C_SOURCE 200809L
#include "input/json_arena.h"

#include <cJSON.h>
#include <pthread.h>
#include <stdlib.h>

static _Thread_local pg_arena *active;
static _Thread_local bool hooked; /* hook_malloc ran since the flag was cleared */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *hook_malloc(size_t n)
{
    if (active == NULL)
        return malloc(n);
    hooked = true;
    return pg_arena_alloc(active, n);
}

static void hook_free(void *p)
{
    if (active == NULL)
        free(p);
}

static void install(void)
{
    cJSON_Hooks hooks = { hook_malloc, hook_free };
    cJSON_InitHooks(&hooks);
}

void pg_json_arena_install(void)
{
    pthread_once(&once, install);
}

bool pg_json_arena_begin(pg_arena *a)
{
    active = a;
    hooked = false;
    void *probe = cJSON_malloc(1); /* through whatever hooks cJSON has now */
    if (!hooked) {
        cJSON_free(probe);
        active = NULL;
    }
    return hooked;
}

void pg_json_arena_end(void)
{
    active = NULL;
}
