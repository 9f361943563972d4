/* tempfile.c - the registry of temporary files, locks and directories
 * (see tempfile.h). A slot goes FREE -> BUSY (its owner fills it) -> LIVE
 * (<-> HELD) -> BUSY (its owner empties it) -> FREE, or LIVE -> TAKEN for
 * good when the removal claims it; every change is a compare-and-swap, so
 * the owner and the removal never both hold a slot, and a path is freed
 * only by an owner holding it BUSY, which the removal never reads. */
#define _POSIX_C_SOURCE 200809L
#include "output/tempfile.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2 && ATOMIC_POINTER_LOCK_FREE == 2,
               "a signal handler may only touch lock-free atomics");

enum { SLOT_FREE, SLOT_BUSY, SLOT_LIVE, SLOT_HELD, SLOT_TAKEN };

struct pg_tempfile {
    atomic_int state;
    pg_tempfile_kind kind; /* these three: written while BUSY, stable while LIVE or TAKEN */
    pid_t owner;
    char *path;
    pg_tempfile *next; /* set before the slot is published, never changed */
};

static _Atomic(pg_tempfile *) slots;

static bool swap_state(pg_tempfile *s, int from, int to)
{
    return atomic_compare_exchange_strong(&s->state, &from, to);
}

/* A FREE slot of the list, now BUSY, or NULL. */
static pg_tempfile *claim_free_slot(void)
{
    for (pg_tempfile *s = atomic_load(&slots); s != NULL; s = s->next)
        if (swap_state(s, SLOT_FREE, SLOT_BUSY))
            return s;
    return NULL;
}

/* A new BUSY slot, pushed onto the list, or NULL. */
static pg_tempfile *new_slot(void)
{
    pg_tempfile *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    atomic_init(&s->state, SLOT_BUSY);
    s->next = atomic_load(&slots);
    while (!atomic_compare_exchange_weak(&slots, &s->next, s))
        ;
    return s;
}

pg_tempfile *pg_tempfile_register(const char *path, pg_tempfile_kind kind)
{
    char *copy = strdup(path);
    pg_tempfile *s = copy ? claim_free_slot() : NULL;
    if (copy != NULL && s == NULL)
        s = new_slot();
    if (s == NULL) {
        free(copy);
        errno = ENOMEM;
        return NULL;
    }
    s->kind = kind;
    s->owner = getpid();
    s->path = copy;
    atomic_store(&s->state, SLOT_LIVE);
    return s;
}

void pg_tempfile_hold(pg_tempfile *t, bool held)
{
    if (t != NULL)
        swap_state(t, held ? SLOT_LIVE : SLOT_HELD, held ? SLOT_HELD : SLOT_LIVE);
}

void pg_tempfile_release(pg_tempfile *t)
{
    if (t == NULL || !(swap_state(t, SLOT_LIVE, SLOT_BUSY) || swap_state(t, SLOT_HELD, SLOT_BUSY)))
        return;
    free(t->path);
    t->path = NULL;
    atomic_store(&t->state, SLOT_FREE);
}

/* Claims LIVE slot `s` for the removal when this process registered it
 * (a slot copied into a forked child goes back to LIVE). */
static bool take(pg_tempfile *s)
{
    if (!swap_state(s, SLOT_LIVE, SLOT_TAKEN))
        return false;
    if (s->owner == getpid())
        return true;
    atomic_store(&s->state, SLOT_LIVE);
    return false;
}

/* rmdir of every taken directory of this process; returns how many failed. */
static size_t remove_dirs(void)
{
    size_t left = 0;
    for (pg_tempfile *s = atomic_load(&slots); s != NULL; s = s->next)
        if (atomic_load(&s->state) == SLOT_TAKEN && s->kind == PG_TEMPFILE_DIR && s->owner == getpid())
            left += rmdir(s->path) != 0;
    return left;
}

void pg_tempfile_remove_all(void)
{
    int saved = errno;
    size_t dirs = 0;
    for (pg_tempfile *s = atomic_load(&slots); s != NULL; s = s->next) {
        if (!take(s))
            continue;
        if (s->kind == PG_TEMPFILE_FILE)
            unlink(s->path);
        else
            dirs++;
    }
    /* each pass removes at least the deepest empty ones */
    for (size_t pass = 0; pass < dirs && remove_dirs() > 0; pass++)
        ;
    errno = saved;
}
