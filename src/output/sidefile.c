/* sidefile.c - the names of the files beside an output target, undoing a
 * target's commit, and recovering what dead runs left (see sidefile.h). */
#define _POSIX_C_SOURCE 200809L
#include "output/sidefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/vec.h"
#include "output/target.h"

static const char *const tags[] = { "new", "old", "absent" };

enum { NTAGS = sizeof tags / sizeof tags[0] };

#define MARK ".partygraph-"

char *pg_sidefile_name(const char *target, pg_sidefile_tag tag, int attempt)
{
    int dirlen = pg_target_dirlen(target);
    size_t size = strlen(target) + 80;
    char *name = malloc(size);
    if (name != NULL)
        snprintf(name, size, "%.*s.%s" MARK "%s-%ld-%d", dirlen, target, target + dirlen, tags[tag], (long)getpid(),
                 attempt);
    return name;
}

void pg_sidefile_undo(const char *target, const char *marker, pg_sidefile_tag tag, bool renamed)
{
    if (renamed && tag == PG_SIDEFILE_OLD)
        rename(marker, target); /* does nothing when both are one file already */
    else if (renamed)
        unlink(target);
    unlink(marker);
}

void pg_sidefile_sync_dir(const char *dir)
{
    int fd = open(*dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* ---- recovery ------------------------------------------------------- */

/* A dead run's file. */
typedef struct leftover {
    char *path;   /* DIR/.NAME.partygraph-TAG-PID-N */
    char *target; /* DIR/NAME */
    pg_sidefile_tag tag;
    long pid;
} leftover;

typedef PG_VEC(leftover) leftovers;

/* The last ".partygraph-" in `entry`, or NULL. */
static const char *last_mark(const char *entry)
{
    const char *last = NULL;
    for (const char *p = strstr(entry, MARK); p != NULL; p = strstr(p + 1, MARK))
        last = p;
    return last;
}

/* Reads directory entry `entry` as ".NAME.partygraph-TAG-PID-N"; the
 * length of NAME, or 0 when it is none of ours. */
static size_t parse(const char *entry, pg_sidefile_tag *tag, long *pid)
{
    const char *mark = last_mark(entry);
    char tagtext[8], pidtext[21], attempt[12];
    int end = 0;
    if (entry[0] != '.' || mark == NULL || mark == entry + 1 ||
        sscanf(mark, MARK "%7[a-z]-%20[0-9]-%11[0-9]%n", tagtext, pidtext, attempt, &end) != 3 || mark[end] != '\0')
        return 0;
    int i = pg_name_index(tags, NTAGS, tagtext);
    if (i < 0)
        return 0;
    *tag = (pg_sidefile_tag)i;
    *pid = strtol(pidtext, NULL, 10);
    return (size_t)(mark - entry - 1);
}

static bool dead(long pid)
{
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* DIR followed by `len` bytes of `name`, in a new string. */
static char *join(const char *dir, const char *name, size_t len)
{
    size_t size = strlen(dir) + len + 1;
    char *s = malloc(size);
    if (s != NULL)
        snprintf(s, size, "%s%.*s", dir, (int)len, name);
    return s;
}

/* Adds entry `entry` of `dir` to `found` when it is a dead run's. */
static void consider(leftovers *found, const char *dir, const char *entry)
{
    leftover l;
    size_t namelen = parse(entry, &l.tag, &l.pid);
    if (namelen == 0 || !dead(l.pid) || PG_VEC_RESERVE(*found, 1) != 0)
        return;
    l.path = join(dir, entry, strlen(entry));
    l.target = join(dir, entry + 1, namelen);
    if (l.path != NULL && l.target != NULL) {
        found->items[found->len++] = l;
        return;
    }
    free(l.path);
    free(l.target);
}

/* Is there a new file of run `pid` (for `target`; for any when NULL)? */
static bool has_new(const leftovers *found, long pid, const char *target)
{
    for (size_t i = 0; i < found->len; i++) {
        const leftover *l = &found->items[i];
        if (l->tag == PG_SIDEFILE_NEW && l->pid == pid && (target == NULL || strcmp(l->target, target) == 0))
            return true;
    }
    return false;
}

/* A marker: rolled back when its run died between renames, else removed. */
static void settle(const leftovers *found, const leftover *l)
{
    if (has_new(found, l->pid, NULL))
        pg_sidefile_undo(l->target, l->path, l->tag, !has_new(found, l->pid, l->target));
    else
        unlink(l->path);
}

/* The leftovers of dead runs in `dir`, into `found`. */
static void scan(const char *dir, leftovers *found)
{
    DIR *d = opendir(*dir ? dir : ".");
    if (d == NULL)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        consider(found, dir, e->d_name);
    closedir(d);
}

void pg_sidefile_recover(const char *dir)
{
    leftovers found = { 0 };
    scan(dir, &found);
    for (size_t i = 0; i < found.len; i++)
        if (found.items[i].tag != PG_SIDEFILE_NEW)
            settle(&found, &found.items[i]);
    for (size_t i = 0; i < found.len; i++) { /* the new files last: settle() looks for them */
        if (found.items[i].tag == PG_SIDEFILE_NEW)
            unlink(found.items[i].path);
        free(found.items[i].path);
        free(found.items[i].target);
    }
    if (found.len > 0)
        pg_sidefile_sync_dir(dir);
    free(found.items);
}
