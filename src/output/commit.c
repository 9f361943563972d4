/* commit.c - putting an output set in place (pg_output_commit in
 * partygraph.h). Every stream is flushed (what a stream's thread was
 * handed, written) and closed first, each new file synced; only when all
 * of that worked, with the termination signals blocked in the calling
 * thread (a handler runs before or after, never in between; the streams'
 * threads block them all), comes the protocol of sidefile.h: a marker
 * beside every target (a hard link to the old file, or an "absent"
 * file), the directories synced, the renames, the directories synced
 * again, the markers removed. A rename failing puts every target back
 * from its marker. A run killed anywhere in between leaves markers that
 * tell the next run in that directory how to finish or undo it. */
#define _POSIX_C_SOURCE 200809L
#include "output/output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/error.h"

enum { ATTEMPTS = 100 };

/* Flushes, syncs (a new file) and closes the stream of `f`. */
static pg_status finish(pg_output_file *f, pg_error *err)
{
    if (f->is_stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            return pg_error_set_errno(err, PG_EIO, errno, "cannot write to standard output");
        return PG_OK;
    }
    if (f->f == NULL) /* finished by an earlier commit that failed */
        return PG_OK;
    int failed = fflush(f->f) != 0 || ferror(f->f) || (f->async != NULL && pg_async_drain(f->async) != 0) ||
                 (f->temp != NULL && fsync(f->fd) != 0);
    int e = errno;
    failed |= pg_output_close_stream(f) != 0;
    free(f->buffer);
    f->buffer = NULL;
    if (failed)
        return pg_error_set_errno(err, PG_EIO, e ? e : errno, "cannot write '%s'", f->name);
    return PG_OK;
}

static int make_empty(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    return fd >= 0 && close(fd) == 0 ? 0 : errno;
}

static int make_link(const char *from, const char *to)
{
    return link(from, to) == 0 ? 0 : errno;
}

/* Makes marker `tag` number `attempt` of f; 0 or an errno. */
static int make_marker(pg_output_file *f, pg_sidefile_tag tag, int attempt)
{
    char *name = pg_sidefile_name(f->where.path, tag, attempt);
    if (name == NULL)
        return ENOMEM;
    int e = tag == PG_SIDEFILE_ABSENT ? make_empty(name) : make_link(f->where.path, name);
    if (e == 0) {
        f->marker = name;
        f->marker_tag = tag;
    } else {
        free(name);
    }
    return e;
}

/* Marks f's target as it is now: its old file, or that there is none. */
static pg_status mark(pg_output_file *f, pg_error *err)
{
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int e = make_marker(f, PG_SIDEFILE_OLD, attempt);
        if (e == ENOENT)
            e = make_marker(f, PG_SIDEFILE_ABSENT, attempt);
        if (e == 0)
            return PG_OK;
        if (e == ENOMEM)
            return pg_error_set(err, PG_ENOMEM, "out of memory");
        if (e != EEXIST)
            return pg_error_set_errno(err, PG_EIO, e, "cannot keep a copy of '%s'", f->name);
    }
    return pg_error_set(err, PG_EIO, "cannot keep a copy of '%s'", f->name);
}

static void sync_dirs(const pg_output *o)
{
    for (size_t i = 0; i < o->locks.len; i++)
        pg_sidefile_sync_dir(o->locks.items[i].dir);
}

/* A marker beside every new file's target. The signal path lets the new
 * files be first: a run killed from here on is the next run's to recover,
 * by the markers, which need the new files that were not renamed. */
static pg_status prepare(pg_output *o, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        pg_output_file *f = &o->files.items[i];
        if (f->temp == NULL)
            continue;
        pg_tempfile_hold(f->slot, true);
        pg_status st = mark(f, err);
        if (st != PG_OK)
            return st;
    }
    sync_dirs(o);
    return PG_OK;
}

static pg_status rename_all(pg_output *o, pg_error *err)
{
    for (size_t i = 0; i < o->files.len; i++) {
        pg_output_file *f = &o->files.items[i];
        if (f->temp == NULL)
            continue;
        if (rename(f->temp, f->where.path) != 0)
            return pg_error_set_errno(err, PG_EIO, errno, "cannot rename '%s' to '%s'", f->temp, f->where.path);
        f->renamed = true;
        pg_tempfile_release(f->slot);
        f->slot = NULL;
        free(f->temp);
        f->temp = NULL;
    }
    return PG_OK;
}

/* Removes the markers: kept (`undo` false) or rolled back from; new
 * files not renamed go back to the signal path. */
static void settle(pg_output *o, bool undo)
{
    for (size_t i = 0; i < o->files.len; i++) {
        pg_output_file *f = &o->files.items[i];
        if (f->marker != NULL && undo)
            pg_sidefile_undo(f->where.path, f->marker, f->marker_tag, f->renamed);
        else if (f->marker != NULL)
            unlink(f->marker);
        pg_tempfile_hold(f->slot, false);
        free(f->marker);
        f->marker = NULL;
        f->renamed = false;
    }
}

/* The directories made stay: the signal path forgets them. */
static void keep_dirs(pg_output *o)
{
    for (size_t i = 0; i < o->dirs.len; i++) {
        pg_tempfile_release(o->dirs.items[i].slot);
        o->dirs.items[i].slot = NULL;
    }
    o->committed = true;
}

/* Blocks the termination signals in the calling thread; the old mask in *old. */
static void hold_signals(sigset_t *old)
{
    static const int held[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE };
    sigset_t block;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof held / sizeof held[0]; i++)
        sigaddset(&block, held[i]);
    pthread_sigmask(SIG_BLOCK, &block, old);
}

pg_status pg_output_commit(pg_output *o, pg_error *err)
{
    pg_status st = PG_OK;
    for (size_t i = 0; i < o->files.len && st == PG_OK; i++)
        st = finish(&o->files.items[i], err);
    if (st != PG_OK)
        return st;
    sigset_t old;
    hold_signals(&old);
    if ((st = prepare(o, err)) == PG_OK)
        st = rename_all(o, err);
    sync_dirs(o);
    settle(o, st != PG_OK);
    if (st == PG_OK)
        keep_dirs(o);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return st;
}
