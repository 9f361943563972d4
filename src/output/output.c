/* output.c - output sets that never destroy what a user points at (see
 * pg_output in partygraph.h): opening each target as what it is.
 *
 * A target's symbolic links are followed (target.h). A regular file, or
 * nothing, gets a new file beside it ("new" in sidefile.h), created with
 * O_EXCL, registered with tempfile.h first so that the signal path can
 * remove it, and given the old file's owner (where permitted) and mode;
 * commit.c renames it into place. Before the first new file in a
 * directory the set takes that directory's lock (lockfile.h) and removes
 * or rolls back what dead runs left there (sidefile.h). A FIFO or a
 * character device is opened and written in place; anything else, a
 * target that is an input given to pg_output_protect, or a second name of
 * a target already open, is refused before anything is created. Each
 * file is written through a stdio buffer of OUTPUT_BUFFER bytes (a few
 * large writes instead of many small ones); without memory for it,
 * stdio's own small buffer does. A new file's full buffers are written by
 * a thread of its own (asyncfile.h), so that the kernel's copy runs
 * beside the formatting of the next; the commit waits for them. */
#define _POSIX_C_SOURCE 200809L
#include "output/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"

enum { OUTPUT_BUFFER = 1 << 20, ATTEMPTS = 100 };

pg_output *pg_output_new(void)
{
    return calloc(1, sizeof(pg_output));
}

static pg_status out_of_memory(pg_error *err)
{
    return pg_error_set(err, PG_ENOMEM, "out of memory");
}

/* ---- directories ---------------------------------------------------- */

/* Records directory `dir`, just made, to be removed unless committed. */
static pg_status keep_dir(pg_output *o, const char *dir, pg_error *err)
{
    char *copy = strdup(dir);
    pg_tempfile *slot = copy ? pg_tempfile_register(dir, PG_TEMPFILE_DIR) : NULL;
    if (slot == NULL || PG_VEC_RESERVE(o->dirs, 1) != 0) {
        pg_tempfile_release(slot);
        free(copy);
        rmdir(dir);
        return out_of_memory(err);
    }
    o->dirs.items[o->dirs.len++] = (pg_output_dir){ copy, slot };
    return PG_OK;
}

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
    return keep_dir(o, dir, err);
}

pg_status pg_output_mkdir(pg_output *o, const char *dir, pg_error *err)
{
    if (dir[0] == '\0')
        return pg_error_set(err, PG_EARG, "the output directory name is empty");
    char *path = strdup(dir);
    pg_status st = path ? PG_OK : out_of_memory(err);
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

/* ---- what a target is ----------------------------------------------- */

pg_status pg_output_protect(pg_output *o, const char *path, pg_error *err)
{
    struct stat st;
    bool is_stdin = strcmp(path, "-") == 0;
    if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(path, &st)) != 0 || !S_ISREG(st.st_mode))
        return PG_OK; /* nothing a target could overwrite */
    char *name = strdup(is_stdin ? "<stdin>" : path);
    if (name == NULL || PG_VEC_RESERVE(o->inputs, 1) != 0) {
        free(name);
        return out_of_memory(err);
    }
    o->inputs.items[o->inputs.len++] = (pg_output_input){ st.st_dev, st.st_ino, name };
    return PG_OK;
}

static pg_status check_inputs(const pg_output *o, const pg_output_file *f, pg_error *err)
{
    for (size_t i = 0; i < o->inputs.len && f->where.kind == PG_TARGET_REPLACE; i++)
        if (o->inputs.items[i].dev == f->where.st.st_dev && o->inputs.items[i].ino == f->where.st.st_ino)
            return pg_error_set(err, PG_EARG, "cannot write '%s': it is the input file '%s'", f->name,
                                o->inputs.items[i].name);
    return PG_OK;
}

static pg_status check_others(const pg_output *o, const pg_output_file *f, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        const pg_output_file *other = &o->files.items[i];
        if (!other->is_stdout && pg_target_same(&other->where, &f->where))
            return pg_error_set(err, PG_EARG, "'%s' and '%s' are the same file", other->name, f->name);
    }
    return PG_OK;
}

/* Fills f for target `path`: where its links lead, and what is there,
 * refusing what cannot or must not be written. */
static pg_status describe(const pg_output *o, const char *path, pg_output_file *f, pg_error *err)
{
    if (path[0] == '\0')
        return pg_error_set(err, PG_EARG, "an output file name is empty");
    if ((f->name = strdup(path)) == NULL)
        return out_of_memory(err);
    pg_status st = pg_target_resolve(path, &f->where, err);
    if (st == PG_OK && f->where.kind == PG_TARGET_REFUSED)
        st = pg_error_set(err, PG_EIO, "cannot write '%s': it is %s", path, f->where.what);
    if (st == PG_OK)
        st = check_inputs(o, f, err);
    return st == PG_OK ? check_others(o, f, err) : st;
}

pg_status pg_output_check(const pg_output *o, const char *path, pg_error *err)
{
    pg_output_file f = { 0 };
    pg_status st = strcmp(path, "-") == 0 ? PG_OK : describe(o, path, &f, err);
    free(f.name);
    pg_target_free(&f.where);
    return st;
}

/* ---- opening -------------------------------------------------------- */

/* The stream of f on descriptor `fd` (closed on failure), buffered;
 * written through a thread of its own when `async` (a new file), else
 * (or when that cannot be had) a plain stream. */
static pg_status attach(pg_output_file *f, int fd, bool async, pg_error *err)
{
    f->fd = fd;
    f->f = async ? pg_async_open(fd, OUTPUT_BUFFER, &f->async) : NULL;
    if (f->f == NULL && (f->f = fdopen(fd, "w")) == NULL) {
        close(fd);
        return out_of_memory(err);
    }
    if ((f->buffer = malloc(OUTPUT_BUFFER)) != NULL)
        setvbuf(f->f, f->buffer, _IOFBF, OUTPUT_BUFFER);
    return PG_OK;
}

int pg_output_close_stream(pg_output_file *f)
{
    int rc = fclose(f->f), e = errno;
    if (f->async != NULL && close(f->fd) != 0 && rc == 0)
        rc = EOF, e = errno;
    f->f = NULL;
    f->async = NULL;
    errno = e;
    return rc;
}

/* A FIFO or character device: opened and written as it is. */
static pg_status open_in_place(pg_output_file *f, pg_error *err)
{
    struct stat st;
    int fd = open(f->where.path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot write '%s'", f->name);
    if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
        close(fd);
        return pg_error_set(err, PG_EIO, "cannot write '%s': it changed while it was opened", f->name);
    }
    return attach(f, fd, false, err);
}

/* The lock of f's directory: taken, and that directory's leftovers
 * recovered, with the first new file there. */
static pg_status lock_dir(pg_output *o, const pg_output_file *f, pg_error *err)
{
    const struct stat *dir = &f->where.dir;
    for (size_t i = 0; i < o->locks.len; i++)
        if (dir->st_ino != 0 && o->locks.items[i].dev == dir->st_dev && o->locks.items[i].ino == dir->st_ino)
            return PG_OK;
    pg_output_lock l = { dir->st_dev, dir->st_ino, NULL, NULL };
    if (PG_VEC_RESERVE(o->locks, 1) != 0 ||
        (l.dir = strndup(f->where.path, (size_t)pg_target_dirlen(f->where.path))) == NULL)
        return out_of_memory(err);
    pg_status st = pg_lockfile_take(l.dir, f->name, &l.lock, err);
    if (st != PG_OK) {
        free(l.dir);
        return st;
    }
    o->locks.items[o->locks.len++] = l;
    pg_sidefile_recover(l.dir);
    return PG_OK;
}

/* Creates f's new file, registered first; its descriptor, or -1 (errno).
 * Until its owner and mode are set, it is readable by its creator only
 * when it replaces a file. */
static int create_temp(pg_output_file *f)
{
    mode_t mode = f->where.kind == PG_TARGET_REPLACE ? 0600 : 0666;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        char *name = pg_sidefile_name(f->where.path, PG_SIDEFILE_NEW, attempt);
        pg_tempfile *slot = name ? pg_tempfile_register(name, PG_TEMPFILE_FILE) : NULL;
        int fd = slot ? open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) : -1;
        int e = slot ? errno : ENOMEM;
        if (fd >= 0) {
            f->temp = name;
            f->slot = slot;
            return fd;
        }
        pg_tempfile_release(slot);
        free(name);
        if ((errno = e) != EEXIST)
            return -1;
    }
    return -1;
}

/* Gives a replaced file's owner (where permitted) and mode to its new
 * file `fd` (set-user and set-group-ID only with the owner); 0 or -1. */
static int keep_owner_and_mode(const pg_output_file *f, int fd)
{
    const struct stat *st = &f->where.st;
    if (f->where.kind != PG_TARGET_REPLACE)
        return 0;
    bool owned = fchown(fd, st->st_uid, st->st_gid) == 0;
    if (!owned)
        (void)!fchown(fd, (uid_t)-1, st->st_gid); /* its group at least, where permitted */
    return fchmod(fd, st->st_mode & (owned ? 07777 : 01777));
}

/* A regular file or a new one: written beside the target. */
static pg_status open_temp(pg_output *o, pg_output_file *f, pg_error *err)
{
    pg_status st = lock_dir(o, f, err);
    int fd = st == PG_OK ? create_temp(f) : -1;
    if (st == PG_OK && (fd < 0 || keep_owner_and_mode(f, fd) != 0))
        st = errno == ENOMEM ? out_of_memory(err) : pg_error_set_errno(err, PG_EIO, errno, "cannot write '%s'", f->name);
    if (st == PG_OK)
        return attach(f, fd, true, err);
    if (fd >= 0)
        close(fd);
    return st;
}

static void discard(pg_output_file *f)
{
    if (f->f != NULL && !f->is_stdout)
        pg_output_close_stream(f);
    free(f->buffer);
    if (f->temp != NULL)
        unlink(f->temp);
    pg_tempfile_release(f->slot); /* after the unlink: a signal in between unlinks nothing else */
    free(f->temp);
    free(f->marker);
    free(f->name);
    pg_target_free(&f->where);
}

/* Fills f for target `path` and opens it as what it is. */
static pg_status open_file(pg_output *o, const char *path, pg_output_file *f, pg_error *err)
{
    if (strcmp(path, "-") == 0) {
        *f = (pg_output_file){ .name = strdup(path), .f = stdout, .fd = STDOUT_FILENO, .is_stdout = true };
        return f->name ? PG_OK : out_of_memory(err);
    }
    pg_status st = describe(o, path, f, err);
    if (st != PG_OK)
        return st;
    return f->where.kind == PG_TARGET_IN_PLACE ? open_in_place(f, err) : open_temp(o, f, err);
}

FILE *pg_output_open(pg_output *o, const char *path, pg_error *err)
{
    pg_output_file f = { 0 };
    pg_status st = PG_VEC_RESERVE(o->files, 1) == 0 ? open_file(o, path, &f, err) : out_of_memory(err);
    if (st != PG_OK) {
        discard(&f);
        return NULL;
    }
    o->files.items[o->files.len++] = f;
    return f.f;
}

void pg_output_remove_temporaries(void)
{
    pg_tempfile_remove_all();
}

static void free_locks(pg_output *o)
{
    for (size_t i = 0; i < o->locks.len; i++) {
        pg_lockfile_release(o->locks.items[i].lock);
        free(o->locks.items[i].dir);
    }
    free(o->locks.items);
}

/* The directories made, deepest first: removed unless committed. */
static void free_dirs(pg_output *o)
{
    for (size_t i = o->dirs.len; i-- > 0;) {
        if (!o->committed)
            rmdir(o->dirs.items[i].path);
        pg_tempfile_release(o->dirs.items[i].slot);
        free(o->dirs.items[i].path);
    }
    free(o->dirs.items);
}

void pg_output_free(pg_output *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->files.len; i++)
        discard(&o->files.items[i]);
    free(o->files.items);
    free_locks(o); /* after the files, before their directories */
    free_dirs(o);
    for (size_t i = 0; i < o->inputs.len; i++)
        free(o->inputs.items[i].name);
    free(o->inputs.items);
    free(o);
}
