/* reltype.c - relation types (reltype.h): the built-in table, the types a
 * file declares, and the classification of every relation and implied
 * reference by type.
 *
 * Built in: the types an actor does to another (hosted, visited, invited,
 * sent_message, awarded, praised, addressed, learned_from, congratulated)
 * run from source to target; the types of taking part together
 * (attended, member_of, contact, signed, met) are undirected; the ties
 * implied by location and membership fields (based_in, held_in, part_of,
 * belongs_to) are structural. A declared type replaces the built-in one of
 * its id. */
#include "model/reltype.h"

#include <stdlib.h>
#include <string.h>

#include "base/ptrmap.h"

static const pg_relation_type builtin[] = {
    { "addressed", "addressed (a message or speech to)", true, false, false },
    { "attended", "attended", false, false, false },
    { "awarded", "awarded (an honour to)", true, false, false },
    { "based_in", "based in (a party's country)", false, true, false },
    { "belongs_to", "belongs to (a person's party)", false, true, false },
    { "congratulated", "congratulated", true, false, false },
    { "contact", "contact", false, false, false },
    { "held_in", "held in (an event's country)", false, true, false },
    { "hosted", "hosted", true, false, false },
    { "invited", "invited", true, false, false },
    { "learned_from", "learned from", true, false, false },
    { "member_of", "member of", false, false, false },
    { "met", "met", false, false, false },
    { "part_of", "part of (an event's mechanism)", false, true, false },
    { "praised", "praised", true, false, false },
    { "sent_message", "sent a message to", true, false, false },
    { "signed", "signed", false, false, false },
    { "visited", "visited", true, false, false },
};

enum { NBUILTIN = sizeof builtin / sizeof builtin[0] };

const pg_relation_type *pg_reltype_builtin(const char *id)
{
    size_t lo = 0, hi = NBUILTIN;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(builtin[mid].id, id);
        if (c == 0)
            return &builtin[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int pg_reltype_declare(pg_dataset *ds, pg_relation_type t)
{
    if (PG_VEC_RESERVE(ds->relation_types, 1) != 0)
        return -1;
    t.declared = true;
    ds->relation_types.items[ds->relation_types.len++] = t;
    return 0;
}

/* The index of type `id` (interned) in ds->relation_types, adding it
 * (built in, or undirected) when absent; -1 when out of memory. */
static int type_index(pg_dataset *ds, pg_ptrmap *seen, const char *id)
{
    size_t at = pg_ptrmap_intern(seen, id, ds->relation_types.len);
    if (at == SIZE_MAX)
        return -1;
    if (at < ds->relation_types.len)
        return (int)at;
    const pg_relation_type *b = pg_reltype_builtin(id);
    if (PG_VEC_RESERVE(ds->relation_types, 1) != 0)
        return -1;
    ds->relation_types.items[ds->relation_types.len++] = b ? (pg_relation_type){ id, b->label, b->directed,
                                                                                   b->structural, false }
                                                           : (pg_relation_type){ id, "", false, false, false };
    return (int)at;
}

/* Puts the declared types (their ids are interned) into `seen`. */
static int seed_declared(pg_dataset *ds, pg_ptrmap *seen)
{
    for (size_t i = 0; i < ds->relation_types.len; i++)
        if (pg_ptrmap_intern(seen, ds->relation_types.items[i].id, i) == SIZE_MAX)
            return -1;
    return 0;
}

/* Gives each reference its type; an event's host is where a hosted tie
 * starts. The built-in relation names of references are static text:
 * interned first, so that they meet the relations' types. */
static int classify_refs(pg_dataset *ds, pg_ptrmap *seen)
{
    for (size_t i = 0; i < ds->entities.len; i++) {
        pg_entity *e = &ds->entities.items[i];
        for (int k = 0; k < e->nrefs; k++) {
            pg_ref *ref = &e->refs[k];
            const char *id = pg_dataset_intern(ds, ref->relation);
            if (id == NULL || (ref->rtype = type_index(ds, seen, id)) < 0)
                return -1;
            ref->from_target = strcmp(ref->field, "host") == 0;
            ref->repeated_by = -1;
        }
    }
    return 0;
}

/* Does relation type text `type` state type `id`: is it `id`, or one of
 * its ';'-joined parts (the merged types of an edge read back from a
 * partygraph output)? */
static bool states(const char *type, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = type; p != NULL; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
        if (strncmp(p, id, n) == 0 && (p[n] == '\0' || p[n] == ';'))
            return true;
    return false;
}

/* Marks the references of entity `at` to entity `other` that relation
 * number `r`, of type text `type`, states as repeated by it (the first
 * such relation wins). */
static void mark_repeats(pg_dataset *ds, long at, long other, const char *type, long r)
{
    pg_entity *e = &ds->entities.items[at];
    for (int k = 0; k < e->nrefs; k++)
        if (e->refs[k].target == other && e->refs[k].repeated_by < 0 &&
            states(type, ds->relation_types.items[e->refs[k].rtype].id))
            e->refs[k].repeated_by = r;
}

/* The targets of every entity's references, PG_MAX_REFS a row (-1: none):
 * a table a tenth the size of the entities, which stays in the cache
 * while every relation looks up both its ends. NULL when out of memory. */
static long *ref_targets(const pg_dataset *ds)
{
    long *t = malloc((ds->entities.len ? ds->entities.len : 1) * PG_MAX_REFS * sizeof *t);
    for (size_t i = 0; t != NULL && i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        for (int k = 0; k < PG_MAX_REFS; k++)
            t[i * PG_MAX_REFS + (size_t)k] = k < e->nrefs ? e->refs[k].target : -1;
    }
    return t;
}

/* Does entity `at` refer to entity `other` (row `at` of ref_targets)? */
static bool refers(const long *targets, long at, long other)
{
    const long *row = targets + (size_t)at * PG_MAX_REFS;
    bool found = false;
    for (int k = 0; k < PG_MAX_REFS; k++)
        found |= row[k] == other;
    return found;
}

/* Marks what relation number `i` repeats of its ends' references. */
static void mark_relation(pg_dataset *ds, const long *targets, size_t i)
{
    const pg_relation *r = &ds->relations.items[i];
    if (r->source < 0 || r->target < 0)
        return;
    if (refers(targets, r->source, r->target))
        mark_repeats(ds, r->source, r->target, r->type, (long)i);
    if (refers(targets, r->target, r->source))
        mark_repeats(ds, r->target, r->source, r->type, (long)i);
}

static int classify_relations(pg_dataset *ds, pg_ptrmap *seen)
{
    long *targets = ref_targets(ds);
    int rc = targets != NULL ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < ds->relations.len; i++) {
        pg_relation *r = &ds->relations.items[i];
        if ((r->rtype = type_index(ds, seen, r->type)) < 0)
            rc = -1;
        else
            mark_relation(ds, targets, i);
    }
    free(targets);
    return rc;
}

int pg_reltype_classify(pg_dataset *ds)
{
    pg_ptrmap seen = PG_PTRMAP_INIT;
    int rc = seed_declared(ds, &seen) == 0 && classify_refs(ds, &seen) == 0 && classify_relations(ds, &seen) == 0
                 ? 0
                 : -1;
    pg_ptrmap_free(&seen);
    return rc;
}

const pg_relation_type *pg_reltype_of(const pg_dataset *ds, const pg_relation *r)
{
    return &ds->relation_types.items[r->rtype];
}

const pg_relation_type *pg_reltype_of_ref(const pg_dataset *ds, const pg_ref *ref)
{
    return &ds->relation_types.items[ref->rtype];
}
