/* jpos.c - see jpos.h. One open-addressing table holds, for every
 * container listed so far, a slot per member (its key) or element (its
 * index) giving the offset of the value, and one more slot marking the
 * container as listed. The text is valid JSON, so walking it only needs
 * to find the ends of strings and values. */
#include "input/jpos.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

enum { LISTED = -2, MEMBER = -1, UNLISTED = -1, TOO_MANY = -2 };

/* The members of the text's own value, when an object, are listed twice:
 * by key (index MEMBER), and by their place among the members (key NULL,
 * index n), as elements are (pg_jpos_member). */

struct pg_jpos_slot {
    uint64_t generation; /* not the index's: an empty slot */
    size_t parent;   /* offset of the container */
    size_t at;       /* offset of the value */
    const char *key; /* a member's key, not NUL-terminated; NULL otherwise */
    size_t key_len;
    long index;      /* an element's index, MEMBER, or LISTED (the container's mark) */
    uint64_t hash;
};

void pg_jpos_init(pg_jpos *x, const char *text, size_t len, int depth, pg_place start)
{
    memset(x, 0, sizeof *x);
    x->generation = 1;
    pg_jpos_reset(x, text, len, depth, start);
}

void pg_jpos_reset(pg_jpos *x, const char *text, size_t len, int depth, pg_place start)
{
    x->text = text;
    x->len = len;
    x->depth = depth;
    x->start = start;
    x->generation += x->used > 0; /* every slot empty at once */
    x->used = x->nmarks = x->last_at = 0;
    x->nfew = UNLISTED;
    x->last = start;
    x->failed = false;
    pg_arena_reset(&x->keys);
}

void pg_jpos_free(pg_jpos *x)
{
    free(x->slots);
    free(x->marks);
    pg_arena_free(&x->keys);
    memset(x, 0, sizeof *x);
}

/* ---- the table -------------------------------------------------------- */

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t slot_hash(const pg_jpos_slot *s)
{
    uint64_t h = 1469598103934665603ULL ^ mix(s->parent); /* FNV-1a over the key */
    for (size_t i = 0; s->key != NULL && i < s->key_len; i++)
        h = (h ^ (unsigned char)s->key[i]) * 1099511628211ULL;
    return mix(h ^ (uint64_t)s->index);
}

static bool same_slot(const pg_jpos_slot *a, const pg_jpos_slot *b)
{
    return a->hash == b->hash && a->parent == b->parent && a->index == b->index && a->key_len == b->key_len &&
           (a->key == NULL || memcmp(a->key, b->key, a->key_len) == 0);
}

static bool empty(const pg_jpos *x, const pg_jpos_slot *s)
{
    return s->generation != x->generation;
}

/* The slot equal to `s` (s->hash set), or the empty one where it goes. */
static pg_jpos_slot *probe(const pg_jpos *x, const pg_jpos_slot *s)
{
    size_t mask = x->cap - 1, i = (size_t)s->hash & mask;
    while (!empty(x, &x->slots[i]) && !same_slot(&x->slots[i], s))
        i = (i + 1) & mask;
    return &x->slots[i];
}

static bool grow(pg_jpos *x)
{
    size_t cap = x->cap ? x->cap * 2 : 64;
    pg_jpos bigger = { .slots = calloc(cap, sizeof *x->slots), .cap = cap, .generation = x->generation };
    if (bigger.slots == NULL)
        return false;
    for (size_t i = 0; i < x->cap; i++)
        if (!empty(x, &x->slots[i]))
            *probe(&bigger, &x->slots[i]) = x->slots[i];
    free(x->slots);
    x->slots = bigger.slots;
    x->cap = cap;
    return true;
}

/* Stores `s`, replacing an equal slot (a repeated key: the last wins). */
static bool put(pg_jpos *x, pg_jpos_slot s)
{
    if ((x->used + 1) * 4 > x->cap * 3 && !grow(x))
        return false;
    s.hash = slot_hash(&s);
    s.generation = x->generation;
    pg_jpos_slot *at = probe(x, &s);
    x->used += empty(x, at);
    *at = s;
    return true;
}

/* The slot equal to `s`, or NULL. */
static const pg_jpos_slot *get(const pg_jpos *x, pg_jpos_slot s)
{
    if (x->cap == 0)
        return NULL;
    s.hash = slot_hash(&s);
    const pg_jpos_slot *at = probe(x, &s);
    return empty(x, at) ? NULL : at;
}

/* ---- walking the text ------------------------------------------------- */

static size_t space(const pg_jpos *x, size_t at)
{
    while (at < x->len && (x->text[at] == ' ' || x->text[at] == '\t' || x->text[at] == '\r' || x->text[at] == '\n'))
        at++;
    return at;
}

/* The offset just past the string that starts at `at` (its '"'). */
static size_t skip_string(const pg_jpos *x, size_t at)
{
    for (at++; at < x->len && x->text[at] != '"'; at++)
        at += x->text[at] == '\\';
    return at + 1;
}

/* The offset just past the value that starts at `at`. */
static size_t skip_value(const pg_jpos *x, size_t at)
{
    int depth = 0;
    do {
        char c = x->text[at];
        if (c == '"') {
            at = skip_string(x, at);
            continue;
        }
        if (depth == 0 && c != '{' && c != '[') { /* a number or a literal */
            while (at < x->len && strchr(",]} \t\r\n", x->text[at]) == NULL)
                at++;
            return at;
        }
        depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
        at++;
    } while (at < x->len && depth > 0);
    return at;
}

/* Reads the key at `at` into s->key (decoded when it has escapes) and
 * moves `at` to its value. */
static bool read_key(pg_jpos *x, size_t *at, pg_jpos_slot *s)
{
    size_t end = skip_string(x, *at);
    s->key = x->text + *at + 1;
    s->key_len = end - *at - 2;
    if (memchr(s->key, '\\', s->key_len) != NULL) {
        cJSON *k = cJSON_ParseWithLength(x->text + *at, end - *at);
        s->key = k ? pg_arena_strdup(&x->keys, k->valuestring) : NULL;
        s->key_len = s->key ? strlen(s->key) : 0;
        cJSON_Delete(k);
        if (s->key == NULL)
            return false;
    }
    *at = space(x, space(x, end) + 1); /* past the colon */
    return true;
}

/* The offset of the next member (or element) after the value at `at`,
 * or of the container's closing bracket; `at` itself when stuck (valid
 * JSON never is). */
static size_t next_member(const pg_jpos *x, size_t at)
{
    size_t end = at < x->len ? skip_value(x, at) : at;
    if (end == at)
        return at;
    at = space(x, end);
    return at < x->len && x->text[at] == ',' ? space(x, at + 1) : at;
}

static bool at_close(const pg_jpos *x, size_t at)
{
    return at >= x->len || x->text[at] == '}' || x->text[at] == ']';
}

/* Lists the members or elements of the container at offset `c`, once. */
static bool list(pg_jpos *x, size_t c)
{
    pg_jpos_slot mark = { .parent = c, .index = LISTED };
    if (get(x, mark) != NULL)
        return true;
    bool object = x->text[c] == '{';
    size_t at = space(x, c + 1), top = space(x, 0);
    for (long i = 0; !at_close(x, at); i++) {
        pg_jpos_slot s = { .parent = c, .index = object ? MEMBER : i }, nth = { .parent = c, .index = i };
        if ((object && !read_key(x, &at, &s)) || (s.at = nth.at = at, !put(x, s)) ||
            (object && c == top && !put(x, nth)))
            return false;
        size_t next = next_member(x, at);
        if (next == at)
            break;
        at = next;
    }
    return put(x, mark);
}

/* Lists the members of the text's own value (the container at `c`) into
 * x->few, unless it has more than PG_JPOS_FEW (then the table has them). */
static bool list_few(pg_jpos *x, size_t c)
{
    bool object = x->text[c] == '{';
    size_t at = space(x, c + 1);
    int n = 0;
    for (; !at_close(x, at) && n <= PG_JPOS_FEW; n++) {
        pg_jpos_slot s = { 0 };
        if (object && !read_key(x, &at, &s))
            return false;
        if (n < PG_JPOS_FEW)
            x->few[n] = (pg_jpos_few){ s.key, s.key_len, at };
        size_t next = next_member(x, at);
        if (next == at)
            break;
        at = next;
    }
    x->nfew = n <= PG_JPOS_FEW ? n : TOO_MANY;
    return x->nfew != TOO_MANY || list(x, c);
}

/* The member of the text's own value, a few of them, that `seg` names
 * (a repeated key: its last occurrence); NULL when none. */
static const pg_jpos_few *few_child(const pg_jpos *x, const pg_jpath *seg)
{
    if (seg->key == NULL)
        return seg->index >= 0 && seg->index < x->nfew ? &x->few[seg->index] : NULL;
    size_t len = strlen(seg->key);
    for (int i = x->nfew - 1; i >= 0; i--)
        if (x->few[i].key_len == len && memcmp(x->few[i].key, seg->key, len) == 0)
            return &x->few[i];
    return NULL;
}

/* Lists the text's own value (at `c`) the first time; false when out of
 * memory. */
static bool list_top(pg_jpos *x, size_t c)
{
    if (x->failed || x->nfew != UNLISTED)
        return true;
    x->failed = !list_few(x, c);
    return !x->failed;
}

/* Moves *at from a container to its child named by segment `seg`;
 * false when there is none (or memory ran out). */
static bool child(pg_jpos *x, size_t *at, const pg_jpath *seg)
{
    char open = seg->key != NULL ? '{' : '[';
    if (*at >= x->len || x->text[*at] != open)
        return false;
    if (*at == space(x, 0) && list_top(x, *at) && x->nfew >= 0) {
        const pg_jpos_few *f = few_child(x, seg);
        *at = f ? f->at : *at;
        return f != NULL;
    }
    if (!x->failed && !list(x, *at))
        x->failed = true;
    pg_jpos_slot want = { .parent = *at, .index = MEMBER };
    if (seg->key != NULL) {
        want.key = seg->key;
        want.key_len = strlen(seg->key);
    } else {
        want.index = seg->index;
    }
    const pg_jpos_slot *found = get(x, want);
    if (found != NULL)
        *at = found->at;
    return found != NULL;
}

bool pg_jpos_member(pg_jpos *x, long n, size_t *offset)
{
    size_t at = space(x, 0);
    if (x->text == NULL || at >= x->len || (x->text[at] != '{' && x->text[at] != '['))
        return false;
    if (list_top(x, at) && x->nfew >= 0) {
        bool there = n >= 0 && n < x->nfew;
        *offset = there ? x->few[n].at : *offset;
        return there;
    }
    if (!x->failed && !list(x, at))
        x->failed = true;
    const pg_jpos_slot *found = get(x, (pg_jpos_slot){ .parent = at, .index = n });
    if (found != NULL)
        *offset = found->at;
    return found != NULL;
}

pg_place pg_jpos_find(pg_jpos *x, const pg_jpath *p)
{
    const pg_jpath *seg[PG_JPATH_DEPTH];
    int n = 0;
    if (x->text == NULL)
        return PG_PLACE_NONE;
    for (const pg_jpath *s = p; s != NULL && s->depth > x->depth; s = s->parent)
        if (s->depth <= PG_JPATH_DEPTH)
            seg[n++] = s;
    size_t at = space(x, 0);
    while (n-- > 0 && child(x, &at, seg[n]))
        ;
    return pg_jpos_place(x, at);
}

/* ---- line:column ------------------------------------------------------ */

/* The place of byte `to`, counting from byte `from` at place `pl`:
 * columns count characters (UTF-8 lead bytes). */
static pg_place advance(const pg_jpos *x, pg_place pl, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < x->len; i++) {
        unsigned char c = (unsigned char)x->text[i];
        if (c == '\n') {
            pl.line++;
            pl.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            pl.column++;
        }
    }
    return pl;
}

/* Makes marks[0..k] exist; false when out of memory. */
static bool mark_up_to(pg_jpos *x, size_t k)
{
    if (k >= x->marks_cap) {
        size_t cap = k + 1 > 2 * x->marks_cap ? k + 1 : 2 * x->marks_cap;
        pg_place *m = realloc(x->marks, cap * sizeof *m);
        if (m == NULL)
            return false;
        x->marks = m;
        x->marks_cap = cap;
    }
    for (; x->nmarks <= k; x->nmarks++)
        x->marks[x->nmarks] = x->nmarks == 0 ? x->start
                                            : advance(x, x->marks[x->nmarks - 1], (x->nmarks - 1) * PG_JPOS_STEP,
                                                      x->nmarks * PG_JPOS_STEP);
    return true;
}

pg_place pg_jpos_place(pg_jpos *x, size_t offset)
{
    size_t k = offset / PG_JPOS_STEP;
    if (x->text == NULL)
        return PG_PLACE_NONE;
    if (offset >= x->last_at && offset - x->last_at < PG_JPOS_STEP) /* near after the last one */
        x->last = advance(x, x->last, x->last_at, offset);
    else if (mark_up_to(x, k))
        x->last = advance(x, x->marks[k], k * PG_JPOS_STEP, offset);
    else
        x->last = advance(x, x->start, 0, offset); /* no room for marks: count it all */
    x->last_at = offset;
    return x->last;
}
