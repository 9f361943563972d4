/* replay.c - runs a libFuzzer harness without libFuzzer: a TAP producer
 * that feeds every file under the directories given (in name order,
 * recursively, hidden files skipped) to LLVMFuzzerTestOneInput, each in
 * a child process of its own, so that a crash or abort fails that file
 * alone. Linked with the ordinary release and sanitizer builds, it replays
 * the seed corpus and the regressions in `make check` with no clang.
 *
 *   replay DIR...        "ok N - FILE" per file; exit status: the failures
 *
 * Rules: a directory that cannot be read is a failure, not a skip; the
 * file is read whole into a buffer of exactly its size, so that the
 * sanitizers see any read past its end. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int tests, failures;

static void result(int ok, const char *path, const char *why)
{
    tests++;
    failures += !ok;
    printf("%sok %d - %s%s%s\n", ok ? "" : "not ", tests, path, why[0] ? ": " : "", why);
    fflush(stdout);
}

/* Reads `path` whole into a malloc'd buffer of exactly its size. */
static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *buf = NULL;
    if (f == NULL || fstat(fileno(f), &st) != 0)
        goto cleanup;
    buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
    if (buf != NULL && fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        free(buf);
        buf = NULL;
    }
    *size = (size_t)st.st_size;
cleanup:
    if (f != NULL)
        fclose(f);
    return buf;
}

/* Runs the harness on one file in a child process. */
static void replay_file(const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        size_t size = 0;
        unsigned char *data = slurp(path, &size);
        if (data == NULL)
            _exit(2);
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        exit(0); /* exit, not _exit: LeakSanitizer runs at exit */
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        result(0, path, "cannot run a child process");
        return;
    }
    char why[64] = "";
    if (WIFSIGNALED(status))
        snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(status));
    else if (WEXITSTATUS(status) == 2)
        snprintf(why, sizeof why, "cannot read it");
    else if (WEXITSTATUS(status) != 0)
        snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(status));
    result(why[0] == '\0', path, why);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Replays every file under `dir`, in name order. */
static void replay_dir(const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, visible, by_name);
    if (n < 0) {
        result(0, dir, "cannot read the directory");
        return;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            replay_dir(path);
        else
            replay_file(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        replay_dir(argv[i]);
    printf("1..%d\n", tests);
    return failures > 0;
}
