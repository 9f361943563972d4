/* output.h - the insides of an output set (pg_output in partygraph.h),
 * shared by output.c, which opens its targets, and commit.c, which puts
 * them in place. */
#ifndef PG_OUTPUT_H
#define PG_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "partygraph.h"
#include "base/vec.h"
#include "output/asyncfile.h"
#include "output/lockfile.h"
#include "output/sidefile.h"
#include "output/target.h"
#include "output/tempfile.h"

/* One file of the set. */
typedef struct pg_output_file {
    char *name;              /* as the caller gave it, for messages */
    pg_target where;         /* where the bytes go, and what was there */
    char *temp;              /* the new file beside where.path; NULL when written in place */
    pg_tempfile *slot;       /* temp's registration, until the commit starts */
    char *marker;            /* during the commit: the old or absent marker */
    pg_sidefile_tag marker_tag;
    FILE *f;                 /* NULL once finished */
    int fd;                  /* f's descriptor */
    pg_async *async;         /* f writes through a thread (asyncfile.h), and leaves fd open; or NULL */
    char *buffer;            /* f's stdio buffer, freed after f is closed */
    bool is_stdout, renamed;
} pg_output_file;

/* A directory the set created (removed again unless committed). */
typedef struct pg_output_dir {
    char *path;
    pg_tempfile *slot;
} pg_output_dir;

/* The lock of a directory the set writes new files into. */
typedef struct pg_output_lock {
    dev_t dev;
    ino_t ino;
    char *dir; /* "a/b/", or "" */
    pg_lockfile *lock;
} pg_output_lock;

/* A regular file no target may be (pg_output_protect). */
typedef struct pg_output_input {
    dev_t dev;
    ino_t ino;
    char *name;
} pg_output_input;

struct pg_output {
    PG_VEC(pg_output_file) files;
    PG_VEC(pg_output_dir) dirs; /* parents first */
    PG_VEC(pg_output_lock) locks;
    PG_VEC(pg_output_input) inputs;
    bool committed;
};

/* Closes f's stream (f->f, which is then NULL), and its descriptor when
 * the stream leaves it open; 0, or EOF (errno set) when either fails. */
int pg_output_close_stream(pg_output_file *f);

#endif
