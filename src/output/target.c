/* target.c - following an output path's symbolic links and telling what
 * is at the end (see target.h). */
#define _XOPEN_SOURCE 700 /* S_IFMT and the S_IF* types */
#include "output/target.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"

/* What each kind of file is, and how it is written. */
static const struct kind_row {
    mode_t type;
    pg_target_kind kind;
    const char *what;
} kinds[] = {
    { S_IFREG, PG_TARGET_REPLACE, "a regular file" },
    { S_IFIFO, PG_TARGET_IN_PLACE, "a FIFO" },
    { S_IFCHR, PG_TARGET_IN_PLACE, "a character device" },
    { S_IFDIR, PG_TARGET_REFUSED, "a directory" },
    { S_IFBLK, PG_TARGET_REFUSED, "a block device" },
    { S_IFSOCK, PG_TARGET_REFUSED, "a socket" },
};

enum { NKINDS = sizeof kinds / sizeof kinds[0] };

int pg_target_dirlen(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (int)(slash - path + 1) : 0;
}

/* The text of symbolic link `path` in a new string, or NULL (errno EINVAL
 * when it is no link). */
static char *read_link(const char *path)
{
    for (size_t size = 256;; size *= 2) {
        char *text = malloc(size);
        ssize_t n = text ? readlink(path, text, size) : -1;
        if (n >= 0 && (size_t)n < size) {
            text[n] = '\0';
            return text;
        }
        free(text);
        if (n < 0)
            return NULL;
    }
}

/* The path that link text `text`, read in the link at `path`, names: an
 * absolute one as it is, a relative one from the link's directory. */
static char *follow(const char *path, const char *text)
{
    int dirlen = text[0] == '/' ? 0 : pg_target_dirlen(path);
    size_t size = (size_t)dirlen + strlen(text) + 1;
    char *next = malloc(size);
    if (next != NULL)
        snprintf(next, size, "%.*s%s", dirlen, path, text);
    return next;
}

/* Replaces *path with the end of its chain of links. Returns 0, ELOOP or
 * ENOMEM; any other trouble is left for lstat to report. */
static int follow_links(char **path)
{
    for (int links = 0;; links++) {
        char *text = read_link(*path);
        if (text == NULL)
            return errno == ENOMEM ? ENOMEM : 0;
        char *next = links < PG_TARGET_MAX_LINKS ? follow(*path, text) : NULL;
        int e = links < PG_TARGET_MAX_LINKS ? ENOMEM : ELOOP;
        free(text);
        if (next == NULL)
            return e;
        free(*path);
        *path = next;
    }
}

static void classify(pg_target *t)
{
    t->kind = PG_TARGET_REFUSED;
    t->what = "not a file partygraph can write";
    for (size_t i = 0; i < NKINDS; i++)
        if ((t->st.st_mode & S_IFMT) == kinds[i].type) {
            t->kind = kinds[i].kind;
            t->what = kinds[i].what;
        }
}

/* Looks at t->path: its kind, and its directory. Returns 0 or an errno. */
static int look(pg_target *t)
{
    if (lstat(t->path, &t->st) == 0)
        classify(t);
    else if (errno == ENOENT)
        t->kind = PG_TARGET_NEW;
    else
        return errno;
    int dirlen = pg_target_dirlen(t->path);
    char *dir = dirlen ? strndup(t->path, (size_t)dirlen) : strdup(".");
    if (dir == NULL)
        return ENOMEM;
    if (stat(dir, &t->dir) != 0)
        memset(&t->dir, 0, sizeof t->dir);
    free(dir);
    return 0;
}

/* True for a FIFO or a character device, however `path` leads there:
 * written at `path` as the kernel follows it (also through the links of
 * /proc that name no file, as /dev/stdout does for a pipe). */
static bool in_place(pg_target *t)
{
    if (stat(t->path, &t->st) != 0 || !(S_ISFIFO(t->st.st_mode) || S_ISCHR(t->st.st_mode)))
        return false;
    classify(t);
    return true;
}

pg_status pg_target_resolve(const char *path, pg_target *t, pg_error *err)
{
    memset(t, 0, sizeof *t);
    t->path = strdup(path);
    int e = t->path ? 0 : ENOMEM;
    if (e == 0 && !in_place(t) && (e = follow_links(&t->path)) == 0)
        e = look(t);
    if (e == ENOMEM)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    if (e != 0)
        return pg_error_set_errno(err, PG_EIO, e, "cannot write '%s'", path);
    return PG_OK;
}

bool pg_target_same(const pg_target *a, const pg_target *b)
{
    bool a_new = a->kind == PG_TARGET_NEW, b_new = b->kind == PG_TARGET_NEW;
    if (!a_new && !b_new)
        return a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino;
    return a_new && b_new && a->dir.st_ino != 0 && a->dir.st_dev == b->dir.st_dev &&
           a->dir.st_ino == b->dir.st_ino &&
           strcmp(a->path + pg_target_dirlen(a->path), b->path + pg_target_dirlen(b->path)) == 0;
}

void pg_target_free(pg_target *t)
{
    free(t->path);
    t->path = NULL;
}
