/* write_dot.c - DOT for Graphviz (sfdp for large graphs, dot, neato):
 * every id and label quoted and escaped, shape by kind, fill colour by
 * community from a colour scheme, fixed node size by options.size_by,
 * pos="x,y!" from the layout when there is one (fixedsize=
 * shape: the label may overflow, without warnings), penwidth by
 * weight (never Graphviz's own `weight`, which means something else).
 *
 * Rules: the file always renders. Text from the data (the title, names,
 * relation types) is cut by picture.h's rule to PG_DOT_TEXT_BYTES bytes
 * once escaped, "…" after a cut (the other outputs keep it whole), so no
 * quoted string reaches Graphviz's limit; ids are short and plain (the
 * loader's id rule). Nothing XML 1.0 cannot carry is written
 * (pg_escape_dot), so the SVG Graphviz makes of it is well-formed. */

#include "base/fmt.h"
#include "render/palette.h"
#include "render/picture.h"
#include "write/escape.h"
#include "write/write.h"

static const char *const shapes[PG_KIND_COUNT] = {
    [PG_KIND_COUNTRY] = "box",
    [PG_KIND_PARTY] = "ellipse",
    [PG_KIND_MECHANISM] = "hexagon",
    [PG_KIND_EVENT] = "diamond",
    [PG_KIND_PERSON] = "triangle",
};

/* Node widths in inches, and edge pen widths in points. */
static const double min_width = 0.3, max_width = 1.5, min_pen = 0.5, max_pen = 4.0;

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

static void header(const pg_graph *g, FILE *f)
{
    fputs("// ", f);
    pg_write_provenance(g, f);
    fputs(g->has_layout ? "\n// render: neato -n -Tsvg graph.dot -o graph.svg (partygraph's layout), or sfdp -Tsvg (Graphviz's)"
                        : "\n// render: sfdp -Tsvg graph.dot -o graph.svg (or dot, neato)", f);
    fputs("\ngraph \"partygraph\" {\n", f);
    /* with positions, overlap removal would move them: neato -n keeps them only with overlap=true */
    fprintf(f, "  graph [charset=\"UTF-8\", outputorder=edgesfirst, overlap=%s, splines=false,\n"
               "         fontname=\"Helvetica\", labelloc=t, fontsize=18", g->has_layout ? "true" : "prism");
    if (g->ds->title[0]) {
        fputs(", label=", f);
        text(f, g->ds->title, "");
    }
    fputs("];\n  node [colorscheme=" PG_PALETTE_SCHEME ", style=filled, fixedsize=shape, fontname=\"Helvetica\",\n"
          "        fontsize=8, color=\"#4d4d4d\", penwidth=0.6];\n"
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

static void node(const pg_graph *g, FILE *f, size_t v)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE];
    pg_kind kind = pg_graph_node_kind(g, v);
    double width = min_width + (max_width - min_width) * pg_node_size01(g, v);
    fputs("  ", f);
    quoted(f, pg_graph_node_id(g, v));
    fputs(" [label=", f);
    text(f, pg_graph_node_label(g, v), "");
    fprintf(f, ", shape=%s, fillcolor=", shapes[kind]);
    fill(f, g->community[v]);
    fprintf(f, ", width=%s, height=%s, ", pg_fmt_fixed(width, 3, w),
            pg_fmt_fixed(kind == PG_KIND_PARTY || kind == PG_KIND_COUNTRY ? width * 0.6 : width * 0.8, 3, h));
    if (g->has_layout)
        fprintf(f, "pos=\"%s,%s!\", ", pg_fmt_fixed(g->x[v], 2, w), pg_fmt_fixed(g->y[v], 2, h));
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

void pg_write_dot(const pg_graph *g, FILE *f)
{
    pg_node_texts ids;
    if (pg_node_texts_make(g, pg_escape_dot, &ids) != 0)
        return; /* errno is ENOMEM */
    double max_weight = 0;
    for (size_t e = 0; e < g->edges.len; e++)
        if (g->edges.items[e].weight > max_weight)
            max_weight = g->edges.items[e].weight;
    header(g, f);
    for (size_t v = 0; v < g->n; v++)
        node(g, f, v);
    for (size_t e = 0; e < g->edges.len; e++)
        edge(g, &ids, f, max_weight, e);
    fputs("}\n", f);
    pg_node_texts_free(&ids);
}
