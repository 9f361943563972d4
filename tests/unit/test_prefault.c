/* test_prefault.c - making an array's pages ready ahead of its writer
 * (src/base/prefault.c): the helper makes fresh pages present (counted
 * with mincore) but never more than PG_PREFAULT_AHEAD (and one step) past
 * what the writer says it has reached; it never changes a byte, written
 * or not; once stopped (also a second time) it asks for no more; a small
 * array gets no helper, and stopping it is safe. */
#define _GNU_SOURCE /* MADV_POPULATE_WRITE, MAP_ANONYMOUS */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "base/prefault.h"
#include "harness.h"

enum { MIB = 1 << 20, REGION = 96 * MIB, STEP_MAX = 8 * MIB };

/* Fresh anonymous memory: none of its pages present yet. */
static char *fresh(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* How many bytes of [p, p + len) are present. */
static size_t present(char *p, size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (len + page - 1) / page, count = 0;
    unsigned char *v = malloc(n);
    if (v == NULL || mincore(p, len, v) != 0) {
        free(v);
        return SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++)
        count += v[i] & 1;
    free(v);
    return count * page;
}

/* Waits up to 5 s for at least `want` bytes of the region to be present;
 * returns how many are. */
static size_t wait_present(char *p, size_t len, size_t want)
{
    struct timespec t = { 0, 10 * 1000 * 1000 };
    size_t got = present(p, len);
    for (int i = 0; i < 500 && got < want; i++) {
        nanosleep(&t, NULL);
        got = present(p, len);
    }
    return got;
}

/* Does this kernel make pages present on request? */
static bool populate_works(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *p = fresh(page);
    bool ok = p != NULL && madvise(p, page, MADV_POPULATE_WRITE) == 0;
    if (p != NULL)
        munmap(p, page);
    return ok;
}

/* With the writer still at the start, the helper goes its distance ahead
 * and stops there; once the writer moves on, so does the helper. */
static void ahead_but_not_too_far(void)
{
    char *p = fresh(REGION);
    pg_prefault pf;
    pg_prefault_start(&pf, p, REGION);
    CHECK(pf.started, "a large array gets a helper");
    size_t got = wait_present(p, REGION, PG_PREFAULT_AHEAD);
    struct timespec settle = { 0, 100 * 1000 * 1000 };
    nanosleep(&settle, NULL);
    got = present(p, REGION);
    CHECK(got >= PG_PREFAULT_AHEAD, "the helper makes the pages ahead of the writer present");
    CHECK(got <= PG_PREFAULT_AHEAD + STEP_MAX, "but not more than its distance (and a step) past the writer");
    pg_prefault_note(&pf, 48 * MIB);
    got = wait_present(p, REGION, 48 * MIB + PG_PREFAULT_AHEAD);
    CHECK(got >= 48 * MIB + PG_PREFAULT_AHEAD, "it follows the writer");
    pg_prefault_stop(&pf);
    CHECK(!pf.started, "stopped");
    size_t when_stopped = present(p, REGION);
    pg_prefault_note(&pf, REGION);
    pg_prefault_stop(&pf); /* twice: nothing to join */
    nanosleep(&settle, NULL);
    CHECK(present(p, REGION) == when_stopped, "once stopped (twice), no more pages are asked for");
    munmap(p, REGION);
}

/* The helper never changes a byte: the writer's pattern, written while it
 * runs, is intact, and what the writer has not written yet reads 0. */
static void never_writes(void)
{
    size_t len = 64 * MIB;
    char *p = fresh(len);
    pg_prefault pf;
    pg_prefault_start(&pf, p, len);
    size_t half = len / 2;
    for (size_t i = 0; i < half; i++) {
        p[i] = (char)(i * 31 + 7);
        if (i % (1 << 16) == 0)
            pg_prefault_note(&pf, i);
    }
    pg_prefault_stop(&pf);
    bool intact = true, zero = true;
    for (size_t i = 0; i < half; i++)
        intact &= p[i] == (char)(i * 31 + 7);
    for (size_t i = half; i < len; i++)
        zero &= p[i] == 0;
    CHECK(intact, "the bytes written while the helper ran are intact");
    CHECK(zero, "the bytes not written read 0");
    munmap(p, len);
}

static void small_and_stops(void)
{
    char small[4096];
    pg_prefault pf;
    pg_prefault_start(&pf, small, sizeof small);
    CHECK(!pf.started, "a small array gets no helper");
    pg_prefault_stop(&pf);
    pg_prefault_start(&pf, NULL, REGION);
    CHECK(!pf.started, "no array, no helper");
    pg_prefault_stop(&pf); /* without a start: nothing to join */
}

void run_tests(void)
{
    small_and_stops();
    if (!populate_works()) {
        test_skip("the helper makes pages present ahead of the writer", "this kernel has no MADV_POPULATE_WRITE");
        return;
    }
    ahead_but_not_too_far();
    never_writes();
}
