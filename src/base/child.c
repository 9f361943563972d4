/* child.c - work run in a child process (child.h): the fork, the two
 * pipes, the parent's reading of them, the reaping, and what a child that
 * ended badly is reported as.
 *
 * The protocol: the child writes on its result pipe a header (the work's
 * status, the length of what follows) and then the bytes (PG_OK) or the
 * message (any other status), and leaves with _exit(0). Its standard
 * output and error are a second pipe. The parent polls both until both
 * end: the bytes go to the caller's FILE as they come (what follows the
 * announced length is ignored); the output is read line by line, keeping
 * the first line with text and noting whether any line says the memory ran
 * out, and is otherwise thrown away. Then the parent reaps the child
 * (retrying after EINTR) and reads its end: exit status 0 with all the
 * announced bytes received gives the work's status; a signal is a crash;
 * CHILD_EXITED is an exit() inside the work (the child's first act is an
 * atexit handler that turns any exit() into _exit(CHILD_EXITED), so the
 * caller's stdio buffers, copied into the child, are never flushed there
 * and the caller's atexit handlers, LeakSanitizer's among them, never run
 * there); CHILD_SEND_FAILED, a result that could not be written;
 * CHILD_LEAKED, in AddressSanitizer builds, a leak LeakSanitizer found in
 * the child before it left (it reports it on the child's stderr). Every
 * descriptor is closed on every path, and closed on exec meanwhile. */
#define _POSIX_C_SOURCE 200809L
#include "base/child.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* An AddressSanitizer build (GCC's macro, clang's feature test)? */
#if defined(__SANITIZE_ADDRESS__)
#define PG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PG_ASAN 1
#endif
#endif
#ifdef PG_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include "base/error.h"
#include "base/strbuf.h"

/* Exit statuses of the child other than 0 (its result sent). */
enum { CHILD_SEND_FAILED = 120, CHILD_EXITED = 121, CHILD_LEAKED = 122 };

/* The child's output lines are read up to LINE_BYTES; a message quotes
 * the first at most LINE_CHARS characters. Pipes are read CHUNK bytes at
 * a time. */
enum { LINE_BYTES = 512, LINE_CHARS = 160, CHUNK = 16384 };

typedef struct header {
    int32_t status; /* a pg_status */
    uint32_t unused;
    uint64_t len;   /* the bytes that follow */
} header;

/* What the parent has received. */
typedef struct reception {
    FILE *f;
    header head;
    size_t head_got;
    uint64_t got;                      /* bytes after the header, so far */
    char message[sizeof ((pg_error *)0)->message];
    char line[LINE_BYTES];             /* the output line being read */
    size_t line_len;
    char first[LINE_BYTES];            /* the first output line with text */
    bool memory;                       /* an output line said the memory ran out */
} reception;

int pg_fd_write_all(int fd, const void *data, size_t size)
{
    for (const char *p = data; size > 0;) {
        ssize_t done = write(fd, p, size);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return -1;
        p += done;
        size -= (size_t)done;
    }
    return 0;
}

/* ---- the child ---------------------------------------------------------- */

/* Under AddressSanitizer, whether LeakSanitizer finds a leak in the child
 * now (it reports it on the child's stderr): its own check runs at exit(),
 * which the child never reaches, so the work's leaks would go unseen. */
static bool leaked(void)
{
#ifdef PG_ASAN
    return __lsan_do_recoverable_leak_check() != 0;
#else
    return false;
#endif
}

/* The child's atexit handler: an exit() in the work ends here. */
static void exited(void)
{
    _exit(CHILD_EXITED);
}

/* The header, then `len` bytes of `data`, on `fd`. 0, or -1. */
static int send_result(int fd, pg_status st, const char *data, size_t len)
{
    header h = { (int32_t)st, 0, len };
    return pg_fd_write_all(fd, &h, sizeof h) == 0 && pg_fd_write_all(fd, data, len) == 0 ? 0 : -1;
}

/* Points standard output and error at `out` and keeps `*result` clear of
 * them (a caller may have closed them: a pipe may have got 1 or 2).
 * 0, or -1. */
static int redirect(int *result, int out)
{
    if (*result <= STDERR_FILENO && (*result = fcntl(*result, F_DUPFD, STDERR_FILENO + 1)) < 0)
        return -1;
    return dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0 ? -1 : 0;
}

/* Makes every thread the work starts allocate from the one main heap.
 * glibc gives a thread its own arena, a 64 MB reservation; when the
 * address space is too tight for one (ulimit -v) it falls back to one
 * mmap per allocation, so a thread making many small ones (pango's, which
 * loads fontconfig for Graphviz) runs for minutes instead of failing. In
 * the main heap such an allocation fails at once, and the child ends
 * "out of memory". The work's threads are few and short, so one heap
 * costs nothing. */
static void one_heap(void)
{
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    mallopt(M_ARENA_MAX, 1);
#endif
}

/* The child: runs the work and sends its result; never returns. */
static void child(const pg_child_job *job, const int result[2], const int out[2])
{
    pg_error e;
    pg_child_bytes bytes = { NULL, 0, NULL };
    int fd = result[1];
    close(result[0]);
    close(out[0]);
    if (redirect(&fd, out[1]) != 0 || atexit(exited) != 0)
        _exit(CHILD_SEND_FAILED);
    one_heap();
    pg_error_clear(&e);
    pg_status st = job->work(job->arg, &bytes, &e);
    int rc = st == PG_OK ? send_result(fd, st, bytes.data, bytes.len) : send_result(fd, st, e.message, strlen(e.message));
    if (bytes.release != NULL && bytes.data != NULL)
        bytes.release(bytes.data);
    _exit(rc != 0 ? CHILD_SEND_FAILED : leaked() ? CHILD_LEAKED : 0);
}

/* ---- the parent: receiving ----------------------------------------------- */

/* Bytes from the result pipe: the header first, then the payload (to the
 * caller's FILE, or the message). */
static void take_result(reception *r, const char *buf, size_t n)
{
    size_t h = sizeof r->head - r->head_got < n ? sizeof r->head - r->head_got : n;
    memcpy((char *)&r->head + r->head_got, buf, h);
    r->head_got += h;
    buf += h;
    n -= h;
    uint64_t room = r->head_got == sizeof r->head ? r->head.len - r->got : 0;
    n = n < room ? n : (size_t)room; /* nothing beyond what was announced */
    if (r->head.status == PG_OK && r->f != NULL)
        fwrite(buf, 1, n, r->f);
    else if (r->got < sizeof r->message - 1)
        memcpy(r->message + r->got, buf, n < sizeof r->message - 1 - r->got ? n : sizeof r->message - 1 - r->got);
    r->got += n;
}

/* One whole line of the child's output has been read. */
static void end_line(reception *r)
{
    r->line[r->line_len] = '\0';
    if (r->first[0] == '\0' && strspn(r->line, " \t\r") < r->line_len)
        memcpy(r->first, r->line, r->line_len + 1);
    if (strstr(r->line, "out of memory") != NULL || strstr(r->line, "Cannot allocate memory") != NULL)
        r->memory = true;
    r->line_len = 0;
}

/* Bytes from the output pipe, read line by line (long lines cut). */
static void take_output(reception *r, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n')
            end_line(r);
        else if (r->line_len < sizeof r->line - 1)
            r->line[r->line_len++] = buf[i];
    }
}

/* Reads what pipe `fd` has (the result pipe when `result`). Returns
 * false when it has ended (or failed: the child's end tells why). */
static bool take(int fd, reception *r, bool result)
{
    char buf[CHUNK];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN;
    if (n > 0 && result)
        take_result(r, buf, (size_t)n);
    else if (n > 0)
        take_output(r, buf, (size_t)n);
    else if (!result && r->line_len > 0)
        end_line(r); /* the last line had no line feed */
    return n > 0;
}

/* Reads both pipes (fds[0] the result, fds[1] the output) until both
 * end, and closes them. False when waiting failed (errno says why). */
static bool receive(const int fds[2], reception *r)
{
    struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLIN, 0 } };
    int failed = 0;
    while (!failed && (p[0].fd >= 0 || p[1].fd >= 0)) {
        int ready = poll(p, 2, -1); /* entries with fd -1 are skipped */
        failed = ready < 0 && errno != EINTR ? errno : 0;
        for (int i = 0; i < 2 && ready > 0; i++)
            if (p[i].fd >= 0 && p[i].revents != 0 && !take(p[i].fd, r, i == 0)) {
                close(p[i].fd);
                p[i].fd = -1;
            }
    }
    for (int i = 0; i < 2; i++)
        if (p[i].fd >= 0)
            close(p[i].fd);
    errno = failed;
    return failed == 0;
}

/* ---- the parent: the child's end ------------------------------------------ */

/* Waits for the child, retrying after EINTR. True with its status, or
 * false when it cannot be known (SIGCHLD ignored, say). */
static bool reap(pid_t pid, int *status)
{
    while (waitpid(pid, status, 0) < 0)
        if (errno != EINTR)
            return false;
    return true;
}

/* How a child that did not hand back its result ended: who ("Graphviz"
 * or "the Graphviz process"), a verb and a detail (may be empty). */
static void ending(const pg_child_job *job, bool known, int status, pg_strbuf *who, const char **verb, pg_strbuf *detail)
{
    bool work = known && (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_EXITED));
    pg_strbuf_printf(who, work ? "%s" : "the %s process", job->who);
    *verb = !work ? "failed" : WIFSIGNALED(status) ? "crashed" : "exited";
    if (known && WIFSIGNALED(status))
        pg_strbuf_printf(detail, "signal %d, %s", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (known && WIFEXITED(status) && WEXITSTATUS(status) == CHILD_SEND_FAILED)
        pg_strbuf_printf(detail, "it could not hand back its result");
    else if (known && WIFEXITED(status) && WEXITSTATUS(status) == CHILD_LEAKED)
        pg_strbuf_printf(detail, "LeakSanitizer found a leak");
    else if (known && WIFEXITED(status) && WEXITSTATUS(status) != 0 && !work)
        pg_strbuf_printf(detail, "exit status %d", WEXITSTATUS(status));
    else if (!work)
        pg_strbuf_printf(detail, "it ended without handing back its result");
}

/* The error for a child that did not hand back its result: "Graphviz
 * crashed drawing the picture (signal 11, ...)", or "out of memory
 * drawing the picture (Graphviz crashed: signal 11, ...)" when its output
 * said so; then its first output line, quoted. */
static pg_status failure(const pg_child_job *job, const reception *r, bool known, int status, pg_error *err)
{
    char text[sizeof r->message], who[64], detail[128];
    const char *verb;
    pg_strbuf b = pg_strbuf_init(text, sizeof text), w = pg_strbuf_init(who, sizeof who),
              d = pg_strbuf_init(detail, sizeof detail);
    ending(job, known, status, &w, &verb, &d);
    if (r->memory)
        pg_strbuf_printf(&b, "out of memory %s (%s %s%s%s)", job->what, who, verb, d.len ? ": " : "", detail);
    else
        pg_strbuf_printf(&b, "%s %s %s%s%s%s", who, verb, job->what, d.len ? " (" : "", detail, d.len ? ")" : "");
    if (r->first[0] != '\0') {
        pg_strbuf_printf(&b, ": ");
        pg_strbuf_quote(&b, r->first, LINE_CHARS);
    }
    return pg_error_set(err, r->memory ? PG_ENOMEM : PG_EINTERNAL, "%s", text);
}

/* The result of a reaped child. */
static pg_status verdict(const pg_child_job *job, const reception *r, bool known, int status, pg_error *err)
{
    bool whole = r->head_got == sizeof r->head && r->got == r->head.len;
    if (!whole || (known && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)))
        return failure(job, r, known, status, err);
    if (r->head.status == PG_OK)
        return PG_OK;
    pg_status st = r->head.status > PG_OK && r->head.status <= PG_EINTERNAL ? (pg_status)r->head.status : PG_EINTERNAL;
    if (st == PG_EINTERNAL && r->memory) /* the work failed as the memory ran out */
        return pg_error_set(err, PG_ENOMEM, "out of memory %s (%s)", job->what, r->message);
    return pg_error_set(err, st, "%s", r->message);
}

/* ---- the parent: starting ------------------------------------------------- */

/* A pipe whose ends are closed on exec (a program the host starts
 * meanwhile must not hold them). 0, or -1 with errno set. */
static int cloexec_pipe(int fds[2])
{
    if (pipe(fds) != 0) {
        fds[0] = fds[1] = -1;
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

/* Closes the ends of `fds` that are open (not -1). */
static void close_pipe(const int fds[2])
{
    for (int i = 0; i < 2; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

/* The error for a pipe or process that could not be made (errno `e`). */
static pg_status cannot(const pg_child_job *job, const char *what, int e, pg_error *err)
{
    return pg_error_set_errno(err, e == ENOMEM ? PG_ENOMEM : PG_EINTERNAL, e, "cannot %s for %s %s", what,
                              job->who, job->what);
}

/* Reads the started child's pipes (closing them), reaps it and says how
 * it went. */
static pg_status collect(const pg_child_job *job, pid_t pid, const int fds[2], FILE *f, pg_error *err)
{
    reception r = { .f = f };
    int status = 0;
    bool received = receive(fds, &r);
    int e = errno;
    if (!received)
        kill(pid, SIGKILL);
    bool known = reap(pid, &status);
    if (!received)
        return pg_error_set_errno(err, PG_EINTERNAL, e, "waiting for %s %s failed", job->who, job->what);
    return verdict(job, &r, known, status, err);
}

pg_status pg_child_start(const pg_child_job *job, pg_child *c, pg_error *err)
{
    int result[2] = { -1, -1 }, out[2] = { -1, -1 };
    if (cloexec_pipe(result) != 0 || cloexec_pipe(out) != 0) {
        int e = errno;
        close_pipe(result);
        close_pipe(out);
        return cannot(job, "make a pipe", e, err);
    }
    pid_t pid = fork();
    if (pid == 0)
        child(job, result, out);
    int e = errno;
    close(result[1]);
    close(out[1]);
    *c = (pg_child){ job, (long)pid, { result[0], out[0] } };
    if (pid < 0) {
        close_pipe(c->fds);
        return cannot(job, "start a process", e, err);
    }
    return PG_OK;
}

pg_status pg_child_collect(pg_child *c, FILE *f, pg_error *err)
{
    return collect(c->job, (pid_t)c->pid, c->fds, f, err);
}

pg_status pg_child_collect_bytes(pg_child *c, size_t want, char **bytes, pg_error *err)
{
    size_t len = 0;
    *bytes = NULL;
    FILE *f = open_memstream(bytes, &len); /* NULL: the child is still reaped, its bytes dropped */
    pg_status st = pg_child_collect(c, f, err);
    if (f == NULL || fclose(f) != 0)
        st = pg_error_set(err, PG_ENOMEM, "out of memory keeping what %s handed back %s", c->job->who,
                          c->job->what);
    else if (st == PG_OK && len != want)
        st = pg_error_set(err, PG_EINTERNAL, "%s %s handed back %zu bytes, not %zu", c->job->who, c->job->what, len,
                          want);
    if (st != PG_OK) {
        free(*bytes);
        *bytes = NULL;
    }
    return st;
}

void pg_child_bytes_free(char *data)
{
    free(data);
}

void pg_child_abandon(pg_child *c)
{
    pg_error ignored;
    kill((pid_t)c->pid, SIGKILL);
    collect(c->job, (pid_t)c->pid, c->fds, NULL, &ignored);
}

pg_status pg_child_run(const pg_child_job *job, FILE *f, pg_error *err)
{
    pg_child c;
    pg_status st = pg_child_start(job, &c, err);
    return st == PG_OK ? pg_child_collect(&c, f, err) : st;
}
