/* write_dot.c - DOT for Graphviz (neato -n, sfdp, neato, dot): every id
 * and label quoted and escaped, shape by kind, fill colour by community
 * from a colour scheme, fixed node size by options.size_by (the
 * pictures' look, place.h), pos="x,y!" when there is a layout: the
 * pictures' positions, the layout's moved apart so that no shape or label
 * overlaps another (place.h), penwidth by weight (never Graphviz's own
 * `weight`, which means something else).
 *
 * Legible with every engine: labels only on the nodes the pictures label
 * (picture.h: the options.label_top largest, names cut to PG_LABEL_CHARS
 * characters, 8 to 14 points by size), every name whole as a tooltip;
 * overlap=prism with sep="+4", which neato -n, neato and sfdp honour by
 * moving nodes apart until no shape or label overlaps another
 * (fixedsize=shape: a label wider than its node counts in full), up to
 * PRISM_NODES nodes; beyond, overlap=true (prism takes minutes there) and
 * neato -n draws the positions, already apart, as they are; dot's ranks
 * never overlap.
 *
 * Rules: the file always renders. Text from the data (the title, names,
 * relation types) is cut by picture.h's rule to PG_DOT_TEXT_BYTES bytes
 * once escaped, "…" after a cut (the other outputs keep it whole), so no
 * quoted string reaches Graphviz's limit; ids are short and plain (the
 * loader's id rule). Nothing XML 1.0 cannot carry is written
 * (pg_escape_dot), so the SVG Graphviz makes of it is well-formed. */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "render/palette.h"
#include "render/picture.h"
#include "render/place.h"
#include "write/escape.h"
#include "write/write.h"

static const char *const shapes[PG_KIND_COUNT] = {
    [PG_KIND_COUNTRY] = "box",
    [PG_KIND_PARTY] = "ellipse",
    [PG_KIND_MECHANISM] = "hexagon",
    [PG_KIND_EVENT] = "diamond",
    [PG_KIND_PERSON] = "triangle",
    [PG_KIND_NODE] = "octagon",
};

/* Edge pen widths in points (as in the pictures, render_graph.c). */
static const double min_pen = 0.5, max_pen = 4.0;

/* Graphviz's prism takes minutes beyond this many nodes (94 s for neato
 * -n at 30,000): a larger graph's file sets overlap=true, and its
 * positions, already apart, are drawn as they are. */
enum { PRISM_NODES = 5000 };

/* Where the nodes go: the pictures' positions (place.h), x[v], y[v]. */
typedef struct spots {
    double *x, *y;
} spots;

static void quoted(FILE *f, const char *s)
{
    putc('"', f);
    pg_escape_dot(f, s);
    putc('"', f);
}

/* Text from the data as a DOT string: `s` cut to PG_DOT_TEXT_BYTES
 * escaped bytes (see the top), then `suffix` (plain text of ours). */
static void text(FILE *f, const char *s, const char *suffix)
{
    size_t keep = pg_picture_cut_bytes(s, 0, PG_DOT_TEXT_BYTES, pg_escape_dot_size);
    putc('"', f);
    pg_escape_dot_n(f, s, keep);
    fputs(s[keep] ? "\xE2\x80\xA6" : "", f); /* U+2026 */
    fputs(suffix, f);
    putc('"', f);
}

/* A label: `s` cut by the pictures' rule to PG_LABEL_CHARS characters
 * (and PG_DOT_TEXT_BYTES bytes escaped), "…" after a cut. */
static void label(FILE *f, const char *s)
{
    size_t keep = pg_picture_cut_bytes(s, PG_LABEL_CHARS, PG_DOT_TEXT_BYTES, pg_escape_dot_size);
    putc('"', f);
    pg_escape_dot_n(f, s, keep);
    fputs(s[keep] ? "\xE2\x80\xA6\"" : "\"", f); /* U+2026 */
}

static void header(const pg_graph *g, FILE *f)
{
    bool prism = g->n <= PRISM_NODES;
    fputs("// ", f);
    pg_write_provenance(g, f);
    fputs(!g->has_layout ? "\n// render: sfdp -Tsvg graph.dot -o graph.svg (or dot, neato)"
          : prism ? "\n// render: neato -n -Tsvg graph.dot -o graph.svg (partygraph's layout), or sfdp -Tsvg (Graphviz's)"
                  : "\n// render: neato -n -Tsvg graph.dot -o graph.svg (partygraph's layout; for sfdp add -Goverlap=prism)", f);
    fputs("\ngraph \"partygraph\" {\n", f);
    /* neato -n, neato and sfdp move nodes apart until neither their shapes nor their labels overlap */
    fprintf(f, "  graph [charset=\"UTF-8\", outputorder=edgesfirst, overlap=%s, sep=\"+4\", splines=false,\n"
               "         fontname=\"Helvetica\", labelloc=t, fontsize=18", prism ? "prism" : "true");
    if (g->ds->title[0]) {
        fputs(", label=", f);
        text(f, g->ds->title, "");
    }
    fputs("];\n  node [colorscheme=" PG_PALETTE_SCHEME ", style=filled, fixedsize=shape, fontname=\"Helvetica\",\n"
          "        fontsize=8, color=\"#4d4d4d\", penwidth=0.6, label=\"\"];\n"
          "  edge [color=\"#66666680\"];\n", f);
}

static void fill(FILE *f, long community)
{
    if (community >= 0 && community < PG_PALETTE_SIZE) {
        fprintf(f, "%ld", community + 1);
        return;
    }
    pg_rgb c = pg_palette_rgb(community);
    fprintf(f, "\"#%02x%02x%02x\"", c.r, c.g, c.b);
}

/* The name as label (cut), in the look's size. */
static void node_label(const pg_graph *g, FILE *f, size_t v, double font)
{
    char size[PG_FMT_DOUBLE_SIZE];
    fputs("label=", f);
    label(f, pg_graph_node_label(g, v));
    fprintf(f, ", fontsize=%s, ", pg_fmt_fixed(font, 1, size));
}

static void node(const pg_graph *g, FILE *f, const spots *at, size_t v, bool labelled)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE];
    pg_kind kind = pg_graph_node_kind(g, v);
    pg_node_look look = pg_picture_look(g, v, labelled);
    fputs("  ", f);
    quoted(f, pg_graph_node_id(g, v));
    fputs(" [", f);
    if (labelled)
        node_label(g, f, v, look.font);
    fprintf(f, "shape=%s, fillcolor=", shapes[kind]);
    fill(f, g->community[v]);
    fprintf(f, ", width=%s, height=%s, ", pg_fmt_fixed(look.width, 3, w), pg_fmt_fixed(look.height, 3, h));
    if (at->x)
        fprintf(f, "pos=\"%s,%s!\", ", pg_fmt_fixed(at->x[v], 2, w), pg_fmt_fixed(at->y[v], 2, h));
    char kind_name[32];
    snprintf(kind_name, sizeof kind_name, " (%s)", pg_kind_name(kind));
    fputs("tooltip=", f);
    text(f, pg_graph_node_label(g, v), kind_name);
    fputs("];\n", f);
}

/* The edge attribute that draws an arrowhead at a directed edge's target
 * (both ends for a mutual one); "" for an undirected edge. */
static const char *arrows(const pg_edge_ends *ends)
{
    if (ends->forward == 0)
        return "";
    return ends->backward > 0 ? "dir=both, " : "dir=forward, ";
}

static void edge(const pg_graph *g, const pg_node_texts *ids, FILE *f, double max_weight, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    pg_edge_ends ends = pg_edge_orient(x);
    char pen[PG_FMT_DOUBLE_SIZE];
    double share = max_weight > 0 ? x->weight / max_weight : 0;
    fputs("  \"", f);
    fputs(pg_node_text(ids, (size_t)ends.source), f);
    fputs("\" -- \"", f);
    fputs(pg_node_text(ids, (size_t)ends.target), f);
    putc('"', f);
    fprintf(f, " [penwidth=%s, %stooltip=", pg_fmt_fixed(min_pen + (max_pen - min_pen) * share, 2, pen),
            arrows(&ends));
    text(f, x->types, "");
    fputs("];\n", f);
}

/* The pictures' positions of g's nodes (place.h) into *at, or none
 * (NULLs) when g has no layout. 0, or -1 when out of memory. */
static int spots_make(const pg_graph *g, const bool *labelled, spots *at)
{
    size_t n = g->n ? g->n : 1, left;
    pg_error err;
    *at = (spots){ NULL, NULL };
    if (!g->has_layout)
        return 0;
    at->x = malloc(n * sizeof *at->x);
    at->y = malloc(n * sizeof *at->y);
    if (at->x != NULL && at->y != NULL) {
        memcpy(at->x, g->x, g->n * sizeof *at->x);
        memcpy(at->y, g->y, g->n * sizeof *at->y);
        if (pg_picture_place(g, labelled, at->x, at->y, &left, &err) == PG_OK)
            return 0;
    }
    free(at->x);
    free(at->y);
    return -1;
}

static double heaviest(const pg_graph *g)
{
    double max_weight = 0;
    for (size_t e = 0; e < g->edges.len; e++)
        if (g->edges.items[e].weight > max_weight)
            max_weight = g->edges.items[e].weight;
    return max_weight;
}

void pg_write_dot(const pg_graph *g, FILE *f)
{
    pg_node_texts ids = { 0 };
    spots at = { NULL, NULL };
    bool *labelled = pg_picture_labelled_nodes(g);
    if (labelled == NULL || spots_make(g, labelled, &at) != 0 || pg_node_texts_make(g, pg_escape_dot, &ids) != 0) {
        errno = ENOMEM;
        goto cleanup;
    }
    double max_weight = heaviest(g);
    header(g, f);
    for (size_t v = 0; v < g->n; v++)
        node(g, f, &at, v, labelled[v]);
    for (size_t e = 0; e < g->edges.len; e++)
        edge(g, &ids, f, max_weight, e);
    fputs("}\n", f);
cleanup:
    pg_node_texts_free(&ids);
    free(labelled);
    free(at.x);
    free(at.y);
}
