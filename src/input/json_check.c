/* json_check.c - see json_check.h. A small state machine: `expect` says
 * what may come next, a bit stack says whether we are in an object or an
 * array. The lenient mode adds Python's three words for numbers a JSON
 * number cannot be, and nothing else. */
#include "input/json_check.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

typedef struct scanner {
    const unsigned char *s;
    size_t len, at;
    pg_json_error *e;
    unsigned char in_object[PG_JSON_MAX_DEPTH]; /* 1: object, 0: array */
    int depth;
    bool lenient; /* NaN, Infinity and -Infinity are values too */
} scanner;

static int fail(scanner *sc, size_t at, const char *reason)
{
    sc->e->offset = at;
    snprintf(sc->e->reason, sizeof sc->e->reason, "%s", reason);
    return -1;
}

static void skip_space(scanner *sc)
{
    while (sc->at < sc->len) {
        unsigned char c = sc->s[sc->at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        sc->at++;
    }
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int hex4(scanner *sc, size_t at, unsigned *out)
{
    unsigned v = 0;
    for (size_t i = at; i < at + 4; i++) {
        if (i >= sc->len)
            return fail(sc, sc->len, "unexpected end of input in a \\u escape");
        unsigned char c = sc->s[i];
        unsigned d = is_digit(c) ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 16;
        if (d == 16)
            return fail(sc, i, "invalid \\u escape (four hex digits expected)");
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

/* A \u escape at sc->at (pointing at 'u'), surrogate pairs included. */
static int unicode_escape(scanner *sc)
{
    size_t start = sc->at - 1;
    unsigned u, low;
    if (hex4(sc, sc->at + 1, &u) != 0)
        return -1;
    sc->at += 5;
    if (u == 0) /* valid JSON, but a C string would end there: the text after it would be lost */
        return fail(sc, start, "\\u0000 in a string (partygraph's texts cannot hold NUL)");
    if (u >= 0xDC00 && u <= 0xDFFF)
        return fail(sc, start, "lone low surrogate in a \\u escape");
    if (u < 0xD800 || u > 0xDBFF)
        return 0;
    if (sc->at + 1 >= sc->len || sc->s[sc->at] != '\\' || sc->s[sc->at + 1] != 'u')
        return fail(sc, start, "high surrogate \\u escape without its low surrogate");
    if (hex4(sc, sc->at + 2, &low) != 0)
        return -1;
    if (low < 0xDC00 || low > 0xDFFF)
        return fail(sc, start, "high surrogate \\u escape without its low surrogate");
    sc->at += 6;
    return 0;
}

static int escape(scanner *sc)
{
    if (sc->at >= sc->len)
        return fail(sc, sc->len, "unexpected end of input in a string");
    switch (sc->s[sc->at]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        sc->at++;
        return 0;
    case 'u':
        return unicode_escape(sc);
    }
    return fail(sc, sc->at - 1, "invalid escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
}

static int string(scanner *sc)
{
    sc->at++;
    while (sc->at < sc->len) {
        unsigned char c = sc->s[sc->at];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* plain ASCII: most of any text */
            sc->at++;
            continue;
        }
        if (c == '"') {
            sc->at++;
            return 0;
        }
        if (c == '\\') {
            sc->at++;
            if (escape(sc) != 0)
                return -1;
            continue;
        }
        if (c < 0x20 && c != 0)
            return fail(sc, sc->at, "control character in a string (escape it, e.g. \\n or \\t)");
        size_t n = pg_utf8_sequence(sc->s + sc->at, sc->len - sc->at);
        if (n == 0 && c == 0)
            return fail(sc, sc->at, "NUL byte in the input (a JSON text has none)");
        if (n == 0)
            return fail(sc, sc->at, "invalid UTF-8 in a string (the input must be UTF-8)");
        sc->at += n;
    }
    return fail(sc, sc->len, "unexpected end of input in a string (missing closing quote?)");
}

static int number(scanner *sc)
{
    size_t start = sc->at;
    if (sc->s[sc->at] == '-')
        sc->at++;
    if (sc->at >= sc->len || !is_digit(sc->s[sc->at]))
        return fail(sc, start, "invalid number");
    if (sc->s[sc->at] == '0' && sc->at + 1 < sc->len && is_digit(sc->s[sc->at + 1]))
        return fail(sc, start, "invalid number (no leading zeros)");
    while (sc->at < sc->len && is_digit(sc->s[sc->at]))
        sc->at++;
    if (sc->at < sc->len && sc->s[sc->at] == '.') {
        if (++sc->at >= sc->len || !is_digit(sc->s[sc->at]))
            return fail(sc, start, "invalid number (digits expected after '.')");
        while (sc->at < sc->len && is_digit(sc->s[sc->at]))
            sc->at++;
    }
    if (sc->at < sc->len && (sc->s[sc->at] | 0x20) == 'e') {
        sc->at++;
        if (sc->at < sc->len && (sc->s[sc->at] == '+' || sc->s[sc->at] == '-'))
            sc->at++;
        if (sc->at >= sc->len || !is_digit(sc->s[sc->at]))
            return fail(sc, start, "invalid number (digits expected in the exponent)");
        while (sc->at < sc->len && is_digit(sc->s[sc->at]))
            sc->at++;
    }
    return 0;
}

static int literal(scanner *sc)
{
    static const char *const words[] = { "true", "false", "null" };
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (sc->len - sc->at >= n && memcmp(sc->s + sc->at, words[i], n) == 0) {
            sc->at += n;
            return 0;
        }
    }
    return -1;
}

/* In lenient mode, NaN, Infinity or -Infinity at sc->at (skipped): 0;
 * else -1. */
static int non_finite(scanner *sc)
{
    static const char *const words[] = { "NaN", "Infinity", "-Infinity" };
    for (int i = 0; sc->lenient && i < 3; i++) {
        size_t n = strlen(words[i]);
        if (sc->len - sc->at >= n && memcmp(sc->s + sc->at, words[i], n) == 0) {
            sc->at += n;
            return 0;
        }
    }
    return -1;
}

/* What may come next. ELEMENT and KEY follow a comma, so a closing
 * bracket there is a trailing comma. */
typedef enum expect { START, VALUE, ELEMENT, VALUE_OR_CLOSE, KEY, KEY_OR_CLOSE, COLON, COMMA_OR_CLOSE, DONE } expect;

static int unexpected(scanner *sc, expect want)
{
    static const char *const what[] = {
        [START] = "expected a value",
        [VALUE] = "expected a value",
        [ELEMENT] = "expected a value",
        [VALUE_OR_CLOSE] = "expected a value or ']'",
        [KEY] = "expected a string key",
        [KEY_OR_CLOSE] = "expected a string key or '}'",
        [COLON] = "expected ':' after the key",
        [COMMA_OR_CLOSE] = "expected ',' or a closing bracket",
        [DONE] = "unexpected text after the JSON value",
    };
    if (sc->at >= sc->len && want == START)
        return fail(sc, sc->len, "empty input (expected a JSON value)");
    if (sc->at >= sc->len)
        return fail(sc, sc->len, "unexpected end of input (truncated JSON?)");
    unsigned char c = sc->s[sc->at];
    if (c == 0)
        return fail(sc, sc->at, "NUL byte in the input (a JSON text has none)");
    if ((want == KEY || want == ELEMENT) && (c == '}' || c == ']'))
        return fail(sc, sc->at, "trailing comma before a closing bracket");
    if (want == COMMA_OR_CLOSE && sc->depth > 0)
        return fail(sc, sc->at, sc->in_object[sc->depth - 1] ? "expected ',' or '}' after an object member"
                                                              : "expected ',' or ']' after an array element");
    return fail(sc, sc->at, what[want]);
}

static int open_container(scanner *sc, bool object)
{
    if (sc->depth >= PG_JSON_MAX_DEPTH)
        return fail(sc, sc->at, "nesting too deep (more than 512 levels)");
    sc->in_object[sc->depth++] = object;
    sc->at++;
    return 0;
}

/* One scalar or an opening bracket where a value is expected. */
static int value(scanner *sc, expect *next)
{
    unsigned char c = sc->s[sc->at];
    int rc;
    if (c == '{' || c == '[') {
        *next = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        return open_container(sc, c == '{');
    }
    if (c == '"')
        rc = string(sc);
    else if (non_finite(sc) == 0)
        rc = 0;
    else if (c == '-' || is_digit(c))
        rc = number(sc);
    else if (literal(sc) == 0)
        rc = 0;
    else
        return unexpected(sc, *next);
    *next = sc->depth > 0 ? COMMA_OR_CLOSE : DONE;
    return rc;
}

static int close_container(scanner *sc, expect *next)
{
    sc->depth--;
    sc->at++;
    *next = sc->depth > 0 ? COMMA_OR_CLOSE : DONE;
    return 0;
}

static int comma(scanner *sc, expect *next)
{
    if (sc->s[sc->at] != ',')
        return unexpected(sc, COMMA_OR_CLOSE);
    sc->at++;
    *next = sc->in_object[sc->depth - 1] ? KEY : ELEMENT;
    return 0;
}

static int key(scanner *sc, expect want, expect *next)
{
    if (sc->s[sc->at] != '"')
        return unexpected(sc, want);
    *next = COLON;
    return string(sc);
}

static int colon(scanner *sc, expect *next)
{
    if (sc->s[sc->at] != ':')
        return unexpected(sc, COLON);
    sc->at++;
    *next = VALUE;
    return 0;
}

/* One step from state `*want` at the next non-space byte. */
static int step(scanner *sc, expect *want)
{
    expect w = *want;
    bool may_close = w == VALUE_OR_CLOSE || w == KEY_OR_CLOSE || w == COMMA_OR_CLOSE;
    if (may_close && sc->s[sc->at] == (sc->in_object[sc->depth - 1] ? '}' : ']'))
        return close_container(sc, want);
    switch (w) {
    case COMMA_OR_CLOSE: return comma(sc, want);
    case START:
    case VALUE:
    case ELEMENT:
    case VALUE_OR_CLOSE: return value(sc, want);
    case KEY:
    case KEY_OR_CLOSE: return key(sc, w, want);
    case COLON: return colon(sc, want);
    case DONE: break;
    }
    return unexpected(sc, DONE);
}

/* The whole-text check, lenient or not. */
static int check(const char *text, size_t len, bool lenient, pg_json_error *e)
{
    scanner sc = { (const unsigned char *)text, len, 0, e, { 0 }, 0, lenient };
    expect want = START;
    for (;;) {
        skip_space(&sc);
        if (sc.at >= sc.len)
            return want == DONE ? 0 : unexpected(&sc, want);
        if (step(&sc, &want) != 0)
            return -1;
    }
}

int pg_json_check(const char *text, size_t len, pg_json_error *e)
{
    return check(text, len, false, e);
}

int pg_json_check_lenient(const char *text, size_t len, pg_json_error *e)
{
    return check(text, len, true, e);
}

/* The enclosing containers count towards the depth limit but are never
 * closed here (the caller has made sure the text does not start with a
 * closing bracket): the value ends when the depth is back to `outer`. */
int pg_json_check_value(const char *text, size_t len, int outer, bool first_in_array, size_t *end,
                        pg_json_error *e)
{
    scanner sc = { (const unsigned char *)text, len, 0, e, { 0 }, 0, false };
    expect want = first_in_array ? VALUE_OR_CLOSE : VALUE;
    sc.depth = outer < 0 ? 0 : outer > PG_JSON_MAX_DEPTH ? PG_JSON_MAX_DEPTH : outer;
    for (;;) {
        skip_space(&sc);
        if (sc.at >= sc.len)
            return unexpected(&sc, want);
        if (step(&sc, &want) != 0)
            return -1;
        if (sc.depth == outer && want == COMMA_OR_CLOSE) {
            *end = sc.at;
            return 0;
        }
    }
}
