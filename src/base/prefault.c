/* prefault.c - see prefault.h. */
#define _GNU_SOURCE /* MADV_POPULATE_WRITE */
#include "base/prefault.h"

#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Smaller arrays are not worth a thread; pages are asked for this many
 * bytes at a time (a few huge pages). */
enum { MIN_BYTES = 16 << 20, STEP = 8 << 20 };

#ifdef MADV_POPULATE_WRITE
/* The page-aligned range [*from, *to) inside [base, base + len). */
static void page_range(const pg_prefault *p, uintptr_t *from, uintptr_t *to)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    *from = ((uintptr_t)p->base + page - 1) / page * page;
    *to = ((uintptr_t)p->base + p->len) / page * page;
}

/* Waits a little for the writer to catch up. */
static void pause_briefly(void)
{
    struct timespec t = { 0, 200 * 1000 };
    nanosleep(&t, NULL);
}

/* The helper: pages asked for a step at a time, never more than
 * PG_PREFAULT_AHEAD past the writer; it ends at the end of the range,
 * when told to, or when the kernel refuses. */
static void *run(void *arg)
{
    pg_prefault *p = arg;
    uintptr_t at, end;
    page_range(p, &at, &end);
    while (at < end && !atomic_load_explicit(&p->stop, memory_order_relaxed)) {
        uintptr_t reached = (uintptr_t)p->base + atomic_load_explicit(&p->used, memory_order_relaxed);
        if (at >= reached + PG_PREFAULT_AHEAD) {
            pause_briefly();
            continue;
        }
        size_t n = end - at < STEP ? end - at : STEP;
        if (madvise((void *)at, n, MADV_POPULATE_WRITE) != 0)
            break;
        at += n;
    }
    return NULL;
}
#endif

void pg_prefault_start(pg_prefault *p, void *base, size_t len)
{
    p->base = base;
    p->len = len;
    atomic_init(&p->used, 0);
    atomic_init(&p->stop, false);
    p->started = false;
#ifdef MADV_POPULATE_WRITE
    if (base != NULL && len >= MIN_BYTES)
        p->started = pthread_create(&p->thread, NULL, run, p) == 0;
#endif
}

void pg_prefault_stop(pg_prefault *p)
{
    if (!p->started)
        return;
    atomic_store_explicit(&p->stop, true, memory_order_relaxed);
    pthread_join(p->thread, NULL);
    p->started = false;
}
