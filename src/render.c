/* render.c - the pictures graph.svg, graph.png and graph.pdf, drawn with
 * Graphviz's library: the graph and its legend are built in memory
 * (render_graph.c, render_legend.c), laid out with the "nop" engine,
 * which keeps the given positions (neato -n), and rendered into memory:
 * SVG by Graphviz's own renderer, PNG and PDF by cairo. SVG and PDF keep
 * the drawing's size in points; a PNG is drawn at 96 dpi, or at the lower
 * resolution that makes its longer side png_max_pixels when it would be
 * larger, so that a large network's raster stays a few tens of megabytes
 * in memory.
 *
 * Rules: Graphviz never prints (its messages are caught; the last one
 * explains a failure, PG_EINTERNAL) and never writes to the stream itself
 * (it exits on a failed write), so the picture is rendered into memory
 * and written with fwrite, whose errors pg_write finds with ferror().
 * cairo stamps PDFs with the time: the /CreationDate entry is blanked
 * with spaces (offsets unchanged), so the same input gives the same
 * bytes. Each picture's graph and layout are released before returning;
 * the Graphviz context (its plugins, its font cache) is made once and kept
 * for the process: Graphviz 2.42's pango plugin caches a pointer to a font
 * name the context owns, so a second context after gvFreeContext reads
 * freed memory (AddressSanitizer catches it). The nop engine's node list,
 * which Graphviz 2.42 leaves behind, is freed here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "render.h"
#include "write.h"

/* The PNG's longer side at most, in pixels; its resolution when that
 * allows (Graphviz's default); the margin around the drawing in points
 * (the graph's pad, render_graph.c). */
static const double png_max_pixels = 4000.0, png_dpi = 96.0, png_pad = 0.3 * 72;

/* Blanks the value and key of "/CreationDate (...)" in PDF `data`. */
static void drop_creation_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (";
    size_t klen = sizeof key - 1;
    for (size_t i = 0; i + klen <= len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        size_t end = i + klen;
        while (end < len && data[end] != ')' && data[end] != '\n')
            end++;
        if (end < len && data[end] == ')')
            memset(data + i, ' ', end + 1 - i);
        return;
    }
}

/* Renders the laid-out canvas as `format` and writes it to `f`. */
static pg_status emit(pg_canvas *c, const char *format, FILE *f, pg_error *err)
{
    char *data = NULL;
    unsigned int len = 0;
    if (gvRenderData(c->gvc, c->ag, format, &data, &len) != 0) {
        if (data)
            gvFreeRenderData(data);
        return pg_error_set(err, PG_EINTERNAL, "%s", pg_gv_message("draw the picture"));
    }
    if (strncmp(format, "pdf", 3) == 0)
        drop_creation_date(data, len);
    fwrite(data, 1, len, f);
    gvFreeRenderData(data);
    return PG_OK;
}

/* For a PNG: the resolution that keeps its longer side within
 * png_max_pixels (96 dpi when that does), set on the laid-out graph. */
static void png_resolution(pg_canvas *c)
{
    boxf bb = GD_bb(c->ag);
    double side = fmax(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y) + 2 * png_pad; /* points */
    GD_drawing(c->ag)->dpi = fmin(png_dpi, floor(png_max_pixels * 72 / side * 1000) / 1000);
}

/* Builds the graph and the legend and lays them out; sets *laid_out. */
static pg_status draw(pg_canvas *c, bool png, bool *laid_out, pg_error *err)
{
    pg_status st = pg_canvas_draw_graph(c, err);
    if (st == PG_OK)
        st = pg_canvas_draw_legend(c, err);
    if (st != PG_OK)
        return st;
    if (gvLayout(c->gvc, c->ag, "nop") != 0)
        return pg_error_set(err, PG_EINTERNAL, "%s", pg_gv_message("lay out the picture"));
    *laid_out = true;
    if (png)
        png_resolution(c);
    return PG_OK;
}

/* The process's Graphviz context, made on first use (see the top). */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (gvc == NULL)
        gvc = gvContext();
    return gvc;
}

/* Draws analysed `g` and writes it to `f` in Graphviz output `format`. */
static pg_status render(const pg_graph *g, FILE *f, const char *format, pg_error *err)
{
    pg_canvas c = { .g = g };
    bool laid_out = false;
    agusererrf previous = pg_gv_capture();
    c.gvc = context();
    pg_status st = c.gvc ? draw(&c, strncmp(format, "png", 3) == 0, &laid_out, err)
                         : pg_error_set(err, PG_ENOMEM, "out of memory drawing the picture");
    if (st == PG_OK)
        st = emit(&c, format, f, err);
    if (laid_out) {
        /* Graphviz 2.42's nop engine never frees its node list (scan_graph_mode) */
        free(GD_neato_nlist(c.ag));
        GD_neato_nlist(c.ag) = NULL;
        gvFreeLayout(c.gvc, c.ag);
    }
    if (c.ag)
        agclose(c.ag);
    free(c.nodes);
    free(c.order);
    free(c.x);
    free(c.y);
    free(c.half);
    agseterrf(previous);
    return st;
}

pg_status pg_write_svg(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "svg", err);
}

pg_status pg_write_png(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "png:cairo", err);
}

pg_status pg_write_pdf(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "pdf:cairo", err);
}
