/* lockfile.c - an output directory's lock (see lockfile.h). Taking it:
 * open DIR/.partygraph.lock (made if missing, never through a symbolic
 * link), flock it without waiting, then check that the name still leads
 * to the file locked (its holder may have removed it in between: then try
 * again), and write our PID into it. */
#define _DEFAULT_SOURCE /* flock */
#include "output/lockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "output/tempfile.h"

struct pg_lockfile {
    char *path;
    int fd;
    pg_tempfile *slot;
};

enum { ATTEMPTS = 100 };

static char *lock_path(const char *dir)
{
    size_t size = strlen(dir) + sizeof PG_LOCKFILE_NAME;
    char *path = malloc(size);
    if (path != NULL)
        snprintf(path, size, "%s%s", dir, PG_LOCKFILE_NAME);
    return path;
}

/* True while descriptor `fd` is still the file named `path`. */
static bool still_there(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The PID in lock file `fd`, or 0; a holder that has only just taken the
 * lock gets a moment to write it. */
static long holder_pid(int fd)
{
    char text[32];
    for (int tries = 0; tries < ATTEMPTS; tries++) {
        ssize_t n = pread(fd, text, sizeof text - 1, 0);
        if (n > 0) {
            text[n] = '\0';
            return strtol(text, NULL, 10);
        }
        nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
    }
    return 0;
}

static pg_status held(const pg_lockfile *l, const char *dir, pg_error *err)
{
    size_t len = strlen(dir);
    int shown = len > 1 ? (int)len - 1 : (int)len; /* "a/b/" as "a/b"; "/" stays */
    pg_error_set(err, PG_EIO, "another partygraph run (PID %ld) is writing into '%.*s'; try again when it has finished",
                 holder_pid(l->fd), len ? shown : 1, len ? dir : ".");
    pg_error_set_file(err, l->path);
    return PG_EIO;
}

/* Opens and locks l->path; on failure l->fd may be open (not locked). */
static pg_status acquire(pg_lockfile *l, const char *dir, const char *target, pg_error *err)
{
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (l->fd < 0)
            return pg_error_set_errno(err, PG_EIO, errno, "cannot write '%s'", target);
        if (flock(l->fd, LOCK_EX | LOCK_NB) != 0)
            return errno == EWOULDBLOCK ? held(l, dir, err)
                                        : pg_error_set_errno(err, PG_EIO, errno, "cannot lock '%s'", l->path);
        if (still_there(l->fd, l->path))
            return PG_OK;
        close(l->fd);
        l->fd = -1;
    }
    return pg_error_set(err, PG_EIO, "cannot lock '%s': it keeps being replaced", l->path);
}

/* Registers the held lock file and writes our PID into it. */
static pg_status publish(pg_lockfile *l, pg_error *err)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
    if ((l->slot = pg_tempfile_register(l->path, PG_TEMPFILE_FILE)) == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    if (pwrite(l->fd, text, (size_t)n, 0) != n || ftruncate(l->fd, n) != 0)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot write '%s'", l->path);
    return PG_OK;
}

pg_status pg_lockfile_take(const char *dir, const char *target, pg_lockfile **out, pg_error *err)
{
    pg_lockfile *l = calloc(1, sizeof *l);
    if (l == NULL || (l->path = lock_path(dir)) == NULL) {
        free(l);
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    }
    pg_status st = acquire(l, dir, target, err);
    if (st != PG_OK) {
        if (l->fd >= 0)
            close(l->fd);
        free(l->path);
        free(l);
        return st;
    }
    if ((st = publish(l, err)) != PG_OK)
        pg_lockfile_release(l);
    else
        *out = l;
    return st;
}

void pg_lockfile_release(pg_lockfile *l)
{
    if (l == NULL)
        return;
    pg_tempfile_release(l->slot); /* first: once the file is gone, the name may be another run's */
    unlink(l->path);
    close(l->fd);
    free(l->path);
    free(l);
}
