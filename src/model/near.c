/* near.c - near misses in what a command line names of a dataset: the
 * error for a node id or an attribute that is not there, and the warning
 * for a --where value no node has, with the nearest one that is ("did
 * you mean") and, for values, the most common ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "base/vec.h"
#include "model/graph.h"

/* Offers every attribute key of entity `e` to `s`. */
static void offer_keys(const pg_dataset *ds, const pg_entity *e, pg_suggest *s)
{
    for (size_t i = 0; i < e->attrs.count; i++)
        pg_suggest_offer(s, ds->attrs.items[e->attrs.first + i].key);
}

/* Does entity `e` have attribute `key`? */
static bool has_key(const pg_dataset *ds, const pg_entity *e, const char *key)
{
    for (size_t i = 0; i < e->attrs.count; i++)
        if (strcmp(ds->attrs.items[e->attrs.first + i].key, key) == 0)
            return true;
    return false;
}

bool pg_dataset_has_attr(const pg_dataset *ds, const char *key)
{
    if (strcmp(key, "kind") == 0)
        return true;
    for (size_t e = 0; e < ds->entities.len; e++)
        if (has_key(ds, &ds->entities.items[e], key))
            return true;
    return false;
}

pg_status pg_check_attr(const pg_dataset *ds, const char *option, const char *key, pg_error *err)
{
    pg_suggest s;
    if (pg_dataset_has_attr(ds, key))
        return PG_OK;
    pg_suggest_init(&s, key);
    pg_suggest_offer(&s, "kind");
    for (size_t e = 0; e < ds->entities.len; e++)
        offer_keys(ds, &ds->entities.items[e], &s);
    if (s.best)
        return pg_error_set(err, PG_EARG, "%s: no node has an attribute '%s' (did you mean '%s'?)", option, key,
                            s.best);
    return pg_error_set(err, PG_EARG, "%s: no node has an attribute '%s'", option, key);
}

pg_status pg_graph_no_node(const pg_graph *g, const char *id, const char *view, pg_error *err)
{
    pg_suggest s;
    bool is_source = false;
    if (pg_dataset_owner(g->ds, id, &is_source) >= 0 && !is_source)
        return pg_error_set(err, PG_EARG, "no node '%s' in the %s view: the dataset has it, but the view and its filters "
                            "(--where, --kinds, --exclude, the dates...) leave it out", id, view);
    pg_suggest_init(&s, id);
    for (size_t v = 0; v < g->n; v++)
        pg_suggest_offer(&s, pg_node_entity(g, v)->id);
    if (s.best)
        return pg_error_set(err, PG_EARG, "no node '%s' in the %s view (did you mean '%s'?)", id, view, s.best);
    return pg_error_set(err, PG_EARG, "no node '%s' in the %s view", id, view);
}

/* ---- values of an attribute ------------------------------------------ */

typedef struct value_count {
    const char *text; /* the data's string, or static text: it outlives the tally */
    size_t count;
} value_count;

typedef struct tally {
    pg_strmap index; /* text -> position in values */
    PG_VEC(value_count) values;
} tally;

/* Counts `text` once more; 0, or -1 when out of memory. */
static int count_value(tally *t, const char *text)
{
    long at = pg_strmap_get(&t->index, text);
    if (at >= 0)
        return (void)t->values.items[at].count++, 0;
    if (PG_VEC_RESERVE(t->values, 1) != 0 || pg_strmap_put(&t->index, text, (long)t->values.len) < 0)
        return -1;
    t->values.items[t->values.len++] = (value_count){ text, 1 };
    return 0;
}

/* The values of attribute `key` in `ds` (numbers, whose text is made in
 * a buffer, left out) into `t`; 1 when one of them is `value`, 0 when
 * none, -1 when out of memory. */
static int tally_values(const pg_dataset *ds, const char *key, const char *value, tally *t)
{
    char buf[32];
    for (size_t e = 0; e < ds->entities.len; e++) {
        const char *text = pg_entity_attr_text(ds, (long)e, key, buf);
        if (text != NULL && strcmp(text, value) == 0)
            return 1;
        if (text != NULL && text != buf && count_value(t, text) != 0)
            return -1;
    }
    return 0;
}

/* Most common first; ties by text. */
static int by_count(const void *a, const void *b)
{
    const value_count *x = a, *y = b;
    return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp(x->text, y->text);
}

/* "(did you mean 'X'?) ATTR is: a (12), b (3), ..." into buf: the five
 * most common values, and how many more. */
static void say_values(tally *t, const char *value, char *buf, size_t size)
{
    pg_suggest s;
    size_t len = 0, shown = t->values.len < 5 ? t->values.len : 5;
    pg_suggest_init(&s, value);
    for (size_t i = 0; i < t->values.len; i++)
        pg_suggest_offer(&s, t->values.items[i].text);
    if (s.best)
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, " (did you mean '%s'?)", s.best);
    qsort(t->values.items, t->values.len, sizeof *t->values.items, by_count);
    for (size_t i = 0; i < shown; i++)
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s'%s' (%zu)", i ? ", " : "; the values: ",
                                t->values.items[i].text, t->values.items[i].count);
    if (t->values.len > shown)
        snprintf(buf + len, len < size ? size - len : 0, " and %zu more", t->values.len - shown);
}

int pg_where_unmatched(const pg_dataset *ds, const char *filter, char *buf, size_t size)
{
    char key[256];
    const char *eq = strchr(filter, '=');
    tally t = { PG_STRMAP_INIT, { NULL, 0, 0 } };
    if (eq == NULL || eq == filter || (size_t)(eq - filter) >= sizeof key || size == 0)
        return 0;
    snprintf(key, sizeof key, "%.*s", (int)(eq - filter), filter);
    int found = pg_dataset_has_attr(ds, key) ? tally_values(ds, key, eq + 1, &t) : 1;
    if (found == 0) {
        int len = snprintf(buf, size, "no node has %s", filter);
        say_values(&t, eq + 1, buf + (len > 0 && (size_t)len < size ? len : 0),
                   len > 0 && (size_t)len < size ? size - (size_t)len : 1);
    }
    pg_strmap_free(&t.index);
    free(t.values.items);
    return found < 0 ? -1 : !found;
}
