/* write_timeline.c - the timeline: the dataset's dated record in date
 * order (pg_timeline_each), written as timeline.csv here and as a table
 * of report.html by write_html.c; one row per dated event and per
 * explicit relation with a date of its own (docs/outputs.md,
 * "timeline.csv"). Columns:
 *
 *   date,end,precision,kind,id,type,label,participants,mechanism,country,sources
 *
 * An event: its date and end, its id, its `type` attribute, its name,
 * the entities tied to it by explicit relations (ids sorted, ';'), its
 * mechanism and country, its sources. A relation: its date and end, no
 * id, its type, the type's label, "source;target" (an undirected type's
 * ends in id order), the mechanism and country among its ends (or of an
 * event at an end), its sources. `precision` is that of `date` (year,
 * month or day; of `end` when there is no date). Rows are sorted by the
 * first day of their date, then events before relations, then events by
 * id and relations by type, ends, dates and sources: the input's order
 * changes nothing. The view's window keeps the rows whose
 * days overlap it, and what the view leaves out (--exclude, the type
 * choices) is left out here too; the other filters do not apply. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "model/reltype.h"
#include "write/write.h"

typedef struct row {
    long day;        /* the first day of its date */
    bool relation;   /* else an event */
    long index;      /* entity or relation number */
    long a, b;       /* a relation's ends as written: source, target (an undirected type's in id order) */
    char *sources;   /* a relation's sources, joined (owned); NULL for an event */
} row;

/* An event's tie to another entity, through an explicit relation. */
typedef struct tie {
    long event, other;
} tie;

typedef struct timeline {
    const pg_graph *g;
    PG_VEC(row) rows;
    PG_VEC(tie) ties;   /* sorted by event, then other; distinct */
} timeline;

static long first_of(pg_date date)
{
    return pg_date_is_set(date) ? pg_date_first_day(date) : PG_OPEN_START;
}

static long last_of(pg_date date, pg_date end)
{
    return pg_date_last_day(pg_date_is_set(end) ? end : date);
}

/* Do the days [date, end] overlap the view's window? */
static bool in_window(const pg_view_spec *s, pg_date date, pg_date end)
{
    return !s->windowed || (first_of(date) <= s->to_day && last_of(date, end) >= s->from_day);
}

static bool excluded(const pg_view_spec *s, long e)
{
    return s->excluded != NULL && s->excluded[e];
}

/* Is explicit relation r in the view: its type on, neither end excluded? */
static bool relation_on(const pg_graph *g, const pg_relation *r)
{
    const pg_view_spec *s = &g->spec;
    return (s->type_off == NULL || !s->type_off[r->rtype]) && !excluded(s, r->source) && !excluded(s, r->target);
}

static bool is_event(const pg_dataset *ds, long e)
{
    return ds->entities.items[e].kind == PG_KIND_EVENT;
}

/* The rows of the dated events (room reserved). */
static void event_rows(timeline *T)
{
    const pg_dataset *ds = T->g->ds;
    const pg_view_spec *s = &T->g->spec;
    for (size_t i = 0; i < ds->entities.len; i++) {
        const pg_entity *e = &ds->entities.items[i];
        if (e->kind == PG_KIND_EVENT && pg_date_is_set(e->date) && !excluded(s, (long)i) && in_window(s, e->date, e->end))
            T->rows.items[T->rows.len++] = (row){ first_of(e->date), false, (long)i, -1, -1, NULL };
    }
}

/* The row of relation i: its ends in order (an undirected type's by id,
 * so that which end was written first changes nothing) and its sources;
 * false when out of memory. */
static bool relation_row(const pg_dataset *ds, long i, row *out)
{
    const pg_relation *r = &ds->relations.items[i];
    bool swap = !pg_reltype_of(ds, r)->directed && r->target < r->source; /* entities are numbered in id order */
    *out = (row){ first_of(r->date), true, i, swap ? r->target : r->source, swap ? r->source : r->target,
                  pg_sources_joined(ds, r->sources) };
    return out->sources != NULL;
}

/* The rows of the dated relations and the ties of the events (room
 * reserved); false when out of memory. */
static bool relation_rows(timeline *T)
{
    const pg_dataset *ds = T->g->ds;
    for (size_t i = 0; i < ds->relations.len; i++) {
        const pg_relation *r = &ds->relations.items[i];
        if (!relation_on(T->g, r))
            continue;
        bool dated = pg_date_is_set(r->date) || pg_date_is_set(r->end);
        if (dated && in_window(&T->g->spec, r->date, r->end) &&
            !relation_row(ds, (long)i, &T->rows.items[T->rows.len++]))
            return false;
        if (is_event(ds, r->source))
            T->ties.items[T->ties.len++] = (tie){ r->source, r->target };
        if (is_event(ds, r->target))
            T->ties.items[T->ties.len++] = (tie){ r->target, r->source };
    }
    return true;
}

static int by_date(pg_date x, pg_date y)
{
    long a = (long)x.year * 10000 + x.month * 100 + x.day, b = (long)y.year * 10000 + y.month * 100 + y.day;
    return (a > b) - (a < b);
}

static int by_long(long a, long b)
{
    return (a > b) - (a < b);
}

/* Two relation rows of the same first day: by type, ends, dates as
 * written, sources (the input's order decides nothing). */
static int by_relation(const pg_dataset *ds, const row *x, const row *y)
{
    const pg_relation *r = &ds->relations.items[x->index], *q = &ds->relations.items[y->index];
    int c = strcmp(r->type, q->type);
    if (c == 0 && (c = by_long(x->a, y->a)) == 0 && (c = by_long(x->b, y->b)) == 0 &&
        (c = by_date(r->date, q->date)) == 0 && (c = by_date(r->end, q->end)) == 0)
        c = strcmp(x->sources, y->sources);
    return c;
}

/* Rows by first day, events before relations, events by id (entities
 * are numbered in id order), relations as by_relation says. */
static int by_row(const row *x, const row *y, const pg_dataset *ds)
{
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->relation != y->relation)
        return x->relation ? 1 : -1;
    return x->relation ? by_relation(ds, x, y) : by_long(x->index, y->index);
}

/* Sorts T's rows by by_row: a merge sort, as the comparison needs the
 * dataset (qsort passes no context). 0, or -1 when out of memory. */
static int sort_rows(timeline *T)
{
    size_t n = T->rows.len;
    row *tmp = malloc((n ? n : 1) * sizeof *tmp), *a = T->rows.items;
    if (tmp == NULL)
        return -1;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid || j < hi)
                tmp[k++] = j >= hi || (i < mid && by_row(&a[i], &a[j], T->g->ds) <= 0) ? a[i++] : a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
    free(tmp);
    return 0;
}

static int by_tie(const void *a, const void *b)
{
    const tie *x = a, *y = b;
    if (x->event != y->event)
        return x->event < y->event ? -1 : 1;
    return (x->other > y->other) - (x->other < y->other);
}

/* The rows in order and the distinct ties sorted; 0, or -1 when out of
 * memory. */
static int collect(timeline *T)
{
    const pg_dataset *ds = T->g->ds;
    if (PG_VEC_RESERVE(T->rows, ds->entities.len + ds->relations.len + 1) != 0 ||
        PG_VEC_RESERVE(T->ties, 2 * ds->relations.len + 1) != 0)
        return -1;
    event_rows(T);
    if (!relation_rows(T) || sort_rows(T) != 0)
        return -1;
    pg_vec_sort(T->ties.items, T->ties.len, sizeof(tie), by_tie);
    size_t n = 0;
    for (size_t i = 0; i < T->ties.len; i++)
        if (n == 0 || by_tie(&T->ties.items[n - 1], &T->ties.items[i]) != 0)
            T->ties.items[n++] = T->ties.items[i];
    T->ties.len = n;
    return 0;
}

/* ---- cells ---------------------------------------------------------- */

const char *const pg_timeline_columns[PG_TIMELINE_COLUMNS] = {
    "date", "end", "precision", "kind", "id", "type", "label", "participants", "mechanism", "country", "sources",
};

enum { C_DATE, C_END, C_PRECISION, C_KIND, C_ID, C_TYPE, C_LABEL, C_PARTICIPANTS, C_MECHANISM, C_COUNTRY, C_SOURCES };

/* The cells of one row: pointers into the dataset, into `date` and
 * `end`, or to strings allocated for the row. */
typedef struct cells {
    const char *cell[PG_TIMELINE_COLUMNS];
    char date[16], end[16];
    char *participants, *sources; /* allocated for this row */
} cells;

static const char *precision(pg_date d)
{
    return d.month == 0 ? "year" : d.day == 0 ? "month" : "day";
}

static void dates(cells *c, pg_date date, pg_date end, const char *kind)
{
    c->cell[C_DATE] = pg_date_format(date, c->date, sizeof c->date);
    c->cell[C_END] = pg_date_format(end, c->end, sizeof c->end);
    c->cell[C_PRECISION] = precision(pg_date_is_set(date) ? date : end);
    c->cell[C_KIND] = kind;
}

static const char *id_of(const pg_dataset *ds, long e)
{
    return e >= 0 ? ds->entities.items[e].id : "";
}

/* The target of entity e's reference `field`, or -1. */
static long ref_of(const pg_dataset *ds, long e, const char *field)
{
    const pg_entity *x = &ds->entities.items[e];
    for (int k = 0; k < x->nrefs; k++)
        if (strcmp(x->refs[k].field, field) == 0)
            return x->refs[k].target;
    return -1;
}

/* Entity e's string attribute `key`, or "". */
static const char *attr_of(const pg_dataset *ds, long e, const char *key)
{
    pg_span span = ds->entities.items[e].attrs;
    for (size_t i = span.first; i < span.first + span.count; i++)
        if (strcmp(ds->attrs.items[i].key, key) == 0 && ds->attrs.items[i].type == PG_VALUE_STRING)
            return ds->attrs.items[i].v.s;
    return "";
}

/* The first tie of event e (binary search), or ties.len. */
static size_t first_tie(const timeline *T, long e)
{
    size_t lo = 0, hi = T->ties.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (T->ties.items[mid].event < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The ids tied to event e, joined by ';', in a new string; NULL when out
 * of memory. */
static char *participants(const timeline *T, long e)
{
    size_t first = first_tie(T, e), end = first, len = 1;
    for (; end < T->ties.len && T->ties.items[end].event == e; end++)
        len += strlen(id_of(T->g->ds, T->ties.items[end].other)) + 1;
    char *joined = malloc(len), *p = joined;
    for (size_t i = first; joined != NULL && i < end; i++)
        p += sprintf(p, "%s%s", i > first ? ";" : "", id_of(T->g->ds, T->ties.items[i].other));
    if (joined != NULL)
        *p = '\0';
    return joined;
}

/* "A;B", the ids of entities ea and eb, in a new string; NULL when out
 * of memory. */
static char *ends(const pg_dataset *ds, long ea, long eb)
{
    const char *a = id_of(ds, ea), *b = id_of(ds, eb);
    char *joined = malloc(strlen(a) + strlen(b) + 2);
    if (joined != NULL)
        sprintf(joined, "%s;%s", a, b);
    return joined;
}

/* The entity of `kind` that relation end `e` stands for: the end
 * itself, or the one an event at that end names in `field`; -1. */
static long end_as(const pg_dataset *ds, long e, pg_kind kind, const char *field)
{
    if (ds->entities.items[e].kind == kind)
        return e;
    return ds->entities.items[e].kind == PG_KIND_EVENT ? ref_of(ds, e, field) : -1;
}

/* The mechanism (or country) among r's ends or of an event at an end. */
static long relation_ref(const pg_dataset *ds, const pg_relation *r, pg_kind kind, const char *field)
{
    long x = end_as(ds, r->source, kind, field);
    return x >= 0 ? x : end_as(ds, r->target, kind, field);
}

/* The cells of event e; false when out of memory. */
static bool event_cells(const timeline *T, long e, cells *c)
{
    const pg_dataset *ds = T->g->ds;
    const pg_entity *x = &ds->entities.items[e];
    dates(c, x->date, x->end, "event");
    c->cell[C_ID] = x->id;
    c->cell[C_TYPE] = attr_of(ds, e, "type");
    c->cell[C_LABEL] = x->name;
    c->cell[C_PARTICIPANTS] = c->participants = participants(T, e);
    c->cell[C_MECHANISM] = id_of(ds, ref_of(ds, e, "mechanism"));
    c->cell[C_COUNTRY] = id_of(ds, ref_of(ds, e, "country"));
    c->cell[C_SOURCES] = c->sources = pg_sources_joined(ds, x->sources);
    return c->participants != NULL && c->sources != NULL;
}

/* The cells of relation row x; false when out of memory. */
static bool relation_cells(const timeline *T, const row *x, cells *c)
{
    const pg_dataset *ds = T->g->ds;
    const pg_relation *r = &ds->relations.items[x->index];
    dates(c, r->date, r->end, "relation");
    c->cell[C_ID] = ""; /* relations have no id */
    c->cell[C_TYPE] = r->type;
    c->cell[C_LABEL] = pg_reltype_of(ds, r)->label;
    c->cell[C_PARTICIPANTS] = c->participants = ends(ds, x->a, x->b);
    c->cell[C_MECHANISM] = id_of(ds, relation_ref(ds, r, PG_KIND_MECHANISM, "mechanism"));
    c->cell[C_COUNTRY] = id_of(ds, relation_ref(ds, r, PG_KIND_COUNTRY, "country"));
    c->cell[C_SOURCES] = x->sources;
    return c->participants != NULL;
}

static void free_rows(timeline *T)
{
    for (size_t i = 0; i < T->rows.len; i++)
        free(T->rows.items[i].sources);
    free(T->rows.items);
    free(T->ties.items);
}

int pg_timeline_each(const pg_graph *g, pg_timeline_fn *fn, void *data)
{
    timeline T = { .g = g };
    int rc = collect(&T);
    for (size_t i = 0; rc == 0 && i < T.rows.len; i++) {
        const row *x = &T.rows.items[i];
        cells c = { .participants = NULL, .sources = NULL };
        bool ok = x->relation ? relation_cells(&T, x, &c) : event_cells(&T, x->index, &c);
        if (ok)
            fn(data, c.cell);
        rc = ok ? 0 : -1;
        free(c.participants);
        free(c.sources);
    }
    free_rows(&T);
    return rc;
}

/* ---- timeline.csv -------------------------------------------------------- */

typedef struct csv_out {
    FILE *f;
    pg_escape_fn *text;
} csv_out;

/* One row of timeline.csv: the dates, precision and kind are
 * partygraph's, the rest text from the data. */
static void csv_row(void *data, const char *const cell[PG_TIMELINE_COLUMNS])
{
    const csv_out *o = data;
    for (int k = 0; k < PG_TIMELINE_COLUMNS; k++) {
        if (k > 0)
            putc(',', o->f);
        (k <= C_KIND ? pg_escape_csv : o->text)(o->f, cell[k]);
    }
    putc('\n', o->f);
}

void pg_write_timeline(const pg_graph *g, FILE *f)
{
    csv_out o = { f, pg_csv_text_escape(g) };
    for (int k = 0; k < PG_TIMELINE_COLUMNS; k++)
        fprintf(f, "%s%s", k ? "," : "", pg_timeline_columns[k]);
    putc('\n', f);
    if (pg_timeline_each(g, csv_row, &o) != 0)
        errno = ENOMEM;
}
