/* input.c - reading an input through zlib, which passes plain bytes
 * through unchanged and gunzips a gzip stream (detected by its magic
 * bytes), so every loader reads .json and .json.gz, files and standard
 * input, the same way; a caller's FILE * goes through instream.c, which
 * does the same with zlib's inflate. Every byte a loader gets passes pg_input_read,
 * which counts them against the input's limit (of the bytes given, so
 * gunzipped ones: the guard against a gzip bomb) and never reads more than
 * one byte past it. Text in UTF-16 or UTF-32 with a byte order mark is
 * turned into UTF-8 here (transcode.c), so every reader reads it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/error.h"
#include "input/input.h"
#include "input/instream.h"
#include "input/transcode.h"

enum { ZLIB_BUFFER = 1 << 18 };

struct pg_input {
    gzFile gz;            /* a path or standard input, read by zlib; or */
    pg_instream *stream;  /* a caller's FILE * (pg_input_open_stream) */
    pg_transcode *tc;     /* UTF-16/32 to UTF-8, when a byte order mark says so */
    unsigned char head[4]; /* the first bytes, read to look for a byte order mark */
    size_t head_at, head_len; /* head[head_at, head_len): not given yet */
    bool probed;          /* the head was read */
    size_t size; /* of a regular file, else 0 */
    unsigned long long limit, given; /* bytes: the most reads may give (0: no limit), and given so far */
    char name[256];
};

/* Opens the descriptor `path` names; standard input is duplicated so that
 * closing the input leaves the caller's descriptor 0 open. */
static int open_fd(const char *path)
{
    if (strcmp(path, "-") == 0)
        return fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
    return open(path, O_RDONLY | O_CLOEXEC);
}

pg_status pg_input_open(const char *path, pg_input **out, pg_error *err)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    struct stat st = { 0 };
    pg_input *in = calloc(1, sizeof *in);
    int fd = open_fd(path);
    pg_status status = PG_OK;
    *out = NULL;
    if (fd < 0)
        status = pg_error_set_errno(err, PG_EIO, errno, "cannot open '%s'", name);
    else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        status = pg_error_set(err, PG_EIO, "cannot read '%s': it is a directory", name);
    else if (in == NULL || (in->gz = gzdopen(fd, "rb")) == NULL)
        status = pg_error_set(err, PG_ENOMEM, "out of memory opening '%s'", name);
    if (status != PG_OK)
        goto cleanup;
    fd = -1; /* the gzFile's now */
    gzbuffer(in->gz, ZLIB_BUFFER);
    in->size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
    snprintf(in->name, sizeof in->name, "%s", name);
    *out = in;
    in = NULL;
cleanup:
    if (fd >= 0)
        close(fd);
    free(in);
    return status;
}

pg_status pg_input_open_stream(FILE *f, const char *name, pg_input **out, pg_error *err)
{
    pg_input *in = calloc(1, sizeof *in);
    if (in == NULL || (in->stream = pg_instream_new(f)) == NULL) {
        free(in);
        return *out = NULL, pg_error_set(err, PG_ENOMEM, "out of memory opening '%s'", name);
    }
    snprintf(in->name, sizeof in->name, "%s", name);
    *out = in;
    return PG_OK;
}

const char *pg_input_name(const pg_input *in)
{
    return in->name;
}

bool pg_input_compressed(const pg_input *in)
{
    return in->stream ? pg_instream_compressed(in->stream) : gzdirect(in->gz) == 0;
}

size_t pg_input_size(pg_input *in)
{
    return in->stream == NULL && in->tc == NULL && gzdirect(in->gz) ? in->size : 0;
}

void pg_input_limit(pg_input *in, unsigned long long max_bytes)
{
    in->limit = max_bytes;
}

/* The error for an input found to hold more than its limit. */
static long over_limit(const pg_input *in, pg_error *err)
{
    pg_error_set(err, PG_EINVALID, "input larger than the limit of %llu bytes%s (--max-input-bytes)", in->limit,
                 pg_input_compressed(in) ? " once gunzipped" : "");
    pg_error_set_file(err, in->name);
    return -1;
}

/* Reads from the gzFile: the count, or -1 with `err` set. */
static long read_gz(pg_input *in, void *buf, unsigned want, pg_error *err)
{
    int got = gzread(in->gz, buf, want), code = 0;
    const char *why = gzerror(in->gz, &code);
    if (got > 0 || (got == 0 && code == Z_OK))
        return got;
    if (code == Z_ERRNO)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot read '%s'", in->name), -1;
    if (code == Z_MEM_ERROR) /* zlib's buffers, even for a plain file: out of memory, not bad data */
        return pg_error_set(err, PG_ENOMEM, "out of memory reading '%s'", in->name), -1;
    const char *colon = strncmp(why, "<fd:", 4) == 0 ? strstr(why, ": ") : NULL; /* zlib names the fd */
    return pg_error_set(err, PG_EIO, "cannot read '%s': corrupt gzip data (%s)", in->name, colon ? colon + 2 : why), -1;
}

/* Reads from the caller's FILE: the count, or -1 with `err` set. */
static long read_stream(pg_input *in, void *buf, unsigned want, pg_error *err)
{
    const char *why = NULL;
    long got = pg_instream_read(in->stream, buf, want, &why);
    if (got >= 0)
        return got;
    if (got == PG_INSTREAM_NOMEM)
        return pg_error_set(err, PG_ENOMEM, "out of memory reading '%s'", in->name), -1;
    if (why == NULL)
        return pg_error_set_errno(err, PG_EIO, errno, "cannot read '%s'", in->name), -1;
    return pg_error_set(err, PG_EIO, "cannot read '%s': corrupt gzip data (%s)", in->name, why), -1;
}

/* Reads the bytes of the file or stream, gunzipped: the count, or -1. */
static long read_source(pg_input *in, void *buf, size_t cap, pg_error *err)
{
    unsigned want = cap > (1u << 30) ? 1u << 30 : (unsigned)cap;
    return in->stream ? read_stream(in, buf, want, err) : read_gz(in, buf, want, err);
}

/* As read_source, the head not given yet first, then the bytes after it
 * (a read is as full as without the head; transcode.h's pull). */
static long read_raw(void *source, void *buf, size_t cap, pg_error *err)
{
    pg_input *in = source;
    size_t n = in->head_len - in->head_at < cap ? in->head_len - in->head_at : cap;
    memcpy(buf, in->head + in->head_at, n);
    in->head_at += n;
    long more = n < cap ? read_source(in, (char *)buf + n, cap - n, err) : 0;
    return more < 0 ? -1 : (long)n + more;
}

/* Reads the first bytes and starts a transcoder when they are a UTF-16
 * or UTF-32 byte order mark; 0, or -1 with `err` set. */
static int probe(pg_input *in, pg_error *err)
{
    long got = 1;
    size_t bom;
    in->probed = true;
    while (in->head_len < sizeof in->head &&
           (got = read_source(in, in->head + in->head_len, sizeof in->head - in->head_len, err)) > 0)
        in->head_len += (size_t)got;
    const char *encoding = got < 0 ? NULL : pg_transcode_bom(in->head, in->head_len, &bom);
    if (encoding == NULL)
        return got < 0 ? -1 : 0;
    in->head_at = in->head_len; /* the transcoder's now */
    in->tc = pg_transcode_new(encoding, in->head + bom, in->head_len - bom, read_raw, in, in->name);
    return in->tc ? 0 : (pg_error_set(err, PG_ENOMEM, "out of memory reading '%s'", in->name), -1);
}

long pg_input_read(pg_input *in, void *buf, size_t cap, pg_error *err)
{
    unsigned want = cap > (1u << 30) ? 1u << 30 : (unsigned)cap;
    if (!in->probed && probe(in, err) < 0)
        return -1;
    if (in->limit > 0 && (in->given > in->limit || pg_input_size(in) > in->limit))
        return over_limit(in, err);
    if (in->limit > 0 && in->limit - in->given < want) /* one byte past the limit tells (no +1 overflow) */
        want = (unsigned)(in->limit - in->given) + 1;
    long got = in->tc ? pg_transcode_read(in->tc, buf, want, err) : read_raw(in, buf, want, err);
    in->given += got > 0 ? (unsigned long long)got : 0;
    if (got > 0 && in->limit > 0 && in->given > in->limit)
        return over_limit(in, err);
    return got;
}

pg_status pg_input_read_all(pg_input *in, const char *head, size_t n, char **out, size_t *len, pg_error *err)
{
    size_t cap = n < (1 << 16) ? 1 << 16 : 2 * n;
    char *buf = malloc(cap + 1);
    if (buf != NULL && n > 0)
        memcpy(buf, head, n);
    for (;;) {
        if (buf == NULL)
            return *out = NULL, pg_error_set(err, PG_ENOMEM, "out of memory reading '%s'", in->name);
        long got = pg_input_read(in, buf + n, cap - n, err);
        if (got < 0) {
            free(buf);
            return *out = NULL, err ? err->status : PG_EIO;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) {
            char *bigger = cap <= SIZE_MAX / 4 ? realloc(buf, cap * 2 + 1) : NULL;
            if (bigger == NULL)
                free(buf);
            buf = bigger;
            cap *= 2;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return PG_OK;
}

void pg_input_close(pg_input *in)
{
    if (in == NULL)
        return;
    if (in->gz != NULL)
        gzclose(in->gz);
    pg_instream_free(in->stream);
    pg_transcode_free(in->tc);
    free(in);
}
