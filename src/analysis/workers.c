/* workers.c - see workers.h. With more than one job the parent forks that
 * many children; child w computes chunks w, w + jobs, w + 2 jobs, ... in
 * that order and writes each chunk's vector (n doubles) to its own pipe.
 * The parent takes from every pipe as data comes (poll), keeps one chunk
 * per child, and adds the chunks up in chunk order: a child whose next
 * chunk is held waits (on a full pipe) only until the chunks before it,
 * being computed by the others, have been added, so nothing deadlocks and
 * the children run ahead of the sum by a chunk. Children leave with _exit (never flushing
 * the parent's stdio buffers nor running its atexit handlers) and report
 * nothing but their vectors and their exit status; a short read means
 * that child died (crash, out of memory, write error): the parent kills
 * and reaps every child, then fails. A child out of memory exits with
 * WORKER_NOMEM, one that meets an igraph fatal error (an assertion) with
 * WORKER_FATAL, without printing (its fatal handler is its own, never
 * the parent's, which would longjmp into the parent's code), and the
 * parent's error says so. Children report no progress; the
 * parent does, one step per chunk. When a pipe or a process cannot be
 * made (a process limit, memory), the workers started are killed and
 * every chunk is computed in the calling process instead.
 *
 * Test hook, for the tests of the failure path only: with the environment
 * variable PARTYGRAPH_TEST_WORKER_FAIL=exit every worker process exits
 * with status 1 before its first chunk; with =signal it kills itself. */
#define _POSIX_C_SOURCE 200809L
#include "analysis/workers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/child.h"

enum { MAX_JOBS = PG_WORKER_CHUNKS, POLL_FAILED = -2 };
enum { WORKER_FAILED = 1, WORKER_NOMEM = 2, WORKER_FATAL = 3 }; /* exit statuses of a worker */

typedef struct job {
    const igraph_t *ig;
    const igraph_vector_t *lengths;
    const igraph_integer_t *sources; /* k of them */
    igraph_integer_t k, n;
    int chunks;
} job;

typedef struct pool {
    int started;
    pid_t pid[MAX_JOBS];
    int fd[MAX_JOBS]; /* read ends */
} pool;

int pg_workers_count(int jobs)
{
    long cpus = jobs > 0 ? jobs : sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : (int)cpus;
}

/* How many chunks k sources make. */
static int chunk_count(igraph_integer_t k)
{
    igraph_integer_t c = k / PG_WORKER_CHUNK_MIN;
    return c < 1 ? 1 : c > PG_WORKER_CHUNKS ? PG_WORKER_CHUNKS : (int)c;
}

/* Chunk c's betweenness into `res`: c's sources are entries
 * [k c / chunks, k (c + 1) / chunks) of the source list. */
static igraph_error_t chunk(const job *j, int c, igraph_vector_t *res)
{
    igraph_integer_t from = j->k * c / j->chunks, to = j->k * (c + 1) / j->chunks;
    igraph_vector_int_t view = { 0 };
    igraph_vector_int_view(&view, j->sources + from, to - from);
    if (to == from) { /* no sources at all */
        IGRAPH_CHECK(igraph_vector_resize(res, j->n));
        igraph_vector_null(res);
        return IGRAPH_SUCCESS;
    }
    return igraph_betweenness_subset(j->ig, res, igraph_vss_all(), IGRAPH_UNDIRECTED, igraph_vss_vector(&view),
                                     igraph_vss_all(), j->lengths);
}

/* Every chunk here, in order; igraph's per-call progress is replaced by
 * one step per chunk. */
static igraph_error_t in_process(const job *j, igraph_vector_t *out)
{
    igraph_vector_t part;
    IGRAPH_VECTOR_INIT_FINALLY(&part, 0);
    for (int c = 0; c < j->chunks; c++) {
        igraph_progress_handler_t *progress = igraph_set_progress_handler(NULL);
        igraph_error_t rc = chunk(j, c, &part);
        igraph_set_progress_handler(progress);
        IGRAPH_CHECK(rc);
        IGRAPH_CHECK(igraph_vector_add(out, &part));
        igraph_progress("Betweenness centrality", 100.0 * (c + 1) / j->chunks, NULL);
    }
    igraph_vector_destroy(&part);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* A worker's igraph fatal handler: leave, saying so by the status. */
static void child_fatal(const char *reason, const char *file, int line)
{
    (void)reason, (void)file, (void)line;
    _exit(WORKER_FATAL);
}

/* Worker w of `jobs`: its chunks into pipe `fd`, then _exit. */
static void child(const job *j, int w, int jobs, int fd)
{
    const char *hook = getenv("PARTYGRAPH_TEST_WORKER_FAIL");
    igraph_vector_t part;
    igraph_error_t rc = IGRAPH_SUCCESS;
    igraph_set_progress_handler(NULL);
    igraph_set_fatal_handler(child_fatal);
    if (hook && strcmp(hook, "exit") == 0)
        _exit(WORKER_FAILED);
    if (hook && strcmp(hook, "signal") == 0)
        raise(SIGKILL);
    if (igraph_vector_init(&part, 0) != IGRAPH_SUCCESS)
        _exit(WORKER_NOMEM);
    for (int c = w; c < j->chunks; c += jobs) {
        if ((rc = chunk(j, c, &part)) != IGRAPH_SUCCESS)
            _exit(rc == IGRAPH_ENOMEM ? WORKER_NOMEM : WORKER_FAILED);
        if (pg_fd_write_all(fd, VECTOR(part), (size_t)j->n * sizeof(double)) != 0)
            _exit(WORKER_FAILED);
    }
    _exit(0);
}

/* Forks the workers; on failure says why in `why` (those started are
 * reaped by the caller). */
static void start(pool *p, const job *j, int jobs, char *why, size_t size)
{
    for (int w = 0; w < jobs; w++) {
        int fds[2];
        if (pipe(fds) != 0) {
            snprintf(why, size, "cannot make a pipe for a worker process: %s", strerror(errno));
            return;
        }
        /* a program the host starts meanwhile must not hold a write end (the parent would wait for ever) */
        fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            for (int i = 0; i < w; i++)
                close(p->fd[i]);
            child(j, w, jobs, fds[1]);
        }
        close(fds[1]);
        if (pid < 0) {
            close(fds[0]);
            snprintf(why, size, "cannot start a worker process: %s", strerror(errno));
            return;
        }
        p->pid[w] = pid;
        p->fd[w] = fds[0];
        p->started++;
    }
}

/* What the parent holds of one worker's next chunk: the bytes so far, and
 * how many of its chunks are still to come (this one included). */
typedef struct inbox {
    double *data; /* n */
    size_t got;
    int left;
} inbox;

/* Waits until a worker whose next chunk is incomplete sends more, and
 * takes it. Returns -1, a worker whose pipe ended early or failed, or
 * POLL_FAILED (errno says why). */
static int receive(const pool *p, inbox *in, size_t size)
{
    struct pollfd fds[MAX_JOBS];
    int who[MAX_JOBS], k = 0;
    for (int w = 0; w < p->started; w++)
        if (in[w].got < size && in[w].left > 0) {
            fds[k] = (struct pollfd){ p->fd[w], POLLIN, 0 };
            who[k++] = w;
        }
    int ready = poll(fds, (nfds_t)k, -1);
    if (ready < 0)
        return errno == EINTR ? -1 : POLL_FAILED;
    for (int i = 0; i < k; i++) {
        inbox *x = &in[who[i]];
        if (fds[i].revents == 0)
            continue;
        ssize_t done = read(fds[i].fd, (char *)x->data + x->got, size - x->got);
        if (done == 0 || (done < 0 && errno != EINTR))
            return who[i];
        x->got += done > 0 ? (size_t)done : 0;
        x->left -= x->got == size;
    }
    return -1;
}

/* Sums the chunks into `out` in chunk order as they arrive, from
 * `buffer` (one chunk per worker): a worker never waits for the parent
 * while the chunk before its next one is still being computed elsewhere.
 * Returns -1, the worker that failed, or POLL_FAILED. */
static int collect(const pool *p, const job *j, igraph_vector_t *buffer, igraph_vector_t *out)
{
    size_t size = (size_t)j->n * sizeof(double);
    inbox in[MAX_JOBS];
    for (int w = 0; w < p->started; w++)
        in[w] = (inbox){ VECTOR(*buffer) + (size_t)w * (size_t)j->n, 0,
                         (j->chunks - w + p->started - 1) / p->started };
    for (int c = 0; c < j->chunks;) {
        inbox *next = &in[c % p->started];
        int failed = next->got == size ? -1 : receive(p, in, size);
        if (failed != -1)
            return failed;
        if (next->got < size)
            continue;
        for (igraph_integer_t v = 0; v < j->n; v++)
            VECTOR(*out)[v] += next->data[v];
        next->got = 0;
        igraph_progress("Betweenness centrality", 100.0 * ++c / j->chunks, NULL);
    }
    return -1;
}

/* Kills every worker when one failed (or none could start: one that has
 * already exited keeps its status), reaps them all, and says in `why` how
 * the failed one ended, or the first that ended badly. */
static void reap(pool *p, int failed, bool kill_all, char *why, size_t size)
{
    for (int w = 0; w < p->started; w++) {
        if (kill_all)
            kill(p->pid[w], SIGKILL);
        close(p->fd[w]);
    }
    for (int w = 0; w < p->started; w++) {
        int status = 0;
        while (waitpid(p->pid[w], &status, 0) < 0 && errno == EINTR)
            continue;
        bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (why[0] != '\0' || (ok && w != failed) || (kill_all && w != failed))
            continue;
        if (WIFEXITED(status) && WEXITSTATUS(status) == WORKER_NOMEM)
            snprintf(why, size, "betweenness worker process %d of %d ran out of memory", w + 1, p->started);
        else if (WIFEXITED(status) && WEXITSTATUS(status) == WORKER_FATAL)
            snprintf(why, size, "betweenness worker process %d of %d met an igraph fatal error", w + 1, p->started);
        else if (WIFEXITED(status))
            snprintf(why, size, "betweenness worker process %d of %d failed (exit status %d)", w + 1, p->started,
                     WEXITSTATUS(status));
        else
            snprintf(why, size, "betweenness worker process %d of %d failed (killed by signal %d)", w + 1,
                     p->started, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
}

static igraph_error_t in_workers(const job *j, int jobs, igraph_vector_t *out)
{
    pool p = { 0 };
    char why[256] = "";
    igraph_vector_t buffer;
    IGRAPH_VECTOR_INIT_FINALLY(&buffer, (igraph_integer_t)jobs * j->n);
    start(&p, j, jobs, why, sizeof why);
    if (why[0] != '\0') { /* no pipe or process to spare: every chunk here instead, same sums */
        reap(&p, -1, true, why, sizeof why);
        igraph_vector_destroy(&buffer);
        IGRAPH_FINALLY_CLEAN(1);
        return in_process(j, out);
    }
    int failed = collect(&p, j, &buffer, out);
    if (failed == POLL_FAILED)
        snprintf(why, sizeof why, "waiting for the betweenness worker processes failed: %s", strerror(errno));
    reap(&p, failed, failed != -1 || why[0] != '\0', why, sizeof why);
    igraph_vector_destroy(&buffer);
    IGRAPH_FINALLY_CLEAN(1);
    if (why[0] != '\0')
        IGRAPH_ERRORF("%s", strstr(why, "out of memory") ? IGRAPH_ENOMEM : IGRAPH_FAILURE, why);
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_workers_betweenness(const igraph_t *ig, const igraph_vector_t *lengths,
                                      const igraph_vector_int_t *sources, int jobs, igraph_vector_t *out)
{
    igraph_integer_t n = igraph_vcount(ig);
    igraph_vector_int_t all;
    IGRAPH_CHECK(igraph_vector_int_init_range(&all, 0, sources ? 0 : n));
    IGRAPH_FINALLY(igraph_vector_int_destroy, &all);
    const igraph_vector_int_t *s = sources ? sources : &all;
    job j = { ig, lengths, VECTOR(*s), igraph_vector_int_size(s), n, chunk_count(igraph_vector_int_size(s)) };
    IGRAPH_CHECK(igraph_vector_resize(out, n));
    igraph_vector_null(out);
    int w = pg_workers_count(jobs);
    w = w < j.chunks ? w : j.chunks;
    if (w > 1)
        IGRAPH_CHECK(in_workers(&j, w, out));
    else
        IGRAPH_CHECK(in_process(&j, out));
    igraph_vector_int_destroy(&all);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}
