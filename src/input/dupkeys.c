/* dupkeys.c - see dupkeys.h. A small object is checked pair by pair (no
 * allocation: the common case, no repeats); a larger one, or one with a
 * repeat, counts its keys in a hash map, then takes out each member that
 * is not the last of its key. */
#include "input/dupkeys.h"

#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"

enum { SMALL = 16 };

/* How often a key occurs in the object, and how often it was met so far. */
typedef struct tally {
    size_t total, met;
} tally;

/* True when two members of the object (of at most SMALL) share a key. */
static bool small_repeats(const cJSON *obj)
{
    for (const cJSON *a = obj->child; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0)
                return true;
    return false;
}

/* Counts every key of `obj` into `keys` (key -> index into `t`). */
static bool count_keys(const cJSON *obj, pg_strmap *keys, tally *t)
{
    size_t k = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        long at = pg_strmap_get(keys, c->string);
        if (at < 0 && pg_strmap_put(keys, c->string, (long)k) < 0)
            return false;
        t[at < 0 ? k++ : (size_t)at].total++;
    }
    return true;
}

/* Deletes the members chained through `next` (the map's keys may be
 * theirs: they go once it is no longer used). */
static void delete_chain(cJSON *c)
{
    for (cJSON *next; c; c = next) {
        next = c->next;
        c->next = NULL;
        cJSON_Delete(c);
    }
}

/* Takes out the members that a later one repeats (chained into *out);
 * warns at each last one of a repeated key. */
static void take_out(pg_report *r, cJSON *obj, pg_jpath p, const pg_strmap *keys, tally *t, cJSON **out)
{
    char q[PG_QUOTE_SIZE];
    for (cJSON *c = obj->child, *next; c; c = next) {
        next = c->next;
        tally *k = &t[pg_strmap_get(keys, c->string)];
        if (++k->met < k->total) {
            cJSON_DetachItemViaPointer(obj, c);
            c->next = *out;
            *out = c;
        } else if (k->total > 1) {
            pg_jpath kp = pg_jpath_key(&p, c->string);
            pg_report_warning(r, &kp, "duplicate key %s: the last of its %zu values is kept", pg_quote(q, c->string),
                              k->total);
        }
    }
}

/* The earlier members of repeated keys of object `obj`, out. */
static bool dedupe(pg_report *r, cJSON *obj, pg_jpath p, bool own)
{
    size_t n = (size_t)cJSON_GetArraySize(obj);
    if (n < 2 || (n <= SMALL && !small_repeats(obj)))
        return true;
    pg_strmap keys = PG_STRMAP_INIT;
    tally *t = calloc(n, sizeof *t);
    cJSON *out = NULL;
    bool ok = t != NULL && count_keys(obj, &keys, t);
    if (ok)
        take_out(r, obj, p, &keys, t, &out);
    free(t);
    pg_strmap_free(&keys);
    if (own)
        delete_chain(out);
    return ok ? true : pg_report_oom(r);
}

bool pg_dupkeys_remove(pg_report *r, cJSON *v, pg_jpath p, bool own)
{
    bool object = cJSON_IsObject(v);
    if (object && !dedupe(r, v, p, own))
        return false;
    long i = 0;
    for (cJSON *c = v->child; c; c = c->next, i++) {
        if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
            continue;
        pg_jpath cp = object ? pg_jpath_key(&p, c->string) : pg_jpath_index(&p, i);
        if (!pg_dupkeys_remove(r, c, cp, own))
            return false;
    }
    return true;
}
