/* write_claims.c - the dataset's claims (figures its sources state about
 * entities) as claims.csv, one row per claim, and as the "claims" member
 * of summary.json: per entity, per measure and unit, the dated series.
 * Both in one order: by entity id, measure, unit, then date (undated
 * first, then by the first day, the less precise first), then value,
 * qualifier, quote and sources: the input's order changes nothing.
 * `unit` stays apart ("parties" is not "parties and
 * organizations"): a series never mixes two units. Text from the data
 * goes through the CSV text rule as in nodes.csv. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/fmt.h"
#include "write/write.h"

static long first_day(pg_date d)
{
    return pg_date_is_set(d) ? pg_date_first_day(d) : -1;
}

static long last_day(pg_date d)
{
    return pg_date_is_set(d) ? pg_date_last_day(d) : -1;
}

/* A claim to sort, with its source ids (sorted when loaded,
 * pg_dataset_sort). */
typedef struct sortable {
    const pg_claim *c;
    const char *const *sources;
} sortable;

/* Source ids in the order of their first difference, then of their
 * number. */
static int by_sources(const sortable *x, const sortable *y)
{
    size_t nx = x->c->sources.count, ny = y->c->sources.count;
    for (size_t i = 0; i < nx && i < ny; i++) {
        int c = strcmp(x->sources[i], y->sources[i]);
        if (c != 0)
            return c;
    }
    return (nx > ny) - (nx < ny);
}

/* After entity, measure, unit and date: by value, qualifier, quote,
 * sources, so that no order depends on the input's. */
static int by_content(const sortable *a, const sortable *b)
{
    const pg_claim *x = a->c, *y = b->c;
    int c;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    if ((c = strcmp(x->qualifier, y->qualifier)) != 0 || (c = strcmp(x->text, y->text)) != 0)
        return c;
    return by_sources(a, b);
}

static int by_claim_order(const void *a, const void *b)
{
    const pg_claim *x = ((const sortable *)a)->c, *y = ((const sortable *)b)->c;
    int c;
    if (x->entity != y->entity)
        return x->entity < y->entity ? -1 : 1;
    if ((c = strcmp(x->measure, y->measure)) != 0 || (c = strcmp(x->unit, y->unit)) != 0)
        return c;
    if (first_day(x->date) != first_day(y->date))
        return first_day(x->date) < first_day(y->date) ? -1 : 1;
    if (last_day(x->date) != last_day(y->date))
        return last_day(x->date) > last_day(y->date) ? -1 : 1;
    return by_content(a, b);
}

const pg_claim **pg_claims_sorted(const pg_dataset *ds)
{
    size_t n = ds->claims.len;
    sortable *all = malloc((n ? n : 1) * sizeof *all);
    const pg_claim **order = malloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; all != NULL && order != NULL && i < n; i++)
        all[i] = (sortable){ &ds->claims.items[i], ds->claims.items[i].sources.count
                                                       ? ds->source_refs.items + ds->claims.items[i].sources.first
                                                       : NULL };
    if (all != NULL && order != NULL)
        pg_vec_sort(all, n, sizeof *all, by_claim_order);
    for (size_t i = 0; all != NULL && order != NULL && i < n; i++)
        order[i] = all[i].c;
    if (all == NULL)
        free(order);
    free(all);
    return all != NULL ? order : NULL;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *pg_sources_joined(const pg_dataset *ds, pg_span span)
{
    const char **ids = malloc((span.count ? span.count : 1) * sizeof *ids);
    size_t len = 1, n = 0;
    char *out = NULL;
    if (ids == NULL)
        return NULL;
    if (span.count > 0) /* (source_refs may have no items at all) */
        memcpy(ids, ds->source_refs.items + span.first, span.count * sizeof *ids);
    pg_vec_sort(ids, span.count, sizeof *ids, by_text);
    for (size_t i = 0; i < span.count; i++)
        if (i == 0 || strcmp(ids[i], ids[n - 1]) != 0)
            len += strlen(ids[n++] = ids[i]) + 1;
    if ((out = malloc(len)) != NULL) {
        char *at = out;
        for (size_t i = 0; i < n; i++)
            at += sprintf(at, "%s%s", i ? ";" : "", ids[i]);
        *at = '\0';
    }
    free(ids);
    return out;
}

/* One row of claims.csv; false when out of memory. */
static bool claim_row(const pg_graph *g, const pg_claim *c, FILE *f, pg_escape_fn *text)
{
    char date[16], num[PG_FMT_DOUBLE_SIZE];
    char *sources = pg_sources_joined(g->ds, c->sources);
    if (sources == NULL)
        return false;
    text(f, g->ds->entities.items[c->entity].id);
    fprintf(f, ",%s,", pg_date_format(c->date, date, sizeof date));
    text(f, c->measure);
    fprintf(f, ",%s,", pg_fmt_double(c->value, num));
    text(f, c->qualifier);
    putc(',', f);
    text(f, c->unit);
    putc(',', f);
    text(f, sources);
    putc(',', f);
    text(f, c->text);
    putc('\n', f);
    free(sources);
    return true;
}

void pg_write_claims(const pg_graph *g, FILE *f)
{
    const pg_claim **order = pg_claims_sorted(g->ds);
    pg_escape_fn *text = pg_csv_text_escape(g);
    bool ok = order != NULL;
    fputs("entity,date,measure,value,qualifier,unit,source,text\n", f);
    for (size_t i = 0; ok && i < g->ds->claims.len; i++)
        ok = claim_row(g, order[i], f, text);
    if (!ok)
        errno = ENOMEM;
    free(order);
}

/* ---- summary.json ------------------------------------------------------ */

static void key_string(pg_jsonw *w, const char *key, const char *value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_string(w, value);
}

/* One point of a series: date, value, qualifier, sources. */
static void point(const pg_dataset *ds, const pg_claim *c, pg_jsonw *w)
{
    char date[16];
    pg_jsonw_open(w, '{', true);
    key_string(w, "date", pg_date_is_set(c->date) ? pg_date_format(c->date, date, sizeof date) : NULL);
    pg_jsonw_key(w, "value");
    pg_jsonw_number(w, c->value);
    key_string(w, "qualifier", c->qualifier);
    pg_jsonw_key(w, "sources");
    pg_jsonw_open(w, '[', true);
    for (size_t i = 0; i < c->sources.count; i++)
        pg_jsonw_string(w, ds->source_refs.items[c->sources.first + i]);
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

/* Do claims a and b belong to one series (entity, measure, unit)? */
static bool same_series(const pg_claim *a, const pg_claim *b)
{
    return a->entity == b->entity && strcmp(a->measure, b->measure) == 0 && strcmp(a->unit, b->unit) == 0;
}

/* The series that starts at order[*at], moving *at past it. */
static void series(const pg_dataset *ds, const pg_claim **order, size_t *at, pg_jsonw *w)
{
    const pg_claim *c = order[*at];
    pg_jsonw_open(w, '{', false);
    key_string(w, "entity", ds->entities.items[c->entity].id);
    key_string(w, "label", ds->entities.items[c->entity].name);
    key_string(w, "measure", c->measure);
    key_string(w, "unit", c->unit);
    pg_jsonw_key(w, "series");
    pg_jsonw_open(w, '[', false);
    do
        point(ds, order[(*at)++], w);
    while (*at < ds->claims.len && same_series(c, order[*at]));
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

void pg_write_claim_series(const pg_graph *g, pg_jsonw *w)
{
    const pg_claim **order = pg_claims_sorted(g->ds);
    pg_jsonw_key(w, "claims");
    pg_jsonw_open(w, '[', false);
    for (size_t at = 0; order != NULL && at < g->ds->claims.len;)
        series(g->ds, order, &at, w);
    pg_jsonw_close(w);
    if (order == NULL)
        errno = ENOMEM;
    free(order);
}
