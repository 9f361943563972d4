/* tempfile.h - the process-wide registry of what must not outlive the
 * process: output sets register each temporary file, lock file and
 * directory they make, and pg_tempfile_remove_all (which a signal handler
 * reaches through pg_output_remove_temporaries) removes whatever is
 * registered at that moment, as git's tempfile.c does.
 *
 * Registering and releasing may run in several threads at once, and the
 * removal may interrupt either at any instruction: the registry is a list
 * of slots that only grows (a released slot is reused, never freed), each
 * slot's state a lock-free C11 atomic, so the removal takes no lock and
 * allocates nothing. A registration made by another thread while the
 * removal runs can be missed; the next run that locks that directory
 * removes such a file (its PID is dead then: see sidefile.h). */
#ifndef PG_TEMPFILE_H
#define PG_TEMPFILE_H

#include <stdbool.h>

typedef struct pg_tempfile pg_tempfile;

typedef enum pg_tempfile_kind {
    PG_TEMPFILE_FILE, /* unlinked */
    PG_TEMPFILE_DIR   /* removed when empty */
} pg_tempfile_kind;

/* Registers `path` (copied) for pg_tempfile_remove_all in this process
 * (not in a child forked later). Register a file before creating it and a
 * directory after making it. Returns the slot, or NULL (errno ENOMEM). */
pg_tempfile *pg_tempfile_register(const char *path, pg_tempfile_kind kind);

/* Holds slot `t` (`held`: pg_tempfile_remove_all leaves its file alone,
 * as a commit needs while it renames) or lets it go again; NULL is
 * allowed. */
void pg_tempfile_hold(pg_tempfile *t, bool held);

/* Forgets slot `t`, held or not (the file was renamed or removed, or
 * stays); NULL is allowed. Once pg_tempfile_remove_all has taken the slot
 * it does nothing: the process is ending. */
void pg_tempfile_release(pg_tempfile *t);

/* Async-signal-safe: unlinks every file registered by this process, then
 * removes its registered directories that are empty, deepest first. The
 * slots stay taken (the process is expected to end); errno is kept. */
void pg_tempfile_remove_all(void);

#endif
