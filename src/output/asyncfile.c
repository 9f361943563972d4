/* asyncfile.c - see asyncfile.h. The stream is a glibc cookie stream
 * (fopencookie): stdio calls cookie_write with each full buffer, and on
 * fflush with the rest. Two buffers of the stream's own take turns: the
 * thread writes one while the next is copied into the other; a hand-over
 * waits only while both are busy. */
#define _GNU_SOURCE /* fopencookie, sync_file_range */
#include "output/asyncfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The thread's stack: it calls write and waits, nothing more. */
enum { STACK = 256 << 10 };

struct pg_async {
    int fd;
    size_t cap;          /* bytes of each of buf[] */
    char *buf[2];        /* NULL until the thread starts */
    size_t len[2];
    int queued;          /* the buffer waiting for the thread, or -1 */
    int writing;         /* the buffer the thread is writing, or -1 */
    int error;           /* the first failed write's errno, or 0 */
    off_t written;       /* bytes the thread has written */
    bool tried, started, stop;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* queued, writing, error or stop changed */
};

/* Writes the n bytes at p to fd; 0, or an errno. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* ---- the thread ------------------------------------------------------ */

/* Waits (lock held) for a queued buffer and takes it; -1 when told to
 * stop with nothing queued. */
static int take(pg_async *a)
{
    while (a->queued < 0 && !a->stop)
        pthread_cond_wait(&a->changed, &a->lock);
    int i = a->queued;
    a->writing = i;
    a->queued = -1;
    pthread_cond_broadcast(&a->changed);
    return i;
}

/* Writes buffer i at the end of the file and asks the kernel to start
 * sending it to the disk (a hint: the file is synced at the end, and most
 * of it is then there already); 0 or an errno. */
static int write_buffer(pg_async *a, int i)
{
    int e = write_all(a->fd, a->buf[i], a->len[i]);
    if (e == 0)
        (void)sync_file_range(a->fd, a->written, (off_t)a->len[i], SYNC_FILE_RANGE_WRITE);
    a->written += (off_t)a->len[i];
    return e;
}

/* Writes each buffer handed over, unless a write has failed (then drops
 * it: nothing is written after a failure). */
static void *run(void *arg)
{
    pg_async *a = arg;
    pthread_mutex_lock(&a->lock);
    for (int i; (i = take(a)) >= 0;) {
        bool failed = a->error != 0;
        pthread_mutex_unlock(&a->lock);
        int e = failed ? 0 : write_buffer(a, i);
        pthread_mutex_lock(&a->lock);
        a->error = a->error ? a->error : e;
        a->writing = -1;
        pthread_cond_broadcast(&a->changed);
    }
    pthread_mutex_unlock(&a->lock);
    return NULL;
}

/* Starts the thread with every signal blocked (inherited: none can reach
 * it before it runs), and a small stack, once; false when it cannot. */
static bool start(pg_async *a)
{
    sigset_t all, old;
    pthread_attr_t attr;
    if (a->tried)
        return a->started;
    a->tried = true;
    if ((a->buf[0] = malloc(a->cap)) == NULL || (a->buf[1] = malloc(a->cap)) == NULL ||
        pthread_attr_init(&attr) != 0)
        return false;
    (void)pthread_attr_setstacksize(&attr, STACK); /* the default when refused */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    a->started = pthread_create(&a->thread, &attr, run, a) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return a->started;
}

/* ---- the caller's side ----------------------------------------------- */

int pg_async_drain(pg_async *a)
{
    pthread_mutex_lock(&a->lock);
    while (a->queued >= 0 || a->writing >= 0)
        pthread_cond_wait(&a->changed, &a->lock);
    int e = a->error;
    pthread_mutex_unlock(&a->lock);
    errno = e ? e : errno;
    return e ? -1 : 0;
}

/* Writes the `size` bytes at `buf` here, after what was handed over;
 * 0 or an errno. */
static int write_here(pg_async *a, const char *buf, size_t size)
{
    if (pg_async_drain(a) != 0)
        return errno;
    int e = write_all(a->fd, buf, size);
    pthread_mutex_lock(&a->lock);
    a->error = a->error ? a->error : e;
    a->written += (off_t)size;
    pthread_mutex_unlock(&a->lock);
    return e;
}

/* Copies the `size` bytes at `buf` into the buffer the thread is not
 * writing and queues it, once the last one queued was taken; 0 or the
 * errno of a failed write. */
static int hand_over(pg_async *a, const char *buf, size_t size)
{
    pthread_mutex_lock(&a->lock);
    while (a->queued >= 0 && a->error == 0)
        pthread_cond_wait(&a->changed, &a->lock);
    int e = a->error;
    if (e == 0) {
        int i = a->writing == 0 ? 1 : 0;
        memcpy(a->buf[i], buf, size);
        a->len[i] = size;
        a->queued = i;
        pthread_cond_broadcast(&a->changed);
    }
    pthread_mutex_unlock(&a->lock);
    return e;
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
    pg_async *a = cookie;
    bool threaded = size <= a->cap && (a->started || (size >= a->cap / 2 && start(a))); /* a full buffer */
    int e = threaded ? hand_over(a, buf, size) : write_here(a, buf, size);
    if (e != 0) {
        errno = e;
        return 0; /* stdio's sign of an error */
    }
    return (ssize_t)size;
}

static int cookie_close(void *cookie)
{
    pg_async *a = cookie;
    int rc = pg_async_drain(a), e = errno;
    if (a->started) {
        pthread_mutex_lock(&a->lock);
        a->stop = true;
        pthread_cond_broadcast(&a->changed);
        pthread_mutex_unlock(&a->lock);
        pthread_join(a->thread, NULL);
    }
    free(a->buf[0]);
    free(a->buf[1]);
    pthread_mutex_destroy(&a->lock);
    pthread_cond_destroy(&a->changed);
    free(a);
    errno = e;
    return rc == 0 ? 0 : EOF;
}

FILE *pg_async_open(int fd, size_t buffer_size, pg_async **handle)
{
    static const cookie_io_functions_t io = { NULL, cookie_write, NULL, cookie_close };
    pg_async *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    *a = (pg_async){ .fd = fd, .cap = buffer_size, .queued = -1, .writing = -1 };
    pthread_mutex_init(&a->lock, NULL);
    pthread_cond_init(&a->changed, NULL);
    FILE *f = fopencookie(a, "w", io);
    if (f == NULL) {
        pthread_mutex_destroy(&a->lock);
        pthread_cond_destroy(&a->changed);
        free(a);
        return NULL;
    }
    *handle = a;
    return f;
}
