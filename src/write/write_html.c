/* write_html.c - report.html: one self-contained page for looking at a
 * network in a browser with no network access. No external script, style,
 * font or image: the style and script of report_assets.c are embedded, and
 * the only references out are plain <a> links.
 *
 * The writer draws the SVG itself from the layout (y pointing down, as SVG
 * wants; without a layout, the nodes stand on a circle in id order),
 * made legible by separate.h: the nodes are moved apart, keeping the
 * layout's arrangement, until no two shapes overlap and the labels
 * picture.h chose (options.label_top by options.size_by, names cut as it
 * says) have room under their shapes; a label that still covers a shape
 * or a more important label is left out (the name stays in the <title>).
 * Edges are <line>s with their ends' ids, direction, types and first day
 * (data-first); nodes one element each (circle, square, hexagon, diamond,
 * triangle by kind) with a data-id, an event's first day (data-date) and a
 * <title>; labels <text data-id> in <g class="labels">, whose attributes
 * give their font.
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
#include "render/place.h"
#include "render/separate.h"
#include "write/escape.h"
#include "write/report_assets.h"
#include "write/write.h"

static const double pi = 3.14159265358979323846;

/* Node radii and edge widths in points (the mean edge is 72), the margin
 * around the drawing, the labels' font size, the room between a shape and
 * its label, and the room kept between any two boxes (shapes, labels). */
static const double min_radius = 4.0, max_radius = 20.0, min_pen = 0.5, max_pen = 4.0, margin = 40.0;
static const double font_size = 8.0, label_gap = 2.0, box_gap = 2.0;

/* The shapes: a regular polygon of `corners` corners (0: a circle, 4 with
 * `square`: an upright square), its circumradius over the radius of the
 * circle of the same area, and the angle of its first corner. */
typedef struct shape_spec {
    int corners;
    bool square;
    double scale, start;
    const char *tag;
} shape_spec;

static shape_spec shape_of(pg_kind kind)
{
    switch (kind) {
    case PG_KIND_COUNTRY: return (shape_spec){ 4, true, sqrt(pi / 2), -pi / 4, "rect" };
    case PG_KIND_MECHANISM: return (shape_spec){ 6, false, sqrt(2 * pi / (3 * sqrt(3))), 0, "polygon" };
    case PG_KIND_EVENT: return (shape_spec){ 4, false, sqrt(pi / 2), -pi / 2, "polygon" };
    case PG_KIND_PERSON: return (shape_spec){ 3, false, sqrt(4 * pi / (3 * sqrt(3))), -pi / 2, "polygon" };
    case PG_KIND_NODE: return (shape_spec){ 8, false, sqrt(pi / (2 * sqrt(2))), -pi / 8, "polygon" };
    default: return (shape_spec){ 0, false, 1, 0, "circle" };
    }
}

/* The box of a shape of radius r: the circle's, or its corners'. */
static pg_sep_box shape_box(pg_kind kind, double r)
{
    shape_spec s = shape_of(kind);
    pg_sep_box b = { r, r, r, r };
    if (s.corners > 0)
        b = (pg_sep_box){ 0, 0, 0, 0 };
    for (int i = 0; i < s.corners; i++) {
        double angle = s.start + 2 * pi * i / s.corners, x = r * s.scale * cos(angle), y = r * s.scale * sin(angle);
        b.left = fmax(b.left, -x), b.right = fmax(b.right, x), b.up = fmax(b.up, -y), b.down = fmax(b.down, y);
    }
    return b;
}

static double radius(const pg_graph *g, size_t v)
{
    return min_radius + (max_radius - min_radius) * pg_node_size01(g, v);
}

/* The box of a label under a shape of box `shape`, around the same point. */
static pg_sep_box label_box(const pg_sep_box *shape, double width)
{
    return (pg_sep_box){ width / 2, width / 2, -shape->down - label_gap, shape->down + label_gap + 1.2 * font_size };
}

/* The box holding both boxes a and b (around the same point). */
static pg_sep_box box_union(const pg_sep_box *a, const pg_sep_box *b)
{
    return (pg_sep_box){ fmax(a->left, b->left), fmax(a->right, b->right), fmax(a->up, b->up), fmax(a->down, b->down) };
}

/* The drawing: each node's place (y pointing down) and box, its label's
 * box, whether its label is drawn, and the drawing's bounds. */
typedef struct drawing {
    pg_sep_item *node;  /* place and shape box */
    pg_sep_box *label;  /* label box, around the node's place */
    bool *labelled;     /* on entry: picture.h's choice; after placing: drawn */
    double x0, y0, width, height; /* the drawing's corner and size, margins included */
} drawing;

/* The circle the nodes stand on without a layout: neighbours a mean edge
 * apart, at least a mean edge from the centre (the separation makes room
 * for labels). */
static double circle_radius(size_t n)
{
    return fmax(PG_LAYOUT_EDGE_LENGTH, PG_LAYOUT_EDGE_LENGTH * (double)n / (2 * pi));
}

/* Where the layout put the nodes (y flipped to point down), or a circle
 * in id order from the top, clockwise. */
static void first_places(const pg_graph *g, drawing *d)
{
    double r = g->has_layout ? 0 : circle_radius(g->n);
    for (size_t v = 0; v < g->n; v++) {
        double angle = 2 * pi * (double)v / (double)g->n - pi / 2;
        d->node[v].x = g->has_layout ? g->x[v] : r * cos(angle);
        d->node[v].y = g->has_layout ? -g->y[v] : r * sin(angle);
    }
}

/* The drawing's bounds: every shape and every drawn label, and the margin. */
static void bounds(const pg_graph *g, drawing *d)
{
    double x1 = 0, y1 = 0;
    for (size_t v = 0; v < g->n; v++) {
        const pg_sep_item *p = &d->node[v];
        pg_sep_box b = d->labelled[v] ? box_union(&p->box, &d->label[v]) : p->box;
        if (v == 0 || p->x - b.left < d->x0)
            d->x0 = p->x - b.left;
        if (v == 0 || p->y - b.up < d->y0)
            d->y0 = p->y - b.up;
        x1 = v == 0 ? p->x + b.right : fmax(x1, p->x + b.right);
        y1 = v == 0 ? p->y + b.down : fmax(y1, p->y + b.down);
    }
    d->x0 -= margin, d->y0 -= margin;
    d->width = x1 + margin - d->x0, d->height = y1 + margin - d->y0;
}

/* Each node's shape box and label box. */
static void boxes(const pg_graph *g, drawing *d)
{
    for (size_t v = 0; v < g->n; v++) {
        d->node[v].box = shape_box(pg_graph_node_kind(g, v), radius(g, v));
        d->label[v] = label_box(&d->node[v].box, pg_picture_label_width(g, v, font_size));
    }
}

/* Moves the nodes apart with the boxes of the labels picture.h chose
 * (the shape's and the label's together), so that labels have room. */
static pg_status separate_labelled(const pg_graph *g, drawing *d, pg_error *err)
{
    static const pg_sep_options how = { .spacing = 3 * min_radius + box_gap, .gap = box_gap, .rounds = 100,
                                        .spreads = 4 };
    pg_sep_item *both = malloc((g->n ? g->n : 1) * sizeof *both);
    size_t left;
    if (both == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory drawing the report");
    for (size_t v = 0; v < g->n; v++)
        both[v] = (pg_sep_item){ d->node[v].x, d->node[v].y,
                                 d->labelled[v] ? box_union(&d->node[v].box, &d->label[v]) : d->node[v].box };
    pg_status st = pg_separate(both, g->n, &how, &left, err);
    for (size_t v = 0; st == PG_OK && v < g->n; v++)
        d->node[v].x = both[v].x, d->node[v].y = both[v].y;
    free(both);
    return st;
}

/* Places the nodes: their boxes, the first places, the separation with
 * the labels, then of the shapes alone (until none overlaps), then the
 * labels that fit, most important first; then the bounds. */
static pg_status place(const pg_graph *g, drawing *d, const size_t *order, pg_error *err)
{
    static const pg_sep_options shapes = { .spacing = 0, .gap = box_gap, .rounds = 100, .spreads = 30 };
    size_t left;
    boxes(g, d);
    first_places(g, d);
    pg_status st = separate_labelled(g, d, err);
    if (st == PG_OK)
        st = pg_separate(d->node, g->n, &shapes, &left, err);
    if (st == PG_OK)
        st = pg_separate_labels(d->node, d->label, order, g->n, box_gap, d->labelled, err);
    if (st == PG_OK)
        bounds(g, d);
    return st;
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

/* The report's heading, as the pictures' title: the dataset's title, or
 * its file's base name when it has none. */
static const char *report_name(const pg_graph *g)
{
    const char *slash = strrchr(g->ds->file, '/');
    return g->ds->title[0] ? g->ds->title : slash ? slash + 1 : g->ds->file;
}

/* "1 component", "2 components": the noun for `n`. */
static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void head(const pg_graph *g, FILE *f)
{
    fputs("<!DOCTYPE html>\n<!-- ", f);
    pg_write_provenance(g, f);
    fputs(" -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    text(f, report_name(g));
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
    text(f, report_name(g));
    fprintf(f, "</h1>\n<p class=\"facts\" id=\"pg-facts\">View: %s", pg_view_name(g->spec.view));
    if (pg_graph_projected(g))
        fprintf(f, " (%s projection)", pg_projection_name(g->spec.projection));
    fputs(" &middot; Dates: ", f);
    dates(g, f);
    fprintf(f, " &middot; %zu %s, %zu %s, %zu %s", g->n, plural(g->n, "node", "nodes"), g->edges.len,
            plural(g->edges.len, "edge", "edges"), g->communities, plural(g->communities, "community", "communities"));
    if (isfinite(g->modularity))
        fprintf(f, " (modularity %s)", pg_fmt_fixed(g->modularity, 3, buf));
    fprintf(f, ", %zu %s</p>\n", g->components, plural(g->components, "component", "components"));
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
    fputs("<p class=\"legend\">Shapes: &#9679; party, &#9632; country, &#11042; mechanism, &#9670; event, &#9650; person",
          f);
    fputs(pg_dataset_kind_count(g->ds, PG_KIND_NODE) > 0 ? ", &#11203; node. " : ". ", f);
    fputs("Colour: community. Size: ", f);
    text(f, g->options.size_by);
    if (g->options.label_top < 0)
        fputs(". Every node is labelled", f);
    else
        fprintf(f, ". Labels: the %d largest", g->options.label_top);
    if (g->has_layout)
        fprintf(f, ". Layout: %s, seed %lu", pg_layout_name(pg_layout_resolve(g->options.layout)),
                g->options.seed);
    fputs(". Scroll to zoom, drag to pan, hover over a node for its metrics, click it for its ties (Escape "
          "clears); the checkboxes show or hide a kind, the slider (when the data has dates) shows the network "
          "as of a date.</p>\n", f);
    if (g->n == 0)
        fputs("<p class=\"note\">The network has no nodes: there is nothing to draw.</p>\n", f);
    else if (!g->has_layout)
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
          "</div>\n<div class=\"controls\" id=\"pg-filters\" aria-label=\"What is shown\"></div>\n", f);
}

/* A day as "YYYY-MM-DD". */
static const char *day(long yyyymmdd, char buf[PG_DAY_SIZE])
{
    return pg_picture_day(yyyymmdd, buf);
}

/* Edge e as a <line> between its ends, with its ends' ids, direction,
 * types and, when dated, the first day of its first date (data-first). */
static void edge_line(const pg_graph *g, FILE *f, const drawing *d, double max_weight, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    pg_edge_ends ends = pg_edge_orient(x);
    const pg_sep_item *s = &d->node[ends.source], *t = &d->node[ends.target];
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE], c[PG_FMT_DOUBLE_SIZE], w[PG_FMT_DOUBLE_SIZE];
    double share = max_weight > 0 ? x->weight / max_weight : 0;
    fprintf(f, "<line x1=\"%s\" y1=\"%s\"", coord(s->x - d->x0, a), coord(s->y - d->y0, b));
    fprintf(f, " x2=\"%s\" y2=\"%s\"", coord(t->x - d->x0, a), coord(t->y - d->y0, c));
    fprintf(f, " stroke-width=\"%s\" data-source=\"", coord(min_pen + (max_pen - min_pen) * share, w));
    text(f, pg_graph_node_id(g, (size_t)ends.source));
    fputs("\" data-target=\"", f);
    text(f, pg_graph_node_id(g, (size_t)ends.target));
    fprintf(f, "\" data-direction=\"%s\" data-types=\"", ends.direction);
    text(f, x->types ? x->types : "");
    if (pg_date_is_set(x->first))
        fprintf(f, "\" data-first=\"%s", day(pg_date_first_day(x->first), a));
    fputs("\"/>\n", f);
}

/* Node v's shape at (x, y), radius r: the opening tag, open for its
 * attributes; the area of every shape is that of a circle of radius r. */
static void shape(FILE *f, pg_kind kind, double x, double y, double r)
{
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE], c[PG_FMT_DOUBLE_SIZE];
    shape_spec s = shape_of(kind);
    if (s.corners == 0) {
        fprintf(f, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"", coord(x, a), coord(y, b), coord(r, c));
    } else if (s.square) {
        double half = r * s.scale / sqrt(2);
        fprintf(f, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", coord(x - half, a), coord(y - half, b),
                coord(2 * half, c), c);
    } else {
        fputs("<polygon points=\"", f);
        for (int i = 0; i < s.corners; i++) {
            double angle = s.start + 2 * pi * i / s.corners;
            fprintf(f, "%s%s,%s", i ? " " : "", coord(x + r * s.scale * cos(angle), a),
                    coord(y + r * s.scale * sin(angle), b));
        }
        putc('"', f);
    }
}

/* Node v's shape with its colour, kind, id, date (the first day of an
 * event's date, data-date) and name as its <title>. */
static void node_shape(const pg_graph *g, FILE *f, const drawing *d, size_t v)
{
    char buf[PG_DAY_SIZE];
    pg_kind kind = pg_graph_node_kind(g, v);
    pg_rgb rgb = pg_palette_rgb(g->community[v]);
    pg_date date = pg_node_entity(g, v)->date;
    shape(f, kind, d->node[v].x - d->x0, d->node[v].y - d->y0, radius(g, v));
    fprintf(f, " class=\"node\" fill=\"#%02x%02x%02x\" data-kind=\"%s\"", rgb.r, rgb.g, rgb.b, pg_kind_name(kind));
    if (pg_date_is_set(date))
        fprintf(f, " data-date=\"%s\"", day(pg_date_first_day(date), buf));
    fputs(" data-id=\"", f);
    text(f, pg_graph_node_id(g, v));
    fputs("\"><title>", f);
    text(f, pg_graph_node_label(g, v));
    fprintf(f, " (%s)</title></%s>\n", pg_kind_name(kind), shape_of(kind).tag);
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

/* Node v's label under its shape, its baseline 0.9 font sizes under the
 * top of its box. */
static void node_label(const pg_graph *g, FILE *f, const drawing *d, size_t v)
{
    char a[PG_FMT_DOUBLE_SIZE], b[PG_FMT_DOUBLE_SIZE];
    const pg_sep_item *p = &d->node[v];
    fprintf(f, "<text x=\"%s\" y=\"%s\" data-id=\"", coord(p->x - d->x0, a),
            coord(p->y - d->y0 - d->label[v].up + 0.9 * font_size, b));
    text(f, pg_graph_node_id(g, v));
    fputs("\">", f);
    label_text(f, pg_graph_node_label(g, v));
    fputs("</text>\n", f);
}

/* The drawing: edges first, then nodes, then the labels that fit on top
 * (their font in the attributes of their group, for tools reading the
 * SVG). */
static void picture(const pg_graph *g, FILE *f, const drawing *d)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE];
    double max_weight = 0;
    for (size_t e = 0; e < g->edges.len; e++)
        max_weight = fmax(max_weight, g->edges.items[e].weight);
    fprintf(f, "<div class=\"stage\">\n<svg id=\"pg-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" "
               "role=\"img\" aria-label=\"The network\">\n<g class=\"edges\">\n", coord(d->width, w), coord(d->height, h));
    for (size_t e = 0; e < g->edges.len; e++)
        edge_line(g, f, d, max_weight, e);
    fputs("</g>\n<g class=\"nodes\">\n", f);
    for (size_t v = 0; v < g->n; v++)
        node_shape(g, f, d, v);
    fprintf(f, "</g>\n<g class=\"labels\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" "
               "font-size=\"%s\" text-anchor=\"middle\">\n", coord(font_size, w));
    for (size_t v = 0; v < g->n; v++)
        if (d->labelled[v])
            node_label(g, f, d, v);
    fputs("</g>\n</svg>\n<aside id=\"pg-details\" aria-live=\"polite\" hidden></aside>\n</div>\n"
          "<div id=\"pg-tooltip\" role=\"tooltip\" hidden></div>\n", f);
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

/* The page after its head: facts, legend, controls, the drawing, tables,
 * the dataset's record (not an ego's), the data, the script. */
static void page(const pg_graph *g, FILE *f, const drawing *d, const long *rank)
{
    head(g, f);
    facts(g, f);
    legend(g, f);
    controls(f);
    picture(g, f, d);
    tables(g, f);
    if (!pg_graph_is_cut(g) && (!timeline(g, f) || !claims(g, f)))
        errno = ENOMEM;
    data(g, f, rank);
    footer(f);
}

void pg_write_html(const pg_graph *g, FILE *f)
{
    size_t n = g->n ? g->n : 1;
    long *rank = malloc(n * sizeof *rank);
    size_t *order = malloc(n * sizeof *order);
    drawing d = { malloc(n * sizeof *d.node), malloc(n * sizeof *d.label), calloc(n, sizeof *d.labelled), 0, 0, 0, 0 };
    pg_error err;
    if (rank == NULL || order == NULL || d.node == NULL || d.label == NULL || d.labelled == NULL
        || pg_picture_order(g, rank, order) != 0) {
        errno = ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < g->n; i++)
        d.labelled[order[i]] = pg_picture_labelled(g, i);
    if (place(g, &d, order, &err) != PG_OK) {
        errno = ENOMEM;
        goto cleanup;
    }
    page(g, f, &d, rank);
cleanup:
    free(rank);
    free(order);
    free(d.node);
    free(d.label);
    free(d.labelled);
}
