/* scan.c - see scan.h. A small state machine over the top level of the
 * document (the object, its keys and the commas of the split arrays);
 * every value is checked by pg_json_check_value, with the wording of
 * pg_json_check for errors between values, so that a syntax error reads
 * exactly as a whole-text check reports it.
 *
 * A value that reaches the end of the window, or fails near it, is
 * checked again once more bytes are in: a number or a literal cut by a
 * chunk boundary must not decide anything. */
#define _POSIX_C_SOURCE 200809L
#include "input/scan.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    CHUNK = 1 << 20, /* bytes read at a time */
    SLACK = 16,      /* a value ending this close to the window's end is checked again */
    EOF_ = -1,
    FAIL = -2
};

/* What the next non-space byte may be. */
typedef enum state {
    START, KEY_OR_CLOSE, KEY, COLON, VALUE, MEMBER_COMMA, FIRST_ELEMENT, ELEMENT, ELEMENT_COMMA, DONE,
    FINISHED
} state;

void pg_scan_init(pg_scan *sc, pg_scan_read_fn read, void *source, pg_scan_split_fn split)
{
    memset(sc, 0, sizeof *sc);
    sc->read = read;
    sc->source = source;
    sc->split = split;
    sc->line = sc->column = 1;
    sc->state = START;
    pg_sha256_init(&sc->sha);
}

bool pg_scan_is_final(pg_scan_kind kind)
{
    return kind == PG_SCAN_END || kind == PG_SCAN_SYNTAX || kind == PG_SCAN_IO || kind == PG_SCAN_NOMEM;
}

void pg_scan_free(pg_scan *sc)
{
    free(sc->buf);
    free(sc->key);
    sc->buf = sc->key = NULL;
}

/* Moves the line:column mark forward to buf index `to`. Columns count
 * characters (UTF-8 lead bytes), as pg_utf8_position does. */
static void advance(pg_scan *sc, size_t to)
{
    const unsigned char *s = (const unsigned char *)sc->buf;
    size_t from = sc->mark;
    for (const char *nl; from < to && (nl = memchr(sc->buf + from, '\n', to - from)) != NULL;) {
        sc->line++;
        sc->column = 1;
        from = (size_t)(nl - sc->buf) + 1;
    }
    long chars = (long)(to - from);
    size_t i = from;
    while (i + 8 <= to) { /* less the UTF-8 continuation bytes (10xxxxxx), 8 at a time */
        uint64_t lanes = 0; /* a count per byte lane, at most 31 each */
        for (int k = 0; k < 31 && i + 8 <= to; k++, i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            lanes += (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
        }
        chars -= (long)((lanes * 0x0101010101010101ULL) >> 56); /* the sum of the lanes, <= 248 */
    }
    for (; i < to; i++)
        chars -= (s[i] & 0xC0) == 0x80;
    sc->column += chars;
    sc->mark = to;
}

/* Reads more bytes behind the window, moving it to the front of the
 * buffer or growing the buffer. Returns 1 when bytes came, 0 at the end,
 * -1 on a read error (sc->io) or out of memory. */
static int more(pg_scan *sc, pg_scan_kind *fail)
{
    if (sc->eof)
        return 0;
    if (sc->start > 0) {
        advance(sc, sc->start);
        memmove(sc->buf, sc->buf + sc->start, sc->end - sc->start);
        sc->end -= sc->start;
        sc->mark = sc->start = 0;
    }
    if (sc->cap - sc->end < CHUNK / 2) {
        size_t cap = sc->cap < CHUNK ? CHUNK : sc->cap * 2;
        char *buf = realloc(sc->buf, cap);
        if (buf == NULL) {
            *fail = PG_SCAN_NOMEM;
            return -1;
        }
        sc->buf = buf;
        sc->cap = cap;
    }
    long n = sc->read(sc->source, sc->buf + sc->end, sc->cap - sc->end, &sc->io);
    if (n < 0) {
        *fail = PG_SCAN_IO;
        return -1;
    }
    pg_sha256_update(&sc->sha, sc->buf + sc->end, (size_t)n);
    sc->end += (size_t)n;
    sc->bytes += (size_t)n;
    sc->eof = n == 0;
    return n > 0;
}

/* The next non-space byte (not consumed), EOF_, or FAIL. */
static int peek(pg_scan *sc, pg_scan_kind *fail)
{
    for (;;) {
        while (sc->start < sc->end) {
            unsigned char c = (unsigned char)sc->buf[sc->start];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return c;
            sc->start++;
        }
        int r = more(sc, fail);
        if (r <= 0)
            return r == 0 ? EOF_ : FAIL;
    }
}

/* Ends the scan with a syntax error at buf index `at`. */
static void syntax(pg_scan *sc, size_t at, const char *reason, pg_scan_item *item)
{
    advance(sc, at);
    snprintf(sc->syntax.reason, sizeof sc->syntax.reason, "%s", reason);
    sc->syntax.offset = sc->bytes - (sc->end - at);
    item->kind = PG_SCAN_SYNTAX;
    item->line = sc->line;
    item->column = sc->column;
    sc->state = FINISHED;
}

/* Byte `c` (or EOF_) is not what state `s` allows: the words of
 * pg_json_check for the same place. */
static void unexpected(pg_scan *sc, int c, state s, pg_scan_item *item)
{
    const char *why = s == KEY_OR_CLOSE ? "expected a string key or '}'"
                      : s == KEY ? "expected a string key"
                      : s == COLON ? "expected ':' after the key"
                      : s == MEMBER_COMMA ? "expected ',' or '}' after an object member"
                      : s == ELEMENT_COMMA ? "expected ',' or ']' after an array element"
                      : s == DONE ? "unexpected text after the JSON value"
                                  : "expected a value";
    if (c == EOF_)
        why = s == START ? "empty input (expected a JSON value)" : "unexpected end of input (truncated JSON?)";
    else if (c == 0)
        why = "NUL byte in the input (a JSON text has none)";
    else if ((s == KEY || s == ELEMENT) && (c == '}' || c == ']'))
        why = "trailing comma before a closing bracket";
    syntax(sc, sc->start, why, item);
}

/* Checks the value at the window's start, reading more as needed; its
 * length in *len. Returns false after ending the scan. Each new try has
 * at least twice the bytes of the last, so that a value of any size is
 * checked in linear time. */
static bool check(pg_scan *sc, int outer, bool first, size_t *len, pg_scan_item *item)
{
    for (;;) {
        size_t have = sc->end - sc->start;
        pg_json_error e;
        int rc = pg_json_check_value(sc->buf + sc->start, have, outer, first, len, &e);
        size_t reach = rc == 0 ? *len : e.offset;
        if (sc->eof || reach + SLACK <= have) {
            if (rc == 0)
                return true;
            syntax(sc, sc->start + e.offset, e.reason, item);
            return false;
        }
        pg_scan_kind fail;
        int r = 1;
        while (r > 0 && sc->end - sc->start < 2 * have + SLACK)
            r = more(sc, &fail);
        if (r < 0) {
            item->kind = fail;
            sc->state = FINISHED;
            return false;
        }
    }
}

/* Takes the checked value of `len` bytes at the window's start as the
 * item's text, with its position. */
static void take(pg_scan *sc, size_t len, pg_scan_item *item)
{
    advance(sc, sc->start);
    item->text = sc->buf + sc->start;
    item->len = len;
    item->line = sc->line;
    item->column = sc->column;
    sc->start += len;
}

/* Makes the `n` bytes at `s` the current key. */
static bool set_key(pg_scan *sc, const char *s, size_t n)
{
    if (n + 1 > sc->key_cap) {
        char *k = realloc(sc->key, n + 1);
        if (k == NULL)
            return false;
        sc->key = k;
        sc->key_cap = n + 1;
    }
    memcpy(sc->key, s, n);
    sc->key[n] = '\0';
    sc->key_len = n;
    return true;
}

/* Reads and decodes the key at the window's start. */
static bool key(pg_scan *sc, pg_scan_item *item)
{
    size_t len;
    if (!check(sc, 1, false, &len, item))
        return false;
    const char *token = sc->buf + sc->start;
    bool ok;
    if (memchr(token, '\\', len) == NULL) {
        ok = set_key(sc, token + 1, len - 2);
    } else { /* escapes: let cJSON undo them */
        cJSON *decoded = cJSON_ParseWithLength(token, len);
        ok = decoded != NULL && set_key(sc, decoded->valuestring, strlen(decoded->valuestring));
        cJSON_Delete(decoded);
    }
    sc->start += len;
    if (!ok) {
        item->kind = PG_SCAN_NOMEM;
        sc->state = FINISHED;
    }
    return ok;
}

/* A text that is not an object: read it all and check it whole. */
static void root(pg_scan *sc, pg_scan_item *item)
{
    pg_scan_kind fail;
    int r;
    while ((r = more(sc, &fail)) > 0)
        ;
    sc->state = FINISHED;
    if (r < 0) {
        item->kind = fail;
        return;
    }
    pg_json_error e;
    if (pg_json_check(sc->buf + sc->start, sc->end - sc->start, &e) != 0) {
        syntax(sc, sc->start + e.offset, e.reason, item);
        return;
    }
    item->kind = PG_SCAN_ROOT;
    take(sc, sc->end - sc->start, item);
    pg_sha256_hex(&sc->sha, sc->sha256);
}

/* Skips a UTF-8 byte order mark at the very start (not counted in
 * columns, as the whole-text loader skips it before checking). */
static bool bom(pg_scan *sc, pg_scan_item *item)
{
    pg_scan_kind fail;
    int r = 1;
    sc->bom_done = true;
    while (sc->end - sc->start < 3 && (r = more(sc, &fail)) > 0)
        ;
    if (r < 0) {
        item->kind = fail;
        sc->state = FINISHED;
        return false;
    }
    if (sc->end - sc->start >= 3 && memcmp(sc->buf + sc->start, "\xEF\xBB\xBF", 3) == 0)
        sc->start += 3;
    sc->mark = sc->start;
    return true;
}

/* An element of a split array, or its end. True when *item is ready. */
static bool element(pg_scan *sc, int c, pg_scan_item *item)
{
    size_t len;
    if (c == ']' && sc->state == FIRST_ELEMENT) {
        sc->start++;
        sc->state = MEMBER_COMMA;
        return false;
    }
    if (sc->state == ELEMENT && (c == ']' || c == '}')) {
        unexpected(sc, c, ELEMENT, item);
        return true;
    }
    if (!check(sc, 2, sc->state == FIRST_ELEMENT, &len, item))
        return true;
    item->kind = PG_SCAN_ELEMENT;
    take(sc, len, item);
    sc->state = ELEMENT_COMMA;
    return true;
}

/* The value of a top-level member: an array to split, or a whole value. */
static bool value(pg_scan *sc, int c, pg_scan_item *item)
{
    size_t len;
    item->key = sc->key;
    item->key_len = sc->key_len;
    if (c == '[' && sc->split(sc->key)) {
        item->kind = PG_SCAN_ARRAY;
        take(sc, 1, item);
        sc->state = FIRST_ELEMENT;
        return true;
    }
    if (!check(sc, 1, false, &len, item))
        return true;
    item->kind = PG_SCAN_MEMBER;
    take(sc, len, item);
    sc->state = MEMBER_COMMA;
    return true;
}

/* A byte that must be `want`, moving to state `next`. */
static bool punct(pg_scan *sc, int c, int want, state next, pg_scan_item *item)
{
    if (c != want) {
        unexpected(sc, c, (state)sc->state, item);
        return true;
    }
    sc->start++;
    sc->state = next;
    return false;
}

/* One step at non-space byte `c` (or EOF_). True when *item is ready. */
static bool step(pg_scan *sc, int c, pg_scan_item *item)
{
    switch ((state)sc->state) {
    case START:
        if (c == '{')
            return punct(sc, c, '{', KEY_OR_CLOSE, item);
        if (c == EOF_)
            unexpected(sc, c, START, item);
        else
            root(sc, item);
        return true;
    case KEY_OR_CLOSE:
    case KEY:
        if (c == '}' && sc->state == KEY_OR_CLOSE)
            return punct(sc, c, '}', DONE, item);
        if (c != '"') {
            unexpected(sc, c, (state)sc->state, item);
            return true;
        }
        if (!key(sc, item))
            return true;
        sc->state = COLON;
        return false;
    case COLON: return punct(sc, c, ':', VALUE, item);
    case VALUE: return value(sc, c, item);
    case MEMBER_COMMA: return punct(sc, c, c == '}' ? '}' : ',', c == '}' ? DONE : KEY, item);
    case FIRST_ELEMENT:
    case ELEMENT: return element(sc, c, item);
    case ELEMENT_COMMA: return punct(sc, c, c == ']' ? ']' : ',', c == ']' ? MEMBER_COMMA : ELEMENT, item);
    case DONE:
        if (c != EOF_) {
            unexpected(sc, c, DONE, item);
            return true;
        }
        item->kind = PG_SCAN_END;
        pg_sha256_hex(&sc->sha, sc->sha256);
        sc->state = FINISHED;
        return true;
    case FINISHED: break;
    }
    return true;
}

void pg_scan_next(pg_scan *sc, pg_scan_item *item)
{
    memset(item, 0, sizeof *item);
    if (sc->state == FINISHED) {
        item->kind = sc->final;
        return;
    }
    if (!sc->bom_done && !bom(sc, item)) {
        sc->final = item->kind;
        return;
    }
    for (;;) {
        pg_scan_kind fail = PG_SCAN_NOMEM;
        int c = peek(sc, &fail);
        if (c == FAIL) {
            item->kind = fail;
            sc->state = FINISHED;
        }
        if (c == FAIL || step(sc, c, item))
            break;
    }
    if (sc->state == FINISHED)
        sc->final = item->kind == PG_SCAN_ROOT ? PG_SCAN_END : item->kind;
}
