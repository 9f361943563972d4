/* near.c - near misses in what a command line names of a dataset: the
 * error for a node id or an attribute that is not there, with the
 * nearest one that is ("did you mean"). */
#include <string.h>

#include "base/error.h"
#include "base/suggest.h"
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
    pg_suggest_init(&s, id);
    for (size_t v = 0; v < g->n; v++)
        pg_suggest_offer(&s, pg_node_entity(g, v)->id);
    if (s.best)
        return pg_error_set(err, PG_EARG, "no node '%s' in the %s view (did you mean '%s'?)", id, view, s.best);
    return pg_error_set(err, PG_EARG, "no node '%s' in the %s view", id, view);
}
