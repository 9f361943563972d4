/* output.c - all-or-nothing output files (see pg_output in partygraph.h).
 *
 * Each target gets a temporary file in its own directory (so the final
 * rename is atomic on the same file system), created with O_EXCL and the
 * caller's umask. Commit flushes, fsyncs and closes every stream first and
 * renames only when all of that worked, keeping each old file under a hard
 * link until every rename has succeeded; a rename failing midway puts the
 * old files back. What was there before a failed run is left as it was.
 * Each file is written through a stdio buffer of OUTPUT_BUFFER bytes (a
 * few large writes instead of many small ones); without memory for it,
 * stdio's own small buffer does. */
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

enum { OUTPUT_BUFFER = 1 << 20 };

typedef struct target {
    char *path;   /* where the file must end up */
    char *temp;   /* where it is written; NULL for standard output */
    char *backup; /* a hard link to what `path` held, during commit */
    FILE *f;
    char *buffer; /* f's stdio buffer, freed after f is closed */
    bool renamed;
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
    if (mkdir(dir, 0777) != 0) {
        if (errno == EEXIST) /* made meanwhile by someone else: not ours to remove */
            return PG_OK;
        return pg_error_set_errno(err, PG_EIO, errno, "cannot create directory '%s'", dir);
    }
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
    if (dir[0] == '\0')
        return pg_error_set(err, PG_EARG, "the output directory name is empty");
    char *path = strdup(dir);
    pg_status st = path ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory");
    for (char *p = path; st == PG_OK && p && *p; p++) {
        if (*p != '/' || p == path)
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

/* A new name "DIR/.NAME.partygraph-TAG-PID-N" beside `path`. */
static char *sibling(const char *path, const char *tag, int attempt)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    size_t size = strlen(path) + 80;
    char *name = malloc(size);
    if (name != NULL)
        snprintf(name, size, "%.*s.%s.partygraph-%s-%ld-%d", dirlen, path, path + dirlen, tag, (long)getpid(),
                 attempt);
    else
        errno = ENOMEM;
    return name;
}

/* Creates a temporary file beside `path`, exclusively; returns its fd. */
static int create_temp(const char *path, char **temp)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        char *name = sibling(path, "new", attempt);
        if (name == NULL)
            return -1;
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

/* The directory part of `path` ("." when none) and its last component. */
static int split_path(const char *path, char **dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup(".");
    return *dir ? 0 : -1;
}

/* True when `a` and `b` name the same file (same directory by device and
 * inode, same last component), however they are spelt. */
static bool same_file(const char *a, const char *b)
{
    char *da = NULL, *db = NULL;
    const char *ba, *bb;
    struct stat sa, sb;
    bool same = split_path(a, &da, &ba) == 0 && split_path(b, &db, &bb) == 0 && strcmp(ba, bb) == 0 &&
                stat(da, &sa) == 0 && stat(db, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    free(da);
    free(db);
    return same;
}

static pg_status check_target(const pg_output *o, const char *path, pg_error *err)
{
    struct stat st;
    if (path[0] == '\0')
        return pg_error_set(err, PG_EARG, "an output file name is empty");
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return pg_error_set(err, PG_EIO, "cannot write '%s': it is a directory", path);
    for (size_t i = 0; i < o->files.len; i++)
        if (o->files.items[i].temp && same_file(o->files.items[i].path, path))
            return pg_error_set(err, PG_EARG, "'%s' and '%s' are the same file", o->files.items[i].path, path);
    return PG_OK;
}

FILE *pg_output_open(pg_output *o, const char *path, pg_error *err)
{
    target t = { NULL, NULL, NULL, NULL, NULL, false };
    bool is_stdout = strcmp(path, "-") == 0;
    if (!is_stdout && check_target(o, path, err) != PG_OK)
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
        if ((t.buffer = malloc(OUTPUT_BUFFER)) != NULL)
            setvbuf(t.f, t.buffer, _IOFBF, OUTPUT_BUFFER);
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
    free(t->buffer);
    t->buffer = NULL;
    if (failed)
        return pg_error_set_errno(err, PG_EIO, e ? e : errno, "cannot write '%s'", t->path);
    return PG_OK;
}

/* Makes the renames durable; a failure here loses nothing. */
static void sync_dir_of(const char *path)
{
    char *dir;
    const char *base;
    int fd = split_path(path, &dir, &base) == 0 ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Keeps what `t->path` holds now under a hard link, so that a failed
 * commit can put it back. */
static pg_status keep_old(target *t, pg_error *err)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        if ((t->backup = sibling(t->path, "old", attempt)) == NULL)
            return pg_error_set(err, PG_ENOMEM, "out of memory");
        if (link(t->path, t->backup) == 0)
            return PG_OK;
        int e = errno;
        free(t->backup);
        t->backup = NULL;
        if (e == ENOENT)
            return PG_OK; /* nothing there yet */
        if (e != EEXIST)
            return pg_error_set_errno(err, PG_EIO, e, "cannot keep a copy of '%s'", t->path);
    }
    return pg_error_set(err, PG_EIO, "cannot keep a copy of '%s'", t->path);
}

/* Undoes the renames done so far: old files back, new ones away. */
static void roll_back(pg_output *o)
{
    for (size_t i = 0; i < o->files.len; i++) {
        target *t = &o->files.items[i];
        if (t->renamed && t->backup)
            rename(t->backup, t->path);
        else if (t->renamed)
            unlink(t->path);
        t->renamed = false;
    }
}

/* Renames every temporary file onto its target, keeping the old files
 * until all renames worked. */
static pg_status rename_all(pg_output *o, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        target *t = &o->files.items[i];
        if (t->temp == NULL)
            continue;
        pg_status st = keep_old(t, err);
        if (st == PG_OK && rename(t->temp, t->path) != 0)
            st = pg_error_set_errno(err, PG_EIO, errno, "cannot rename '%s' to '%s'", t->temp, t->path);
        if (st != PG_OK) {
            roll_back(o);
            return st;
        }
        t->renamed = true;
        free(t->temp);
        t->temp = NULL;
    }
    return PG_OK;
}

pg_status pg_output_commit(pg_output *o, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        pg_status st = finish(&o->files.items[i], err);
        if (st != PG_OK)
            return st;
    }
    pg_status st = rename_all(o, err);
    if (st != PG_OK)
        return st;
    for (size_t i = 0; i < o->files.len; i++)
        if (o->files.items[i].renamed)
            sync_dir_of(o->files.items[i].path);
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
        free(t->buffer);
        if (t->temp != NULL)
            unlink(t->temp);
        if (t->backup != NULL)
            unlink(t->backup); /* committed: the old file is replaced; rolled back: restored already */
        free(t->temp);
        free(t->backup);
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
