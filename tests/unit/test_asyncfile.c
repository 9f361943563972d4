/* test_asyncfile.c - a stream written through a thread of its own
 * (src/output/asyncfile.c): the bytes of many fwrite calls of every size,
 * some larger than a buffer, reach the file exactly and in order; a file
 * that never fills a buffer starts no thread, a larger one starts one
 * (with the termination signals blocked) that fclose stops; fclose leaves
 * the descriptor open; a write that fails (the file size limit: EFBIG)
 * fails the stream with that errno, through fflush or pg_async_drain,
 * and nothing is written after it. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "output/asyncfile.h"

enum { BUFFER = 64 << 10, TOTAL = 5 << 20 };

/* A new empty file in the temporary directory, open for writing; its
 * name is left in `name` (for unlink). */
static int temp_file(char name[64])
{
    snprintf(name, 64, "/tmp/pg-asyncfile-XXXXXX");
    return mkstemp(name);
}

/* How many threads this process has. */
static int threads(void)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* The byte at offset i of the test pattern. */
static char pattern(size_t i)
{
    return (char)((i * 2654435761u) >> 13);
}

/* Writes TOTAL pattern bytes to f in pieces of growing, uneven sizes (up
 * to 3 buffers at once); false when a write fails. */
static bool write_pattern(FILE *f)
{
    static char piece[3 * BUFFER];
    size_t at = 0, size = 1;
    while (at < TOTAL) {
        size_t n = size < TOTAL - at ? size : TOTAL - at;
        for (size_t i = 0; i < n; i++)
            piece[i] = pattern(at + i);
        if (fwrite(piece, 1, n, f) != n)
            return false;
        at += n;
        size = (size * 7 + 13) % sizeof piece + 1;
    }
    return true;
}

/* Does the file hold exactly the TOTAL pattern bytes? */
static bool holds_pattern(const char *name)
{
    FILE *f = fopen(name, "rb");
    size_t i = 0;
    bool same = f != NULL;
    for (int c; same && (c = getc(f)) != EOF; i++)
        same = (char)c == pattern(i);
    if (f)
        fclose(f);
    return same && i == TOTAL;
}

/* SigBlk of this process's other thread has SIGINT and SIGTERM. */
static bool other_thread_blocks_signals(void)
{
    char path[300], line[256];
    DIR *d = opendir("/proc/self/task");
    bool found = false, blocked = false;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || atoi(e->d_name) == getpid())
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        FILE *f = fopen(path, "r");
        while (f && fgets(line, sizeof line, f))
            if (strncmp(line, "SigBlk:", 7) == 0) {
                unsigned long long mask = strtoull(line + 7, NULL, 16);
                found = true;
                blocked = (mask >> (SIGINT - 1) & 1) && (mask >> (SIGTERM - 1) & 1) && (mask >> (SIGHUP - 1) & 1);
            }
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
    return found && blocked;
}

static void bytes_and_threads(void)
{
    char name[64];
    int fd = temp_file(name);
    pg_async *a = NULL;
    int before = threads();
    FILE *f = pg_async_open(fd, BUFFER, &a);
    static char buffer[BUFFER];
    CHECK(f != NULL && a != NULL, "the stream opens");
    setvbuf(f, buffer, _IOFBF, sizeof buffer);
    fputs("small", f);
    CHECK(fflush(f) == 0 && pg_async_drain(a) == 0 && threads() == before, "a file that never fills a buffer starts no thread");
    CHECK(write_pattern(f), "every write is taken");
    CHECK(threads() == before + 1, "a larger file starts one thread");
    CHECK(other_thread_blocks_signals(), "the thread blocks the termination signals");
    CHECK(fclose(f) == 0, "fclose succeeds");
    CHECK(threads() == before, "fclose stops the thread");
    CHECK(fcntl(fd, F_GETFD) != -1, "fclose leaves the descriptor open");
    ftruncate(fd, 0);
    lseek(fd, 0, SEEK_SET);
    f = pg_async_open(fd, BUFFER, &a);
    setvbuf(f, buffer, _IOFBF, sizeof buffer);
    bool written = write_pattern(f) && fflush(f) == 0 && pg_async_drain(a) == 0 && fclose(f) == 0;
    CHECK(written && holds_pattern(name), "the file holds exactly the bytes written, in order");
    close(fd);
    unlink(name);
}

/* Under a file size limit of 1 MiB (SIGXFSZ ignored: EFBIG). */
static void write_fails(void)
{
    char name[64];
    int fd = temp_file(name);
    struct rlimit old, small = { 1 << 20, 0 };
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &small);
    pg_async *a = NULL;
    FILE *f = pg_async_open(fd, BUFFER, &a);
    static char buffer[BUFFER];
    setvbuf(f, buffer, _IOFBF, sizeof buffer);
    bool wrote = write_pattern(f), flushed = wrote && fflush(f) == 0;
    errno = 0;
    int drained = pg_async_drain(a), e = errno;
    CHECK(!flushed && drained == -1 && e == EFBIG, "a failed write fails the stream with its errno (EFBIG)");
    CHECK(ferror(f), "the stream's error flag is set");
    setrlimit(RLIMIT_FSIZE, &old); /* writes would succeed again: none may be made */
    signal(SIGXFSZ, was);
    clearerr(f);
    bool more = write_pattern(f) && fflush(f) == 0;
    CHECK(!more && fclose(f) == EOF, "after a failure every write fails, and fclose says so");
    struct stat st;
    fstat(fd, &st);
    CHECK(st.st_size <= (off_t)small.rlim_cur, "nothing is written after the failure");
    close(fd);
    unlink(name);
}

void run_tests(void)
{
    bytes_and_threads();
    write_fails();
}
