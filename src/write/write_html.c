/* write_html.c - report.html: one self-contained page for looking at a
 * network in a browser with no network access. No external script, style,
 * font or image: the style and script of report_assets.c are embedded, and
 * the only references out are plain <a> links.
 *
 * The writer draws the SVG itself from the layout (y pointing down, as SVG
 * wants; without a layout, the nodes stand on a circle in id order): edges
 * as <line>, nodes as one element each (circle, square, hexagon, diamond
 * by kind) with a data-id and a <title>, the nodes picture.h labels
 * (options.label_top by options.size_by) labelled, names cut as it says.
 * Every node's data (the ranked metrics and the size metric) goes into the
 * page as one JSON object in <script type="application/json" id="pg-data">,
 * escaped by pg_escape_json_html so that no name can end the element; the
 * script builds the tables and tooltips from it with textContent only.
 * Markup text goes through pg_escape_xml, so the SVG is valid XML too.
 * The timeline (write_timeline.c) and the dataset's claims are static
 * tables, written here, in the order of timeline.csv and claims.csv.
 * Deterministic: no date, no random id. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/fmt.h"
#include "render/palette.h"
#include "render/picture.h"
#include "write/escape.h"
#include "write/report_assets.h"
#include "write/write.h"

static const double pi = 3.14159265358979323846;

/* Node radii and edge widths in points (the mean edge is 72), and the
 * margin around the drawing. */
static const double min_radius = 4.0, max_radius = 20.0, min_pen = 0.5, max_pen = 4.0, margin = 40.0;

/* Where the drawing's nodes go: the layout, flipped so that y points
 * down and shifted by the margin, or a circle. */
typedef struct frame {
    bool circle;          /* no layout: the nodes on a circle in id order */
    double xmin, ymax;    /* the layout's bounds */
    double radius;        /* the circle's */
    double width, height; /* the drawing, margins included */
} frame;

static frame make_frame(const pg_graph *g)
{
    frame fr = { .circle = !g->has_layout };
    if (fr.circle) {
        /* neighbours on the circle a mean edge apart, at least a mean edge from the centre */
        fr.radius = fmax(PG_LAYOUT_EDGE_LENGTH, PG_LAYOUT_EDGE_LENGTH * (double)g->n / (2 * pi));
        fr.width = fr.height = 2 * (fr.radius + margin);
        return fr;
    }
    double xmax = 0, ymin = 0;
    for (size_t v = 0; v < g->n; v++) {
        if (v == 0 || g->x[v] < fr.xmin)
            fr.xmin = g->x[v];
        if (v == 0 || g->x[v] > xmax)
            xmax = g->x[v];
        if (v == 0 || g->y[v] < ymin)
            ymin = g->y[v];
        if (v == 0 || g->y[v] > fr.ymax)
            fr.ymax = g->y[v];
    }
    fr.width = xmax - fr.xmin + 2 * margin;
    fr.height = fr.ymax - ymin + 2 * margin;
    return fr;
}

/* Node v's centre in the drawing. */
static void position(const pg_graph *g, const frame *fr, size_t v, double *x, double *y)
{
    if (fr->circle) {
        double angle = 2 * pi * (double)v / (double)g->n - pi / 2; /* from the top, clockwise */
        *x = margin + fr->radius * (1 + cos(angle));
        *y = margin + fr->radius * (1 + sin(angle));
    } else {
        *x = g->x[v] - fr->xmin + margin;
        *y = fr->ymax - g->y[v] + margin;
    }
}

static void text(FILE *f, const char *s)
{
    pg_escape_xml(f, s);
}

/* A number with two decimals, as SVG coordinates are written. */
static const char *coord(double x, char buf[PG_FMT_DOUBLE_SIZE])
{
    return pg_fmt_fixed(x, 2, buf);
}

static void head(const pg_graph *g, FILE *f)
{
    fputs("<!DOCTYPE html>\n<!-- ", f);
    pg_write_provenance(g, f);
    fputs(" -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    text(f, g->ds->title[0] ? g->ds->title : "partygraph report");
    fputs("</title>\n<style>\n", f);
    fputs(pg_report_css, f);
    fputs("</style>\n</head>\n", f);
}

/* "all dates", or the window as picture.h writes it. */
static void dates(const pg_graph *g, FILE *f)
{
    char buf[64];
    pg_strbuf b = pg_strbuf_init(buf, sizeof buf);
    fputs(pg_picture_window(&g->spec, &b) ? buf : "all dates", f);
}

/* The title, the view, the date window and the counts. */
static void facts(const pg_graph *g, FILE *f)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    fputs("<body>\n<header>\n<h1>", f);
    text(f, g->ds->title[0] ? g->ds->title : "partygraph report");
    fprintf(f, "</h1>\n<p class=\"facts\" id=\"pg-facts\">View: %s", pg_view_name(g->spec.view));
    if (pg_graph_projected(g))
        fprintf(f, " (%s projection)", pg_projection_name(g->spec.projection));
    fputs(" &middot; Dates: ", f);
    dates(g, f);
    fprintf(f, " &middot; %zu nodes, %zu edges, %zu communities", g->n, g->edges.len, g->communities);
    if (isfinite(g->modularity))
        fprintf(f, " (modularity %s)", pg_fmt_fixed(g->modularity, 3, buf));
    fprintf(f, ", %zu components</p>\n", g->components);
    if (g->ds->description[0]) {
        fputs("<p class=\"description\">", f);
        text(f, g->ds->description);
        fputs("</p>\n", f);
    }
    fputs("</header>\n", f);
}

/* How to read the picture: shapes, colours, sizes, labels. */
static void legend(const pg_graph *g, FILE *f)
{
    fputs("<p class=\"legend\">Shapes: &#9679; party, &#9632; country, &#11042; mechanism, &#9670; event. "
          "Colour: community. Size: ", f);
    text(f, g->options.size_by);
    if (g->options.label_top < 0)
        fputs(". Every node is labelled", f);
    else
        fprintf(f, ". Labels: the %d largest", g->options.label_top);
    if (g->has_layout)
        fprintf(f, ". Layout: %s, seed %lu", pg_layout_name(pg_layout_resolve(g->options.layout)),
                g->options.seed);
    fputs(". Scroll to zoom, drag to pan, hover over a node for its metrics.</p>\n", f);
    if (!g->has_layout)
        fputs("<p class=\"note\">No layout was computed (<code>--layout none</code>): the nodes stand on a circle "
              "in id order.</p>\n", f);
}

static void controls(FILE *f)
{
    fputs("<div class=\"controls\">\n"
          "<label for=\"pg-search\">Search</label>\n"
          "<input type=\"search\" id=\"pg-search\" placeholder=\"id or name\" autocomplete=\"off\" spellcheck=\"false\">\n"
          "<output id=\"pg-search-count\" for=\"pg-search\"></output>\n"
          "<button type=\"button\" data-zoom=\"in\" title=\"Zoom in\">+</button>\n"
          "<button type=\"button\" data-zoom=\"out\" title=\"Zoom out\">&minus;</button>\n"
          "<button type=\"button\" data-zoom=\"reset\">Whole network</button>\n"
          "</div>\n", f);
}

static void edge_line(const pg_graph *g, FILE *f, const frame *fr, double max_weight, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    pg_edge_ends ends = pg_edge_orient(x);
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE], c[PG_FMT_DOUBLE_SIZE], d[PG_FMT_DOUBLE_SIZE];
    double x1, y1, x2, y2, share = max_weight > 0 ? x->weight / max_weight : 0;
    position(g, fr, (size_t)ends.source, &x1, &y1);
    position(g, fr, (size_t)ends.target, &x2, &y2);
    fprintf(f, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"", coord(x1, a), coord(y1, b), coord(x2, c), coord(y2, d));
    fprintf(f, " stroke-width=\"%s\" data-source=\"", coord(min_pen + (max_pen - min_pen) * share, a));
    text(f, pg_graph_node_id(g, (size_t)ends.source));
    fputs("\" data-target=\"", f);
    text(f, pg_graph_node_id(g, (size_t)ends.target));
    fprintf(f, "\" data-direction=\"%s\"/>\n", ends.direction);
}

/* The points of a regular polygon of `corners` corners around (x, y),
 * the first at angle `start`. */
static void polygon(FILE *f, double x, double y, double r, int corners, double start)
{
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE];
    fputs("<polygon points=\"", f);
    for (int i = 0; i < corners; i++) {
        double angle = start + 2 * pi * i / corners;
        fprintf(f, "%s%s,%s", i ? " " : "", coord(x + r * cos(angle), a), coord(y + r * sin(angle), b));
    }
    putc('"', f);
}

/* The opening tag of node v's shape, open for its attributes; the area
 * of every shape is that of a circle of radius r. */
static void shape(FILE *f, pg_kind kind, double x, double y, double r)
{
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE], c[PG_FMT_DOUBLE_SIZE];
    switch (kind) {
    case PG_KIND_COUNTRY: {
        double half = r * sqrt(pi) / 2;
        fprintf(f, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", coord(x - half, a), coord(y - half, b),
                coord(2 * half, c), c);
        break;
    }
    case PG_KIND_MECHANISM: polygon(f, x, y, r * sqrt(2 * pi / (3 * sqrt(3))), 6, 0); break;
    case PG_KIND_EVENT: polygon(f, x, y, r * sqrt(pi / 2), 4, -pi / 2); break;
    case PG_KIND_PERSON: polygon(f, x, y, r * sqrt(4 * pi / (3 * sqrt(3))), 3, -pi / 2); break;
    default: fprintf(f, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"", coord(x, a), coord(y, b), coord(r, c));
    }
}

static const char *const shape_tags[PG_KIND_COUNT] = {
    [PG_KIND_COUNTRY] = "rect", [PG_KIND_PARTY] = "circle", [PG_KIND_MECHANISM] = "polygon", [PG_KIND_EVENT] = "polygon",
    [PG_KIND_PERSON] = "polygon",
};

static double radius(const pg_graph *g, size_t v)
{
    return min_radius + (max_radius - min_radius) * pg_node_size01(g, v);
}

static void node_shape(const pg_graph *g, FILE *f, const frame *fr, size_t v)
{
    double x, y;
    pg_kind kind = pg_graph_node_kind(g, v);
    pg_rgb rgb = pg_palette_rgb(g->community[v]);
    position(g, fr, v, &x, &y);
    shape(f, kind, x, y, radius(g, v));
    fprintf(f, " class=\"node\" fill=\"#%02x%02x%02x\" data-kind=\"%s\" data-id=\"", rgb.r, rgb.g, rgb.b,
            pg_kind_name(kind));
    text(f, pg_graph_node_id(g, v));
    fputs("\"><title>", f);
    text(f, pg_graph_node_label(g, v));
    fprintf(f, " (%s)</title></%s>\n", pg_kind_name(kind), shape_tags[kind]);
}

/* A label: the name, cut as pg_picture_cut says. */
static void label_text(FILE *f, const char *name)
{
    char part[4 * PG_LABEL_CHARS]; /* a cut name keeps PG_LABEL_CHARS - 1 characters */
    size_t keep = pg_picture_cut(name, PG_LABEL_CHARS);
    if (name[keep] == '\0') {
        text(f, name);
        return;
    }
    memcpy(part, name, keep);
    part[keep] = '\0';
    text(f, part);
    fputs("&#8230;", f);
}

/* Node v's label under its shape. */
static void node_label(const pg_graph *g, FILE *f, const frame *fr, size_t v)
{
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE];
    double x, y;
    position(g, fr, v, &x, &y);
    fprintf(f, "<text x=\"%s\" y=\"%s\" data-id=\"", coord(x, a), coord(y + radius(g, v) + 8, b));
    text(f, pg_graph_node_id(g, v));
    fputs("\">", f);
    label_text(f, pg_graph_node_label(g, v));
    fputs("</text>\n", f);
}

/* The drawing: edges first, then nodes, then the labels of the nodes
 * picture.h says (in id order) on top. */
static void picture(const pg_graph *g, FILE *f, const bool *labelled)
{
    frame fr = make_frame(g);
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE];
    double max_weight = 0;
    for (size_t e = 0; e < g->edges.len; e++)
        max_weight = fmax(max_weight, g->edges.items[e].weight);
    fprintf(f, "<svg id=\"pg-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" role=\"img\" "
               "aria-label=\"The network\">\n<g class=\"edges\">\n", coord(fr.width, w), coord(fr.height, h));
    for (size_t e = 0; e < g->edges.len; e++)
        edge_line(g, f, &fr, max_weight, e);
    fputs("</g>\n<g class=\"nodes\">\n", f);
    for (size_t v = 0; v < g->n; v++)
        node_shape(g, f, &fr, v);
    fputs("</g>\n<g class=\"labels\">\n", f);
    for (size_t v = 0; v < g->n; v++)
        if (labelled[v])
            node_label(g, f, &fr, v);
    fputs("</g>\n</svg>\n<div id=\"pg-tooltip\" role=\"tooltip\" hidden></div>\n", f);
}

static void tables(const pg_graph *g, FILE *f)
{
    fputs("<section>\n<h2>Rankings</h2>\n<p>One row per node, ranked by ", f);
    text(f, g->options.size_by);
    fputs(" (#); click a column to sort by it, again to reverse.</p>\n"
          "<div class=\"scroll\"><table id=\"pg-rankings\"></table></div>\n</section>\n"
          "<section>\n<h2>Communities</h2>\n<p>One row per community, with its largest members by ", f);
    text(f, g->options.size_by);
    fputs(".</p>\n<div class=\"scroll\"><table id=\"pg-communities\"></table></div>\n</section>\n"
          "<noscript><p>The tables, tooltips, search and zoom need JavaScript.</p></noscript>\n", f);
}

/* A table's header row, from `columns`. */
static void table_head(FILE *f, const char *const *columns, int n)
{
    fputs("<thead><tr>", f);
    for (int k = 0; k < n; k++)
        fprintf(f, "<th>%s</th>", columns[k]);
    fputs("</tr></thead>\n<tbody>\n", f);
}

/* One row of the timeline table. */
static void timeline_row(void *data, const char *const cell[PG_TIMELINE_COLUMNS])
{
    FILE *f = data;
    fputs("<tr>", f);
    for (int k = 0; k < PG_TIMELINE_COLUMNS; k++) {
        fputs("<td>", f);
        text(f, cell[k]);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* The timeline, in date order (timeline.csv's rows); false when out of
 * memory. */
static bool timeline(const pg_graph *g, FILE *f)
{
    fputs("<section>\n<h2>Timeline</h2>\n<p>Every dated event and relation", f);
    fputs(g->spec.windowed ? " in the window" : "", f);
    fputs(", in date order: the record behind the network.</p>\n"
          "<div class=\"scroll\"><table id=\"pg-timeline\">\n", f);
    table_head(f, pg_timeline_columns, PG_TIMELINE_COLUMNS);
    int rc = pg_timeline_each(g, timeline_row, f);
    fputs("</tbody></table></div>\n</section>\n", f);
    return rc == 0;
}

static void td(FILE *f, const char *s)
{
    fputs("<td>", f);
    text(f, s);
    fputs("</td>", f);
}

/* One claim's row: entity, date, measure, value, qualifier, unit,
 * sources, quote. */
static bool claim_row(const pg_graph *g, FILE *f, const pg_claim *c)
{
    char date[16], num[PG_FMT_DOUBLE_SIZE];
    char *sources = pg_sources_joined(g->ds, c->sources);
    fputs("<tr>", f);
    td(f, g->ds->entities.items[c->entity].id);
    td(f, pg_date_format(c->date, date, sizeof date));
    td(f, c->measure);
    fprintf(f, "<td class=\"num\">%s</td>", pg_fmt_double(c->value, num));
    td(f, c->qualifier);
    td(f, c->unit);
    td(f, sources ? sources : "");
    td(f, c->text);
    fputs("</tr>\n", f);
    free(sources);
    return sources != NULL;
}

/* The dataset's claims, as claims.csv has them; none: no section. False
 * when out of memory. */
static bool claims(const pg_graph *g, FILE *f)
{
    static const char *const columns[] = { "entity", "date", "measure", "value", "qualifier", "unit", "source", "text" };
    const pg_claim **order = g->ds->claims.len ? pg_claims_sorted(g->ds) : NULL;
    bool ok = g->ds->claims.len == 0 || order != NULL;
    if (!ok || g->ds->claims.len == 0)
        return ok;
    fputs("<section>\n<h2>Claims</h2>\n<p>What the sources claim, by entity, measure, unit and date; a unit "
          "is a series of its own.</p>\n<div class=\"scroll\"><table id=\"pg-claims\">\n", f);
    table_head(f, columns, 8);
    for (size_t i = 0; ok && i < g->ds->claims.len; i++)
        ok = claim_row(g, f, order[i]);
    fputs("</tbody></table></div>\n</section>\n", f);
    free(order);
    return ok;
}

static void key_string(pg_jsonw *w, const char *key, const char *value)
{
    pg_jsonw_key(w, key);
    pg_jsonw_string(w, value);
}

/* Is metric m in the page's data: a ranked metric, or the size metric? */
static bool listed(const pg_graph *g, int m)
{
    return g->metric_on[m] && (pg_metric_table()[m].order != PG_RANK_NONE || m == pg_metric_index(g->options.size_by));
}

/* One node: id, name, kind, country, community, rank by size_by and the
 * listed metrics, in the order of the "metrics" member. */
static void json_node(const pg_graph *g, pg_jsonw *w, const long *rank, size_t v)
{
    long country = pg_dataset_country_of(g->ds, g->entity[v]);
    pg_jsonw_open(w, '{', true);
    key_string(w, "id", pg_graph_node_id(g, v));
    key_string(w, "name", pg_graph_node_label(g, v));
    key_string(w, "kind", pg_kind_name(pg_graph_node_kind(g, v)));
    key_string(w, "country", country >= 0 ? g->ds->entities.items[country].name : NULL);
    pg_jsonw_key(w, "community");
    pg_jsonw_long(w, g->community[v]);
    pg_jsonw_key(w, "rank");
    if (rank[v] > 0)
        pg_jsonw_long(w, rank[v]);
    else
        pg_jsonw_string(w, NULL);
    pg_jsonw_key(w, "values");
    pg_jsonw_open(w, '[', true);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (listed(g, m))
            pg_jsonw_number(w, VECTOR(g->metric[m])[v]);
    pg_jsonw_close(w);
    pg_jsonw_close(w);
}

/* The page's data: the size metric, the names of the listed metrics (the
 * ranked ones and the size metric, in the table's order), the nodes in id
 * order and the communities with their colours. */
static void data(const pg_graph *g, FILE *f, const long *rank)
{
    pg_jsonw w;
    pg_jsonw_init(&w, f);
    w.html = true;
    fputs("<script type=\"application/json\" id=\"pg-data\">\n", f);
    pg_jsonw_open(&w, '{', false);
    key_string(&w, "size_by", g->options.size_by);
    pg_jsonw_key(&w, "metrics");
    pg_jsonw_open(&w, '[', true);
    for (int m = 0; m < PG_METRIC_COUNT; m++)
        if (listed(g, m))
            pg_jsonw_string(&w, pg_metric_table()[m].name);
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "nodes");
    pg_jsonw_open(&w, '[', false);
    for (size_t v = 0; v < g->n; v++)
        json_node(g, &w, rank, v);
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "communities");
    pg_jsonw_open(&w, '[', false);
    for (size_t c = 0; c < g->communities; c++) {
        char colour[8];
        pg_rgb rgb = pg_palette_rgb((long)c);
        snprintf(colour, sizeof colour, "#%02x%02x%02x", rgb.r, rgb.g, rgb.b);
        pg_jsonw_open(&w, '{', true);
        pg_jsonw_key(&w, "size");
        pg_jsonw_long(&w, (long)g->community_size[c]);
        key_string(&w, "color", colour);
        pg_jsonw_close(&w);
    }
    pg_jsonw_close(&w);
    pg_jsonw_close(&w);
    fputs("</script>\n", f);
}

static void footer(FILE *f)
{
    fprintf(f, "<footer>Made by partygraph %s with <a href=\"https://igraph.org\">igraph</a> %s.</footer>\n",
            PG_VERSION, pg_igraph_version());
    fputs("<script>\n", f);
    fputs(pg_report_js, f);
    fputs("</script>\n</body>\n</html>\n", f);
}

void pg_write_html(const pg_graph *g, FILE *f)
{
    size_t n = g->n ? g->n : 1;
    long *rank = malloc(n * sizeof *rank);
    size_t *order = malloc(n * sizeof *order);
    bool *labelled = calloc(n, sizeof *labelled);
    if (rank == NULL || order == NULL || labelled == NULL || pg_picture_order(g, rank, order) != 0) {
        errno = ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < g->n; i++)
        labelled[order[i]] = pg_picture_labelled(g, i);
    head(g, f);
    facts(g, f);
    legend(g, f);
    controls(f);
    picture(g, f, labelled);
    tables(g, f);
    if (!pg_graph_is_cut(g) && (!timeline(g, f) || !claims(g, f))) /* the dataset's record: not an ego's */
        errno = ENOMEM;
    data(g, f, rank);
    footer(f);
cleanup:
    free(rank);
    free(order);
    free(labelled);
}
