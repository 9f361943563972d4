/* choose.c - which entities and relation types a view leaves out: the
 * options --exclude, --types, --exclude-types and --no-structural turned
 * into flags by entity and by relation type (pg_view_spec.excluded,
 * .type_off), checked against the dataset. */
#include <string.h>

#include "base/error.h"
#include "base/suggest.h"
#include "model/graph.h"

/* A new array of n false flags in g's arena, or NULL. */
static bool *new_flags(pg_graph *g, size_t n)
{
    bool *f = pg_arena_alloc(&g->arena, n ? n : 1);
    return f ? memset(f, 0, n ? n : 1) : NULL;
}

/* The index of relation type `id` in g's dataset, or -1. */
static long type_index(const pg_graph *g, const char *id)
{
    for (size_t t = 0; t < g->ds->relation_types.len; t++)
        if (strcmp(g->ds->relation_types.items[t].id, id) == 0)
            return (long)t;
    return -1;
}

static pg_status unknown_type(const pg_graph *g, const char *option, const char *id, pg_error *err)
{
    pg_suggest s;
    pg_suggest_init(&s, id);
    for (size_t t = 0; t < g->ds->relation_types.len; t++)
        pg_suggest_offer(&s, g->ds->relation_types.items[t].id);
    if (s.best)
        return pg_error_set(err, PG_EARG, "%s: no relation type '%s' in this dataset (did you mean '%s'?)", option, id,
                            s.best);
    return pg_error_set(err, PG_EARG, "%s: no relation type '%s' in this dataset", option, id);
}

/* Sets off[t] to `value` for every type of `ids`. */
static pg_status set_types(pg_graph *g, const char *option, const char *const *ids, size_t n, bool value,
                           pg_error *err)
{
    for (size_t i = 0; i < n; i++) {
        long t = type_index(g, ids[i]);
        if (t < 0)
            return unknown_type(g, option, ids[i], err);
        g->spec.type_off[t] = value;
    }
    return PG_OK;
}

static bool any_type_option(const pg_view_options *opt)
{
    return opt->types != NULL || opt->nexclude_types > 0 || opt->no_structural;
}

/* g->spec.type_off from --types, --exclude-types and --no-structural. */
static pg_status choose_types(pg_graph *g, const pg_view_options *opt, pg_error *err)
{
    size_t nt = g->ds->relation_types.len;
    if (!any_type_option(opt))
        return PG_OK;
    if ((g->spec.type_off = new_flags(g, nt)) == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    if (opt->types != NULL)
        memset(g->spec.type_off, true, nt);
    pg_status st = set_types(g, "--types", opt->types, opt->ntypes, false, err);
    if (st == PG_OK)
        st = set_types(g, "--exclude-types", opt->exclude_types, opt->nexclude_types, true, err);
    for (size_t t = 0; st == PG_OK && opt->no_structural && t < nt; t++)
        g->spec.type_off[t] |= g->ds->relation_types.items[t].structural;
    return st;
}

static pg_status unknown_entity(const pg_graph *g, const char *id, pg_error *err)
{
    pg_suggest s;
    pg_suggest_init(&s, id);
    for (size_t e = 0; e < g->ds->entities.len; e++)
        pg_suggest_offer(&s, g->ds->entities.items[e].id);
    if (s.best)
        return pg_error_set(err, PG_EARG, "--exclude: no entity '%s' (did you mean '%s'?)", id, s.best);
    return pg_error_set(err, PG_EARG, "--exclude: no entity '%s'", id);
}

/* g->spec.excluded from --exclude. */
static pg_status choose_entities(pg_graph *g, const pg_view_options *opt, pg_error *err)
{
    if (opt->nexclude == 0)
        return PG_OK;
    if ((g->spec.excluded = new_flags(g, g->ds->entities.len)) == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    for (size_t i = 0; i < opt->nexclude; i++) {
        long e = pg_dataset_entity_index(g->ds, opt->exclude[i]);
        if (e < 0)
            return unknown_entity(g, opt->exclude[i], err);
        g->spec.excluded[e] = true;
    }
    return PG_OK;
}

pg_status pg_view_choose(pg_graph *g, const pg_view_options *opt, pg_error *err)
{
    if ((opt->nexclude && !opt->exclude) || (opt->ntypes && !opt->types) ||
        (opt->nexclude_types && !opt->exclude_types))
        return pg_error_set(err, PG_EARG, "exclude, types or exclude_types: a count without a list");
    pg_status st = choose_entities(g, opt, err);
    return st == PG_OK ? choose_types(g, opt, err) : st;
}
