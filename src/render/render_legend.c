/* render_legend.c - the legend of the pictures: a column of nodes half an
 * inch right of the drawing (and of its labels), from its top down:
 * "kinds", a row per kind present (its shape, its node count); then
 * "communities", a row per coloured community (the palette's, largest
 * first: colour, number, size and its three leading members on
 * options.size_by, names cut to 28 characters by picture.h's rule) and a
 * row counting the rest; then what the sizes and labels follow. A row is a swatch node and
 * a left-justified text node. Every legend node is named "legend N" (a
 * space: never an entity id) with SVG id "legend-N" and class "legend". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "base/strbuf.h"
#include "render/palette.h"
#include "render/canvas.h"

enum { MEMBERS = 3, NAME_CHARS = 28 };

/* In points: row height, gap to the drawing, swatch width, text sizes. */
static const double row_height = 18.0, gap = 36.0, swatch_width = 16.0, text_size = 10.0, header_size = 12.0;

/* A new legend node at (x, y) in points. */
static Agnode_t *legend_node(pg_canvas *c, double x, double y)
{
    char name[32], id[32], pos[2 * PG_FMT_DOUBLE_SIZE + 2], xs[PG_FMT_DOUBLE_SIZE], ys[PG_FMT_DOUBLE_SIZE];
    snprintf(name, sizeof name, "legend %zu", c->legend);
    snprintf(id, sizeof id, "legend-%zu", c->legend++);
    snprintf(pos, sizeof pos, "%s,%s!", pg_fmt_fixed(x, 2, xs), pg_fmt_fixed(y, 2, ys));
    Agnode_t *n = agnode(c->ag, name, 1);
    if (n == NULL || pg_gv_set(n, "id", id) != 0 || pg_gv_set(n, "class", "legend") != 0 || pg_gv_set(n, "pos", pos) != 0)
        return NULL;
    return n;
}

/* Row `row`'s text (already escaped for Graphviz), left-justified. */
static int text(pg_canvas *c, int row, const char *escaped, double size)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE], font[PG_FMT_DOUBLE_SIZE];
    double width = pg_gv_text_width(escaped, size) + 16; /* the label's margins: 8 points a side */
    double left = c->right + gap + swatch_width + 6 - 8;
    Agnode_t *n = legend_node(c, left + width / 2, c->top - row * row_height);
    size_t len = strlen(escaped);
    char *label = malloc(len + 3);
    if (n == NULL || label == NULL) {
        free(label);
        return -1;
    }
    snprintf(label, len + 3, "%s\\l", escaped);
    int rc = pg_gv_set(n, "shape", "plaintext") | pg_gv_set(n, "style", "") | pg_gv_set(n, "label", label) |
             pg_gv_set(n, "fontsize", pg_fmt_fixed(size, 1, font)) | pg_gv_set(n, "fixedsize", "false") |
             pg_gv_set(n, "width", pg_fmt_fixed(width / 72, 3, w)) |
             pg_gv_set(n, "height", pg_fmt_fixed(row_height / 72, 3, h));
    free(label);
    return rc;
}

/* Row `row`'s swatch: a node of this shape and fill. */
static int swatch(pg_canvas *c, int row, const char *shape, const char *fill)
{
    char w[PG_FMT_DOUBLE_SIZE], h[PG_FMT_DOUBLE_SIZE];
    Agnode_t *n = legend_node(c, c->right + gap + swatch_width / 2, c->top - row * row_height);
    if (n == NULL)
        return -1;
    return pg_gv_set(n, "shape", shape) | pg_gv_set(n, "fillcolor", fill) | pg_gv_set(n, "fixedsize", "true") |
           pg_gv_set(n, "width", pg_fmt_fixed(swatch_width / 72, 3, w)) |
           pg_gv_set(n, "height", pg_fmt_fixed(swatch_width * 0.7 / 72, 3, h));
}

/* The kinds present: "kinds", then "party: 12 nodes" beside an ellipse. */
static int kinds(pg_canvas *c, int *row)
{
    size_t count[PG_KIND_COUNT] = { 0 };
    for (size_t v = 0; v < c->g->n; v++)
        count[pg_graph_node_kind(c->g, v)]++;
    int rc = text(c, (*row)++, "kinds", header_size);
    for (int k = 0; k < PG_KIND_COUNT && rc == 0; k++) {
        char line[64];
        if (count[k] == 0)
            continue;
        snprintf(line, sizeof line, "%s: %zu node%s", pg_kind_name((pg_kind)k), count[k], count[k] == 1 ? "" : "s");
        rc = swatch(c, *row, pg_gv_shape((pg_kind)k), "white") | text(c, *row, line, text_size);
        (*row)++;
    }
    return rc;
}

/* The leading members of the coloured communities: members[c * MEMBERS
 * + i] is the i-th largest node of community c, or SIZE_MAX. */
static size_t *leading_members(const pg_canvas *c, size_t shown)
{
    size_t *members = malloc((shown ? shown : 1) * MEMBERS * sizeof *members);
    if (members == NULL)
        return NULL;
    for (size_t i = 0; i < shown * MEMBERS; i++)
        members[i] = SIZE_MAX;
    for (size_t i = 0; i < c->g->n; i++) {
        size_t v = c->order[i], com = (size_t)c->g->community[v];
        for (size_t k = 0; com < shown && k < MEMBERS; k++)
            if (members[com * MEMBERS + k] == SIZE_MAX) {
                members[com * MEMBERS + k] = v;
                break;
            }
    }
    return members;
}

/* "community 0 (12 nodes): A, B, C" for community `com`, escaped, in a
 * new string; NULL when out of memory. */
static char *community_line(const pg_canvas *c, size_t com, const size_t *members)
{
    size_t size = c->g->community_size[com], len = 96, k = 0;
    char *names[MEMBERS] = { NULL }, *line = NULL;
    for (; k < MEMBERS && members[k] != SIZE_MAX; k++) {
        if ((names[k] = pg_gv_escape(pg_graph_node_label(c->g, members[k]), PG_GV_LINE, NAME_CHARS)) == NULL)
            goto cleanup;
        len += strlen(names[k]) + 2;
    }
    if ((line = malloc(len)) == NULL)
        goto cleanup;
    pg_strbuf b = pg_strbuf_init(line, len);
    pg_strbuf_printf(&b, "community %zu (%zu node%s)%s", com, size, size == 1 ? "" : "s", k ? ": " : "");
    for (size_t i = 0; i < k; i++)
        pg_strbuf_printf(&b, "%s%s", i ? ", " : "", names[i]);
cleanup:
    for (size_t i = 0; i < MEMBERS; i++)
        free(names[i]);
    return line;
}

/* The coloured communities and a line for the others. */
static int communities(pg_canvas *c, int *row)
{
    const pg_graph *g = c->g;
    size_t shown = g->communities < PG_PALETTE_SIZE ? g->communities : PG_PALETTE_SIZE, rest = 0;
    size_t *members = leading_members(c, shown);
    int rc = members ? text(c, (*row)++, "communities", header_size) : -1;
    for (size_t com = 0; com < shown && rc == 0; com++, (*row)++) {
        char fill[8];
        char *line = community_line(c, com, members + com * MEMBERS);
        rc = line ? swatch(c, *row, "box", pg_gv_colour((long)com, fill)) | text(c, *row, line, text_size) : -1;
        free(line);
    }
    free(members);
    for (size_t com = shown; com < g->communities; com++)
        rest += g->community_size[com];
    if (rc == 0 && shown < g->communities) {
        char line[128];
        snprintf(line, sizeof line, "%zu more (%zu node%s), white", g->communities - shown, rest, rest == 1 ? "" : "s");
        rc = swatch(c, *row, "box", "white") | text(c, *row, line, text_size);
        (*row)++;
    }
    return rc;
}

/* What the sizes and the labels follow. */
static int sizes(pg_canvas *c, int row)
{
    char line[160];
    int top = c->g->options.label_top;
    if (top <= 0)
        snprintf(line, sizeof line, "size: %s; %s", c->g->options.size_by, top ? "every node labelled" : "no labels");
    else
        snprintf(line, sizeof line, "size: %s; labels: the %d largest node%s", c->g->options.size_by, top,
                 top == 1 ? "" : "s");
    return text(c, row, line, text_size);
}

pg_status pg_canvas_draw_legend(pg_canvas *c, pg_error *err)
{
    int row = 0;
    int rc = kinds(c, &row);
    row++;
    if (rc == 0 && c->g->communities > 0) {
        rc = communities(c, &row);
        row++;
    }
    if (rc == 0)
        rc = sizes(c, row);
    return rc == 0 ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory drawing the legend");
}
