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
 * In a window: a dated link is kept when its days overlap the window; an
 * undated link is kept unless dated_only; a dated event outside the window
 * takes all its links with it. */
#include <string.h>

#include "graph.h"

static bool in_window(const pg_view_spec *s, const pg_link *l)
{
    if (!s->windowed)
        return !(s->dated_only && !l->dated);
    if (!l->dated)
        return !s->dated_only;
    return l->from_day <= s->to_day && l->to_day >= s->from_day;
}

/* The event among the two entities that has a date, or NULL. */
static const pg_entity *dated_event(const pg_dataset *ds, long a, long b)
{
    const pg_entity *ends[2] = { &ds->entities.items[a], &ds->entities.items[b] };
    for (int k = 0; k < 2; k++)
        if (ends[k]->kind == PG_KIND_EVENT && pg_date_is_set(ends[k]->date))
            return ends[k];
    return NULL;
}

/* Gives `l` the days of [date, end] (either may be unset). */
static void set_days(pg_link *l, pg_date date, pg_date end, bool open_ended)
{
    l->first = date;
    l->last = pg_date_is_set(end) ? end : date;
    l->dated = pg_date_is_set(date) || pg_date_is_set(end);
    l->from_day = pg_date_is_set(date) ? pg_date_first_day(date) : PG_OPEN_START;
    if (pg_date_is_set(end))
        l->to_day = pg_date_last_day(end);
    else
        l->to_day = open_ended || !pg_date_is_set(date) ? PG_OPEN_END : pg_date_last_day(date);
}

static pg_link explicit_link(const pg_dataset *ds, const pg_relation *r)
{
    pg_link l = { r->source, r->target, r->weight, r->type, PG_DATE_NONE, PG_DATE_NONE, false, 0, 0, r };
    const pg_entity *event = dated_event(ds, r->source, r->target);
    if (pg_date_is_set(r->date) || pg_date_is_set(r->end))
        set_days(&l, r->date, r->end, strcmp(r->type, "member_of") == 0);
    else if (event != NULL)
        set_days(&l, event->date, event->end, false);
    return l;
}

static pg_link implied_link(const pg_entity *e, long index, const pg_ref *ref)
{
    pg_link l = { index, ref->target, 1.0, ref->relation, PG_DATE_NONE, PG_DATE_NONE, false, 0, 0, NULL };
    if (e->kind == PG_KIND_EVENT && pg_date_is_set(e->date))
        set_days(&l, e->date, e->end, false);
    return l;
}

/* Is entity i a dated event outside the window (so all its links go)? */
static bool event_outside(const pg_view_spec *s, const pg_entity *e)
{
    if (!s->windowed || e->kind != PG_KIND_EVENT || !pg_date_is_set(e->date))
        return false;
    pg_date end = pg_date_is_set(e->end) ? e->end : e->date;
    return pg_date_last_day(end) < s->from_day || pg_date_first_day(e->date) > s->to_day;
}

static int keep(pg_graph *g, pg_link_vec *out, pg_link l)
{
    const pg_entity *ea = &g->ds->entities.items[l.a], *eb = &g->ds->entities.items[l.b];
    if (!in_window(&g->spec, &l) || event_outside(&g->spec, ea) || event_outside(&g->spec, eb))
        return 0;
    if (l.a == l.b) {
        g->self_loops++;
        return 0;
    }
    if (PG_VEC_RESERVE(*out, 1) != 0)
        return -1;
    out->items[out->len++] = l;
    if (l.r != NULL)
        g->explicit_relations++;
    else
        g->implied_relations++;
    return 0;
}

int pg_links_collect(pg_graph *g, pg_link_vec *out)
{
    const pg_dataset *ds = g->ds;
    for (size_t i = 0; i < ds->relations.len; i++)
        if (keep(g, out, explicit_link(ds, &ds->relations.items[i])) != 0)
            return -1;
    for (size_t i = 0; i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        for (int k = 0; k < e->nrefs; k++)
            if (keep(g, out, implied_link(e, (long)i, &e->refs[k])) != 0)
                return -1;
    }
    return 0;
}
