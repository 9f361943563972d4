/* memory.c - how the command line sets up glibc's allocator before a
 * command runs (docs/performance.md, "Page faults"). The library never
 * touches the allocator: these are the program's choices, and a setting
 * the user made in GLIBC_TUNABLES always stays.
 *
 * Loading and building touch hundreds of megabytes once, and in a virtual
 * machine each page fault is dear: at 200,000 parties a fifth of `path`
 * was the kernel handing over 4 KB pages. Two settings cut that:
 * - blocks up to 32 MB come from the heap, where a freed one is used
 *   again, instead of a fresh mapping from 128 KB;
 * - with an input of 2 MB or more, the process runs again at once with
 *   glibc.malloc.hugetlb=1, so that glibc asks the kernel for 2 MB pages
 *   (transparent huge pages) for its heap and its mappings. glibc reads
 *   that tunable only when a process starts, hence the exec; it is done
 *   only where the kernel gives huge pages on request alone ("madvise"),
 *   never in a set-user-id process, never under a limit on the address
 *   space or the data segment (`ulimit -v`, `prlimit --as`: a heap grown
 *   in 2 MB steps takes more of it, and the stack, short of the rest,
 *   could no longer grow to report "out of memory"), never when the
 *   program was run through its dynamic loader (own_file), and once (the
 *   tunable then set is the guard). A small input gains nothing from it
 *   and keeps the smaller footprint. */
#define _DEFAULT_SOURCE /* setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#include <sys/auxv.h>
#endif

#include "cli/cli.h"

enum { HUGE_INPUT = 2 << 20, KEEP_BELOW = 32 << 20 };

static const char THP_MODE[] = "/sys/kernel/mm/transparent_hugepage/enabled";
static const char HUGETLB[] = "glibc.malloc.hugetlb";

#ifdef __GLIBC__
/* Is `name` set in the user's GLIBC_TUNABLES? */
static int tuned(const char *name)
{
    const char *tunables = getenv("GLIBC_TUNABLES");
    return tunables != NULL && strstr(tunables, name) != NULL;
}

/* Does the kernel give transparent huge pages only where asked? ("always":
 * it already does everywhere; "never": asking is no use.) */
static int huge_pages_on_request(void)
{
    char mode[128] = "";
    FILE *f = fopen(THP_MODE, "r");
    if (f == NULL)
        return 0;
    size_t n = fread(mode, 1, sizeof mode - 1, f);
    fclose(f);
    mode[n] = '\0';
    return strstr(mode, "[madvise]") != NULL;
}

/* Is the process free of limits on its address space and data segment? */
static int unlimited(void)
{
    static const int resources[] = { RLIMIT_AS, RLIMIT_DATA };
    struct rlimit lim;
    for (size_t i = 0; i < sizeof resources / sizeof resources[0]; i++)
        if (getrlimit(resources[i], &lim) != 0 || lim.rlim_cur != RLIM_INFINITY)
            return 0;
    return 1;
}

/* Does an argument name a regular file of HUGE_INPUT bytes or more? */
static int names_big_file(char **argv)
{
    struct stat st;
    for (int i = 1; argv[i] != NULL; i++)
        if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= HUGE_INPUT)
            return 1;
    return 0;
}

/* This program's file, in `self`; false when it cannot be told. The
 * kernel's file is the dynamic loader itself when the program was run
 * through it (`ld-linux-x86-64.so.2 partygraph ...`): the kernel then
 * loaded no interpreter (AT_BASE 0). */
static int own_file(char *self, size_t size)
{
    if (getauxval(AT_BASE) == 0)
        return 0;
    ssize_t n = readlink("/proc/self/exe", self, size);
    if (n <= 0 || (size_t)n >= size)
        return 0;
    self[n] = '\0';
    return 1;
}

/* Runs this program again with glibc.malloc.hugetlb=1 added in front of
 * the user's tunables; returns only when it cannot (the environment is
 * then as it was). */
static void run_with_huge_pages(char **argv)
{
    char self[4096], tunables[4096];
    const char *old = getenv("GLIBC_TUNABLES");
    int len = snprintf(tunables, sizeof tunables, "%s=1%s%s", HUGETLB, old ? ":" : "", old ? old : "");
    if (!own_file(self, sizeof self) || len < 0 || (size_t)len >= sizeof tunables)
        return;
    char *saved = old ? strdup(old) : NULL;
    if ((old == NULL || saved != NULL) && setenv("GLIBC_TUNABLES", tunables, 1) == 0) {
        execv(self, argv);
        if (saved != NULL)
            setenv("GLIBC_TUNABLES", saved, 1);
        else
            unsetenv("GLIBC_TUNABLES");
    }
    free(saved);
}
#endif

void cli_tune_allocator(char **argv)
{
#ifdef __GLIBC__
    if (!tuned(HUGETLB) && getauxval(AT_SECURE) == 0 && unlimited() && names_big_file(argv) &&
        huge_pages_on_request())
        run_with_huge_pages(argv);
    if (!tuned("mmap_threshold"))
        mallopt(M_MMAP_THRESHOLD, KEEP_BELOW);
#else
    (void)argv;
#endif
}
