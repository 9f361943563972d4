/* write_periods.c - the results of pg_graph_analyse_periods:
 * metrics_by_period.csv (period,id,metric,value,rank: every ranked metric
 * of every node of every period; rank 1 = first, empty when undefined;
 * ids neutralised for spreadsheets as in nodes.csv) and the rank changes
 * between consecutive periods in summary.json, with each period's counts:
 * nodes, edges, what its window left out (undated relations, timeless
 * ties) and its relations by type. */
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "write/escape.h"
#include "write/write.h"

void pg_write_periods(const pg_graph *g, FILE *f)
{
    const pg_periods *P = g->periods;
    char num[PG_FMT_DOUBLE_SIZE];
    pg_escape_fn *text = pg_csv_text_escape(g);
    fputs("period,id,metric,value,rank\n", f);
    for (size_t p = 0; p < P->count; p++) {
        for (size_t i = P->first_row[p]; i < P->first_row[p + 1]; i++) {
            const pg_period_row *r = &P->rows.items[i];
            fprintf(f, "%s,", P->labels[p]);
            text(f, g->ds->entities.items[r->entity].id);
            fprintf(f, ",%s,", pg_metric_table()[r->metric].name);
            if (r->rank > 0)
                fprintf(f, "%s,%ld", pg_fmt_double(r->value, num), r->rank);
            else
                fputc(',', f);
            fputc('\n', f);
        }
    }
}

static void mover(const pg_graph *g, pg_jsonw *w, const pg_rank_move *m)
{
    const pg_entity *e = &g->ds->entities.items[m->entity];
    pg_jsonw_open(w, '{', true);
    pg_jsonw_key(w, "id");
    pg_jsonw_string(w, e->id);
    pg_jsonw_key(w, "label");
    pg_jsonw_string(w, e->name);
    pg_jsonw_key(w, "from_rank");
    pg_jsonw_long(w, m->from);
    pg_jsonw_key(w, "to_rank");
    pg_jsonw_long(w, m->to);
    pg_jsonw_close(w);
}

/* The moves [*at, ...) of (period p, metric m) that rise (or fall). */
static void movers(const pg_graph *g, pg_jsonw *w, size_t *at, size_t p, int m, bool rise)
{
    const pg_periods *P = g->periods;
    pg_jsonw_key(w, rise ? "risers" : "fallers");
    pg_jsonw_open(w, '[', false);
    for (; *at < P->moves.len; (*at)++) {
        const pg_rank_move *x = &P->moves.items[*at];
        if (x->period != p || x->metric != m || x->rise != rise)
            break;
        mover(g, w, x);
    }
    pg_jsonw_close(w);
}

static void changes(const pg_graph *g, pg_jsonw *w)
{
    const pg_periods *P = g->periods;
    size_t at = 0;
    pg_jsonw_key(w, "rank_changes");
    pg_jsonw_open(w, '[', false);
    for (size_t p = 0; p + 1 < P->count; p++) {
        for (size_t i = 0; i < PG_CHANGE_METRICS; i++) {
            int m = pg_metric_index(pg_change_metrics[i]);
            if (!g->metric_on[m])
                continue; /* not asked for */
            pg_jsonw_open(w, '{', false);
            pg_jsonw_key(w, "from");
            pg_jsonw_string(w, P->labels[p]);
            pg_jsonw_key(w, "to");
            pg_jsonw_string(w, P->labels[p + 1]);
            pg_jsonw_key(w, "metric");
            pg_jsonw_string(w, pg_metric_table()[m].name);
            movers(g, w, &at, p, m, true);
            movers(g, w, &at, p, m, false);
            pg_jsonw_close(w);
        }
    }
    pg_jsonw_close(w);
}

static void key_long(pg_jsonw *w, const char *key, long value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_long(w, value);
}

/* Period p's relations by type, an object sorted by type. */
static void period_types(const pg_periods *P, size_t p, pg_jsonw *w)
{
    pg_jsonw_key(w, "relations_by_type");
    pg_jsonw_open(w, '{', true);
    for (size_t i = P->first_type[p]; i < P->first_type[p + 1]; i++)
        key_long(w, P->types.items[i].type, P->types.items[i].count);
    pg_jsonw_close(w);
}

static void period_list(const pg_periods *P, pg_jsonw *w)
{
    pg_jsonw_key(w, "list");
    pg_jsonw_open(w, '[', false);
    for (size_t p = 0; p < P->count; p++) {
        pg_jsonw_open(w, '{', true);
        pg_jsonw_key(w, "period");
        pg_jsonw_string(w, P->labels[p]);
        key_long(w, "nodes", (long)P->nodes[p]);
        key_long(w, "edges", (long)P->edges[p]);
        key_long(w, "undated_left_out", (long)P->undated[p]);
        key_long(w, "timeless_left_out", (long)P->timeless[p]);
        period_types(P, p, w);
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
}

void pg_write_period_changes(const pg_graph *g, pg_jsonw *w)
{
    const pg_periods *P = g->periods;
    pg_jsonw_key(w, "periods");
    pg_jsonw_open(w, '{', false);
    pg_jsonw_key(w, "window_months");
    pg_jsonw_long(w, P->window_months);
    pg_jsonw_key(w, "step_months");
    pg_jsonw_long(w, P->step_months);
    period_list(P, w);
    changes(g, w);
    pg_jsonw_close(w);
}
