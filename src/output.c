/* output.c - all-or-nothing output files (see pg_output in partygraph.h).
 *
 * Each target gets a temporary file in its own directory (so the final
 * rename is atomic on the same file system), created with O_EXCL and the
 * caller's umask. Commit flushes, fsyncs and closes every stream first and
 * renames only when all of that worked; what was there before a failed run
 * is left exactly as it was. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "error.h"

typedef struct target {
    char *path;  /* where the file must end up */
    char *temp;  /* where it is written; NULL for standard output */
    FILE *f;
} target;

struct pg_output {
    PG_VEC(target) files;
    PG_VEC(char *) dirs; /* created by us, parents first */
    bool committed;
};

pg_output *pg_output_new(void)
{
    return calloc(1, sizeof(pg_output));
}

/* ---- directories ---------------------------------------------------- */

static pg_status make_one_dir(pg_output *o, const char *dir, pg_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return PG_OK;
        return pg_error_set(err, PG_EIO, "cannot create directory '%s': a file of that name exists", dir);
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot create directory '%s'", dir);
    char *copy = strdup(dir);
    if (copy == NULL || PG_VEC_RESERVE(o->dirs, 1) != 0) {
        free(copy);
        rmdir(dir);
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    }
    o->dirs.items[o->dirs.len++] = copy;
    return PG_OK;
}

pg_status pg_output_mkdir(pg_output *o, const char *dir, pg_error *err)
{
    char *path = strdup(dir);
    pg_status st = path ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory");
    for (char *p = path ? path + 1 : NULL; st == PG_OK && p && *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        st = make_one_dir(o, path, err);
        *p = '/';
    }
    if (st == PG_OK)
        st = make_one_dir(o, dir, err);
    free(path);
    return st;
}

/* ---- files ---------------------------------------------------------- */

/* "DIR/.NAME.partygraph-PID-N" beside `path`, created exclusively. */
static int create_temp(const char *path, char **temp)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    size_t size = strlen(path) + 64;
    for (int attempt = 0; attempt < 100; attempt++) {
        char *name = malloc(size);
        if (name == NULL) {
            errno = ENOMEM;
            return -1;
        }
        snprintf(name, size, "%.*s.%s.partygraph-%ld-%d", dirlen, path, path + dirlen, (long)getpid(), attempt);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *temp = name;
            return fd;
        }
        int e = errno;
        free(name);
        if (e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

static pg_status check_target(const char *path, pg_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return pg_error_set(err, PG_EIO, "cannot write '%s': it is a directory", path);
    return PG_OK;
}

FILE *pg_output_open(pg_output *o, const char *path, pg_error *err)
{
    target t = { NULL, NULL, NULL };
    bool is_stdout = strcmp(path, "-") == 0;
    if (!is_stdout && check_target(path, err) != PG_OK)
        return NULL;
    if (PG_VEC_RESERVE(o->files, 1) != 0 || (t.path = strdup(path)) == NULL)
        goto oom;
    if (is_stdout) {
        t.f = stdout;
    } else {
        int fd = create_temp(path, &t.temp);
        if (fd < 0) {
            pg_error_set_errno(err, PG_EIO, errno, "cannot write '%s'", path);
            free(t.path);
            return NULL;
        }
        if ((t.f = fdopen(fd, "w")) == NULL) {
            close(fd);
            unlink(t.temp);
            free(t.temp);
            goto oom;
        }
    }
    o->files.items[o->files.len++] = t;
    return t.f;
oom:
    free(t.path);
    pg_error_set(err, PG_ENOMEM, "out of memory");
    return NULL;
}

/* Flushes, syncs and closes the stream of `t`. */
static pg_status finish(target *t, pg_error *err)
{
    if (t->temp == NULL) {
        if (fflush(t->f) != 0 || ferror(t->f))
            return pg_error_set_errno(err, PG_EIO, errno, "cannot write to standard output");
        return PG_OK;
    }
    int failed = fflush(t->f) != 0 || ferror(t->f) || fsync(fileno(t->f)) != 0;
    int e = errno;
    failed |= fclose(t->f) != 0;
    t->f = NULL;
    if (failed)
        return pg_error_set_errno(err, PG_EIO, e ? e : errno, "cannot write '%s'", t->path);
    return PG_OK;
}

/* Makes the renames durable; a failure here loses nothing. */
static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup(".");
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

pg_status pg_output_commit(pg_output *o, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        pg_status st = finish(&o->files.items[i], err);
        if (st != PG_OK)
            return st;
    }
    for (size_t i = 0; i < o->files.len; i++) {
        target *t = &o->files.items[i];
        if (t->temp != NULL && rename(t->temp, t->path) != 0)
            return pg_error_set_errno(err, PG_EIO, errno, "cannot rename '%s' to '%s'", t->temp, t->path);
        if (t->temp != NULL) {
            free(t->temp);
            t->temp = NULL;
            sync_dir_of(t->path);
        }
    }
    o->committed = true;
    return PG_OK;
}

void pg_output_free(pg_output *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->files.len; i++) {
        target *t = &o->files.items[i];
        if (t->f != NULL && t->temp != NULL)
            fclose(t->f);
        if (t->temp != NULL)
            unlink(t->temp);
        free(t->temp);
        free(t->path);
    }
    for (size_t i = o->dirs.len; i-- > 0;) {
        if (!o->committed)
            rmdir(o->dirs.items[i]);
        free(o->dirs.items[i]);
    }
    free(o->files.items);
    free(o->dirs.items);
    free(o);
}
