/* prefault.h - making a large array's memory ready on another core while
 * this one fills it.
 *
 * The first write to each page of fresh memory stops the writer while the
 * kernel finds the page and zeroes it; on a virtual machine that costs
 * about as much as everything else a building pass does. When an array is
 * reserved whole before it is filled from the start, a helper thread can
 * ask the kernel for its pages (madvise MADV_POPULATE_WRITE: the pages are
 * made present, their contents untouched) a little ahead of the writer,
 * which then finds them ready. The helper never writes to the array, so
 * it may lag or run ahead without changing a byte; it stays at most
 * PG_PREFAULT_AHEAD bytes past what the writer says it has reached, so an
 * array that ends up shorter than reserved costs little memory.
 *
 * Where the system has no such request, or the array is small, nothing
 * happens and the writer faults its pages in itself, as before. */
#ifndef PG_PREFAULT_H
#define PG_PREFAULT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pg_prefault {
    char *base;          /* the array */
    size_t len;          /* bytes reserved */
    atomic_size_t used;  /* bytes the writer has reached */
    atomic_bool stop;
    pthread_t thread;
    bool started;
} pg_prefault;

/* How far ahead of the writer the helper may go. */
enum { PG_PREFAULT_AHEAD = 32 << 20 };

/* Starts a helper making the `len` bytes at `base` present ahead of the
 * writer, when `len` is large enough to be worth a thread (else, or when
 * no thread can start, it does nothing). `p` must stay where it is until
 * pg_prefault_stop. */
void pg_prefault_start(pg_prefault *p, void *base, size_t len);

/* The writer has filled the first `used` bytes. Cheap: call it every few
 * thousand items. */
static inline void pg_prefault_note(pg_prefault *p, size_t used)
{
    atomic_store_explicit(&p->used, used, memory_order_relaxed);
}

/* Stops the helper and waits for it; the array may then be freed or
 * moved. Safe when nothing was started. */
void pg_prefault_stop(pg_prefault *p);

#endif
