/* test_child.c - work run in a child process (src/child.c): its bytes
 * reach the caller's FILE exactly, a large result and a flood of output
 * on its stderr at once included; its status and message come back; a
 * crash, an exit() and a failure after "out of memory" on its stderr are
 * each one message with the right status; an exit() never flushes the
 * caller's stdio buffers a second time; nothing it prints reaches this
 * process's stderr; every child is reaped and no descriptor is left open.
 * Started (pg_child_start), a child works while the caller does, hands
 * back a result larger than a pipe when collected (into memory: exactly
 * the bytes expected, or an error), and an abandoned one
 * is killed and reaped. A thread the work starts allocates from the main
 * heap: under an address-space limit too tight for a thread's own arena,
 * its many small allocations succeed (glibc would otherwise make each one
 * an mmap of a page, and run out).
 * What Graphviz does in there is tested end to end in
 * tests/limits/test_picture_limits.py. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/child.h"
#include "base/error.h"
#include "harness.h"

enum { BIG = 3 << 20 }; /* bytes: many times a pipe's buffer */

/* The works: each does what its name says. */
static pg_status hand_back(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)err;
    size_t len = arg ? BIG : 5;
    char *data = malloc(len);
    if (data == NULL)
        _exit(99);
    for (size_t i = 0; i < len; i++)
        data[i] = (char)('a' + i % 26);
    for (int i = 0; arg && i < 20000; i++) /* a flood on stderr and stdout while the result waits */
        fprintf(i % 2 ? stderr : stdout, "Fontconfig warning: line %d of the noise\n", i);
    *out = (pg_child_bytes){ data, len, (void (*)(char *))free };
    return PG_OK;
}

static pg_status fail(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out;
    return pg_error_set(err, PG_EARG, "the work's own reason");
}

static pg_status crash(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out, (void)err;
    fputs("\n  \nfirst words\nsecond words\n", stderr);
    signal(SIGSEGV, SIG_DFL); /* past a sanitizer's handler */
    raise(SIGSEGV);
    return PG_OK;
}

static pg_status leave(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out, (void)err;
    exit(3);
}

static pg_status starve(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out;
    fputs("Fontconfig error: line 862: out of memory\n", stderr);
    return pg_error_set(err, PG_EINTERNAL, "Graphviz: renderer unavailable");
}

/* An AddressSanitizer build (GCC's macro, clang's feature test)? Its
 * allocator is its own, and it reserves terabytes of address space. */
#if defined(__SANITIZE_ADDRESS__)
#define ASAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN_BUILD 1
#endif
#endif

enum { SMALL_BLOCKS = 200000, SLACK = 32 << 20 }; /* 6 MB of 32-byte blocks; less than an arena's 64 MB */

/* A thread's work: SMALL_BLOCKS allocations of 32 bytes, kept; returns
 * how many succeeded (then frees them). */
static void *allocate(void *arg)
{
    void **blocks = arg;
    size_t got = 0;
    while (got < SMALL_BLOCKS && (blocks[got] = malloc(32)) != NULL)
        got++;
    for (size_t i = 0; i < got; i++)
        free(blocks[i]);
    return (void *)got;
}

/* Limits the address space to what is mapped now and SLACK more, then
 * allocates from a thread: PG_OK when every block came, else PG_ENOMEM. */
static pg_status crowd(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out;
    long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    bool known = f != NULL && fscanf(f, "%ld", &pages) == 1;
    if (f != NULL)
        fclose(f);
    void **blocks = known ? malloc(SMALL_BLOCKS * sizeof *blocks) : NULL;
    struct rlimit as = { (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + SLACK, RLIM_INFINITY };
    pthread_t t;
    void *got = NULL;
    bool started = blocks != NULL && setrlimit(RLIMIT_AS, &as) == 0 && pthread_create(&t, NULL, allocate, blocks) == 0;
    if (started)
        pthread_join(t, &got);
    free(blocks);
    if (!started)
        return pg_error_set(err, PG_EINTERNAL, "cannot read /proc/self/statm, set the limit or start the thread");
    return (size_t)got == SMALL_BLOCKS ? PG_OK : pg_error_set(err, PG_ENOMEM, "%zu blocks", (size_t)got);
}

/* Runs `work` with the result into a memory stream; returns the status
 * and sets *text (the caller frees it) and *len. */
static pg_status run(pg_child_work *work, void *arg, char **text, size_t *len, pg_error *err)
{
    pg_child_job job = { work, arg, "Tool", "doing the work" };
    FILE *f = open_memstream(text, len);
    pg_status st = pg_child_run(&job, f, err);
    fclose(f);
    return st;
}

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void results(void)
{
    char *text = NULL;
    size_t len = 0;
    pg_error err;
    pg_status st = run(hand_back, NULL, &text, &len, &err);
    CHECK(st == PG_OK && len == 5 && memcmp(text, "abcde", 5) == 0, "the child's bytes reach the FILE exactly");
    free(text);
    st = run(hand_back, "big", &text, &len, &err);
    int wrong = st == PG_OK && len == BIG ? 0 : 1;
    for (size_t i = 0; i < len && !wrong; i++)
        wrong = text[i] != (char)('a' + i % 26);
    CHECK(!wrong, "3 MB of bytes and 20,000 lines of stdout and stderr at once: the bytes exactly, nothing stuck");
    free(text);
    st = run(fail, NULL, &text, &len, &err);
    CHECK(st == PG_EARG && strcmp(err.message, "the work's own reason") == 0 && len == 0,
          "the work's own status and message come back, nothing written");
    free(text);
}

static void endings(void)
{
    char *text = NULL;
    size_t len = 0;
    pg_error err;
    pg_status st = run(crash, NULL, &text, &len, &err);
    CHECK(st == PG_EINTERNAL && strcmp(err.message, "Tool crashed doing the work (signal 11, Segmentation fault): "
                                                    "\"first words\"") == 0,
          "a crash: the signal and the first line with text of its stderr, quoted");
    free(text);
    st = run(leave, NULL, &text, &len, &err);
    CHECK(st == PG_EINTERNAL && strcmp(err.message, "Tool exited doing the work") == 0, "an exit() in the work");
    free(text);
    st = run(starve, NULL, &text, &len, &err);
    CHECK(st == PG_ENOMEM && strcmp(err.message, "out of memory doing the work (Graphviz: renderer unavailable)") == 0,
          "a failure after \"out of memory\" on its stderr is PG_ENOMEM");
    free(text);
}

/* The caller's buffered bytes are written once: the child's exit()
 * would flush its copy of the buffer into the same file. */
static void buffers(void)
{
    FILE *f = tmpfile();
    char got[64] = "";
    pg_error err;
    pg_child_job job = { leave, NULL, "Tool", "doing the work" };
    setvbuf(f, NULL, _IOFBF, 4096);
    fputs("before|", f); /* still in the buffer */
    pg_status st = pg_child_run(&job, f, &err);
    fputs("after", f);
    rewind(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    CHECK(st == PG_EINTERNAL && strcmp(got, "before|after") == 0, "an exit() in the child never flushes the caller's "
          "buffered bytes a second time");
}

/* This process's stderr, while the works run, is a pipe read here. */
static void quiet(void)
{
    int before = open_fds();
    int fds[2], saved = dup(STDERR_FILENO);
    char *text = NULL, heard[256];
    size_t len = 0;
    pg_error err;
    if (pipe(fds) != 0 || saved < 0) {
        test_skip("nothing the child prints reaches the caller's stderr", strerror(errno));
        return;
    }
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    pg_child_work *works[] = { hand_back, crash, leave, starve };
    for (size_t i = 0; i < sizeof works / sizeof works[0]; i++) {
        run(works[i], NULL, &text, &len, &err);
        free(text);
    }
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    ssize_t n = read(fds[0], heard, sizeof heard - 1); /* every write end is closed now */
    close(fds[0]);
    CHECK(n == 0, "nothing the children print reaches the caller's stderr");
    CHECK(open_fds() == before, "no descriptor is left open");
    CHECK(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD, "every child is reaped");
}

static pg_status linger(void *arg, pg_child_bytes *out, pg_error *err)
{
    (void)arg, (void)out, (void)err;
    pause(); /* until killed */
    return PG_OK;
}

/* pg_child_start, then the caller's own work, then collect or abandon. */
static void beside(void)
{
    int before = open_fds();
    pg_child_job job = { hand_back, "big", "Tool", "doing the work" };
    pg_child c;
    pg_error err;
    char *text = NULL;
    size_t len = 0;
    pg_status st = pg_child_start(&job, &c, &err);
    volatile double mine = 0; /* the caller's work meanwhile */
    for (int i = 0; i < 1000000; i++)
        mine += i;
    FILE *f = open_memstream(&text, &len);
    if (st == PG_OK)
        st = pg_child_collect(&c, f, &err);
    fclose(f);
    CHECK(st == PG_OK && len == BIG && text[BIG - 1] == (char)('a' + (BIG - 1) % 26) && mine > 0,
          "started, a child works beside the caller; collected, its 3 MB come back whole");
    free(text);
    pg_child_job stuck = { linger, NULL, "Tool", "waiting" };
    st = pg_child_start(&stuck, &c, &err);
    if (st == PG_OK)
        pg_child_abandon(&c);
    CHECK(st == PG_OK && waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD && open_fds() == before,
          "an abandoned child is killed and reaped, its pipes closed");
    st = pg_child_start(&job, &c, &err);
    if (st == PG_OK)
        st = pg_child_collect(&c, NULL, &err);
    CHECK(st == PG_OK && open_fds() == before, "collected into no FILE: the bytes are dropped, the child reaped");
    pg_child_job five = { hand_back, NULL, "Tool", "doing the work" }; /* hands back "abcde" */
    st = pg_child_start(&five, &c, &err);
    if (st == PG_OK)
        st = pg_child_collect_bytes(&c, 5, &text, &err);
    CHECK(st == PG_OK && memcmp(text, "abcde", 5) == 0, "collected into memory: the 5 bytes expected");
    free(text);
    st = pg_child_start(&five, &c, &err);
    if (st == PG_OK)
        st = pg_child_collect_bytes(&c, 6, &text, &err);
    CHECK(st == PG_EINTERNAL && text == NULL, "5 bytes where 6 were expected: an internal error, nothing kept");
    CHECK_STR(err.message, "Tool doing the work handed back 5 bytes, not 6", "the message says how many came back");
    CHECK(open_fds() == before && waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD,
          "every child collected into memory is reaped, its pipes closed");
}

/* A thread in the child allocates from the main heap (child.c, one_heap). */
static void threads(void)
{
#ifdef ASAN_BUILD
    (void)crowd;
    test_skip("a thread's heap under an address-space limit", "AddressSanitizer's allocator is its own");
#else
    char *text = NULL;
    size_t len = 0;
    pg_error err;
    pg_status st = run(crowd, NULL, &text, &len, &err);
    CHECK(st == PG_OK, "32 MB of address space to spare: a thread's 200,000 small allocations all succeed (one heap)");
    if (st != PG_OK)
        fprintf(stderr, "# %s\n", err.message);
    free(text);
#endif
}

void run_tests(void)
{
    results();
    beside();
    endings();
    buffers();
    quiet();
    threads();
}
