/* period.c - the view analysed again in successive time windows.
 *
 * Windows are whole months: period k covers `window` months from the
 * start plus k * `step` months. The start is the first month of the
 * view's --from, or else January of the first dated year; periods begin
 * until the view's --to, or else the last dated day; a period reaches
 * neither before --from (the first period starts on --from's day) nor
 * past --to. A period is labelled by its start, "2017" when windows
 * and steps are whole years from January, "2017-03" otherwise. Each
 * period's graph keeps the view's filters, and the analysis options of
 * the whole graph, and records how many undated relations and timeless
 * ties its window left out and its relations by type. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "model/graph.h"

/* Months are counted as year * 12 + (month - 1). */
static long month_of(long yyyymmdd)
{
    return yyyymmdd / 10000 * 12 + (yyyymmdd / 100 % 100 - 1);
}

static long first_day_of(long month)
{
    return month / 12 * 10000 + (month % 12 + 1) * 100 + 1;
}

static long last_day_of(long month)
{
    pg_date d = { (short)(month / 12), (unsigned char)(month % 12 + 1), 0 };
    return pg_date_last_day(d);
}

static void widen_range(pg_date date, pg_date end, long *lo, long *hi)
{
    if (pg_date_is_set(date) && pg_date_first_day(date) < *lo)
        *lo = pg_date_first_day(date);
    pg_date last = pg_date_is_set(end) ? end : date;
    if (pg_date_is_set(last) && pg_date_last_day(last) > *hi)
        *hi = pg_date_last_day(last);
}

/* The first and last dated days of the relations and events. */
static bool dated_range(const pg_dataset *ds, long *lo, long *hi)
{
    *lo = 99999999;
    *hi = 0;
    for (size_t i = 0; i < ds->relations.len; i++)
        widen_range(ds->relations.items[i].date, ds->relations.items[i].end, lo, hi);
    for (size_t i = 0; i < ds->entities.len; i++)
        if (ds->entities.items[i].kind == PG_KIND_EVENT)
            widen_range(ds->entities.items[i].date, ds->entities.items[i].end, lo, hi);
    return *lo <= *hi;
}

typedef struct plan {
    long start, last;    /* first month of the first period; last day */
    int window, step;
} plan;

static pg_status make_plan(const pg_graph *g, int window, int step, plan *p, pg_error *err)
{
    long lo, hi;
    const pg_view_spec *s = &g->spec;
    bool dated = dated_range(g->ds, &lo, &hi);
    if (s->windowed && s->from_day > 0)
        lo = s->from_day;
    else if (dated)
        lo = lo / 10000 * 10000 + 101; /* January 1 */
    if (s->windowed && s->to_day < 99999999)
        hi = s->to_day;
    if (!dated && !(s->windowed && s->from_day > 0 && s->to_day < 99999999))
        return pg_error_set(err, PG_EARG, "no dated relation or event: there is nothing to split into periods");
    *p = (plan){ month_of(lo), hi, window, step };
    return PG_OK;
}

static void label(const plan *p, long month, char out[12])
{
    bool years = p->window % 12 == 0 && p->step % 12 == 0 && p->start % 12 == 0;
    pg_date d = { (short)(month / 12), (unsigned char)(years ? 0 : month % 12 + 1), 0 };
    pg_date_format(d, out, 12);
}

enum { MAX_PERIODS = 1000 };

const char *const pg_change_metrics[PG_CHANGE_METRICS] = { "degree", "betweenness", "pagerank" };

/* One entity's rank in two periods. */
typedef struct move {
    long entity;
    long from, to;
} move;

/* The rows of period p for metric m: [*first, *end), sorted by entity. */
static void slice(const pg_periods *P, size_t p, int m, size_t *first, size_t *end)
{
    *first = P->first_row[p];
    while (*first < P->first_row[p + 1] && P->rows.items[*first].metric != m)
        (*first)++;
    for (*end = *first; *end < P->first_row[p + 1] && P->rows.items[*end].metric == m;)
        (*end)++;
}

/* Entities are numbered in id order, so comparing numbers breaks ties by
 * id. */
static int by_rise(const void *a, const void *b)
{
    const move *x = a, *y = b;
    long dx = x->from - x->to, dy = y->from - y->to;
    if (dx != dy)
        return dx > dy ? -1 : 1;
    return (x->entity > y->entity) - (x->entity < y->entity);
}

static int by_fall(const void *a, const void *b)
{
    const move *x = a, *y = b;
    long dx = x->from - x->to, dy = y->from - y->to;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return (x->entity > y->entity) - (x->entity < y->entity);
}

/* The entities ranked on metric m in both periods p and q, into `moves`
 * (room for all rows of p); returns how many. */
static size_t moves_between(const pg_periods *P, size_t p, size_t q, int m, move *moves)
{
    size_t a, a_end, b, b_end, n = 0;
    slice(P, p, m, &a, &a_end);
    slice(P, q, m, &b, &b_end);
    while (a < a_end && b < b_end) {
        const pg_period_row *x = &P->rows.items[a], *y = &P->rows.items[b];
        if (x->entity != y->entity) {
            *(x->entity < y->entity ? &a : &b) += 1;
            continue;
        }
        if (x->rank > 0 && y->rank > 0)
            moves[n++] = (move){ x->entity, x->rank, y->rank };
        a++;
        b++;
    }
    return n;
}

/* Appends up to PG_MOVERS moves of `moves` (sorted, n of them) that go in
 * direction `rise`. */
static int keep_movers(pg_periods *P, size_t p, int m, const move *moves, size_t n, bool rise)
{
    for (size_t i = 0, kept = 0; i < n && kept < PG_MOVERS; i++, kept++) {
        long change = moves[i].from - moves[i].to;
        if (rise ? change <= 0 : change >= 0)
            break;
        if (PG_VEC_RESERVE(P->moves, 1) != 0)
            return -1;
        P->moves.items[P->moves.len++] = (pg_rank_move){ p, m, rise, moves[i].entity, moves[i].from, moves[i].to };
    }
    return 0;
}

/* Risers and fallers between every two consecutive periods. */
static int find_moves(pg_periods *P)
{
    size_t most = 1;
    for (size_t p = 0; p < P->count; p++)
        most = P->first_row[p + 1] - P->first_row[p] > most ? P->first_row[p + 1] - P->first_row[p] : most;
    move *moves = malloc(most * sizeof *moves);
    int rc = moves ? 0 : -1;
    for (size_t p = 0; rc == 0 && p + 1 < P->count; p++) {
        for (size_t i = 0; rc == 0 && i < PG_CHANGE_METRICS; i++) {
            int m = pg_metric_index(pg_change_metrics[i]);
            size_t n = moves_between(P, p, p + 1, m, moves);
            pg_vec_sort(moves, n, sizeof *moves, by_rise);
            rc = keep_movers(P, p, m, moves, n, true);
            pg_vec_sort(moves, n, sizeof *moves, by_fall);
            rc = rc ? rc : keep_movers(P, p, m, moves, n, false);
        }
    }
    free(moves);
    return rc;
}


static pg_periods *new_periods(size_t count, int window, int step)
{
    pg_periods *P = calloc(1, sizeof *P);
    if (P == NULL)
        return NULL;
    *P = (pg_periods){ .window_months = window, .step_months = step };
    P->labels = calloc(count, sizeof *P->labels);
    P->nodes = calloc(count, sizeof *P->nodes);
    P->edges = calloc(count, sizeof *P->edges);
    P->first_row = calloc(count + 1, sizeof *P->first_row);
    P->undated = calloc(count, sizeof *P->undated);
    P->timeless = calloc(count, sizeof *P->timeless);
    P->first_type = calloc(count + 1, sizeof *P->first_type);
    if (!P->labels || !P->nodes || !P->edges || !P->first_row || !P->undated || !P->timeless || !P->first_type) {
        pg_periods_free(P);
        return NULL;
    }
    return P;
}

/* The ranked metrics of period graph `pg`, as rows. */
static int add_rows(pg_periods *P, const pg_graph *pg)
{
    long *rank = malloc((pg->n ? pg->n : 1) * sizeof *rank);
    int rc = rank ? 0 : -1;
    for (int m = 0; m < PG_METRIC_COUNT && rc == 0; m++) {
        if (pg_metric_table()[m].order == PG_RANK_NONE || !pg->metric_on[m] || (rc = pg_graph_ranks(pg, m, rank)) != 0)
            continue;
        if ((rc = PG_VEC_RESERVE(P->rows, pg->n)) != 0)
            break;
        for (size_t v = 0; v < pg->n; v++)
            P->rows.items[P->rows.len++] = (pg_period_row){ pg->entity[v], m, VECTOR(pg->metric[m])[v], rank[v] };
    }
    free(rank);
    return rc;
}

/* The counts of period graph `pg` as period number P->count: nodes,
 * edges, what its window left out, its relations by type. 0 or -1. */
static int add_counts(pg_periods *P, const pg_graph *pg)
{
    size_t p = P->count;
    P->nodes[p] = pg->n;
    P->edges[p] = pg->edges.len;
    P->undated[p] = pg->undated_left_out;
    P->timeless[p] = pg->timeless_left_out;
    if (PG_VEC_RESERVE(P->types, pg->types.len) != 0)
        return -1;
    for (size_t i = 0; i < pg->types.len; i++)
        P->types.items[P->types.len++] = pg->types.items[i];
    P->first_type[p + 1] = P->types.len;
    return 0;
}

/* Analyses the period starting in `month` into P, adding the seconds its
 * analysis spent inside igraph and in our own algorithms to *spent. */
static pg_status one_period(pg_graph *g, const plan *p, long month, pg_periods *P, pg_timing *spent, pg_error *err)
{
    pg_view_spec s = g->spec;
    s.windowed = true;
    s.from_day = first_day_of(month);
    s.to_day = last_day_of(month + p->window - 1);
    if (g->spec.windowed && s.from_day < g->spec.from_day)
        s.from_day = g->spec.from_day;
    if (g->spec.windowed && s.to_day > g->spec.to_day)
        s.to_day = g->spec.to_day;
    pg_analysis_options o = g->options;
    o.layout = PG_LAYOUT_NONE; /* a period's positions are never written */
    o.progress = NULL;         /* the periods report as one stage */
    pg_graph *pg = pg_graph_build_spec(g->ds, &s, err);
    pg_status st = pg ? pg_graph_analyse(pg, &o, err) : err->status;
    if (st == PG_OK && (add_rows(P, pg) != 0 || add_counts(P, pg) != 0))
        st = pg_error_set(err, PG_ENOMEM, "out of memory analysing periods");
    if (pg != NULL) {
        spent->igraph += pg_timings_igraph(&pg->timings);
        spent->algorithms += pg_timings_algorithms(&pg->timings);
    }
    if (st == PG_OK) {
        label(p, month, P->labels[P->count]);
        P->first_row[++P->count] = P->rows.len;
    }
    pg_graph_free(pg);
    return st;
}

/* Analyses the `count` periods of plan p into P, as one stage of g's
 * timings and one of its progress reports. */
static pg_status every_period(pg_graph *g, const plan *p, size_t count, pg_periods *P, pg_error *err)
{
    pg_status st = PG_OK;
    double started = pg_clock();
    pg_timing spent = { "periods", 0, 0, 0 };
    pg_progress progress;
    pg_progress_init(&progress, g->options.progress, g->options.progress_data);
    pg_progress_begin(&progress, "periods", count);
    for (long m = p->start; st == PG_OK && first_day_of(m) <= p->last; m += P->step_months) {
        st = one_period(g, p, m, P, &spent, err);
        pg_progress_update(&progress, P->count);
    }
    pg_progress_end(&progress);
    pg_timings_add(&g->timings, spent.name, pg_clock() - started, spent.igraph, spent.algorithms);
    return st;
}

pg_status pg_graph_analyse_periods(pg_graph *g, int window_months, int step_months, pg_error *err)
{
    plan p = { 0, 0, 0, 0 };
    pg_status st = PG_OK;
    pg_error local;
    if (err == NULL) /* one_period reads the status back */
        err = &local;
    if (!g->analysed)
        return pg_error_set(err, PG_EARG, "analyse the graph before its periods");
    if (pg_graph_is_cut(g))
        return pg_error_set(err, PG_EARG, "an ego network has no periods: analyse the periods of its view");
    if (window_months < 1 || step_months < 1)
        return pg_error_set(err, PG_EARG, "windows and steps must be at least one month");
    if ((st = make_plan(g, window_months, step_months, &p, err)) != PG_OK)
        return st;
    size_t count = 0;
    for (long m = p.start; first_day_of(m) <= p.last; m += step_months)
        count++;
    if (count > MAX_PERIODS)
        return pg_error_set(err, PG_EARG, "%zu periods are too many (at most %d): use a longer step", count, MAX_PERIODS);
    pg_periods *P = new_periods(count ? count : 1, window_months, step_months);
    if (P == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory analysing periods");
    st = every_period(g, &p, count, P, err);
    if (st == PG_OK && find_moves(P) != 0)
        st = pg_error_set(err, PG_ENOMEM, "out of memory analysing periods");
    if (st != PG_OK) {
        pg_periods_free(P);
        return st;
    }
    pg_periods_free(g->periods);
    g->periods = P;
    pg_error_clear(err);
    return PG_OK;
}
