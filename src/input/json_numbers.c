/* json_numbers.c - see json_numbers.h: the number tokens of a JSON text
 * that a double would change, found in one pass, and the walk of the
 * parsed tree that gives each number item its token. */
#include "input/json_numbers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the tokens ----------------------------------------------------------- */

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The offset just past the string that opens at `at`. */
static size_t skip_string(const char *s, size_t len, size_t at)
{
    for (at++; at < len && s[at] != '"'; at++)
        if (s[at] == '\\')
            at++;
    return at + 1;
}

/* The length of the number token at `s` (NaN, Infinity, -Infinity or a
 * JSON number: valid JSON only). */
static size_t token_length(const char *s, size_t len)
{
    if (s[0] == 'N')
        return 3;
    if (s[0] == 'I' || (s[0] == '-' && len > 1 && s[1] == 'I'))
        return s[0] == 'I' ? 8 : 9;
    size_t n = 1;
    while (n < len && (digit(s[n]) || s[n] == '.' || s[n] == 'e' || s[n] == 'E' || s[n] == '+' || s[n] == '-'))
        n++;
    return n;
}

/* Is the token an integer beyond ±2^53 (9007199254740992, which a double
 * still holds)? No leading zeros: valid JSON. */
static bool beyond_2_53(const char *t, size_t len)
{
    size_t sign = t[0] == '-';
    for (size_t i = sign; i < len; i++)
        if (!digit(t[i]))
            return false;
    size_t n = len - sign;
    return n > 16 || (n == 16 && memcmp(t + sign, "9007199254740992", 16) > 0);
}

/* The kind of the token, or -1 when a double holds it. */
static int classify(const char *t, size_t len)
{
    if (t[0] == 'N')
        return PG_JSON_NUMBER_NAN;
    if (t[0] == 'I' || (len > 1 && t[1] == 'I'))
        return PG_JSON_NUMBER_INFINITE;
    return beyond_2_53(t, len) ? PG_JSON_NUMBER_HUGE : -1;
}

static int push(pg_json_numbers *n, pg_json_special s)
{
    if (PG_VEC_RESERVE(n->specials, 1) != 0)
        return -1;
    n->specials.items[n->specials.len++] = s;
    n->words = n->words || s.kind != PG_JSON_NUMBER_HUGE;
    return 0;
}

/* The offset of the next number token at or after `at`; `len` when
 * there is none. */
static size_t next_token(const char *text, size_t len, size_t at)
{
    while (at < len) {
        char c = text[at];
        if (digit(c) || c == '-' || c == 'N' || c == 'I')
            return at;
        at = c == '"' ? skip_string(text, len, at) : at + 1;
    }
    return len;
}

int pg_json_numbers_scan(pg_json_numbers *n, const char *text, size_t len)
{
    size_t ordinal = 0;
    n->specials.len = 0;
    n->words = false;
    for (size_t at = next_token(text, len, 0); at < len; at = next_token(text, len, at)) {
        size_t tl = token_length(text + at, len - at);
        int kind = classify(text + at, tl);
        if (kind >= 0 && push(n, (pg_json_special){ ordinal, at, tl, (pg_json_number_kind)kind }) != 0)
            return -1;
        ordinal++;
        at += tl;
    }
    return 0;
}

void pg_json_numbers_rewrite(const pg_json_numbers *n, const char *text, size_t len, char *copy)
{
    static const char *const stand_in[] = { "0e0", "1e999999", "-1e999999" }; /* NaN, Infinity, -Infinity */
    memcpy(copy, text, len);
    for (size_t i = 0; i < n->specials.len; i++) {
        const pg_json_special *s = &n->specials.items[i];
        for (int k = 0; k < 3 && s->kind != PG_JSON_NUMBER_HUGE; k++)
            if (strlen(stand_in[k]) == s->len)
                memcpy(copy + s->at, stand_in[k], s->len);
    }
}

void pg_json_numbers_free(pg_json_numbers *n)
{
    free(n->specials.items);
    *n = PG_JSON_NUMBERS_INIT;
}

/* ---- the tree --------------------------------------------------------------- */

typedef struct walk {
    const pg_json_numbers *n;
    const char *text;
    pg_arena *digits;
    size_t next;    /* the next special token */
    size_t ordinal; /* of the next number item */
    pg_json_numbers_note *note;
    void *ctx;
    bool oom;
} walk;

/* Makes number item `item` a string: a reference to token `s`'s digits
 * in the walk's arena (cJSON_Delete leaves them be). */
static void as_digits(walk *w, cJSON *item, const pg_json_special *s)
{
    char *digits = pg_arena_strndup(w->digits, w->text + s->at, s->len);
    if (digits == NULL) {
        w->oom = true;
        return;
    }
    item->type = (item->type & ~0xFF) | cJSON_String | cJSON_IsReference;
    item->valuestring = digits;
}

/* The next number item: changed when its token is special, or when the
 * parse made it infinite (too large for a double). */
static void number(walk *w, cJSON *item, const pg_jpath *p)
{
    const pg_json_special *s = NULL;
    if (w->next < w->n->specials.len && w->n->specials.items[w->next].ordinal == w->ordinal)
        s = &w->n->specials.items[w->next++];
    w->ordinal++;
    if (s == NULL && (isfinite(item->valuedouble) || w->n->integers_only))
        return;
    pg_json_number_kind kind = s ? s->kind : PG_JSON_NUMBER_INFINITE;
    if (kind == PG_JSON_NUMBER_HUGE)
        as_digits(w, item, s);
    else
        item->type = (item->type & ~0xFF) | cJSON_NULL;
    if (!w->oom)
        w->note(w->ctx, kind, s ? w->text + s->at : NULL, s ? s->len : 0, s ? s->at : 0, p);
}

/* Value `v` at path `p` and everything in it, in document order. */
static void visit(walk *w, cJSON *v, const pg_jpath *p)
{
    long i = 0;
    if (cJSON_IsNumber(v))
        number(w, v, p);
    for (cJSON *c = v->child; c != NULL && !w->oom; c = c->next, i++) {
        pg_jpath cp = cJSON_IsObject(v) ? pg_jpath_key(p, c->string) : pg_jpath_index(p, i);
        visit(w, c, &cp);
    }
}

int pg_json_numbers_apply(const pg_json_numbers *n, cJSON *root, const char *text, pg_arena *digits,
                          const pg_jpath *top, pg_json_numbers_note *note, void *ctx)
{
    walk w = { n, text, digits, 0, 0, note, ctx, false };
    visit(&w, root, top);
    return w.oom ? -1 : 0;
}
