/* child.h - running work that may crash, exit or print (a library such as
 * Graphviz) in a child process, and taking back the bytes it makes.
 * Private to the library. */
#ifndef PG_CHILD_H
#define PG_CHILD_H

#include <stddef.h>
#include <stdio.h>

#include "partygraph.h"

/* The bytes a piece of work hands back. They are sent to the parent
 * from the child, then `release` (when not NULL) frees `data`. */
typedef struct pg_child_bytes {
    char *data;
    size_t len;
    void (*release)(char *data);
} pg_child_bytes;

/* A `release` that frees `data` with free(). */
void pg_child_bytes_free(char *data);

/* The work itself, run in the child: PG_OK with *out filled, or another
 * status with the reason in `err` (its message is handed back). */
typedef pg_status pg_child_work(void *arg, pg_child_bytes *out, pg_error *err);

/* A piece of work and the words its failures are told in: "Graphviz
 * crashed drawing the picture" has `who` "Graphviz" and `what` "drawing
 * the picture". */
typedef struct pg_child_job {
    pg_child_work *work;
    void *arg;
    const char *who;
    const char *what;
} pg_child_job;

/* Runs job->work(job->arg) in a forked child process and writes the
 * bytes it hands back to `f` (with fwrite: write errors show in
 * ferror(f)). The child's standard output and error go to a pipe the
 * parent drains, never to the caller's terminal; the child leaves with
 * _exit (never flushing the caller's stdio buffers, even when the work
 * calls exit()), and is always reaped before this returns. Returns:
 *   - the work's own status and message; PG_ENOMEM "out of memory WHAT
 *     (MESSAGE)" instead of PG_EINTERNAL when the child's output said
 *     "out of memory" or "Cannot allocate memory";
 *   - when the child ended otherwise, PG_EINTERNAL "WHO crashed WHAT
 *     (signal 11, Segmentation fault)", "WHO exited WHAT" (an exit() in
 *     the work), "the WHO process failed WHAT (exit status N)" (or "(it
 *     ended without handing back its result)"); PG_ENOMEM "out of memory
 *     WHAT (WHO crashed: signal 11, ...)" when its output said so as
 *     above; each followed by ": " and the first line of its output with
 *     text, quoted, when there was one;
 *   - when no pipe or process can be made (a process limit, memory):
 *     PG_ENOMEM (ENOMEM) or PG_EINTERNAL, "cannot start a process for WHO
 *     WHAT: REASON". The work is never done in this process instead.
 * On a failure `f` may hold part of the bytes. Not while other threads
 * may hold locks the work needs in the child (stderr's, the dynamic
 * loader's; glibc's fork takes care of malloc's). */
pg_status pg_child_run(const pg_child_job *job, FILE *f, pg_error *err);

/* A child process started by pg_child_start, running beside the caller
 * until pg_child_collect. */
typedef struct pg_child {
    const pg_child_job *job; /* the caller's, alive until collected */
    long pid;
    int fds[2];              /* the ends of its result and output pipes */
} pg_child;

/* pg_child_run in two halves, so that the caller works meanwhile: starts
 * job->work in a forked child and returns PG_OK with `c` to be passed to
 * pg_child_collect exactly once, or the error of a pipe or process that
 * could not be made (nothing to collect then). The child blocks once
 * its result fills the pipe, until collected. The same caveat about
 * threads as pg_child_run's. */
pg_status pg_child_start(const pg_child_job *job, pg_child *c, pg_error *err);

/* Waits for the child `c` started, writes the bytes it hands back to `f`
 * (NULL: drops them) and reaps it: what pg_child_run returns. */
pg_status pg_child_collect(pg_child *c, FILE *f, pg_error *err);

/* pg_child_collect into memory: *bytes (malloc'd, the caller frees it;
 * NULL on failure) holds what the child handed back. PG_OK only when
 * exactly `want` bytes came back; "WHO WHAT handed back N bytes, not
 * WANT" (PG_EINTERNAL) otherwise, PG_ENOMEM when there was no memory to keep
 * them (the child is reaped all the same), or the child's failure. */
pg_status pg_child_collect_bytes(pg_child *c, size_t want, char **bytes, pg_error *err);

/* Ends the child `c` started (SIGKILL) and reaps it, instead of
 * collecting it: for a caller that fails meanwhile. */
void pg_child_abandon(pg_child *c);

/* Writes all `size` bytes of `data` to `fd`, retrying after EINTR and
 * short writes. 0, or -1 with errno set. */
int pg_fd_write_all(int fd, const void *data, size_t size);

#endif
