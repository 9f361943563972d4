/* resolve.c - see resolve.h. */
#include "input/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/suggest.h"

/* Suggestions scan every id; past this many they are skipped, so that a
 * file with thousands of broken references still validates quickly. */
enum { MAX_SUGGESTIONS = 50 };

typedef struct resolver {
    pg_dataset *ds;
    pg_report *report;
    const pg_places *at;
    int suggestions;
} resolver;

void pg_places_free(pg_places *pl)
{
    free(pl->entity_refs.items);
    free(pl->relations.items);
    free(pl->source_refs.items);
    free(pl->claims.items);
    memset(pl, 0, sizeof *pl);
}

/* A line or column as kept: 0 (unknown) when it does not fit. */
static uint32_t keep(long n)
{
    return n > 0 && (unsigned long)n <= UINT32_MAX ? (uint32_t)n : 0;
}

bool pg_places_push(pg_place_vec *v, const pg_place *at, size_t n)
{
    if (PG_VEC_RESERVE(*v, n) != 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint32_t line = keep(at[i].line), column = keep(at[i].column);
        v->items[v->len++] = (pg_kept_place){ line, line ? column : 0 };
    }
    return true;
}

pg_place pg_places_get(const pg_place_vec *v, size_t i)
{
    if (i >= v->len)
        return PG_PLACE_NONE;
    return (pg_place){ v->items[i].line, v->items[i].column };
}

/* Where reference `k` of entity `n` is. */
static pg_place ref_place(const resolver *R, size_t n, int k)
{
    return R->at ? pg_places_get(&R->at->entity_refs, n * PG_MAX_REFS + (size_t)k) : PG_PLACE_NONE;
}

/* Where relation `n` is (which 0), or its source (1) or target (2). */
static pg_place relation_place(const resolver *R, size_t n, int which)
{
    return R->at ? pg_places_get(&R->at->relations, 3 * n + (size_t)which) : PG_PLACE_NONE;
}

/* Where item `j` of the dataset's source_refs is. */
static pg_place source_place(const resolver *R, size_t j)
{
    return R->at ? pg_places_get(&R->at->source_refs, j) : PG_PLACE_NONE;
}

/* The closest entity id of a kind in `kinds` (all when 0), or NULL. */
static const char *closest_entity(resolver *R, const char *id, unsigned kinds)
{
    if (R->suggestions++ >= MAX_SUGGESTIONS)
        return NULL;
    pg_suggest s;
    pg_suggest_init(&s, id);
    for (size_t i = 0; i < R->ds->entities.len; i++) {
        const pg_entity *e = &R->ds->entities.items[i];
        if (kinds == 0 || (kinds & (1u << e->kind)))
            pg_suggest_offer(&s, e->id);
    }
    return s.best;
}

static const char *closest_source(resolver *R, const char *id)
{
    if (R->suggestions++ >= MAX_SUGGESTIONS)
        return NULL;
    pg_suggest s;
    pg_suggest_init(&s, id);
    for (size_t i = 0; i < R->ds->sources.len; i++)
        pg_suggest_offer(&s, R->ds->sources.items[i].id);
    return s.best;
}

static bool unknown(resolver *R, pg_place at, pg_jpath p, const char *what, const char *id, const char *hint)
{
    char q[PG_QUOTE_SIZE], h[PG_QUOTE_SIZE];
    if (hint != NULL)
        return pg_report_error_place(R->report, at, &p, "unknown %s %s (did you mean %s?)", what, pg_quote(q, id),
                                     pg_quote(h, hint));
    return pg_report_error_place(R->report, at, &p, "unknown %s %s", what, pg_quote(q, id));
}

/* Names the kinds in `kinds` as "a country", "a party or a mechanism". */
static void kinds_text(unsigned kinds, char *buf, size_t size)
{
    pg_strbuf b = pg_strbuf_init(buf, size);
    for (int k = 0; k < PG_KIND_COUNT; k++)
        if (kinds & (1u << k))
            pg_strbuf_printf(&b, "%s%s %s", b.len ? " or " : "", k == PG_KIND_EVENT ? "an" : "a",
                             pg_kind_name((pg_kind)k));
}

/* Resolves `id` (at `at`, path `p`) to an entity whose kind is in
 * `kinds` (0 = any); *out may hold its index already (found while
 * loading). Returns "go on"; *out is the index, or -1 when the id is not
 * usable. */
static bool entity(resolver *R, const char *id, unsigned kinds, pg_place at, pg_jpath p, long *out)
{
    bool is_source = false;
    long i = *out >= 0 ? *out : pg_dataset_owner(R->ds, id, &is_source);
    *out = -1;
    if (i < 0)
        return unknown(R, at, p, "id", id, closest_entity(R, id, kinds));
    char q[PG_QUOTE_SIZE];
    if (is_source)
        return pg_report_error_place(R->report, at, &p, "%s is a source, not an entity", pg_quote(q, id));
    pg_kind k = kinds != 0 ? R->ds->entities.items[i].kind : PG_KIND_COUNTRY; /* no look when any kind will do */
    if (kinds != 0 && !(kinds & (1u << k))) {
        char want[96];
        kinds_text(kinds, want, sizeof want);
        return pg_report_error_place(R->report, at, &p, "%s is %s %s, expected %s", pg_quote(q, id),
                                     k == PG_KIND_EVENT ? "an" : "a", pg_kind_name(k), want);
    }
    *out = i;
    return true;
}

static bool sources(resolver *R, pg_span span, pg_jpath p)
{
    bool go = true;
    for (size_t j = 0; j < span.count && go; j++) {
        const char *id = R->ds->source_refs.items[span.first + j];
        bool is_source;
        long i = pg_dataset_owner(R->ds, id, &is_source);
        if (i < 0 || !is_source)
            go = unknown(R, source_place(R, span.first + j), pg_jpath_index(&p, (long)j), "source", id,
                         closest_source(R, id));
    }
    return go;
}

/* The references of entity number `n`. */
static bool entity_refs(resolver *R, size_t n)
{
    pg_entity *e = &R->ds->entities.items[n];
    pg_jpath section = pg_jpath_key(&PG_JPATH_ROOT, pg_kind_array_name(e->kind));
    pg_jpath p = pg_jpath_index(&section, e->input_index);
    bool go = true;
    for (int k = 0; k < e->nrefs && go; k++) {
        pg_ref *ref = &e->refs[k];
        pg_place at = ref_place(R, n, k);
        go = entity(R, ref->target_id, ref->kinds, at, pg_jpath_key(&p, ref->field), &ref->target);
    }
    return go && sources(R, e->sources, pg_jpath_key(&p, "sources"));
}

/* The endpoints and sources of relation number `n`. */
static bool relation_refs(resolver *R, size_t n)
{
    pg_relation *r = &R->ds->relations.items[n];
    pg_jpath section = pg_jpath_key(&PG_JPATH_ROOT, "relations");
    pg_jpath p = pg_jpath_index(&section, r->input_index);
    bool go = true;
    if (r->source_id)
        go = entity(R, r->source_id, 0, relation_place(R, n, 1), pg_jpath_key(&p, "source"), &r->source);
    if (go && r->target_id)
        go = entity(R, r->target_id, 0, relation_place(R, n, 2), pg_jpath_key(&p, "target"), &r->target);
    char q[PG_QUOTE_SIZE];
    if (go && r->source >= 0 && r->source == r->target)
        pg_report_warning_place(R->report, relation_place(R, n, 0), &p, "relation from %s to itself is dropped "
                                "(self-loop)", pg_quote(q, r->source_id));
    return go && sources(R, r->sources, pg_jpath_key(&p, "sources"));
}

/* The entity and sources of claim number `n`. */
static bool claim_refs(resolver *R, size_t n)
{
    pg_claim *c = &R->ds->claims.items[n];
    pg_jpath section = pg_jpath_key(&PG_JPATH_ROOT, "claims");
    pg_jpath p = pg_jpath_index(&section, c->input_index);
    pg_place at = R->at ? pg_places_get(&R->at->claims, 2 * n + 1) : PG_PLACE_NONE;
    bool go = c->entity_id == NULL || entity(R, c->entity_id, 0, at, pg_jpath_key(&p, "entity"), &c->entity);
    return go && sources(R, c->sources, pg_jpath_key(&p, "sources"));
}

bool pg_resolve(pg_dataset *ds, pg_report *r, const pg_places *at)
{
    resolver R = { ds, r, at, 0 };
    bool go = true;
    for (size_t i = 0; i < ds->entities.len && go; i++)
        go = entity_refs(&R, i);
    for (size_t i = 0; i < ds->relations.len && go; i++)
        go = relation_refs(&R, i);
    for (size_t i = 0; i < ds->claims.len && go; i++)
        go = claim_refs(&R, i);
    return go;
}
