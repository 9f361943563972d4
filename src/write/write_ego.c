/* write_ego.c - the ego report of a graph made by pg_graph_ego, as
 * ego.json and as text: who the ego is, its alters grouped by kind,
 * country, region, family, ruling status and mechanism, each alter with
 * its distance and its tie to the ego (relations, weight, first and last
 * date), and the ego's brokerage. */
#include <math.h>
#include <string.h>

#include "base/date.h"
#include "base/fmt.h"
#include "write/jsonw.h"
#include "write/write.h"

static const char *const ego_metrics[] = {
    "degree", "betweenness", "constraint", "effective_size",
    "coordinator", "itinerant", "gatekeeper", "representative", "liaison",
};

enum { NEGO_METRICS = sizeof ego_metrics / sizeof ego_metrics[0] };

static double ego_metric(const pg_graph *g, const char *name)
{
    return VECTOR(g->metric[pg_metric_index(name)])[g->ego];
}

/* ---- JSON ----------------------------------------------------------- */

static void json_groups(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "alters_by");
    pg_jsonw_open(w, '{', false);
    for (int i = 0; i < PG_EGO_GROUPS; i++) {
        pg_jsonw_key(w, pg_ego_group_names[i]);
        pg_jsonw_open(w, '{', true);
        for (size_t k = 0; k < g->ngroups[i]; k++) {
            pg_jsonw_key(w, g->groups[i][k].value);
            pg_jsonw_long(w, g->groups[i][k].count);
        }
        pg_jsonw_close(w);
    }
    pg_jsonw_close(w);
}

static void json_tie(const pg_graph *g, pg_jsonw *w, size_t v)
{
    char first[16], last[16];
    const pg_edge *x = g->ego_edge[v] >= 0 ? &g->edges.items[g->ego_edge[v]] : NULL;
    pg_jsonw_key(w, "count");
    if (x)
        pg_jsonw_long(w, x->count);
    else
        pg_jsonw_string(w, NULL);
    pg_jsonw_key(w, "weight");
    pg_jsonw_number(w, x ? x->weight : NAN);
    pg_jsonw_key(w, "types");
    pg_jsonw_string(w, x ? x->types : NULL);
    pg_jsonw_key(w, "first");
    pg_jsonw_string(w, x && pg_date_is_set(x->first) ? pg_date_format(x->first, first, sizeof first) : NULL);
    pg_jsonw_key(w, "last");
    pg_jsonw_string(w, x && pg_date_is_set(x->last) ? pg_date_format(x->last, last, sizeof last) : NULL);
}

/* Alters by distance, then id. */
static void json_alters(const pg_graph *g, pg_jsonw *w)
{
    pg_jsonw_key(w, "alters");
    pg_jsonw_open(w, '[', false);
    for (long d = 1; d <= g->radius; d++) {
        for (size_t v = 0; v < g->n; v++) {
            if (g->distance[v] != d)
                continue;
            pg_jsonw_open(w, '{', true);
            pg_jsonw_key(w, "id");
            pg_jsonw_string(w, pg_graph_node_id(g, v));
            pg_jsonw_key(w, "label");
            pg_jsonw_string(w, pg_graph_node_label(g, v));
            pg_jsonw_key(w, "kind");
            pg_jsonw_string(w, pg_kind_name(pg_graph_node_kind(g, v)));
            pg_jsonw_key(w, "distance");
            pg_jsonw_long(w, d);
            json_tie(g, w, v);
            pg_jsonw_close(w);
        }
    }
    pg_jsonw_close(w);
}

void pg_write_ego_json(const pg_graph *g, FILE *f)
{
    pg_jsonw w;
    pg_jsonw_init(&w, f);
    pg_jsonw_open(&w, '{', false);
    pg_jsonw_key(&w, "ego");
    pg_jsonw_open(&w, '{', true);
    pg_jsonw_key(&w, "id");
    pg_jsonw_string(&w, pg_graph_node_id(g, (size_t)g->ego));
    pg_jsonw_key(&w, "label");
    pg_jsonw_string(&w, pg_graph_node_label(g, (size_t)g->ego));
    pg_jsonw_key(&w, "kind");
    pg_jsonw_string(&w, pg_kind_name(pg_graph_node_kind(g, (size_t)g->ego)));
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "view");
    pg_jsonw_string(&w, pg_view_name(g->spec.view));
    pg_jsonw_key(&w, "radius");
    pg_jsonw_long(&w, g->radius);
    pg_jsonw_key(&w, "alters_count");
    pg_jsonw_long(&w, (long)g->n - 1);
    json_groups(g, &w);
    pg_jsonw_key(&w, "brokerage");
    pg_jsonw_open(&w, '{', false);
    pg_jsonw_key(&w, "group_by");
    pg_jsonw_string(&w, g->options.group_by);
    for (size_t i = 0; i < NEGO_METRICS; i++) {
        pg_jsonw_key(&w, ego_metrics[i]);
        pg_jsonw_number(&w, ego_metric(g, ego_metrics[i]));
    }
    pg_jsonw_close(&w);
    json_alters(g, &w);
    pg_jsonw_close(&w);
}

/* ---- text ----------------------------------------------------------- */

static void text_groups(const pg_graph *g, FILE *f)
{
    for (int i = 0; i < PG_EGO_GROUPS; i++) {
        fprintf(f, "  by %-10s", pg_ego_group_names[i]);
        for (size_t k = 0; k < g->ngroups[i]; k++)
            fprintf(f, "%s %s %ld", k ? "," : "", g->groups[i][k].value, g->groups[i][k].count);
        fputs(g->ngroups[i] ? "\n" : " -\n", f);
    }
}

/* "2017-11-30", "2017..2019" or "undated", into `when` (>= 40 bytes). */
static const char *span_text(const pg_edge *x, char *when)
{
    char first[16], last[16];
    pg_date_format(x->first, first, sizeof first);
    pg_date_format(x->last, last, sizeof last);
    if (first[0] == '\0')
        return "undated";
    if (strcmp(first, last) == 0)
        snprintf(when, 40, "%s", first);
    else
        snprintf(when, 40, "%s..%s", first, last);
    return when;
}

/* Characters (not bytes) in `s`. */
static int chars_in(const char *s)
{
    int chars = 0;
    for (; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return chars;
}

/* Writes `s` and then spaces up to `width` characters (not bytes: ids
 * and names are in any script), as "%-*s" would for ASCII. */
static void pad(FILE *f, const char *s, int width)
{
    int chars = chars_in(s);
    fprintf(f, "%s%*s", s, chars < width ? width - chars : 0, "");
}

/* The width of the id column: the longest alter id, so that every id is
 * printed whole (to be pasted into `ego` or `path`) and the names align. */
static int id_width(const pg_graph *g)
{
    int width = 2;
    for (size_t v = 0; v < g->n; v++)
        if (g->distance[v] > 0 && chars_in(pg_graph_node_id(g, v)) > width)
            width = chars_in(pg_graph_node_id(g, v));
    return width;
}

static void text_alter(const pg_graph *g, FILE *f, size_t v, int idw)
{
    char weight[PG_FMT_DOUBLE_SIZE], when[40];
    const pg_edge *x = g->ego_edge[v] >= 0 ? &g->edges.items[g->ego_edge[v]] : NULL;
    fprintf(f, "  %ld  ", g->distance[v]);
    pad(f, pg_graph_node_id(g, v), idw);
    fputs("  ", f);
    pad(f, pg_graph_node_label(g, v), 44);
    if (x == NULL)
        fputs("  (no direct tie)\n", f);
    else
        fprintf(f, "  count %ld, weight %s, %s [%s]\n", (long)x->count, pg_fmt_double(x->weight, weight),
                span_text(x, when), x->types);
}

/* A brokerage measure as the build summary shows numbers: whole counts
 * as integers, other values with 4 decimals, "n/a" for NaN. */
static const char *brokerage_text(double x, char num[PG_FMT_DOUBLE_SIZE])
{
    if (isnan(x))
        return "n/a";
    if (x == floor(x) && fabs(x) < 1e15)
        return pg_fmt_long((long)x, num);
    return pg_fmt_fixed(x, 4, num);
}

void pg_write_ego_text(const pg_graph *g, FILE *f)
{
    char num[PG_FMT_DOUBLE_SIZE];
    size_t ego = (size_t)g->ego;
    fprintf(f, "ego %s (%s, %s), %s view, radius %d: %zu %s\n", pg_graph_node_label(g, ego), pg_graph_node_id(g, ego),
            pg_kind_name(pg_graph_node_kind(g, ego)), pg_view_name(g->spec.view), g->radius, g->n - 1,
            g->n == 2 ? "alter" : "alters");
    text_groups(g, f);
    fprintf(f, "\nbrokerage (groups by %s):", g->options.group_by);
    for (size_t i = 0; i < NEGO_METRICS; i++) {
        double x = ego_metric(g, ego_metrics[i]);
        fprintf(f, "%s %s %s", i ? "," : "", ego_metrics[i], brokerage_text(x, num));
    }
    fputs("\n\nalters (distance, id, name, tie to the ego)\n", f);
    int idw = id_width(g);
    for (long d = 1; d <= g->radius; d++)
        for (size_t v = 0; v < g->n; v++)
            if (g->distance[v] == d)
                text_alter(g, f, v, idw);
}
