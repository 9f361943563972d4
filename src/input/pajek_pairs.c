/* pajek_pairs.c - see pajek_pairs.h: a line-by-line pass over a Pajek
 * text that knows its sections (a line starting `*`) and, in *Vertices,
 * *Edges and *Arcs, splits each line into words as NetworkX's read_pajek
 * does with shlex (spaces inside double quotes are part of a word). */
#include "input/pajek_pairs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { OTHER, VERTICES, EDGES };
/* Words before the pairs: number label x y shape; u v weight. A line's
 * words past MAX_WORDS are blanked out with its pairs, not kept. */
enum { VERTEX_WORDS = 5, EDGE_WORDS = 3, MAX_WORDS = 1024 };

typedef struct word {
    const char *at;
    size_t len;
} word;

/* The section a line starting with `*` opens. */
static int section(const char *line, size_t n)
{
    static const struct {
        const char *name;
        int kind;
    } names[] = { { "*vertices", VERTICES }, { "*edges", EDGES }, { "*arcs", EDGES } };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t m = strlen(names[k].name);
        if (n >= m && strncasecmp(line, names[k].name, m) == 0 && (n == m || strchr(" \t\r", line[m])))
            return names[k].kind;
    }
    return OTHER;
}

/* The words of line [s, end), at most MAX_WORDS; their number. */
static size_t words(const char *s, const char *end, word *w)
{
    size_t n = 0;
    for (;;) {
        while (s < end && strchr(" \t\r", *s))
            s++;
        if (s >= end || n == MAX_WORDS)
            return n;
        const char *e = s;
        for (bool quoted = false; e < end && (quoted || !strchr(" \t\r", *e)); e++)
            quoted ^= *e == '"';
        w[n++] = (word){ s, (size_t)(e - s) };
        s = e;
    }
}

/* Word w as a JSON string, its quotes taken out (as shlex does: `"a "b`
 * is `a b`); NULL when out of memory. */
static cJSON *unquoted(word w)
{
    char *s = malloc(w.len + 1);
    size_t n = 0;
    if (s == NULL)
        return NULL;
    for (size_t k = 0; k < w.len; k++)
        if (w.at[k] != '"')
            s[n++] = w.at[k];
    s[n] = '\0';
    cJSON *v = cJSON_CreateString(s);
    free(s);
    return v;
}

/* Adds the pair of words (k, v) to `obj`, a repeated key's last value
 * kept; false when out of memory. */
static bool add_pair(cJSON *obj, word k, word v)
{
    cJSON *key = unquoted(k), *value = unquoted(v);
    bool ok = key != NULL && value != NULL;
    if (ok) {
        cJSON_DeleteItemFromObjectCaseSensitive(obj, key->valuestring);
        ok = cJSON_AddItemToObject(obj, key->valuestring, value);
    }
    if (!ok)
        cJSON_Delete(value);
    cJSON_Delete(key);
    return ok;
}

/* The pairs of words w[from, n) as an object; NULL when out of memory. */
static cJSON *pairs_of(const word *w, size_t from, size_t n)
{
    cJSON *obj = cJSON_CreateObject();
    for (size_t k = from; obj && k + 1 < n; k += 2)
        if (!add_pair(obj, w[k], w[k + 1]))
            cJSON_Delete(obj), obj = NULL;
    return obj;
}

/* Puts `obj` (taken) at index i of `vec` (i at most its length: edge
 * lines come one by one), with NULLs before it. Returns 0, or -1 when
 * out of memory. */
static int put_at(pg_json_vec *vec, size_t i, cJSON *obj)
{
    if (i >= vec->len && PG_VEC_RESERVE(*vec, i + 1 - vec->len) != 0)
        return cJSON_Delete(obj), -1;
    while (vec->len <= i)
        vec->items[vec->len++] = NULL;
    cJSON_Delete(vec->items[i]);
    vec->items[i] = obj;
    return 0;
}

/* Adds the pairs `obj` (taken) of vertex `number`. Returns 0, or -1 when
 * out of memory. */
static int add_vertex(pg_pajek_pairs *out, long number, cJSON *obj)
{
    if (PG_VEC_RESERVE(out->vertices, 1) != 0)
        return cJSON_Delete(obj), -1;
    out->vertices.items[out->vertices.len] = (pg_pajek_vertex){ number, out->vertices.len, obj };
    out->vertices.len++;
    return 0;
}

/* By number, then by line. */
static int by_number(const void *a, const void *b)
{
    const pg_pajek_vertex *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Word w as a vertex number (the text need not end after it); 0 when it
 * is none. */
static long number_of(word w)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.*s", (int)(w.len < sizeof buf ? w.len : 0), w.at);
    return strtol(buf, NULL, 10);
}

/* Where the pass is. */
typedef struct scan {
    pg_pajek_pairs *out;
    const char *text;
    int kind;     /* the section: OTHER, VERTICES, EDGES */
    size_t edges; /* edge lines so far */
    long line;
} scan;

/* The pairs of a vertex or edge line [s, end) into st->out, blanked out
 * of its text. Returns 0, or -1 when out of memory. */
static int line_pairs(scan *st, const char *s, const char *end)
{
    word w[MAX_WORDS];
    size_t n = words(s, end, w), keep = st->kind == VERTICES ? VERTEX_WORDS : EDGE_WORDS;
    if (n == 0 || w[0].at[0] == '%')
        return 0;
    long number = st->kind == VERTICES ? number_of(w[0]) : (long)++st->edges;
    if (n < keep + 2 || number < 1)
        return 0; /* no pair */
    cJSON *obj = pairs_of(w, keep, n);
    int rc = obj == NULL                ? -1
             : st->kind == VERTICES ? add_vertex(st->out, number, obj)
                                    : put_at(&st->out->edges, (size_t)number - 1, obj);
    if (rc != 0)
        return -1;
    memset(st->out->text + (w[keep].at - st->text), ' ', (size_t)(end - w[keep].at));
    if (st->out->first_line == 0)
        st->out->first_line = st->line;
    return 0;
}

/* One line [s, end): a section's first, or a line of a section. */
static int one_line(scan *st, const char *s, const char *end)
{
    if (s < end && *s == '*') {
        st->kind = section(s, (size_t)(end - s));
        return 0;
    }
    return st->kind == OTHER ? 0 : line_pairs(st, s, end);
}

int pg_pajek_pairs_split(const char *text, size_t len, pg_pajek_pairs *out)
{
    *out = (pg_pajek_pairs){ 0 };
    scan st = { out, text, OTHER, 0, 1 };
    if ((out->text = malloc(len + 1)) == NULL)
        return -1;
    memcpy(out->text, text, len);
    out->text[len] = '\0';
    for (const char *s = text, *end = text + len; s < end; st.line++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end;
        if (one_line(&st, s, e) != 0) {
            pg_pajek_pairs_free(out);
            return -1;
        }
        s = nl ? nl + 1 : end;
    }
    pg_vec_sort(out->vertices.items, out->vertices.len, sizeof *out->vertices.items, by_number);
    return 0;
}

const cJSON *pg_pajek_pairs_vertex(const pg_pajek_pairs *p, long number)
{
    size_t lo = 0, hi = p->vertices.len; /* the last of `number`: the first index past it, minus one */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->vertices.items[mid].number <= number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && p->vertices.items[lo - 1].number == number ? p->vertices.items[lo - 1].pairs : NULL;
}

void pg_pajek_pairs_free(pg_pajek_pairs *p)
{
    for (size_t i = 0; i < p->vertices.len; i++)
        cJSON_Delete(p->vertices.items[i].pairs);
    for (size_t i = 0; i < p->edges.len; i++)
        cJSON_Delete(p->edges.items[i]);
    free(p->vertices.items);
    free(p->edges.items);
    free(p->text);
    *p = (pg_pajek_pairs){ 0 };
}
