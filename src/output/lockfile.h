/* lockfile.h - the lock of an output directory, DIR/.partygraph.lock:
 * one output set at a time may write into a directory. The lock is an
 * flock(2) on that file, which the kernel drops when its holder ends
 * however it ends, so a lock file left by a dead run is free to take; the
 * file holds the holder's PID, for the message of a run that finds it
 * held. Such a run fails at once (it does not wait: two runs each holding
 * one directory and waiting for the other's would wait forever). The
 * lock file is registered with tempfile.h while held, so the signal path
 * removes it too. */
#ifndef PG_LOCKFILE_H
#define PG_LOCKFILE_H

#include "partygraph.h"

typedef struct pg_lockfile pg_lockfile;

/* The name of the lock file. */
#define PG_LOCKFILE_NAME ".partygraph.lock"

/* Takes the lock of the directory `dir` ("a/b/", with its '/'; "" for the
 * current directory) for writing `target` (named in messages). Returns
 * PG_OK with the lock in *out, PG_ENOMEM, or PG_EIO: held by another run
 * (err->file the lock file, the message naming the holder's PID) or the
 * lock file cannot be made (the message naming `target`). */
pg_status pg_lockfile_take(const char *dir, const char *target, pg_lockfile **out, pg_error *err);

/* Removes the lock file and drops the lock; NULL is allowed. */
void pg_lockfile_release(pg_lockfile *l);

#endif
