/* transcode.c - see transcode.h. glibc's iconv decodes (it pairs
 * surrogates, refuses lone ones and code points over U+10FFFF, and leaves
 * a character split between two reads for the next), rather than a
 * decoder of our own: it is the C library's, already there, and well
 * tried. This file feeds it through a buffer of UTF-8 (so that a caller
 * asking for fewer bytes than a character still gets them), counts the
 * lines and characters given, for the place of a problem, and blanks the
 * XML declaration's encoding. */
#include "input/transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

enum { CHUNK = 1 << 16, DECLARATION = 1024 /* bytes of UTF-8 that hold any XML declaration */ };

struct pg_transcode {
    iconv_t cd;
    const char *encoding;
    size_t unit;            /* bytes of a code unit: 2 or 4 */
    bool little;            /* little-endian */
    pg_transcode_pull *pull;
    void *source;
    size_t at, len;         /* in[at, len): original bytes not converted yet */
    size_t out_at, out_len; /* out[out_at, out_len): UTF-8 not given yet */
    bool started;           /* the first UTF-8 was made (and its XML declaration seen to) */
    long line, column;      /* of the next character converted */
    char name[256];
    unsigned char in[CHUNK];
    char out[CHUNK];
};

/* The byte order marks, UTF-32LE's before UTF-16LE's, which begins it. */
static const struct {
    unsigned char bytes[4];
    size_t n;
    const char *encoding;
} boms[] = {
    { { 0xFF, 0xFE, 0, 0 }, 4, "UTF-32LE" },
    { { 0, 0, 0xFE, 0xFF }, 4, "UTF-32BE" },
    { { 0xFF, 0xFE, 0, 0 }, 2, "UTF-16LE" },
    { { 0xFE, 0xFF, 0, 0 }, 2, "UTF-16BE" },
};

const char *pg_transcode_bom(const unsigned char *head, size_t n, size_t *bom)
{
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++)
        if (n >= boms[i].n && memcmp(head, boms[i].bytes, boms[i].n) == 0)
            return *bom = boms[i].n, boms[i].encoding;
    return *bom = 0, NULL;
}

pg_transcode *pg_transcode_new(const char *encoding, const unsigned char *head, size_t n, pg_transcode_pull *pull,
                               void *source, const char *name)
{
    pg_transcode *t = calloc(1, sizeof *t);
    if (t == NULL || (t->cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1) {
        free(t);
        return NULL;
    }
    t->encoding = encoding;
    t->unit = strstr(encoding, "16") ? 2 : 4;
    t->little = strstr(encoding, "LE") != NULL;
    t->pull = pull;
    t->source = source;
    memcpy(t->in, head, n);
    t->len = n;
    t->line = t->column = 1;
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

/* Counts the lines and characters of `n` bytes of UTF-8. */
static void advance(pg_transcode *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            t->line++, t->column = 1;
        else if (((unsigned char)s[i] & 0xC0) != 0x80)
            t->column++;
    }
}

/* The error for the original text at in[at]: placed, named. */
static int malformed(pg_transcode *t, pg_error *err, const char *why)
{
    pg_error_set(err, PG_EINVALID, "malformed %s text (by its byte order mark): %s", t->encoding, why);
    pg_error_set_file(err, t->name);
    if (err != NULL)
        err->line = t->line, err->column = t->column;
    return -1;
}

/* The code unit (in the text's byte order) at in[at]. */
static unsigned long unit_at(const pg_transcode *t)
{
    size_t n = t->unit, left = t->len - t->at;
    unsigned long u = 0;
    for (size_t i = 0; i < n && i < left; i++)
        u |= (unsigned long)t->in[t->at + i] << (8 * (t->little ? i : n - 1 - i));
    return u;
}

/* What iconv refused at in[at]. */
static int refused(pg_transcode *t, pg_error *err)
{
    char why[96];
    unsigned long u = unit_at(t);
    if (u >= 0xD800 && u < 0xDC00)
        snprintf(why, sizeof why, "a high surrogate 0x%04lX not followed by a low one", u);
    else if (u >= 0xDC00 && u < 0xE000)
        snprintf(why, sizeof why, "a lone low surrogate 0x%04lX", u);
    else
        snprintf(why, sizeof why, "0x%lX is not a Unicode character", u);
    return malformed(t, err, why);
}

/* Converts what in[] holds into out[]; 0, or -1 at text iconv refuses. */
static int convert(pg_transcode *t, pg_error *err)
{
    char *from = (char *)t->in + t->at, *to = t->out + t->out_len;
    size_t from_left = t->len - t->at, to_left = sizeof t->out - t->out_len;
    size_t r = iconv(t->cd, &from, &from_left, &to, &to_left);
    int e = errno;
    advance(t, t->out + t->out_len, (size_t)(to - (t->out + t->out_len)));
    t->out_len = (size_t)(to - t->out);
    t->at = t->len - from_left;
    return r == (size_t)-1 && e == EILSEQ ? refused(t, err) : 0;
}

/* Moves the bytes not converted to the front and reads more after them:
 * 1, 0 at the end of the source, or -1 with `err` set. */
static int pull_more(pg_transcode *t, pg_error *err)
{
    memmove(t->in, t->in + t->at, t->len - t->at);
    t->len -= t->at;
    t->at = 0;
    long got = t->pull(t->source, t->in + t->len, sizeof t->in - t->len, err);
    if (got > 0)
        t->len += (size_t)got;
    return got < 0 ? -1 : got > 0;
}

/* The index of `lit` in the n bytes at s, or n. */
static size_t find(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, lit, k) == 0)
            return i;
    return n;
}

/* Blanks `encoding="..."` in the XML declaration at the start of the n
 * bytes at s, if there is one. */
static void blank_encoding(char *s, size_t n)
{
    size_t end = n >= 5 && memcmp(s, "<?xml", 5) == 0 ? find(s, n, "?>") : 0;
    size_t at = find(s, end, "encoding"), i = at + 8;
    while (i < end && strchr(" \t\r\n=", s[i]) != NULL)
        i++;
    char quote = i < end ? s[i] : 0;
    size_t close = quote == '"' || quote == '\'' ? i + 1 + find(s + i + 1, end - i - 1, (char[]){ quote, 0 }) : end;
    if (at < end && close < end)
        memset(s + at, ' ', close + 1 - at);
}

/* Refills out[] from the original: 0 (out_len 0 at the end), or -1. The
 * first time, with enough for an XML declaration when there is as much. */
static int fill(pg_transcode *t, pg_error *err)
{
    size_t want = t->started ? 1 : DECLARATION;
    t->out_at = t->out_len = 0;
    for (;;) {
        if (convert(t, err) < 0)
            return -1;
        int more = t->out_len >= want ? 0 : pull_more(t, err);
        if (more < 0)
            return -1;
        if (more == 0 && t->out_len < want && t->at < t->len)
            return malformed(t, err, "the text ends inside a character");
        if (more == 0)
            break;
    }
    if (!t->started)
        blank_encoding(t->out, t->out_len);
    t->started = true;
    return 0;
}

long pg_transcode_read(pg_transcode *t, void *buf, size_t cap, pg_error *err)
{
    if (t->out_at == t->out_len && fill(t, err) < 0)
        return -1;
    size_t n = t->out_len - t->out_at < cap ? t->out_len - t->out_at : cap;
    memcpy(buf, t->out + t->out_at, n);
    t->out_at += n;
    return (long)n;
}

void pg_transcode_free(pg_transcode *t)
{
    if (t == NULL)
        return;
    iconv_close(t->cd);
    free(t);
}
