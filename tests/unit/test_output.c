/* test_output.c - output sets: commit renames into place, an abandoned set
 * leaves every existing file and directory as it was, a failed rename is
 * rolled back; what each kind of target gets (a symbolic link followed, a
 * FIFO and a device written in place, a socket or block device refused,
 * a replaced file's mode and owner kept, an input never overwritten); the
 * directory lock; what a dead run left (rolled back, kept or removed); the
 * signal path's removal, also while four threads write sets at once.
 *
 * rename() is interposed (defined here, so the library's calls come here):
 * the Nth call fails when `fail_rename_at` is N, to fail a commit midway. */
#define _DEFAULT_SOURCE /* mknod, S_IFCHR, strerror-free sockets */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "partygraph.h"

static char root[] = "/tmp/pg-test-output-XXXXXX";

static int renames, fail_rename_at;

int rename(const char *from, const char *to)
{
    if (fail_rename_at > 0 && ++renames == fail_rename_at) {
        errno = EXDEV;
        return -1;
    }
    return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

static char *path(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, sizeof buf[0], "%s/%s", root, name);
    return p;
}

static char *slurp(const char *p)
{
    static char buf[256];
    FILE *f = fopen(p, "r");
    if (f == NULL)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Does file `p` hold exactly `text`? */
static bool holds(const char *p, const char *text)
{
    const char *got = slurp(p);
    return got != NULL && strcmp(got, text) == 0;
}

static void put(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

/* Number of entries in directory `p` (without . and ..), or -1. */
static int entries(const char *p)
{
    DIR *d = opendir(p);
    if (d == NULL)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Number of dot-files in directory `p` (temporaries, markers, locks). */
static int hidden(const char *p)
{
    DIR *d = opendir(p);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static bool exists(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0;
}

static void clean(const char *name)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path(name));
    if (system(cmd) != 0)
        CHECK(false, "clean up");
}

/* A set writing `text` to each of `n` targets, committed; its status. */
static pg_status write_set(const char *const *targets, int n, const char *text, pg_error *err)
{
    pg_output *o = pg_output_new();
    pg_status st = PG_OK;
    for (int i = 0; i < n && st == PG_OK; i++) {
        FILE *f = pg_output_open(o, targets[i], err);
        st = f ? (fputs(text, f) >= 0 ? PG_OK : PG_EIO) : err->status;
    }
    if (st == PG_OK)
        st = pg_output_commit(o, err);
    pg_output_free(o);
    return st;
}

static pg_status write_one(const char *target, const char *text, pg_error *err)
{
    return write_set(&target, 1, text, err);
}

/* ---- all or nothing ------------------------------------------------- */

static void committed(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    pg_status st = pg_output_mkdir(o, path("new/deep"), &err);
    FILE *a = pg_output_open(o, path("new/deep/a.txt"), &err), *b = pg_output_open(o, path("b.txt"), &err);
    fputs("alpha", a);
    fputs("beta", b);
    CHECK(st == PG_OK && a && b && slurp(path("new/deep/a.txt")) == NULL, "nothing appears before commit");
    CHECK(pg_output_commit(o, &err) == PG_OK, "commit succeeds");
    pg_output_free(o);
    CHECK_STR(slurp(path("new/deep/a.txt")), "alpha", "the first file is in place");
    CHECK_STR(slurp(path("b.txt")), "beta", "the second file is in place");
    CHECK(entries(path("new/deep")) == 1 && entries(root) == 2, "no temporary, marker or lock file is left");
}

static void abandoned(void)
{
    pg_error err;
    put(path("keep.txt"), "precious");
    pg_output *o = pg_output_new();
    pg_output_mkdir(o, path("made/here"), &err);
    FILE *f = pg_output_open(o, path("keep.txt"), &err);
    FILE *g = pg_output_open(o, path("made/here/x.txt"), &err);
    fputs("overwritten?", f);
    fputs("x", g);
    pg_output_free(o);
    CHECK_STR(slurp(path("keep.txt")), "precious", "an abandoned set leaves the old file untouched");
    CHECK(entries(path("made")) == -1, "directories it created are removed again");
    CHECK(entries(root) == 3, "no temporary or lock file is left");
}

/* Three targets (one new), the `at`th rename failing: every target as it
 * was, nothing left beside them. */
static void rolled_back_at(int at)
{
    pg_error err;
    const char *targets[] = { path("rb/first.txt"), path("rb/second.txt"), path("rb/third.txt") };
    mkdir(path("rb"), 0777);
    put(targets[0], "old first");
    put(targets[2], "old third");
    renames = 0;
    fail_rename_at = at;
    pg_status st = write_set(targets, 3, "new", &err);
    fail_rename_at = 0;
    char what[200];
    snprintf(what, sizeof what, "rename %d of 3 failing: the commit fails, every target holds what it held", at);
    CHECK(st == PG_EIO && strstr(err.message, "cannot rename") && holds(targets[0], "old first") &&
              !exists(targets[1]) && holds(targets[2], "old third") && entries(path("rb")) == 2,
          what);
    clean("rb");
}

static void rolled_back(void)
{
    for (int at = 1; at <= 3; at++)
        rolled_back_at(at);
}

static void twice(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    char other[600];
    snprintf(other, sizeof other, "%s/new/../b.txt", root);
    CHECK(pg_output_open(o, path("b.txt"), &err) != NULL && pg_output_open(o, other, &err) == NULL &&
              err.status == PG_EARG && strstr(err.message, "are the same file") != NULL,
          "one file named twice, spelt differently, is refused");
    CHECK(pg_output_open(o, path("not-yet.txt"), &err) != NULL &&
              pg_output_open(o, path("new/../not-yet.txt"), &err) == NULL && err.status == PG_EARG,
          "a new file named twice is refused too");
    CHECK(pg_output_mkdir(o, "", &err) == PG_EARG, "an empty directory name is refused");
    pg_output_free(o);
}

static void refused(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    CHECK(pg_output_open(o, path("new"), &err) == NULL && err.status == PG_EIO &&
              strstr(err.message, "is a directory") != NULL,
          "a directory is not a target");
    CHECK(pg_output_open(o, path("nowhere/x.txt"), &err) == NULL && err.status == PG_EIO,
          "a target in a missing directory fails cleanly");
    put(path("plain"), "file");
    CHECK(pg_output_mkdir(o, path("plain/sub"), &err) == PG_EIO, "mkdir through a file fails cleanly");
    char deep[600];
    snprintf(deep, sizeof deep, "%s/made-then/%0300d", root, 0);
    CHECK(pg_output_mkdir(o, deep, &err) == PG_EIO && strstr(err.message, "File name too long"),
          "a directory that cannot be created (its name too long) fails");
    pg_output_free(o);
    CHECK(!exists(path("made-then")), "... and the parent it created for it is removed");
}

/* ---- kinds of targets ----------------------------------------------- */

static void symlinks(void)
{
    pg_error err;
    mkdir(path("ln"), 0777);
    mkdir(path("ln/real"), 0777);
    put(path("ln/real/r.txt"), "old");
    symlink("real/r.txt", path("ln/rel"));
    symlink("rel", path("ln/chain"));
    mkdir(path("ln/sub"), 0777);
    symlink("../real/r.txt", path("ln/sub/up"));
    symlink(path("ln/real/abs.txt"), path("ln/abs"));
    symlink("real/dangling.txt", path("ln/dangling"));
    CHECK(write_one(path("ln/rel"), "one", &err) == PG_OK && holds(path("ln/real/r.txt"), "one"),
          "a relative symbolic link: its target is replaced");
    char text[64] = "";
    CHECK(readlink(path("ln/rel"), text, sizeof text) == 10 && !strncmp(text, "real/r.txt", 10),
          "... and the link stays as it was");
    CHECK(write_one(path("ln/chain"), "two", &err) == PG_OK && holds(path("ln/real/r.txt"), "two"),
          "a chain of two links: the file at its end is replaced");
    CHECK(write_one(path("ln/sub/up"), "up", &err) == PG_OK && holds(path("ln/real/r.txt"), "up") &&
              hidden(path("ln/sub")) == 0,
          "a relative link in another directory is read from that directory");
    CHECK(write_one(path("ln/dangling"), "three", &err) == PG_OK &&
              holds(path("ln/real/dangling.txt"), "three"),
          "a dangling link: its target is created");
    CHECK(write_one(path("ln/abs"), "four", &err) == PG_OK && holds(path("ln/real/abs.txt"), "four"),
          "an absolute link: its target is created");
    CHECK(hidden(path("ln")) == 0 && hidden(path("ln/real")) == 0, "nothing is left beside links or targets");
    symlink("loop-b", path("ln/loop-a"));
    symlink("loop-a", path("ln/loop-b"));
    CHECK(write_one(path("ln/loop-a"), "x", &err) == PG_EIO && strstr(err.message, "symbolic links") &&
              hidden(path("ln")) == 0,
          "a loop of links: an error, nothing written");
    clean("ln");
}

static void modes(void)
{
    pg_error err;
    put(path("secret.txt"), "old");
    chmod(path("secret.txt"), 0600);
    struct stat st;
    CHECK(write_one(path("secret.txt"), "new", &err) == PG_OK && stat(path("secret.txt"), &st) == 0 &&
              (st.st_mode & 07777) == 0600,
          "a replaced 0600 file stays 0600");
    chmod(path("secret.txt"), 0640);
    CHECK(write_one(path("secret.txt"), "newer", &err) == PG_OK && stat(path("secret.txt"), &st) == 0 &&
              (st.st_mode & 07777) == 0640,
          "a replaced 0640 file stays 0640");
    mode_t mask = umask(027);
    CHECK(write_one(path("fresh.txt"), "new", &err) == PG_OK && stat(path("fresh.txt"), &st) == 0 &&
              (st.st_mode & 07777) == 0640,
          "a new file gets 0666 less the umask");
    umask(mask);
    if (geteuid() != 0) {
        test_skip("a replaced file keeps its owner", "needs root (chown to nobody)");
        return;
    }
    CHECK(chown(path("secret.txt"), 65534, 65534) == 0 && write_one(path("secret.txt"), "x", &err) == PG_OK &&
              stat(path("secret.txt"), &st) == 0 && st.st_uid == 65534 && st.st_gid == 65534,
          "a replaced file owned by nobody stays nobody's");
}

static void protected_inputs(void)
{
    pg_error err;
    put(path("in.json"), "the input");
    symlink("in.json", path("in-alias.json"));
    link(path("in.json"), path("in-hard.json"));
    pg_output *o = pg_output_new();
    CHECK(pg_output_protect(o, path("in.json"), &err) == PG_OK && pg_output_protect(o, path("none"), &err) == PG_OK,
          "an input is protected (a missing one is nothing to protect)");
    CHECK(pg_output_open(o, path("in.json"), &err) == NULL && err.status == PG_EARG &&
              strstr(err.message, "is the input file"),
          "the input itself is refused");
    CHECK(pg_output_open(o, path("in-alias.json"), &err) == NULL && err.status == PG_EARG,
          "the input through a symbolic link is refused");
    CHECK(pg_output_open(o, path("in-hard.json"), &err) == NULL && err.status == PG_EARG,
          "the input through a hard link is refused");
    CHECK(pg_output_check(o, path("in-hard.json"), &err) == PG_EARG, "pg_output_check says so too");
    pg_output_free(o);
    CHECK_STR(slurp(path("in.json")), "the input", "the input is untouched");
    int saved = dup(STDIN_FILENO), fd = open(path("in.json"), O_RDONLY);
    o = pg_output_new();
    dup2(fd, STDIN_FILENO);
    CHECK(pg_output_protect(o, "-", &err) == PG_OK && pg_output_check(o, path("in-alias.json"), &err) == PG_EARG &&
              strstr(err.message, "<stdin>"),
          "standard input redirected from a file protects that file");
    dup2(saved, STDIN_FILENO);
    close(saved);
    close(fd);
    pg_output_free(o);
}

typedef struct reader {
    const char *path;
    char text[256];
} reader;

static void *read_fifo(void *arg)
{
    reader *r = arg;
    FILE *f = fopen(r->path, "r");
    size_t n = f ? fread(r->text, 1, sizeof r->text - 1, f) : 0;
    r->text[n] = '\0';
    if (f)
        fclose(f);
    return NULL;
}

static void fifo(void)
{
    pg_error err;
    reader r = { path("pipe"), "" };
    pthread_t t;
    mkfifo(r.path, 0600);
    link(r.path, path("pipe-spare")); /* to let the reader go if the FIFO was renamed over */
    symlink("pipe", path("pipe-link"));
    pthread_create(&t, NULL, read_fifo, &r);
    pg_status st = write_one(path("pipe-link"), "through the FIFO", &err);
    int spare = open(path("pipe-spare"), O_WRONLY | O_NONBLOCK);
    if (spare >= 0)
        close(spare);
    pthread_join(t, NULL);
    unlink(path("pipe-spare"));
    struct stat s;
    CHECK(st == PG_OK && !strcmp(r.text, "through the FIFO") && lstat(r.path, &s) == 0 && S_ISFIFO(s.st_mode) &&
              hidden(root) == 0,
          "a FIFO (through a link) is written in place: the reader gets it all, it stays a FIFO");
    pg_output *o = pg_output_new();
    int keep = open(r.path, O_RDONLY | O_NONBLOCK); /* so that opening for writing does not wait */
    CHECK(pg_output_open(o, r.path, &err) != NULL && pg_output_open(o, path("pipe-link"), &err) == NULL &&
              err.status == PG_EARG,
          "one FIFO named twice is refused");
    pg_output_free(o);
    close(keep);
    unlink(path("pipe-link"));
    unlink(r.path);
}

/* A copy of device `of` (e.g. /dev/null) in the test directory; false
 * (with a skip) where device nodes cannot be made. */
static bool copy_device(const char *of, const char *name, const char *what)
{
    struct stat st;
    if (geteuid() != 0 || stat(of, &st) != 0 || mknod(path(name), S_IFCHR | 0666, st.st_rdev) != 0) {
        test_skip(what, "needs root to make a device node");
        return false;
    }
    return true;
}

static void devices(void)
{
    pg_error err;
    struct stat st;
    if (copy_device("/dev/null", "null", "a character device (a copy of /dev/null) is written in place"))
        CHECK(write_one(path("null"), "gone", &err) == PG_OK && lstat(path("null"), &st) == 0 &&
                  S_ISCHR(st.st_mode) && hidden(root) == 0,
              "a character device (a copy of /dev/null) is written in place, and stays a device");
    if (copy_device("/dev/full", "full", "a write error of a device (a copy of /dev/full) is reported"))
        CHECK(write_one(path("full"), "too much", &err) == PG_EIO && strstr(err.message, "No space left on device") &&
                  lstat(path("full"), &st) == 0 && S_ISCHR(st.st_mode),
              "a write error of a device (a copy of /dev/full) is reported");
    unlink(path("null"));
    unlink(path("full"));
    if (geteuid() != 0 || mknod(path("blk"), S_IFBLK | 0600, makedev(7, 0)) != 0) {
        test_skip("a block device is refused", "needs root to make a device node");
        return;
    }
    CHECK(write_one(path("blk"), "x", &err) == PG_EIO && strstr(err.message, "it is a block device") &&
              lstat(path("blk"), &st) == 0 && S_ISBLK(st.st_mode) && hidden(root) == 0,
          "a block device is refused, before anything is written");
    unlink(path("blk"));
}

static void socket_refused(void)
{
    pg_error err;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path("sock"));
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct stat st;
    CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && write_one(path("sock"), "x", &err) == PG_EIO &&
              strstr(err.message, "it is a socket") && lstat(path("sock"), &st) == 0 && S_ISSOCK(st.st_mode) &&
              hidden(root) == 0,
          "a socket is refused, before anything is written");
    close(fd);
    unlink(path("sock"));
}

/* ---- the lock and leftovers ----------------------------------------- */

static void lock(void)
{
    pg_error err;
    char pid[32];
    mkdir(path("lk"), 0777);
    pg_output *a = pg_output_new(), *b = pg_output_new();
    FILE *f = pg_output_open(a, path("lk/a.txt"), &err);
    snprintf(pid, sizeof pid, "(PID %ld)", (long)getpid());
    CHECK(f && pg_output_open(b, path("lk/b.txt"), &err) == NULL && err.status == PG_EIO &&
              strstr(err.file, "lk/.partygraph.lock") && strstr(err.message, pid),
          "a second set writing into a locked directory fails, naming the lock file and the holder's PID");
    char want[32];
    snprintf(want, sizeof want, "%ld\n", (long)getpid());
    CHECK_STR(slurp(path("lk/.partygraph.lock")), want, "the lock file holds the holder's PID");
    pg_output_free(a);
    CHECK(!exists(path("lk/.partygraph.lock")) && pg_output_open(b, path("lk/b.txt"), &err) != NULL,
          "once the holder is freed its lock file is gone and the directory free");
    pg_output_free(b);
    clean("lk");
}

/* The PID of a process that has ended. */
static long dead_pid(void)
{
    fflush(NULL); /* a child that flushes at its end (under ThreadSanitizer) must not print twice */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    return (long)child;
}

/* "DIR/.NAME.partygraph-TAG-PID-0". */
static char *side(const char *dir, const char *name, const char *tag, long pid)
{
    static char buf[4][600];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s/.%s.partygraph-%s-%ld-0", root, dir, name, tag, pid);
    return p;
}

/* Locks directory `dir` by opening a file there, then abandons the set. */
static void visit(const char *dir)
{
    pg_error err;
    char target[600];
    snprintf(target, sizeof target, "%s/%s/visit.txt", root, dir);
    pg_output *o = pg_output_new();
    CHECK(pg_output_open(o, target, &err) != NULL, "a new set locks the directory");
    pg_output_free(o);
}

/* A run D died between renames: a.txt renamed (old kept), b.txt not yet,
 * c.txt created (was absent), d.txt not yet created. */
static void died_between_renames(long d)
{
    mkdir(path("half"), 0777);
    put(path("half/a.txt"), "new a");
    put(side("half", "a.txt", "old", d), "old a");
    put(path("half/b.txt"), "old b");
    link(path("half/b.txt"), side("half", "b.txt", "old", d));
    put(side("half", "b.txt", "new", d), "new b");
    put(path("half/c.txt"), "new c");
    put(side("half", "c.txt", "absent", d), "");
    put(side("half", "d.txt", "absent", d), "");
    put(side("half", "d.txt", "new", d), "new d");
    visit("half");
    CHECK(holds(path("half/a.txt"), "old a") && holds(path("half/b.txt"), "old b") &&
              !exists(path("half/c.txt")) && !exists(path("half/d.txt")) && entries(path("half")) == 2,
          "a dead run's commit stopped between renames is rolled back, its leftovers removed");
    clean("half");
}

/* A run D died after its renames: only markers are left. */
static void died_after_renames(long d)
{
    mkdir(path("done"), 0777);
    put(path("done/a.txt"), "new a");
    put(side("done", "a.txt", "old", d), "old a");
    put(path("done/c.txt"), "new c");
    put(side("done", "c.txt", "absent", d), "");
    visit("done");
    CHECK(holds(path("done/a.txt"), "new a") && holds(path("done/c.txt"), "new c") &&
              hidden(path("done")) == 0,
          "a dead run's commit that had done every rename is kept, its markers removed");
    clean("done");
}

static void leftovers(void)
{
    long d = dead_pid(), live = (long)getppid();
    died_between_renames(d);
    died_after_renames(d);
    mkdir(path("left"), 0777);
    put(side("left", "x.txt", "new", d), "half-written");
    put(side("left", "y.txt", "new", live), "another run's");
    put(side("left", "z.txt", "new-ish", d), "not ours");
    char lockfile[600], text[32];
    snprintf(lockfile, sizeof lockfile, "%s/left/.partygraph.lock", root);
    snprintf(text, sizeof text, "%ld\n", d);
    put(lockfile, text);
    visit("left");
    CHECK(!exists(side("left", "x.txt", "new", d)) && exists(side("left", "y.txt", "new", live)) &&
              exists(side("left", "z.txt", "new-ish", d)) && !exists(lockfile),
          "a dead run's new file and stale lock go; a live run's file and a file not named by us stay");
    clean("left");
}

/* ---- the signal path ------------------------------------------------ */

static void removal(void)
{
    pg_error err;
    pg_output *o = pg_output_new();
    pg_status st = pg_output_mkdir(o, path("sig/deep"), &err);
    FILE *a = pg_output_open(o, path("sig/deep/a.txt"), &err), *b = pg_output_open(o, path("b.txt"), &err);
    CHECK(st == PG_OK && a && b && hidden(path("sig/deep")) == 2 && hidden(root) == 2,
          "an open set has its temporary files and locks");
    pg_output_remove_temporaries();
    CHECK(!exists(path("sig")) && hidden(root) == 0,
          "pg_output_remove_temporaries removes them, the lock files and the directories made");
    pg_output_free(o);
}

enum { THREADS = 4, ROUNDS = 40 };

static void *writer(void *arg)
{
    long id = (long)arg;
    char dir[600], names[3][640];
    snprintf(dir, sizeof dir, "%s/thr%ld/sub", root, id);
    for (int round = 0; round < ROUNDS; round++) {
        pg_error err;
        pg_output *o = pg_output_new();
        pg_output_mkdir(o, dir, &err);
        for (int i = 0; i < 3; i++) {
            snprintf(names[i], sizeof names[i], "%s/f%d.txt", dir, i);
            FILE *f = pg_output_open(o, names[i], &err);
            if (f != NULL)
                fprintf(f, "%ld %d", id, round);
        }
        if (round % 2 == 0)
            pg_output_commit(o, &err);
        pg_output_free(o);
    }
    return NULL;
}

static bool run_writers(void)
{
    pthread_t t[THREADS];
    int started = 0;
    for (long i = 0; i < THREADS; i++)
        started += pthread_create(&t[started], NULL, writer, (void *)i) == 0;
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    return started == THREADS;
}

static void threads(void)
{
    bool ok = run_writers();
    for (long i = 0; i < THREADS; i++) {
        char dir[64], want[32];
        snprintf(dir, sizeof dir, "thr%ld/sub", i);
        snprintf(want, sizeof want, "%ld %d", i, ROUNDS - 2);
        ok = ok && entries(path(dir)) == 3 && holds(path(strcat(dir, "/f1.txt")), want);
    }
    CHECK(ok, "four threads writing sets at once: each directory holds its last committed set, nothing else");
    /* and the signal path in the middle of them: nothing freed twice or read freed (ASan) */
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, writer, (void *)i);
    for (int i = 0; i < 20; i++)
        pg_output_remove_temporaries();
    for (long i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    CHECK(true, "pg_output_remove_temporaries while four threads write sets: no crash");
}

void run_tests(void)
{
    if (mkdtemp(root) == NULL) {
        CHECK(false, "a temporary directory");
        return;
    }
    committed();
    abandoned();
    rolled_back();
    twice();
    refused();
    symlinks();
    modes();
    protected_inputs();
    fifo();
    devices();
    socket_refused();
    lock();
    leftovers();
    removal();
    threads();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0, "clean up");
}
