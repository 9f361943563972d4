/* json_arena.c - see json_arena.h. */
#define _POSIX_C_SOURCE 200809L
#include "json_arena.h"

#include <cJSON.h>
#include <pthread.h>
#include <stdlib.h>

static _Thread_local pg_arena *active;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *hook_malloc(size_t n)
{
    return active != NULL ? pg_arena_alloc(active, n) : malloc(n);
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

void pg_json_arena_begin(pg_arena *a)
{
    active = a;
}

void pg_json_arena_end(void)
{
    active = NULL;
}
