/* target.h - what an output path names, which decides how it is written:
 * symbolic links are followed to the file they lead to (as git's
 * lockfile.c does: link by link, a relative link against the directory of
 * the link, a dangling link's target to be created, at most
 * PG_TARGET_MAX_LINKS links), and the file found there is one to create,
 * a regular file to replace, a FIFO or character device to write in
 * place, or something partygraph refuses (a directory, a block device, a
 * socket). Also the file's identity, to tell two names of one file. */
#ifndef PG_TARGET_H
#define PG_TARGET_H

#include <stdbool.h>
#include <sys/stat.h>

#include "partygraph.h"

enum { PG_TARGET_MAX_LINKS = 40 }; /* Linux's own limit for a path */

typedef enum pg_target_kind {
    PG_TARGET_NEW,      /* nothing there: a file to create */
    PG_TARGET_REPLACE,  /* a regular file: replaced, its mode and owner kept */
    PG_TARGET_IN_PLACE, /* a FIFO or character device (a terminal): written directly */
    PG_TARGET_REFUSED   /* anything else; `what` says what it is */
} pg_target_kind;

typedef struct pg_target {
    char *path;       /* where the bytes go: the end of the chain of links (malloc'ed) */
    pg_target_kind kind;
    const char *what; /* "a directory", "a socket"... (static) */
    struct stat st;   /* of `path`, unless kind is PG_TARGET_NEW */
    struct stat dir;  /* of its directory (zeroed when that cannot be read) */
} pg_target;

/* Follows the links of `path` and describes what is at the end into *t
 * (t->path to be freed with pg_target_free). Returns PG_OK, PG_ENOMEM or
 * PG_EIO: a loop or more than PG_TARGET_MAX_LINKS links, or a file that
 * cannot be looked at (messages name `path`). */
pg_status pg_target_resolve(const char *path, pg_target *t, pg_error *err);

/* True when `a` and `b` are one file: the same device and inode when it
 * exists, else the same name in the same directory. */
bool pg_target_same(const pg_target *a, const pg_target *b);

/* Length of the directory part of t->path, '/' included (0: none). */
int pg_target_dirlen(const char *path);

/* Frees t->path; accepts a zeroed target. */
void pg_target_free(pg_target *t);

#endif
