/* links.c - the first building stage: every relation, explicit or implied
 * by an entity field, as a link with the days it covers, kept when it lies
 * in the view's time window.
 *
 * Days covered: a relation with a `date` covers that date's span, or from
 * `date` to `end`; a `member_of` without an `end` stays open (membership
 * lasts until it is said to end). A relation without dates that touches a
 * dated event covers the event's days. Relations implied by an event's
 * fields cover the event's days; a party's `country` is timeless.
 *
 * A relation of a type left out (--types, --exclude-types, --no-structural)
 * or touching an excluded entity (--exclude) makes no link, and neither
 * does a reference that an explicit relation repeats (an event's host
 * beside a `hosted` relation) when that relation is kept: the tie counts
 * once.
 *
 * In a window (docs/network.md, "Time windows"): a dated link is kept
 * when its days overlap the window, and a dated event outside the window
 * takes all its links with it. An undated explicit relation is left out
 * (counted in undated_left_out), and an undated implied tie (a party's
 * country) is kept only when both its ends have a dated link kept in the
 * window (else counted in timeless_left_out): an entity is in a window
 * only through a dated tie there. With undated_keep every undated link is
 * kept, as before; dated_only drops them all, windowed or not.
 *
 * Every link asks whether an end is a dated event: collecting first copies
 * the events' dates into a small table by entity (8 bytes each), which
 * stays in the cache where the entity records would not. The links' array
 * is reserved whole, and its pages are made ready on another core ahead
 * of the loop that fills it (base/prefault.h). */
#include <stdlib.h>
#include <string.h>

#include "base/prefault.h"
#include "model/graph.h"
#include "model/reltype.h"

/* The dates of a dated event; both unset for any other entity. */
typedef struct event_days {
    pg_date date, end;
} event_days;

typedef struct collector {
    pg_graph *g;
    pg_link_vec *out;
    event_days *days; /* by entity */
    bool *tied;       /* by entity: it has a dated link kept in the window (NULL: not asked) */
    pg_prefault room; /* the links' pages made ready ahead of keep */
    size_t start;     /* out->len before collecting */
} collector;

static bool in_window(const pg_view_spec *s, const pg_link *l)
{
    if (!s->windowed)
        return !(s->dated_only && !l->dated);
    if (!l->dated)
        return !s->dated_only;
    return l->from_day <= s->to_day && l->to_day >= s->from_day;
}

/* The days of the event among entities a and b that has a date, or NULL. */
static const event_days *dated_event(const collector *C, long a, long b)
{
    if (pg_date_is_set(C->days[a].date))
        return &C->days[a];
    return pg_date_is_set(C->days[b].date) ? &C->days[b] : NULL;
}

/* Gives `l` the days of [date, end] (either may be unset). */
static void set_days(pg_link *l, pg_date date, pg_date end, bool open_ended)
{
    l->first = date;
    l->last = pg_date_is_set(end) ? end : date;
    l->dated = pg_date_is_set(date) || pg_date_is_set(end);
    l->from_day = (int32_t)(pg_date_is_set(date) ? pg_date_first_day(date) : PG_OPEN_START);
    if (pg_date_is_set(end))
        l->to_day = (int32_t)pg_date_last_day(end);
    else
        l->to_day = (int32_t)(open_ended || !pg_date_is_set(date) ? PG_OPEN_END : pg_date_last_day(date));
}

static pg_link explicit_link(const collector *C, const pg_relation *r)
{
    const pg_relation_type *t = pg_reltype_of(C->g->ds, r);
    pg_link l = { .a = r->source, .b = r->target, .weight = r->weight, .type = r->type, .first = PG_DATE_NONE,
                  .last = PG_DATE_NONE, .cites = r->sources.count > 0, .has_attrs = r->attrs.count > 0,
                  .dir = t->directed ? PG_DIR_AB : PG_DIR_NONE, .structural = t->structural, .r = r };
    const event_days *event = dated_event(C, r->source, r->target);
    if (pg_date_is_set(r->date) || pg_date_is_set(r->end))
        set_days(&l, r->date, r->end, strcmp(r->type, "member_of") == 0);
    else if (event != NULL)
        set_days(&l, event->date, event->end, false);
    return l;
}

/* The link implied by reference `ref` of entity `index`; an event's host
 * is where its hosted tie starts. */
static pg_link implied_link(const collector *C, long index, const pg_ref *ref)
{
    const pg_relation_type *t = pg_reltype_of_ref(C->g->ds, ref);
    unsigned char dir = !t->directed ? PG_DIR_NONE : ref->from_target ? PG_DIR_BA : PG_DIR_AB;
    pg_link l = { .a = index, .b = ref->target, .weight = 1.0, .type = t->id, .first = PG_DATE_NONE,
                  .last = PG_DATE_NONE, .dir = dir, .structural = t->structural, .r = NULL };
    if (pg_date_is_set(C->days[index].date))
        set_days(&l, C->days[index].date, C->days[index].end, false);
    return l;
}

/* Is entity e a dated event outside the window (so all its links go)? */
static bool event_outside(const collector *C, long e)
{
    const pg_view_spec *s = &C->g->spec;
    const event_days *d = &C->days[e];
    if (!s->windowed || !pg_date_is_set(d->date))
        return false;
    pg_date end = pg_date_is_set(d->end) ? d->end : d->date;
    return pg_date_last_day(end) < s->from_day || pg_date_first_day(d->date) > s->to_day;
}

/* Does `l` lie in the window, with no end excluded or a dated event
 * outside the window? */
static bool passes(const collector *C, const pg_link *l)
{
    const bool *out = C->g->spec.excluded;
    return in_window(&C->g->spec, l) && !event_outside(C, l->a) && !event_outside(C, l->b) &&
           !(out && (out[l->a] || out[l->b]));
}

/* Is undated `l` left out of the window (and counted)? An explicit
 * relation is; an implied tie unless both ends are tied in the window. */
static bool undated_out(collector *C, const pg_link *l)
{
    const pg_view_spec *s = &C->g->spec;
    if (!s->windowed || l->dated || s->undated_keep)
        return false;
    if (l->r != NULL)
        return C->g->undated_left_out++, true;
    if (C->tied[l->a] && C->tied[l->b])
        return false;
    return C->g->timeless_left_out++, true;
}

/* Appends `l` to C->out (room reserved) when it is kept. */
static void keep(collector *C, pg_link l)
{
    if (!passes(C, &l) || undated_out(C, &l))
        return;
    if (l.a == l.b) {
        C->g->self_loops++;
        return;
    }
    C->out->items[C->out->len++] = l;
    if (C->out->len % 4096 == 0)
        pg_prefault_note(&C->room, (C->out->len - C->start) * sizeof l);
    if (l.r != NULL)
        C->g->explicit_relations++;
    else
        C->g->implied_relations++;
}

/* Marks the ends of `l` tied when it is a dated link kept in the window. */
static void mark_tied(collector *C, pg_link l)
{
    if (l.dated && l.a != l.b && passes(C, &l))
        C->tied[l.a] = C->tied[l.b] = true;
}

/* Is explicit link `l` kept (keep's rule, nothing counted)? */
static bool explicit_kept(const collector *C, const pg_link *l)
{
    const pg_view_spec *s = &C->g->spec;
    return passes(C, l) && (l->dated || !s->windowed || s->undated_keep) && l->a != l->b;
}

/* Is reference `ref` left out because an explicit relation that states
 * the same tie is kept in this view (so that the tie counts once)? */
static bool stated(const collector *C, const pg_ref *ref)
{
    const pg_dataset *ds = C->g->ds;
    if (ref->repeated_by < 0)
        return false;
    const pg_relation *r = &ds->relations.items[ref->repeated_by];
    const bool *off = C->g->spec.type_off;
    if (off != NULL && off[r->rtype])
        return false;
    pg_link l = explicit_link(C, r);
    return explicit_kept(C, &l);
}

typedef void link_fn(collector *C, pg_link l);

/* Calls `fn` on every link of the dataset whose type is in the view
 * (explicit relations first, then the references in entity order). */
static void each_link(collector *C, link_fn *fn)
{
    const pg_dataset *ds = C->g->ds;
    const bool *off = C->g->spec.type_off;
    for (size_t i = 0; i < ds->relations.len; i++)
        if (off == NULL || !off[ds->relations.items[i].rtype])
            fn(C, explicit_link(C, &ds->relations.items[i]));
    for (size_t i = 0; i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        for (int k = 0; k < e->nrefs; k++)
            if ((off == NULL || !off[e->refs[k].rtype]) && !stated(C, &e->refs[k]))
                fn(C, implied_link(C, (long)i, &e->refs[k]));
    }
}

/* The table of event dates by entity, in a new array (NULL when out of
 * memory); *most is set to how many links there can be. */
static event_days *event_table(const pg_dataset *ds, size_t *most)
{
    event_days *days = malloc((ds->entities.len ? ds->entities.len : 1) * sizeof *days);
    *most = ds->relations.len;
    for (size_t i = 0; days != NULL && i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        bool dated = e->kind == PG_KIND_EVENT && pg_date_is_set(e->date);
        days[i] = dated ? (event_days){ e->date, e->end } : (event_days){ PG_DATE_NONE, PG_DATE_NONE };
        *most += (size_t)e->nrefs;
    }
    return days;
}

/* Does the window ask which entities have a dated tie in it? */
static bool needs_ties(const pg_view_spec *s)
{
    return s->windowed && !s->undated_keep && !s->dated_only;
}

int pg_links_collect(pg_graph *g, pg_link_vec *out)
{
    const pg_dataset *ds = g->ds;
    size_t most = 0, n = ds->entities.len ? ds->entities.len : 1;
    collector C = { g, out, event_table(ds, &most), needs_ties(&g->spec) ? calloc(n, sizeof(bool)) : NULL,
                    .start = out->len };
    int rc = -1;
    if (C.days == NULL || (needs_ties(&g->spec) && C.tied == NULL) || PG_VEC_RESERVE(*out, most) != 0)
        goto cleanup;
    if (C.tied != NULL)
        each_link(&C, mark_tied);
    pg_prefault_start(&C.room, out->items + out->len, most * sizeof *out->items);
    each_link(&C, keep);
    pg_prefault_stop(&C.room);
    rc = 0;
cleanup:
    free(C.days);
    free(C.tied);
    return rc;
}

size_t pg_graph_undated_left_out(const pg_graph *g)
{
    return g->undated_left_out;
}
