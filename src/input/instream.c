/* instream.c - see instream.h. The first read takes a buffer of input and
 * looks at its first two bytes; gzip data then goes through zlib's
 * inflate, member after member (as `cat a.gz b.gz` makes them), and bytes
 * after a member that do not start another one are ignored, as gzip and
 * zlib's gzread do for files. Plain data is handed over as it is. */
#include "input/instream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { CHUNK = 1 << 16 };

struct pg_instream {
    FILE *f;
    z_stream z;            /* next_in/avail_in: input read but not yet used, in both modes */
    bool probed, gzip;
    bool member;           /* inside a gzip member (its end not seen yet) */
    bool members_done;     /* bytes that are not a member followed the last one: the end */
    unsigned char in[CHUNK];
};

pg_instream *pg_instream_new(FILE *f)
{
    pg_instream *s = calloc(1, sizeof *s);
    if (s != NULL)
        s->f = f;
    return s;
}

/* Refills the input buffer when it is empty. Returns the bytes available
 * (0 at the end of the FILE), or -1 when the FILE failed. */
static long fill(pg_instream *s)
{
    if (s->z.avail_in > 0)
        return (long)s->z.avail_in;
    errno = 0;
    size_t n = fread(s->in, 1, sizeof s->in, s->f);
    if (n == 0 && ferror(s->f))
        return errno = errno ? errno : EIO, -1; /* a stream that is not a file descriptor may not set it */
    s->z.next_in = s->in;
    s->z.avail_in = (uInt)n;
    return (long)n;
}

/* Decides plain or gzip from the first bytes; 0, or -1 as fill. */
static int probe(pg_instream *s, const char **why)
{
    s->probed = true;
    if (fill(s) < 0)
        return -1;
    s->gzip = s->z.avail_in >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b;
    if (s->gzip && inflateInit2(&s->z, 15 + 16) != Z_OK) /* 16: gzip wrapper only */
        return *why = "out of memory", PG_INSTREAM_NOMEM;
    s->member = s->gzip;
    return 0;
}

static long plain(pg_instream *s, unsigned char *buf, size_t cap)
{
    if (s->z.avail_in > 0) {
        size_t n = cap < s->z.avail_in ? cap : s->z.avail_in;
        memcpy(buf, s->z.next_in, n);
        s->z.next_in += n;
        s->z.avail_in -= (uInt)n;
        return (long)n;
    }
    errno = 0;
    size_t n = fread(buf, 1, cap, s->f);
    return n == 0 && ferror(s->f) ? (errno = errno ? errno : EIO, -1) : (long)n;
}

/* One inflate step into the output space left; 0, 1 at the end of the
 * data, or -1 with *why. */
static int inflate_step(pg_instream *s, const char **why)
{
    long avail = fill(s);
    if (avail < 0)
        return -1;
    if (avail == 0)
        return s->member ? (*why = "truncated gzip data", -1) : 1;
    if (!s->member) { /* after a member: another one, or bytes to ignore */
        if (s->z.next_in[0] != 0x1f || (avail >= 2 && s->z.next_in[1] != 0x8b))
            return s->members_done = true, 1;
        inflateReset(&s->z);
        s->member = true;
    }
    int r = inflate(&s->z, Z_NO_FLUSH);
    if (r == Z_STREAM_END)
        s->member = false;
    else if (r == Z_MEM_ERROR)
        return *why = "out of memory", PG_INSTREAM_NOMEM;
    else if (r != Z_OK && r != Z_BUF_ERROR)
        return *why = s->z.msg ? s->z.msg : "corrupt gzip data", -1;
    return 0;
}

static long gunzip(pg_instream *s, unsigned char *buf, size_t cap, const char **why)
{
    uInt want = cap > (1u << 30) ? 1u << 30 : (uInt)cap;
    s->z.next_out = buf;
    s->z.avail_out = want;
    while (s->z.avail_out > 0 && !s->members_done) {
        int r = inflate_step(s, why);
        if (r < 0)
            return r;
        if (r > 0)
            break;
    }
    return (long)(want - s->z.avail_out);
}

long pg_instream_read(pg_instream *s, void *buf, size_t cap, const char **why)
{
    *why = NULL;
    int r;
    if (!s->probed && (r = probe(s, why)) != 0)
        return r;
    return s->gzip ? gunzip(s, buf, cap, why) : plain(s, buf, cap);
}

bool pg_instream_compressed(const pg_instream *s)
{
    return s->gzip;
}

void pg_instream_free(pg_instream *s)
{
    if (s == NULL)
        return;
    if (s->gzip)
        inflateEnd(&s->z);
    free(s);
}
